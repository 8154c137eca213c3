"""The staff workspace in real Chromium: a police complaint from triage to the Commission's
decision and its notification letter, each step by the role the law gives it."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests import factories

pytestmark = pytest.mark.browser
TODAY = date.today().isoformat()


class Workspace:
    """A staff member's browser: sign in and out, open cases, fire actions through their forms.

    Actions are found by the label of their `<details>` summary, as a person finds them."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def sign_in(self, user: Any) -> None:
        self.page.goto("/staff/login")
        self.page.fill("#email", user.email)
        self.page.fill("#password", factories.PASSWORD)
        self.page.locator("main button[type=submit]").click()
        expect(self.page).to_have_url(re.compile(r"/staff/my-work$"))

    def sign_out(self) -> None:
        self.page.locator("header.site button", has_text="Sign out").click()
        expect(self.page).to_have_url(re.compile(r"/staff/login$"))

    def open(self, path: str) -> None:
        self.page.goto(path)

    def action(self, label: str) -> Any:
        """Open the action's form and return it."""
        box = self.page.locator("details.action", has=self.page.locator(
            "summary", has_text=re.compile(f"^{re.escape(label)}$")))
        box.locator("summary").click()
        return box.locator("form")

    def submit(self, form: Any, *, expect_ok: bool = True) -> None:
        """Send the form; an irreversible step's confirmation page is read and confirmed."""
        with self.page.expect_navigation():
            form.locator("button[type=submit]").click()
        confirm = self.page.locator("main button[name=confirmed]")
        if confirm.count():
            expect(self.page.locator("#consequence")).to_contain_text("cannot be undone")
            with self.page.expect_navigation():
                confirm.click()
        if expect_ok:
            expect(self.page.locator(".flash.success")).to_be_visible()

    def blocked(self) -> str:
        return str(self.page.locator("ul.blocked").inner_text())

    def state(self) -> str:
        return str(self.page.locator("h1 .state").inner_text())


def test_a_police_complaint_goes_from_triage_to_a_notified_decision(
        page: Any, session: Any, users: Any) -> None:
    complaint = factories.complaint(session, police=True)
    ws = Workspace(page)

    # The officer takes the complaint from the queue, triages it and drafts the IGAI referral.
    ws.sign_in(users.officer)
    page.locator("#unassigned ~ table a", has_text=complaint.reference).click()
    form = ws.action("Assign")
    form.locator("select").select_option(label=users.officer.name)
    ws.submit(form)
    ws.submit(ws.action("Start triage"))
    assert ws.state() == "triage"
    assert "cannot leave triage until a disciplinary referral" in ws.blocked()
    page.locator("summary", has_text="Draft a referral").click()
    page.select_option("#ref-body", "igai")
    page.select_option("#ref-purpose", "disciplinary")
    page.fill("#ref-summary", "Insultos racistas por agente da PSP na estação da Reboleira.")
    with page.expect_navigation():
        page.locator("form[action$='/referrals'] button[type=submit]").click()
    expect(page.locator(".flash.success")).to_contain_text("Referral drafted")
    ws.sign_out()

    # The president approves it (someone other than its drafter); the officer sends it: only
    # a referral sent to the force's oversight body lets the complaint leave triage.
    ws.sign_in(users.president)
    page.locator("#waiting ~ table a", has_text="Referral").first.click()
    ws.submit(ws.action("Approve"))
    assert "Approved byPresident" in page.locator("dl.facts").first.inner_text().replace("\n", "")
    referral_url = page.url
    ws.sign_out()
    ws.sign_in(users.officer)
    ws.open(referral_url)
    form = ws.action("Send")
    form.locator("input[type=date]").fill(TODAY)
    form.locator("select[name$='channel']").select_option("email")
    ws.submit(form)
    ws.sign_out()

    # The president opens a proceeding.
    ws.sign_in(users.president)
    ws.open(referral_url)
    page.locator("dl.facts a", has_text=complaint.reference).first.click()
    form = ws.action("Open a proceeding")
    form.locator("select[name$='instructor']").select_option(label=users.officer.name)
    ws.submit(form)
    assert ws.state() == "proceeding opened"
    page.locator("p a", has_text="Proceeding PCO-").click()
    proceeding_url = page.url
    ws.sign_out()

    # The officer instructs: accusation, defence, report.
    ws.sign_in(users.officer)
    ws.open(proceeding_url)
    ws.submit(ws.action("Start instruction"))
    # The accusation cannot be notified before its facts charged and norms are written.
    texts = page.locator("details.edit", has=page.locator("summary", has_text="Write the texts"))
    texts.locator("summary").click()
    texts.locator("textarea[name$='facts_charged']").fill(
        "Em 2 de março de 2026 o agente insultou o queixoso em razão da cor da pele.")
    texts.locator("textarea[name$='norms']").fill(
        "Alínea i) do n.º 2 do artigo 4.º e n.º 1 do artigo 16.º da Lei n.º 93/2017.")
    ws.submit(texts.locator("form"))
    form = ws.action("Notify the accusation")
    form.locator("input[type=date]").fill(TODAY)
    ws.submit(form)
    form = ws.action("Record the defence")
    form.locator("input[type=date]").fill(TODAY)
    form.locator("textarea").fill("O arguido nega ter proferido as expressões.")
    ws.submit(form)
    ws.submit(ws.action("Close instruction"))
    form = ws.action("Submit the final report")
    form.locator("textarea").fill("Propõe-se coima de EUR 1 500,00.")
    ws.submit(form)
    assert ws.state() == "awaiting decision"
    # The instructor cannot record the decision: it is not offered, and the reason is given.
    decide = page.locator("details.action summary", has_text="Record the Commission")
    expect(decide).to_have_count(0)
    assert "Record the Commission's decision: Only a commissioner may do this." in ws.blocked()
    ws.sign_out()

    # A commissioner tries a fine above the maximum, is told the bounds, then decides.
    ws.sign_in(users.commissioner)
    page.locator("#waiting ~ table a", has_text="Proceeding").first.click()
    bounds = page.locator("[id$='-bounds']").first.text_content() or ""
    low, high = re.findall(r"EUR ([\d,]+\.\d\d)", bounds)
    form = ws.action("Record the Commission's decision")
    form.locator("input[type=date]").fill(TODAY)
    form.locator("select[id$='-outcome']").select_option("fine")
    form.locator("input[id$='-amount']").fill("99999")
    ws.submit(form, expect_ok=False)
    refused = page.locator("details.action[open] .error-message").first
    expect(refused).to_contain_text(f"between EUR {low} and EUR {high}")
    form = page.locator("details.action[open] form")
    assert form.locator("input[id$='-amount']").input_value() == "99999"  # kept, to correct
    amount = low.replace(",", "")  # the minimum: a police force is fined as a legal person
    form.locator("input[id$='-amount']").fill(amount)
    ws.submit(form)
    assert ws.state() == "decided"
    ws.sign_out()

    # The officer writes the decision's texts, then generates the decision notification: a
    # PDF with the facts, the reasons and the appeal information.
    ws.sign_in(users.officer)
    ws.open(proceeding_url)
    texts = page.locator("details.edit", has=page.locator("summary", has_text="Write the texts"))
    texts.locator("summary").click()
    for name, words in (("facts_proven", "O agente insultou o queixoso."),
                        ("evidence", "Depoimento de duas testemunhas presenciais."),
                        ("reasons", "A defesa não afastou os depoimentos.")):
        texts.locator(f"textarea[name$='{name}']").fill(words)
    ws.submit(texts.locator("form"))
    with page.expect_navigation():
        page.locator("#documents button", has_text="Generate notification of the decision").click()
    link = page.locator("#documents a", has_text=".pdf").first
    expect(link).to_be_visible()
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf.body())).pages)
    text = re.sub(r"\s+", " ", text)
    assert "impugnação judicial" in text and "20 dias úteis" in text
    assert "A defesa não afastou os depoimentos." in text
    whole, cents = amount.split(".")
    assert re.search(rf"{whole[:-3]}[ .\u00a0]?{whole[-3:]},{cents}", text), text[:2000]
    form = ws.action("Notify the decision")
    form.locator("input[type=date]").fill(TODAY)
    ws.submit(form)
    assert ws.state() == "notified"

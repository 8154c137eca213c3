"""The portal in real Chromium: file a complaint against a PSP officer with two attachments, in
Portuguese and in Arabic; follow it; exchange messages; answer an officer's request; and the
same form completed with the keyboard alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from cicdr.models import Attachment, AuditEvent, Complaint
from tests import factories

pytestmark = pytest.mark.browser
PNG = b"\x89PNG\r\n\x1a\n" + bytes(300)
PDF = b"%PDF-1.4\n" + b"1 0 obj\n<<>>\nendobj\n" * 20


def evidence(tmp_path: Path) -> list[str]:
    photo, letter = tmp_path / "fotografia.png", tmp_path / "testemunho.pdf"
    photo.write_bytes(PNG)
    letter.write_bytes(PDF)
    return [str(photo), str(letter)]


def next_step(page: Any) -> None:
    page.locator(".buttons button[value=next]").click()


def file_against_psp(page: Any, files: list[str], description: str) -> tuple[str, str]:
    """Fill every step by mouse and typing, as a person would; return reference and code."""
    page.locator("a.cta").click()
    page.check("#complainant_type-0")
    page.fill("#name", "Ana Ferreira")
    page.fill("#email", "ana@example.org")
    page.check("#contact_channel-0")
    next_step(page)

    page.fill("#facts_date", "2026-10-30")
    page.select_option("#district", "lisboa")
    page.fill("#place", "Amadora, estação da Reboleira")
    page.select_option("#context", "security_forces")
    page.check("input[name=practice][value=i]")
    page.fill("#description", description)
    next_step(page)

    page.check("input[name=grounds][value=colour]")
    page.fill("#expression_colour", "por ser negra")
    next_step(page)

    police = page.locator("#respondents-0-security_force")
    expect(police).to_be_hidden()  # asked only once the kind is "security force" (waits)
    page.select_option("#respondents-0-kind", "security_force")
    page.select_option("#respondents-0-security_force", "psp")
    page.fill("#respondents-0-unit", "Esquadra da Reboleira")
    page.fill("#respondents-0-officer_identification", "agente n.º 1234")
    next_step(page)

    page.locator("button[value=add-witness]").click()
    page.fill("#witnesses-0-name", "Rui Costa")
    next_step(page)

    page.set_input_files("#files", files)
    next_step(page)

    page.wait_for_url(re.compile(r".*/complaint/review(#.*)?$"))
    expect(page.locator(".summary").filter(has_text="Esquadra da Reboleira")).to_have_count(1)
    expect(page.locator(".summary").filter(has_text="fotografia.png")).to_have_count(1)
    page.check("#withhold_identity")
    page.check("#consent")
    page.locator(".buttons button[value=submit]").click()
    page.wait_for_url(re.compile(r".*/complaint/done(#.*)?$"))
    reference = page.locator("#reference").inner_text()
    code = page.locator("#access-code").inner_text()
    assert re.fullmatch(r"QN-\d{4}-\d{5}", reference)
    assert re.fullmatch(r"([A-Z2-9]{5}-){3}[A-Z2-9]{5}", code)
    return reference, code


def follow(page: Any, reference: str, code: str) -> None:
    page.goto("/follow")
    page.fill("#reference", reference)
    page.fill("#code", code)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/follow/case")


def officer_requests_information(browser: Any, base_url: str, reference: str,
                                 question: str) -> None:
    """An officer, in their own browser, starts triage and asks the complainant a question."""
    context = browser.new_context(base_url=base_url)
    staff = context.new_page()
    staff.goto("/staff/login")
    staff.fill("#email", "officer@test.cicdr.pt")
    staff.fill("#password", factories.PASSWORD)
    staff.locator("form button[type=submit]").click()
    staff.goto(f"/staff/complaints/{reference}")
    staff.locator("summary", has_text="Start triage").click()
    staff.locator("details[open] form button[type=submit]").click()
    staff.locator("summary", has_text="Request information").click()
    staff.locator("details[open] textarea").fill(question)
    with staff.expect_navigation():
        staff.locator("details[open] form button[type=submit]").click()
    # Asking the complainant cannot be undone (their term starts): the officer confirms.
    with staff.expect_navigation():
        staff.locator("main button[name=confirmed]").click()
    expect(staff.locator(".state").first).to_contain_text("awaiting information")
    context.close()


def test_a_complaint_against_a_psp_officer_in_portuguese(page: Any, browser: Any,
                                                         live_server: str, session: Any,
                                                         tmp_path: Path) -> None:
    factories.staff(session)
    page.goto("/?lang=pt")
    assert page.locator("html").get_attribute("lang") == "pt"
    reference, code = file_against_psp(
        page, evidence(tmp_path), "Dois agentes revistaram-me e chamaram-me nomes racistas.")

    follow(page, reference, code)
    page.fill("#message-body", "Tenho mais uma testemunha.")
    page.locator("#messages ~ form button, form[action$='/message'] button").first.click()
    expect(page.locator("ol.messages")).to_contain_text("Tenho mais uma testemunha.")

    officer_requests_information(browser, live_server, reference,
                                 "Indique a hora aproximada dos factos.")
    page.reload()
    assert "Indique a hora aproximada dos factos." in page.locator("blockquote").inner_text()
    page.fill("#answer-body", "Por volta das 18h30.")
    page.locator("form[action$='/answer'] button").click()
    expect(page.locator(".flash.success")).to_have_count(1)

    session.expire_all()
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    assert complaint.state == "triage" and complaint.respondents[0].security_force == "psp"
    names = session.scalars(select(Attachment.filename).where(
        Attachment.complaint_id == complaint.id))
    assert sorted(names) == ["fotografia.png", "testemunho.pdf"]
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type == "complaint", AuditEvent.subject_id == complaint.id)
        .order_by(AuditEvent.seq)).all()
    changes = [(e.action, e.role) for e in events if not e.action.startswith("access.")]
    assert changes == [
        ("submit", "complainant"), ("message", "complainant"), ("start_triage", "officer"),
        ("request_information", "officer"), ("information_received", "complainant")]
    assert ("access.view", "officer") in [(e.action, e.role) for e in events]


def test_the_same_flow_in_arabic_is_right_to_left(page: Any, browser: Any, live_server: str,
                                                  session: Any, tmp_path: Path) -> None:
    factories.staff(session)
    page.goto("/?lang=ar")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    reference, code = file_against_psp(page, evidence(tmp_path),
                                       "أوقفني شرطيان وشتماني بسبب لون بشرتي أمام الجميع.")
    assert page.locator("html").get_attribute("dir") == "rtl"
    follow(page, reference, code)
    assert page.locator("html").get_attribute("dir") == "rtl"
    officer_requests_information(browser, live_server, reference, "ما هو الوقت التقريبي؟")
    page.reload()
    page.fill("#answer-body", "حوالي الساعة السادسة مساءً.")
    page.locator("form[action$='/answer'] button").click()
    expect(page.locator(".flash.success")).to_have_count(1)
    session.expire_all()
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    assert (complaint.language, complaint.state) == ("ar", "triage")


# -- keyboard only ------------------------------------------------------------------------------

def tab_to(page: Any, selector: str, limit: int = 120) -> None:
    """Press Tab until the element is focused (it must be reachable by keyboard), and check
    that the focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector):
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline not in ("none", ""), f"no visible focus on {selector}"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def choose(page: Any, selector: str, value: str) -> None:
    """Pick an option of a focused <select> with the arrow keys."""
    tab_to(page, selector)
    for _ in range(40):
        if page.evaluate("s => document.querySelector(s).value", selector) == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} not reachable in {selector}")


def type_into(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def press(page: Any, selector: str, key: str = "Space") -> None:
    tab_to(page, selector)
    page.keyboard.press(key)


def test_the_form_can_be_completed_with_the_keyboard_alone(page: Any, session: Any) -> None:
    page.goto("/?lang=en")
    tab_to(page, "a.cta")
    page.keyboard.press("Enter")
    page.wait_for_url("**/complaint/about-you")

    press(page, "#complainant_type-0")
    type_into(page, "#name", "Ana Ferreira")
    type_into(page, "#email", "ana@example.org")
    press(page, "#contact_channel-0")
    press(page, ".buttons button[value=next]", "Enter")
    page.wait_for_url("**/what-happened")

    tab_to(page, "#facts_date")
    page.keyboard.type("30102026")  # Chromium's date field: day, month, year in en locale
    if page.evaluate("() => document.querySelector('#facts_date').value") != "2026-10-30":
        page.keyboard.press("Shift+Tab")  # month-first locales: type it that way instead
        page.keyboard.press("Shift+Tab")
        page.keyboard.type("10302026")
    assert page.evaluate("() => document.querySelector('#facts_date').value") == "2026-10-30"
    choose(page, "#district", "lisboa")
    type_into(page, "#place", "Amadora")
    choose(page, "#context", "commerce")
    type_into(page, "#description", "The shop owner refused to serve me because I am Roma.")
    press(page, ".buttons button[value=next]", "Enter")
    page.wait_for_url("**/why")

    press(page, "input[name=grounds][value=racial_ethnic_origin]")
    type_into(page, "#expression_racial_ethnic_origin", "Roma")
    press(page, ".buttons button[value=next]", "Enter")
    page.wait_for_url("**/who-did-it")

    choose(page, "#respondents-0-kind", "private_legal_person")
    type_into(page, "#respondents-0-name", "Mercearia Central")
    press(page, ".buttons button[value=next]", "Enter")
    page.wait_for_url("**/people")
    press(page, ".buttons button[value=next]", "Enter")
    page.wait_for_url("**/evidence")
    press(page, ".buttons button[value=next]", "Enter")
    page.wait_for_url("**/review")

    press(page, "#consent")
    press(page, ".buttons button[value=submit]", "Enter")
    page.wait_for_url("**/complaint/done")
    reference = page.locator("#reference").inner_text()
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    assert complaint.respondents[0].name == "Mercearia Central"
    assert complaint.context == "commerce" and complaint.language == "en"

"""Every staff page in Portuguese, without an English string left (issue 15, part 1).

Walks every staff GET route of the URL map (like `test_route_matrix`) over a dataset with
complaints in several states, a police complaint with its disciplinary referral, a proceeding
with a decision, referrals drafted and sent, so the pages show their forms, blocked reasons,
history, deadlines and diagrams; signed in as each role with the Portuguese locale. It fails on

- catalogue misses: a gettext wrapper records every msgid looked up in the Portuguese
  catalogue without a translation (staff strings must all be translated, none fuzzy);
- tell-tale English words in the visible text, and raw codes (`non_opening_comment`).

The same pages in English still render, and the case-history PDF in Portuguese names its
deadlines in words. The pages a post answers with are held to Portuguese too: the confirmation
of an irreversible step (and the history of the confirmed step), the instructor's texts form and
the refusals about it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from babel.support import Translations
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from werkzeug.datastructures import MultiDict

from cicdr.forms.complaint import STEPS
from cicdr.services.admin import four_eyes, reference_data
from cicdr.services.casework import incidents
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import UploadedFile
from tests import decisions, factories
from tests.conftest import AuthActions
from tests.services.test_legal_paths import open_proceeding, triaged
from tests.web.confirming import confirm, confirmation_form, is_confirmation
from workflows.defaults import DEFAULT_RULES
from workflows.irreversible import consequence
from workflows.tables import DEFAULT_TABLES

ROLES = ("officer", "president", "commissioner", "auditor", "admin")
START = date(2026, 3, 2)

# Words a Portuguese page never holds, unless an English string slipped through. Whole words,
# case-sensitive where a Portuguese word shares the letters.
ENGLISH = re.compile(r"\b(?:the|The|and|with|of|from|not|none|None|is|are|was|this|This|"
                     r"Complaint|complaint|Proceeding|proceeding|Referral|referral|Deadline|"
                     r"deadline|Assign|assigned|Overdue|overdue|Save|Sign out|Sign in|received|"
                     r"Received|triage|Actions|Timeline|Files|Search|Export|Record|Submit|"
                     r"Decision|Respondent|respondent|Not available|due in|days left|nobody|"
                     r"History|Description|Reference|State|Cases|My work|Add|Delete|Create|"
                     r"Open|Close|Send|Draft|Approve|Reset|Verify|yes|Yes|unknown|"
                     r"months|days|officer|president|commissioner|admin|account)\b")
RAW_CODE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")
# Pages walked (they must render) but not yet held to Portuguese: none.
NOT_YET_PORTUGUESE: set[str] = set()


class VisibleText(HTMLParser):
    """The text a person reads: element text and the alt/aria-label/placeholder attributes;
    not scripts, styles, <code> and <pre> (identifiers, hashes and recorded data shown as
    such), nor elements in another language (`lang` other than pt, e.g. "English")."""

    SKIP = {"script", "style", "code", "pre", "textarea"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: is its text skipped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skipped = bool(self.stack and self.stack[-1]) or tag in self.SKIP or (
            values.get("lang") not in (None, "pt") and tag != "html")
        if not skipped:
            self.parts += [v for k, v in attrs
                           if k in ("alt", "aria-label", "placeholder") and v]
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]) and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


EMAIL = re.compile(r"\S+@\S+")


def english_in(text: str) -> list[str]:
    """The lines of `text` with tell-tale English words or raw codes (e-mail addresses, which
    hold role names such as officer@..., left out)."""
    found = []
    for line in EMAIL.sub("", text).splitlines():
        words = [m.group(0) for m in ENGLISH.finditer(line)]
        words += [w for w in re.split(r"[\s,;:.()“”\"'«»—→/]+", line) if RAW_CODE.match(w)]
        if words:
            found.append(f"{'/'.join(words)}: {line[:120]}")
    return found


@dataclass
class Misses:
    """Msgids looked up in the Portuguese catalogue without a translation, by page."""

    page: str = ""
    found: dict[str, set[str]] = field(default_factory=dict)

    def add(self, msgid: str) -> None:
        if self.page not in NOT_YET_PORTUGUESE:
            self.found.setdefault(msgid, set()).add(self.page)


@pytest.fixture
def misses(monkeypatch: pytest.MonkeyPatch) -> Misses:
    """Wrap the catalogue look-ups (flask_babel's gettext, lazy_gettext, the templates' `_` and
    `ngettext` all end in these two) and record what the Portuguese catalogue lacks."""
    record = Misses()
    gettext, ngettext = Translations.ugettext, Translations.ungettext

    def portuguese(catalogue: Any) -> bool:
        return any("/pt/" in str(f) for f in getattr(catalogue, "files", ()))

    def checked_gettext(self: Any, message: str) -> str:
        if portuguese(self) and message and not self._catalog.get(message):
            record.add(message)
        return gettext(self, message)

    def checked_ngettext(self: Any, singular: str, plural: str, n: int) -> str:
        if portuguese(self) and not self._catalog.get((singular, 0)):
            record.add(singular)
        return ngettext(self, singular, plural, n)

    monkeypatch.setattr(Translations, "ugettext", checked_gettext)
    monkeypatch.setattr(Translations, "ungettext", checked_ngettext)
    return record


@dataclass(frozen=True)
class Dataset:
    """The records the URLs point at."""

    complaints: tuple[str, ...]
    proceedings: tuple[str, ...]
    referrals: tuple[int, ...]
    attachment: int
    user: int
    proposed: str  # a complaint whose non-opening is proposed (a comment deadline runs)


def _day(n: int) -> date:
    return START + timedelta(days=n)


@pytest.fixture
def dataset(session: Any, users: Any) -> Dataset:
    """Complaints received, in triage with information asked, with a non-opening proposed,
    archived (the step confirmed on its page), forwarded; a police complaint with its
    disciplinary referral; a proceeding decided and notified (fine with an accessory sanction,
    admonition; the respondents' texts written), another in instruction with a pending request
    (no texts: the letters say what is missing), a third final with its fine unpaid (the
    payment term running; the texts no longer editable);
    referrals drafted, approved and sent."""
    o, pr = users.officer, users.president
    received = factories.complaint(session, today=_day(0),
                                   files=[UploadedFile("foto.png", "image/png", b"\x89PNG pt")])
    asked = factories.complaint(session, today=_day(0))
    fire(session, asked, "start_triage", o, today=_day(1))
    fire(session, asked, "assign", o, today=_day(1), assignee=o.id)
    fire(session, asked, "request_information", o, today=_day(2), question="Quando?")
    proposed = factories.complaint(session, today=_day(0))
    fire(session, proposed, "start_triage", o, today=_day(1))
    fire(session, proposed, "propose_non_opening", pr, today=_day(2),
         reason_code="manifestly_unfounded", reason="Sem fundamento.")
    archived = factories.complaint(session, today=_day(0))
    fire(session, archived, "archive", o, today=_day(1), reason_code="duplicate",
         duplicate_of=received.reference, confirmation=consequence("complaint", "archive"))
    forwarded = factories.complaint(session, today=_day(0), context="labour")
    fire(session, forwarded, "start_triage", o, today=_day(1))
    fire(session, forwarded, "forward", o, today=_day(2), body="act", reason="Laboral.")
    police = factories.complaint(session, today=_day(0), police=True)
    fire(session, police, "start_triage", o, today=_day(1))
    disciplinary = draft_referral(session, police, body="igai", purpose="disciplinary",
                                  actor=o, summary="Conduta policial.")
    fire(session, disciplinary, "approve", pr, today=_day(3))
    fire(session, disciplinary, "send", o, today=_day(4), sent_on=_day(4).isoformat(),
         channel="email")
    prosecutor = draft_referral(session, police, body="mp", purpose="prosecutor", actor=o,
                                summary="Possível crime.")
    decided = decisions.decided(session, users, START,
                                [decisions.company(), decisions.person()],
                                [decisions.FINE, decisions.ADMONITION])
    final = decisions.final(session, users, START, [decisions.company("Café Central, Lda.")],
                            [decisions.FINE])  # the fine unpaid: paying
    instructing = factories.complaint(session, today=_day(0))
    fire(session, instructing, "start_triage", o, today=_day(1))
    fire(session, instructing, "open_proceeding", pr, today=_day(2), instructor=o.id)
    p = instructing.proceeding
    fire(session, p, "start_instruction", o, today=_day(3))
    fire(session, p, "request_entity_information", o, today=_day(4), entity="Câmara Municipal",
         request="Licença do estabelecimento.")
    # What main added since: two complaints in one incident, a closure day, a pending request
    # for a second approval (the approvals page lists it with its role names).
    incidents.same_incident(session, received, asked, o)
    reference_data.add_closure_day(session, users.admin, "2026-12-24", "Tolerância de ponto.")
    four_eyes.ask(session, users.officer2, users.admin, "role",
                  {"role": {"old": "officer", "new": "president"}})
    session.commit()
    # A complaint the prosecutor concluded (its outcome shown in words), one withdrawn by the
    # complainant and waiting for the president's decision.
    concluded = factories.complaint(session, today=_day(0))
    fire(session, concluded, "start_triage", o, today=_day(1))
    to_mp = draft_referral(session, concluded, body="mp", purpose="prosecutor", actor=o,
                           summary="Possível crime.")
    fire(session, concluded, "refer_to_prosecutor", pr, today=_day(2))
    fire(session, to_mp, "send", o, today=_day(3), sent_on=_day(3).isoformat(), channel="email")
    fire(session, concluded, "prosecutor_concluded", o, today=_day(30), outcome="charged",
         outcome_on=_day(29).isoformat())
    withdrawn = factories.complaint(session, today=_day(0))
    fire(session, withdrawn, "withdraw", ComplainantActor(withdrawn.reference), today=_day(2))
    from cicdr.models import Attachment

    attachment = session.query(Attachment).order_by(Attachment.id).first()
    return Dataset(
        complaints=tuple(c.reference for c in (received, asked, proposed, archived, forwarded,
                                               police, concluded, withdrawn)),
        proceedings=(decided.reference, p.reference, final.reference),
        referrals=(disciplinary.id, prosecutor.id),
        attachment=attachment.id, user=users.officer2.id, proposed=proposed.reference)


def urls(d: Dataset) -> dict[str, list[str]]:
    """Every staff GET endpoint -> the URLs that show it over the dataset."""
    cases = [f"/staff/complaints/{r}" for r in d.complaints] + \
        [f"/staff/proceedings/{r}" for r in d.proceedings] + \
        [f"/staff/referrals/{i}" for i in d.referrals]
    audit = [u.replace("/staff/", "/staff/audit/cases/") for u in cases]
    vocabularies = list(DEFAULT_TABLES.vocabularies)
    return {
        "workspace.cases_index": ["/staff/"],
        "workspace.cases": ["/staff/cases?kind=complaints", "/staff/cases?kind=proceedings",
                            "/staff/cases?kind=referrals", "/staff/cases?kind=complaints&q=casa",
                            "/staff/cases?kind=complaints&overdue=1&sort=state&dir=asc",
                            "/staff/cases?kind=proceedings&prescription_within=abc",
                            "/staff/cases?kind=referrals&awaiting=1"],
        "workspace.cases_csv": ["/staff/cases.csv?kind=complaints",
                                "/staff/cases.csv?kind=proceedings",
                                "/staff/cases.csv?kind=referrals"],
        "workspace.my_work": ["/staff/my-work"],
        "workspace.case": cases + ["/staff/complaints/QN-1999-99999"],
        "workspace.sanctions_register": ["/staff/register", "/staff/register?q=Hostel"],
        "workspace.diagram_svg": [f"/staff/complaints/{d.complaints[0]}/diagram.svg"],
        "workspace.data_export": [f"/staff/complaints/{d.complaints[0]}/data-export.json"],
        "workspace.download": [f"/staff/files/{d.attachment}"],
        "workspace.new_complaint": ["/staff/new-complaint"],
        "workspace.new_complaint_step": [f"/staff/new-complaint/{slug}"
                                         for slug, _title, _cls in STEPS],
        "workspace.new_complaint_step_done": ["/staff/new-complaint/done"],
        "workspace.new_complaint_step_done_text": ["/staff/new-complaint/done/code.txt"],
        "audit.index": ["/staff/audit/", "/staff/audit/?reference=QN-1999-99999"],
        "audit.case": audit,
        "audit.case_json": [f"{audit[0]}/history.json"],
        "audit.case_pdf": [f"/staff/audit/cases/complaints/{d.proposed}/history.pdf"],
        "audit.log": ["/staff/audit/log.csv?start=2026-01-01&end=2026-12-31",
                      "/staff/audit/log.csv?start=2026-12-31&end=2026-01-01"],
        "audit.user": [f"/staff/audit/users/{d.user}"],
        "audit.verify": ["/staff/audit/verify"],
        "admin.users": ["/staff/admin/users"],
        "admin.access_requests": ["/staff/admin/access-requests"],
        "admin.reference": ["/staff/admin/reference"],
        "admin.calendar": ["/staff/admin/reference/calendar"],
        "admin.deadline_table": ["/staff/admin/reference/deadlines"],
        "admin.ias": ["/staff/admin/reference/ias"],
        "admin.vocabulary": [f"/staff/admin/reference/vocabularies/{v}" for v in vocabularies],
        "workspace.statistics": ["/staff/statistics?from=2026-01-01&to=2026-12-31",
                                 "/staff/statistics?from=2026-12-31&to=2026-01-01"],
        "workspace.statistics_json": ["/staff/statistics.json?from=2026-01-01&to=2026-12-31"],
        "workspace.statistics_csv": ["/staff/statistics.csv?from=2026-01-01&to=2026-12-31"],
        "workspace.statistics_xlsx": ["/staff/statistics.xlsx?from=2026-01-01&to=2026-12-31"],
        "workspace.annual_report_pdf": ["/staff/statistics/report.pdf?year=2026"],
        "workspace.annual_report_json": ["/staff/statistics/report.json?year=2026"],
        "auth.account": ["/staff/account"],
        "auth.account_enrol": ["/staff/account/2fa"],
        "auth.login": ["/staff/login"],
        "auth.login_code": ["/staff/login/code"],
        "auth.login_enrol": ["/staff/login/enrol"],
    }


def staff_get_endpoints(app: Flask) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/staff") and "GET" in (rule.methods or ())}


def test_the_walk_covers_every_staff_page(app: Flask) -> None:
    walked = set(urls(Dataset(("QN",), ("PCO",), (1,), 0, 0, "")))
    assert staff_get_endpoints(app) - walked == set(), "add the new staff pages to urls()"


def _set_language(session: Any, users: Any, language: str) -> None:
    for role in ROLES:
        getattr(users, role).language = language
    session.commit()


def _problems(client: FlaskClient, url: str, misses: Misses) -> tuple[int, list[str]]:
    """The status of a page and the English it shows (checked: HTML and CSV headers)."""
    misses.page = url
    response = client.get(url)
    kind = response.mimetype
    if 300 <= response.status_code < 400:
        return response.status_code, []  # the redirect's own page is never shown
    if kind == "text/html":
        return response.status_code, english_in(visible_text(response.get_data(as_text=True)))
    if kind == "text/csv" and "/audit/" not in url:  # the audit log is raw data, by design
        header = next(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        return response.status_code, english_in(" ".join(header))
    return response.status_code, []


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_page_renders_in_portuguese_without_english(
        role: str, app: Flask, client: FlaskClient, auth: AuthActions, session: Any,
        users: Any, dataset: Dataset, misses: Misses) -> None:
    _set_language(session, users, "pt")  # the default, said explicitly
    auth.login_as(role)
    english: dict[str, list[str]] = {}
    for pages in urls(dataset).values():
        for url in pages:
            status, found = _problems(client, url, misses)
            assert status < 500, f"{url}: {status}"
            if found and url not in NOT_YET_PORTUGUESE:
                english[url] = sorted(set(found))
    assert english == {}, f"{role}: English or raw codes left on these pages:\n" + "\n".join(
        f"{url}: {line}" for url, lines in english.items() for line in lines)
    assert misses.found == {}, f"{role}: msgids without a Portuguese translation: " \
                               f"{ {k: sorted(v)[:2] for k, v in misses.found.items()} }"


def test_the_sign_in_and_error_pages_are_portuguese_before_signing_in(
        client: FlaskClient, misses: Misses, users: Any) -> None:
    for url in ("/staff/login", "/staff/nowhere"):
        status, found = _problems(client, url, misses)
        assert status in (200, 404) and found == [], (url, found)
    response = client.post("/staff/login", data={"email": "x@example.org", "password": "no"})
    assert english_in(visible_text(response.get_data(as_text=True))) == []
    assert misses.found == {}


@pytest.mark.parametrize("role", ROLES)
def test_the_same_pages_render_in_english(
        role: str, client: FlaskClient, auth: AuthActions, session: Any, users: Any,
        dataset: Dataset) -> None:
    _set_language(session, users, "en")
    auth.login_as(role)
    statuses = {}
    for pages in urls(dataset).values():
        for url in pages:
            statuses[url] = client.get(url).status_code
    assert [u for u, s in statuses.items() if s >= 500] == []
    page = client.get("/staff/account").get_data(as_text=True)
    assert '<html lang="en">' in page and "Your account" in page


def test_a_person_switches_the_staff_pages_to_english_and_it_is_remembered(
        client: FlaskClient, auth: AuthActions, session: Any, users: Any) -> None:
    _set_language(session, users, "pt")
    auth.login_as("officer")
    assert "A sua conta" in client.get("/staff/account").get_data(as_text=True)
    refused = client.post("/staff/account", data={"language": "xx"})
    assert refused.status_code == 422
    assert client.post("/staff/account", data={"language": "en"}).status_code == 302
    session.refresh(users.officer)
    assert users.officer.language == "en"
    client.post("/staff/logout")
    auth.login_as("officer")  # a new session: the choice lives on the account
    page = client.get("/staff/account").get_data(as_text=True)
    assert '<html lang="en">' in page and "Your account" in page


def test_the_case_history_pdf_in_portuguese_names_its_deadlines_in_words(
        client: FlaskClient, auth: AuthActions, session: Any, users: Any,
        dataset: Dataset) -> None:
    _set_language(session, users, "pt")
    auth.login_as("auditor")
    response = client.get(f"/staff/audit/cases/complaints/{dataset.proposed}/history.pdf")
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    flat = re.sub(r"\s+", " ", text)
    assert [kind for kind in DEFAULT_RULES if kind in flat] == []
    # propose_non_opening started the complainant's 10 working days to comment (2026-03-04
    # + 10 working days, no holiday between = 2026-03-18), named in words:
    assert "10 dias úteis para a pronúncia do queixoso sobre a proposta, termo a 2026-03-18" \
        in flat
    assert "Histórico" in flat and english_in(flat) == []


def _portuguese_page(response: Any, misses: Misses, *expected: str) -> str:
    """The visible text of `response`, checked: no English, no msgid left untranslated, and
    the Portuguese sentences `expected` in it."""
    text = visible_text(response.get_data(as_text=True))
    flat = re.sub(r"\s+", " ", text)
    assert english_in(text) == [], english_in(text)
    assert misses.found == {}, misses.found
    for sentence in expected:
        assert sentence in flat, (sentence, flat[:3000])
    return flat


def test_the_confirmation_of_an_irreversible_step_is_portuguese(
        client: FlaskClient, auth: AuthActions, session: Any, users: Any,
        misses: Misses) -> None:
    """An irreversible action posted without confirming answers with the confirmation page:
    the consequence, what was entered (labels and chosen options) and the buttons, all in
    Portuguese; once confirmed, the history names the consequence shown in Portuguese too."""
    _set_language(session, users, "pt")
    original = factories.complaint(session)
    c = triaged(session, users)
    auth.login_as("officer")
    url = f"/staff/complaints/{c.reference}/actions/archive"
    page = client.post(url, data={
        "archive-version": str(c.version), "archive-reason_code": "duplicate",
        "archive-duplicate_of": original.reference, "archive-reason": "Mesma queixa."})
    assert is_confirmation(page)
    misses.page = url
    _portuguese_page(page, misses,
                     "A queixa será arquivada por duplicação, apensada à queixa que duplica, e o "
                     "queixoso será informado. Este passo não pode ser desfeito. Só uma reabertura "
                     "pelo(a) Presidente a faz regressar à triagem.",
                     "O que introduziu", "Alterar o que introduzi",
                     "Voltar sem fazer nada", "Duplicada")
    # "Change what I entered" brings the form back, still in Portuguese.
    _action, fields = confirmation_form(page)
    back = client.post(url, data=MultiDict([*fields, ("edit", "1")]))
    assert back.status_code == 200 and not is_confirmation(back)
    _portuguese_page(back, misses)
    assert confirm(client, page).status_code == 302
    misses.page = f"/staff/complaints/{c.reference}"
    _portuguese_page(client.get(misses.page), misses, "consequência apresentada",
                     "A queixa será arquivada por duplicação")


def test_the_confirmation_of_a_decision_and_of_a_join_is_portuguese(
        client: FlaskClient, auth: AuthActions, session: Any, users: Any,
        misses: Misses) -> None:
    """The Commission's decision, confirmed with each respondent's sanction in words; the
    join of complaints into one new proceeding, with its instructor."""
    _set_language(session, users, "pt")
    p = open_proceeding(session, users, triaged(session, users))
    factories.write_accusations(session, p, users.officer)
    # Facts of the factory; the days are the workflow's own order, none a legal term tested here.
    for trig, data in [("start_instruction", {}),
                       ("notify_accusation", {"notified_on": date(2026, 3, 16)}),
                       ("record_defence", {"received_on": date(2026, 3, 20), "summary": "Nega."}),
                       ("close_instruction", {}), ("submit_report", {"proposal": "Coima."})]:
        fire(session, p, trig, users.officer, today=date(2026, 3, 25), **data)
    r = p.respondents[0]
    auth.login_as("commissioner")
    key = f"decide-decision-{r.id}"
    url = f"/staff/proceedings/{p.reference}/actions/decide"
    page = client.post(url, data={
        "decide-version": str(p.version), "decide-decided_on": "2026-04-01",
        f"{key}-outcome": "fine", f"{key}-amount": "3000",
        f"{key}-acc-public_tenders_ban": "1", f"{key}-acc-public_tenders_ban-months": "12"})
    assert is_confirmation(page)
    misses.page = url
    _portuguese_page(page, misses, "A decisão da Comissão será registada",
                     "Só um tribunal a pode alterar.", "coima, EUR 3000")
    client.post("/staff/logout")

    a, b = triaged(session, users), triaged(session, users)
    auth.login_as("president")
    misses.page = "/staff/cases/bulk/join"
    page = client.post(misses.page, data={
        "ids": [str(a.id), str(b.id)], f"version-{a.id}": str(a.version),
        f"version-{b.id}": str(b.version), "instructor": str(users.officer2.id)})
    assert is_confirmation(page)
    _portuguese_page(page, misses, "Será instaurado um processo de contraordenação",
                     "Instrutor(a) do novo processo", "Casos abrangidos")


def test_the_texts_form_and_its_refusals_are_portuguese(
        client: FlaskClient, auth: AuthActions, session: Any, users: Any,
        misses: Misses) -> None:
    """Notifying an accusation whose texts are not written is refused in Portuguese, naming
    what is missing; the texts saved are named in Portuguese; once the decision is final the
    page says why they can no longer change."""
    _set_language(session, users, "pt")
    p = open_proceeding(session, users, triaged(session, users))
    fire(session, p, "start_instruction", users.officer, today=date(2026, 3, 13))
    r = p.respondents[0]
    auth.login_as("officer")
    url = f"/staff/proceedings/{p.reference}/actions/notify_accusation"
    misses.page = url
    refused = client.post(url, data={"notify_accusation-version": str(p.version),
                                     "notify_accusation-notified_on": "2026-03-16"})
    assert refused.status_code == 422
    _portuguese_page(refused, misses,
                     "Redija os factos imputados e as normas violadas da nota de ilicitude na "
                     f"página do processo antes de a notificar; faltam para {r.name} (factos "
                     "imputados e normas violadas).",
                     "Textos da nota de ilicitude e da decisão")
    url = f"/staff/proceedings/{p.reference}/respondents/{r.id}/texts"
    saved = client.post(url, data={f"texts-{r.id}-version": str(p.version),
                                   f"texts-{r.id}-facts_charged": "Recusou o arrendamento.",
                                   f"texts-{r.id}-norms": "Lei n.º 93/2017, art. 4.º."},
                        follow_redirects=True)
    misses.page = url
    _portuguese_page(saved, misses, "Guardado: Factos imputados, Normas violadas.",
                     "Nota de ilicitude: redigida", "Decisão: em falta")
    final = decisions.final(session, users, START, [decisions.company("Café Central, Lda.")],
                            [decisions.ADMONITION])
    misses.page = f"/staff/proceedings/{final.reference}"
    _portuguese_page(client.get(misses.page), misses,
                     "O processo está no estado «decisão definitiva»: os textos da nota de "
                     "ilicitude e da decisão já não podem ser alterados.")

"""Every e-mail kind composed by `notify.compose` from the templates and the catalogues, in
Portuguese and English, with no Flask app: the complainant's in their language, staff's in
English whatever the complainant's language is (the workspace is in English)."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import flask
import pytest

from cicdr.services.notify import compose, staff_mail
from workflows.text import N_

SITE = compose.MailSettings(public_url="https://queixas.cicdr.example/")


def complaint(language: str) -> Any:
    """What the complainant's mail reads of a complaint. Received late on 10 March (UTC):
    the date written is the 10th, as the portal shows it."""
    return SimpleNamespace(reference="CICDR-2026-00042", preferred_language=language,
                           language="pt", received_at=datetime(2026, 3, 10, 23, 30, tzinfo=UTC))


# (kind, language) -> (subject, words the body must hold)
EXPECTED = {
    ("acknowledgement", "pt"): (
        "A CICDR recebeu a sua queixa CICDR-2026-00042",
        ["A CICDR recebeu a sua queixa em 10 de mar. de 2026.",  # babel pt, "medium"
         "Referência: CICDR-2026-00042"]),
    ("acknowledgement", "en"): (
        "CICDR received your complaint CICDR-2026-00042",
        ["CICDR received your complaint on Mar 10, 2026.", "Reference: CICDR-2026-00042"]),
    ("new_message", "pt"): (
        "A CICDR escreveu-lhe sobre a sua queixa CICDR-2026-00042",
        ["A CICDR escreveu-lhe uma nova mensagem sobre a sua queixa."]),
    ("new_message", "en"): (
        "CICDR wrote to you about your complaint CICDR-2026-00042",
        ["CICDR has written you a new message about your complaint."]),
    ("status_change", "pt"): (
        "O estado da sua queixa CICDR-2026-00042 mudou",
        ["O estado da sua queixa mudou.", "Um técnico está a analisar a sua queixa."]),
    ("status_change", "en"): (
        "The status of your complaint CICDR-2026-00042 changed",
        ["The status of your complaint has changed.", "An officer is checking your complaint."]),
}


def _compose(kind: str, language: str) -> compose.Mail:
    c = complaint(language)
    if kind == "acknowledgement":
        return compose.acknowledgement(c, SITE)
    if kind == "new_message":
        return compose.new_message(c, SITE)
    return compose.status_changed(c, "triage", SITE)


@pytest.mark.parametrize(("kind", "language"), sorted(EXPECTED))
def test_each_complainant_mail_is_composed_in_their_language(kind: str, language: str) -> None:
    assert not flask.has_app_context()
    mail = _compose(kind, language)
    subject, words = EXPECTED[(kind, language)]
    assert (mail.kind, mail.language, mail.subject) == (kind, language, subject)
    for expected in words:
        assert expected in mail.body
    assert "https://queixas.cicdr.example/follow " in mail.body  # no doubled slash


def test_staff_mail_is_in_the_recipients_language_with_the_reference_and_a_link_only() -> None:
    """Issue 15: staff read e-mail in their own language (here English, as they chose)."""
    intro = staff_mail.assignment_intro("proceedings", "PCO-2026-0007", "CICDR-2026-00042",
                                     first=True)
    mail = staff_mail.staff_assignment(SITE, section="proceedings", reference="PCO-2026-0007",
                                    state="instruction", intro=intro, by="Ana", language="en")
    assert (mail.kind, mail.language) == ("assignment", "en")
    assert mail.subject == "CICDR: PCO-2026-0007 is assigned to you"
    assert mail.body.startswith("Proceeding PCO-2026-0007 was opened on complaint "
                                "CICDR-2026-00042; you are its instructor.")
    assert "https://queixas.cicdr.example/staff/proceedings/PCO-2026-0007" in mail.body
    assert "Changed by: Ana" in mail.body


def test_the_deadline_mail_lists_deadlines_and_reminders_apart() -> None:
    item = SimpleNamespace(status="OVERDUE (was due 2026-03-25)", reference="CICDR-2026-00042",
                           words="respondent's defence", url="https://x/staff/complaints/1")
    chaser = SimpleNamespace(status="due 2026-03-27 (today)", reference="ENC-2026-0003",
                             words="remind the body", url="https://x/staff/referrals/3")
    mail = staff_mail.staff_deadlines(SimpleNamespace(name="Ana", language="en"), [item], [chaser],
                                   overdue=1, today=date(2026, 3, 27), days=1)
    assert mail.subject == "CICDR: 2 deadlines to watch, 1 OVERDUE"  # 1 deadline + 1 reminder
    assert mail.body.startswith("Ana,\n\nDeadlines of your cases, as of 2026-03-27:")
    assert "- OVERDUE (was due 2026-03-25): CICDR-2026-00042, respondent's defence" in mail.body
    reminders = mail.body[mail.body.index("Referrals due a reminder"):]
    assert "- due 2026-03-27 (today): ENC-2026-0003, remind the body" in reminders
    assert "1 working day or less away" in mail.body  # days=1: no plural


def test_staff_mail_is_portuguese_by_default_without_a_raw_code() -> None:
    """A staff member who did not choose English reads Portuguese, the state in words."""
    intro = staff_mail.assignment_intro("complaints", "QN-2026-00042")
    mail = staff_mail.staff_assignment(SITE, section="complaints", reference="QN-2026-00042",
                                    state="awaiting_information", intro=intro, by="Ana")
    assert (mail.kind, mail.language) == ("assignment", "pt")
    assert mail.subject == "CICDR: QN-2026-00042 foi-lhe atribuída"
    assert mail.body.startswith("A queixa QN-2026-00042 foi-lhe atribuída.")
    assert "awaiting_information" not in mail.body and "Alterado por: Ana" in mail.body
    item = SimpleNamespace(status=N_("OVERDUE (was due %(due)s)", due="2026-03-25"),
                           reference="QN-2026-00042", words=N_("respondent's defence"),
                           url="https://x/staff/complaints/1")
    deadlines = staff_mail.staff_deadlines(SimpleNamespace(name="Ana"), [item], [], overdue=1,
                                        today=date(2026, 3, 27), days=3)
    assert deadlines.subject == "CICDR: 1 prazo a acompanhar, 1 ULTRAPASSADO"
    assert "- ULTRAPASSADO (o termo era 2026-03-25): QN-2026-00042, defesa do arguido" \
        in deadlines.body


def test_an_unknown_language_is_written_in_portuguese() -> None:
    mail = compose.acknowledgement(complaint("xx"), SITE)
    assert mail.language == "pt" and mail.subject.startswith("A CICDR recebeu")


def test_two_languages_composed_at_once_never_mix() -> None:
    """The language travels in each render's context, not in shared state."""
    found: dict[str, set[str]] = {"pt": set(), "en": set()}

    def compose_many(language: str) -> None:
        for _ in range(200):
            found[language].add(_compose("status_change", language).body)

    threads = [threading.Thread(target=compose_many, args=(lang,)) for lang in found]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found["pt"]) == 1 and len(found["en"]) == 1
    assert "Um técnico" in found["pt"].pop() and "An officer" in found["en"].pop()


def test_the_settings_from_the_configuration_and_the_environment() -> None:
    assert compose.MailSettings.from_config({"PUBLIC_URL": "https://a.example/"}).link(
        "/follow") == "https://a.example/follow"
    assert compose.MailSettings.from_environ({}).public_url == "http://127.0.0.1:5000"
    assert compose.MailSettings.from_environ(
        {"CICDR_PUBLIC_URL": "https://b.example"}).link("/x") == "https://b.example/x"

"""E-mail after a transition: the new assignee or instructor, and the complainant when the
status they see changed (in their language); real SMTP on loopback when delivering."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from cicdr.models import Complaint, OutboxMail
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.errors import InvalidData
from cicdr.services.engine import effects
from cicdr.services.engine.transition import apply, fire
from cicdr.services.notify import events
from cicdr.services.notify import outbox as mail_outbox
from tests import factories
from tests.smtp import Inbox, body, free_port

D = date(2026, 3, 11)


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, mail_outbox.SmtpSettings]]:
    received, port = Inbox(), free_port()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    yield received, mail_outbox.SmtpSettings("127.0.0.1", port)
    controller.stop()


def outbox(session: Any, kind: str | None = None) -> list[OutboxMail]:
    query = select(OutboxMail).order_by(OutboxMail.id)
    return list(session.scalars(query.where(OutboxMail.kind == kind) if kind else query))


def test_the_new_assignee_gets_an_email_with_the_reference_and_a_link_only(
        session: Any, users: Any, inbox: tuple[Inbox, mail_outbox.SmtpSettings]) -> None:
    c = factories.complaint(session)
    fire(session, c, "assign", users.officer, today=D, assignee=users.officer2.id)
    received, settings = inbox
    assert mail_outbox.deliver(session, settings) == (1, 0)  # the complainant is not told
    message = received.messages[0]
    assert message["To"] == users.officer2.email
    assert message["Subject"] == f"CICDR: {c.reference} is assigned to you"
    text = body(message)
    assert f"http://127.0.0.1:5000/staff/complaints/{c.reference}" in text
    assert "Changed by: Officer" in text
    for personal in ("Maria Silva", "maria@example.org", "cigano", "Imobiliária"):
        assert personal not in text  # no complainant data in staff e-mail


def test_assigning_oneself_or_the_same_person_again_sends_nothing(
        session: Any, users: Any) -> None:
    c = factories.complaint(session)
    fire(session, c, "assign", users.officer, today=D, assignee=users.officer.id)
    assert outbox(session) == []
    with pytest.raises(InvalidData, match="already assigned"):  # unchanged: refused, no news
        fire(session, c, "assign", users.officer2, today=D, assignee=users.officer.id)
    assert outbox(session) == []
    fire(session, c, "assign", users.officer, today=D, assignee=users.officer2.id)
    assert [m.to_address for m in outbox(session)] == [users.officer2.email]


def test_the_instructor_of_a_new_proceeding_is_told_and_of_a_joined_one_too(
        session: Any, users: Any) -> None:
    first, second = factories.complaint(session), factories.complaint(session)
    for c in (first, second):
        fire(session, c, "assign", users.officer, today=D, assignee=users.officer.id)
        fire(session, c, "start_triage", users.officer, today=D)
    fire(session, first, "open_proceeding", users.president, today=D,
         instructor=users.officer2.id)
    reference = first.proceeding.reference
    fire(session, second, "open_proceeding", users.president, today=D, proceeding=reference)
    told = outbox(session, "assignment")
    assert [m.to_address for m in told] == [users.officer2.email] * 2
    assert f"Proceeding {reference} was opened on complaint {first.reference}" in told[0].body
    assert f"Complaint {second.reference} joined proceeding {reference}" in told[1].body
    assert f"/staff/proceedings/{reference}" in told[0].body


def test_a_change_of_instructor_by_any_trigger_tells_the_new_one(
        session: Any, users: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever trigger moves a proceeding to another instructor, the hook in
    `workflow.apply` compares before and after and tells the new one. No trigger does that
    yet, so an effect that does (as a transfer would) is registered for this test."""
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=D)
    fire(session, c, "open_proceeding", users.president, today=D, instructor=users.officer.id)
    p = c.proceeding

    def transfer(session: Any, subject: Any, record: Any, actor: Any, today: date) -> None:
        subject.instructor_id = users.officer2.id

    monkeypatch.setitem(effects.EFFECTS, ("proceeding", "start_instruction"), transfer)
    fire(session, p, "start_instruction", users.officer, today=D)
    told = [m for m in outbox(session, "assignment") if m.to_address == users.officer2.email]
    assert len(told) == 1
    assert f"You are now the instructor of proceeding {p.reference}." in told[0].body


def test_the_complainant_is_told_a_new_status_in_their_language_and_never_the_code(
        session: Any, users: Any, inbox: tuple[Inbox, mail_outbox.SmtpSettings]) -> None:
    pt = factories.complaint(session)
    en = factories.complaint(session, preferred_language="en")
    for c in (pt, en):
        fire(session, c, "start_triage", users.officer, today=D)
    mails = outbox(session, "status_change")
    assert [(m.to_address, m.language) for m in mails] == [("maria@example.org", "pt"),
                                                           ("maria@example.org", "en")]
    assert mails[0].subject == f"O estado da sua queixa {pt.reference} mudou"
    assert "Um técnico está a analisar a sua queixa." in mails[0].body
    assert mails[1].subject == f"The status of your complaint {en.reference} changed"
    assert "An officer is checking your complaint." in mails[1].body
    assert "http://127.0.0.1:5000/follow" in mails[1].body
    received, settings = inbox
    assert mail_outbox.deliver(session, settings) == (2, 0)
    assert received.messages[1]["Subject"] == mails[1].subject
    assert "An officer is checking your complaint." in body(received.messages[1])


def test_internal_steps_and_the_complainants_own_actions_send_the_complainant_nothing(
        session: Any, users: Any) -> None:
    c = factories.complaint(session)
    fire(session, c, "assign", users.officer, today=D, assignee=users.officer.id)
    assert outbox(session, "status_change") == []  # an assignment changes nothing they see
    fire(session, c, "withdraw", ComplainantActor(c.reference), today=D)
    assert outbox(session, "status_change") == []  # they did it: they just saw it


@pytest.mark.parametrize("overrides", [{"contact_channel": "portal"}, {"complainant": None}])
def test_portal_only_and_anonymous_complainants_get_no_status_email(
        session: Any, users: Any, overrides: dict[str, Any]) -> None:
    first = factories.complaint(session, **overrides)
    c = factories.complaint(session, **overrides)
    fire(session, c, "start_triage", users.officer, today=D)
    fire(session, c, "archive", users.officer, today=D, reason_code="duplicate",
         duplicate_of=first.reference)
    assert outbox(session) == []


def test_the_email_belongs_to_the_transaction_of_the_change(session: Any,
                                                             users: Any) -> None:
    c = factories.complaint(session)
    apply(session, c, "start_triage", users.officer, today=D)
    assert [m.kind for m in outbox(session)] == ["status_change"]  # queued, not committed
    session.rollback()  # the change is undone: so is its e-mail
    assert outbox(session) == [] and session.get(Complaint, c.id).state == "received"


def test_suppressed_notifications_queue_nothing(session: Any, users: Any) -> None:
    c = factories.complaint(session)
    with events.suppressed(session):
        fire(session, c, "assign", users.officer, today=D, assignee=users.officer2.id)
        fire(session, c, "start_triage", users.officer2, today=D)
    assert outbox(session) == []

"""`flask cicdr notify`: deadline e-mails to the person responsible, each stage once."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import select

from cicdr.models import Complaint, Deadline, DeadlineNotice, OutboxMail
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from cicdr.services.notify import deadline_reminders
from tests import factories
from tests.smtp import Inbox, body

D = date



def asked(session: Any, users: Any, assignee: Any = None) -> Complaint:
    """A complaint waiting for the complainant's answer, due 2026-03-25 (10 working days)."""
    c = factories.complaint(session)
    if assignee is not None:
        fire(session, c, "assign", users.officer, today=D(2026, 3, 11), assignee=assignee.id)
    fire(session, c, "start_triage", users.officer, today=D(2026, 3, 11))
    fire(session, c, "request_information", users.officer, today=D(2026, 3, 11),
         question="Qual era a morada da casa?")
    assert [d.due_on for d in c.deadlines] == [D(2026, 3, 25)]
    return c


def notify(app: Flask, today: str, *more: str) -> Any:
    result = app.test_cli_runner().invoke(args=["cicdr", "notify", "--today", today, *more])
    assert result.exit_code == 0, result.output
    return result


def deadline_mails(session: Any) -> list[OutboxMail]:
    return list(session.scalars(select(OutboxMail).where(OutboxMail.kind == "deadlines")
                                .order_by(OutboxMail.id)))


def test_a_deadline_is_told_once_when_due_soon_and_once_more_when_overdue(
        app: Flask, session: Any, users: Any, smtp: Inbox) -> None:
    c = asked(session, users, assignee=users.officer2)

    first = notify(app, "2026-03-20")  # Friday: the 25th is 3 working days away
    assert f"{users.officer2.email}: 1 deadline(s), 0 overdue" in first.output
    mine = [m for m in smtp.messages if "deadline" in m["Subject"]]  # not the assignment
    assert len(mine) == 1 and mine[0]["To"] == users.officer2.email
    text = body(mine[0])
    assert f"due 2026-03-25 (in 3 working days): {c.reference}" in text
    assert "complainant's answer to CICDR's request" in text
    assert f"http://127.0.0.1:5000/staff/complaints/{c.reference}" in text
    assert "OVERDUE" not in text and "Qual era a morada" not in text and "Maria" not in text

    assert "0 deadline e-mail(s) queued." in notify(app, "2026-03-20").output  # same day
    assert "0 deadline e-mail(s) queued." in notify(app, "2026-03-24").output  # same stage
    overdue = notify(app, "2026-03-26")
    assert f"{users.officer2.email}: 1 deadline(s), 1 overdue" in overdue.output
    mails = deadline_mails(session)
    assert len(mails) == 2 and all(m.sent_at is not None for m in mails)
    assert mails[1].subject == "CICDR: 1 deadline to watch, 1 OVERDUE"
    assert f"OVERDUE (was due 2026-03-25): {c.reference}" in mails[1].body
    assert "0 deadline e-mail(s) queued." in notify(app, "2026-03-27").output
    assert len([m for m in smtp.messages if "deadline" in m["Subject"]]) == 2
    assert {m["Subject"] for m in smtp.messages} >= {  # the outbox went out with the runs
        f"CICDR: {c.reference} is assigned to you",
        f"O estado da sua queixa {c.reference} mudou"}


def test_a_recomputed_due_date_is_told_again(app: Flask, session: Any, users: Any) -> None:
    asked(session, users, assignee=users.officer2)
    notify(app, "2026-03-26")
    deadline = session.scalar(select(Deadline))
    deadline.due_on = D(2026, 4, 8)  # what the end of a suspension does (effects.resume)
    session.commit()
    assert "0 deadline e-mail(s) queued." in notify(app, "2026-03-26").output
    again = notify(app, "2026-04-06")
    assert "1 deadline e-mail(s) queued." in again.output
    assert "due 2026-04-08" in deadline_mails(session)[-1].body
    assert {(n.due_on, n.stage) for n in session.scalars(select(DeadlineNotice))} == {
        (D(2026, 3, 25), "overdue"), (D(2026, 4, 8), "due_soon")}


def test_far_deadlines_are_not_told_and_days_widens_the_window(
        app: Flask, session: Any, users: Any) -> None:
    asked(session, users, assignee=users.officer2)
    assert "0 deadline e-mail(s) queued." in notify(app, "2026-03-12").output
    assert "1 deadline e-mail(s) queued." in notify(app, "2026-03-12", "--days", "10").output


def test_without_an_assignee_every_active_officer_is_told(
        app: Flask, session: Any, users: Any) -> None:
    users.officer2.active = False
    session.commit()
    asked(session, users)
    notify(app, "2026-03-26")
    assert [m.to_address for m in deadline_mails(session)] == [users.officer.email]


def test_referrals_due_a_reminder_are_listed_apart_to_the_complaints_assignee(
        app: Flask, session: Any, users: Any) -> None:
    c = factories.complaint(session, police=True)
    fire(session, c, "assign", users.officer, today=D(2026, 3, 11), assignee=users.officer2.id)
    referral = draft_referral(session, c, body="igai", purpose="disciplinary",
                              actor=users.officer, summary="Conduta policial.")
    fire(session, referral, "approve", users.president, today=D(2026, 3, 12))
    fire(session, referral, "send", users.officer, today=D(2026, 3, 12), sent_on="2026-03-12",
         channel="email")
    notify(app, "2026-04-14")
    mail = deadline_mails(session)[0]
    assert mail.to_address == users.officer2.email
    reminders = mail.body[mail.body.index("Referrals due a reminder"):]
    assert f"OVERDUE (was due 2026-04-13): {referral.reference}" in reminders
    assert "remind the body" in reminders and f"/staff/referrals/{referral.id}" in reminders


def test_the_working_day_horizon_skips_weekends_and_holidays() -> None:
    assert deadline_reminders.horizon(D(2026, 3, 20), 3) == D(2026, 3, 25)  # Fri -> Wed
    assert deadline_reminders.horizon(D(2026, 4, 23), 1) == D(2026, 4, 24)
    assert deadline_reminders.horizon(D(2026, 4, 24), 1) == D(2026, 4, 27)  # 25 Apr, weekend
    assert deadline_reminders.horizon(D(2026, 4, 24), 0) == D(2026, 4, 24)

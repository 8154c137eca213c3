"""Deadline e-mails to staff (`flask cicdr notify`, run daily): one e-mail per person per run,
listing the running deadlines of their cases that came within N working days of their due date
or went past it, and the referrals due a reminder.

Idempotent: every (deadline, due date, stage, person) told is recorded in `deadline_notices`, in
the same transaction as the e-mails, so a second run the same day (or a run on a later day)
sends nothing new until a deadline changes stage (due soon -> overdue) or its due date is
recomputed (a suspension ended). Two runs at the same moment collide on that table's unique key
and the second one sends nothing.

Who is told: the complaint's assignee, the proceeding's instructor, and for a referral the
assignee or instructor of its complaint or proceeding. When nobody is (or that person's account
is inactive), every active officer: officers assign complaints, so one of them takes the case;
the president is not the default because she acts only on the triggers reserved to her.
Suspended deadlines (the file is at the prosecutor) are left out: their clock is stopped and
their due date will be recomputed when it resumes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cicdr.models import Complaint, Deadline, DeadlineNotice, Proceeding, Referral, User
from cicdr.services.core.errors import ServiceError
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.notify import compose, events, staff_mail
from workflows import labels
from workflows.calendar import is_working_day
from workflows.deadlines import working_days_between
from workflows.tables import LegalTables, in_force
from workflows.text import N_, Msg, plural

DUE_SOON, OVERDUE = "due_soon", "overdue"
CHASER = "referral_chaser"
KIND_WORDS = {  # what a deadline kind means for the person who must act
    "complainant_information": N_("complainant's answer to CICDR's request"),
    "non_opening_comment": N_("complainant's comment on the proposed non-opening"),
    "entity_information": N_("entity's answer to a request for information"),
    "inspection": N_("inspection"),
    "defence": N_("respondent's defence"),
    "instruction": N_("end of the instruction (indicative)"),
    "instruction_extension": N_("end of the extended instruction (indicative)"),
    "report": N_("final report (indicative)"),
    "decision": N_("Commission's decision (indicative)"),
    "appeal": N_("end of the appeal window"),
    "referral_send_mp": N_("send the referral to the Public Prosecutor"),
    "appeal_send_mp": N_("send the appeal's file to the Public Prosecutor (5 working days)"),
    "payment": N_("fine's payment (or the next instalment): unpaid after it, refer for "
                  "enforcement"),
    "publication": N_("end of the publication period"),
    CHASER: N_("remind the body if it still has not acknowledged"),
}


class AlreadyRunning(ServiceError):
    """Another run recorded the same notices at the same moment; it sends them."""


@dataclass(frozen=True)
class Item:
    """One deadline as it is written in a person's e-mail."""

    deadline: Deadline
    stage: str
    reference: str
    status: Msg  # "OVERDUE (was due ...)" or "due ... (in N working days)"
    words: Msg | str
    url: str


@dataclass(frozen=True)
class Sent:
    """One e-mail queued by a run."""

    user: User
    items: list[Item]


def horizon(today: date, days: int, tables: LegalTables | None = None) -> date:
    """The day `days` working days after today (today itself when days <= 0)."""
    current, day, left = in_force(tables), today, max(days, 0)
    while left:
        day += timedelta(days=1)
        left -= is_working_day(day, tables=current)
    return day


def _item(deadline: Deadline, today: date, tables: LegalTables,
          settings: compose.MailSettings) -> Item:
    subject = deadline.subject
    if isinstance(subject, Referral):
        reference, path = subject.reference, f"/staff/referrals/{subject.id}"
    else:
        kind = "complaints" if isinstance(subject, Complaint) else "proceedings"
        reference, path = subject.reference, f"/staff/{kind}/{subject.reference}"
    due = deadline.due_on
    if due < today:
        stage, status = OVERDUE, N_("OVERDUE (was due %(due)s)", due=due.isoformat())
    else:
        left = working_days_between(today, due, tables=tables)
        stage = DUE_SOON
        status = (N_("due %(due)s (today)", due=due.isoformat()) if due == today else
                  plural(N_("due %(due)s (in 1 working day)", due=due.isoformat()),
                         N_("due %(due)s (in %(n)s working days)", due=due.isoformat(), n=left),
                         left))
    return Item(deadline, stage, reference, status,
                KIND_WORDS.get(deadline.kind, labels.label("deadline", deadline.kind)),
                settings.link(path))


def _owner(subject: Complaint | Proceeding | Referral) -> User | None:
    if isinstance(subject, Referral):
        parent = subject.complaint or subject.proceeding
        return _owner(parent) if parent is not None else None
    return subject.assignee if isinstance(subject, Complaint) else subject.instructor


def responsible(deadline: Deadline, officers: list[User]) -> list[User]:
    """Who is told about `deadline`: its case's owner, else every active officer."""
    owner = _owner(deadline.subject)
    return [owner] if owner is not None and owner.active else officers


def pending(session: DbSession, today: date, days: int) -> dict[int, list[Item]]:
    """Per user id, the items not yet notified to that person at their current stage."""
    tables = current_tables(session)
    settings = compose.settings_for(session)
    rows = session.scalars(select(Deadline).where(
        Deadline.ended_on.is_(None), Deadline.suspended_since.is_(None),
        Deadline.due_on <= horizon(today, days, tables))
        .order_by(Deadline.due_on, Deadline.id)).all()
    if not rows:
        return {}
    officers = list(session.scalars(select(User).where(User.role == "officer", User.active)
                                    .order_by(User.id)))
    told = {tuple(row) for row in session.execute(select(
        DeadlineNotice.deadline_id, DeadlineNotice.due_on, DeadlineNotice.stage,
        DeadlineNotice.user_id).where(DeadlineNotice.deadline_id.in_([d.id for d in rows])))}
    found: dict[int, list[Item]] = defaultdict(list)
    for deadline in rows:
        item = _item(deadline, today, tables, settings)
        for user in responsible(deadline, officers):
            if (deadline.id, deadline.due_on, item.stage, user.id) not in told:
                found[user.id].append(item)
    return dict(found)


def _compose(user: User, items: list[Item], today: date, days: int) -> compose.Mail:
    return staff_mail.staff_deadlines(
        user, [i for i in items if i.deadline.kind != CHASER],
        [i for i in items if i.deadline.kind == CHASER],
        overdue=sum(item.stage == OVERDUE for item in items), today=today, days=days)


def notify_deadlines(session: DbSession, today: date, days: int = 3) -> list[Sent]:
    """Queue one e-mail per person with what is new for them, record it, and commit.

    Raises AlreadyRunning when another run recorded the same notices at the same moment (then
    nothing of this run is kept: the other run sends them).
    """
    sent = []
    try:
        for user_id, items in pending(session, today, days).items():
            user = session.get(User, user_id)
            assert user is not None
            mail_id = events.queue(session, user.email, _compose(user, items, today, days))
            for item in items:
                session.add(DeadlineNotice(deadline_id=item.deadline.id,
                                           due_on=item.deadline.due_on, stage=item.stage,
                                           user_id=user.id, mail_id=mail_id))
            sent.append(Sent(user, items))
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise AlreadyRunning("Another `notify` run is recording the same notices; "
                             "nothing was queued by this one.") from exc
    except BaseException:
        session.rollback()
        raise
    return sent

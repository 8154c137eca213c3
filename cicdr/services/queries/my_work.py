"""My work: what a staff member has to do now, and what is about to go wrong.

Officers see their complaints and the proceedings they instruct; the president and the
commissioners see what waits for their role (approvals, non-opening decisions, decisions). Every
role sees the deadlines of its own cases that are overdue or due soon, the prescription dates
within the horizon, the referrals awaiting an answer or a reminder, and the unassigned queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import selectinload

from cicdr.models import Complaint, Deadline, Proceeding, Referral
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.queries.cases import complaint_prescription
from workflows import workflow_for
from workflows.spec import Role

OPEN_COMPLAINT = ("received", "triage", "awaiting_information", "non_opening_proposed",
                  "referred_to_prosecutor", "forwarded", "proceeding_opened")
# Complaints whose prescription is watched on the complaint itself (no proceeding yet).
BEFORE_PROCEEDING = ("received", "triage", "awaiting_information", "non_opening_proposed",
                     "referred_to_prosecutor")
AWAITING_ANSWER = ("sent", "acknowledged")
QUEUE_LIMIT = 50


@dataclass(frozen=True)
class Due:
    """A running deadline with what it belongs to."""

    deadline: Deadline
    subject: Any
    overdue: bool
    days_left: int


@dataclass(frozen=True)
class Prescribing:
    """A case whose procedure prescribes within the horizon."""

    subject: Any
    when: date
    days_left: int


@dataclass
class MyWork:
    """Everything on the My work page, section by section."""

    complaints: list[Complaint] = field(default_factory=list)
    proceedings: list[Proceeding] = field(default_factory=list)
    awaiting_me: list[tuple[Any, str]] = field(default_factory=list)  # (case, what to do)
    deadlines: list[Due] = field(default_factory=list)
    prescriptions: list[Prescribing] = field(default_factory=list)
    # Cases whose prescription cannot be computed (no IAS for the year of the facts): a risk.
    unknown_prescriptions: list[tuple[Any, str]] = field(default_factory=list)
    referrals: list[tuple[Referral, str]] = field(default_factory=list)  # (referral, why)
    unassigned: list[Complaint] = field(default_factory=list)
    unassigned_total: int = 0


def _mine(user: Any) -> tuple[Any, Any]:
    """SQL conditions for the complaints and proceedings this user is responsible for.

    Officers answer for what is assigned to them; the president and commissioners oversee
    everything (CICDR has a handful of staff: their lists are the whole office's)."""
    if user.role == Role.OFFICER:
        return Complaint.assignee_id == user.id, Proceeding.instructor_id == user.id
    return Complaint.id.is_not(None), Proceeding.id.is_not(None)


def _open_proceeding() -> Any:
    return Proceeding.state.not_in(sorted(workflow_for(Proceeding).terminal))


def build(session: DbSession, user: Any, today: date, *, soon_days: int = 7,
          horizon_days: int = 180) -> MyWork:
    """The My work page of `user` on `today`."""
    mine_c, mine_p = _mine(user)
    work = MyWork()
    if user.role == Role.OFFICER:
        work.complaints = list(session.scalars(
            select(Complaint).where(mine_c, Complaint.state.in_(OPEN_COMPLAINT))
            .options(selectinload(Complaint.parties))
            .order_by(Complaint.received_at)))
        work.proceedings = list(session.scalars(
            select(Proceeding).where(mine_p, _open_proceeding())
            .options(selectinload(Proceeding.respondents)).order_by(Proceeding.opened_at)))
    work.awaiting_me = awaiting(session, user, today)
    work.deadlines = deadlines(session, mine_c, mine_p, today, soon_days)
    work.prescriptions, work.unknown_prescriptions = prescriptions(
        session, mine_c, mine_p, today, horizon_days)
    work.referrals = referrals(session, mine_c, mine_p, today)
    queue = select(Complaint).where(Complaint.assignee_id.is_(None),
                                    Complaint.state.in_(BEFORE_PROCEEDING))
    work.unassigned_total = session.scalar(
        select(func.count()).select_from(queue.subquery())) or 0
    work.unassigned = list(session.scalars(queue.options(selectinload(Complaint.parties))
                                           .order_by(Complaint.received_at).limit(QUEUE_LIMIT)))
    return work


def deadlines(session: DbSession, mine_c: Any, mine_p: Any, today: date,
              soon_days: int) -> list[Due]:
    """Running deadlines of the user's cases (and their referrals), overdue or due soon."""
    my_complaints = select(Complaint.id).where(mine_c)
    my_proceedings = select(Proceeding.id).where(mine_p)
    my_referrals = select(Referral.id).where(or_(Referral.complaint_id.in_(my_complaints),
                                                 Referral.proceeding_id.in_(my_proceedings)))
    rows = session.scalars(select(Deadline).where(
        Deadline.ended_on.is_(None), Deadline.suspended_since.is_(None),
        Deadline.due_on <= today + timedelta(days=soon_days),
        or_(Deadline.complaint_id.in_(my_complaints), Deadline.proceeding_id.in_(my_proceedings),
            Deadline.referral_id.in_(my_referrals)))
        .options(selectinload(Deadline.complaint), selectinload(Deadline.proceeding),
                 selectinload(Deadline.referral))
        .order_by(Deadline.due_on))
    return [Due(d, d.subject, d.due_on < today, (d.due_on - today).days) for d in rows]


def prescriptions(session: DbSession, mine_c: Any, mine_p: Any, today: date,
                  horizon_days: int) -> tuple[list[Prescribing], list[tuple[Any, str]]]:
    """Open cases whose procedure prescribes within `horizon_days` (or already has), and
    those whose prescription date cannot be computed, with the reason."""
    horizon, tables = today + timedelta(days=horizon_days), current_tables(session)
    found: list[Prescribing] = []
    unknown: list[tuple[Any, str]] = []
    for p in session.scalars(select(Proceeding).where(mine_p, _open_proceeding(),
                                                      Proceeding.state != "final",
                                                      Proceeding.state != "published")
                             .options(selectinload(Proceeding.respondents))):
        when = p.prescription_date
        if when is None and p.prescription_problem:
            unknown.append((p, p.prescription_problem))
        elif when is not None and when <= horizon:
            found.append(Prescribing(p, when, (when - today).days))
    # The shortest period is one year from the facts: younger facts cannot prescribe within the
    # horizon, so only older ones are computed (already prescribed ones are shown too).
    for c in session.scalars(select(Complaint).where(
            mine_c, Complaint.state.in_(BEFORE_PROCEEDING),
            Complaint.facts_date <= horizon - timedelta(days=365))
            .options(selectinload(Complaint.parties))):
        when = complaint_prescription(c, tables)
        if when is None:
            unknown.append((c, f"The IAS for {c.facts_date.year} is not known."))
        elif when <= horizon:
            found.append(Prescribing(c, when, (when - today).days))
    return sorted(found, key=lambda x: x.when), unknown


def referrals(session: DbSession, mine_c: Any, mine_p: Any,
              today: date) -> list[tuple[Referral, str]]:
    """Sent referrals of the user's cases still awaiting an answer, with a reminder flag."""
    rows = session.scalars(select(Referral).where(
        Referral.state.in_(AWAITING_ANSWER),
        or_(Referral.complaint_id.in_(select(Complaint.id).where(mine_c)),
            Referral.proceeding_id.in_(select(Proceeding.id).where(mine_p))))
        .options(selectinload(Referral.deadlines), selectinload(Referral.complaint),
                 selectinload(Referral.proceeding))
        .order_by(Referral.sent_on))
    result = []
    for r in rows:
        chaser = [d for d in r.deadlines if d.kind == "referral_chaser" and d.ended_on is None]
        if chaser and chaser[-1].due_on < today:
            result.append((r, f"reminder due since {chaser[-1].due_on}"))
        else:
            waiting = (today - r.sent_on).days if r.sent_on else 0
            what = "an answer" if r.state == "acknowledged" else "acknowledgement"
            result.append((r, f"awaiting {what} for {waiting} days"))
    return result


def awaiting(session: DbSession, user: Any, today: date) -> list[tuple[Any, str]]:
    """What waits for this role's decision (the president's approvals, the Commission's
    decisions), oldest first."""
    if user.role == Role.PRESIDENT:
        return _president(session, today)
    if user.role == Role.COMMISSIONER:
        rows = session.scalars(select(Proceeding).where(
            Proceeding.state == "awaiting_decision",
            or_(Proceeding.instructor_id.is_(None), Proceeding.instructor_id != user.id))
            .order_by(Proceeding.opened_at))
        return [(p, "record the Commission's decision") for p in rows]
    return []


def _president(session: DbSession, today: date) -> list[tuple[Any, str]]:
    items: list[tuple[Any, str]] = []
    tables = current_tables(session)
    drafts = session.scalars(select(Referral).where(
        Referral.state == "draft", Referral.approved_by_id.is_(None))
        .options(selectinload(Referral.complaint), selectinload(Referral.proceeding))
        .order_by(Referral.drafted_at))
    for r in drafts:
        parent = r.complaint or r.proceeding
        if r.body == "mp" and parent is not None and parent.state in ("triage", "instruction"):
            items.append((parent, f"approve the referral to the prosecutor ({r.reference})"))
        elif r.body != "mp" and tables.needs_approval(r.body):
            items.append((r, f"approve the referral to {r.body.upper()}"))
    proposals = session.scalars(select(Complaint).where(
        Complaint.state == "non_opening_proposed",
        or_(Complaint.no_hearing_reason.is_not(None),
            exists().where(and_(Deadline.complaint_id == Complaint.id,
                                Deadline.kind == "non_opening_comment"))))
        .options(selectinload(Complaint.deadlines)).order_by(Complaint.received_at))
    for c in proposals:
        due = c.non_opening_comment_due
        if c.no_hearing_reason:
            items.append((c, "decide on the proposed non-opening (the complainant could not "
                             "be asked to comment)"))
        elif c.complainant_commented or (due is not None and today > due):
            items.append((c, "decide on the proposed non-opening (comment window closed)"))
    withdrawn = session.scalars(select(Complaint).where(
        Complaint.withdrawal_received_on.is_not(None)).order_by(Complaint.withdrawal_received_on))
    items.extend((c, f"decide on the withdrawal of {c.withdrawal_received_on}: archive it or "
                     "continue ex officio") for c in withdrawn)
    return items

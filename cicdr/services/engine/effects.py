"""What a trigger does beyond the state: deadlines, related rows, cascades.

Called by `transition.apply` after the machine moved the subject and before the audit event is
written, inside the same transaction. One small function per trigger that needs one. Effects
never refuse: the trigger's data was checked before the machine moved (the workflow's declared
checks, and `checks.py` for what needs the database), so nothing here raises InvalidData.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from cicdr.models import (
    Attachment,
    Complaint,
    Deadline,
    Message,
    Proceeding,
    ProceedingRespondent,
    Referral,
)
from cicdr.models.base import moment_of, utcnow
from cicdr.services import audit
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.actors import SystemActor
from cicdr.services.core.numbering import next_reference
from cicdr.services.core.types import DbSession
from cicdr.services.engine import milestones
from workflows import TransitionRecord, deadlines, workflow_for
from workflows.engine import StartedDeadline
from workflows.proceeding import REQUEST_TERMS
from workflows.respondent import PER_RESPONDENT_TERMS
from workflows.tables import LegalTables

# An effect may return facts for the audit event beyond the trigger's data (e.g. the old and new
# value of a field it changed, as {"changes": {field: {"old": ..., "new": ...}}}).
Effect = Callable[[DbSession, Any, TransitionRecord, Any, date], dict[str, Any] | None]
EFFECTS: dict[tuple[str, str], Effect] = {}


def effect(workflow: str, *triggers: str) -> Callable[[Effect], Effect]:
    """Register the decorated function as the effect of these triggers."""
    def register(fn: Effect) -> Effect:
        for name in triggers:
            EFFECTS[(workflow, name)] = fn
        return fn
    return register


def apply_effects(session: DbSession, subject: Any, record: TransitionRecord, actor: Any,
                  today: date) -> dict[str, Any]:
    """Stop and start deadlines, run the trigger's own effect, end everything at terminals.

    A per-respondent trigger of a proceeding (its data names a `respondent`) stops and starts
    that respondent's own terms, interrupts that respondent's prescription, names them in the
    audit event, and is followed by the proceeding's summary (`follow_respondents`).
    Returns what the trigger's effect adds to the audit event (empty when nothing)."""
    who = respondent_of(subject, record)
    stop_deadlines(subject, record.stopped, record.trigger, today, respondent=who)
    start_deadlines(subject, [d for d in record.started if d.on == "subject"], respondent=who)
    if record.interrupts_prescription and isinstance(subject, Proceeding):
        when = next((v for v in record.data.values() if isinstance(v, date)), today)
        if who is not None:
            who.add_interruption(when)
        elif "decisions" not in record.data:  # the decision: for the respondents it fines
            subject.interruptions = (subject.interruptions + f"\n{when.isoformat()}").strip()
    own = EFFECTS.get((record.workflow, record.trigger))
    extra = own(session, subject, record, actor, today) if own is not None else None
    if who is not None:
        extra = {"respondent_name": who.name, **(extra or {})}
    milestones.stamp(subject, record, today)
    if record.dest in workflow_for(subject).terminal:
        stop_deadlines(subject, None, record.trigger, today)
    if isinstance(subject, Proceeding) and record.trigger != FOLLOW and (
            who is not None or "decisions" in record.data or record.trigger == "publish"):
        follow_respondents(session, subject)
    return extra or {}


FOLLOW = "follow_respondents"


def respondent_of(subject: Any, record: TransitionRecord) -> ProceedingRespondent | None:
    """The respondent a proceeding's per-respondent trigger acts on (None for the others)."""
    chosen = record.data.get("respondent")
    if not isinstance(subject, Proceeding) or chosen is None:
        return None
    return next((r for r in subject.respondents if str(r.id) == str(chosen)), None)


def follow_respondents(session: DbSession, p: Proceeding) -> None:
    """Ask for `follow_respondents` after this event when the respondents' stages give the
    proceeding another state it may move to (`transition.apply` fires it once this event is
    recorded, so the history reads in order: the respondent's step, then the proceeding's
    move). Once final, a proceeding only moves on to its end."""
    dest = p.summary_state
    declared = {str(t["dest"]) for t in workflow_for(p).transitions_from(p.state, FOLLOW)}
    if dest != p.state and dest in declared:
        session.info.setdefault(FOLLOW_UPS, []).append(
            Cascade(p, FOLLOW, SystemActor(f"cascade:{FOLLOW}")))


FOLLOW_UPS = "cicdr.effects.follow_ups"  # session.info: system triggers after the event


def take_follow_ups(session: DbSession) -> list[Cascade]:
    """The follow-ups asked for since the last call, in order; the queue is emptied."""
    return session.info.pop(FOLLOW_UPS, [])


def change(field: str, old: Any, new: Any) -> dict[str, Any]:
    """The audit form of one changed field."""
    return {"changes": {field: {"old": old, "new": new}}}


def stop_deadlines(subject: Any, kinds: tuple[str, ...] | None, trigger: str,
                   today: date, *, respondent: ProceedingRespondent | None = None) -> None:
    """End the running deadlines of these kinds (all when None); with a `respondent`, a
    per-respondent term only when it is theirs."""
    for deadline in subject.deadlines:
        if deadline.ended_on is None and (kinds is None or deadline.kind in kinds) and (
                respondent is None or deadline.kind not in PER_RESPONDENT_TERMS
                or deadline.respondent_id == respondent.id):
            deadline.ended_on, deadline.ended_by = today, trigger


def start_deadlines(subject: Any, started: list[StartedDeadline], *,
                    respondent: ProceedingRespondent | None = None) -> None:
    """Attach newly started deadlines to the subject; a per-respondent term names the
    `respondent` it belongs to."""
    for d in started:
        subject.deadlines.append(Deadline(
            kind=d.kind, started_on=d.start, due_on=d.due,
            respondent_id=respondent.id if respondent is not None
            and d.kind in PER_RESPONDENT_TERMS else None))


def _message(session: DbSession, subject: Complaint, direction: str, body: str,
             actor: Any) -> None:
    session.add(Message(complaint_id=subject.id, direction=direction, body=body,
                        author_id=getattr(actor, "id", None)))


CASCADES = "cicdr.effects.cascades"  # session.info: system triggers an effect asked for


@dataclass(frozen=True)
class Cascade:
    """A system trigger to fire on a related record, asked for by an effect."""

    subject: Any
    trigger: str
    actor: SystemActor


def cascade(session: DbSession, subjects: list[Any], trigger: str, today: date,
            when_state: str) -> None:
    """Ask for a system trigger on the related records waiting in `when_state`.

    `transition.apply` fires them right after the effects, before it records the event that
    caused them (`take_cascades`), so effects never call back into the engine."""
    pending = session.info.setdefault(CASCADES, [])
    pending.extend(Cascade(other, trigger, SystemActor(f"cascade:{trigger}"))
                   for other in subjects if other.state == when_state)


def take_cascades(session: DbSession) -> list[Cascade]:
    """The cascades asked for since the last call, in order; the queue is emptied."""
    return session.info.pop(CASCADES, [])


def approve_prosecutor_referral(session: DbSession, drafts: list[Referral],
                                record: TransitionRecord, actor: Any) -> None:
    """The president's approval of the MP draft; starts the 10-day sending deadline on it."""
    draft = next(r for r in reversed(drafts)
                 if r.body == "mp" and r.state == "draft" and r.approved_by_id is None)
    draft.approved_by_id, draft.approved_at = actor.id, utcnow()
    start_deadlines(draft, [d for d in record.started if d.on == "prosecutor_referral"])


# -- complaint ------------------------------------------------------------------------------------


def _hand_over(subject: Any, column: str, new: int) -> dict[str, Any]:
    """Give a case to another officer (`column` holds who has it); audit both."""
    old = getattr(subject, column)
    setattr(subject, column, new)
    return change(column, old, new)


@effect("complaint", "assign")
def _assign(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
            today: date) -> dict[str, Any]:
    return _hand_over(c, "assignee_id", r.data["assignee"])


@effect("complaint", "request_information")
def _request_information(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
                         today: date) -> None:
    _message(session, c, "to_complainant", r.data["question"], actor)


@effect("complaint", "information_received", "comment_non_opening")
def _from_complainant(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
                      today: date) -> None:
    if r.trigger == "comment_non_opening":
        c.complainant_commented = True
    _message(session, c, "from_complainant", r.data.get("answer") or r.data.get("comment") or "",
             actor)


@effect("complaint", "record_no_disciplinary_referral")
def _waive(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any, today: date) -> None:
    c.disciplinary_waiver = r.data["reason"]


@effect("complaint", "propose_non_opening")
def _propose(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
             today: date) -> dict[str, Any] | None:
    """Without an address the hearing of art. 19(2) cannot take place: say why, once."""
    c.complainant_commented = False
    c.no_hearing_reason = c.contact_missing
    return {"no_hearing": c.no_hearing_reason} if c.no_hearing_reason else None


@effect("complaint", "decide_non_opening", "accept_withdrawal")
def _archive(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
             today: date) -> None:
    c.archive_reason = r.data.get("reason_code") or "withdrawn"
    c.withdrawal_received_on = None


@effect("complaint", "archive")
def _duplicate(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
               today: date) -> dict[str, Any]:
    """A duplicate is archived joined to the complaint it duplicates (`checks` found it)."""
    c.archive_reason = r.data["reason_code"]
    return {"joined_to": r.data["duplicate_of"].strip().upper()}


@effect("complaint", "withdraw")
def _withdraw(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
              today: date) -> None:
    """Recorded and put before the president: the procedure does not end with the complaint."""
    c.withdrawal_received_on = today


@effect("complaint", "continue_ex_officio")
def _ex_officio(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
                today: date) -> None:
    c.withdrawal_received_on = None


@effect("complaint", "reconsider")
def _reconsider(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
                today: date) -> None:
    c.no_hearing_reason = None


@effect("complaint", "reopen")
def _reopen(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any, today: date) -> None:
    c.archive_reason = None


@effect("complaint", "refer_to_prosecutor")
def _refer(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any, today: date) -> None:
    approve_prosecutor_referral(session, c.referrals, r, actor)


@effect("complaint", "forward")
def _forward(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
             today: date) -> None:

    draft_referral(session, c, body=r.data["body"], purpose="forward", actor=actor,
                   summary=r.data["reason"], commit=False, today=today)


@effect("complaint", "open_proceeding")
def _open_proceeding(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
                     today: date) -> None:
    if r.data.get("proceeding"):
        ref = r.data["proceeding"].strip().upper()
        p = session.execute(select(Proceeding).where(Proceeding.reference == ref)).scalar_one()
        p.facts_date = min(p.facts_date, c.facts_date)
        action, data = "join_complaint", {"complaint": c.reference}
    else:
        number, ref = next_reference(session, "PCO", today.year)
        p = Proceeding(reference=ref, year=today.year, number=number, state="opened",
                       opened_by_id=actor.id, instructor_id=r.data["instructor"],
                       opened_at=moment_of(today),
                       facts_date=c.facts_date, interruptions="", suspensions="")
        session.add(p)
        start_deadlines(p, [d for d in r.started if d.on == "proceeding"])
        action, data = "open", {"complaint": c.reference, "instructor": str(r.data["instructor"])}
    c.proceeding = p
    known = {(x.kind, x.name) for x in p.respondents}
    for party in c.respondents:
        if (party.kind, party.display) in known:  # same respondent named in a joined complaint
            continue
        p.respondents.append(ProceedingRespondent(
            party=party, name=party.display, kind=party.kind, negligent=False,
            stage="pending", interruptions=""))
    session.flush()
    audit.record(session, subject_type="proceeding", subject_id=p.id, subject_ref=p.reference,
                 actor=actor, action=action, from_state=None if action == "open" else p.state,
                 to_state=p.state, data=data)


# -- proceeding -----------------------------------------------------------------------------------


@effect("proceeding", "transfer")
def _transfer(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
              today: date) -> dict[str, Any]:
    return _hand_over(p, "instructor_id", r.data["instructor"])


@effect("proceeding", "send_to_prosecutor")
def _to_mp(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any, today: date) -> None:
    approve_prosecutor_referral(session, p.referrals, r, actor)
    p.suspended_since = today
    for deadline in p.deadlines:  # the clocks stop while the file is at the MP
        if deadline.ended_on is None:
            deadline.suspended_since = today


def resume(deadline: Deadline, today: date, tables: LegalTables | None = None) -> None:
    """Close a deadline's suspension and recompute its due date (never a bare flag), under
    the legal tables `tables` (the default tables when None)."""
    if deadline.suspended_since is None:
        return
    last = max(today - timedelta(days=1), deadline.suspended_since)
    deadline.suspensions = ((deadline.suspensions or "")
                            + f"\n{deadline.suspended_since}/{last}").strip()
    deadline.suspended_since = None
    deadline.due_on = deadlines.due_date(deadline.kind, deadline.started_on,
                                         suspensions=deadline.suspension_ranges(),
                                         tables=tables)


@effect("proceeding", "record_evidence")
def _evidence(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
              today: date) -> dict[str, Any] | None:
    """An answer to an information request or an inspection report ends that term."""
    answered = r.data.get("answers")
    if answered is None:
        return None
    request = next(d for d in p.deadlines if d.id == answered and d.kind in REQUEST_TERMS
                   and d.ended_on is None)  # the workflow checked it is pending
    request.ended_on, request.ended_by = r.data["on"], "record_evidence"
    return {"answered": {"kind": request.kind, "started": request.started_on,
                         "due": request.due_on}}


@effect("proceeding", "submit_report")
def _report(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
            today: date) -> None:
    p.report_proposal = r.data["proposal"]


@effect("proceeding", "publish")
def _publish(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
             today: date) -> None:
    p.published_on = r.data["published_on"]


# Each respondent's procedure (accusation, defence, decision, its notification, finality,
# prescription, the proceeding's summary and its end): respondents.py; the appeal, the court,
# payment and enforcement: court_and_payment.py; the prosecutor's answers: prosecutor.py.


# -- referral -------------------------------------------------------------------------------------


@effect("referral", "approve")
def _approve(session: DbSession, x: Referral, r: TransitionRecord, actor: Any,
             today: date) -> None:
    x.approved_by_id, x.approved_at = actor.id, moment_of(today)


@effect("referral", "send")
def _send(session: DbSession, x: Referral, r: TransitionRecord, actor: Any,
          today: date) -> dict[str, Any]:
    x.sent_on, x.channel = r.data["sent_on"], r.data["channel"]
    chosen = list(r.data.get("documents") or ())
    files = {a.id: a for a in sendable_files(session, x)}  # `checks` refused any other file
    x.documents = [files[i] for i in chosen]
    return {"files": [{"id": i, "filename": files[i].filename, "sha256": files[i].sha256}
                      for i in chosen]}


def sendable_files(session: DbSession, x: Referral) -> list[Attachment]:
    """The files that may go with a referral: its own and those of its complaint/proceeding."""
    parent = Attachment.complaint_id == x.complaint_id if x.complaint_id is not None \
        else Attachment.proceeding_id == x.proceeding_id
    return list(session.scalars(select(Attachment).where(
        (Attachment.referral_id == x.id) | parent).order_by(Attachment.id)))


@effect("referral", "remind")
def _remind(session: DbSession, x: Referral, r: TransitionRecord, actor: Any, today: date) -> None:
    x.reminders = (x.reminders or 0) + 1


@effect("referral", "acknowledge")
def _ack(session: DbSession, x: Referral, r: TransitionRecord, actor: Any, today: date) -> None:
    x.external_reference = r.data["external_reference"]


@effect("referral", "answer")
def _answer(session: DbSession, x: Referral, r: TransitionRecord, actor: Any, today: date) -> None:
    x.outcome, x.answer, x.answered_on = r.data["outcome"], r.data["answer"], r.data["answered_on"]
    case = x.complaint or x.proceeding
    if x.body == "mp" and x.purpose == "prosecutor" and case is not None:
        # The MP's answer is the case's latest prosecutor outcome too (in its columns).
        case.prosecutor_outcome, case.prosecutor_outcome_on = x.outcome, x.answered_on


@effect("referral", "close")
def _referral_closed(session: DbSession, x: Referral, r: TransitionRecord, actor: Any,
                     today: date) -> None:
    if x.purpose == "forward" and x.complaint is not None:
        cascade(session, [x.complaint], "close", today, "forwarded")
    if x.purpose == "enforcement" and x.proceeding is not None:  # the respondent's end
        cascade(session, [x.proceeding], "close_enforcement", today, x.proceeding.state)

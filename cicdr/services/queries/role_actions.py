"""What waits for a role: the (workflow, state) -> triggers map read from the workflow
declarations once, and the SQL conditions that select the cases a user can act on now.

A case waits for a user when its state declares a trigger their role fires, except:
- triggers the scheduler (role `system`) may fire: nobody has to do them;
- housekeeping that is always possible and that nothing waits for (reassigning, transferring,
  recording a payment, reopening an archived complaint);
- for the president and commissioners, triggers officers fire too: the officer in charge does
  them (e.g. recording that the prosecutor returned a file);
- triggers from a terminal state.
Some guards decide whether anything waits at all and are cheap in SQL (the comment window of a
proposed non-opening, a referral awaiting approval, the instructor who cannot decide): those
are applied as SQL refinements, so the filter stays `state IN (...) OR (state = s AND ...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import Any

from sqlalchemy import and_, exists, false, or_, select

from cicdr.models import Complaint, Deadline, Proceeding, ProceedingRespondent, Referral
from workflows import workflows
from workflows.spec import Role, Trigger
from workflows.tables import LegalTables

MODELS: Mapping[str, Any] = MappingProxyType(
    {"complaint": Complaint, "proceeding": Proceeding, "referral": Referral})
# Always possible and nothing waits for them (an extension, or a waiver of the police
# referral, is the president's choice, not a pending decision).
# Nor for what answers an outside event when it happens (a respondent's appeal, a court's
# ruling, a request for instalments, a revocation the Commission may choose).
HOUSEKEEPING = frozenset({"assign", "transfer", "record_payment", "reopen", "extend_instruction",
                          "record_no_disciplinary_referral", "record_appeal", "revoke_decision",
                          "record_appeal_admitted", "record_court_outcome",
                          "record_further_appeal", "court_ruling_final", "grant_instalments"})


@dataclass(frozen=True)
class Asked:
    """What a refinement reads: who asks, on which day, under which legal tables."""

    user: Any
    today: date
    tables: LegalTables


def _leads(spec: Trigger, role: str) -> bool:
    """Whether `spec` is something a user of `role` is waited on for."""
    if role not in spec.roles or Role.SYSTEM in spec.roles or spec.name in HOUSEKEEPING:
        return False
    return role == Role.OFFICER or Role.OFFICER not in spec.roles


@cache
def actions_by_state(role: str) -> Mapping[tuple[str, str], tuple[str, ...]]:
    """(workflow name, state) -> the triggers `role` is waited on for there, in table order;
    derived once from the declarations (they never change while the process runs)."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for flow in workflows().values():
        for state in flow.states:
            if state.value in flow.terminal:
                continue
            names = tuple(t.name for t in flow.triggers_from(state.value) if _leads(t, role))
            if names:
                found[(flow.name, state.value)] = names
    return MappingProxyType(found)


# -- SQL refinements of guards, by (workflow, trigger) ---------------------------------------------

def _comment_window_closed(_asked: Asked) -> Any:
    """decide_non_opening / reconsider: the complainant commented, or the window lapsed."""
    window = select(Deadline.id).where(Deadline.complaint_id == Complaint.id,
                                       Deadline.kind == "non_opening_comment")
    return or_(Complaint.complainant_commented.is_(True),
               and_(exists(window.where(Deadline.due_on < _asked.today)),
                    ~exists(window.where(Deadline.due_on >= _asked.today))))


def _no_hearing_or_window_closed(asked: Asked) -> Any:
    """decide_non_opening: the comment window closed, or the complainant could not be asked."""
    return or_(Complaint.no_hearing_reason.is_not(None), _comment_window_closed(asked))


def _withdrawal_pending(_asked: Asked) -> Any:
    """accept_withdrawal / continue_ex_officio: the complainant withdrew, undecided yet."""
    return Complaint.withdrawal_received_on.is_not(None)


def _prosecutor_draft(model: Any) -> Callable[[Asked], Any]:
    """refer_to_prosecutor / send_to_prosecutor: an officer's unapproved draft to the MP."""
    link = Referral.complaint_id if model is Complaint else Referral.proceeding_id

    def condition(asked: Asked) -> Any:
        return exists(select(Referral.id).where(
            link == model.id, Referral.body == "mp", Referral.state == "draft",
            Referral.approved_by_id.is_(None),
            or_(Referral.drafted_by_id.is_(None), Referral.drafted_by_id != asked.user.id)))
    return condition


def _approval_bodies(tables: LegalTables) -> list[str]:
    return sorted(tables.approval_bodies)


def _approvable(asked: Asked) -> Any:
    """approve: a draft to a body that needs approval (not the MP: approved from the case), not
    yet approved, drafted by someone else."""
    bodies = [b for b in _approval_bodies(asked.tables) if b != "mp"]
    return and_(Referral.body.in_(bodies), Referral.approved_by_id.is_(None),
                or_(Referral.drafted_by_id.is_(None), Referral.drafted_by_id != asked.user.id))


def _sendable(asked: Asked) -> Any:
    """send: approved, or to a body that needs no approval."""
    return or_(Referral.approved_by_id.is_not(None),
               Referral.body.not_in(_approval_bodies(asked.tables)))


def _not_instructor(asked: Asked) -> Any:
    """decide: never on a proceeding the deciding commissioner instructs."""
    return or_(Proceeding.instructor_id.is_(None), Proceeding.instructor_id != asked.user.id)


def _condemnatory(_asked: Asked) -> Any:
    """publish: a fine or an admonition was decided, and the court did not annul it."""
    return and_(or_(Proceeding.court_outcome.is_(None), Proceeding.court_outcome != "annulled"),
                exists(select(ProceedingRespondent.id).where(
                    ProceedingRespondent.proceeding_id == Proceeding.id,
                    ProceedingRespondent.outcome.in_(("fine", "admonition")))))


def _respondent_at(*stages: str, unanswered: bool = False) -> Callable[[Asked], Any]:
    """A per-respondent trigger: some respondent is at one of these stages (without a defence
    recorded, for `record_defence`)."""
    def condition(_asked: Asked) -> Any:
        return exists(select(ProceedingRespondent.id).where(
            ProceedingRespondent.proceeding_id == Proceeding.id,
            ProceedingRespondent.stage.in_(stages),
            *([ProceedingRespondent.defence_received_on.is_(None)] if unanswered else [])))
    return condition


def _payment_overdue(asked: Asked) -> Any:
    """refer_for_enforcement: a respondent's fine (or instalment) is unpaid after its term."""
    return exists(select(ProceedingRespondent.id).where(
        ProceedingRespondent.proceeding_id == Proceeding.id,
        ProceedingRespondent.stage == "paying",
        exists(select(Deadline.id).where(Deadline.respondent_id == ProceedingRespondent.id,
                                         Deadline.kind == "payment",
                                         Deadline.ended_on.is_(None),
                                         Deadline.due_on < asked.today))))


REFINEMENTS: Mapping[tuple[str, str], Callable[[Asked], Any]] = MappingProxyType({
    ("complaint", "decide_non_opening"): _no_hearing_or_window_closed,
    ("complaint", "accept_withdrawal"): _withdrawal_pending,
    ("complaint", "continue_ex_officio"): _withdrawal_pending,
    ("complaint", "reconsider"): _comment_window_closed,
    ("complaint", "refer_to_prosecutor"): _prosecutor_draft(Complaint),
    ("proceeding", "send_to_prosecutor"): _prosecutor_draft(Proceeding),
    ("proceeding", "decide"): _not_instructor,
    ("proceeding", "notify_accusation"): _respondent_at("pending"),
    ("proceeding", "record_defence"): _respondent_at("accused", unanswered=True),
    ("proceeding", "notify_decision"): _respondent_at("decided"),
    ("proceeding", "publish"): _condemnatory,
    ("proceeding", "send_appeal"): _respondent_at("appealed"),
    ("proceeding", "refer_for_enforcement"): _payment_overdue,
    ("referral", "approve"): _approvable,
    ("referral", "send"): _sendable,
})


def waiting_condition(kind: str, asked: Asked) -> Any:
    """SQL condition on `MODELS[kind]`: its state has a trigger waiting for the user's role
    (refined where a cheap guard decides); false when the role acts on nothing of this kind."""
    model = MODELS[kind]
    plain: list[str] = []
    refined: list[Any] = []
    for (flow, state), names in actions_by_state(asked.user.role).items():
        if flow != kind:
            continue
        if any((kind, name) not in REFINEMENTS for name in names):
            plain.append(state)
        else:
            refined.append(and_(model.state == state,
                                or_(*(REFINEMENTS[(kind, n)](asked) for n in names))))
    if not plain and not refined:
        return false()
    return or_(model.state.in_(sorted(plain)), *refined)


def action_names(subject: Any, role: str) -> tuple[str, ...]:
    """The triggers `role` is waited on for in the subject's current state."""
    return actions_by_state(role).get((subject.WORKFLOW, subject.state), ())

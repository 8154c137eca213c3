"""What the appeal, court, payment and enforcement triggers do to one respondent of a proceeding
(`workflows/court.py`, `workflows/payment.py`; domain.md 3.2, RGCO arts 29-30, 62, 88-89).

`effects.apply_effects` already stops and starts the named respondent's own terms (`appeal`,
`appeal_send_mp`, `payment`) as the triggers declare them, names the respondent in the audit
event and lets the proceeding follow its respondents. Each effect here moves the respondent's
stage and dates. A court's `altered` sanction replaces the decision's outcome, amount and
accessories on the respondent row, which the register, the public extract, the payment and the
letters all read. A fine that becomes final is `paying` with its 10-day `payment` term
(`start_payment`, also used when the appeal term lapses); an instalment plan keeps one
`payment` term running on the first instalment not yet paid, each starting on the day the plan
was granted. Registered with `effects.effect` when this module is imported (`transition.py`
does).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from cicdr.models import Deadline, Proceeding, ProceedingRespondent, Referral
from cicdr.models.base import moment_of
from cicdr.services import audit
from cicdr.services.core.legal_tables import current_tables, tables_of
from cicdr.services.core.types import DbSession
from cicdr.services.engine.effects import change, effect, start_deadlines
from workflows import TransitionRecord, court, deadlines, fines, payment
from workflows.engine import StartedDeadline
from workflows.respondent import Stage


def respondent_of(p: Proceeding, record: TransitionRecord) -> ProceedingRespondent:
    """The respondent the trigger names (the workflow checked it belongs to `p`)."""
    return next(r for r in p.respondents if str(r.id) == str(record.data["respondent"]))


def stop_payment_terms(p: Proceeding, r: ProceedingRespondent, trigger: str, on: date) -> None:
    """End the respondent's running `payment` terms."""
    for d in p.deadlines:
        if d.ended_on is None and d.respondent_id == r.id and d.kind == "payment":
            d.ended_on, d.ended_by = on, trigger


def start_payment(r: ProceedingRespondent, final_on: date) -> date:
    """A fine became final on `final_on`: the respondent is `paying`, within the `payment` term
    of the legal tables in force (10 calendar days, RGCO art. 88(1)); returns its last day."""
    p = r.proceeding
    due = fines.payment_due(final_on, tables=tables_of(p))
    r.final_on, r.stage, r.payment_due_on = final_on, Stage.paying.value, due
    p.deadlines.append(Deadline(kind="payment", started_on=final_on, due_on=due,
                                respondent_id=r.id))
    return due


def close(r: ProceedingRespondent, on: date, reason: str) -> None:
    """End the respondent's procedure (workflows.respondent.CLOSE_REASONS)."""
    r.stage, r.closed_on, r.close_reason = Stage.closed.value, on, reason


def _clear_decision(r: ProceedingRespondent) -> dict[str, Any]:
    """Forget the decision and everything after it (a revocation, a return by the court): a
    new decision is due. Returns the decision that fell, for the audit event."""
    fell = {"outcome": r.outcome, "amount": r.amount, "accessories": r.accessory_list(),
            "decided_on": r.decided_on}
    r.outcome = r.amount = r.accessories = None
    r.decided_on = r.decision_notified_on = None
    r.appeal_lodged_on = r.appeal_sent_on = r.appeal_admitted_on = None
    r.stage = Stage.accused.value
    return fell


# -- the appeal and the court ---------------------------------------------------------------


@effect("proceeding", "record_appeal")
def _appeal(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
            today: date) -> None:
    r = respondent_of(p, rec)
    r.stage, r.appeal_lodged_on = Stage.appealed.value, rec.data["lodged_on"]
    # A new appeal (after a revocation or a return by the court): no ruling on it yet.
    r.appeal_sent_on = r.appeal_admitted_on = r.court_outcome = r.court_ruled_on = None


@effect("proceeding", "revoke_decision")
def _revoke(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
            today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    fell = _clear_decision(r)
    r.revoked_on = today
    return {"revoked": fell}


@effect("proceeding", "send_appeal")
def _send(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
          today: date) -> None:
    r = respondent_of(p, rec)
    r.stage, r.appeal_sent_on = Stage.at_court.value, rec.data["sent_on"]


@effect("proceeding", "record_appeal_admitted")
def _admitted(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
              today: date) -> None:
    respondent_of(p, rec).appeal_admitted_on = rec.data["admitted_on"]


@effect("proceeding", "record_court_outcome")
def _ruling(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
            today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    outcome = rec.data["outcome"]
    r.court_outcome, r.court_ruled_on = outcome, rec.data["ruled_on"]
    if outcome == "altered":
        new = court.new_sanction(rec.data)
        old = {"outcome": r.outcome, "amount": r.amount, "accessories": r.accessory_list()}
        r.outcome, r.amount = new.outcome, new.amount
        r.accessories = json.dumps([{"kind": a.kind, "months": a.months}
                                    for a in new.accessories]) if new.accessories else None
        return change("sanction", old, {"outcome": r.outcome, "amount": r.amount,
                                        "accessories": r.accessory_list()})
    if outcome == "returned_for_new_decision":
        return {"set_aside": _clear_decision(r)}
    return {}


@effect("proceeding", "record_further_appeal")
def _further(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
             today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    ruled = {"outcome": r.court_outcome, "ruled_on": r.court_ruled_on}
    r.court_outcome = r.court_ruled_on = None  # the higher court's ruling is awaited
    return {"appealed_ruling": ruled}


@effect("proceeding", "court_ruling_final")
def _ruling_final(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
                  today: date) -> dict[str, Any]:
    """Final on the date given: a fine upheld is to be paid (its `payment` term was started
    by the trigger), an admonition upheld closes the respondent, an annulment or acquittal
    too."""
    r = respondent_of(p, rec)
    r.final_on = rec.data["final_on"]
    started = [d for d in rec.started if d.kind == "payment"]
    if started:
        r.stage, r.payment_due_on = Stage.paying.value, started[0].due
        return {"payment_due": started[0].due}
    reason = ("admonished" if r.court_outcome in court.UPHELD and r.outcome == "admonition"
              else "annulled" if r.court_outcome == "annulled" else "not_condemnatory")
    close(r, r.final_on, reason)
    return {"close_reason": reason}


# -- payment and enforcement ----------------------------------------------------------------


def _plan_term(p: Proceeding, r: ProceedingRespondent, granted_on: date, on: date,
               trigger: str) -> None:
    """Keep one running `payment` term on the first instalment not yet paid in full; every
    term of a plan starts on the day it was granted (`payment.plan_granted_on` reads it)."""
    stop_payment_terms(p, r, trigger, on)
    unpaid = fines.first_unpaid(payment.plan_of(r), r.paid or Decimal("0"))
    if unpaid is not None:
        p.deadlines.append(Deadline(kind="payment", started_on=granted_on,
                                    due_on=unpaid.due_on, respondent_id=r.id))


@effect("proceeding", "record_payment")
def _payment(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
             today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    r.paid = (r.paid or Decimal("0")) + rec.data["amount"]
    extra: dict[str, Any] = {"outstanding": r.outstanding}
    if r.outstanding <= 0:
        stop_payment_terms(p, r, rec.trigger, rec.data["paid_on"])
        close(r, rec.data["paid_on"], "paid")
        extra["close_reason"] = "paid"
    elif r.instalments and r.stage == Stage.paying:
        granted = payment.plan_granted_on(p.deadlines, r) or rec.data["paid_on"]
        _plan_term(p, r, granted, rec.data["paid_on"], rec.trigger)
    return extra


@effect("proceeding", "grant_instalments")
def _instalments(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
                 today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    plan = fines.parse_plan(rec.data["plan"])  # checked by the workflow
    r.instalments = fines.plan_to_json(plan)
    _plan_term(p, r, rec.data["granted_on"], rec.data["granted_on"], rec.trigger)
    return {"instalments": [{"due_on": i.due_on, "amount": i.amount} for i in plan]}


@effect("proceeding", "refer_for_enforcement")
def _enforce(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
             today: date) -> dict[str, Any]:
    """A referral to the prosecutor (purpose `enforcement`), drafted and approved by the
    president who decided to refer: an officer sends it within the MP sending term."""
    r = respondent_of(p, rec)
    referral = Referral(body="mp", purpose="enforcement", state="draft",
                        summary=rec.data["summary"], drafted_by_id=actor.id,
                        drafted_at=moment_of(today), approved_by_id=actor.id,
                        approved_at=moment_of(today), proceeding=p)
    session.add(referral)
    session.flush()
    audit.record(session, subject_type="referral", subject_id=referral.id,
                 subject_ref=referral.reference, actor=actor, action="draft", from_state=None,
                 to_state="draft", data={"body": "mp", "purpose": "enforcement",
                                         "summary": referral.summary, "approved": True})
    due = deadlines.due_date("referral_send_mp", today, tables=current_tables(session))
    start_deadlines(referral, [StartedDeadline("referral_send_mp", today, due)])
    r.stage, r.enforcement_referral_id = Stage.enforcement.value, referral.id
    return {"referral": referral.reference, "outstanding": r.outstanding}


@effect("proceeding", "close_enforcement")
def _enforced(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
              today: date) -> None:
    close(respondent_of(p, rec), today, "enforced")


@effect("proceeding", "prescribe_fine")
def _fine_prescribed(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
                     today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    after = payment.fine_prescription(p.deadlines, r, today, current_tables(session))
    close(r, today, "fine_prescribed")
    return {"prescribed_after": after}

"""What the appeal, court, payment and enforcement triggers do to one respondent of a proceeding
(`workflows/court.py`, `workflows/payment.py`; domain.md 3.2, RGCO arts 29-30, 62, 88-89).

Each effect moves the named respondent's stage and dates, stops and starts that respondent's own
terms (`Deadline.respondent_id`: `appeal`, `appeal_send_mp`, `payment`), and returns the
respondent's name for the audit event, so the history reads "... for respondent X". A court's
`altered` sanction replaces the decision's outcome, amount and accessories on the respondent row,
which the register, the public extract, the payment and the letters all read. When a decision
becomes final (`settle_final`) a fine starts the 10-day `payment` term, an admonition closes
the respondent (`admonished`), an annulment or acquittal closes it too. Registered with
`effects.effect` when this module is imported (`transition.py` does).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from cicdr.models import Deadline, Proceeding, ProceedingRespondent, Referral
from cicdr.models.base import moment_of
from cicdr.services import audit
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.engine.effects import change, effect, start_deadlines
from workflows import TransitionRecord, court, deadlines, fines, payment
from workflows.engine import StartedDeadline
from workflows.respondent import Stage
from workflows.tables import LegalTables

RESPONDENT_TERMS = ("appeal", "appeal_send_mp", "payment")


def respondent_of(p: Proceeding, record: TransitionRecord) -> ProceedingRespondent:
    """The respondent the trigger names (the workflow checked it belongs to `p`)."""
    return next(r for r in p.respondents if str(r.id) == record.data["respondent"])


def named(r: ProceedingRespondent, **more: Any) -> dict[str, Any]:
    """What the audit event adds to say whom the trigger concerned."""
    return {"respondent_name": r.name, **more}


def stop_terms(p: Proceeding, r: ProceedingRespondent, kinds: tuple[str, ...], trigger: str,
               on: date) -> None:
    """End the running terms of these kinds that belong to respondent `r`."""
    for d in p.deadlines:
        if d.ended_on is None and d.respondent_id == r.id and d.kind in kinds:
            d.ended_on, d.ended_by = on, trigger


def start_term(p: Proceeding, r: ProceedingRespondent, kind: str, start: date,
               due: date) -> None:
    """Start a term of respondent `r` on the proceeding."""
    p.deadlines.append(Deadline(kind=kind, started_on=start, due_on=due, respondent_id=r.id))


def start_declared(p: Proceeding, r: ProceedingRespondent, record: TransitionRecord) -> None:
    """The terms the trigger declared `on="respondent"`, with the due dates it computed."""
    for d in record.started:
        if d.on == "respondent":
            start_term(p, r, d.kind, d.start, d.due)


def _clear_decision(r: ProceedingRespondent) -> dict[str, Any]:
    """Forget the decision and everything after it (a revocation, a return by the court): a
    new decision is due. Returns the decision that fell, for the audit event."""
    fell = {"outcome": r.outcome, "amount": r.amount, "accessories": r.accessory_list(),
            "decided_on": r.decided_on}
    r.outcome = r.amount = r.accessories = None
    r.decided_on = r.decision_notified_on = None
    r.appeal_lodged_on = r.appeal_sent_on = r.appeal_admitted_on = None
    r.court_ruled_on = None
    r.stage = Stage.accused.value
    return fell


def settle_final(p: Proceeding, r: ProceedingRespondent, final_on: date,
                 tables: LegalTables) -> dict[str, Any]:
    """The respondent's decision became final on `final_on`: a fine is to be paid within the
    `payment` term (the respondent is `paying`); an admonition closes the respondent
    (`admonished`), a dismissal too (`not_condemnatory`). Returns the facts for the audit."""
    r.final_on = final_on
    if r.outcome == "fine" and r.outstanding > 0:
        due = fines.payment_due(final_on, tables=tables)
        r.stage, r.payment_due_on = Stage.paying.value, due
        start_term(p, r, "payment", final_on, due)
        return {"payment_due": due}
    reason = {"fine": "paid", "admonition": "admonished"}.get(r.outcome or "",
                                                                "not_condemnatory")
    close(r, final_on, reason)
    return {"close_reason": reason}


def close(r: ProceedingRespondent, on: date, reason: str) -> None:
    """End the respondent's procedure."""
    r.stage, r.closed_on, r.close_reason = Stage.closed.value, on, reason


# -- the appeal and the court ---------------------------------------------------------------


@effect("proceeding", "record_appeal")
def _appeal(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
            today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    r.stage, r.appeal_lodged_on = Stage.appealed.value, rec.data["lodged_on"]
    stop_terms(p, r, ("appeal",), rec.trigger, rec.data["lodged_on"])
    start_declared(p, r, rec)
    return named(r)


@effect("proceeding", "revoke_decision")
def _revoke(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
            today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    stop_terms(p, r, ("appeal_send_mp",), rec.trigger, today)
    fell = _clear_decision(r)
    r.revoked_on = today
    return named(r, revoked=fell)


@effect("proceeding", "send_appeal")
def _send(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
          today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    r.stage, r.appeal_sent_on = Stage.at_court.value, rec.data["sent_on"]
    stop_terms(p, r, ("appeal_send_mp",), rec.trigger, rec.data["sent_on"])
    return named(r)


@effect("proceeding", "record_appeal_admitted")
def _admitted(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
              today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    r.appeal_admitted_on = rec.data["admitted_on"]
    return named(r)


def _accessories_json(decision: Any) -> str | None:
    return json.dumps([{"kind": a.kind, "months": a.months} for a in decision.accessories]) \
        if decision.accessories else None


@effect("proceeding", "record_court_outcome")
def _ruling(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
            today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    outcome = rec.data["outcome"]
    r.court_outcome, r.court_ruled_on = outcome, rec.data["ruled_on"]
    extra = named(r)
    if outcome == "altered":
        new = court.new_sanction(rec.data)
        old = {"outcome": r.outcome, "amount": r.amount, "accessories": r.accessory_list()}
        r.outcome, r.amount, r.accessories = new.outcome, new.amount, _accessories_json(new)
        extra.update(change("sanction", old, {"outcome": r.outcome, "amount": r.amount,
                                              "accessories": r.accessory_list()}))
    elif outcome == "returned_for_new_decision":
        extra["set_aside"] = _clear_decision(r)
    return extra


@effect("proceeding", "record_further_appeal")
def _further(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
             today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    ruled = {"outcome": r.court_outcome, "ruled_on": r.court_ruled_on}
    r.court_outcome = r.court_ruled_on = None  # the higher court's ruling is awaited
    return named(r, appealed_ruling=ruled)


@effect("proceeding", "court_ruling_final")
def _ruling_final(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
                  today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    final_on = rec.data["final_on"]
    if r.court_outcome in court.UPHELD:
        return named(r, **settle_final(p, r, final_on, current_tables(session)))
    r.final_on = final_on
    reason = "annulled" if r.court_outcome == "annulled" else "not_condemnatory"
    close(r, final_on, reason)
    return named(r, close_reason=reason)


# -- payment and enforcement ----------------------------------------------------------------


def _plan_term(p: Proceeding, r: ProceedingRespondent, granted_on: date, on: date,
               trigger: str) -> None:
    """Keep one running `payment` term on the first instalment not yet paid in full; every
    term of a plan starts on the day it was granted (`payment.plan_granted_on` reads it)."""
    stop_terms(p, r, ("payment",), trigger, on)
    unpaid = fines.first_unpaid(payment.plan_of(r), r.paid or Decimal("0"))
    if unpaid is not None:
        start_term(p, r, "payment", granted_on, unpaid.due_on)


@effect("proceeding", "record_payment")
def _payment(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
             today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    r.paid = (r.paid or Decimal("0")) + rec.data["amount"]
    extra = named(r, outstanding=r.outstanding)
    if r.outstanding <= 0:
        stop_terms(p, r, ("payment",), rec.trigger, rec.data["paid_on"])
        close(r, rec.data["paid_on"], "paid")
        extra["close_reason"] = "paid"
    elif r.instalments and r.stage == Stage.paying:
        granted = payment.plan_granted_on(p, r)
        _plan_term(p, r, granted or rec.data["paid_on"], rec.data["paid_on"], rec.trigger)
    return extra


@effect("proceeding", "grant_instalments")
def _instalments(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
                 today: date) -> dict[str, Any]:
    r = respondent_of(p, rec)
    plan = fines.parse_plan(rec.data["plan"])  # checked by the workflow
    r.instalments = fines.plan_to_json(plan)
    _plan_term(p, r, rec.data["granted_on"], rec.data["granted_on"], rec.trigger)
    return named(r, instalments=[{"due_on": i.due_on, "amount": i.amount} for i in plan])


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
    tables = current_tables(session)
    start_deadlines(referral, [_mp_term(today, tables)])
    stop_terms(p, r, ("payment",), rec.trigger, today)
    r.stage, r.enforcement_referral_id = Stage.enforcement.value, referral.id
    return named(r, referral=referral.reference, outstanding=r.outstanding)


def _mp_term(today: date, tables: LegalTables) -> StartedDeadline:
    return StartedDeadline("referral_send_mp", today,
                           deadlines.due_date("referral_send_mp", today, tables=tables))


def _ended(p: Proceeding, test: Any, reason: str, today: date) -> dict[str, Any]:
    """Close every respondent passing `test`; the audit names them."""
    closed = []
    for r in p.respondents:
        if test(r):
            stop_terms(p, r, RESPONDENT_TERMS, reason, today)
            close(r, today, reason)
            closed.append({"id": r.id, "name": r.name})
    return {"respondents": closed}


@effect("proceeding", "close_enforcement")
def _enforced(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
              today: date) -> dict[str, Any]:
    return _ended(p, payment.enforcement_over, "enforced", today)


@effect("proceeding", "prescribe_fine")
def _fine_prescribed(session: DbSession, p: Proceeding, rec: TransitionRecord, actor: Any,
                     today: date) -> dict[str, Any]:
    tables = current_tables(session)
    return _ended(p, lambda r: payment.fine_prescribed(p, r, today, tables), "fine_prescribed",
                  today)

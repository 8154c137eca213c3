"""What the steps of each respondent's own procedure do (domain.md 3.2; issue 12).

The proceeding stays the one audit subject; its per-respondent triggers (data `respondent`)
move that respondent's stage and dates. `effects.apply_effects` already starts and stops that
respondent's own terms, records their prescription interruption, names them in the audit event
and asks for `follow_respondents` when the respondents' stages give the proceeding another
state. The helpers `make_final` and `close_respondent` are shared with the appeal, court and
payment effects. Registered with `effects.effect` when this module is imported
(`transition.py` does).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from cicdr.models import Proceeding, ProceedingRespondent
from cicdr.services.core.types import DbSession
from cicdr.services.engine.court_and_payment import start_payment
from cicdr.services.engine.effects import cascade, effect, respondent_of, stop_deadlines
from workflows import TransitionRecord
from workflows.respondent import ENDED, PER_RESPONDENT_TERMS, Stage

# Why a respondent's procedure closed, by the decision that became final.
CLOSED_BY_OUTCOME = {"dismissal": "not_condemnatory", "admonition": "admonished"}


def _who(p: Proceeding, r: TransitionRecord) -> ProceedingRespondent:
    found = respondent_of(p, r)
    assert found is not None  # the trigger's check chose one of the proceeding's respondents
    return found


def make_final(respondent: ProceedingRespondent, final_on: date) -> None:
    """The decision about `respondent` became final on `final_on`: a dismissal or an
    admonition closes their procedure (nothing to pay); a fine is to be paid within the
    `payment` term (`court_and_payment.start_payment`: the respondent is `paying`) until it is
    paid, enforced or prescribes."""
    respondent.final_on = final_on
    reason = CLOSED_BY_OUTCOME.get(respondent.outcome or "")
    if reason is not None:
        close_respondent(respondent, reason, final_on)
    else:
        start_payment(respondent, final_on)


def close_respondent(respondent: ProceedingRespondent, reason: str, on: date) -> None:
    """End `respondent`'s procedure for `reason` (workflows.respondent.CLOSE_REASONS)."""
    respondent.stage = Stage.prescribed if reason == "prescribed" else Stage.closed
    respondent.close_reason, respondent.closed_on = reason, on


@effect("proceeding", "notify_accusation")
def _accusation(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
                today: date) -> None:
    who = _who(p, r)
    who.accusation_notified_on, who.stage = r.data["notified_on"], Stage.accused
    p.accusation_notified_on = min(filter(None, (p.accusation_notified_on,
                                                 r.data["notified_on"])))


@effect("proceeding", "record_defence")
def _defence(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
             today: date) -> None:
    _who(p, r).defence_received_on = r.data["received_on"]
    p.defence_received_on = p.defence_received_on or r.data["received_on"]


@effect("proceeding", "close_instruction")
def _instruction_closed(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
                        today: date) -> None:
    """The defence terms that ran out end with the instruction; a respondent still within
    their own term keeps it (their defence may come until it ends)."""
    for deadline in p.deadlines:
        if deadline.kind == "defence" and deadline.ended_on is None and deadline.due_on < today:
            deadline.ended_on, deadline.ended_by = today, r.trigger


@effect("proceeding", "decide")
def _decide(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
            today: date) -> dict[str, Any]:
    """The decisions recorded now (others may follow); a fine interrupts that respondent's
    prescription (RGCO art. 28(1)(d))."""
    decided_on = r.data["decided_on"]
    names = {}
    for respondent in p.respondents:
        d = r.data["decisions"].get(str(respondent.id))
        if d is None:
            continue
        respondent.outcome, respondent.amount = d.outcome, d.amount
        respondent.accessories = json.dumps(
            [{"kind": a.kind, "months": a.months} for a in d.accessories]) \
            if d.accessories else None
        respondent.decided_on, respondent.stage = decided_on, Stage.decided
        stop_deadlines(p, ("defence",), r.trigger, today, respondent=respondent)
        if d.outcome == "fine":
            respondent.add_interruption(decided_on)
        names[str(respondent.id)] = respondent.name
    p.decided_on, p.decided_by_id = decided_on, actor.id
    return {"respondent_names": names}


@effect("proceeding", "notify_decision")
def _notify(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
            today: date) -> None:
    who = _who(p, r)
    who.decision_notified_on, who.stage = r.data["notified_on"], Stage.notified
    p.decision_notified_on = p.decision_notified_on or r.data["notified_on"]


@effect("proceeding", "become_final")
def _final(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
           today: date) -> dict[str, Any]:
    """Final on the day after the respondent's appeal term ended (whenever the system saw
    it)."""
    who = _who(p, r)
    due = p.due_for(who, "appeal")
    final_on = due + timedelta(days=1) if due is not None else today
    make_final(who, final_on)
    return {"final_on": final_on}


@effect("proceeding", "prescribe")
def _prescribed(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
                today: date) -> dict[str, Any]:
    """The respondent's procedure is time-barred: their terms end with it."""
    who = _who(p, r)
    after = p.prescription_for(who, today)
    close_respondent(who, "prescribed", today)
    stop_deadlines(p, PER_RESPONDENT_TERMS, r.trigger, today, respondent=who)
    return {"prescribed_after": after}


@effect("proceeding", "close")
def _closed(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
            today: date) -> None:
    """Closing the proceeding closes the respondents still open (their decision final and
    nothing left to pay: the close's guards saw to it)."""
    for respondent in p.respondents:
        if respondent.stage not in ENDED:
            reason = ("annulled" if respondent.court_outcome == "annulled"
                      else CLOSED_BY_OUTCOME.get(respondent.outcome or "", "paid"))
            close_respondent(respondent, reason, today)
    _ended(session, p, today)


@effect("proceeding", "follow_respondents")
def _followed(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
              today: date) -> dict[str, Any]:
    """The proceeding moved with its respondents: at its end, its complaints close."""
    if r.dest in ("closed", "prescribed"):
        _ended(session, p, today)
    return {"stages": {str(x.id): x.stage for x in p.respondents}}


def _ended(session: DbSession, p: Proceeding, today: date) -> None:
    cascade(session, list(p.complaints), "close", today, "proceeding_opened")

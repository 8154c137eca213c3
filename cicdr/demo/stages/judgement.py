"""From the accusation to the end: defence, report, decision, notification, appeal or
finality, publication, payments and closing. Each respondent has their own procedure (issue
12): accused, answering, notified of the decision and final on their own days. Each stage
returns True when the track's target is reached (the path stops there)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from cicdr.demo.actions import Demo
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.decision import CENT, plan_decisions
from cicdr.demo.stages.evidence import evidence
from cicdr.demo.stages.track import Track, step
from cicdr.demo.texts import DEFENCES, accusation_texts, decision_texts, proposal
from cicdr.services.casework.respondent_texts import write_respondent_texts
from cicdr.services.core.actors import SystemActor
from cicdr.services.core.legal_tables import tables_of
from workflows.sanctions import fine_bounds


def accusation(demo: Demo, t: Track) -> Steps:
    """Each respondent is accused (a few days apart when there are several) and answers, or
    lets their own 10 days pass; a dismissal may come without any accusation, closing the
    instruction with its reason."""
    t.decisions = plan_decisions(t.r, t.proceeding, t.target)
    dismissal_only = all(d.outcome == "dismissal" for d in t.decisions.values())
    if dismissal_only and t.target != "awaiting_defence" and t.r.random() < 0.5:
        t.close_reason = "Não se apuraram indícios suficientes contra os visados."
        return False
    for respondent in t.proceeding.respondents:
        write_respondent_texts(demo.session, t.proceeding, t.officer, respondent.id,
                               accusation_texts(t.proceeding, respondent))
    people = list(t.proceeding.respondents)
    for i, respondent in enumerate(people):
        if (yield from step(demo, t, "awaiting_defence" if i == len(people) - 1 else "accusing",
                            "notify_accusation", t.officer, (10, 40) if i == 0 else (1, 9),
                            dated=("notified_on",), respondent=str(respondent.id))):
            return True
    silent = []
    for respondent in people:
        due = t.proceeding.due_for(respondent, "defence")
        assert due is not None
        if t.r.random() >= 0.65:
            silent.append(due)
            continue
        notified = respondent.accusation_notified_on
        assert notified is not None
        received_on: date = max(t.day, min(notified + timedelta(days=t.r.randint(3, 12)), due))
        t.day = received_on
        yield from step(demo, t, "defence", "record_defence", t.officer, (0, 0),
                        received_on=received_on, respondent=str(respondent.id),
                        summary=t.r.choice(DEFENCES))
    if silent:  # the instruction waits for the last term to run out
        t.day = max(t.day, later(t.r, max(silent), 1, 8))
        yield t.day
    if t.proceeding.defence_recorded and t.r.random() < 0.2:
        yield from step(demo, t, "reopened", "reopen_instruction", t.officer, (1, 7),
                        reason="A defesa requereu a inquirição de duas testemunhas.")
        yield from evidence(demo, t, 1)
    return False


def report_and_decision(demo: Demo, t: Track) -> Steps:
    """Instruction closes, the report proposes, a commissioner decides, the parties are told."""
    r, officer = t.r, t.officer
    reason: dict[str, Any] = {"reason": t.close_reason} if t.close_reason else {}
    if ((yield from step(demo, t, "report", "close_instruction", officer, (1, 10), **reason))
            or (yield from step(demo, t, "awaiting_decision", "submit_report", officer, (5, 20),
                                proposal=proposal(t.proceeding, t.decisions)))
            or (yield from step(demo, t, "decided", "decide", demo.commissioner(r), (7, 30),
                                dated=("decided_on",), decisions=t.decisions))):
        return True
    for respondent in t.proceeding.respondents:  # what the decision letter prints
        write_respondent_texts(demo.session, t.proceeding, officer, respondent.id,
                               decision_texts(t.proceeding, respondent,
                                              t.decisions[str(respondent.id)].outcome))
    people = list(t.proceeding.respondents)
    for i, respondent in enumerate(people):  # the post reaches each on their own day
        if (yield from step(demo, t, "notified" if i == len(people) - 1 else "notifying",
                            "notify_decision", officer, (3, 14) if i == 0 else (0, 6),
                            dated=("notified_on",), respondent=str(respondent.id))):
            return True
    return False


def appeal_or_final(demo: Demo, t: Track) -> Steps:
    """An appeal to court by the first respondent (the file sent, the appeal admitted, the
    ruling and its finality later), while the others' decisions become final the day after
    their own appeal term; or every decision becomes final that way."""
    p = t.proceeding
    appeal = t.target in ("appealed", "closed_annulled") or (
        t.target in ("final", "published", "closed_fine") and t.r.random() < 0.2)
    appellant = p.respondents[0] if appeal else None
    if appellant is not None:
        due = p.due_for(appellant, "appeal")
        assert due is not None
        t.day = min(t.day + timedelta(days=t.r.randint(3, 20)), due)
        who = str(appellant.id)
        if (yield from step(demo, t, "appealed", "record_appeal", t.officer, (0, 0),
                            dated=("lodged_on",), respondent=who)):
            return True
        yield from step(demo, t, "sent", "send_appeal", t.officer, (1, 5),
                        dated=("sent_on",), respondent=who)
    others = [x for x in p.respondents if x is not appellant]
    for respondent in sorted(others, key=lambda x: p.due_for(x, "appeal") or t.day):
        due = p.due_for(respondent, "appeal")
        assert due is not None
        t.day = max(t.day, due + timedelta(days=t.r.randint(1, 4)))
        yield t.day
        demo.fire(p, "become_final", SystemActor("tick"), t.day, respondent=str(respondent.id))
    if appellant is None:
        return t.target == "final" or p.state == "closed"
    outcome = "annulled" if t.target == "closed_annulled" else t.r.choice(
        ("confirmed", "confirmed", "altered"))
    # An altered sanction: the court keeps its kind, a fine reduced by a tenth within bounds.
    low = bounds_low(p, appellant)
    new = {"sanction": appellant.outcome, "amount": max(low, (appellant.amount * 9 / 10)
                                                         .quantize(CENT))
           if appellant.outcome == "fine" and appellant.amount else None} \
        if outcome == "altered" and appellant.outcome in ("fine", "admonition") else {}
    if outcome == "altered" and not new:
        outcome = "confirmed"  # a dismissal is not appealed; nothing to alter
    yield from step(demo, t, "admitted", "record_appeal_admitted", t.officer, (10, 30),
                    dated=("admitted_on",), respondent=who)
    yield from step(demo, t, "court", "record_court_outcome", t.officer, (60, 200),
                    dated=("ruled_on",), outcome=outcome, respondent=who, **new)
    yield from step(demo, t, "court_final", "court_ruling_final", t.officer, (30, 45),
                    dated=("final_on",), respondent=who)
    return t.target == "final"


def bounds_low(p: Any, respondent: Any) -> Decimal:
    """The lowest fine the respondent may be given (a court's new fine stays within bounds)."""
    return fine_bounds(p.facts_year, respondent.person, negligent=respondent.negligent,
                       tables=tables_of(p))[0]


def _instalments(t: Track, amount: Decimal) -> list[Decimal]:
    """How a fine is paid: at once, in two halves, or (while published) half or nothing yet."""
    half = (amount / 2).quantize(CENT)
    if t.target == "published":
        return [half] if t.r.random() < 0.4 else []
    return [amount] if t.r.random() < 0.6 else [half, amount - half]


def publication(demo: Demo, t: Track) -> Steps:
    """A condemnatory decision is published; the fined pay, in full or in instalments."""
    if not t.proceeding.is_condemnatory:
        return False
    yield from step(demo, t, "publish", "publish", t.r.choice((t.officer, demo.president)),
                    (5, 30), dated=("published_on",))
    for respondent in [x for x in t.proceeding.respondents if x.stage == "paying"]:
        assert respondent.amount is not None
        for part in _instalments(t, respondent.amount):
            yield from step(demo, t, "payment", "record_payment", t.officer, (10, 60),
                            dated=("paid_on",), respondent=str(respondent.id), amount=part)
    return t.target == "published"


def close(demo: Demo, t: Track) -> Steps:
    """The proceeding closes (by the president, or by the nightly job), unless it closed
    itself when its last respondent's procedure ended."""
    if t.proceeding.state != "closed":
        yield from step(demo, t, "closed", "close",
                        t.r.choice((demo.president, SystemActor("tick"))), (1, 15))
    return True

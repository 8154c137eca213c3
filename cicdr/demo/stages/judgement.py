"""From the accusation to the end: defence, report, decision, notification, appeal or
finality, publication, payments and closing. Each stage returns True when the track's
target is reached (the path stops there)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from cicdr.demo.actions import Demo
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.decision import CENT, plan_decisions
from cicdr.demo.stages.evidence import evidence
from cicdr.demo.stages.track import Track, step
from cicdr.demo.texts import DEFENCES, accusation_texts, decision_texts, proposal
from cicdr.services.casework.respondent_texts import write_respondent_texts
from cicdr.services.core.actors import SystemActor


def accusation(demo: Demo, t: Track) -> Steps:
    """The respondents are accused and answer (or let the days pass); a dismissal may come
    without any accusation."""
    t.decisions = plan_decisions(t.r, t.proceeding, t.target)
    dismissal_only = all(d.outcome == "dismissal" for d in t.decisions.values())
    if dismissal_only and t.target != "awaiting_defence" and t.r.random() < 0.5:
        return False
    for respondent in t.proceeding.respondents:
        write_respondent_texts(demo.session, t.proceeding, t.officer, respondent.id,
                               accusation_texts(t.proceeding, respondent))
    if (yield from step(demo, t, "awaiting_defence", "notify_accusation", t.officer, (10, 40),
                        dated=("notified_on",))):
        return True
    due = t.proceeding.defence_due
    assert due is not None
    if t.r.random() >= 0.65:
        t.day = later(t.r, due, 1, 8)
        yield t.day
        return False
    received_on = min(t.day + timedelta(days=t.r.randint(3, 12)), due)
    t.day = received_on
    yield from step(demo, t, "defence", "record_defence", t.officer, (0, 3),
                    received_on=received_on, summary=t.r.choice(DEFENCES))
    if t.r.random() < 0.2:
        yield from step(demo, t, "reopened", "reopen_instruction", t.officer, (1, 7),
                        reason="A defesa requereu a inquirição de duas testemunhas.")
        yield from evidence(demo, t, 1)
    return False


def report_and_decision(demo: Demo, t: Track) -> Steps:
    """Instruction closes, the report proposes, a commissioner decides, the parties are told."""
    r, officer = t.r, t.officer
    if ((yield from step(demo, t, "report", "close_instruction", officer, (1, 10)))
            or (yield from step(demo, t, "awaiting_decision", "submit_report", officer, (5, 20),
                                proposal=proposal(t.proceeding, t.decisions)))
            or (yield from step(demo, t, "decided", "decide", demo.commissioner(r), (7, 30),
                                dated=("decided_on",), decisions=t.decisions))):
        return True
    for respondent in t.proceeding.respondents:  # what the decision letter prints
        write_respondent_texts(demo.session, t.proceeding, officer, respondent.id,
                               decision_texts(t.proceeding, respondent,
                                              t.decisions[str(respondent.id)].outcome))
    return (yield from step(demo, t, "notified", "notify_decision", officer, (3, 14),
                            dated=("notified_on",)))


def appeal_or_final(demo: Demo, t: Track) -> Steps:
    """An appeal to court (ruled on later), or the decision becomes final when the days to
    appeal run out."""
    due = t.proceeding.appeal_due
    assert due is not None
    appeal = t.target in ("appealed", "closed_annulled") or (
        t.target in ("final", "published", "closed_fine") and t.r.random() < 0.2)
    if not appeal:
        t.day = due + timedelta(days=t.r.randint(1, 4))
        yield t.day
        demo.fire(t.proceeding, "become_final", SystemActor("tick"), t.day)
        return t.target == "final"
    lodged = min(t.day + timedelta(days=t.r.randint(3, 20)), due)
    t.day = lodged
    if (yield from step(demo, t, "appealed", "record_appeal", t.officer, (0, 5),
                        lodged_on=lodged)):
        return True
    outcome = "annulled" if t.target == "closed_annulled" else t.r.choice(
        ("confirmed", "confirmed", "altered"))
    yield from step(demo, t, "court", "record_court_outcome", t.officer, (60, 200),
                    dated=("ruled_on",), outcome=outcome)
    return t.target == "final"


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
    for respondent in [x for x in t.proceeding.respondents if x.outcome == "fine"]:
        assert respondent.amount is not None
        for part in _instalments(t, respondent.amount):
            yield from step(demo, t, "payment", "record_payment", t.officer, (10, 60),
                            dated=("paid_on",), respondent=str(respondent.id), amount=part)
    return t.target == "published"


def close(demo: Demo, t: Track) -> Steps:
    """The proceeding closes (by the president, or by the nightly job)."""
    yield from step(demo, t, "closed", "close", t.r.choice((demo.president, SystemActor("tick"))),
                    (1, 15))
    return True

"""Payment and enforcement of the fines, per respondent (domain.md 3.2; RGCO arts 29-30-A,
88-89): part of the proceeding workflow, joined to it by `workflows/proceeding.py`.

A fined respondent whose decision became final is `paying`: the fine is due within the `payment`
term (10 days from finality), or by the instalments granted on request (the last at most 12
months after finality). Payments are recorded as they come, partial ones too; the respondent is
closed (`paid`) when nothing is owed. Unpaid after the term, or with an instalment missed, the
fine is referred to the prosecutor for enforcement (a referral to `mp`, purpose `enforcement`,
through the referral workflow); the respondent is closed (`enforced`) when that referral is
closed, or (`fine_prescribed`) when the fine prescribes first (art. 29; suspended while
instalments run, art. 30). The arithmetic is `workflows.fines`.

The rules read the respondent's facts (`RespondentFacts`): `stage`, `amount`, `paid`,
`final_on`, `payment_due_on`, `instalments` (the plan as stored), `enforcement_closed` and
`fine_prescription_date`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from workflows import fines
from workflows import respondent as each
from workflows.court import AFTER_DECISION, chosen_facts
from workflows.pco_states import OFFICER, PRESIDENT, SYSTEM
from workflows.respondent import RespondentFacts, Stage
from workflows.spec import Context, Field, a_date, text, trigger
from workflows.text import N_, Msg, join

PAYING = (Stage.paying, Stage.enforcement)


def plan_of(r: Any) -> list[fines.Instalment]:
    """The respondent's instalment plan (empty when none was granted)."""
    return fines.plan_from_json(r.instalments)


def outstanding(r: Any) -> Decimal:
    return (r.amount or Decimal("0")) - (r.paid or Decimal("0"))


def enforcement_due_after(r: Any) -> date | None:
    """The last day before the respondent's fine must be referred for enforcement (None while
    nothing is owed)."""
    return fines.enforcement_due_after(amount=r.amount or Decimal("0"),
                                       paid=r.paid or Decimal("0"),
                                       payment_due_on=r.payment_due_on, plan=plan_of(r))


def plan_granted_on(deadlines: Any, r: Any) -> date | None:
    """The day the respondent's plan was granted: every `payment` term of a plan starts that
    day (the respondent's latest one)."""
    if not r.instalments:
        return None
    started = [d.started_on for d in deadlines
               if d.kind == "payment" and d.respondent_id == r.id]
    return started[-1] if started else None


def fine_prescription(deadlines: Any, r: Any, today: date,
                      tables: Any = None) -> date | None:
    """The last day the respondent's fine can be enforced (None before it is final)."""
    if r.final_on is None or r.amount is None or r.outcome != "fine":
        return None
    return fines.fine_prescription_on(r.final_on, r.amount,
                                      granted_on=plan_granted_on(deadlines, r),
                                      plan=plan_of(r), paid=r.paid or Decimal("0"),
                                      today=today, tables=tables)


# -- whether each trigger is possible for a respondent (workflows.respondent.RULES) -----------


def _owes(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage not in PAYING:
        return N_("%(name)s owes nothing now: only a final fine that is unpaid is paid.",
                  name=r.name)
    return None


def _may_have_instalments(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.paying:
        return N_("%(name)s owes nothing now: instalments are granted for an unpaid final fine.",
                  name=r.name)
    if r.instalments:
        return N_("Instalments were already granted to %(name)s.", name=r.name)
    return None


def _enforceable(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.paying:
        return N_("%(name)s has no unpaid final fine to refer for enforcement.", name=r.name)
    after = enforcement_due_after(r)
    if after is None:
        return N_("%(name)s owes nothing.", name=r.name)
    if today <= after:
        if r.instalments:
            return N_("%(name)s may still pay: the next instalment runs until %(on)s.",
                      name=r.name, on=f"{after:%Y-%m-%d}")
        return N_("%(name)s may still pay: the payment term runs until %(on)s.", name=r.name,
                  on=f"{after:%Y-%m-%d}")
    return None


def _enforcement_over(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.enforcement or not r.enforcement_closed:
        return N_("%(name)s's enforcement is not closed.", name=r.name)
    return None


def _fine_prescribed(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.paying or r.fine_prescription_date is None:
        return N_("%(name)s has no unpaid final fine whose prescription runs.", name=r.name)
    if today <= r.fine_prescription_date:
        return N_("%(name)s's fine prescribes after %(on)s.", name=r.name,
                  on=f"{r.fine_prescription_date:%Y-%m-%d}")
    return None


RULES = {
    "record_payment": _owes,
    "grant_instalments": _may_have_instalments,
    "refer_for_enforcement": _enforceable,
    "close_enforcement": _enforcement_over,
    "prescribe_fine": _fine_prescribed,
}
each.RULES.update(RULES)


# -- data checks, once the respondent is known ------------------------------------------------


def _payment_fits(c: Context) -> dict[str, str]:
    """At most what they still owe, on or after finality."""
    r = chosen_facts(c)
    owed = outstanding(r)
    if c.data["amount"] <= 0 or c.data["amount"] > owed:
        return {"amount": N_("Enter an amount up to EUR %(amount)s.", amount=owed)}
    if r.final_on is not None and c.data["paid_on"] < r.final_on:
        return {"paid_on": N_("The decision became final on %(on)s: record a payment from that "
                              "day on.", on=f"{r.final_on:%Y-%m-%d}")}
    return {}


def _plan_fits(c: Context) -> dict[str, str]:
    """The plan is readable and within the law (`fines.instalment_errors`)."""
    r = chosen_facts(c)
    try:
        plan = fines.parse_plan(c.data["plan"])
    except ValueError as exc:
        return {"plan": exc.args[0] if exc.args else str(exc)}
    if r.final_on is None:
        return {"respondent": N_("The decision about %(name)s is not final.", name=r.name)}
    if c.data["granted_on"] < r.final_on:
        return {"granted_on": N_("The decision became final on %(on)s: the plan is granted "
                                 "from that day on.", on=f"{r.final_on:%Y-%m-%d}")}
    problems = fines.instalment_errors(plan, final_on=r.final_on, owed=outstanding(r),
                                       granted_on=c.data["granted_on"], tables=c.tables)
    return {"plan": join(problems)} if problems else {}


# -- the declaration -------------------------------------------------------------------------


def _from(name: str) -> dict[str, Any]:
    return {"trigger": name, "source": AFTER_DECISION, "dest": None,
            "conditions": [each.for_some_respondent(name)]}


TRANSITIONS: list[dict[str, Any]] = [_from(name) for name in RULES]

TRIGGERS = {t.name: t for t in [
    trigger("record_payment", N_("Record a payment"),
            N_("A fined respondent paid all or part of the fine; the respondent is closed when "
            "nothing is owed."), (OFFICER,), each.respondent_field(),
            a_date("paid_on", N_("Paid on")), Field("amount", "amount", N_("Amount (EUR)")),
            check_data=each.chosen_respondent("record_payment", _payment_fits),
            only_when=each.for_some_respondent("record_payment")),
    trigger("grant_instalments", N_("Grant instalments"),
            N_("On the respondent's request the fine is paid in instalments, the last at most 12 "
            "months after the decision became final (RGCO art. 88(5)); missing one makes the "
            "rest due."), (PRESIDENT,), each.respondent_field(),
            a_date("granted_on", N_("Granted on")),
            text("plan", N_("Instalments: one per line, due date and amount (2026-05-31 250.00)"),
                 max_length=4000),
            check_data=each.chosen_respondent("grant_instalments", _plan_fits),
            only_when=each.for_some_respondent("grant_instalments")),
    trigger("refer_for_enforcement", N_("Refer for enforcement"),
            N_("The fine is unpaid after its term (or an instalment was missed): the president "
            "sends it to the prosecutor for enforcement (RGCO art. 89)."), (PRESIDENT,),
            each.respondent_field(), text("summary", N_("What is sent for enforcement")),
            stops=("payment",), check_data=each.chosen_respondent("refer_for_enforcement"),
            only_when=each.for_some_respondent("refer_for_enforcement")),
    trigger("close_enforcement", N_("Close the enforcement"),
            N_("The respondent's enforcement referral was closed: their procedure ends."),
            (SYSTEM,), each.respondent_field(),
            check_data=each.chosen_respondent("close_enforcement")),
    trigger("prescribe_fine", N_("The fine prescribed"),
            N_("An unpaid fine was not enforced in time (RGCO art. 29): the respondent's "
            "procedure ends."), (SYSTEM,), each.respondent_field(), stops=("payment",),
            check_data=each.chosen_respondent("prescribe_fine")),
]}

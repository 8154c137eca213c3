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

Besides the facts of `workflows.court`, the rows of `respondents` expose `paid`, `outstanding`,
`final_on`, `payment_due_on`, `instalments` (the plan as stored) and `enforcement_referral`
(with its `state`), and the subject its `deadlines` (`kind`, `respondent_id`, `started_on`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from workflows import fines
from workflows.court import AFTER_DECISION, RESPONDENT, any_respondent, stage_check
from workflows.pco_states import OFFICER, PRESIDENT, SYSTEM
from workflows.respondent import Stage
from workflows.spec import Context, Field, Guard, a_date, text, trigger
from workflows.tables import LegalTables

PAYING = (Stage.paying, Stage.enforcement)


# -- facts of one fined respondent -----------------------------------------------------------


def plan_of(row: Any) -> list[fines.Instalment]:
    """The respondent's instalment plan (empty when none was granted)."""
    return fines.plan_from_json(row.instalments)


def plan_granted_on(subject: Any, row: Any) -> date | None:
    """The day the respondent's plan was granted: every deadline of a plan starts that day."""
    if not row.instalments:
        return None
    started = [d.started_on for d in subject.deadlines
               if d.kind == "payment" and d.respondent_id == row.id]
    return started[-1] if started else None


def enforcement_due_after(row: Any) -> date | None:
    """The last day before the respondent's fine must be referred for enforcement (None while
    nothing is owed)."""
    return fines.enforcement_due_after(amount=row.amount or Decimal("0"),
                                       paid=row.paid or Decimal("0"),
                                       payment_due_on=row.payment_due_on, plan=plan_of(row))


def enforceable(row: Any, today: date) -> bool:
    """Whether the respondent's fine is unpaid after its term or a missed instalment."""
    after = enforcement_due_after(row)
    return row.stage == Stage.paying and after is not None and today > after


def fine_prescription(subject: Any, row: Any, today: date,
                      tables: LegalTables | None = None) -> date | None:
    """The last day the respondent's fine can be enforced (None before finality)."""
    if row.final_on is None or row.amount is None:
        return None
    return fines.fine_prescription_on(row.final_on, row.amount,
                                      granted_on=plan_granted_on(subject, row),
                                      plan=plan_of(row), paid=row.paid or Decimal("0"),
                                      today=today, tables=tables)


def fine_prescribed(subject: Any, row: Any, today: date,
                    tables: LegalTables | None = None) -> bool:
    """Whether the fine of a paying respondent prescribed by `today` (never once referred for
    enforcement: the prosecutor then pursues it, and enforcement interrupts, art. 30-A)."""
    if row.stage != Stage.paying:
        return False
    last = fine_prescription(subject, row, today, tables)
    return last is not None and today > last


def enforcement_over(row: Any) -> bool:
    """Whether the respondent's enforcement referral is closed."""
    referral = row.enforcement_referral
    return row.stage == Stage.enforcement and referral is not None and referral.state == "closed"


# -- guards ----------------------------------------------------------------------------------

owing = any_respondent("owing", "No fined respondent owes anything now.", *PAYING)
instalments_possible = any_respondent(
    "instalments_possible", "No fined respondent is within the payment term without a plan.",
    Stage.paying, test=lambda r: not r.instalments)
paying = any_respondent("paying", "No fined respondent is within the payment term.",
                        Stage.paying)
overdue = Guard("overdue", lambda c: any(enforceable(r, c.today) for r in c.subject.respondents),
                "No fine is unpaid after its term or a missed instalment.")
enforcement_closed = any_respondent("enforcement_closed", "No enforcement referral is closed.",
                                    Stage.enforcement, test=enforcement_over)


fine_prescription_passed = Guard(
    "fine_prescription_passed",
    lambda c: any(fine_prescribed(c.subject, r, c.today, c.tables)
                  for r in c.subject.respondents),
    "No unpaid fine has prescribed (RGCO art. 29).")


# -- data checks -----------------------------------------------------------------------------


def _payment_fits(c: Context) -> dict[str, str]:
    """A payment is by a fined respondent and at most what they still owe."""
    row, refused = stage_check(c, PAYING, lambda r: f"{r.name} owes nothing now: only a final "
                               "fine that is unpaid can be paid.")
    if refused:
        return refused
    if c.data["amount"] <= 0 or c.data["amount"] > row.outstanding:
        return {"amount": f"Enter an amount up to EUR {row.outstanding}."}
    if row.final_on is not None and c.data["paid_on"] < row.final_on:
        return {"paid_on": f"The decision became final on {row.final_on:%Y-%m-%d}: record a "
                           "payment from that day on."}
    return {}


def _plan_fits(c: Context) -> dict[str, str]:
    """The plan is readable and within the law (`fines.instalment_errors`)."""
    row, refused = stage_check(c, (Stage.paying,), lambda r: (
        f"{r.name} owes nothing now: instalments are granted for a final fine that is unpaid."))
    if refused:
        return refused
    if row.instalments:
        return {"respondent": f"Instalments were already granted to {row.name}."}
    try:
        plan = fines.parse_plan(c.data["plan"])
    except ValueError as exc:
        return {"plan": str(exc)}
    if row.final_on is not None and c.data["granted_on"] < row.final_on:
        return {"granted_on": f"The decision became final on {row.final_on:%Y-%m-%d}: the plan "
                              "is granted from that day on."}
    problems = fines.instalment_errors(plan, final_on=row.final_on, owed=row.outstanding,
                                       granted_on=c.data["granted_on"], tables=c.tables)
    return {"plan": " ".join(problems)} if problems else {}


def _enforcement_fits(c: Context) -> dict[str, str]:
    """Only a fine unpaid after its term (or with an instalment missed) is enforced."""
    row, refused = stage_check(c, (Stage.paying,), lambda r: (
        f"{r.name} is {str(r.stage).replace('_', ' ')}: only an unpaid final fine is referred "
        "for enforcement."))
    if refused:
        return refused
    after = enforcement_due_after(row)
    if after is None:
        return {"respondent": f"{row.name} owes nothing."}
    if c.today <= after:
        what = "the next instalment" if row.instalments else "the payment term"
        return {"respondent": f"{row.name} may still pay: {what} runs until {after:%Y-%m-%d}."}
    return {}


# Which respondents each trigger may name now (the action form offers only those).
CHOOSABLE: dict[str, Callable[[Any, date], bool]] = {
    "record_payment": lambda r, today: r.stage in PAYING,
    "grant_instalments": lambda r, today: r.stage == Stage.paying and not r.instalments,
    "refer_for_enforcement": enforceable,
}


# -- the declaration -------------------------------------------------------------------------


def _from(guard: Any) -> dict[str, Any]:
    return {"source": AFTER_DECISION, "dest": None, "conditions": [guard]}


TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "record_payment", **_from(owing)},
    {"trigger": "grant_instalments", **_from(instalments_possible)},
    {"trigger": "refer_for_enforcement", **_from(paying)},
    {"trigger": "close_enforcement", **_from(enforcement_closed)},
    {"trigger": "prescribe_fine", **_from(fine_prescription_passed)},
]

TRIGGERS = {t.name: t for t in [
    trigger("record_payment", "Record a payment",
            "A fined respondent paid all or part of the fine; the respondent is closed when "
            "nothing is owed.", (OFFICER,), RESPONDENT, a_date("paid_on", "Paid on"),
            Field("amount", "amount", "Amount (EUR)"), check_data=_payment_fits,
            only_when=owing),
    trigger("grant_instalments", "Grant instalments",
            "On the respondent's request the fine is paid in instalments, the last at most 12 "
            "months after the decision became final (RGCO art. 88(5)); missing one makes the "
            "rest due.", (PRESIDENT,), RESPONDENT, a_date("granted_on", "Granted on"),
            text("plan", "Instalments: one per line, due date and amount (2026-05-31 250.00)",
                 max_length=4000),
            check_data=_plan_fits, only_when=instalments_possible),
    trigger("refer_for_enforcement", "Refer for enforcement",
            "The fine is unpaid after its term (or an instalment was missed): the president "
            "sends it to the prosecutor for enforcement (RGCO art. 89).", (PRESIDENT,),
            RESPONDENT, text("summary", "What is sent for enforcement"),
            check_data=_enforcement_fits, only_when=overdue),
    trigger("close_enforcement", "Close the enforcement",
            "The enforcement referral of a respondent was closed: that respondent's procedure "
            "ends.", (SYSTEM,)),
    trigger("prescribe_fine", "The fine prescribed",
            "An unpaid fine was not enforced in time (RGCO art. 29): the respondent's procedure "
            "ends.", (SYSTEM,)),
]}

__all__ = ["CHOOSABLE", "PAYING", "TRANSITIONS", "TRIGGERS", "enforceable", "enforcement_due_after",
           "enforcement_over", "fine_prescribed", "fine_prescription", "plan_granted_on",
           "plan_of"]

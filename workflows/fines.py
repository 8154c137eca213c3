"""A final fine: its payment term, instalment plans, enforcement and prescription (RGCO 88-89).

Pure computation on dates and amounts (no clock: `today` is an argument), read by the payment
triggers (`workflows.payment`) and the services that show a respondent's payment.

- Payment term (art. 88(1)): the fine is paid within 10 days of the decision becoming final;
  the deadline kind `payment` of the legal tables (10 calendar days by default; like every term,
  one ending on a non-working day moves to the next working day).
- Instalments (art. 88(5)): on request, the fine may be paid in instalments, the last at most
  `tables.instalment_months` (12 by default) after finality; the plan must add up to what is
  owed. Missing one instalment makes every other one due (art. 88(5), last sentence).
- Enforcement (art. 89): a fine unpaid after its term, or an instalment missed, is sent to the
  Public Prosecutor for enforcement; `enforcement_due_after` says from which day.
- Prescription of the fine (arts 29-30-A): `fine_prescription_on`, with the plan's days
  suspending it (art. 30(c)) through `instalment_period`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from workflows import deadlines
from workflows.prescription import Range, add_months, fine_prescription_date
from workflows.spec import LARGEST_AMOUNT
from workflows.tables import LegalTables, in_force
from workflows.text import N_

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Instalment:
    """One instalment of a plan: the last day to pay it, and how much."""

    due_on: date
    amount: Decimal


Plan = Sequence[Instalment]


def payment_due(final_on: date, *, tables: LegalTables | None = None) -> date:
    """The last day to pay a fine that became final on `final_on` (RGCO art. 88(1)): the
    deadline kind `payment` of `tables` (10 calendar days, moved to a working day).

    Final on Mon 2 March 2026 -> Thu 12 March; final on Wed 15 April 2026 -> Sat 25 April, a
    holiday, so Mon 27 April."""
    return deadlines.due_date("payment", final_on, tables=tables)


def last_instalment_limit(final_on: date, *, tables: LegalTables | None = None) -> date:
    """The latest day the last instalment may fall on: `tables.instalment_months` after
    finality (12 months by default: final on 31 March 2026 -> 31 March 2027; on 29 February
    2028 -> 28 February 2029)."""
    return add_months(final_on, in_force(tables).instalment_months)


def instalment_errors(plan: Plan, *, final_on: date, owed: Decimal, granted_on: date,
                      tables: LegalTables | None = None) -> list[str]:
    """Why `plan` cannot be granted (empty when it can), in words for the person granting it.

    The plan has at least one instalment, each of a positive amount, on distinct days in
    ascending order, none before the day it is granted (`granted_on`), the last at most
    `last_instalment_limit(final_on)`; together they pay exactly what is `owed`."""
    if not plan:
        return [N_("Give at least one instalment (a due date and an amount).")]
    if owed <= 0:
        return [N_("Nothing is owed: there is nothing to pay in instalments.")]
    problems: list[str] = []
    if any(i.amount <= 0 for i in plan):
        problems.append(N_("Every instalment must be an amount greater than 0."))
    days = [i.due_on for i in plan]
    if any(b <= a for a, b in zip(days, days[1:], strict=False)):
        problems.append(N_("Give the instalments in date order, each on a later day."))
    if days[0] < granted_on:
        problems.append(N_("The first instalment (%(first)s) cannot fall before the plan is "
                           "granted (%(granted)s).", first=f"{days[0]:%Y-%m-%d}",
                           granted=f"{granted_on:%Y-%m-%d}"))
    limit = last_instalment_limit(final_on, tables=tables)
    if max(days) > limit:
        months = in_force(tables).instalment_months
        problems.append(N_(
            "The last instalment (%(last)s) falls after %(limit)s: it may be at most %(months)s "
            "months after the decision became final on %(final)s (RGCO art. 88(5)).",
            last=f"{max(days):%Y-%m-%d}", limit=f"{limit:%Y-%m-%d}", months=months,
            final=f"{final_on:%Y-%m-%d}"))
    total = sum((i.amount for i in plan), ZERO)
    if total != owed:
        problems.append(N_("The instalments add up to EUR %(total)s; EUR %(owed)s is owed.",
                           total=total, owed=owed))
    return problems


def first_unpaid(plan: Plan, paid: Decimal) -> Instalment | None:
    """The earliest instalment that what was `paid` so far (applied in plan order) does not
    cover in full; None when everything is paid."""
    covered = ZERO
    for instalment in plan:
        covered += instalment.amount
        if paid < covered:
            return instalment
    return None


def enforcement_due_after(*, amount: Decimal, paid: Decimal, payment_due_on: date | None,
                          plan: Plan = ()) -> date | None:
    """The last day before the fine must be referred for enforcement (RGCO art. 89): it is due
    from the next day on. None while nothing more is owed (or no term is known).

    Without a plan: the payment term's last day, while anything is owed. With a plan: the due
    day of the first instalment not paid in full (payments applied in plan order), because
    missing one makes the rest due."""
    if paid >= amount:
        return None
    if plan:
        unpaid = first_unpaid(plan, paid)
        return unpaid.due_on if unpaid is not None else None
    return payment_due_on


def enforcement_due(*, amount: Decimal, paid: Decimal, payment_due_on: date | None,
                    today: date, plan: Plan = ()) -> bool:
    """Whether the fine must now be referred for enforcement (see `enforcement_due_after`)."""
    after = enforcement_due_after(amount=amount, paid=paid, payment_due_on=payment_due_on,
                                  plan=plan)
    return after is not None and today > after


def instalment_period(granted_on: date, plan: Plan, *, paid: Decimal,
                      today: date) -> Range | None:
    """The days the plan suspends the fine's prescription (RGCO art. 30(c)), inclusive: from
    its grant until its last instalment, or until the due day of an instalment missed by
    `today` (the plan then ends: everything is due). None without a plan."""
    if not plan:
        return None
    unpaid = first_unpaid(plan, paid)
    last = plan[-1].due_on if unpaid is None or today <= unpaid.due_on else unpaid.due_on
    return granted_on, max(granted_on, last)


def fine_prescription_on(final_on: date, amount: Decimal, *, granted_on: date | None = None,
                         plan: Plan = (), paid: Decimal = ZERO, today: date,
                         tables: LegalTables | None = None) -> date:
    """The last day the fine of one respondent can be enforced, with its instalment plan's
    suspension (see `workflows.prescription.fine_prescription_date`)."""
    period = (instalment_period(granted_on, plan, paid=paid, today=today)
              if granted_on is not None else None)
    return fine_prescription_date(final_on, amount, tables=tables,
                                  instalment_periods=[period] if period else [])


# -- the stored form of a plan (ProceedingRespondent.instalments) -------------------------------


def plan_to_json(plan: Iterable[Instalment]) -> str:
    """The plan as stored: a JSON list of {"due_on": ISO date, "amount": "12.34"}."""
    return json.dumps([{"due_on": i.due_on.isoformat(), "amount": f"{i.amount:.2f}"}
                       for i in plan])


def plan_from_json(text: str | None) -> list[Instalment]:
    """The stored plan (an empty list for no plan); ValueError for a malformed one."""
    if not text:
        return []
    try:
        return [Instalment(date.fromisoformat(row["due_on"]), Decimal(row["amount"]))
                for row in json.loads(text)]
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise ValueError(f"Not an instalment plan: {text!r}") from exc


def parse_plan(raw: str) -> list[Instalment]:
    """An instalment plan typed one instalment per line, "YYYY-MM-DD amount" (a comma or a
    semicolon may separate them; the amount may use a decimal comma). ValueError with a
    message naming the line that cannot be read."""
    plan: list[Instalment] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        found = _LINE.match(line)
        try:
            if found is None:
                raise ValueError
            due = date.fromisoformat(found["day"])
            value = Decimal(found["amount"].replace(",", "."))
            if not value.is_finite() or value > LARGEST_AMOUNT:
                raise ValueError
        except (ValueError, InvalidOperation):
            raise ValueError(N_("Line %(n)s: write a date as YYYY-MM-DD and an amount in euros, "
                                "e.g. 2026-05-31 250.00.", n=number)) from None
        plan.append(Instalment(due, value.quantize(Decimal("0.01"))))
    return plan


# "2026-05-31 250.00", "2026-05-31, 250,00", "2026-05-31;EUR 250" ...
_LINE = re.compile(r"^\s*(?P<day>\d{4}-\d{2}-\d{2})\s*[,;]?\s*(?:EUR|€)?\s*"
                   r"(?P<amount>\d+(?:[.,]\d{1,2})?)\s*(?:EUR|€)?\s*$", re.IGNORECASE)

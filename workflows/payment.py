"""Payment and enforcement of the fines, per respondent (domain.md 3.2; RGCO arts 88-89):
part of the proceeding workflow, joined to it by `workflows/proceeding.py`."""

from __future__ import annotations

from typing import Any

from workflows.pco_states import OFFICER, S, condemnatory
from workflows.spec import Context, Field, a_date, trigger
from workflows.text import N_


def _payment_fits(c: Context) -> dict[str, str]:
    """A payment is by a fined respondent and at most what they still owe."""
    owed = c.subject.fines_outstanding
    who = c.data["respondent"]
    if who not in owed:
        return {"respondent": N_("Choose a respondent who was fined.")}
    if c.data["amount"] <= 0 or c.data["amount"] > owed[who]:
        return {"amount": N_("Enter an amount up to EUR %(amount)s.", amount=owed[who])}
    return {}


TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "record_payment", "source": [S.final, S.published], "dest": None,
     "conditions": [condemnatory]},
]

TRIGGERS = {t.name: t for t in [
    trigger("record_payment", N_("Record a payment"), N_("A fine was paid."), (OFFICER,),
            Field("respondent", "respondent", N_("Respondent")), a_date("paid_on", N_("Paid on")),
            Field("amount", "amount", N_("Amount (EUR)")), check_data=_payment_fits),
]}

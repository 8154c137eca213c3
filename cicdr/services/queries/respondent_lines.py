"""One line per respondent on a proceeding's page: their own procedure's stage, dates, terms
and prescription (issue 12; domain.md 3.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cicdr.models import Proceeding, ProceedingRespondent
from workflows import payment, sanctions
from workflows.respondent import BEFORE_FINAL
from workflows.tables import LegalTables


@dataclass(frozen=True)
class Line:
    """What the page says about one respondent."""

    respondent: ProceedingRespondent
    defence_due: date | None
    appeal_due: date | None
    payment_due: date | None
    prescription: date | None  # their procedure's, while it runs (None once final or unknown)
    outstanding: Decimal | None  # what a fined respondent still owes
    # The fine's own prescription (RGCO art. 29) while it is owed, after finality; and the
    # number of instalments granted (0: none).
    fine_prescription: date | None = None
    instalments: int = 0

    @property
    def r(self) -> ProceedingRespondent:
        return self.respondent


def lines(p: Proceeding, today: date, tables: LegalTables | None = None) -> list[Line]:
    """The proceeding's respondents, in order, each with their terms and prescription."""
    try:
        running = p.running_prescriptions(today, tables)
    except sanctions.UnknownIASYear:
        running = {}  # the page says why (`prescription_problem`)
    return [Line(r, p.due_for(r, "defence"), p.due_for(r, "appeal"),
                 # With instalments, the running term is the next instalment's.
                 p.due_for(r, "payment") if r.instalments else
                 r.payment_due_on or p.due_for(r, "payment"),
                 running.get(r.id) if r.stage in BEFORE_FINAL else None,
                 r.outstanding if r.outcome == "fine" else None,
                 payment.fine_prescription(p.deadlines, r, today, tables)
                 if r.stage in payment.PAYING else None,
                 len(payment.plan_of(r)))
            for r in p.respondents]

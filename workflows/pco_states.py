"""The proceeding's states and the guards shared by its modules (`proceeding`, `court`,
`payment`), kept apart so each module imports them without an import cycle.

The proceeding workflow is declared in three modules that `workflows/proceeding.py` joins into
one workflow (one audit subject, one lock, one version): the procedure up to the decision's
notification, finality and prescription (`proceeding.py`), the appeal and the court
(`court.py`), and payment and enforcement (`payment.py`).
"""

from __future__ import annotations

from enum import StrEnum

from workflows.spec import Guard, Role
from workflows.text import N_


class State(StrEnum):
    """Proceeding states (domain.md 3.2)."""

    opened = "opened"
    instruction = "instruction"
    suspended_at_prosecutor = "suspended_at_prosecutor"
    awaiting_defence = "awaiting_defence"
    report = "report"
    awaiting_decision = "awaiting_decision"
    decided = "decided"
    notified = "notified"
    appealed = "appealed"
    final = "final"
    published = "published"
    prescribed = "prescribed"
    closed = "closed"


S = State
OFFICER, PRESIDENT, COMMISSIONER, SYSTEM = (Role.OFFICER, Role.PRESIDENT, Role.COMMISSIONER,
                                            Role.SYSTEM)

condemnatory = Guard(
    "condemnatory",
    lambda c: c.subject.is_condemnatory,
    N_("Only a condemnatory decision (a fine or an admonition) is published."),
)

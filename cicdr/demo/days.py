"""Days in the simulated calendar: when the next step of a story happens."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from cicdr.demo.tables import next_working_day

PROCEEDING_HORIZON = 880  # days: facts of a proceeding still open stay clear of prescription


def later(r: random.Random, day: date, lo: int, hi: int, *, working: bool = True) -> date:
    """A day `lo`..`hi` days after `day`, moved to a working day for staff actions."""
    d = day + timedelta(days=r.randint(lo, hi))
    return next_working_day(d) if working else d


def running_due(subject: Any, kind: str) -> date | None:
    """The due day of `subject`'s running deadline of `kind`, if one runs."""
    found = [d for d in subject.deadlines if d.kind == kind and d.ended_on is None]
    return found[-1].due_on if found else None

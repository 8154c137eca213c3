"""A proceeding on its way to a target state, and one step of it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import Made
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.models import Complaint, Proceeding, User
from workflows import sanctions


@dataclass
class Track:
    """One proceeding taken towards `target`; `day` is the day of its last step.

    `anchor`: the target's own step happens no earlier than this day (so a state meant to
    be current today was reached recently, not years ago)."""

    r: random.Random
    complaint: Complaint
    made: Made
    officer: User
    target: str
    day: date
    anchor: date | None = None
    via_mp: bool = False
    p: Proceeding | None = None
    decisions: dict[str, sanctions.ProposedDecision] = field(default_factory=dict)
    close_reason: str | None = None  # instruction closed before any accusation: why

    @property
    def proceeding(self) -> Proceeding:
        assert self.p is not None
        return self.p

    def at(self, day: date, stage: str) -> date:
        """`day`, moved up to the anchor when `stage` is where this track stops."""
        return max(day, self.anchor) if self.anchor and stage == self.target else day


def step(demo: Demo, t: Track, stage: str, trigger: str, actor: Any, wait: tuple[int, int],
         *, dated: tuple[str, ...] = (), **data: Any) -> Steps:
    """After `wait` days, fire `trigger` on the proceeding (the fields in `dated` get the
    day); return whether `stage` is the track's target."""
    t.day = t.at(later(t.r, t.day, *wait), stage)
    yield t.day
    demo.fire(t.proceeding, trigger, actor, t.day, **data, **dict.fromkeys(dated, t.day))
    return t.target == stage

"""The path runner: each story is a generator that yields the simulated day of its next step;
the scheduler runs them all in date order, so references, proceeding numbers and the audit
log follow the simulated calendar. A step whose day falls after today is not taken (the case
has simply not got there yet); a step the services refuse is recorded, and its story ends.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Generator, Iterable
from datetime import date
from typing import Any

from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied

Steps = Generator[date, None, Any]


class Scheduler:
    """Runs paths in simulated-date order up to `today`."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.heap: list[tuple[date, int, Steps]] = []
        self.order = itertools.count()  # ties keep the order paths were queued in
        self.not_reached = 0  # steps that would lie after today
        self.failures: list[str] = []  # steps the services refused

    def run(self, paths: Iterable[Steps]) -> None:
        """Start every path, then take the earliest pending step until none is left."""
        for path in paths:
            self.spawn(path)
        while self.heap:
            _day, _n, path = heapq.heappop(self.heap)
            self.spawn(path)

    def spawn(self, path: Steps) -> None:
        """Run `path` up to its next step and queue it for that day."""
        try:
            day = next(path)
        except StopIteration:
            return
        except (TransitionDenied, InvalidData, Conflict) as exc:
            self.failures.append(f"{type(exc).__name__}: {exc}")
            return
        if day > self.today:
            self.not_reached += 1
            path.close()
            return
        heapq.heappush(self.heap, (day, next(self.order), path))

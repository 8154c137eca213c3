"""A dependency-free progress bar for the seeding step (stderr; one line, redrawn)."""

from __future__ import annotations

import sys
import time

WIDTH = 30


class Bar:
    """Call it with how many items were just done; it redraws at most 5 times a second and
    prints the elapsed time when the total is reached. Quiet: nothing is printed."""

    def __init__(self, label: str, total: int, quiet: bool = False) -> None:
        self.label, self.total, self.quiet = label, max(total, 1), quiet
        self.done, self.start, self.drawn = 0, time.perf_counter(), 0.0

    def __call__(self, count: int) -> None:
        self.done += count
        now = time.perf_counter()
        finished = self.done >= self.total
        if self.quiet or (not finished and now - self.drawn < 0.2):
            return
        self.drawn = now
        filled = WIDTH * min(self.done, self.total) // self.total
        line = (f"\r  {self.label:<14} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                f"{self.done:>9,}/{self.total:,}  {now - self.start:6.1f} s")
        sys.stderr.write(line + ("\n" if finished else ""))
        sys.stderr.flush()

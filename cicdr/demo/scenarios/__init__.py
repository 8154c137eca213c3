"""The paths a complaint can take, one module each, and how many of each the demo runs.

Every path is a generator `run(demo, r, ...)` yielding the simulated day of its next step
(see `cicdr.demo.scheduler`). The catalogue below is chosen so that every state of the three
workflows is reached: with at least one complaint per path (`len(PATHS)` + 1 for the pair in
`joined`), each path runs once before the rest are drawn by weight.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

from cicdr.demo.actions import Demo
from cicdr.demo.scenarios import (
    archived,
    awaiting_information,
    forwarded,
    joined,
    non_opening_archived,
    non_opening_proposed,
    proceeding,
    prosecutor,
    received,
    reconsidered,
    reopened,
    triage,
    withdrawn,
)
from cicdr.demo.scheduler import Steps

Path = Callable[[Demo, random.Random], Steps]
# (name, weight among 300 complaints, complaints it creates, how to run it)
PROCEEDING_WEIGHTS = {
    "opened": 6, "instruction": 14, "suspended_at_prosecutor": 4, "prosecutor_took_over": 3,
    "mp_returned:instruction": 2, "mp_returned:closed_fine": 1, "awaiting_defence": 6,
    "report": 5, "awaiting_decision": 5, "decided": 4, "notified": 5, "appealed": 4, "final": 5,
    "published": 6, "closed_fine": 6, "closed_admonition": 3, "closed_dismissal": 5,
    "closed_annulled": 2, "prescribed": 4}
PATHS: list[tuple[str, float, int, Path]] = [
    ("received", 14, 1, received.run),
    ("triage", 20, 1, triage.run),
    ("awaiting_information", 9, 1, awaiting_information.run),
    ("non_opening_proposed", 7, 1, non_opening_proposed.run),
    *[(f"archive:{reason}", w, 1, partial(archived.run, reason=reason))
      for reason, w in (("duplicate", 5), ("withdrawn", 4), ("manifestly_unfounded", 8),
                        ("outside_grounds", 7), ("no_information", 5))],
    ("non_opening_archived", 12, 1, non_opening_archived.run),
    ("withdrawn", 7, 1, withdrawn.run),
    ("reopened", 5, 1, reopened.run),
    ("reconsidered", 3, 1, reconsidered.run),
    *[(f"prosecutor:{end}", w, 1, partial(prosecutor.run, end=end))
      for end, w in (("stays", 11), ("concluded", 10), ("returned", 5))],
    # Forwarded and still open (6 in 300), by how far the referral got; or closed (7).
    *[(f"forwarded:{stop}", w, 1, partial(forwarded.run, stop=stop))
      for stop, w in (("draft", 0.9), ("sent", 1.9), ("acknowledged", 1.8), ("answered", 1.4),
                      ("closed", 7))],
    *[(f"proceeding:{t}", w, 1, partial(proceeding.run, target=t))
      for t, w in PROCEEDING_WEIGHTS.items()],
    ("joined", 4, 2, joined.run),
]
# Paths that reach the most states first, for when there are fewer complaints than paths.
FIRST_PATHS = ("proceeding:published", "prosecutor:stays", "forwarded:closed", "triage",
               "received", "proceeding:notified", "proceeding:suspended_at_prosecutor",
               "awaiting_information", "non_opening_proposed", "forwarded:draft",
               "forwarded:sent", "proceeding:closed_dismissal", "archive:manifestly_unfounded")
EVERY_PATH = sum(n for _name, _w, n, _run in PATHS)  # complaints to run each path once


def allocate(r: random.Random, total: int) -> list[int]:
    """Indices into PATHS adding up to `total` complaints: each path once, then by weight."""
    names = [name for name, *_rest in PATHS]
    order = [names.index(n) for n in FIRST_PATHS]
    order += [i for i in range(len(PATHS)) if i not in order]
    chosen: list[int] = []
    left = total
    for i in order:
        if PATHS[i][2] <= left:
            chosen.append(i)
            left -= PATHS[i][2]
    weights = [w for _n, w, _s, _f in PATHS]
    singles = [i for i, p in enumerate(PATHS) if p[2] == 1]
    while left > 0:
        i = r.choices(range(len(PATHS)), weights=weights)[0]
        if PATHS[i][2] > left:
            i = r.choices(singles, weights=[weights[j] for j in singles])[0]
        chosen.append(i)
        left -= PATHS[i][2]
    return chosen

"""The officer asked the complainant something recently; the answer has not come yet."""

from __future__ import annotations

import random
from datetime import timedelta

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import ask, intake


def run(demo: Demo, r: random.Random) -> Steps:
    anchor = demo.back(r, 0, 30)
    received = anchor - timedelta(days=r.randint(25, 70))
    made = make_complaint(r, received, contact=True)
    c, day, officer = yield from intake(demo, r, made, received, info=0)
    day = max(later(r, day, 1, 10), anchor)
    yield day
    ask(demo, r, c, day, officer)

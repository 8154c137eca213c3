"""The president recently proposed not to open; the complainant may have commented."""

from __future__ import annotations

import random
from datetime import timedelta

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import comment, intake, propose_not_to_open
from cicdr.demo.stages.referral import clear_police


def run(demo: Demo, r: random.Random) -> Steps:
    anchor = demo.back(r, 0, 25)
    received = anchor - timedelta(days=r.randint(50, 140))
    made = make_complaint(r, received)
    c, day, officer = yield from intake(demo, r, made, received)
    day = yield from clear_police(demo, r, c, day, officer)
    day = max(later(r, day, 3, 20), anchor)
    yield day
    propose_not_to_open(demo, r, c, day)
    if c.complainant is not None and r.random() < 0.4:
        yield from comment(demo, r, c, day)

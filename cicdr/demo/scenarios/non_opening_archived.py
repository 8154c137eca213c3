"""Proposed not to open, commented on or not, and archived by the president's decision."""

from __future__ import annotations

import random

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import after_comment_window, comment, intake, propose_not_to_open
from cicdr.demo.stages.referral import clear_police


def run(demo: Demo, r: random.Random) -> Steps:
    received = demo.back(r, 60, 950)
    made = make_complaint(r, received)
    c, day, officer = yield from intake(demo, r, made, received)
    day = yield from clear_police(demo, r, c, day, officer)
    day = later(r, day, 5, 40)
    yield day
    code = propose_not_to_open(demo, r, c, day)
    if c.complainant is not None and r.random() < 0.4:
        day = yield from comment(demo, r, c, day)
        day = later(r, day, 3, 20)
    else:
        day = after_comment_window(r, c, day)
    yield day
    demo.fire(c, "decide_non_opening", demo.president, day, reason_code=code,
              reason="Decide-se o arquivamento, nos termos da proposta.")

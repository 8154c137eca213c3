"""Archived, then reopened by the president on new elements; sometimes a proceeding follows."""

from __future__ import annotations

import random
from datetime import timedelta

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.days import PROCEEDING_HORIZON, later
from cicdr.demo.scenarios.archived import archive_for
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import ask_and_let_lapse, intake
from cicdr.demo.stages.proceeding import proceeding
from cicdr.demo.stages.referral import clear_police
from cicdr.demo.texts import REOPENINGS


def run(demo: Demo, r: random.Random) -> Steps:
    received = demo.back(r, 150, 850)
    reason = r.choice(("no_information", "withdrawn", "manifestly_unfounded"))
    made = make_complaint(r, received, contact=True, identified=True,
                          earliest=demo.today - timedelta(days=PROCEEDING_HORIZON))
    c, day, officer = yield from intake(demo, r, made, received)
    day = yield from clear_police(demo, r, c, day, officer)
    if reason == "no_information":
        day = yield from ask_and_let_lapse(demo, r, c, day, officer, latest=20)
    else:
        day = later(r, day, 2, 30)
    yield day
    day = yield from archive_for(demo, r, c, day, officer, reason)
    day = later(r, day, 15, 120)
    yield day
    demo.fire(c, "reopen", demo.president, day, reason=r.choice(REOPENINGS))
    if r.random() < 0.5:
        yield from proceeding(demo, r, c, made, day, officer, r.choice(("opened", "instruction")))

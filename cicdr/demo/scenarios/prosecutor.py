"""Referred to the Public Prosecutor: it `stays` there, is `concluded` (the criminal case
covers it) or `returned` (inquiry archived), after which a proceeding is opened."""

from __future__ import annotations

import random
from datetime import timedelta

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.days import PROCEEDING_HORIZON
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import intake
from cicdr.demo.stages.proceeding import proceeding
from cicdr.demo.stages.prosecutor import to_prosecutor
from cicdr.demo.stages.referral import clear_police

MP_CONTEXTS = ("internet_social_media", "security_forces", "neighbourhood", "sport")
AGES = {"stays": (40, 420), "concluded": (360, 1000), "returned": (380, 800)}


def run(demo: Demo, r: random.Random, end: str) -> Steps:
    received = demo.back(r, *AGES[end])
    returned = end == "returned"
    made = make_complaint(r, received, contexts=MP_CONTEXTS, identified=returned,
                          earliest=(demo.today - timedelta(days=PROCEEDING_HORIZON)
                                    if returned else None))
    c, day, officer = yield from intake(demo, r, made, received)
    day = yield from clear_police(demo, r, c, day, officer, waive=0.05)
    day = yield from to_prosecutor(demo, r, c, day, officer, end)
    if returned:
        yield from proceeding(demo, r, c, made, day, officer,
                              r.choice(("opened", "instruction", "awaiting_defence")))

"""A complaint in triage; a police one has its disciplinary referral under way, and an MP
referral may wait for the president's approval."""

from __future__ import annotations

import random

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import intake
from cicdr.demo.stages.referral import clear_police
from cicdr.demo.texts import MP_SUMMARIES


def run(demo: Demo, r: random.Random) -> Steps:
    received = demo.back(r, 8, 160)
    made = make_complaint(r, received)
    c, day, officer = yield from intake(demo, r, made, received, info=0.3)
    if made.police and r.random() < 0.7:
        day = yield from clear_police(demo, r, c, day, officer, stays=True)
    if made.new.context in ("internet_social_media", "security_forces") and r.random() < 0.3:
        day = later(r, day, 2, 20)
        yield day  # an MP referral awaiting the president's approval
        demo.draft(c, "mp", "prosecutor", officer, r.choice(MP_SUMMARIES), day)

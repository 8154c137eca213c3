"""Outside CICDR's remit: forwarded to the labour inspectorate (ACT) or the media regulator
(ERC); the referral then goes as far as `stop`."""

from __future__ import annotations

import random

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import intake
from cicdr.demo.stages.referral import referral_track
from cicdr.demo.texts import FORWARD_REASONS

# Days ago it was received, by how far the referral got: old enough for each step to have
# happened (an answer comes up to ~8 months after the complaint).
AGES = {"draft": (5, 140), "sent": (10, 140), "acknowledged": (110, 300),
        "answered": (260, 420), "closed": (300, 1000)}


def run(demo: Demo, r: random.Random, stop: str) -> Steps:
    received = demo.back(r, *AGES[stop])
    body = r.choice(("act", "act", "erc"))
    made = make_complaint(r, received,
                          contexts=("labour",) if body == "act" else ("traditional_media",))
    c, day, officer = yield from intake(demo, r, made, received, info=0.05)
    day = later(r, day, 2, 20)
    yield day
    demo.fire(c, "forward", officer, day, body=body, reason=FORWARD_REASONS[body])
    yield from referral_track(demo, r, c.referrals[-1], day, officer, stop)

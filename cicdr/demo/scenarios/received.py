"""A complaint that arrived days ago: still received, sometimes already assigned."""

from __future__ import annotations

import random

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import intake


def run(demo: Demo, r: random.Random) -> Steps:
    received = demo.back(r, 0, 18)
    made = make_complaint(r, received)
    yield from intake(demo, r, made, received, assign=r.random() < 0.4, triage=False)

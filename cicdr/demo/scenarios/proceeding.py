"""A complaint that leads to a proceeding, taken to one of its states (or one of its endings:
a fine, an admonition, a dismissal, annulled in court, prescribed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import Made, make_complaint
from cicdr.demo.days import PROCEEDING_HORIZON
from cicdr.demo.people import person
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import intake
from cicdr.demo.stages.proceeding import proceeding
from cicdr.demo.stages.referral import clear_police
from cicdr.services.intake.registration import PartyData

OPEN_TARGETS = ("opened", "instruction", "suspended_at_prosecutor", "awaiting_defence",
                "report", "awaiting_decision", "decided", "notified", "appealed")
# Age of the complaint (days before today) per target, and for targets that must be current
# at today, the range of days ago of their last step.
AGES: dict[str, tuple[int, int, tuple[int, int] | None]] = {
    "opened": (40, 160, (0, 40)),
    "instruction": (90, 600, None),
    "suspended_at_prosecutor": (260, 560, (30, 150)),
    "prosecutor_took_over": (420, 900, None),
    "awaiting_defence": (200, 500, (0, 60)),
    "report": (260, 560, (0, 40)),
    "awaiting_decision": (280, 600, (0, 30)),
    "decided": (300, 650, (0, 60)),
    "notified": (330, 650, (0, 18)),
    "appealed": (450, 800, (20, 200)),
    "final": (520, 900, None),
    "published": (600, 1000, None),
    "closed_fine": (650, 1050, None),
    "closed_admonition": (600, 1000, None),
    "closed_dismissal": (450, 1000, None),
    "closed_annulled": (750, 1050, None),
    "mp_returned:instruction": (300, 800, None),
    "mp_returned:closed_fine": (850, 1050, None),
}
TARGETS = (*AGES, "prescribed")


def _time_barred(demo: Demo, r: random.Random) -> tuple[date, Made]:
    """Facts old enough to prescribe, told by a complaint against named people."""
    facts = demo.today - timedelta(days=r.randint(1240, 1320))
    received = facts + timedelta(days=r.randint(20, 110))
    made = make_complaint(r, received, identified=True, earliest=facts, max_age=0,
                          contexts=("neighbourhood", "social_private_life",
                                    "internet_social_media"))
    made.new.respondents = [p for p in made.new.respondents if p.kind == "natural_person"] or [
        PartyData(role="respondent", kind="natural_person", name=person(r).name)]
    return received, made


def run(demo: Demo, r: random.Random, target: str) -> Steps:
    anchor = None
    if target == "prescribed":
        received, made = _time_barred(demo, r)
    else:
        lo, hi, anchored = AGES[target]
        anchor = demo.back(r, *anchored) if anchored else None
        received = demo.back(r, lo, hi)
        still_open = target.split(":")[-1] in OPEN_TARGETS
        made = make_complaint(r, received, identified=True, max_age=540,
                              earliest=(demo.today - timedelta(days=PROCEEDING_HORIZON)
                                        if still_open else None))
    c, day, officer = yield from intake(demo, r, made, received)
    day = yield from clear_police(demo, r, c, day, officer)
    yield from proceeding(demo, r, c, made, day, officer, target, anchor=anchor)

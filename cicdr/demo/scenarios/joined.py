"""Two complaints on the same facts (a second witness of a police stop, a second report of
the same post) end up in one proceeding."""

from __future__ import annotations

import random
from datetime import timedelta

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import Made, make_complaint
from cicdr.demo.days import PROCEEDING_HORIZON, later
from cicdr.demo.people import email
from cicdr.demo.scenarios.proceeding import AGES
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import intake
from cicdr.demo.stages.proceeding import proceeding
from cicdr.demo.stages.referral import clear_police
from cicdr.services.intake.registration import NewComplaint, PartyData


def _second(r: random.Random, first: Made, police: bool) -> Made:
    """Another person's online complaint about the same facts."""
    other = first.group.person(r)
    complainant = PartyData(role="complainant", name=other.name, sex=other.sex,
                            email=email(r, other.name))
    intro = ("Eu estava presente e fui igualmente visado. " if police else
             "Venho também denunciar a mesma publicação, que continua online. ")
    return Made(NewComplaint(**{**vars(first.new), "complainant": complainant,
                                "description": intro + first.new.description, "files": [],
                                "channel": "online", "language": "pt",
                                "withhold_identity": False, "contact_channel": "email"}),
                first.story, first.group, other)


def run(demo: Demo, r: random.Random) -> Steps:
    target = r.choice(("instruction", "awaiting_decision", "published", "closed_fine"))
    lo, hi, _anchor = AGES[target]
    received = demo.back(r, max(lo, 200), min(hi, 820))
    police = r.random() < 0.4
    first = make_complaint(r, received, contexts=("internet_social_media", "security_forces"),
                           police=police, identified=True, max_age=300,
                           earliest=demo.today - timedelta(days=PROCEEDING_HORIZON))
    second_day = received + timedelta(days=r.randint(1, 12))
    second = _second(r, first, police)
    c1, day, officer = yield from intake(demo, r, first, received)
    c2, day2, _ = yield from intake(demo, r, second, max(second_day, day), info=0)
    day = yield from clear_police(demo, r, c1, max(day, day2), officer, waive=0)
    if c2.is_police_related:
        day = later(r, day, 1, 5)
        yield day
        demo.fire(c2, "record_no_disciplinary_referral", demo.president, day,
                  reason=f"Os mesmos factos já foram comunicados à IGAI na queixa "
                         f"{c1.reference}.")
    yield from proceeding(demo, r, c1, first, day, officer, target, join=(c2,))

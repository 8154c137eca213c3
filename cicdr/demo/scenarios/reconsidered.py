"""Proposed not to open; the complainant's comment brings witnesses; the president
reconsiders, and a proceeding often follows."""

from __future__ import annotations

import random
from datetime import timedelta

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.days import PROCEEDING_HORIZON, later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import comment, intake, propose_not_to_open
from cicdr.demo.stages.proceeding import proceeding
from cicdr.demo.stages.referral import clear_police


def run(demo: Demo, r: random.Random) -> Steps:
    received = demo.back(r, 150, 850)
    made = make_complaint(r, received, contact=True, identified=True,
                          earliest=demo.today - timedelta(days=PROCEEDING_HORIZON))
    c, day, officer = yield from intake(demo, r, made, received)
    day = yield from clear_police(demo, r, c, day, officer)
    day = later(r, day, 5, 30)
    yield day
    propose_not_to_open(demo, r, c, day, code="no_information")
    day = yield from comment(demo, r, c, day, "Discordo: junto o nome e o contacto de duas "
                                              "testemunhas e fotografias do local.")
    day = later(r, day, 3, 20)
    yield day
    demo.fire(c, "reconsider", demo.president, day,
              reason="A pronúncia da queixosa traz elementos novos que justificam a abertura "
                     "do processo.")
    if r.random() < 0.6:
        yield from proceeding(demo, r, c, made, day, officer,
                              r.choice(("opened", "instruction", "instruction")))

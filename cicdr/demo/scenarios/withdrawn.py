"""The complainant withdraws, at whatever stage the complaint had reached; the president then
archives the complaint or continues ex officio (a public-interest procedure does not depend on
the complaint), or has not decided yet."""

from __future__ import annotations

import random

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import make_complaint
from cicdr.demo.days import later
from cicdr.demo.draw import weighted
from cicdr.demo.scenarios.archived import ACCEPTED
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import ask, intake, propose_not_to_open
from cicdr.demo.stages.referral import clear_police
from cicdr.demo.texts import WITHDRAWALS
from cicdr.services.core.actors import ComplainantActor

EX_OFFICIO = ("Os factos, se provados, constituem contraordenação de interesse público: o "
              "procedimento prossegue oficiosamente.")
STAGES = {"received": 2, "triage": 5, "awaiting_information": 2, "non_opening_proposed": 1.5}


def run(demo: Demo, r: random.Random) -> Steps:
    received = demo.back(r, 10, 900)
    made = make_complaint(r, received, contact=True, police=False)
    stage = weighted(r, STAGES)
    c, day, officer = yield from intake(demo, r, made, received, triage=stage != "received",
                                        assign=stage != "received" or r.random() < 0.5)
    if stage == "awaiting_information":
        day = later(r, day, 1, 10)
        yield day
        ask(demo, r, c, day, officer)
    elif stage == "non_opening_proposed":
        day = yield from clear_police(demo, r, c, day, officer)
        day = later(r, day, 3, 20)
        yield day
        propose_not_to_open(demo, r, c, day)
    day = later(r, day, 1, 25, working=False)
    yield day
    demo.fire(c, "withdraw", ComplainantActor(c.reference), day, reason=r.choice(WITHDRAWALS))
    choice = r.random()
    if choice < 0.15:
        return  # before the president
    day = later(r, day, 1, 12)
    yield day
    if choice < 0.3:
        demo.fire(c, "continue_ex_officio", demo.president, day, reason=EX_OFFICIO)
    else:
        demo.fire(c, "accept_withdrawal", demo.president, day, reason=ACCEPTED)

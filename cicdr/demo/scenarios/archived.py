"""Archived in triage for one of the standard reasons, each the way the law allows it: a
duplicate (the same online form sent twice) by the officer, joined to the complaint it repeats;
a withdrawal put before the president, who archives it; manifestly unfounded, outside the
grounds or no information through the president's proposal and the complainant's 10 days to
comment (Lei 93/2017 art. 19)."""

from __future__ import annotations

import random
from datetime import date

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import Made, make_complaint
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import (
    after_comment_window,
    ask_and_let_lapse,
    intake,
    propose_not_to_open,
)
from cicdr.demo.stages.referral import clear_police
from cicdr.demo.texts import ARCHIVE_NOTES, WITHDRAWALS
from cicdr.models import Complaint, User
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.intake.registration import NewComplaint

ACCEPTED = "Arquiva-se, atenta a desistência: os factos não justificam prosseguir oficiosamente."
REASONS = ("duplicate", "withdrawn", "manifestly_unfounded", "outside_grounds", "no_information")


def _copy_of_last(demo: Demo, r: random.Random, made: Made, received: date) -> Steps:
    """The last online complaint (or, with none yet, this one, filed first), sent again
    without its files: (its reference, the copy)."""
    yield received
    if demo.last_online is None:
        original, last = demo.submit(r, made, received).reference, made
    else:
        original, last = demo.last_online
    return original, Made(NewComplaint(**{**vars(last.new), "files": []}), last.story,
                          last.group, last.victim)


def _triaged(demo: Demo, r: random.Random, made: Made, received: date, reason: str) -> Steps:
    """Intake; a duplicate is often archived before triage."""
    if reason == "duplicate" and r.random() < 0.4:
        return (yield from intake(demo, r, made, received, triage=False))
    c, day, officer = yield from intake(demo, r, made, received, info=0.1)
    day = yield from clear_police(demo, r, c, day, officer)
    return c, day, officer


def archive_for(demo: Demo, r: random.Random, c: Complaint, day: date, officer: User,
                reason: str, original: str | None = None) -> Steps:
    """Archive `c` for `reason` the way the law allows; returns the day it was archived."""
    if reason == "duplicate":
        demo.fire(c, "archive", r.choice((officer, officer, demo.president)), day,
                  reason_code=reason, duplicate_of=original,
                  reason=ARCHIVE_NOTES[reason].format(ref=original))
        return day
    if reason == "withdrawn":
        demo.fire(c, "withdraw", ComplainantActor(c.reference), day,
                  reason=r.choice(WITHDRAWALS))
        day = later(r, day, 1, 12)
        yield day
        demo.fire(c, "accept_withdrawal", demo.president, day, reason=ACCEPTED)
        return day
    propose_not_to_open(demo, r, c, day, code=reason)
    day = after_comment_window(r, c, day)
    yield day
    demo.fire(c, "decide_non_opening", demo.president, day, reason_code=reason,
              reason=ARCHIVE_NOTES[reason])
    return day


def run(demo: Demo, r: random.Random, reason: str) -> Steps:
    received = demo.back(r, 20, 950)
    made = make_complaint(r, received, contact=reason in ("no_information", "withdrawn"),
                          police=False if reason in ("duplicate", "withdrawn") else None)
    original = None
    if reason == "duplicate":  # the same form sent twice
        original, made = yield from _copy_of_last(demo, r, made, received)
    c, day, officer = yield from _triaged(demo, r, made, received, reason)
    if reason == "no_information":
        day = yield from ask_and_let_lapse(demo, r, c, day, officer, latest=25)
    else:
        day = later(r, day, 2, 30)
    yield day
    day = yield from archive_for(demo, r, c, day, officer, reason, original)
    return c, day, officer

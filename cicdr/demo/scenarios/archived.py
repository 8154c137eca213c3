"""Archived in triage for one of the standard reasons: a duplicate (the same online form
sent twice), withdrawn, manifestly unfounded, outside the grounds, no information."""

from __future__ import annotations

import random
from datetime import date

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import Made, make_complaint
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.intake import ask_and_let_lapse, intake
from cicdr.demo.stages.referral import clear_police
from cicdr.demo.texts import ARCHIVE_NOTES
from cicdr.services.intake.registration import NewComplaint

REASONS = ("duplicate", "withdrawn", "manifestly_unfounded", "outside_grounds", "no_information")


def _copy_of_last(demo: Demo, made: Made) -> tuple[str | None, Made]:
    """The last online complaint, sent again (without its files): (its reference, copy)."""
    if demo.last_online is None:
        return None, made
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


def run(demo: Demo, r: random.Random, reason: str) -> Steps:
    received = demo.back(r, 20, 950)
    made = make_complaint(r, received, contact=reason == "no_information",
                          police=False if reason == "duplicate" else None)
    original = None
    if reason == "duplicate":
        yield received  # the same form sent twice: copy the last online complaint
        original, made = _copy_of_last(demo, made)
    c, day, officer = yield from _triaged(demo, r, made, received, reason)
    if reason == "no_information":
        day = yield from ask_and_let_lapse(demo, r, c, day, officer, latest=25)
    else:
        day = later(r, day, 2, 30)
    yield day
    demo.fire(c, "archive", r.choice((officer, officer, demo.president)), day,
              reason_code=reason, reason=ARCHIVE_NOTES[reason].format(ref=original or "anterior"))
    return c, day, officer

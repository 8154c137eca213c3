"""The first weeks of a complaint: filed, assigned, triaged, perhaps a question to the
complainant; and the president's proposal not to open a proceeding."""

from __future__ import annotations

import random
from collections.abc import Generator
from datetime import date

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import Made
from cicdr.demo.days import later, running_due
from cicdr.demo.scheduler import Steps
from cicdr.demo.texts import ANSWERS, COMMENTS, NON_OPENING_CODES, NON_OPENING_REASONS, QUESTIONS
from cicdr.models import Complaint, User
from cicdr.services.core.actors import ComplainantActor


def intake(demo: Demo, r: random.Random, made: Made, received: date, *, assign: bool = True,
           triage: bool = True, info: float = 0.2) -> Steps:
    """Submit, assign, start triage, sometimes ask the complainant something first.

    Returns (complaint, day of the last step, the officer in charge)."""
    yield received
    c = demo.submit(r, made, received)
    officer = r.choice(demo.officers)
    day = received
    if not assign:
        return c, day, officer
    day = later(r, day, 0, 4)
    yield day
    demo.fire(c, "assign", demo.officers[0], day, assignee=officer.id)
    if not triage:
        return c, day, officer
    day = later(r, day, 1, 10)
    yield day
    demo.fire(c, "start_triage", officer, day)
    if made.new.complainant is not None and r.random() < info:
        day = yield from answered_question(demo, r, c, made, day, officer)
    return c, day, officer


def answered_question(demo: Demo, r: random.Random, c: Complaint, made: Made, day: date,
                      officer: User) -> Steps:
    """The officer asks the complainant something; the answer comes back."""
    day = later(r, day, 1, 8)
    yield day
    ask(demo, r, c, day, officer)
    day = later(r, day, 2, 12, working=False)
    yield day
    online = made.new.channel == "online"
    demo.fire(c, "information_received", ComplainantActor(c.reference) if online else officer,
              day, answer=r.choice(ANSWERS))
    return day


def ask(demo: Demo, r: random.Random, c: Complaint, day: date, officer: User) -> None:
    """The officer asks the complainant for information (10 working days to answer)."""
    demo.fire(c, "request_information", officer, day, question=r.choice(QUESTIONS))


def ask_and_let_lapse(demo: Demo, r: random.Random, c: Complaint, day: date, officer: User, *,
                      latest: int) -> Generator[date, None, date]:
    """Ask for information, then return a day after the unanswered request lapsed."""
    day = later(r, day, 1, 10)
    yield day
    ask(demo, r, c, day, officer)
    due = running_due(c, "complainant_information")
    assert due is not None
    return later(r, due, 1, latest)


def propose_not_to_open(demo: Demo, r: random.Random, c: Complaint, day: date,
                        code: str | None = None) -> str:
    """The president proposes not to open, with one of the standard grounds."""
    code = code or r.choice(NON_OPENING_CODES)
    demo.fire(c, "propose_non_opening", demo.president, day, reason_code=code,
              reason=NON_OPENING_REASONS[code])
    return code


def comment(demo: Demo, r: random.Random, c: Complaint, day: date,
            text: str | None = None) -> Steps:
    """The complainant comments on the proposal not to open, within the days they have."""
    day = later(r, day, 1, 9, working=False)
    yield day
    demo.fire(c, "comment_non_opening", ComplainantActor(c.reference), day,
              comment=text or r.choice(COMMENTS))
    return day


def after_comment_window(r: random.Random, c: Complaint, day: date) -> date:
    """A day for the president's decision on a proposal made on `day`: after the complainant's
    10 working days, or soon when they could not be asked (no address, art. 19(2))."""
    due = None if c.no_hearing_reason else c.non_opening_comment_due
    return later(r, due, 1, 20) if due is not None else later(r, day, 1, 10)

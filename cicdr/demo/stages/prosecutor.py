"""Sending a complaint or a proceeding to the Public Prosecutor (MP) and hearing back."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from cicdr.demo.actions import Demo
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.referral import chase
from cicdr.demo.texts import MP_ANSWERS, MP_SUMMARIES, external_reference
from cicdr.models import Complaint, Referral, User


def refer(demo: Demo, r: random.Random, subject: Any, officer: User, day: date, *,
          trigger: str, drafted: tuple[int, int] = (2, 15), ack: tuple[int, int] = (5, 80),
          never: bool = False, at: Callable[[date], date] | None = None,
          **data: Any) -> Steps:
    """Draft the MP referral, the president's `trigger` on `subject`, send it, chase it until
    acknowledged (`never`: no acknowledgement yet). `at` may move the president's day.

    Returns (referral, day)."""
    day = later(r, day, *drafted)
    yield day
    referral = demo.draft(subject, "mp", "prosecutor", officer, r.choice(MP_SUMMARIES), day)
    day = later(r, day, 1, 6)
    day = at(day) if at else day
    yield day
    demo.fire(subject, trigger, demo.president, day, **data)
    day = later(r, day, 1, 5)
    yield day
    demo.fire(referral, "send", officer, day, sent_on=day, channel=r.choice(("email", "platform")))
    ack_day = demo.today + timedelta(days=365) if never else later(r, day, *ack)
    day = yield from chase(demo, r, referral, day, officer, ack_day)
    demo.fire(referral, "acknowledge", officer, day,
              external_reference=external_reference(r, "mp", day))
    return referral, day


def come_back(demo: Demo, r: random.Random, referral: Referral, subject: Any, officer: User,
              day: date, *, outcome: str, wait: tuple[int, int], trigger: str, actor: Any,
              data: dict[str, Any]) -> Steps:
    """The MP answers `outcome`; `subject` records it with the answer's date (`trigger` with
    `data`); the referral closes."""
    day = answered = later(r, day, *wait)
    yield day
    demo.fire(referral, "answer", officer, day, outcome=outcome, answered_on=day,
              answer=MP_ANSWERS[outcome])
    day = later(r, day, 0, 5)
    yield day
    demo.fire(subject, trigger, actor, day, **{"outcome": outcome, "outcome_on": answered,
                                               **data})
    day = later(r, day, 0, 10)
    yield day
    demo.fire(referral, "close", officer, day)
    return day


def to_prosecutor(demo: Demo, r: random.Random, c: Complaint, day: date, officer: User,
                  end: str) -> Steps:
    """A complaint goes to the MP; then it `stays` there, is `concluded` or `returned`."""
    never = end == "stays" and r.random() < 0.3
    referral, day = yield from refer(demo, r, c, officer, day, trigger="refer_to_prosecutor",
                                     never=never)
    if end == "stays":
        if not never and r.random() < 0.35:
            day = later(r, day, 20, 120)
            yield day
            demo.fire(referral, "answer", officer, day, outcome="inquiry_opened",
                      answered_on=day, answer=MP_ANSWERS["inquiry_opened"])
        return day
    if end == "returned":
        return (yield from come_back(demo, r, referral, c, officer, day, outcome="archived",
                                     wait=(40, 220), trigger="prosecutor_returned",
                                     actor=officer, data={"note": MP_ANSWERS["archived"]}))
    outcome = r.choice(("charged", "inquiry_opened", "archived", "charged"))
    return (yield from come_back(
        demo, r, referral, c, officer, day, outcome=outcome, wait=(40, 220),
        trigger="prosecutor_concluded", actor=r.choice((officer, demo.president)),
        data={"outcome": outcome, "note": r.choice(("", "Acompanhar o processo-crime."))}))

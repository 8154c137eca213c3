"""A referral's life (approved, sent, chased, acknowledged, answered, closed), and the
disciplinary referral every police complaint gets unless the president waives it."""

from __future__ import annotations

import random
from datetime import date, timedelta

from cicdr.demo.actions import Demo
from cicdr.demo.days import later, running_due
from cicdr.demo.draw import weighted
from cicdr.demo.scheduler import Steps
from cicdr.demo.tables import needs_approval, outcomes, oversight_body
from cicdr.demo.texts import REMINDERS, WAIVERS, answer_text, external_reference
from cicdr.models import Complaint, Referral, User

DISCIPLINARY_STOPS = {"draft": 1, "sent": 2, "acknowledged": 2, "answered": 2, "closed": 4}


def clear_police(demo: Demo, r: random.Random, c: Complaint, day: date, officer: User, *,
                 waive: float = 0.12, stop: str | None = None, stays: bool = False) -> Steps:
    """A police complaint gets its disciplinary referral to its force's oversight body, sent
    before the complaint leaves triage (the police guard), or the president's waiver; the
    referral then runs alongside the complaint, up to `stop`. Only a complaint that `stays` in
    triage may keep its referral as a draft."""
    if not c.is_police_related:
        return day
    if r.random() < waive:
        day = later(r, day, 1, 10)
        yield day
        demo.fire(c, "record_no_disciplinary_referral", demo.president, day,
                  reason=r.choice(WAIVERS))
        return day
    day = later(r, day, 1, 7)
    yield day
    force = next(p for p in c.respondents if p.kind in ("security_force", "security_officer"))
    referral = demo.draft(c, oversight_body(force.security_force), "disciplinary", officer,
                          f"Comunicação dos factos imputados a elementos da {force.unit} para "
                          "apreciação disciplinar.", day)
    stop = stop or weighted(r, DISCIPLINARY_STOPS)
    if stop == "draft" and stays:
        return day
    day = yield from send(demo, r, referral, day, officer)
    side = random.Random(r.getrandbits(64))  # noqa: S311 - demo data
    demo.spawn(after_sending(demo, side, referral, day, officer, stop))
    return day


def chase(demo: Demo, r: random.Random, referral: Referral, day: date, officer: User,
          ack_day: date) -> Steps:
    """Send reminders while no acknowledgement comes; return the acknowledgement day."""
    for _ in range(3):
        due = running_due(referral, "referral_chaser")
        if due is None or ack_day <= due:
            break
        remind = later(r, due, 1, 6)
        if remind >= ack_day:
            break
        day = remind
        yield day
        demo.fire(referral, "remind", officer, day, note=r.choice(REMINDERS))
    day = max(day, ack_day)
    yield day
    return day


def send(demo: Demo, r: random.Random, referral: Referral, day: date, officer: User) -> Steps:
    """Approved by the president when the body requires it, then sent."""
    if needs_approval(referral.body):  # IGAI letters go out under the president's name
        day = later(r, day, 1, 4)
        yield day
        demo.fire(referral, "approve", demo.president, day)
    day = later(r, day, 1, 8)
    yield day
    demo.fire(referral, "send", officer, day, sent_on=day,
              channel=r.choice(("email", "email", "platform", "post")))
    return day


def referral_track(demo: Demo, r: random.Random, referral: Referral, day: date, officer: User,
                   stop: str) -> Steps:
    """Send, chase, acknowledge, answer and close a referral, stopping at `stop`."""
    if stop == "draft":
        return
    day = yield from send(demo, r, referral, day, officer)
    yield from after_sending(demo, r, referral, day, officer, stop)


def after_sending(demo: Demo, r: random.Random, referral: Referral, day: date, officer: User,
                  stop: str) -> Steps:
    """Chase, acknowledge, answer and close a sent referral, stopping at `stop`."""
    ack_day = later(r, day, 4, 35)
    if stop == "sent":
        ack_day = demo.today + timedelta(days=365)  # never, as far as today knows
    day = yield from chase(demo, r, referral, day, officer, ack_day)
    demo.fire(referral, "acknowledge", officer, day,
              external_reference=external_reference(r, referral.body, day))
    if stop == "acknowledged":
        return
    day = later(r, day, 20, 150)
    yield day
    outcome = r.choice(outcomes(referral.body))
    demo.fire(referral, "answer", officer, day, outcome=outcome, answered_on=day,
              answer=answer_text(referral.body, outcome))
    if stop == "answered":
        return
    day = later(r, day, 1, 15)
    yield day
    demo.fire(referral, "close", officer, day)

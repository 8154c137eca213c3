"""A proceeding opened for a complaint and taken to a target state, stage by stage.

Targets: opened, instruction, suspended_at_prosecutor, prosecutor_took_over,
awaiting_defence, report, awaiting_decision, decided, notified, appealed, final, published,
closed_fine, closed_admonition, closed_dismissal, closed_annulled, prescribed;
`mp_returned:<target>` goes to the prosecutor and back first.
"""

from __future__ import annotations

import random
from datetime import date

from cicdr.demo.actions import Demo
from cicdr.demo.complaint import Made
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages import judgement
from cicdr.demo.stages.evidence import evidence
from cicdr.demo.stages.prosecutor import come_back, refer
from cicdr.demo.stages.track import Track, step
from cicdr.demo.texts import MP_ANSWERS
from cicdr.models import Complaint, User
from cicdr.services.core.actors import SystemActor

MP_STOPS = ("suspended_at_prosecutor", "prosecutor_took_over")


def opening(demo: Demo, t: Track) -> Steps:
    """The president opens the proceeding on the complaint, naming the instructor."""
    t.day = t.at(later(t.r, t.day, 5, 35), "opened")
    yield t.day
    demo.fire(t.complaint, "open_proceeding", demo.president, t.day, instructor=t.officer.id)
    t.p = t.complaint.proceeding
    return t.target == "opened"


def instruction(demo: Demo, t: Track, join: tuple[Complaint, ...]) -> Steps:
    """Instruction starts, other complaints on the same facts join, evidence is gathered;
    or, for `prescribed`, nothing happens until the facts are time-barred."""
    yield from step(demo, t, "started", "start_instruction", t.officer, (2, 14))
    for other in join:
        t.day = later(t.r, t.day, 2, 15)
        yield t.day
        demo.fire(other, "open_proceeding", demo.president, t.day,
                  proceeding=t.proceeding.reference)
    if t.target == "prescribed":
        t.day = demo.today
        yield t.day
        for respondent in list(t.proceeding.respondents):  # each one's own prescription
            demo.fire(t.proceeding, "prescribe", SystemActor("tick"), t.day,
                      respondent=str(respondent.id))
        return True
    yield from evidence(demo, t, t.r.randint(0, 3) if t.target == "instruction"
                        else t.r.randint(1, 2))
    return t.target == "instruction"


def prosecution(demo: Demo, t: Track) -> Steps:
    """Signs of a crime: the proceeding goes to the MP, which keeps it or sends it back."""
    if not (t.via_mp or t.target in MP_STOPS):
        return False
    referral, t.day = yield from refer(
        demo, t.r, t.proceeding, t.officer, t.day, trigger="send_to_prosecutor",
        drafted=(5, 30), ack=(7, 50), at=lambda d: t.at(d, "suspended_at_prosecutor"),
        reason="Indícios do crime do art. 240.º do Código Penal.")
    if t.target == "suspended_at_prosecutor":
        return True
    took = t.target == "prosecutor_took_over"
    outcome = "charged" if took else "archived"
    t.day = yield from come_back(
        demo, t.r, referral, t.proceeding, t.officer, t.day, outcome=outcome, wait=(30, 120),
        trigger="prosecutor_took_over" if took else "prosecutor_returned", actor=t.officer,
        data={"note": MP_ANSWERS[outcome]})
    return took


def proceeding(demo: Demo, r: random.Random, c: Complaint, made: Made, day: date,
               officer: User, target: str, *, join: tuple[Complaint, ...] = (),
               anchor: date | None = None) -> Steps:
    """Open a proceeding for `c` and take it to `target`; `join`: other complaints on the
    same facts; `anchor`: the target's own step happens no earlier than this day."""
    t = Track(r, c, made, officer, target.split(":")[-1], day, anchor,
              via_mp=target.startswith("mp_returned:"))
    stages = (lambda: opening(demo, t), lambda: instruction(demo, t, join),
              lambda: prosecution(demo, t), lambda: judgement.accusation(demo, t),
              lambda: judgement.report_and_decision(demo, t),
              lambda: judgement.appeal_or_final(demo, t),
              lambda: judgement.publication(demo, t), lambda: judgement.close(demo, t))
    for stage in stages:
        if (yield from stage()):
            break
    return t.p, t.day

"""What the prosecutor's answers do to a complaint or a proceeding (RGCO arts 27-A, 38, 40).

Every answer stores its coded outcome and date in the case's columns (`prosecutor_outcome`,
`prosecutor_outcome_on`), not only in the audit event. A case the MP takes (complaint
`prosecutor_concluded`, proceeding `prosecutor_took_over`) closes but is marked
`closed_by_prosecutor`, because the MP may still return the file when it archives the crime and
the offence subsists. For a proceeding the prescription's suspension (from sending the file to
its return) stays open while the MP holds it and is closed, with the day of the answer that
returns it, by `prosecutor_returned`; the clocks stopped at the sending resume from that day and
their due dates are recomputed. Registered with `effects.effect` when this module is imported
(`transition.py` does).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cicdr.models import Complaint, Proceeding
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.engine.effects import cascade, effect, resume
from workflows import TransitionRecord

TAKEN_OVER = "prosecutor_took_over"


def record_outcome(case: Complaint | Proceeding, outcome: str, on: date) -> None:
    """Store the prosecutor's latest answer on the case."""
    case.prosecutor_outcome, case.prosecutor_outcome_on = outcome, on


@effect("complaint", "prosecutor_concluded", "prosecutor_returned")
def _complaint_answer(session: DbSession, c: Complaint, r: TransitionRecord, actor: Any,
                      today: date) -> None:
    record_outcome(c, r.data["outcome"], r.data["outcome_on"])
    c.closed_by_prosecutor = r.trigger == "prosecutor_concluded"


@effect("proceeding", TAKEN_OVER)
def _taken_over(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
                today: date) -> None:
    """The MP keeps the file: the proceeding closes (its complaints with it), the suspension
    runs on until the MP returns the file."""
    record_outcome(p, r.data["outcome"], r.data["outcome_on"])
    p.closed_by_prosecutor = True
    cascade(session, list(p.complaints), "close", today, "proceeding_opened")


@effect("proceeding", "prosecutor_returned")
def _returned(session: DbSession, p: Proceeding, r: TransitionRecord, actor: Any,
              today: date) -> dict[str, Any]:
    """The file is back: the suspension ends on the day of the answer, the instruction's
    clocks resume from it, and after a take-over the complaints follow the proceeding again."""
    back = r.data["outcome_on"]
    record_outcome(p, r.data["outcome"], back)
    extra: dict[str, Any] = {}
    if p.suspended_since is not None:
        first, last = p.suspended_since, max(back, p.suspended_since)
        p.suspensions = (p.suspensions + f"\n{first}/{last}").strip()
        p.suspended_since = None
        extra["suspension"] = {"first": first, "last": last}
    if p.closed_by_prosecutor:
        p.closed_by_prosecutor = False
        for deadline in p.deadlines:  # the terms the take-over ended run again
            if deadline.ended_by == TAKEN_OVER:
                deadline.ended_on, deadline.ended_by = None, None
        cascade(session, list(p.complaints), "resume_with_proceeding", today, "closed")
    tables = current_tables(session)
    for deadline in p.deadlines:
        if deadline.ended_on is None:
            resume(deadline, back, tables)
    return extra

"""How long things take: `durations` (median and 90th percentile, in days), `backlog` (what was
still open at the end of the period, by age) and `deadlines` (met and missed).

Percentiles are linear interpolations between the two nearest values (PostgreSQL's
`percentile_cont`, which computes them there; on SQLite the one or two values needed are read
with ORDER BY ... LIMIT 2 OFFSET, so no row is loaded into Python either way).
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Integer, and_, case, cast, func, literal, or_, select

from cicdr.models import Complaint, Deadline, Proceeding, ProceedingRespondent
from cicdr.services.core.types import DbSession
from cicdr.services.statistics.breakdowns import moment

PERCENTILES = (("median_days", 0.5), ("p90_days", 0.9))
# Age bands of the backlog, in days since receipt (complaints) or opening (proceedings).
AGES = (("0_30", 0, 30), ("31_90", 31, 90), ("91_180", 91, 180), ("181_365", 181, 365),
        ("over_365", 366, None))


def _sqlite(session: DbSession) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def days_between(session: DbSession, later: Any, earlier: Any, earlier_is_moment: bool) -> Any:
    """`later - earlier` in whole days, in SQL; `earlier` a date, or a moment taken as its UTC
    day."""
    if _sqlite(session):
        first = func.date(earlier) if earlier_is_moment else earlier
        return cast(func.julianday(later) - func.julianday(first), Integer)
    if earlier_is_moment:
        earlier = cast(func.timezone("UTC", earlier), Date)
    return later - earlier


def percentiles(session: DbSession, days: Any, *where: Any) -> dict[str, Any]:
    """{count, median_days, p90_days} of the expression `days` over the rows `where` selects
    (None when there is no row)."""
    if not _sqlite(session):
        row = session.execute(select(func.count(), *[
            func.percentile_cont(p).within_group(days) for _key, p in PERCENTILES])
            .where(*where)).one()
        n = int(row[0] or 0)
        return {"count": n, **{key: (round(float(v), 1) if n else None)
                               for (key, _p), v in zip(PERCENTILES, row[1:], strict=True)}}
    n = int(session.scalar(select(func.count()).where(*where)) or 0)
    out: dict[str, Any] = {"count": n}
    for key, p in PERCENTILES:
        if not n:
            out[key] = None
            continue
        k = p * (n - 1)
        low = math.floor(k)
        values = [float(v) for v in session.scalars(
            select(days).where(*where).order_by(days).limit(2).offset(low))]
        upper = values[1] if len(values) > 1 else values[0]
        out[key] = round(values[0] + (upper - values[0]) * (k - low), 1)
    return out


def durations(session: DbSession, start: date, end: date) -> dict[str, Any]:
    """`durations` of the JSON: receipt to triage outcome (complaints whose triage ended in the
    period), opening to decision (respondents decided in the period)."""
    R = ProceedingRespondent
    triage = days_between(session, Complaint.triage_outcome_on, Complaint.received_at, True)
    decision = days_between(session, R.decided_on, Proceeding.opened_at, True)
    return {
        "receipt_to_triage_outcome": percentiles(
            session, triage, Complaint.triage_outcome_on >= start,
            Complaint.triage_outcome_on <= end),
        "opening_to_decision": percentiles(
            session, decision, Proceeding.id == R.proceeding_id, R.decided_on >= start,
            R.decided_on <= end, R.outcome.is_not(None)),
    }


def _bands(session: DbSession, age: Any, *where: Any) -> dict[str, int]:
    """The open cases `where` selects, counted by age band in one query."""
    sums = [func.sum(case((and_(age >= low, age <= high) if high is not None else age >= low,
                           1), else_=0)) for _key, low, high in AGES]
    row = session.execute(select(func.count(), *sums).where(*where)).one()
    return {"total": int(row[0] or 0),
            **{key: int(v or 0) for (key, _l, _h), v in zip(AGES, row[1:], strict=True)}}


def backlog(session: DbSession, end: date) -> dict[str, Any]:
    """`backlog`: complaints and proceedings still open at the end of the period's last day,
    by age on that day. A complaint is open until it is closed or archived; a proceeding until
    it is closed or prescribed."""
    after = moment(end + timedelta(days=1))
    as_of = literal(end, Date())
    complaints = _bands(
        session, days_between(session, as_of, Complaint.received_at, True),
        Complaint.received_at < after,
        or_(Complaint.closed_on.is_(None), Complaint.closed_on > end),
        or_(Complaint.triage_outcome.is_(None), Complaint.triage_outcome != "archived",
            Complaint.triage_outcome_on > end))
    proceedings = _bands(
        session, days_between(session, as_of, Proceeding.opened_at, True),
        Proceeding.opened_at < after,
        or_(Proceeding.closed_on.is_(None), Proceeding.closed_on > end))
    return {"as_of": end.isoformat(), "complaints": complaints, "proceedings": proceedings}


def deadlines(session: DbSession, start: date, end: date) -> dict[str, Any]:
    """`deadlines`: terms due in the period (not suspended), met when they ended on or before
    their due day (whatever ended them), missed otherwise (ended later, or still running), by
    kind. A running term due in the period is already missed: its day has passed by the
    period's end."""
    met = case((and_(Deadline.ended_on.is_not(None), Deadline.ended_on <= Deadline.due_on), 1),
               else_=0)
    rows = session.execute(
        select(Deadline.kind, func.count(), func.sum(met))
        .where(Deadline.due_on >= start, Deadline.due_on <= end,
               Deadline.suspended_since.is_(None))
        .group_by(Deadline.kind).order_by(Deadline.kind)).all()
    by_kind = {kind: {"met": int(m or 0), "missed": int(n) - int(m or 0)} for kind, n, m in rows}
    return {"met": sum(v["met"] for v in by_kind.values()),
            "missed": sum(v["missed"] for v in by_kind.values()), "by_kind": by_kind}

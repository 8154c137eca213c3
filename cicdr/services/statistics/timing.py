"""How long things take: `durations` (median and 90th percentile, in days), `backlog` (what was
still open at the end of the period, by age) and `deadlines` (met and missed).

Percentiles are linear interpolations between the two nearest values (PostgreSQL's
`percentile_cont`, which computes them there; on SQLite the one or two values needed are read
with one sort numbered by row_number(), so no row is loaded into Python either way).
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Integer, and_, case, cast, func, select, text

from cicdr.models import Complaint, Deadline, Proceeding, ProceedingRespondent
from cicdr.services.core.types import DbSession
from cicdr.services.statistics.breakdowns import moment

# A complaint open today: neither closed nor archived (the partial index
# `ix_complaints_open_received_at` holds exactly these).
# Written out (not bound parameters): the database proves the index covers the query only
# from the same literal condition.
OPEN_COMPLAINT = (text("complaints.closed_on IS NULL AND (complaints.triage_outcome IS NULL "
                       "OR complaints.triage_outcome <> 'archived')"),)

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
    if not n:
        return {"count": 0, **{key: None for key, _p in PERCENTILES}}
    # One sort: the rows at the (1-based) positions each percentile needs, by row_number().
    spots = {key: (p * (n - 1), math.floor(p * (n - 1))) for key, p in PERCENTILES}
    wanted = sorted({low + i for _k, low in spots.values() for i in (1, 2) if low + i <= n})
    ranked = select(days.label("d"), func.row_number().over(order_by=days).label("rn")) \
        .where(*where).subquery()
    at = {int(rn): float(d) for d, rn in session.execute(
        select(ranked.c.d, ranked.c.rn).where(ranked.c.rn.in_(wanted)))}
    out: dict[str, Any] = {"count": n}
    for key, (k, low) in spots.items():
        first = at[low + 1]
        upper = at.get(low + 2, first)
        out[key] = round(first + (upper - first) * (k - low), 1)
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


def _bands(session: DbSession, since: Any, end: date, *where: Any) -> dict[str, int]:
    """The cases `where` selects counted by age band on `end`, in one query: the age is read
    as a range of the moment `since` (received or opened), so the index serves it."""
    sums = []
    for _key, low, high in AGES:
        newest = moment(end - timedelta(days=low) + timedelta(days=1))  # age >= low
        clause = since < newest
        if high is not None:
            clause = and_(clause, since >= moment(end - timedelta(days=high)))  # age <= high
        sums.append(func.sum(case((clause, 1), else_=0)))
    row = session.execute(select(func.count(), *sums).where(*where)).one()
    return {"total": int(row[0] or 0),
            **{key: int(v or 0) for (key, _l, _h), v in zip(AGES, row[1:], strict=True)}}


def _added(parts: list[dict[str, int]]) -> dict[str, int]:
    return {key: sum(p[key] for p in parts) for key in parts[0]}


def backlog(session: DbSession, end: date) -> dict[str, Any]:
    """`backlog`: complaints and proceedings still open at the end of the period's last day,
    by age on that day. A complaint is open until the day it was closed (`closed_on`) or, when
    it was not, archived (its triage outcome's day); a proceeding until it was closed or
    prescribed. The complaints are counted in three disjoint parts that each have their index:
    open now, closed after `end`, archived after `end`."""
    C, P = Complaint, Proceeding
    received = C.received_at < moment(end + timedelta(days=1))
    archived = and_(C.triage_outcome.is_not(None), C.triage_outcome == "archived")
    complaints = _added([
        _bands(session, C.received_at, end, received, *OPEN_COMPLAINT),
        _bands(session, C.received_at, end, received, C.closed_on > end),
        _bands(session, C.received_at, end, received, C.closed_on.is_(None), archived,
               C.triage_outcome_on > end)])
    proceedings = _added([
        _bands(session, P.opened_at, end, P.opened_at < moment(end + timedelta(days=1)),
               P.closed_on.is_(None)),
        _bands(session, P.opened_at, end, P.opened_at < moment(end + timedelta(days=1)),
               P.closed_on > end)])
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

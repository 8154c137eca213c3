"""The one JSON shape of the statistics (issue 13 part 3), for a period.

`compute` is what `/staff/statistics.json`, `flask cicdr stats` and the annual report give;
`public` is the open-data subset (`complaints` and `outcomes`, small counts suppressed).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from cicdr.models import Complaint
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.statistics import breakdowns, outcomes, suppression, timing
from workflows.tables import LegalTables


def period(raw_from: str | None, raw_to: str | None, today: date) -> tuple[date, date]:
    """The period asked for (YYYY-MM-DD, both ends included); the current year by default.
    Raises InvalidData saying what is wrong."""
    try:
        start = date.fromisoformat(raw_from) if raw_from else date(today.year, 1, 1)
        end = date.fromisoformat(raw_to) if raw_to else date(today.year, 12, 31)
    except ValueError as exc:
        raise InvalidData({"from": "Write the dates as YYYY-MM-DD."}) from exc
    if end < start:
        raise InvalidData({"to": "The period ends before it begins."})
    return start, end


def compute(session: DbSession, start: date, end: date,
            tables: LegalTables | None = None) -> dict[str, Any]:
    """Every number of the period, in the order of the JSON shape."""
    tables = tables or current_tables(session)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "complaints": breakdowns.complaints(session, start, end, tables),
        "incidents": breakdowns.incidents(session, start, end),
        "outcomes": outcomes.outcomes(session, start, end, tables),
        "proceedings": outcomes.proceedings(session, start, end),
        "durations": timing.durations(session, start, end),
        "backlog": timing.backlog(session, end),
        "deadlines": timing.deadlines(session, start, end),
    }


def year(session: DbSession, year: int, tables: LegalTables | None = None) -> dict[str, Any]:
    """A calendar year's numbers."""
    return compute(session, date(year, 1, 1), date(year, 12, 31), tables)


def first_year(session: DbSession) -> int | None:
    """The year of the first complaint received (None when there is none)."""
    first = session.scalar(select(func.min(Complaint.received_at)))
    return first.year if first is not None else None


def public(session: DbSession, year: int, tables: LegalTables | None = None) -> dict[str, Any]:
    """The open data of a year: the complaints received and the outcomes (triage, referrals,
    proceedings' decisions), counts of 1 or 2 suppressed; nothing about a single case."""
    tables = tables or current_tables(session)
    start, end = date(year, 1, 1), date(year, 12, 31)
    found = breakdowns.complaints(session, start, end, tables)
    done = outcomes.outcomes(session, start, end, tables)
    decided = outcomes.proceedings(session, start, end)
    return suppression.suppressed({
        "year": year,
        "complaints": found,
        "outcomes": {**{k: v for k, v in done.items()},
                     "proceedings_opened": decided["opened"],
                     "decisions_by_type": decided["decisions_by_type"],
                     "appeals_by_court_outcome": decided["appeals_by_court_outcome"]},
    })

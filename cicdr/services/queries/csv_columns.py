"""The columns of a case list's CSV export: what staff need to work a list in a spreadsheet.

Codes that have a label (context, district, grounds, bodies) are written as their label; states
keep their canonical code, as everywhere else in the workspace. Formula injection is the
writer's business (`cicdr.views.csv_safe`): these are plain values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from cicdr.models import Complaint, Proceeding, Referral
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.queries.filters import Filters
from cicdr.services.queries.lists import iter_cases, prescription
from workflows import sanctions
from workflows.tables import LegalTables

COLUMNS = {
    "complaints": ("reference", "state", "received", "facts_date", "context", "grounds",
                   "district", "police_related", "respondents", "assignee", "proceeding",
                   "overdue"),
    "proceedings": ("reference", "state", "opened", "instructor", "complaints", "respondents",
                    "prescription", "overdue"),
    "referrals": ("reference", "body", "purpose", "state", "drafted", "sent_on", "answered_on",
                  "overdue"),
}


def _label(vocabulary: str, code: str | None, tables: LegalTables) -> str:
    return tables.label(vocabulary, code, "")


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _complaint(c: Complaint, overdue: bool, tables: LegalTables) -> list[Any]:
    return [c.reference, c.state, _day(c.received_at), _day(c.facts_date),
            _label("context", c.context, tables),
            "; ".join(_label("ground", g.ground, tables) for g in c.grounds),
            _label("district", c.district, tables), "yes" if c.is_police_related else "no",
            "; ".join(p.display for p in c.respondents),
            c.assignee.name if c.assignee else "",
            c.proceeding.reference if c.proceeding else "", "yes" if overdue else "no"]


def prescription_text(p: Proceeding, today: date | None = None,
                      tables: LegalTables | None = None) -> str:
    """The proceeding's prescription date as staff read it, also when it cannot be known
    (under `tables`; None: the tables in force)."""
    try:
        return _day(prescription(p, today or date.today(), tables)) or "—"
    except sanctions.UnknownIASYear:
        return f"unknown (no IAS for {p.facts_date.year})"


def _proceeding(p: Proceeding, overdue: bool, tables: LegalTables) -> list[Any]:
    return [p.reference, p.state, _day(p.opened_at), p.instructor.name if p.instructor else "",
            "; ".join(c.reference for c in p.complaints),
            "; ".join(r.name for r in p.respondents), prescription_text(p, tables=tables),
            "yes" if overdue else "no"]


def _referral(r: Referral, overdue: bool, tables: LegalTables) -> list[Any]:
    return [r.reference, _label("body", r.body, tables), r.purpose, r.state, _day(r.drafted_at),
            _day(r.sent_on), _day(r.answered_on), "yes" if overdue else "no"]


def export_rows(session: DbSession, f: Filters, *, today: date | None = None) -> Iterator[
        list[Any]]:
    """The header, then one row per selected case, in the list's order."""
    yield list(COLUMNS[f.kind])
    rows: dict[str, Callable[[Any, bool, LegalTables], list[Any]]] = {
        "complaints": _complaint, "proceedings": _proceeding, "referrals": _referral}
    row, tables = rows[f.kind], current_tables(session)
    for case, overdue in iter_cases(session, f, today=today):
        yield row(case, overdue, tables)

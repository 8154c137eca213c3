"""The columns of a case list's CSV export: what staff need to work a list in a spreadsheet.

Codes that have a label (context, district, grounds, bodies) are written as their label; states
keep their canonical code (a spreadsheet filters on it). The header row is meant for people: its
names are `N_` messages, translated by the `translate` function the caller gives (the view
passes `cicdr.i18n.tr`), as are yes/no. Formula injection is the writer's business
(`cicdr.views.csv_safe`): these are plain values.
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
from workflows.text import N_, Msg

COLUMNS = {
    "complaints": ("reference", "state", "received", "facts_date", "context", "grounds",
                   "district", "police_related", "respondents", "assignee", "proceeding",
                   "overdue"),
    "proceedings": ("reference", "state", "opened", "instructor", "complaints", "respondents",
                    "prescription", "overdue"),
    "referrals": ("reference", "body", "purpose", "state", "drafted", "sent_on", "answered_on",
                  "overdue"),
}


# The header of each column, for people.
HEADERS: dict[str, Msg] = {
    "reference": N_("Reference"), "state": N_("State"), "received": N_("Received"),
    "facts_date": N_("Date of the facts"), "context": N_("Context"), "grounds": N_("Grounds"),
    "district": N_("District"), "police_related": N_("Police-related"),
    "respondents": N_("Respondents"), "assignee": N_("Assignee"), "proceeding": N_("Proceeding"),
    "overdue": N_("Overdue"), "opened": N_("Opened"), "instructor": N_("Instructor"),
    "complaints": N_("Complaints"), "prescription": N_("Prescription"), "body": N_("Body"),
    "purpose": N_("Purpose"), "drafted": N_("Drafted"), "sent_on": N_("Sent on"),
    "answered_on": N_("Answered on"),
}
YES, NO = N_("yes"), N_("no")


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
            _label("district", c.district, tables), YES if c.is_police_related else NO,
            "; ".join(p.display for p in c.respondents),
            c.assignee.name if c.assignee else "",
            c.proceeding.reference if c.proceeding else "", YES if overdue else NO]


def prescription_text(p: Proceeding, today: date | None = None,
                      tables: LegalTables | None = None) -> str:
    """The proceeding's prescription date as staff read it, also when it cannot be known
    (under `tables`; None: the tables in force)."""
    try:
        return _day(prescription(p, today or date.today(), tables)) or "—"
    except sanctions.UnknownIASYear:
        return N_("unknown (no IAS for %(year)s)", year=p.facts_date.year)


def _proceeding(p: Proceeding, overdue: bool, tables: LegalTables) -> list[Any]:
    return [p.reference, p.state, _day(p.opened_at), p.instructor.name if p.instructor else "",
            "; ".join(c.reference for c in p.complaints),
            "; ".join(r.name for r in p.respondents), prescription_text(p, tables=tables),
            YES if overdue else NO]


def _referral(r: Referral, overdue: bool, tables: LegalTables) -> list[Any]:
    return [r.reference, _label("body", r.body, tables), r.purpose, r.state, _day(r.drafted_at),
            _day(r.sent_on), _day(r.answered_on), YES if overdue else NO]


def export_rows(session: DbSession, f: Filters, *, today: date | None = None,
                translate: Callable[[Any], Any] | None = None) -> Iterator[list[Any]]:
    """The header (its names through `translate`; English when None), then one row per
    selected case, in the list's order."""
    translate = translate or (lambda message: message)
    yield [str(translate(HEADERS[name])) for name in COLUMNS[f.kind]]
    rows: dict[str, Callable[[Any, bool, LegalTables], list[Any]]] = {
        "complaints": _complaint, "proceedings": _proceeding, "referrals": _referral}
    row, tables = rows[f.kind], current_tables(session)
    for case, overdue in iter_cases(session, f, today=today):
        yield [translate(value) for value in row(case, overdue, tables)]

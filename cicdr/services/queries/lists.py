"""The case lists: complaints, proceedings and referrals, filtered, searched, sorted, paged.

Every filter is a condition on the listed table itself (related tables enter as `id IN
(subquery)` when they narrow the list a lot, as EXISTS when they do not), so the same
conditions serve the page, its total and the CSV export, and each database can answer them
from the indexes of migration 0005_search (plans at 100,000 complaints: bench/bench_search.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import selectinload

from cicdr.models import Complaint, ComplaintGround, Deadline, Party, Proceeding, Referral
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.queries import search
from cicdr.services.queries.filters import Filters
from workflows import sanctions, workflows
from workflows.tables import LegalTables

MODELS: dict[str, Any] = {"complaints": Complaint, "proceedings": Proceeding,
                          "referrals": Referral}
# What a page shows of each row, loaded with the page (never one query per row). The names of
# assignees and instructors come from the request's staff directory, not from a join.
EAGER = {
    "complaints": (selectinload(Complaint.parties), selectinload(Complaint.grounds)),
    "proceedings": (selectinload(Proceeding.respondents),
                    selectinload(Proceeding.complaints).load_only(
                        Complaint.id, Complaint.reference, Complaint.proceeding_id)),
    "referrals": (selectinload(Referral.complaint).load_only(Complaint.id, Complaint.reference),
                  selectinload(Referral.proceeding).load_only(Proceeding.id,
                                                              Proceeding.reference)),
}
# The export names each complaint's assignee and proceeding, and each proceeding's instructor.
EXPORT_EAGER = {**EAGER,
                "complaints": (*EAGER["complaints"], selectinload(Complaint.assignee),
                               selectinload(Complaint.proceeding).load_only(
                                   Proceeding.id, Proceeding.reference)),
                "proceedings": (*EAGER["proceedings"], selectinload(Proceeding.instructor))}
DEADLINE_OF = {"complaints": Deadline.complaint_id, "proceedings": Deadline.proceeding_id,
               "referrals": Deadline.referral_id}
AWAITING_ANSWER = ("sent", "acknowledged")


# Counting every match of a broad list costs more than showing it (20-140 ms at 100,000
# complaints on PostgreSQL): a list counts up to this many, then says "more than".
COUNT_CAP = 1000


@dataclass
class Page:
    """One page of a list, its total (exact up to COUNT_CAP; beyond, `exact` is False and
    `total` is COUNT_CAP + 1) and which of its rows are overdue."""

    rows: list[Any]
    total: int
    page: int
    per_page: int
    overdue: set[int] = field(default_factory=set)
    exact: bool = True
    has_next: bool = False

    @property
    def pages(self) -> int:
        """The number of pages when the total is exact; the pages known so far otherwise."""
        if self.exact:
            return max(1, -(-self.total // self.per_page))
        return self.page + 1 if self.has_next else self.page


def capped_count(session: DbSession, model: Any, where: list[ColumnElement[bool]],
                 cap: int) -> int:
    """How many rows match, counting no further than `cap` + 1 (an index-only walk of at most
    that many rows, whatever the table's size)."""
    matched = select(model.id).where(*where).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(matched)) or 0


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def overdue_ids(kind: str, today: date) -> Select[Any]:
    """Ids of the listed kind with a running deadline past its due date."""
    column = DEADLINE_OF[kind]
    return select(column).where(Deadline.ended_on.is_(None), Deadline.due_on < today,
                                column.is_not(None))


def _dates(column: Any, f: Filters) -> list[ColumnElement[bool]]:
    found = []
    if f.date_from:
        found.append(column >= _moment(f.date_from))
    if f.date_to:
        found.append(column < _moment(f.date_to + timedelta(days=1)))
    return found


def _complaints(session: DbSession, f: Filters, today: date) -> list[ColumnElement[bool]]:
    c = Complaint
    where = [c.state == f.state] if f.state else []
    where += [getattr(c, name) == getattr(f, name) for name in ("context", "district")
              if getattr(f, name)]
    # Broad attributes as EXISTS, so that SQLite drives the query from a narrower condition
    # (a date range, the search, overdue) and only probes these; PostgreSQL plans both forms
    # as semi-joins alike.
    if f.ground:
        where.append(select(ComplaintGround.ground).where(
            ComplaintGround.complaint_id == c.id, ComplaintGround.ground == f.ground).exists())
    if f.police is not None:
        police = select(Party.id).where(Party.complaint_id == c.id, Party.role == "respondent",
                                        Party.kind == "security_force").exists()
        where.append(police if f.police else ~police)
    if f.unassigned:
        where.append(c.assignee_id.is_(None))
    elif f.assignee:
        where.append(c.assignee_id == f.assignee)
    where += _dates(c.received_at, f)
    found = search.matching_ids(session, f.q)
    if found is not None:
        where.append(c.id.in_(found))
    return where


def _proceedings(session: DbSession, f: Filters, today: date) -> list[ColumnElement[bool]]:
    p = Proceeding
    where = [p.state == f.state] if f.state else []
    if f.instructor:
        where.append(p.instructor_id == f.instructor)
    where += _dates(p.opened_at, f)
    if f.q.strip():
        found = search.matching_ids(session, f.q)
        where.append(or_(p.reference == f.q.strip().upper(), *(
            [p.id.in_(select(Complaint.proceeding_id).where(Complaint.id.in_(found)))]
            if found is not None else [])))
    if f.prescription_within is not None:
        by = today + timedelta(days=f.prescription_within)
        where.append(p.id.in_(_prescribing(session, where, today, by)))
    return where


def prescription(p: Proceeding, today: date, tables: LegalTables | None = None) -> date | None:
    """The earliest prescription date among the respondents whose procedure still runs
    (None when none does: no respondent, or every one final or prescribed).

    Raises sanctions.UnknownIASYear when the IAS of the year of the facts is missing: the
    fine's maximum, hence the period, cannot be known."""
    dates = p.running_prescriptions(today, tables).values()
    return min(dates) if dates else None


def _prescribes_by(p: Proceeding, today: date, by: date, tables: LegalTables) -> bool:
    try:
        found = prescription(p, today, tables)
    except sanctions.UnknownIASYear:
        return True  # cannot be computed: listed, so that it is not missed
    return found is not None and found <= by


def _prescribing(session: DbSession, where: list[ColumnElement[bool]], today: date,
                 by: date) -> list[int]:
    """Open proceedings (those that can still prescribe) whose earliest prescription date is
    on or before `by`, or cannot be computed. Prescription is computed, not stored
    (interruptions and suspensions move it), so this one filter runs in Python, over
    proceedings only."""
    spec = workflows()["proceeding"].describe()["triggers"]
    open_states = {s for t in spec if t["trigger"] == "prescribe"
                   for x in t["transitions"] for s in x["source"]}
    candidates = session.scalars(select(Proceeding).where(
        Proceeding.state.in_(open_states), *where)
        .options(selectinload(Proceeding.respondents)))
    tables = current_tables(session)
    return [p.id for p in candidates if _prescribes_by(p, today, by, tables)]


def _referrals(session: DbSession, f: Filters, today: date) -> list[ColumnElement[bool]]:
    r = Referral
    where = [getattr(r, name) == getattr(f, name) for name in ("state", "body", "purpose")
             if getattr(f, name)]
    if f.awaiting:
        where.append(r.state.in_(AWAITING_ANSWER))
    found = search.matching_ids(session, f.q)
    if found is not None:
        where.append(or_(r.complaint_id.in_(found), r.proceeding_id.in_(
            select(Complaint.proceeding_id).where(Complaint.id.in_(found)))))
    return where


def conditions(session: DbSession, f: Filters, today: date) -> list[ColumnElement[bool]]:
    """Every condition of the filters, on the listed table."""
    build = {"complaints": _complaints, "proceedings": _proceedings, "referrals": _referrals}
    where = build[f.kind](session, f, today)
    if f.overdue:
        where.append(MODELS[f.kind].id.in_(overdue_ids(f.kind, today)))
    return where


def order(f: Filters) -> list[Any]:
    """ORDER BY of the chosen sort, ties broken by id so that pages never overlap."""
    model = MODELS[f.kind]
    day = {"complaints": Complaint.received_at, "proceedings": Proceeding.opened_at,
           "referrals": Referral.drafted_at}[f.kind]
    columns = {"date": [day],
               "reference": [model.id] if f.kind == "referrals" else [model.year, model.number],
               "state": [model.state, day]}[f.sort]
    return [c.desc() if f.descending else c.asc() for c in [*columns, model.id]]


def count_cases(session: DbSession, f: Filters, today: date | None = None, *,
                cap: int | None = None) -> int:
    """How many cases the filters select (with `cap`: at most `cap` + 1)."""
    model = MODELS[f.kind]
    where = conditions(session, f, today or date.today())
    if cap is not None:
        return capped_count(session, model, where, cap)
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def list_cases(session: DbSession, f: Filters, *, page: int = 1, per_page: int = 50,
               today: date | None = None) -> Page:
    """One page of a list, with its total counted up to COUNT_CAP. Beyond an exact total the
    last page is where the rows end; beyond a "more than" total, a page past the rows is
    empty and says so."""
    today = today or date.today()
    model = MODELS[f.kind]
    where = conditions(session, f, today)
    total = capped_count(session, model, where, COUNT_CAP)
    exact = total <= COUNT_CAP
    page = max(page, 1)
    if exact:
        page = min(page, max(1, -(-total // per_page)))
    fetched = list(session.scalars(select(model).where(*where).order_by(*order(f))
                                   .options(*EAGER[f.kind])
                                   .limit(per_page + 1).offset((page - 1) * per_page)))
    rows = fetched[:per_page]
    return Page(rows, total, page, per_page, overdue_among(session, f.kind, rows, today),
                exact=exact, has_next=len(fetched) > per_page)


def overdue_among(session: DbSession, kind: str, rows: list[Any], today: date) -> set[int]:
    """Which of these rows have a running deadline past due."""
    ids = [r.id for r in rows]
    if not ids:
        return set()
    column = DEADLINE_OF[kind]
    return set(session.scalars(overdue_ids(kind, today).where(column.in_(ids))))


def iter_cases(session: DbSession, f: Filters, *, today: date | None = None,
               batch: int = 500) -> Iterator[tuple[Any, bool]]:
    """Every selected case in list order with whether it is overdue, loaded `batch` at a time
    (the CSV export streams them)."""
    today = today or date.today()
    model = MODELS[f.kind]
    ids = list(session.scalars(select(model.id).where(*conditions(session, f, today))
                               .order_by(*order(f))))
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        rows = {r.id: r for r in session.scalars(
            select(model).where(model.id.in_(chunk)).options(*EXPORT_EAGER[f.kind]))}
        late = overdue_among(session, f.kind, list(rows.values()), today)
        for i in chunk:  # rows are dropped after each batch: the identity map holds them weakly
            yield rows[i], i in late

"""My work: what waits for a staff member now, what is due or overdue, in bounded pages.

Sections: *waiting* (the cases whose state has an action for the user's role, earliest due
first, with the action's name: see role_actions), *due soon* (running deadlines due within
`soon_days`), *overdue*, *assigned* (the user's open complaints and the proceedings they
instruct), *recent* (cases changed in the last 7 days, from the audit log) and, for officers,
the *unassigned* queue. An officer's sections hold their own cases; the president's and the
commissioners' hold the whole office's (CICDR has a handful of staff).

Bounded at any size: one statement counts the sections, one statement per section reads its
page (section_pages: indexed ranges that stop at the page's last row), then the page's cases are
loaded by id with what the rows show (selectinload). Nothing walks a user's whole caseload in
Python. Prescription dates are not stored (they depend on the respondents, interruptions and the
IAS table), so they are left to the case list's `prescription_within` filter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import Date, bindparam, func, select
from sqlalchemy.orm import selectinload

from cicdr.models import Complaint, Proceeding, Referral
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.queries import section_pages as keys
from cicdr.services.queries.role_actions import MODELS, Asked, action_names
from cicdr.services.queries.section_pages import (
    CASE_SECTIONS,
    DEADLINE_SECTIONS,
    PER_PAGE,
    Scope,
    sections_for,
)
from workflows import available_triggers
from workflows.spec import Role
from workflows.tables import LegalTables

__all__ = ["PER_PAGE", "Row", "Section", "build", "sections_for", "waiting_count"]


@dataclass(frozen=True)
class Row:
    """One line of a section: the case, and what the section says about it."""

    subject: Any  # Complaint, Proceeding or Referral
    due_on: date | None = None  # its earliest running deadline, or the deadline's due date
    deadline: Any = None  # the deadline (id, kind, due_on), in the due soon and overdue sections
    actions: tuple[str, ...] = ()  # trigger labels, in the waiting section
    changed_at: datetime | None = None  # the last change, in the recent section


@dataclass
class Section:
    """A section's total, the page shown and its rows."""

    name: str
    total: int
    page: int = 1
    rows: list[Row] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def _case_page(session: DbSession, section: Section, built: keys.Statements,
               given: dict[str, Any]) -> list[Any]:
    """The key rows (kind, id, due, since) of a case section's page."""
    if not section.total:
        return []
    name, offset = section.name, (section.page - 1) * PER_PAGE
    paged = {**given, "offset": offset, "limit": PER_PAGE, "reach": offset + PER_PAGE}
    if name not in built.by_deadline:
        return list(session.execute(built.sorted[name], paged))
    rows = list(session.execute(built.by_deadline[name], paged))
    if len(rows) == PER_PAGE or offset + len(rows) >= section.total:
        return rows
    # The page reaches the cases without a running deadline: after those with one.
    with_due = offset + len(rows) if rows or not offset else \
        session.scalar(built.counted_by_deadline[name], given) or 0
    return rows + list(session.execute(built.without_deadline[name], {
        **given, "offset": max(0, offset - with_due), "limit": PER_PAGE - len(rows)}))


LOAD = {
    "complaint": (selectinload(Complaint.parties), selectinload(Complaint.referrals),
                  selectinload(Complaint.deadlines), selectinload(Complaint.proceeding)),
    "proceeding": (selectinload(Proceeding.respondents), selectinload(Proceeding.referrals),
                   selectinload(Proceeding.deadlines)),
    "referral": (selectinload(Referral.complaint), selectinload(Referral.proceeding)),
}


def _load(session: DbSession, wanted: Mapping[str, set[int]]) -> dict[tuple[str, int], Any]:
    """The cases named on the pages, one query per kind, with what their rows show."""
    found: dict[tuple[str, int], Any] = {}
    for kind, ids in wanted.items():
        model = MODELS[kind]
        for case in session.scalars(select(model).where(model.id.in_(sorted(ids)))
                                    .options(*LOAD[kind])):
            found[(kind, case.id)] = case
    return found


def _actions(subject: Any, asked: Asked) -> tuple[str, ...]:
    """Labels of the waited-for triggers the user may fire now (all of them when guards
    block every one: the row still says what is expected)."""
    names = action_names(subject, asked.user.role)
    options = available_triggers(subject, asked.user, asked.today, tables=asked.tables)
    allowed = [o.trigger.label for o in options if o.allowed and o.trigger.name in names]
    return tuple(allowed or [o.trigger.label for o in options if o.trigger.name in names])


def _subject_key(deadline: Any) -> tuple[str, int]:
    """(kind, id) of the case a deadline runs on."""
    kind = next(k for k in MODELS if getattr(deadline, f"{k}_id") is not None)
    return kind, getattr(deadline, f"{kind}_id")


def _row(name: str, case: Any, key: Any, asked: Asked) -> Row:
    """A case section's row: the earliest due date; the actions (waiting); the change time
    (recent)."""
    return Row(case, key.due, actions=_actions(case, asked) if name == "waiting" else (),
               changed_at=key.since if name == "recent" else None)


def build(session: DbSession, user: Any, today: date, *, pages: Mapping[str, int] | None = None,
          soon_days: int = 7, now: datetime | None = None,
          tables: LegalTables | None = None) -> dict[str, Section]:
    """My work of `user` on `today`: each section's total and its page (`pages[name]`, from 1,
    clamped to the last page); `tables`: the legal tables the caller holds (else read)."""
    asked = Asked(user, today, tables or current_tables(session))
    built = keys.statements(user.role, asked.tables)
    given = keys.parameters(user.id, today, soon_days, now or datetime.now(UTC))
    names = sections_for(user.role)
    totals = session.execute(built.count, given).one()._mapping
    sections = {n: Section(n, totals[n] or 0) for n in names}
    for s in sections.values():
        s.page = min(max(1, (pages or {}).get(s.name, 1)), s.pages)
    keyed = {n: _case_page(session, sections[n], built, given)
             for n in names if n in CASE_SECTIONS}
    due = {n: list(session.execute(built.deadlines[n], {
        **given, "offset": (sections[n].page - 1) * PER_PAGE, "limit": PER_PAGE}))
        if sections[n].total else [] for n in names if n in DEADLINE_SECTIONS}
    wanted: dict[str, set[int]] = defaultdict(set)
    for key in (k for rows in keyed.values() for k in rows):
        wanted[key.kind].add(key.id)
    for kind, key in (_subject_key(d) for rows in due.values() for d in rows):
        wanted[kind].add(key)
    cases = _load(session, wanted)
    for name, rows in keyed.items():
        sections[name].rows = [_row(name, cases[(k.kind, k.id)], k, asked) for k in rows]
    for name, deadlines in due.items():
        sections[name].rows = [Row(cases[_subject_key(d)], d.due_on, d) for d in deadlines]
    return sections


# The badge's statement, built once per (role, tables, cap) with the user and the day as
# parameters: every staff page runs it, and building the union costs more than running it.
_BADGE: dict[tuple[str, int | None], tuple[LegalTables, Any]] = {}


def _badge_statement(role: str, tables: LegalTables, cap: int | None) -> Any:
    cached = _BADGE.get((role, cap))
    if cached is not None and cached[0] is tables:
        return cached[1]
    someone = _Parameters(id=bindparam("me"), role=role)
    today = cast(date, bindparam("today", type_=Date))  # compared in SQL only
    waiting = keys.case_union("waiting", Scope(Asked(someone, today, tables)))
    if cap is not None:
        waiting = waiting.limit(cap + 1)
    statement = select(func.count()).select_from(waiting.subquery())
    _BADGE[(role, cap)] = (tables, statement)
    return statement


@dataclass(frozen=True)
class _Parameters:
    """A user as the badge's statement sees it: the id is a bound parameter."""

    id: Any
    role: str


def waiting_count(session: DbSession, user: Any, today: date, *, cap: int | None = None,
                  tables: LegalTables | None = None) -> int:
    """How many cases wait for `user` (the navigation's badge): one COUNT statement. With
    `cap`, counting stops at `cap` + 1 (the badge says "99+"): an officer with thousands of
    waiting cases would otherwise pay for counting them on every page they open."""
    if user.role not in (Role.OFFICER, Role.PRESIDENT, Role.COMMISSIONER):
        return 0
    statement = _badge_statement(user.role, tables or current_tables(session), cap)
    return session.scalar(statement, {"me": user.id, "today": today}) or 0

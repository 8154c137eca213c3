"""My work: what waits for a staff member now, what is due or overdue, in bounded pages.

Sections: *waiting* (the cases whose state has an action for the user's role, earliest due
first, with the action's name: see role_actions), *due soon* (running deadlines due within
`soon_days`), *overdue*, *assigned* (the user's open complaints and the proceedings they
instruct), *recent* (cases changed in the last 7 days, from the audit log) and, for officers,
the *unassigned* queue. An officer's sections hold their own cases; the president's and the
commissioners' hold the whole office's (CICDR has a handful of staff).

Bounded at any size: one statement counts the sections, one statement per section reads its
page (PER_PAGE rows, LIMIT/OFFSET over indexed conditions; *waiting* and *assigned*, which sort
every row by its earliest deadline anyway, count them in the same statement), then the page's
cases are loaded by id with what the rows show (selectinload). Nothing walks a user's whole
caseload in Python. Prescription dates are not stored (they depend on the respondents,
interruptions and the IAS table), so they are left to the case list's `prescription_within`
filter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Date,
    Select,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import selectinload

from cicdr.models import AuditEvent, Complaint, Deadline, Proceeding, Referral
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.queries.role_actions import MODELS, Asked, action_names, waiting_condition
from workflows import available_triggers, workflow_for
from workflows.spec import Role
from workflows.tables import LegalTables

PER_PAGE = 20
RECENT_DAYS = 7
# Complaints still before a proceeding (the unassigned queue), and all open ones.
BEFORE_PROCEEDING = ("received", "triage", "awaiting_information", "non_opening_proposed",
                     "referred_to_prosecutor")
OPEN_COMPLAINT = (*BEFORE_PROCEEDING, "forwarded", "proceeding_opened")
CASE_SECTIONS = ("waiting", "assigned", "recent", "unassigned")
DEADLINE_SECTIONS = ("due_soon", "overdue")
# The sections whose count costs as much as their page (every row is sorted by its earliest
# deadline anyway): counted by the page's statement, not by the statement of counts.
WINDOWED = ("waiting", "assigned")
SINCE = {"complaint": Complaint.received_at, "proceeding": Proceeding.opened_at,
         "referral": Referral.drafted_at}


@dataclass(frozen=True)
class Row:
    """One line of a section: the case, and what the section says about it."""

    subject: Any  # Complaint, Proceeding or Referral
    due_on: date | None = None  # its earliest running deadline, or the deadline's due date
    deadline: Deadline | None = None  # the deadline, in the due soon and overdue sections
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


@dataclass(frozen=True)
class Scope:
    """Whose cases a section reads: the user's own (officers) or the office's."""

    asked: Asked
    now: datetime
    soon_days: int
    probe_by_key: bool = False  # deadlines' owners by correlated EXISTS (see owns_deadline)

    @property
    def user(self) -> Any:
        return self.asked.user

    @property
    def own(self) -> bool:
        return bool(self.user.role == Role.OFFICER)

    def cases(self, kind: str) -> Any:
        """SQL condition: a case of this kind is the user's (always true for the office)."""
        if not self.own:
            return true()
        mine_c = Complaint.assignee_id == self.user.id
        mine_p = Proceeding.instructor_id == self.user.id
        return {"complaint": mine_c, "proceeding": mine_p, "referral": or_(
            Referral.complaint_id.in_(select(Complaint.id).where(mine_c)),
            Referral.proceeding_id.in_(select(Proceeding.id).where(mine_p)))}[kind]

    def owns_deadline(self) -> Any:
        """SQL condition on Deadline: it runs on one of the user's cases.

        On SQLite (`probe_by_key`), correlated EXISTS by primary key: a walk of the due-date
        index then stops at a page's last row, each row probed in about a microsecond, where
        IN lists of every case of the user are built before the first row. PostgreSQL hashes
        the IN lists once (hashed SubPlan, index-only scans) but runs a correlated EXISTS as a
        subplan per row (~20 us each: a second for 12,000 overdue deadlines)."""
        if not self.own:
            return true()
        uid = self.user.id
        by_complaint = Complaint.assignee_id == uid
        by_proceeding = Proceeding.instructor_id == uid
        if not self.probe_by_key:
            return or_(*(getattr(Deadline, f"{k}_id").in_(select(model.id).where(self.cases(k)))
                         for k, model in MODELS.items()))
        return or_(
            exists().where(Complaint.id == Deadline.complaint_id, by_complaint),
            exists().where(Proceeding.id == Deadline.proceeding_id, by_proceeding),
            exists().where(Referral.id == Deadline.referral_id,
                           Complaint.id == Referral.complaint_id, by_complaint),
            exists().where(Referral.id == Deadline.referral_id,
                           Proceeding.id == Referral.proceeding_id, by_proceeding))


def sections_for(role: str) -> tuple[str, ...]:
    """The sections a role sees, in the page's order."""
    common = ("waiting", "due_soon", "overdue", "assigned", "recent")
    return (*common, "unassigned") if role == Role.OFFICER else common


def _earliest_due(kind: str) -> Any:
    """Correlated: the earliest running deadline of the case (None when none runs)."""
    link = getattr(Deadline, f"{kind}_id")
    return (select(func.min(Deadline.due_on))
            .where(link == MODELS[kind].id, Deadline.ended_on.is_(None)).scalar_subquery())


def _keys(kind: str, where: Any, *, due: bool = True, since: Any = None) -> Select[Any]:
    """One branch of a section's union: (kind, id, earliest due, sort timestamp)."""
    model = MODELS[kind]
    return select(literal_column(f"'{kind}'").label("kind"), model.id.label("id"),
                  (_earliest_due(kind) if due else literal_column("NULL")).label("due"),
                  (SINCE[kind] if since is None else since).label("since")).where(where)


def _case_union(name: str, scope: Scope, *, due: bool = True) -> Any:
    """The union of key rows of a case section (before ordering and paging); without the
    earliest due date when only counted."""
    uid = scope.user.id
    if name == "waiting":
        return union_all(*(_keys(k, and_(scope.cases(k), waiting_condition(k, scope.asked)),
                                 due=due) for k in MODELS))
    if name == "assigned":
        open_p = Proceeding.state.not_in(sorted(workflow_for(Proceeding).terminal))
        return union_all(
            _keys("complaint", and_(Complaint.assignee_id == uid,
                                    Complaint.state.in_(OPEN_COMPLAINT)), due=due),
            _keys("proceeding", and_(Proceeding.instructor_id == uid, open_p), due=due))
    if name == "unassigned":
        return union_all(_keys("complaint", and_(Complaint.assignee_id.is_(None),
                                                 Complaint.state.in_(BEFORE_PROCEEDING)),
                               due=False))
    return _recent_union(scope)


def _recent_union(scope: Scope) -> Any:
    """Cases with an audit event (not a mere access record) in the last RECENT_DAYS, with the
    time of the last one. The events are read once through their time index (a CTE, without a
    GROUP BY that would tempt the planner into walking the whole log in subject order)."""
    since = scope.now - timedelta(days=RECENT_DAYS)
    events = (select(AuditEvent.subject_type.label("type"), AuditEvent.subject_id.label("sid"),
                     AuditEvent.created_at.label("at"))
              .where(AuditEvent.created_at >= since, AuditEvent.subject_type.in_(list(MODELS)),
                     ~AuditEvent.action.startswith("access.")).cte("recent_events"))
    branches = []
    for kind, model in MODELS.items():
        branches.append(_keys(kind, scope.cases(kind), due=False, since=func.max(events.c.at))
                        .join(events, and_(events.c.type == kind, events.c.sid == model.id))
                        .group_by(model.id))
    return union_all(*branches)


def _running(scope: Scope) -> list[Any]:
    """Running, unsuspended deadlines of the user's cases."""
    return [Deadline.ended_on.is_(None), Deadline.suspended_since.is_(None),
            scope.owns_deadline()]


def _deadlines(name: str, scope: Scope) -> Select[Any]:
    """Running, unsuspended deadlines of the user's cases: due soon or overdue."""
    today = scope.asked.today
    when = (Deadline.due_on < today if name == "overdue" else
            and_(Deadline.due_on >= today,
                 Deadline.due_on <= today + timedelta(days=scope.soon_days)))
    return select(Deadline).where(when, *_running(scope))


def _count_all(session: DbSession, scope: Scope, names: tuple[str, ...]) -> dict[str, int]:
    """Every section's total in one statement; both deadline sections in one walk of the
    due-date index (everything due up to the end of the soon window)."""
    today = scope.asked.today
    due = (select(func.count().filter(Deadline.due_on < today).label("overdue"),
                  func.count().filter(Deadline.due_on >= today).label("due_soon"))
           .where(Deadline.due_on <= today + timedelta(days=scope.soon_days), *_running(scope))
           .subquery())
    counts = [(due.c[name] if name in DEADLINE_SECTIONS else
               select(func.count()).select_from(_case_union(name, scope, due=False).subquery())
               .scalar_subquery()) for name in names]
    return dict(zip(names, session.execute(select(*counts).select_from(due)).one(),
                    strict=True))


def _page_keys(session: DbSession, name: str, scope: Scope, page: int) -> list[Any]:
    """A case section's page of key rows, each with the section's total (`total`, a window
    count: the union is evaluated once for its page and its count)."""
    keys = _case_union(name, scope).subquery()
    order = ([keys.c.since.desc()] if name == "recent" else
             [keys.c.since] if name == "unassigned" else
             [keys.c.due.is_(None), keys.c.due, keys.c.since])
    return list(session.execute(select(keys, func.count().over().label("total"))
                                .order_by(*order, keys.c.kind, keys.c.id)
                                .limit(PER_PAGE).offset((page - 1) * PER_PAGE)))


def _counted_page(session: DbSession, section: Section, scope: Scope, asked_page: int
                  ) -> list[Any]:
    """The page of a section counted with its rows (WINDOWED): sets its total and page (a
    page past the end: the total from page 1, then the last page)."""
    rows = _page_keys(session, section.name, scope, asked_page)
    if not rows and asked_page > 1:
        first = _page_keys(session, section.name, scope, 1)
        section.total = first[0].total if first else 0
        section.page = section.pages
        return first if section.page == 1 else _page_keys(session, section.name, scope,
                                                           section.page)
    section.total, section.page = (rows[0].total if rows else 0), asked_page
    return rows


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


def _subject_key(deadline: Deadline) -> tuple[str, int]:
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
    scope = Scope(asked, now or datetime.now(UTC), soon_days,
                  probe_by_key=session.get_bind().dialect.name == "sqlite")
    names = sections_for(user.role)
    asked_pages = {n: max(1, (pages or {}).get(n, 1)) for n in names}
    totals = _count_all(session, scope, tuple(n for n in names if n not in WINDOWED))
    sections = {n: Section(n, totals.get(n, 0)) for n in names}
    for s in sections.values():
        s.page = min(asked_pages[s.name], s.pages)
    keyed = {n: (_counted_page(session, sections[n], scope, asked_pages[n]) if n in WINDOWED
                 else _page_keys(session, n, scope, sections[n].page) if sections[n].total
                 else []) for n in names if n in CASE_SECTIONS}
    due = {n: list(session.scalars(_deadlines(n, scope).order_by(Deadline.due_on, Deadline.id)
                                   .limit(PER_PAGE).offset((sections[n].page - 1) * PER_PAGE)))
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
    scope = Scope(Asked(someone, today, tables), datetime.now(UTC), 7)
    waiting = _case_union("waiting", scope, due=False)
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

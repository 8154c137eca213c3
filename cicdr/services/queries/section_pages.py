"""My work's SQL: each section's total and the keys of the page shown (services/queries/my_work.py
loads and shapes the rows).

An officer's sections read their own cases through indexes that start with them: complaints by
assignee and state, proceedings by instructor and state, referrals and deadlines by `owner_id`
(who has their case: services/engine/owners.py keeps it). One statement counts every section;
each section reads only its page:

- *waiting* and *assigned* sort their cases by the earliest running deadline, then by when the
  case began. Their page walks the officer's running deadlines in due order (one index range)
  and keeps each case's earliest one if the case belongs to the section, stopping at the page's
  last row: nothing is sorted but a page. The cases without a running deadline come after, by
  date; they are read only when a page reaches them.
- *due soon* and *overdue* are a range of the same index; *recent* starts from the audit log's
  time index; *unassigned* from the complaints' (assignee, state) index.

The president's and the commissioners' sections hold the whole office's cases, few of which
wait for them: a page there is the section's cases sorted (`sorted_page`). The statements are
built once per role and legal tables (`statements`), the user, the day and the page being
parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Date,
    DateTime,
    Integer,
    Select,
    and_,
    bindparam,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import aliased

from cicdr.models import AuditEvent, Complaint, Deadline, Proceeding, Referral
from cicdr.services.queries.role_actions import MODELS, Asked, waiting_condition
from workflows import workflow_for
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
BY_DEADLINE = ("waiting", "assigned")  # sorted by their cases' earliest running deadline
SINCE = {"complaint": Complaint.received_at, "proceeding": Proceeding.opened_at,
         "referral": Referral.drafted_at}
LINK = {"complaint": "complaint_id", "proceeding": "proceeding_id", "referral": "referral_id"}
OFFSET, LIMIT = bindparam("offset", type_=Integer), bindparam("limit", type_=Integer)
REACH = bindparam("reach", type_=Integer)  # offset + limit: how far each kind's walk goes


@dataclass(frozen=True)
class Scope:
    """Whose cases a section reads: the user's own (officers) or the office's. The statements
    are built once per role and legal tables (`statements`): the user, the day, the end of the
    soon window, the start of the recent one and each page's offset and length are parameters
    (`parameters`)."""

    asked: Asked
    until: Any = bindparam("until", type_=Date)  # the last day of the soon window
    recent_since: Any = bindparam("recent_since", type_=DateTime(timezone=True))

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
        return {"complaint": Complaint.assignee_id, "proceeding": Proceeding.instructor_id,
                "referral": Referral.owner_id}[kind] == self.user.id

    def deadlines(self, table: Any = Deadline) -> Any:
        """SQL condition on deadlines (or an alias): it runs on one of the user's cases."""
        return table.owner_id == self.user.id if self.own else true()


def sections_for(role: str) -> tuple[str, ...]:
    """The sections a role sees, in the page's order."""
    common = ("waiting", "due_soon", "overdue", "assigned", "recent")
    return (*common, "unassigned") if role == Role.OFFICER else common


def conditions(name: str, scope: Scope) -> dict[str, Any]:
    """A case section's SQL condition on each kind of case it holds."""
    uid = scope.user.id
    if name == "waiting":
        return {k: and_(scope.cases(k), waiting_condition(k, scope.asked)) for k in MODELS}
    if name == "assigned":
        open_p = Proceeding.state.not_in(sorted(workflow_for(Proceeding).terminal))
        return {"complaint": and_(Complaint.assignee_id == uid,
                                  Complaint.state.in_(OPEN_COMPLAINT)),
                "proceeding": and_(Proceeding.instructor_id == uid, open_p)}
    return {"complaint": and_(Complaint.assignee_id.is_(None),
                              Complaint.state.in_(BEFORE_PROCEEDING))}


def _earliest_due(kind: str) -> Any:
    """Correlated: the earliest running deadline of the case (None when none runs)."""
    link = getattr(Deadline, LINK[kind])
    return (select(func.min(Deadline.due_on))
            .where(link == MODELS[kind].id, Deadline.ended_on.is_(None)).scalar_subquery())


def _keys(kind: str, where: Any, *, due: Any = None, since: Any = None) -> Select[Any]:
    """One branch of a section's union: (kind, id, due date, sort timestamp)."""
    model = MODELS[kind]
    return select(literal_column(f"'{kind}'").label("kind"), model.id.label("id"),
                  (literal_column("NULL") if due is None else due).label("due"),
                  (SINCE[kind] if since is None else since).label("since")).where(where)


def case_union(name: str, scope: Scope, *, due: bool = False) -> Any:
    """The key rows of a case section (before ordering and paging); with each case's earliest
    running deadline when `due` (the office's pages, which sort them all)."""
    if name == "recent":
        return _recent_union(scope)
    return union_all(*(_keys(k, where, due=_earliest_due(k) if due else None)
                       for k, where in conditions(name, scope).items()))


def _recent_union(scope: Scope) -> Any:
    """Cases with an audit event (not a mere access record) in the last RECENT_DAYS, with the
    time of the last one. The events are read once through their time index (a CTE, without a
    GROUP BY that would tempt the planner into walking the whole log in subject order)."""
    events = (select(AuditEvent.subject_type.label("type"), AuditEvent.subject_id.label("sid"),
                     AuditEvent.created_at.label("at"))
              .where(AuditEvent.created_at >= scope.recent_since,
                     AuditEvent.subject_type.in_(list(MODELS)),
                     ~AuditEvent.action.startswith("access.")).cte("recent_events"))
    branches = []
    for kind, model in MODELS.items():
        branches.append(_keys(kind, scope.cases(kind), since=func.max(events.c.at))
                        .join(events, and_(events.c.type == kind, events.c.sid == model.id))
                        .group_by(model.id))
    return union_all(*branches)


def _running(scope: Scope) -> list[Any]:
    """Running, unsuspended deadlines of the user's cases."""
    return [Deadline.ended_on.is_(None), Deadline.suspended_since.is_(None), scope.deadlines()]


def deadline_page(name: str, scope: Scope) -> Any:
    """A page of running, unsuspended deadlines of the user's cases: due soon or overdue,
    with the key of the case each runs on."""
    today = scope.asked.today
    when = (Deadline.due_on < today if name == "overdue" else
            and_(Deadline.due_on >= today, Deadline.due_on <= scope.until))
    return (select(Deadline.id, Deadline.kind, Deadline.due_on, Deadline.complaint_id,
                   Deadline.proceeding_id, Deadline.referral_id)
            .where(when, *_running(scope)).order_by(Deadline.due_on, Deadline.id)
            .offset(OFFSET).limit(LIMIT))


def count_all(scope: Scope, names: tuple[str, ...]) -> Select[Any]:
    """Every section's total in one statement; both deadline sections in one walk of the
    due-date index (everything due up to the end of the soon window)."""
    today = scope.asked.today
    due = (select(func.count().filter(Deadline.due_on < today).label("overdue"),
                  func.count().filter(Deadline.due_on >= today).label("due_soon"))
           .where(Deadline.due_on <= scope.until, *_running(scope))
           .subquery())
    counts: list[Any] = []
    for name in names:
        if name in DEADLINE_SECTIONS:
            counts.append(due.c[name])
        elif name == "recent":
            counts.append(select(func.count()).select_from(_recent_union(scope).subquery())
                          .scalar_subquery())
        else:  # one count per kind: each an index range of the user's cases
            counts.append(sum((select(func.count()).select_from(MODELS[k]).where(where)
                               .scalar_subquery()
                               for k, where in conditions(name, scope).items()), literal(0)))
    return select(*(c.label(n) for c, n in zip(counts, names, strict=True))).select_from(due)


# -- the page of a section sorted by deadline --------------------------------------------------


def _walk(kind: str, where: Any, scope: Scope) -> Select[Any]:
    """The cases of one kind that have a running deadline, with the earliest: the user's
    running deadlines of that kind in due order (one range of the owner's index), each kept
    when no earlier one runs on its case and the case meets `where`. The case table is joined
    as itself (its conditions' correlated subqueries name it), alone in the FROM."""
    d, e = aliased(Deadline, name="d"), aliased(Deadline, name="e")
    model, link = MODELS[kind], LINK[kind]
    earlier = exists().where(getattr(e, link) == getattr(d, link), e.ended_on.is_(None),
                             or_(e.due_on < d.due_on, and_(e.due_on == d.due_on, e.id < d.id)))
    return (select(literal(kind).label("kind"), model.id.label("id"), d.due_on.label("due"),
                   SINCE[kind].label("since"))
            .select_from(d).join(model, model.id == getattr(d, link))
            .where(scope.deadlines(d), d.ended_on.is_(None), where, ~earlier))


def by_deadline(name: str, scope: Scope) -> Select[Any]:
    """A page of the section's cases that have a running deadline, earliest due first (then by
    when the case began): each kind's walk stops at the page's last row (`reach`: offset +
    limit), then the few rows are merged."""
    branches = []
    for kind, where in conditions(name, scope).items():
        walk = _walk(kind, where, scope)
        ordered = walk.order_by(walk.selected_columns.due, walk.selected_columns.since,
                                walk.selected_columns.id).limit(REACH).subquery()
        branches.append(select(*ordered.c))
    keys = union_all(*branches).subquery()
    return (select(keys).order_by(keys.c.due, keys.c.since, keys.c.kind, keys.c.id)
            .offset(OFFSET).limit(LIMIT))


def counted_by_deadline(name: str, scope: Scope) -> Select[Any]:
    """How many of the section's cases have a running deadline (a page past them needs it)."""
    return select(func.count()).select_from(union_all(
        *(_walk(k, where, scope) for k, where in conditions(name, scope).items())).subquery())


def without_deadline(name: str, scope: Scope) -> Select[Any]:
    """The section's cases without a running deadline, by when they began."""
    keys = union_all(*(_keys(k, and_(where, ~exists().where(
        getattr(Deadline, LINK[k]) == MODELS[k].id, Deadline.ended_on.is_(None))))
        for k, where in conditions(name, scope).items())).subquery()
    return select(keys).order_by(keys.c.since, keys.c.kind, keys.c.id).offset(OFFSET).limit(LIMIT)


def sorted_page(name: str, scope: Scope) -> Select[Any]:
    """A case section's page of key rows, all of them sorted: the office's sections, and
    *recent* and *unassigned* (whose rows are few, or come in their order from an index)."""
    keys = case_union(name, scope, due=name in BY_DEADLINE).subquery()
    order = ([keys.c.since.desc()] if name == "recent" else
             [keys.c.since] if name == "unassigned" else
             [keys.c.due.is_(None), keys.c.due, keys.c.since])
    return select(keys).order_by(*order, keys.c.kind, keys.c.id).offset(OFFSET).limit(LIMIT)


# -- the statements, built once per role and legal tables -------------------------------------


@dataclass(frozen=True)
class _Someone:
    """A user as the statements see them: the id is a parameter."""

    id: Any
    role: str


@dataclass
class Statements:
    """Every statement My work runs for a role (parameters: see `parameters`)."""

    tables: LegalTables
    count: Any
    sorted: dict[str, Any] = field(default_factory=dict)  # the office's, recent, unassigned
    by_deadline: dict[str, Any] = field(default_factory=dict)  # an officer's waiting, assigned
    counted_by_deadline: dict[str, Any] = field(default_factory=dict)
    without_deadline: dict[str, Any] = field(default_factory=dict)
    deadlines: dict[str, Any] = field(default_factory=dict)  # due soon, overdue


_BUILT: dict[str, Statements] = {}


def statements(role: str, tables: LegalTables) -> Statements:
    """My work's statements for `role` under `tables` (built on first use, and again when the
    legal tables change: building them costs more than running them)."""
    built = _BUILT.get(role)
    if built is not None and built.tables is tables:
        return built
    scope = Scope(Asked(_Someone(bindparam("me"), role), cast(date, bindparam("today", type_=Date)),
                        tables))
    names = sections_for(role)
    built = Statements(tables, count_all(scope, names))
    for name in names:
        if name in DEADLINE_SECTIONS:
            built.deadlines[name] = deadline_page(name, scope)
        elif scope.own and name in BY_DEADLINE:
            built.by_deadline[name] = by_deadline(name, scope)
            built.counted_by_deadline[name] = counted_by_deadline(name, scope)
            built.without_deadline[name] = without_deadline(name, scope)
        else:
            built.sorted[name] = sorted_page(name, scope)
    _BUILT[role] = built
    return built


def parameters(user_id: int, today: date, soon_days: int, now: datetime) -> dict[str, Any]:
    """The values of the statements' parameters (without a page's offset and limit)."""
    return {"me": user_id, "today": today, "until": today + timedelta(days=soon_days),
            "recent_since": now - timedelta(days=RECENT_DAYS)}

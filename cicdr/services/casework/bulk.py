"""Actions on many complaints at once: assign them to an officer; join them to a proceeding.

All or nothing. Every selected complaint is checked first (role, state, guards, and the version
the user saw); if any cannot take the action, nothing is changed and `Refused` lists every
refused complaint with its reason, so the user can drop those and try again. Only then is the
trigger fired on each, through `workflow.apply` (its lock, version check, effects and audit
event), all in one transaction; should anything still fail there (someone changed a complaint
in between), the whole transaction is rolled back and that complaint is reported.

Complaints are handled in id order, so two bulk actions over overlapping selections lock rows
in the same order and cannot deadlock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from cicdr.models import Complaint, Proceeding, User
from cicdr.services.core.errors import Conflict, InvalidData, ServiceError, TransitionDenied
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession, record_id
from cicdr.services.engine.checks import joinable, staff_member
from cicdr.services.engine.transition import apply, versioned_write
from workflows import workflow_for
from workflows.spec import Context, Role
from workflows.tables import LegalTables
from workflows.text import N_

MAX_SELECTED = 500


@dataclass(frozen=True)
class Refusal:
    """One complaint that cannot take the action, and why."""

    reference: str
    reason: str


class Refused(ServiceError):
    """Some selected complaints cannot take the action: nothing was changed."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        super().__init__(N_("Nothing was changed: %(n)s of the selected complaints cannot take "
                            "this action.", n=len(refusals)))


def load_complaints(session: DbSession, ids: Iterable[int | str]) -> list[Complaint]:
    """The selected complaints by id, oldest first; InvalidData when none or too many."""
    wanted = sorted({n for i in ids if (n := record_id(i)) is not None})
    if not wanted:
        raise InvalidData({"ids": N_("Select at least one complaint.")})
    if len(wanted) > MAX_SELECTED:
        raise InvalidData({"ids": N_("Select at most %(MAX_SELECTED)s complaints at once.",
                                     MAX_SELECTED=MAX_SELECTED)})
    found = list(session.scalars(select(Complaint).where(Complaint.id.in_(wanted))
                                 .order_by(Complaint.id)))
    if len(found) != len(wanted):
        raise InvalidData({"ids": N_("Some selected complaints no longer exist; reload the list.")})
    return found


def _check(complaints: list[Complaint], trigger: str, actor: Any, today: date,
           versions: Mapping[int, int] | None, tables: LegalTables) -> list[Refusal]:
    refusals = []
    for c in complaints:
        seen = (versions or {}).get(c.id)
        if seen is not None and seen != c.version:
            refusals.append(Refusal(c.reference, N_("It was changed by someone else since the "
                                                    "list was loaded: reload the list.")))
            continue
        ctx = Context(subject=c, actor=actor, today=today, tables=tables)
        reason = workflow_for(c).blocked_reason(c, actor, trigger, ctx)
        if reason is not None:
            refusals.append(Refusal(c.reference, reason))
    return refusals


def _run(session: DbSession, complaints: list[Complaint], trigger: str, actor: Any,
         today: date, versions: Mapping[int, int] | None,
         data_for: Callable[[Complaint], dict[str, Any]], *,
         confirmation: str | None = None) -> None:
    """Check all, then fire on each in one transaction; commit, or roll back and raise.
    `confirmation`: the consequence the person confirmed (recorded on each event)."""
    tables = current_tables(session)  # one value for the checks and every firing
    refusals = _check(complaints, trigger, actor, today, versions, tables)
    if refusals:
        session.rollback()
        raise Refused(refusals)
    if not complaints:
        return
    current = None
    try:
        with versioned_write(session, complaints[0]):  # commits, or rolls back and raises
            for current in complaints:
                apply(session, current, trigger, actor, today=today, tables=tables,
                      expected_version=(versions or {}).get(current.id),
                      data=data_for(current), confirmation=confirmation)
    except (TransitionDenied, InvalidData, Conflict) as exc:
        reason = (exc.reason if isinstance(exc, TransitionDenied) else
                  " ".join(exc.errors.values()) if isinstance(exc, InvalidData) else
                  N_("It was changed by someone else in the meantime: reload the list."))
        raise Refused([Refusal(current.reference if current else "?", reason)]) from exc


def _officer(session: DbSession, user_id: Any, field: str, what: str) -> User:
    number = record_id(user_id)
    user = staff_member(session, number, Role.OFFICER) if number is not None else None
    if user is None:
        raise InvalidData({field: N_("Choose an active officer as %(what)s.", what=what)})
    return user


def assign_complaints(session: DbSession, complaints: list[Complaint], actor: Any, *,
                      assignee_id: Any, versions: Mapping[int, int] | None = None,
                      today: date | None = None) -> User:
    """Assign (or transfer) every complaint to one officer, firing `assign` on each."""
    assignee = _officer(session, assignee_id, "assignee", "assignee")
    ordered = sorted(complaints, key=lambda c: c.id)
    _run(session, ordered, "assign", actor, today or date.today(), versions,
         lambda _c: {"assignee": assignee.id})
    return assignee


def _open_proceeding(session: DbSession, reference: str) -> Proceeding:
    ref = reference.strip().upper()
    found = joinable(session, ref)
    if found is None:
        raise InvalidData({"proceeding": N_("There is no proceeding %(ref)s open for joining "
                                            "(opened or in instruction).", ref=ref)})
    return found


@dataclass(frozen=True)
class JoinPlan:
    """What a join would do, once checked: the complaints (oldest first), and the proceeding
    they join (its reference) or the instructor of the new one they open."""

    complaints: list[Complaint]
    proceeding: str | None
    instructor: User | None


def plan_join(session: DbSession, complaints: list[Complaint], actor: Any, *,
              proceeding_ref: str | None = None, instructor_id: Any = None,
              today: date | None = None,
              versions: Mapping[int, int] | None = None) -> JoinPlan:
    """Everything `join_into_proceeding` checks before it fires, changing nothing: the plan,
    or InvalidData (the proceeding or instructor) / Refused (the complaints that cannot join,
    each with its reason). What the confirmation page shows."""
    if bool(proceeding_ref and proceeding_ref.strip()) == bool(instructor_id):
        raise InvalidData({"proceeding": N_("Give either an existing proceeding to join or the "
                                            "instructor of a new one (not both).")})
    joined = _open_proceeding(session, proceeding_ref).reference if proceeding_ref else None
    instructor = None if proceeding_ref else _officer(session, instructor_id, "instructor",
                                                     "instructor")
    ordered = sorted(complaints, key=lambda c: c.id)
    refusals = _check(ordered, "open_proceeding", actor, today or date.today(), versions,
                      current_tables(session))
    if refusals:
        session.rollback()
        raise Refused(refusals)
    return JoinPlan(ordered, joined, instructor)


def join_into_proceeding(session: DbSession, complaints: list[Complaint], actor: Any, *,
                         proceeding_ref: str | None = None, instructor_id: Any = None,
                         today: date | None = None,
                         versions: Mapping[int, int] | None = None,
                         confirmation: str | None = None) -> Proceeding:
    """Attach every complaint to one proceeding through `open_proceeding`, and commit.

    With `proceeding_ref`, they join that existing proceeding (opened or in instruction).
    Otherwise a new proceeding is opened with `instructor_id` as its instructor: the oldest
    complaint opens it and the others join it. All or nothing (`Refused`). `confirmation`:
    the consequence the person confirmed, recorded on each complaint's event.
    """
    plan = plan_join(session, complaints, actor, proceeding_ref=proceeding_ref,
                     instructor_id=instructor_id, today=today, versions=versions)
    ordered = plan.complaints

    def data_for(c: Complaint) -> dict[str, Any]:
        if plan.proceeding is not None:
            return {"proceeding": plan.proceeding}
        if c is ordered[0]:  # the oldest opens the new proceeding; the others join it
            assert plan.instructor is not None
            return {"instructor": plan.instructor.id}
        assert ordered[0].proceeding is not None
        return {"proceeding": ordered[0].proceeding.reference}

    _run(session, ordered, "open_proceeding", actor, today or date.today(), versions, data_for,
         confirmation=confirmation)
    proceeding = ordered[0].proceeding
    assert proceeding is not None
    return proceeding

"""Checks of a trigger's data that need the database, run before the machine moves.

`transition.apply` hands `for_trigger(...)` to `Workflow.fire` as its `check`. The workflow runs
it after the role, state, field and declared cross-field checks and before any state change, so
a refusal (InvalidData per field) leaves the case, its version and the audit log as they were;
the effects (`effects.py`) may then rely on the data and never fail after the state moved.
Checks that need no database belong in the workflow declaration (`check_data`) instead.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import select

from cicdr.models import Complaint, Proceeding, User
from cicdr.services.core.types import DbSession
from cicdr.services.engine.effects import sendable_files
from workflows.labels import both
from workflows.proceeding import OPEN_FOR_JOINING
from workflows.spec import Context, DataCheck, Role
from workflows.text import N_, Msg, join

Check = Callable[[DbSession, Context], dict[str, str]]
CHECKS: dict[tuple[str, str], Check] = {}
# What an accusation must state that only the instructor can write (RGCO art. 50): the
# respondent's texts (ProceedingRespondent columns) and how a refusal names them.
ACCUSATION_TEXTS: dict[str, Msg] = {"facts_charged": N_("facts charged"),
                                    "norms": N_("norms violated")}
LARGEST_ID = 2**31 - 1  # an integer column: a larger id is no row (and PostgreSQL refuses it)


def check(workflow: str, *triggers: str) -> Callable[[Check], Check]:
    """Register the decorated function as the database check of these triggers."""
    def register(fn: Check) -> Check:
        for name in triggers:
            CHECKS[(workflow, name)] = fn
        return fn
    return register


def for_trigger(session: DbSession, workflow: str, trigger: str) -> DataCheck | None:
    """The check of this trigger bound to the session, or None when it needs none."""
    fn = CHECKS.get((workflow, trigger))
    return partial(fn, session) if fn is not None else None


def staff_member(session: DbSession, user_id: Any, role: str) -> User | None:
    """The active user with this id and role, or None."""
    if not isinstance(user_id, int) or not 0 < user_id <= LARGEST_ID:
        return None
    user = session.get(User, user_id)
    return user if user is not None and user.active and user.role == role else None


def missing_accusation(respondent: Any) -> list[str]:
    """The accusation's texts not yet written for this respondent (field names)."""
    return [name for name in ACCUSATION_TEXTS if not (getattr(respondent, name) or "").strip()]


def joinable(session: DbSession, reference: str) -> Proceeding | None:
    """The proceeding with this reference if complaints may still join it, else None."""
    found = session.scalar(select(Proceeding).where(
        Proceeding.reference == reference.strip().upper()))
    return found if found is not None and found.state in OPEN_FOR_JOINING else None


def _officer(session: DbSession, user_id: Any, field: str) -> dict[str, str]:
    if staff_member(session, user_id, Role.OFFICER) is None:
        return {field: N_("Choose an active officer.")}
    return {}


@check("complaint", "assign")
def _assignee(session: DbSession, c: Context) -> dict[str, str]:
    return _officer(session, c.data["assignee"], "assignee")


@check("proceeding", "transfer")
def _instructor(session: DbSession, c: Context) -> dict[str, str]:
    return _officer(session, c.data["instructor"], "instructor")


@check("complaint", "open_proceeding")
def _proceeding(session: DbSession, c: Context) -> dict[str, str]:
    """Join an open proceeding, or open one instructed by an active officer."""
    reference = c.data.get("proceeding")
    if not reference:
        return _officer(session, c.data.get("instructor"), "instructor")
    if joinable(session, reference) is None:
        ref = reference.strip().upper()
        return {"proceeding": N_("No open proceeding %(ref)s in instruction to join.", ref=ref)}
    return {}


@check("complaint", "archive")
def _duplicated(session: DbSession, c: Context) -> dict[str, str]:
    """A duplicate names another complaint that exists (the one it is joined to)."""
    ref = str(c.data["duplicate_of"]).strip().upper()
    if ref == c.subject.reference:
        return {"duplicate_of": N_("Name the other complaint, not this one.")}
    if session.scalar(select(Complaint.id).where(Complaint.reference == ref)) is None:
        return {"duplicate_of": N_("There is no complaint %(ref)s.", ref=ref)}
    return {}


@check("referral", "send")
def _documents(session: DbSession, c: Context) -> dict[str, str]:
    """A referral carries only files of its own case."""
    known = {a.id for a in sendable_files(session, c.subject)}
    if any(i not in known for i in c.data.get("documents") or ()):
        return {"documents": N_("Choose documents of this case from the list.")}
    return {}


@check("proceeding", "notify_accusation")
def _accusation_written(session: DbSession, c: Context) -> dict[str, str]:
    """An accusation is notified only once the instructor wrote its facts charged and norms
    for the respondent it is notified to (the `respondent` field, a ProceedingRespondent id),
    or, without that field, for every respondent of the proceeding."""
    wanted = c.data.get("respondent")
    respondents = list(c.subject.respondents)
    if wanted not in (None, ""):
        respondents = [r for r in respondents if str(r.id) == str(wanted)]
        if not respondents:
            return {"respondent": N_("Choose a respondent of this proceeding.")}
    if not respondents:
        return {"notified_on": N_("The proceeding has no respondent to accuse.")}
    lacking = [N_("%(name)s (%(texts)s)", name=r.name,
                  texts=both(ACCUSATION_TEXTS[n] for n in missing))
               for r in respondents if (missing := missing_accusation(r))]
    if not lacking:
        return {}
    field = "respondent" if wanted not in (None, "") else "notified_on"
    return {field: N_("Write the accusation's facts charged and norms violated on the proceeding "
                      "page before notifying it; missing for %(lacking)s.",
                      lacking=join(lacking, "; "))}

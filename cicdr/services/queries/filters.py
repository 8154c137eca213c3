"""The filters of the case lists, read from a query string and checked value by value.

`parse_filters` turns the strings of a list URL (`?state=triage&district=lisboa&overdue=1`)
into a `Filters`, or raises InvalidData naming every field that is not understood, with a
message the page shows next to it: a bad date or an unknown state is a message, never a 500.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cicdr.models import User
from cicdr.services.casework.referrals import PURPOSES
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession, record_id, whole_number
from workflows import workflows
from workflows.labels import label
from workflows.spec import Role
from workflows.tables import LegalTables
from workflows.text import N_, Msg

WORKFLOW = {"complaints": "complaint", "proceedings": "proceeding", "referrals": "referral"}
SORTS = ("date", "reference", "state")
TRUE = ("1", "on", "yes", "true")
MAX_QUERY = 200
MAX_DAYS = 3650
# Which query-string names each list understands (others, such as `page`, are left alone).
NAMES = {
    "complaints": ("state", "q", "context", "ground", "district", "police", "assignee",
                   "received_from", "received_to", "overdue", "sort", "dir"),
    "proceedings": ("state", "q", "instructor", "opened_from", "opened_to", "overdue",
                    "prescription_within", "sort", "dir"),
    "referrals": ("state", "q", "body", "purpose", "overdue", "awaiting", "sort", "dir"),
}


@dataclass(frozen=True)
class Filters:
    """What a list shows: the checked values, and the strings they came from (for links)."""

    kind: str
    state: str | None = None
    q: str = ""
    context: str | None = None
    ground: str | None = None
    district: str | None = None
    police: bool | None = None  # None: either way
    assignee: int | None = None
    unassigned: bool = False
    date_from: date | None = None  # received (complaints) or opened (proceedings)
    date_to: date | None = None
    overdue: bool = False
    instructor: int | None = None
    prescription_within: int | None = None
    body: str | None = None
    purpose: str | None = None
    awaiting: bool = False
    sort: str = "date"
    descending: bool = True
    args: dict[str, str] = field(default_factory=dict)  # the non-empty strings, as typed


def states(kind: str) -> list[str]:
    """The state codes of a list's workflow, in workflow order."""
    return [s.value for s in workflows()[WORKFLOW[kind]].states]


def _choice(value: str, allowed: tuple[str, ...] | list[str], what: Msg) -> str:
    if value not in allowed:
        raise ValueError(N_("Unknown %(what)s “%(value)s”: choose one from the list.", what=what,
                            value=value))
    return value


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(N_("“%(value)s” is not a date: write it as YYYY-MM-DD.",
                            value=value)) from None


def _flag(value: str) -> bool:
    if value.lower() not in TRUE:
        raise ValueError(N_("Tick the box or leave it empty."))
    return True


def _staff(session: DbSession, value: str, me: int | None, role: str) -> int:
    if value == "me" and me is not None:
        return me
    number = record_id(value)
    user = session.get(User, number) if number is not None else None
    if user is None or user.role != role:
        raise ValueError(N_("Choose %(who)s from the list.", who=label("role_phrase", role)))
    return user.id


def _days(value: str) -> int:
    if whole_number(value, MAX_DAYS) is None:
        raise ValueError(N_("Give a number of days from 0 to %(most)s.", most=MAX_DAYS))
    return int(value)


def _query(value: str) -> str:
    if len(value) > MAX_QUERY:
        raise ValueError(N_("Search for at most %(most)s characters.", most=MAX_QUERY))
    return value


def _reader(session: DbSession, kind: str, me: int | None,
            tables: LegalTables | None = None) -> dict[str, Any]:
    """For each name, the function that turns its string into (field, value)."""
    codes = (tables or current_tables(session)).codes
    return {
        "state": lambda v: ("state", _choice(v, states(kind), N_("state"))),
        "q": lambda v: ("q", _query(v)),
        "context": lambda v: ("context", _choice(v, codes("context"), N_("context"))),
        "ground": lambda v: ("ground", _choice(v, codes("ground"), N_("ground"))),
        "district": lambda v: ("district", _choice(v, codes("district"), N_("district"))),
        "police": lambda v: ("police", _choice(v, ("yes", "no"), N_("choice")) == "yes"),
        "assignee": lambda v: (("unassigned", True) if v == "unassigned" else
                               ("assignee", _staff(session, v, me, Role.OFFICER))),
        "instructor": lambda v: ("instructor", _staff(session, v, me, Role.OFFICER)),
        "received_from": lambda v: ("date_from", _day(v)),
        "received_to": lambda v: ("date_to", _day(v)),
        "opened_from": lambda v: ("date_from", _day(v)),
        "opened_to": lambda v: ("date_to", _day(v)),
        "overdue": lambda v: ("overdue", _flag(v)),
        "awaiting": lambda v: ("awaiting", _flag(v)),
        "prescription_within": lambda v: ("prescription_within", _days(v)),
        "body": lambda v: ("body", _choice(v, codes("body"), N_("body"))),
        "purpose": lambda v: ("purpose", _choice(v, PURPOSES, N_("purpose"))),
        "sort": lambda v: ("sort", _choice(v, SORTS, N_("sort order"))),
        "dir": lambda v: ("descending", _choice(v, ("asc", "desc"), N_("direction")) == "desc"),
    }


def parse_filters(session: DbSession, kind: str, args: Mapping[str, str], *,
                  me: int | None = None, tables: LegalTables | None = None) -> Filters:
    """The filters of a list from its query string; InvalidData names each bad value.

    `me` is the signed-in user's id, for `assignee=me` and `instructor=me`; `tables`, the legal
    tables the caller already holds (else read).
    """
    readers = _reader(session, kind, me, tables)
    values: dict[str, Any] = {}
    raw: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in NAMES[kind]:
        value = (args.get(name) or "").strip()
        if not value:
            continue
        raw[name] = value
        try:
            key, parsed = readers[name](value)
            values[key] = parsed
        except ValueError as exc:
            errors[name] = exc.args[0] if exc.args else str(exc)
    start, end = values.get("date_from"), values.get("date_to")
    if start and end and end < start:
        errors[f"{'received' if kind == 'complaints' else 'opened'}_to"] = \
            N_("The end date is before the start date.")
    if errors:
        raise InvalidData(errors)
    return Filters(kind=kind, args=raw, **values)

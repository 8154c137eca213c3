"""The administrator's changes to reference data: validated, audited, one transaction each.

Each change writes one audit event (subject `reference`, action `update_reference`, the old and
new values) and bumps `settings_version` in the same transaction as the change, so every
process reloads the legal core on its next request (`cicdr.services.core.legal_tables`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from sqlalchemy import exists, func, select

from cicdr.models import (
    ClosureDay,
    Complaint,
    ComplaintGround,
    IasValue,
    Party,
    ProceedingRespondent,
    Referral,
    Setting,
    VocabularyTerm,
)
from cicdr.services import audit
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.legal_tables import (
    CARNIVAL,
    DEADLINE_PREFIX,
    LISBON,
    CalendarDefaults,
    bump_version,
    calendar_options,
    current_tables,
    deadline_overrides,
    read_settings,
)
from cicdr.services.core.types import DbSession, whole_number
from workflows import deadlines, referral
from workflows.calendar import holidays_for
from workflows.text import N_
from workflows.vocabularies import CANONICAL

T = TypeVar("T")
CODE = re.compile(r"[a-z0-9_]+")
# Where each vocabulary's codes are stored: a code must fit every column, and a term that
# records use cannot be deleted.
USED_IN: dict[str, tuple[Any, ...]] = {
    "ground": (ComplaintGround.ground,), "origin": (Complaint.origin,),
    "channel": (Complaint.channel,), "context": (Complaint.context,),
    "practice": (Complaint.practice,), "district": (Complaint.district,),
    "respondent_kind": (Party.kind, ProceedingRespondent.kind),
    "security_force": (Party.security_force,), "sex": (Party.sex, Complaint.victim_sex),
    "victim_kind": (Party.victim_kind, Complaint.victim_kind),
    "expression": (Complaint.expression,), "archive_reason": (Complaint.archive_reason,),
    "body": (Referral.body,),
}
# Code lists the law or a workflow fixes: their labels and order may change, the list may not.
FIXED = {"practice": N_("the law (Lei 93/2017 art. 4(2)) lists the practices"),
         "origin": N_("the law names the three ways a complaint arrives"),
         "respondent_kind": N_("the police guard of the complaint workflow depends on them"),
         "archive_reason": N_("the complaint workflow offers exactly these reasons"),
         "body": N_("the referral workflow knows exactly these bodies")}
# A code the application itself writes cannot be switched off.
REQUIRED = {("channel", "online"):
            N_("the public complaint form records its complaints with it")}
YEARS = (2000, 2100)
MAX_IAS = Decimal("99999999.99")  # Numeric(10, 2)


def _change(session: DbSession, actor: Any, ref: str, data: dict[str, Any],
            apply: Callable[[], T]) -> T:
    """Apply, audit and bump the version in one transaction; commit or roll back."""
    try:
        result = apply()
        session.flush()
        audit.record(session, subject_type="reference", subject_id=None, subject_ref=ref,
                     actor=actor, action="update_reference", data=data)
        bump_version(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return result


def code_max_length(vocabulary: str) -> int:
    """The longest code every column storing this vocabulary can hold."""
    return min([60, *(c.type.length for c in USED_IN.get(vocabulary, ()))])


def _term(session: DbSession, vocabulary: str, code: str) -> VocabularyTerm:
    term = session.get(VocabularyTerm, (vocabulary, code))
    if term is None:
        raise InvalidData({"code": N_("%(vocabulary)s has no code %(code)r.",
                                      vocabulary=vocabulary, code=code)})
    return term


def _label_error(label: str) -> str | None:
    if not label.strip():
        return N_("Enter a label.")
    return N_("Use at most 200 characters.") if len(label.strip()) > 200 else None


def add_term(session: DbSession, actor: Any, vocabulary: str, code: str,
             label: str) -> VocabularyTerm:
    """Add a code to a vocabulary, after every existing one; commits."""
    code = code.strip()
    errors: dict[str, str] = {}
    if vocabulary in FIXED:
        errors["code"] = N_("No code can be added to %(vocabulary)s: %(why)s.",
                            vocabulary=vocabulary, why=FIXED[vocabulary])
    elif not CODE.fullmatch(code):
        errors["code"] = N_("Use lowercase letters a-z, digits and _ only (for example: "
                            "roma_origin).")
    elif len(code) > code_max_length(vocabulary):
        errors["code"] = N_("Use at most %(value)s characters.", value=code_max_length(vocabulary))
    elif session.get(VocabularyTerm, (vocabulary, code)) is not None:
        errors["code"] = N_("%(vocabulary)s already has the code %(code)r.",
                            vocabulary=vocabulary, code=code)
    if (problem := _label_error(label)) is not None:
        errors["label"] = problem
    if errors:
        raise InvalidData(errors)
    last = session.scalar(select(func.max(VocabularyTerm.position))
                          .where(VocabularyTerm.vocabulary == vocabulary))
    term = VocabularyTerm(vocabulary=vocabulary, code=code, label=label.strip(),
                          position=(last or 0) + 1, active=True,
                          oversight_body="other" if vocabulary == "security_force" else None)
    data = {"vocabulary": vocabulary, "code": code,
            "changes": {"label": {"old": None, "new": term.label},
                        "active": {"old": None, "new": True}}}

    def apply() -> VocabularyTerm:
        session.add(term)
        return term

    return _change(session, actor, vocabulary, data, apply)


def _term_changes(term: VocabularyTerm, label: str, position: str, active: bool,
                  oversight_body: str | None) -> dict[str, dict[str, Any]]:
    errors: dict[str, str] = {}
    if (problem := _label_error(label)) is not None:
        errors["label"] = problem
    if whole_number(position, 9999) is None:
        errors["position"] = N_("Enter a whole number from 0 to 9999 (lower comes first).")
    if not active and term.vocabulary in FIXED:
        errors["active"] = N_("%(code)s cannot be deactivated: %(why)s.",
                              code=term.code, why=FIXED[term.vocabulary])
    if not active and (reason := REQUIRED.get((term.vocabulary, term.code))):
        errors["active"] = N_("%(code)s cannot be deactivated: %(reason)s.",
                              code=term.code, reason=reason)
    if term.vocabulary == "security_force" and oversight_body not in referral.BODIES:
        errors["oversight_body"] = N_("Choose one of: %(choices)s.",
                                      choices=", ".join(referral.BODIES))
    if errors:
        raise InvalidData(errors)
    new = {"label": label.strip(), "position": int(position), "active": active}
    if term.vocabulary == "security_force":
        new["oversight_body"] = oversight_body
    return {k: {"old": getattr(term, k), "new": v} for k, v in new.items()
            if getattr(term, k) != v}


def _move(session: DbSession, term: VocabularyTerm, place: int) -> None:
    """Put `term` at `place` in its vocabulary's order and number the others 0, 1, 2... around
    it, so the order shown is always the order typed (no ties)."""
    others = [t for t in session.scalars(select(VocabularyTerm).where(
        VocabularyTerm.vocabulary == term.vocabulary).order_by(VocabularyTerm.position,
                                                               VocabularyTerm.code))
              if t.code != term.code]
    others.insert(min(place, len(others)), term)
    for position, t in enumerate(others):
        t.position = position


def update_term(session: DbSession, actor: Any, vocabulary: str, code: str, *, label: str,
                position: str, active: bool, oversight_body: str | None = None) -> bool:
    """Relabel, reorder, (de)activate a term, or set a force's oversight body; commits.

    Returns False when nothing changed (nothing is recorded then)."""
    term = _term(session, vocabulary, code)
    changes = _term_changes(term, label, position, active, oversight_body)
    if not changes:
        return False

    def apply() -> bool:
        for field, change in changes.items():
            if field != "position":
                setattr(term, field, change["new"])
        if "position" in changes:
            _move(session, term, changes["position"]["new"])
        return True

    return _change(session, actor, vocabulary,
                   {"vocabulary": vocabulary, "code": code, "changes": changes}, apply)


def delete_term(session: DbSession, actor: Any, vocabulary: str, code: str) -> None:
    """Delete a code an administrator added by mistake, if no record uses it; commits.

    Codes of domain.md are never deleted (deactivate them instead)."""
    term = _term(session, vocabulary, code)
    if code in CANONICAL.get(vocabulary, frozenset()):
        raise InvalidData({"code": N_("%(code)s is a code of the domain model: it cannot be "
                                      "deleted, only relabelled or deactivated.", code=code)})
    if any(session.scalar(select(exists().where(c == code))) for c in USED_IN.get(vocabulary,
                                                                                   ())):
        raise InvalidData({"code": N_("Records use %(code)s: deactivate it instead.", code=code)})
    data = {"vocabulary": vocabulary, "code": code,
            "changes": {"label": {"old": term.label, "new": None}}}
    _change(session, actor, vocabulary, data, lambda: session.delete(term))


def _ias_input(year: str, amount: str) -> tuple[int, Decimal]:
    errors: dict[str, str] = {}
    low, high = YEARS
    if not low <= (whole_number(year) or -1) <= high:
        errors["year"] = N_("Enter a year from %(low)s to %(high)s.", low=low, high=high)
    try:
        value = Decimal(amount.strip().replace(",", "."))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value <= 0 or value > MAX_IAS:
        errors["amount"] = N_("Enter an amount in euros greater than 0, for example 537.13.")
    elif value != value.quantize(Decimal("0.01")):
        errors["amount"] = N_("Use at most 2 decimal places (euros and cents).")
    if errors:
        raise InvalidData(errors)
    return int(year), value.quantize(Decimal("0.01"))


def save_ias(session: DbSession, actor: Any, year: str, amount: str) -> bool:
    """Add the IAS of a year or correct it; commits. False when it already had that value."""
    number, value = _ias_input(year, amount)
    row = session.get(IasValue, number)
    if row is not None and row.amount == value:
        return False
    data = {"year": number, "changes": {"amount": {"old": row.amount if row else None,
                                                   "new": value}}}

    def apply() -> bool:
        if row is None:
            session.add(IasValue(year=number, amount=value))
        else:
            row.amount = value
        return True

    return _change(session, actor, "ias", data, apply)


def _put(session: DbSession, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=json.dumps(value, sort_keys=True)))
    else:
        row.value = json.dumps(value, sort_keys=True)


def save_calendar(session: DbSession, actor: Any, defaults: CalendarDefaults, *,
                  carnival: bool, lisbon: bool) -> bool:
    """Store the holiday options (they override CICDR_CARNIVAL / CICDR_LISBON_HOLIDAY)."""
    old = calendar_options(read_settings(session), defaults)
    changes = {name: {"old": was, "new": now} for name, was, now in
               (("carnival", old[0], carnival), ("lisbon", old[1], lisbon)) if was != now}
    if not changes:
        return False

    def apply() -> bool:
        _put(session, CARNIVAL, carnival)
        _put(session, LISBON, lisbon)
        return True

    return _change(session, actor, "calendar", {"changes": changes}, apply)


def save_deadline(session: DbSession, actor: Any, kind: str, length: str,
                  counting: str) -> bool:
    """Change a deadline kind's length and counting (validated by the legal core); commits."""
    if kind not in deadlines.DEFAULT_RULES:
        raise InvalidData({"kind": N_("Choose a deadline from the table.")})
    stored = deadline_overrides(read_settings(session)).get(kind)
    current = deadlines.DEFAULT_RULES[kind]
    if stored is not None:
        current = deadlines.validated_rule(kind, length=stored[0], counting=stored[1],
                                           base=current)
    if whole_number(length) is None:
        raise InvalidData({"length": N_("Enter a whole number of %(unit)s greater than 0.",
                                        unit=current.unit)})
    try:
        new = deadlines.validated_rule(kind, length=int(length), counting=counting,  # type: ignore[arg-type]
                                       base=current)
    except ValueError as exc:
        message = str(exc)
        field = "counting" if "counting" in message or "counted in" in message else "length"
        raise InvalidData({field: message}) from exc
    changes = {name: {"old": getattr(current, name), "new": getattr(new, name)}
               for name in ("length", "counting") if getattr(current, name) != getattr(new, name)}
    if not changes:
        return False

    def apply() -> bool:
        _put(session, DEADLINE_PREFIX + kind, {"length": new.length, "counting": new.counting})
        return True

    return _change(session, actor, "deadline", {"kind": kind, "changes": changes}, apply)


WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
            N_("Saturday"), N_("Sunday"))


def _closure_input(session: DbSession, day: str, reason: str) -> tuple[date, str]:
    """The day and reason of a new closure day, or InvalidData saying what to fix."""
    errors: dict[str, str] = {}
    low, high = YEARS
    try:
        when: date | None = date.fromisoformat(day.strip())
    except ValueError:
        when = None
    if when is None or not low <= when.year <= high:
        errors["day"] = N_("Enter a date from %(low)s to %(high)s as YYYY-MM-DD.", low=low,
                            high=high)
    elif when.weekday() >= 5:
        errors["day"] = N_("%(day)s is a %(weekday)s: not a working day.", day=f"{when:%Y-%m-%d}",
                            weekday=WEEKDAYS[when.weekday()])
    elif when in holidays_for(when.year, tables=current_tables(session)):
        errors["day"] = N_("%(day)s is already a holiday.", day=f"{when:%Y-%m-%d}")
    elif session.get(ClosureDay, when) is not None:
        errors["day"] = N_("%(day)s is already a closure day.", day=f"{when:%Y-%m-%d}")
    why = reason.strip()
    if not why:
        errors["reason"] = N_("Enter the reason (for example, the order that declares it).")
    elif len(why) > 200 or "\x00" in why:
        errors["reason"] = N_("Use at most 200 characters, without control characters.")
    if errors or when is None:
        raise InvalidData(errors)
    return when, why


def add_closure_day(session: DbSession, actor: Any, day: str, reason: str) -> ClosureDay:
    """Declare a one-off closure day (a non-working day for deadlines); commits."""
    when, why = _closure_input(session, day, reason)
    row = ClosureDay(day=when, reason=why)
    data = {"day": when, "changes": {"reason": {"old": None, "new": why}}}

    def apply() -> ClosureDay:
        session.add(row)
        return row

    return _change(session, actor, "closure_days", data, apply)


def delete_closure_day(session: DbSession, actor: Any, day: str) -> None:
    """Withdraw a closure day entered by mistake; commits. Due dates already computed stay."""
    try:
        row = session.get(ClosureDay, date.fromisoformat(day.strip()))
    except ValueError:
        row = None
    if row is None:
        raise InvalidData({"day": N_("%(day)s is not a closure day.", day=day)})
    data = {"day": row.day, "changes": {"reason": {"old": row.reason, "new": None}}}
    _change(session, actor, "closure_days", data, lambda: session.delete(row))

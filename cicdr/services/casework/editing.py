"""Staff corrections and classification of a case's facts, audited field by field.

Triage classifies a complaint (context, practice, grounds, place, respondents' kind); instruction
may correct a respondent (arguido) or record negligence, which changes the fine's bounds and the
prescription period. None of this changes a workflow state, so it does not go through `fire`, but
it follows the same rules: lock the row, check the version the user saw, write one audit event
with each field's old and new value (`{"changes": {field: {"old": ..., "new": ...}}}`) in the
same transaction, commit; roll back on any error. The commit goes through
`workflow.versioned_write`, like `fire`'s, so a stale write is a Conflict, never a server error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm.attributes import flag_modified

from cicdr.models import Complaint, ComplaintGround, Party, Proceeding, ProceedingRespondent
from cicdr.services import audit
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.engine.transition import describe, lock, versioned_write
from workflows.spec import Role
from workflows.tables import LegalTables
from workflows.text import N_
from workflows.vocabularies import POLICE_KINDS

EDITORS = (Role.OFFICER, Role.PRESIDENT)
FINISHED_COMPLAINT = ("archived", "closed")
# After the decision the respondents are what the Commission decided about: no more edits.
EDITABLE_PROCEEDING = ("opened", "instruction", "suspended_at_prosecutor", "awaiting_defence",
                       "report", "awaiting_decision")
RESPONDENT_FIELDS = ("kind", "name", "security_force", "unit", "officer_identification")


@dataclass(frozen=True)
class Classification:
    """The facts of a complaint that staff classify or correct during triage."""

    facts_date: date
    district: str
    place: str | None
    context: str
    practice: str | None
    grounds: Mapping[str, str | None]  # ground code -> the complainant's own words, if any
    # The annual report's codes (victim_kind, victim_sex, expression); None leaves them as
    # they are, a mapping sets all three (a missing or empty one clears it).
    report: Mapping[str, str | None] | None = None


REPORT_FIELDS = {"victim_kind": "victim_kind", "victim_sex": "sex", "expression": "expression"}


def _check_editor(actor: Any) -> None:
    if actor.role not in EDITORS:
        raise TransitionDenied(N_("Only an officer or the president may change a case's facts."))


def _locked(session: DbSession, subject: Any, expected_version: int | None) -> Any:
    seen = expected_version if expected_version is not None else subject.version
    row = lock(session, subject)
    if row.version != seen:
        raise Conflict(describe(row))
    return row


def _touch(row: Any) -> None:
    """Bump the case's version when only a child row changed, so a form another user opened
    before this change is refused as stale instead of silently overwriting it."""
    flag_modified(row, "state")


def _diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: {"old": old[k], "new": new[k]} for k in new if old.get(k) != new[k]}


def _audit_edit(session: DbSession, row: Any, changes: dict[str, Any], actor: Any, *,
                action: str, **data: Any) -> dict[str, Any]:
    """Write the audit event of an edit (committed by `versioned_write` around the edit);
    nothing is written when nothing changed."""
    if not changes:
        session.rollback()
        return {}
    audit.record(session, subject_type=row.WORKFLOW, subject_id=row.id,
                 subject_ref=row.reference, actor=actor, action=action,
                 data={**data, "changes": changes})
    return changes


def _classification_errors(new: Classification, today: date,
                           tables: LegalTables) -> dict[str, str]:
    errors: dict[str, str] = {}
    codes = tables.codes
    if new.facts_date > today:
        errors["facts_date"] = N_("The date of the facts cannot be in the future.")
    for name in ("district", "context"):
        if getattr(new, name) not in codes(name):
            errors[name] = N_("Choose a value from the list.")
    if new.practice and new.practice not in codes("practice"):
        errors["practice"] = N_("Choose a value from the list.")
    if not new.grounds:
        errors["grounds"] = N_("Choose at least one ground.")
    elif any(g not in codes("ground") for g in new.grounds):
        errors["grounds"] = N_("Choose grounds from the list.")
    if new.place and len(new.place) > 200:
        errors["place"] = N_("At most 200 characters.")
    for name, vocabulary in REPORT_FIELDS.items():
        value = (new.report or {}).get(name)
        if value and value not in codes(vocabulary):
            errors[name] = N_("Choose a value from the list.")
    return errors


def _report_values(new: Classification) -> dict[str, str | None]:
    """The report codes to store: the sex only for an individual (`unknown` when not said)."""
    wanted = {name: (new.report or {}).get(name) or None for name in REPORT_FIELDS}
    if wanted["victim_kind"] != "individual":
        wanted["victim_sex"] = None
    elif not wanted["victim_sex"]:
        wanted["victim_sex"] = "unknown"
    return wanted


def classify_complaint(session: DbSession, complaint: Complaint, new: Classification, actor: Any,
                       *, expected_version: int | None = None,
                       today: date | None = None) -> dict[str, Any]:
    """Change a complaint's classification; return the changes written (empty: none)."""
    _check_editor(actor)
    errors = _classification_errors(new, today or date.today(), current_tables(session))
    if errors:
        raise InvalidData(errors)
    with versioned_write(session, complaint):
        row = _locked(session, complaint, expected_version)
        if row.state in FINISHED_COMPLAINT:
            raise TransitionDenied(N_("The complaint is finished: reopen it before changing it."))
        old = {"facts_date": row.facts_date, "district": row.district, "place": row.place,
               "context": row.context, "practice": row.practice,
               "grounds": {g.ground: g.expression for g in row.grounds}}
        wanted: dict[str, Any] = {
            "facts_date": new.facts_date, "district": new.district,
            "place": (new.place or "").strip() or None, "context": new.context,
            "practice": new.practice or None, "grounds": dict(new.grounds)}
        if new.report is not None:
            old.update({name: getattr(row, name) for name in REPORT_FIELDS})
            wanted.update(_report_values(new))
        changes = _diff(old, wanted)
        for name in ("facts_date", "district", "place", "context", "practice",
                     *(REPORT_FIELDS if new.report is not None else ())):
            setattr(row, name, wanted[name])
        if "facts_date" in changes and row.proceeding is not None:
            changes.update(_proceeding_facts(row.proceeding))
        if "grounds" in changes:
            row.grounds = [ComplaintGround(ground=g, expression=e or None)
                           for g, e in wanted["grounds"].items()]
            _touch(row)
            session.flush()
        return _audit_edit(session, row, changes, actor, action="classify")


def _proceeding_facts(p: Proceeding) -> dict[str, Any]:
    """A proceeding's facts date is its complaints' earliest (it starts the prescription)."""
    earliest = min(c.facts_date for c in p.complaints)
    if earliest == p.facts_date:
        return {}
    old, p.facts_date = p.facts_date, earliest
    return {f"proceeding {p.reference} facts_date": {"old": old, "new": earliest}}


def _respondent_errors(values: Mapping[str, Any], tables: LegalTables) -> dict[str, str]:
    errors: dict[str, str] = {}
    codes = tables.codes
    if values.get("kind") not in codes("respondent_kind"):
        errors["kind"] = N_("Choose a value from the list.")
    elif values["kind"] in POLICE_KINDS:
        if values.get("security_force") not in codes("security_force"):
            errors["security_force"] = N_("Choose which police force.")
        if values["kind"] == "security_officer" and not (
                (values.get("name") or "").strip()
                or (values.get("officer_identification") or "").strip()):
            errors["name"] = N_("Give the officer's name or badge number.")
    elif not (values.get("name") or "").strip():
        errors["name"] = N_("Give the name of the person, company or body.")
    for name in ("name", "unit", "officer_identification"):
        if len(values.get(name) or "") > 200:
            errors[name] = N_("At most 200 characters.")
    return errors


def _respondent_values(values: Mapping[str, Any]) -> dict[str, Any]:
    clean = {k: ((values.get(k) or "").strip() or None) for k in RESPONDENT_FIELDS}
    if clean["kind"] == "security_force":
        clean["name"] = None  # the police are named by force, unit and officer identification
    elif clean["kind"] != "security_officer":  # an officer: name, force, unit, badge number
        clean["security_force"] = clean["unit"] = clean["officer_identification"] = None
    return clean


def save_complaint_respondent(session: DbSession, complaint: Complaint, actor: Any,
                              values: Mapping[str, Any], *, party_id: int | None = None,
                              expected_version: int | None = None) -> dict[str, Any]:
    """Correct a respondent of a complaint (`party_id`) or add one (None); audited."""
    _check_editor(actor)
    errors = _respondent_errors(values, current_tables(session))
    if errors:
        raise InvalidData(errors)
    wanted = _respondent_values(values)
    with versioned_write(session, complaint):
        row = _locked(session, complaint, expected_version)
        if row.state in FINISHED_COMPLAINT:
            raise TransitionDenied(N_("The complaint is finished: reopen it before changing it."))
        if party_id is None:
            party = Party(role="respondent", **wanted)
            row.parties.append(party)
            old = dict.fromkeys(RESPONDENT_FIELDS)
        else:
            found = [p for p in row.respondents if p.id == party_id]
            if not found:
                raise InvalidData({"party": N_("Not a respondent of this complaint.")})
            party = found[0]
            old = {k: getattr(party, k) for k in RESPONDENT_FIELDS}
            for k, v in wanted.items():
                setattr(party, k, v)
        changes = _diff(old, wanted)
        if changes:
            _touch(row)
        if party_id is None:
            return _audit_edit(session, row, changes, actor, action="add_respondent",
                                party=party.id)
        return _audit_edit(session, row, changes, actor, action="edit_respondent",
                            party=party.id)


def update_proceeding_respondent(session: DbSession, proceeding: Proceeding, actor: Any,
                                 respondent_id: int, *, name: str, kind: str, negligent: bool,
                                 expected_version: int | None = None) -> dict[str, Any]:
    """Correct an arguido's name or kind, or record negligence/attempt (halves the fine's
    bounds); only before the decision. Audited with old and new values."""
    _check_editor(actor)
    errors: dict[str, str] = {}
    if kind not in current_tables(session).codes("respondent_kind"):
        errors["kind"] = N_("Choose a value from the list.")
    if not name.strip() or len(name) > 200:
        errors["name"] = N_("Give the respondent's name (at most 200 characters).")
    if errors:
        raise InvalidData(errors)
    with versioned_write(session, proceeding):
        row = _locked(session, proceeding, expected_version)
        if row.state not in EDITABLE_PROCEEDING:
            raise TransitionDenied(N_("The Commission has decided: the respondents can no longer "
                                      "be changed."))
        found = [r for r in row.respondents if r.id == respondent_id]
        if not found:
            raise InvalidData({"respondent": N_("Not a respondent of this proceeding.")})
        respondent: ProceedingRespondent = found[0]
        old = {"name": respondent.name, "kind": respondent.kind,
               "negligent": respondent.negligent}
        wanted = {"name": name.strip(), "kind": kind, "negligent": bool(negligent)}
        changes = _diff(old, wanted)
        for k, v in wanted.items():
            setattr(respondent, k, v)
        if changes:
            _touch(row)
        return _audit_edit(session, row, changes, actor, action="edit_respondent",
                            respondent=respondent.id)

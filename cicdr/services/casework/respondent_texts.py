"""The instructor's texts for one respondent: the accusation and the decision, as the letters
print them.

The accusation (nota de ilicitude) states the facts charged, written by the instructor apart
from the complainant's own words, and the norms violated (Lei 93/2017 art. 20(3), RGCO art.
50); the decision states the facts proven and not proven, the evidence and its assessment,
and the reasons, including why the defence's evidence was rejected (RGCO art. 58(1)). They are
edited like the other corrections of a case (services/casework/editing.py): the row locked, the
version the officer saw checked, one audit event with each field's old and new value in the
same transaction. Only officers write them, and never once the decision about that respondent
(or the whole proceeding) is final.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy.orm.attributes import flag_modified

from cicdr.models import Proceeding, ProceedingRespondent
from cicdr.services import audit
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.core.types import DbSession
from cicdr.services.engine.checks import ACCUSATION_TEXTS
from cicdr.services.engine.checks import missing_accusation as missing_accusation
from cicdr.services.engine.transition import describe, lock, versioned_write
from workflows import labels
from workflows.spec import Role
from workflows.text import N_, Count, Msg

ACCUSATION_FIELDS = tuple(ACCUSATION_TEXTS)
DECISION_FIELDS = ("facts_proven", "facts_not_proven", "evidence", "reasons")
TEXT_FIELDS = ACCUSATION_FIELDS + DECISION_FIELDS
WRITERS = (Role.OFFICER,)
MAX_LENGTH = 20_000  # characters per text: several pages of a letter
# The proceeding's states, and a respondent's own stages (when the per-respondent procedure
# records them), in which the decision is final: its texts are what was notified.
FINAL_STATES = ("final", "published", "closed", "prescribed")
FINAL_STAGES = ("final", "paying", "enforcement", "closed", "prescribed")
ACTION = "edit_respondent_texts"


def missing_decision(respondent: ProceedingRespondent) -> list[str]:
    """The decision's texts a letter cannot go without (facts not proven may be none)."""
    return [name for name in ("facts_proven", "evidence", "reasons")
            if not (getattr(respondent, name) or "").strip()]


def final_reason(proceeding: Proceeding, respondent: ProceedingRespondent | None) -> Msg | None:
    """Why the texts can no longer change, or None while they can."""
    if proceeding.state in FINAL_STATES:
        return N_("The proceeding is %(state)s: the accusation and decision texts can no longer "
                  "be changed.", state=labels.state_label(proceeding.state))
    if respondent is not None and getattr(respondent, "stage", None) in FINAL_STAGES:
        return N_("The decision about %(name)s is final: its texts can no longer be changed.",
                  name=respondent.name)
    return None


def _clean(values: Mapping[str, Any]) -> dict[str, str | None]:
    unknown = set(values) - set(TEXT_FIELDS)
    if unknown:
        raise InvalidData({name: N_("Not a text of the accusation or the decision.")
                           for name in sorted(unknown)})
    clean: dict[str, str | None] = {}
    errors: dict[str, Msg] = {}
    for name, raw in values.items():
        text = "\n".join(line.rstrip() for line in str(raw or "").strip().splitlines())
        if len(text) > MAX_LENGTH:
            errors[name] = N_("At most %(n)s characters.", n=Count(MAX_LENGTH))
        clean[name] = text or None
    if errors:
        raise InvalidData(errors)
    return clean


def write_respondent_texts(session: DbSession, proceeding: Proceeding, actor: Any,
                           respondent_id: int, values: Mapping[str, Any], *,
                           expected_version: int | None = None) -> dict[str, Any]:
    """Write some or all of one respondent's texts (`values`: field -> text; a field left out
    is kept, an empty one is cleared); return the changes written (empty: nothing changed).

    Raises TransitionDenied (not an officer; the decision is final), InvalidData (an unknown
    field, a text too long, not a respondent of this proceeding) or Conflict (the proceeding
    changed since the officer opened the form). Audited as `edit_respondent_texts`, naming the
    respondent, with each field's old and new text; nothing is written on error.
    """
    if actor.role not in WRITERS:
        raise TransitionDenied(N_("Only an officer writes the accusation and the decision's "
                                  "texts."))
    wanted = _clean(values)
    with versioned_write(session, proceeding):
        seen = expected_version if expected_version is not None else proceeding.version
        row = cast(Proceeding, lock(session, proceeding))
        if row.version != seen:
            raise Conflict(describe(row))
        found = [r for r in row.respondents if r.id == respondent_id]
        if not found:
            raise InvalidData({"respondent": N_("Not a respondent of this proceeding.")})
        respondent = found[0]
        if reason := final_reason(row, respondent):
            raise TransitionDenied(reason)
        changes = {name: {"old": getattr(respondent, name), "new": text}
                   for name, text in wanted.items() if getattr(respondent, name) != text}
        if not changes:
            session.rollback()
            return {}
        for name in changes:
            setattr(respondent, name, wanted[name])
        # Only a child row changed: bump the proceeding's version, so a form opened before
        # this change is refused as stale instead of overwriting it.
        flag_modified(row, "state")
        audit.record(session, subject_type=row.WORKFLOW, subject_id=row.id,
                     subject_ref=row.reference, actor=actor, action=ACTION,
                     data={"respondent": respondent.id, "respondent_name": respondent.name,
                           "changes": changes})
        return changes

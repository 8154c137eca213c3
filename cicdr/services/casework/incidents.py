"""Incidents: complaints about one post or one event, grouped by staff (issue 13).

When a post goes viral, hundreds of complaints describe one incident; the annual report counts
incidents as well as complaints. Staff put a complaint in a new incident, in an existing one (by
its number), or in the incident of a possible duplicate ("same incident"); or take it out.
Each change is audited on the complaint (`set_incident`, with the old and new incident number)
in the same transaction, version-checked like every other edit.
"""

from __future__ import annotations

from typing import Any

from cicdr.models import Complaint, Incident
from cicdr.services import audit
from cicdr.services.casework.editing import _check_editor, _locked
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.types import DbSession
from cicdr.services.engine.transition import versioned_write
from workflows.text import N_

LABEL_MAX = 200


def new_incident(session: DbSession, label: str) -> Incident:
    """An incident with this label (flushed, so it has its number); not committed."""
    label = (label or "").strip()
    if not label or len(label) > LABEL_MAX:
        raise InvalidData({"label": N_("Describe the incident in 1 to %(most)s characters "
                                       "(for example: the post of 3 May on page X).",
                                       most=LABEL_MAX)})
    incident = Incident(label=label)
    session.add(incident)
    session.flush()
    return incident


def _move(session: DbSession, complaint: Complaint, incident: Incident | None, actor: Any,
          expected_version: int | None) -> dict[str, Any]:
    """Put `complaint` in `incident` (None: in none) and audit it; not committed."""
    row = _locked(session, complaint, expected_version)
    old = row.incident_id
    new = incident.id if incident is not None else None
    if old == new:
        return {}
    row.incident = incident
    changes = {"incident": {"old": old, "new": new}}
    audit.record(session, subject_type="complaint", subject_id=row.id,
                 subject_ref=row.reference, actor=actor, action="set_incident",
                 data={"changes": changes,
                       "label": incident.label if incident is not None else None})
    return changes


def set_incident(session: DbSession, complaint: Complaint, actor: Any, *,
                 label: str | None = None, number: int | None = None,
                 expected_version: int | None = None) -> dict[str, Any]:
    """Put the complaint in a new incident (`label`), in incident `number`, or (neither) in
    none; commit. Returns the change written (empty: nothing changed)."""
    _check_editor(actor)
    with versioned_write(session, complaint):
        if label is not None:
            incident: Incident | None = new_incident(session, label)
        elif number is not None:
            incident = session.get(Incident, number)
            if incident is None:
                raise InvalidData({"number": N_("There is no incident number %(n)s.", n=number)})
        else:
            incident = None
        return _move(session, complaint, incident, actor, expected_version)


def same_incident(session: DbSession, complaint: Complaint, other: Complaint,
                  actor: Any) -> Incident:
    """Put two complaints in one incident: the one either is in already (this complaint's
    first), else a new one named after this complaint; commit."""
    _check_editor(actor)
    if other.id == complaint.id:
        raise InvalidData({"other": N_("Choose another complaint.")})
    if complaint.incident_id and other.incident_id and \
            complaint.incident_id != other.incident_id:
        raise InvalidData({"other": N_("%(ref)s is already in incident %(id)s; move one of them "
                                       "first.", ref=other.reference, id=other.incident_id)})
    with versioned_write(session, complaint):
        incident = complaint.incident or other.incident or new_incident(
            # Stored, and read by every member of staff whatever their language: named in
            # Portuguese, the language of CICDR's records (like its letters).
            session, f"Ocorrência da queixa {complaint.reference}")
        _move(session, complaint, incident, actor, None)
        _move(session, other, incident, actor, None)
    return incident


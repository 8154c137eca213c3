"""Documents staff add to a case during instruction: hearing minutes, an entity's answer, a
scanned letter. The same checks as the complainant's evidence (services.uploads)."""

from __future__ import annotations

from datetime import date
from typing import Any

from cicdr.models import Attachment, Complaint
from cicdr.models.base import moment_of
from cicdr.services import audit
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from cicdr.services.documents.service import GENERATORS, OWNER_COLUMN
from cicdr.services.intake.uploads import UploadLimits, check_files
from workflows.text import N_


def _complaints_of(subject: Any) -> list[Complaint]:
    if isinstance(subject, Complaint):
        return [subject]
    parent = getattr(subject, "complaint", None)
    return [parent] if parent is not None else list(getattr(subject, "complaints", []))


def add_files(session: DbSession, subject: Any, files: list[tuple[str, bytes]], actor: Any, *,
              store: BlobStore, limits: UploadLimits | None = None,
              today: date | None = None) -> list[Attachment]:
    """Check and attach files an officer or the president adds to a case (audited
    `add_document`); commits. Raises UploadsRejected listing every refused file (nothing of the
    batch is kept), InvalidData when no file was chosen, TransitionDenied for other roles."""
    if actor.role not in GENERATORS:
        raise TransitionDenied(N_("Only an officer or the president adds documents to a case."))
    if any(c.anonymised_at is not None for c in _complaints_of(subject)):
        raise TransitionDenied(N_("The complaint was anonymised under the retention rules: no "
                                  "files can be added to it."))
    if not files:
        raise InvalidData({"files": N_("Choose at least one file.")})
    checked = check_files(files, limits or UploadLimits())
    try:
        added = []
        for f in checked:
            row = Attachment(filename=f.filename, content_type=f.content_type, size=len(f.data),
                             sha256=store.put(f.data), source="staff", uploaded_by_id=actor.id,
                             uploaded_at=moment_of(today or date.today()))
            setattr(row, OWNER_COLUMN[subject.WORKFLOW], subject.id)
            session.add(row)
            added.append(row)
        session.flush()
        audit.record(session, subject_type=subject.WORKFLOW, subject_id=subject.id,
                     subject_ref=getattr(subject, "reference", None), actor=actor,
                     action="add_document",
                     data={"attachments": [a.id for a in added],
                           "files": [a.filename for a in added],
                           "sha256": [a.sha256 for a in added]})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return added

"""Making a legal document: check who and when, render, store the PDF, attach, audit, commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from cicdr.models import Attachment, ProceedingRespondent
from cicdr.models.base import moment_of
from cicdr.services import audit
from cicdr.services.core.errors import InvalidData, NotFound, TransitionDenied
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from cicdr.services.documents.formats import render
from cicdr.services.documents.pdf import html_to_pdf
from cicdr.services.documents.registry import (
    KINDS,
    DocumentKind,
    DocumentSettings,
    Draft,
    for_workflow,
)
from workflows.spec import Role
from workflows.text import N_

GENERATORS = (Role.OFFICER, Role.PRESIDENT)
NOT_ALLOWED = N_("Only an officer or the president generates documents.")
OWNER_COLUMN = {"complaint": "complaint_id", "proceeding": "proceeding_id",
                "referral": "referral_id"}


@dataclass(frozen=True)
class Option:
    """One kind of document for one case, as the case page offers it."""

    kind: DocumentKind
    reason: str | None  # why it cannot be made now; None when it can
    respondents: list[ProceedingRespondent]  # who may get one (per-respondent kinds)
    copies: list[Attachment]  # the ones already made, oldest first
    # Respondent id -> why their letter cannot be made yet (missing from the dict: it can).
    respondent_reasons: dict[int, str] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.reason is None


def generated(session: DbSession, subject: Any) -> list[Attachment]:
    """The documents generated for a case, oldest first."""
    column = getattr(Attachment, OWNER_COLUMN[subject.WORKFLOW])
    return list(session.scalars(select(Attachment).where(
        column == subject.id, Attachment.source == "generated").order_by(Attachment.id)))


def options(session: DbSession, subject: Any, actor: Any) -> list[Option]:
    """Every kind of document for this case: made already, available now, or why not."""
    made = generated(session, subject)
    found = []
    for kind in for_workflow(subject.WORKFLOW):
        reason = NOT_ALLOWED if actor.role not in GENERATORS else kind.blocked(session, subject)
        eligible = kind.eligible(subject) if kind.eligible is not None else []
        reasons = {r.id: why for r in eligible
                   if kind.respondent_blocked is not None
                   and (why := kind.respondent_blocked(r)) is not None}
        found.append(Option(kind, reason, eligible,
                            [a for a in made if a.document_kind == kind.name], reasons))
    return found


def _respondent(kind: DocumentKind, subject: Any,
                respondent_id: int | None) -> ProceedingRespondent | None:
    if kind.eligible is None:
        return None
    eligible = kind.eligible(subject)
    found = next((r for r in eligible if r.id == respondent_id), None)
    if found is None:
        names = ", ".join(f"{r.name} (#{r.id})" for r in eligible)
        raise InvalidData({"respondent": N_("Choose the respondent it is for: %(names)s.",
                                            names=names)})
    return found


def generate(session: DbSession, subject: Any, kind: str, actor: Any, *,
             respondent_id: int | None = None, store: BlobStore, today: date | None = None,
             settings: DocumentSettings | None = None) -> Attachment:
    """Make a document of `kind` for `subject` (and one respondent, for per-respondent kinds),
    store its PDF, attach it and audit `generate_document`; commits.

    Raises NotFound (no such kind for this workflow), TransitionDenied (not an officer or the
    president, or not available now or not for this respondent yet: the reason says why),
    InvalidData (respondent) or PdfUnavailable (WeasyPrint missing). Nothing is recorded on
    error.
    """
    today = today or date.today()
    spec = KINDS.get(kind)
    if spec is None or spec.workflow != subject.WORKFLOW:
        raise NotFound(f"There is no document “{kind}” for a {subject.WORKFLOW}.")
    if actor.role not in GENERATORS:
        raise TransitionDenied(NOT_ALLOWED)
    if reason := spec.blocked(session, subject):
        raise TransitionDenied(N_("%(label)s: %(reason)s", label=spec.label, reason=reason))
    respondent = _respondent(spec, subject, respondent_id)
    blocked_for = spec.respondent_blocked
    if respondent is not None and blocked_for is not None and (why := blocked_for(respondent)):
        raise TransitionDenied(N_("%(label)s: %(reason)s", label=spec.label, reason=why))
    draft = Draft(session, subject, respondent, actor, today, settings or DocumentSettings())
    pdf = html_to_pdf(render(spec.template, current_tables(session), kind=spec,
                             **spec.build(draft)))
    filename = spec.filename(subject, respondent, today)
    try:
        digest = store.put(pdf)
        attachment = Attachment(filename=filename, content_type="application/pdf",
                                size=len(pdf), sha256=digest, source="generated",
                                uploaded_by_id=actor.id, document_kind=kind,
                                uploaded_at=moment_of(today))
        setattr(attachment, OWNER_COLUMN[subject.WORKFLOW], subject.id)
        session.add(attachment)
        session.flush()
        audit.record(session, subject_type=subject.WORKFLOW, subject_id=subject.id,
                     subject_ref=getattr(subject, "reference", None), actor=actor,
                     action="generate_document",
                     data={"kind": kind, "attachment_id": attachment.id, "filename": filename,
                           "sha256": digest,
                           "respondent": respondent.id if respondent is not None else None})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return attachment

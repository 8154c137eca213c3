"""Drafting referrals; their later steps go through `workflow.fire`."""

from __future__ import annotations

from datetime import date
from typing import Any

from cicdr.models import Complaint, Proceeding, Referral
from cicdr.models.base import moment_of
from cicdr.services import audit
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.core.types import DbSession
from workflows.referral import BODIES
from workflows.spec import Role
from workflows.text import N_

PURPOSES = ("prosecutor", "disciplinary", "forward")
DRAFTERS = (Role.OFFICER, Role.PRESIDENT)


def draft_referral(session: DbSession, subject: Complaint | Proceeding, *, body: str,
                   purpose: str, actor: Any, summary: str = "", commit: bool = True,
                   today: date | None = None) -> Referral:
    """Create a referral in `draft` for a complaint or proceeding (audited)."""
    if actor.role not in DRAFTERS:
        raise TransitionDenied(N_("Only an officer or the president may draft a referral."))
    errors = {}
    if body not in BODIES:
        errors["body"] = N_("Choose one of: %(choices)s.", choices=", ".join(BODIES))
    if purpose not in PURPOSES:
        errors["purpose"] = N_("Choose one of: %(choices)s.", choices=", ".join(PURPOSES))
    if purpose == "prosecutor" and body != "mp":
        errors["body"] = N_("A referral for a possible crime goes to the Public Prosecutor (mp).")
    if not summary.strip():
        errors["summary"] = N_("Say what is referred and why.")
    if errors:
        raise InvalidData(errors)
    try:
        referral = Referral(body=body, purpose=purpose, state="draft", summary=summary.strip(),
                            drafted_by_id=actor.id,
                            drafted_at=moment_of(today or date.today()))
        if isinstance(subject, Complaint):
            referral.complaint = subject
        else:
            referral.proceeding = subject
        session.add(referral)
        session.flush()
        audit.record(session, subject_type="referral", subject_id=referral.id,
                     subject_ref=referral.reference, actor=actor, action="draft",
                     from_state=None, to_state="draft",
                     data={"body": body, "purpose": purpose, "summary": referral.summary,
                           "for": subject.reference})
        if commit:
            session.commit()
    except BaseException:
        if commit:
            session.rollback()
        raise
    return referral

"""Read logging: who opened which case page or file, searched or exported, when and where.

Access records are audit events whose action starts with ``access.``: they share the one hash
chain (so `audit verify` covers them, and deleting one breaks the chain) and its append-only
rule, but case timelines leave them out; the auditor lists them per case and per user.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, or_, select

from cicdr.models import AuditEvent
from cicdr.services import audit
from cicdr.services.core.types import DbSession

PREFIX = "access."
VIEW, DOWNLOAD, SEARCH, EXPORT = (PREFIX + a for a in ("view", "download", "search", "export"))


def is_access(event: AuditEvent) -> bool:
    return event.action.startswith(PREFIX)


def record(session: DbSession, actor: Any, action: str, *, endpoint: str,
           subject: Any = None, subject_type: str | None = None,
           data: Mapping[str, Any] | None = None) -> AuditEvent:
    """Append one access record and commit (a read must be recorded even if nothing else is)."""
    if not action.startswith(PREFIX):
        raise ValueError(f"not an access action: {action}")
    try:
        event = audit.record(
            session, subject_type=subject_type or getattr(subject, "WORKFLOW", None) or "system",
            subject_id=getattr(subject, "id", None),
            subject_ref=getattr(subject, "reference", None) or
            (str(subject.id) if subject is not None else None),
            actor=actor, action=action, data={"endpoint": endpoint, **(data or {})})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return event


def for_case(session: DbSession, subject: Any) -> list[AuditEvent]:
    """Every access record of a case (and of its referrals), oldest first."""
    wanted = [(subject.WORKFLOW, subject.id)]
    wanted += [("referral", r.id) for r in getattr(subject, "referrals", [])]
    return list(session.scalars(select(AuditEvent).where(
        AuditEvent.action.startswith(PREFIX),
        or_(*(and_(AuditEvent.subject_type == t, AuditEvent.subject_id == i)
              for t, i in wanted))).order_by(AuditEvent.seq)))


def for_user(session: DbSession, user_id: int, limit: int = 500) -> list[AuditEvent]:
    """A staff member's access records, newest first."""
    return list(session.scalars(select(AuditEvent).where(
        AuditEvent.action.startswith(PREFIX), AuditEvent.actor_id == user_id)
        .order_by(AuditEvent.seq.desc()).limit(limit)))

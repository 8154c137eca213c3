"""The audit log: append-only, hash-chained events (one per state change or recorded action)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cicdr.extensions import Model


class AuditEvent(Model):
    """One event. `hash` covers the canonical content, including the previous event's hash.

    Never updated or deleted by the application; database triggers refuse it too (migration).
    """

    __tablename__ = "audit_events"
    # My work's "recently changed": the last days' events, newest first, by subject.
    __table_args__ = (Index("ix_audit_events_created_at", "created_at", "subject_type",
                            "subject_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # 1, 2, 3... with no gap
    subject_type: Mapped[str] = mapped_column(String(20))  # complaint, proceeding, referral, user
    subject_id: Mapped[int | None] = mapped_column(Integer, index=True)
    subject_ref: Mapped[str | None] = mapped_column(String(40), index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)  # users.id; None for complainant/system
    actor_label: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))  # the trigger, or submit, draft_referral...
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str | None] = mapped_column(String(30))
    data: Mapped[str] = mapped_column(Text)  # canonical JSON, hashed as stored
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Model):
    """A single row holding the chain's head; locking it serialises appends across sessions."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))

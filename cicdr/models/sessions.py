"""Server-side sessions and requests that must not live in a cookie.

- `FollowSession`: a complainant following a complaint. The browser holds a random token; the
  server keeps its SHA-256, so the cookie (signed, not encrypted) never carries the access code
  and Exit can revoke the session for good.
- `AccessRequest`: a change that would let someone read case contents (a case-reading role, the
  reactivation of such an account, a new password or second factor for one), waiting for a
  second administrator or the president (four eyes).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cicdr.extensions import Model
from cicdr.models.base import utcnow
from cicdr.models.users import User

ACCESS_KINDS = ("create", "role", "activate", "password", "reset_2fa")
ACCESS_STATUSES = ("pending", "approved", "refused")


class FollowSession(Model):
    """One browser following one complaint, until idle, revoked (Exit) or purged."""

    __tablename__ = "follow_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"),
                                              index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                   index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AccessRequest(Model):
    """A change to a staff account that takes effect only once someone else approves it."""

    __tablename__ = "access_requests"
    __table_args__ = (
        CheckConstraint(f"kind IN {ACCESS_KINDS!r}", name="kind_known"),
        CheckConstraint(f"status IN {ACCESS_STATUSES!r}", name="status_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # What takes effect on approval: {"role": ...} or {"password_hash": ...} (never a password).
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

"""Attachments (bytes in the content-addressed store) and messages with the complainant."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cicdr.extensions import Model
from cicdr.models.base import utcnow

if TYPE_CHECKING:
    from cicdr.models.complaints import Complaint
    from cicdr.models.proceedings import Proceeding
    from cicdr.models.referrals import Referral


class Attachment(Model):
    """A file's metadata; its bytes live in the blob store under their SHA-256."""

    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint("complaint_id IS NOT NULL OR proceeding_id IS NOT NULL "
                        "OR referral_id IS NOT NULL", name="has_subject"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    proceeding_id: Mapped[int | None] = mapped_column(ForeignKey("proceedings.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))  # as given; never used as a path
    content_type: Mapped[str] = mapped_column(String(120))  # sniffed, not trusted from client
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(20))  # complainant, staff, generated
    # For generated documents: the kind (services.documents KINDS), e.g. "accusation".
    document_kind: Mapped[str | None] = mapped_column(String(40))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    complaint: Mapped[Complaint | None] = relationship(foreign_keys=[complaint_id])
    proceeding: Mapped[Proceeding | None] = relationship(foreign_keys=[proceeding_id])
    referral: Mapped[Referral | None] = relationship(foreign_keys=[referral_id])


class Message(Model):
    """A message between CICDR and the complainant (internal notes are a separate kind)."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    # to_complainant, from_complainant, or note (staff only, never shown to the complainant)
    direction: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

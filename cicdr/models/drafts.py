"""Complaint drafts: what a person typed on the complaint form, kept between its steps.

A draft lives on the server, found through a random token held in the browser's session, so a
validation error, a back step or a reload never loses what was typed. Evidence files are stored
in the blob store as soon as they are uploaded and listed here until the complaint is filed.
Drafts are deleted on submission, and after `DRAFT_DAYS` without activity by `flask cicdr tick`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cicdr.extensions import Model
from cicdr.models.base import utcnow

DRAFT_DAYS = 7


class ComplaintDraft(Model):
    """One unfinished complaint: the raw values of each step, as typed."""

    __tablename__ = "complaint_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the token
    mode: Mapped[str] = mapped_column(String(10))  # public, or staff (another channel)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # staff mode
    # A keyed hash (HMAC with the server's secret) of the client address of a public draft,
    # never the address: it caps how many drafts one client keeps open, and goes with the draft.
    client_key: Mapped[str | None] = mapped_column(String(32), index=True)
    language: Mapped[str] = mapped_column(String(10), default="pt")
    # {step: [[field, value], ...]}: exactly what was sent, valid or not.
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)

    files: Mapped[list[DraftFile]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", order_by="DraftFile.id")


class DraftFile(Model):
    """An evidence file uploaded to a draft (already checked; bytes in the blob store)."""

    __tablename__ = "draft_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("complaint_drafts.id", ondelete="CASCADE"),
                                          index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    draft: Mapped[ComplaintDraft] = relationship(back_populates="files")

"""Referrals (encaminhamentos) to outside bodies: MP, IGAI, ACT, ERC, IGSJ, other."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cicdr.extensions import Model
from cicdr.models.base import utcnow

if TYPE_CHECKING:
    from cicdr.models.complaints import Complaint
    from cicdr.models.deadlines import Deadline
    from cicdr.models.files import Attachment
    from cicdr.models.proceedings import Proceeding


# The files sent with a referral (its letter and the case documents chosen when it was sent).
referral_documents = Table(
    "referral_documents", Model.metadata,
    Column("referral_id", ForeignKey("referrals.id", ondelete="CASCADE"), primary_key=True),
    Column("attachment_id", ForeignKey("attachments.id"), primary_key=True),
)


class Referral(Model):
    """One referral of a complaint or proceeding to one outside body."""

    __tablename__ = "referrals"
    __table_args__ = (
        CheckConstraint("complaint_id IS NOT NULL OR proceeding_id IS NOT NULL",
                        name="has_subject"),
        # My work: what waits for a staff member among the referrals of their cases.
        Index("ix_referrals_owner_state", "owner_id", "state"),
    )
    WORKFLOW = "referral"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    body: Mapped[str] = mapped_column(String(10))  # mp, igai, act, erc, igsj, other
    # Why it exists: prosecutor (possible crime), disciplinary (police), forward (competence).
    purpose: Mapped[str] = mapped_column(String(20))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    proceeding_id: Mapped[int | None] = mapped_column(ForeignKey("proceedings.id"), index=True)
    summary: Mapped[str | None] = mapped_column(Text)  # the letter's gist, written by the drafter
    drafted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    drafted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_on: Mapped[date | None] = mapped_column(Date)
    channel: Mapped[str | None] = mapped_column(String(20))
    external_reference: Mapped[str | None] = mapped_column(String(100))  # their number
    outcome: Mapped[str | None] = mapped_column(String(30))
    answer: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[date | None] = mapped_column(Date)
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    # Who has its case: the complaint's assignee or the proceeding's instructor (a copy, kept
    # by services/engine/owners.py on every flush).
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __mapper_args__ = {"version_id_col": version}

    complaint: Mapped[Complaint | None] = relationship(back_populates="referrals")
    proceeding: Mapped[Proceeding | None] = relationship(back_populates="referrals")
    deadlines: Mapped[list[Deadline]] = relationship(back_populates="referral",
                                                     order_by="Deadline.id")
    documents: Mapped[list[Attachment]] = relationship(secondary=referral_documents,
                                                       order_by="Attachment.id")

    @property
    def approved(self) -> bool:
        return self.approved_by_id is not None

    @property
    def reference(self) -> str:
        parent = self.complaint or self.proceeding
        return f"{parent.reference if parent else '?'}/{self.body.upper()}-{self.id}"

    def __repr__(self) -> str:
        return f"<Referral {self.id} {self.body} {self.state}>"


def pending_prosecutor_draft_by(referrals: Iterable[Referral]) -> int | None:
    """Who drafted the newest MP referral still awaiting approval, or None."""
    drafts = [r for r in referrals if r.body == "mp" and r.state == "draft"
              and r.approved_by_id is None]
    return drafts[-1].drafted_by_id if drafts else None

"""Deadlines: a kind, a start, a due date; stopped by the trigger that ends them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cicdr.extensions import Model
from cicdr.models.base import utcnow

if TYPE_CHECKING:
    from cicdr.models.complaints import Complaint
    from cicdr.models.proceedings import Proceeding, ProceedingRespondent
    from cicdr.models.referrals import Referral


RUNNING = text("ended_on IS NULL")


class Deadline(Model):
    """A running or ended legal term on exactly one complaint, proceeding or referral."""

    __tablename__ = "deadlines"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN complaint_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN proceeding_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN referral_id IS NULL THEN 0 ELSE 1 END) = 1", name="one_subject"),
        Index("ix_deadlines_open_due", "ended_on", "due_on"),
        # Which of a list page's cases are overdue (services/queries/lists.overdue_among):
        # without these SQLite walked every overdue deadline (14 ms) instead of the page's 50.
        Index("ix_deadlines_complaint_open", "complaint_id", "ended_on", "due_on"),
        Index("ix_deadlines_proceeding_open", "proceeding_id", "ended_on", "due_on"),
        Index("ix_deadlines_referral_open", "referral_id", "ended_on", "due_on"),
        # My work (services/queries/section_pages.py): a staff member's running deadlines in
        # due order, one index range (`owner_id`, kept by services/engine/owners.py). Partial:
        # PostgreSQL orders by `due_on` only after equalities, and `ended_on IS NULL` is none.
        Index("ix_deadlines_owner_open", "owner_id", "due_on", "suspended_since",
              sqlite_where=RUNNING, postgresql_where=RUNNING),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # workflows.deadlines kind
    started_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)  # recomputed when a suspension ends
    ended_on: Mapped[date | None] = mapped_column(Date)  # None while running
    ended_by: Mapped[str | None] = mapped_column(String(40))  # the trigger that stopped it
    # Closed suspensions as "YYYY-MM-DD/YYYY-MM-DD" lines, to recompute due_on.
    suspensions: Mapped[str | None] = mapped_column(Text)
    suspended_since: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    proceeding_id: Mapped[int | None] = mapped_column(ForeignKey("proceedings.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    # A per-respondent term (defence, appeal, appeal_send_mp, payment) names its respondent too.
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("proceeding_respondents.id"),
                                                      index=True)
    # Who has the case it runs on: the complaint's assignee, the proceeding's instructor, or
    # theirs of the referral's case (a copy, kept by services/engine/owners.py on every flush).
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    complaint: Mapped[Complaint | None] = relationship(back_populates="deadlines")
    proceeding: Mapped[Proceeding | None] = relationship(back_populates="deadlines")
    referral: Mapped[Referral | None] = relationship(back_populates="deadlines")
    respondent: Mapped[ProceedingRespondent | None] = relationship()

    @property
    def running(self) -> bool:
        return self.ended_on is None

    @property
    def subject(self) -> Complaint | Proceeding | Referral:
        found = self.complaint or self.proceeding or self.referral
        assert found is not None
        return found

    def suspension_ranges(self) -> list[tuple[date, date]]:
        """The closed suspensions as date pairs."""
        pairs = []
        for line in (self.suspensions or "").split():
            first, last = line.split("/")
            pairs.append((date.fromisoformat(first), date.fromisoformat(last)))
        return pairs


def latest_due(deadlines: Iterable[Deadline], kind: str) -> date | None:
    """The due date of the newest deadline of a kind (running or not), or None."""
    found = [d for d in deadlines if d.kind == kind]
    return found[-1].due_on if found else None


def running(deadlines: Iterable[Deadline], kind: str | None = None) -> list[Deadline]:
    """The deadlines still running, optionally of one kind."""
    return [d for d in deadlines if d.ended_on is None and (kind is None or d.kind == kind)]

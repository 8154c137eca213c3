"""What `flask cicdr notify` has already told whom, so a daily run never repeats itself."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cicdr.extensions import Model
from cicdr.models.base import utcnow


class DeadlineNotice(Model):
    """One person told about one deadline at one stage, for one due date.

    The due date is part of the key because a suspension that ends recomputes it: the new date
    is news and is notified again. The person is part of it so that whoever becomes responsible
    later (a new assignee or instructor) is told too.
    """

    __tablename__ = "deadline_notices"
    __table_args__ = (
        UniqueConstraint("deadline_id", "due_on", "stage", "user_id",
                         name="uq_deadline_notices_deadline_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"))
    due_on: Mapped[date] = mapped_column(Date)  # the due date as it was when notified
    stage: Mapped[str] = mapped_column(String(20))  # due_soon or overdue
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_mail.id"))  # the e-mail
    notified_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

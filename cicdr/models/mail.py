"""Outgoing e-mail, queued in the transaction of the change it reports (an outbox).

A message is written with the state change that causes it, so a crash or an unreachable mail
server can delay it but never lose it; `services.mail.deliver` sends what is pending.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cicdr.extensions import Model
from cicdr.models.base import utcnow


class OutboxMail(Model):
    """One e-mail to send (or sent: `sent_at` is set)."""

    __tablename__ = "outbox_mail"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(40))  # acknowledgement, ...
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)

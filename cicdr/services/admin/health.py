"""What /healthz reports: the database answers, the outbox is not stuck, the chain head was
anchored recently. Nothing personal: counts, ages and times only.

The time of the last anchor is kept in the settings table (key `audit.last_anchor`, which no
legal rule reads): the count and time of the anchored chain head, no hash and no case data.
In the database, so every server sees it wherever the anchor command ran.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from cicdr.models import OutboxMail, Setting
from cicdr.services.core.types import DbSession

LAST_ANCHOR = "audit.last_anchor"


@dataclass(frozen=True)
class Health:
    """The facts /healthz reports; unhealthy only when the database does not answer (or
    answers without the application's tables)."""

    database: bool
    migrated: bool = True
    pending_mail: int | None = None
    oldest_mail_age: int | None = None  # seconds
    last_anchor_at: datetime | None = None
    anchor_age: int | None = None  # seconds

    @property
    def healthy(self) -> bool:
        return self.database and self.migrated

    def as_json(self) -> dict[str, Any]:
        return {"status": "ok" if self.healthy else "unavailable",
                "database": {"reachable": self.database, "migrated": self.migrated},
                "outbox": {"pending": self.pending_mail,
                           "oldest_age_seconds": self.oldest_mail_age},
                "audit_anchor": {"last_at": self.last_anchor_at.isoformat()
                                 if self.last_anchor_at else None,
                                 "age_seconds": self.anchor_age}}


def record_anchor(session: DbSession, count: int, at: datetime) -> None:
    """Remember when the chain head was last anchored (the caller commits)."""
    value = json.dumps({"count": count, "at": at.isoformat()}, sort_keys=True)
    row = session.get(Setting, LAST_ANCHOR)
    if row is None:
        session.add(Setting(key=LAST_ANCHOR, value=value))
    else:
        row.value = value


def last_anchor(session: DbSession) -> datetime | None:
    """When the chain head was last anchored; None when never (or unreadable)."""
    value = session.scalar(select(Setting.value).where(Setting.key == LAST_ANCHOR))
    try:
        moment = datetime.fromisoformat(json.loads(value)["at"]) if value else None
    except (ValueError, KeyError, TypeError):
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _age(moment: datetime | None, now: datetime) -> int | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=UTC)
    return max(0, int((now - moment).total_seconds()))


def check(session: DbSession, now: datetime | None = None) -> Health:
    """Probe the database and read the outbox lag and the anchor's age."""
    now = now or datetime.now(UTC)
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        session.rollback()
        return Health(database=False)
    try:
        anchored = last_anchor(session)
        pending, oldest = session.execute(
            select(func.count(OutboxMail.id), func.min(OutboxMail.created_at))
            .where(OutboxMail.sent_at.is_(None))).one()
    except SQLAlchemyError:  # it answers, but the tables are not there: `flask db upgrade`
        session.rollback()
        return Health(database=True, migrated=False)
    return Health(database=True, pending_mail=int(pending), oldest_mail_age=_age(oldest, now),
                  last_anchor_at=anchored, anchor_age=_age(anchored, now))

"""Helpers shared by the models."""

from __future__ import annotations

from datetime import UTC, date, datetime, time


def utcnow() -> datetime:
    """Timezone-aware now, in UTC."""
    return datetime.now(UTC)


def moment_of(day: date) -> datetime:
    """Now, or noon UTC of `day` when an action is recorded for an earlier day (a letter
    registered late, an imported backlog, the demo's simulated calendar)."""
    now = utcnow()
    return now if day >= now.date() else datetime.combine(day, time(12), UTC)

"""The `machine_time` template filter: the value of every `<time datetime=...>` attribute.

HTML's valid global date-and-time string allows at most three digits of fractions and needs a
time zone; `isoformat()` of a naive timestamp gives six digits and none. Timestamps are stored
in UTC, and SQLite hands them back naive, so a naive value is UTC; an aware one is converted.
Whole seconds and a `Z` suffix: `2026-12-02T11:55:41Z`. A plain date stays a date (`2026-12-02`),
which HTML also accepts and which is what a day without a time means.

`html_date` (a template test) says whether a typed value may stand in an `<input type=date>`:
HTML allows only a real date there, so a form that echoes a mistyped one shows it as text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def machine_time(value: datetime | date | None) -> str:
    """`value` as a valid HTML machine-readable time: UTC, whole seconds, `Z`; '' for None."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return value.isoformat()
    utc = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return utc.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def html_date(value: object) -> bool:
    """Whether `value` is a valid HTML date string: YYYY-MM-DD, a day that exists."""
    text = str(value or "")
    if len(text) != 10:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True

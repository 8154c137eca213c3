"""Every read the demo makes of the legal tables (vocabularies, oversight bodies, calendar,
approval rules, IAS), in one place.

The demo seeds an empty database, whose reference data is the standard one the migrations
load: it reads `DEFAULT_TABLES`, the same value (see `workflows.tables`).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from workflows import sanctions
from workflows.calendar import is_working_day as _is_working_day
from workflows.referral import outcomes_for
from workflows.tables import DEFAULT_TABLES


def label(vocabulary: str, code: str) -> str:
    """The label of `code` in `vocabulary` ("lisboa" -> "Lisboa")."""
    return DEFAULT_TABLES.labels(vocabulary)[code]


def oversight_body(force: str | None) -> str:
    """The body that oversees a security force ("psp" -> "igai")."""
    return DEFAULT_TABLES.oversight_body_for(force or "other")


def next_working_day(d: date) -> date:
    """`d`, or the first working day after it under the calendar in force."""
    while not _is_working_day(d, tables=DEFAULT_TABLES):
        d += timedelta(days=1)
    return d


def needs_approval(body: str) -> bool:
    """Whether a referral to `body` waits for the president's approval before it is sent."""
    return DEFAULT_TABLES.needs_approval(body)


def outcomes(body: str) -> tuple[str, ...]:
    """The answers `body` may give to a referral."""
    return outcomes_for(body)


def fine_bounds(year: int, person: str) -> tuple[Decimal, Decimal]:
    """The legal (minimum, maximum) fine for facts of `year` ("natural" or "legal" person)."""
    return sanctions.fine_bounds(year, person, tables=DEFAULT_TABLES)


def ias(year: int) -> Decimal:
    """The IAS (social support index) of `year`, the unit fines are counted in."""
    return sanctions.ias(year, tables=DEFAULT_TABLES)


def knows_ias(year: int) -> bool:
    """Whether the IAS of `year` is published (in the tables): without it no fine can be set."""
    return year in DEFAULT_TABLES.ias

"""Every read the demo makes of the legal tables (vocabularies, oversight bodies, calendar,
approval rules, IAS), in one place.

The legal tables are moving from mutable module dicts to one immutable value; keeping the
demo's reads here means that change touches this file only.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from workflows import sanctions
from workflows.calendar import calendar_options
from workflows.calendar import is_working_day as _is_working_day
from workflows.referral import needs_approval as _needs_approval
from workflows.referral import outcomes_for
from workflows.vocabularies import OVERSIGHT_BODY, VOCABULARIES


def label(vocabulary: str, code: str) -> str:
    """The label of `code` in `vocabulary` ("lisboa" -> "Lisboa")."""
    return VOCABULARIES[vocabulary][code]


def oversight_body(force: str | None) -> str:
    """The body that oversees a security force ("psp" -> "igai")."""
    return OVERSIGHT_BODY[force or "other"]


def next_working_day(d: date) -> date:
    """`d`, or the first working day after it under the calendar in force."""
    options = calendar_options()
    while not _is_working_day(d, options):
        d += timedelta(days=1)
    return d


def needs_approval(body: str) -> bool:
    """Whether a referral to `body` waits for the president's approval before it is sent."""
    return _needs_approval(body)


def outcomes(body: str) -> tuple[str, ...]:
    """The answers `body` may give to a referral."""
    return outcomes_for(body)


def fine_bounds(year: int, person: str) -> tuple[Decimal, Decimal]:
    """The legal (minimum, maximum) fine for facts of `year` ("natural" or "legal" person)."""
    return sanctions.fine_bounds(year, person)


def ias(year: int) -> Decimal:
    """The IAS (social support index) of `year`, the unit fines are counted in."""
    return sanctions.ias(year)

"""The Portuguese working-day calendar used to count deadlines (domain.md section 4).

Working days are Monday to Friday minus the 13 national holidays; Carnival Tuesday and Lisbon's
municipal holiday (13 June) are options, because whether CICDR closes on them is a local decision
made by configuration, not by law. The options in force are part of the legal tables
(`workflows.tables.LegalTables.calendar`); a function given neither options nor tables uses the
default tables. One-off closure days (a declared day off, `LegalTables.closure_days`) are
non-working days too, read from `tables` (the default tables have none); they are checked
outside the cache of holidays, which is keyed by (year, options) only.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays

from workflows.defaults import (  # noqa: F401  (names this module always offered)
    CalendarOptions,
)
from workflows.tables import DEFAULT_TABLES, LegalTables

# The holidays library names holidays in the language it is given; we pin it so the Carnival
# lookup by name below never depends on the server's LANG.
_LANGUAGE = "pt_PT"
_CARNIVAL_NAME = "Carnaval"


def options_in_force(options: CalendarOptions | None = None, *,
                     tables: LegalTables | None = None) -> CalendarOptions:
    """`options` when given, else those of `tables`, else those of the default tables."""
    if options is not None:
        return options
    if tables is None:
        tables = DEFAULT_TABLES
    return tables.calendar


@functools.lru_cache(maxsize=256)
def _holidays_cached(year: int, options: CalendarOptions) -> frozenset[date]:
    """Compute one year's holidays; cached because deadline counting asks once per day."""
    days = set(holidays.PT(years=year, language=_LANGUAGE).keys())
    if options.carnival:
        # The "optional" category also holds Christmas Eve, 26 and 31 December and Santo
        # António; only Carnival is wanted, so pick it by its (pinned-language) name.
        optional = holidays.PT(years=year, language=_LANGUAGE, categories=("optional",))
        days.update(d for d, name in optional.items() if name == _CARNIVAL_NAME)
    if options.lisbon:
        # Lisbon's holiday (Santo António) is a fixed date; no need to ask the library.
        days.add(date(year, 6, 13))
    return frozenset(days)


def holidays_for(year: int, options: CalendarOptions | None = None, *,
                 tables: LegalTables | None = None) -> frozenset[date]:
    """The holidays of `year` under `options` (when None: those of `tables`, or the defaults)."""
    return _holidays_cached(year, options_in_force(options, tables=tables))


def is_closure_day(d: date, *, tables: LegalTables | None = None) -> bool:
    """Whether `d` is a one-off closure day of `tables` (None: the default tables, none)."""
    return d in (DEFAULT_TABLES if tables is None else tables).closure_days


def is_working_day(d: date, options: CalendarOptions | None = None, *,
                   tables: LegalTables | None = None) -> bool:
    """Whether `d` is a working day: not a Saturday or Sunday, not a holiday (under `options`,
    else those of `tables`) and not a closure day of `tables`."""
    return (d.weekday() < 5 and not is_closure_day(d, tables=tables)
            and d not in holidays_for(d.year, options, tables=tables))


def next_working_day(d: date, options: CalendarOptions | None = None, *,
                     tables: LegalTables | None = None) -> date:
    """`d` itself when it is a working day, otherwise the first working day after it."""
    chosen = options_in_force(options, tables=tables)
    while not is_working_day(d, chosen, tables=tables):
        d += timedelta(days=1)
    return d

"""The deadline table and due-date arithmetic (domain.md section 4).

A deadline is a kind (an id of the table below), a start event and the rule of its kind. The table
is configuration: whether the administrative-phase terms count working or calendar days is legally
uncertain, so an administrator may change a kind's length or counting. The table in force is part
of the legal tables (`workflows.tables.LegalTables.deadline_rules`, derived with `with_rule`);
every function here takes them as an optional `tables` argument (the default tables when None).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from workflows.calendar import is_working_day
from workflows.defaults import (  # noqa: F401  (names this module always offered)
    COUNTINGS,
    DEFAULT_RULES,
    MAX_LENGTH,
    Counting,
    DeadlineRule,
    Unit,
    UnknownDeadlineKind,
    checked_rule,
)
from workflows.tables import LegalTables, in_force

_ONE_DAY = timedelta(days=1)



def rule(kind: str, *, tables: LegalTables | None = None) -> DeadlineRule:
    """The rule in force for `kind`; raises UnknownDeadlineKind."""
    return in_force(tables).rule(kind)


def rules(*, tables: LegalTables | None = None) -> Mapping[str, DeadlineRule]:
    """The whole table in force (read-only)."""
    return in_force(tables).deadline_rules


def add_years(d: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February (Civil Code art. 279 c))."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def merge_suspensions(suspensions: Sequence[tuple[date, date]],
                      start: date) -> list[tuple[date, date]]:
    """Validate, drop those wholly on or before `start`, and merge overlapping/adjacent ranges."""
    for first, last in suspensions:
        if first > last:
            raise ValueError(f"A suspension cannot end ({last}) before it begins ({first}).")
    merged: list[tuple[date, date]] = []
    # Days up to `start` are never counted anyway, so ranges ending there change nothing.
    for first, last in sorted(s for s in suspensions if s[1] > start):
        if merged and first <= merged[-1][1] + _ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _suspended(d: date, ranges: Sequence[tuple[date, date]]) -> bool:
    return any(first <= d <= last for first, last in ranges)


def due_date(kind: str, start: date, *, suspensions: Sequence[tuple[date, date]] = (),
             tables: LegalTables | None = None) -> date:
    """The last day of a `kind` term whose start event happened on `start`.

    - The day of the start event is not counted: counting begins the day after `start`.
    - `working` terms count only working days (not Saturday, Sunday, a holiday of
      `workflows.calendar` under the options of `tables`, or a closure day of `tables`);
      `calendar` terms count every day.
    - A term in `years` runs to the same day N years later (29 February -> 28 February, Civil Code
      art. 279 c)); suspended days then lengthen it as calendar days.
    - `suspensions` are inclusive `(first, last)` ranges during which the clock is stopped: none of
      their days counts, whatever its kind. Overlapping ranges are merged, ranges wholly before
      `start` are ignored, and `first > last` raises ValueError. Recomputing after a suspension
      ends is calling this again with the closed range.
    - A term of either kind that ends on a non-working day (a closure day included) moves to
      the next working day (CPA art. 87); the due day is also never a suspended day (the clock
      is stopped then).

    The rule, the calendar options and the closure days come from `tables` (the default tables
    when None), all read from that one value. Raises UnknownDeadlineKind for a kind not in the
    table.
    """
    current = in_force(tables)
    r = current.rule(kind)
    stopped = merge_suspensions(suspensions, start)
    if r.unit == "years":
        # Turning the years into calendar days lets suspensions lengthen the term day by day.
        length, counting = (add_years(start, r.length) - start).days, "calendar"
    else:
        length, counting = r.length, r.counting
    day, counted = start, 0
    while counted < length:
        day += _ONE_DAY
        if _suspended(day, stopped):
            continue
        if counting == "calendar" or is_working_day(day, tables=current):
            counted += 1
    while _suspended(day, stopped) or not is_working_day(day, tables=current):
        day += _ONE_DAY
    return day


def is_overdue(due: date, today: date) -> bool:
    """Whether a term due on `due` has expired by `today` (the due day itself is still in time)."""
    return today > due


def working_days_between(a: date, b: date, *, tables: LegalTables | None = None) -> int:
    """The number of working days after `a` up to and including `b` (0 when b <= a)."""
    current = in_force(tables)
    count, day = 0, a
    while day < b:
        day += _ONE_DAY
        if is_working_day(day, tables=current):
            count += 1
    return count


def validated_rule(kind: str, *, length: int | None = None,
                   counting: Counting | None = None,
                   base: DeadlineRule | None = None,
                   tables: LegalTables | None = None) -> DeadlineRule:
    """The rule `kind` would have with this length and/or counting (from `base`, by default the
    rule of `tables`), checked; nothing changes. Raises ValueError saying what to fix."""
    return checked_rule(base or rule(kind, tables=tables), length=length, counting=counting)

"""Prescription of the contra-ordinance procedure (RGCO arts 27, 27-A and 28; domain.md section 4).

The procedure prescribes 3 years after the facts when the maximum applicable fine is at least
EUR 2,493.99, otherwise after 1 year. Interruptions start a new period, suspensions (file at the
prosecutor) stop the clock for at most 6 months each, and nothing extends it past the period plus
half plus the suspension time. The IAS, the multiples and the threshold come from the legal
tables (`workflows.tables`), an optional `tables` argument (the default tables when None).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from workflows.sanctions import fine_bounds
from workflows.tables import DEFAULT_TABLES, LegalTables

LONG_PERIOD_MONTHS = 36
SHORT_PERIOD_MONTHS = 12
MAX_SUSPENSION_MONTHS = 6  # RGCO art. 27-A(2)

_ONE_DAY = timedelta(days=1)


def add_months(d: date, months: int) -> date:
    """The same day `months` later, clamped to the last day of a shorter month.

    29 February 2024 + 12 months = 28 February 2025; 31 August + 6 months = 28/29 February.
    """
    years, month0 = divmod(d.month - 1 + months, 12)
    year, month = d.year + years, month0 + 1
    # The last day of the target month, without the stdlib `calendar` module whose name this
    # package's own `workflows.calendar` makes easy to confuse.
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(d.day, (first_of_next - _ONE_DAY).day))


def period_months(facts: date, person: str, negligent: bool = False, *,
                  tables: LegalTables | None = None) -> int:
    """36 when the maximum fine for facts of that year reaches the threshold, otherwise 12.

    Raises UnknownIASYear when the IAS of the facts' year is not in the table.
    """
    if tables is None:
        tables = DEFAULT_TABLES
    maximum = fine_bounds(facts.year, person, negligent=negligent, tables=tables)[1]
    return (LONG_PERIOD_MONTHS if maximum >= tables.prescription_threshold
            else SHORT_PERIOD_MONTHS)


def suspended_days(facts: date, suspensions: Sequence[tuple[date, date]]) -> int:
    """Days the prescription clock stood still: each range capped at 6 months, none counted twice.

    Each `(first, last)` is inclusive and counts from `first` up to
    min(last, first + 6 months - 1 day). Capping each range before uniting them keeps the cap per
    stay at the prosecutor while an accidental overlap of two records is not counted twice.
    """
    capped: list[tuple[date, date]] = []
    for first, last in suspensions:
        if first > last:
            raise ValueError(f"A suspension cannot end ({last}) before it begins ({first}).")
        if first < facts:
            raise ValueError(f"A suspension ({first}) cannot begin before the facts ({facts}).")
        capped.append((first, min(last, add_months(first, MAX_SUSPENSION_MONTHS) - _ONE_DAY)))
    total, covered_to = 0, date.min
    for first, last in sorted(capped):
        begin = max(first, covered_to + _ONE_DAY)
        if begin <= last:
            total += (last - begin).days + 1
            covered_to = last
    return total


def prescription_date(facts: date, *, person: str, negligent: bool = False,
                      interruptions: Sequence[date] = (),
                      suspensions: Sequence[tuple[date, date]] = (),
                      tables: LegalTables | None = None) -> date:
    """The last day on which the procedure is still alive; it is time-barred from the next day.

    - Period: 36 months when the maximum fine (`fine_bounds(facts.year, person,
      negligent=negligent)[1]`) is at least PRESCRIPTION_THRESHOLD, otherwise 12 months
      (RGCO art. 27). Months run to the same day, clamped to the month's last day.
    - Suspensions (art. 27-A, file at the prosecutor): inclusive `(first, last)` ranges, each
      counted for at most 6 months; the suspended days are added to every end below.
      `first > last`, or a suspension before the facts, raises ValueError.
    - Interruptions (art. 28: notification of the accusation, relevant evidence steps, the
      decision), in date order: one on a day d with facts <= d <= the current end (current start
      + period + suspended days) starts a new period on d; one after the current end is ignored,
      since a prescribed procedure is not revived; one before the facts raises ValueError.
    - Result: min(normal end, absolute limit), where normal end = last start + period + suspended
      days and absolute limit = facts + period * 1.5 + suspended days (art. 28(3)).

    The IAS table and the threshold are those of `tables` (the default tables when None).
    Raises UnknownIASYear when the IAS of the facts' year is not in the table.
    """
    period = period_months(facts, person, negligent, tables=tables)
    for d in interruptions:
        if d < facts:
            raise ValueError(f"An interruption ({d}) cannot come before the facts ({facts}).")
    extra = timedelta(days=suspended_days(facts, suspensions))
    start = facts
    for d in sorted(interruptions):
        if d > add_months(start, period) + extra:
            break  # already prescribed on d; later interruptions are later still
        start = d
    normal_end = add_months(start, period) + extra
    absolute_limit = add_months(facts, period * 3 // 2) + extra
    return min(normal_end, absolute_limit)


def is_prescribed(prescription: date, today: date) -> bool:
    """Whether the procedure is time-barred on `today` (the prescription date is still alive)."""
    return today > prescription

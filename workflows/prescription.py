"""Prescription of the administrative-offence procedure, per respondent, and of the fine.

RGCO arts 27, 27-A and 28 (the procedure) and 29-30 (the fine); domain.md section 4. Pure
computation: every date comes in as an argument (`today` included), nothing reads the clock.
Which procedural events interrupt and which causes suspend are named in
`workflows.interruptions` (re-exported here).

Counting conventions, used throughout:
- Months (Civil Code art. 279(c)): a term of N months from day d ends on the day of the N-th
  month that corresponds to d, or on that month's last day when it has no such day: 31 August
  + 6 months = 28 February (29 in a leap year); 29 February 2024 + 12 months = 28 February
  2025. Years are 12 months, so 1.5 x 3 years = 54 months = 4 years 6 months and 1.5 x 1 year
  = 18 months. The day that starts a term is not counted (art. 279(b)): facts on 10 June 2019
  with a 1-year period keep the procedure alive through 10 June 2020.
- Suspensions are inclusive `(first, last)` calendar-day ranges; each cause counts at most the
  calendar span of 6 months from its first day, `first .. first + 6 months - 1 day` (art.
  27-A(2)): 1 August .. 31 January (184 days), 31 August .. 27 February (181 days in a common
  year). A day suspended by two records counts once. A suspension that has not ended is given
  with `last=None` and counts up to `today` (so the date shown is the one on which the
  procedure prescribes if the cause ends today, the earliest possible; it moves on daily while
  the cause runs, until the 6-month cap); `today` is then required, and a cause recorded to
  begin after `today` counts nothing yet.
- A suspended day only stops a period that is running: only days after the day a period
  starts count for it, and a suspension (or interruption) that begins after the procedure has
  already prescribed changes nothing: a time-barred procedure is not revived.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from workflows.interruptions import (
    INTERRUPTING_EVENTS,
    SUSPENSION_CAUSES,
    TRIGGER_EVENTS,
    Interrupting,
    interruption_dates,
)
from workflows.sanctions import fine_bounds
from workflows.tables import LegalTables, in_force

LONG_PERIOD_MONTHS = 36
SHORT_PERIOD_MONTHS = 12
MAX_SUSPENSION_MONTHS = 6  # RGCO art. 27-A(2)

_ONE_DAY = timedelta(days=1)

Range = tuple[date, date]  # inclusive calendar days
Suspension = tuple[date, date | None]  # last None: the cause is still running


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or the last day of a shorter month (Civil Code art. 279(c)).

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

    The maximum is `fine_bounds(facts.year, person, negligent=negligent)[1]` (IAS of the year of
    `facts` times the multiple, halved for negligence), the threshold
    `tables.prescription_threshold` (EUR 2,493.99, RGCO art. 27(b)-(c)).
    Raises UnknownIASYear when the IAS of the facts' year is not in the table.
    """
    tables = in_force(tables)
    maximum = fine_bounds(facts.year, person, negligent=negligent, tables=tables)[1]
    return (LONG_PERIOD_MONTHS if maximum >= tables.prescription_threshold
            else SHORT_PERIOD_MONTHS)


def _days(first: date, last: date) -> int:
    return (last - first).days + 1


def _capped(first: date, last: date | None, today: date | None) -> Range | None:
    """The days one cause counts: at most 6 months from `first`; a running one up to `today`
    (None when it has not begun by `today`)."""
    if last is None:
        if today is None:
            raise ValueError(f"A running suspension (since {first}) needs `today` to be counted.")
        if today < first:
            return None
        last = today
    if first > last:
        raise ValueError(f"A suspension cannot end ({last}) before it begins ({first}).")
    return first, min(last, add_months(first, MAX_SUSPENSION_MONTHS) - _ONE_DAY)


def suspension_ranges(facts: date, suspensions: Iterable[Suspension], *,
                      begin: date | None = None, today: date | None = None) -> list[Range]:
    """The suspended days as sorted, disjoint ranges: each cause capped at 6 months, days on or
    before `begin` (default `facts`) dropped since no period runs then, overlaps united.

    ValueError when a suspension begins before the facts or ends before it begins, or when one
    is running (`last` None) and `today` is not given.
    """
    begin = facts if begin is None else begin
    merged: list[Range] = []
    capped: list[Range] = []
    for first, last in suspensions:
        if first < facts:
            raise ValueError(f"A suspension ({first}) cannot begin before the facts ({facts}).")
        days = _capped(first, last, today)
        if days is not None and days[1] > begin:
            capped.append((max(days[0], begin + _ONE_DAY), days[1]))
    for first, last in sorted(capped):
        if merged and first <= merged[-1][1] + _ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def suspended_days(facts: date, suspensions: Sequence[Suspension], *,
                   today: date | None = None) -> int:
    """Days the prescription clock stood still after the facts (see `suspension_ranges`)."""
    return sum(_days(a, b) for a, b in suspension_ranges(facts, suspensions, today=today))


@dataclass(frozen=True)
class Prescription:
    """One respondent's prescription: the current period and both limits (art. 28(3))."""

    period_months: int
    period_start: date  # the facts' end, or the last interruption that took effect
    ordinary: date  # period_start + period + days suspended after period_start
    absolute: date  # facts' end + 1.5 x period + every suspended day
    suspended_days: int  # every suspended day that counted

    @property
    def last_day(self) -> date:
        """The last day the procedure is alive (the earlier limit); time-barred the day after."""
        return min(self.ordinary, self.absolute)


def _limits(period: int, begin: date, start: date, stops: Sequence[Range]) -> Prescription:
    after = sum(_days(max(a, start + _ONE_DAY), b) for a, b in stops if b > start)
    total = sum(_days(a, b) for a, b in stops)
    return Prescription(period, start, add_months(start, period) + timedelta(days=after),
                        add_months(begin, period * 3 // 2) + timedelta(days=total), total)


def _run(period: int, begin: date, interruptions: Iterable[date],
         stops: Sequence[Range]) -> Prescription:
    """Walk the interruptions and suspensions in date order while the procedure is alive."""
    events: list[tuple[date, Range | None]] = [(d, None) for d in interruptions]
    events += [(s[0], s) for s in stops]
    start = begin
    counted: list[Range] = []
    for day, stop in sorted(events, key=lambda e: e[0]):
        if day > _limits(period, begin, start, counted).last_day:
            break  # already time-barred on `day`: nothing later revives it
        if stop is None:
            start = max(start, day)  # before the facts ended no period runs yet
        else:
            counted.append(stop)
    return _limits(period, begin, start, counted)


def prescription_limits(facts: date, *, person: str, negligent: bool = False,
                        facts_end: date | None = None, interruptions: Sequence[date] = (),
                        suspensions: Sequence[Suspension] = (),
                        court_suspensions: Sequence[Suspension] = (),
                        today: date | None = None,
                        tables: LegalTables | None = None) -> Prescription:
    """The period, its start and both limits for one respondent; see `prescription_date`."""
    if facts_end is not None and facts_end < facts:
        raise ValueError(f"The facts cannot end ({facts_end}) before they began ({facts}).")
    begin = facts if facts_end is None else facts_end
    for d in interruptions:
        if d < facts:
            raise ValueError(f"An interruption ({d}) cannot come before the facts ({facts}).")
    period = period_months(facts, person, negligent, tables=tables)
    stops = suspension_ranges(facts, [*suspensions, *court_suspensions], begin=begin,
                              today=today)
    return _run(period, begin, interruptions, stops)


def prescription_date(facts: date, *, person: str, negligent: bool = False,
                      interruptions: Sequence[date] = (),
                      suspensions: Sequence[Suspension] = (),
                      tables: LegalTables | None = None,
                      facts_end: date | None = None,
                      court_suspensions: Sequence[Suspension] = (),
                      today: date | None = None) -> date:
    """The last day on which the procedure against one respondent is alive (RGCO arts 27-28).

    - Period (art. 27): 3 years when the maximum applicable fine reaches the threshold of the
      tables (EUR 2,493.99), otherwise 1 year (`period_months`).
    - It starts on the day the facts ended: `facts_end` for a continuing offence, else `facts`
      (the period itself follows the IAS of the year of `facts`, as the fine bounds do).
    - Interruptions (art. 28(1), the dates the caller gives: see INTERRUPTING_EVENTS) start a
      new full period on their date. One before the facts raises ValueError; one before the
      facts ended, or after the procedure already prescribed, changes nothing.
    - Suspensions (art. 27-A): `suspensions` (file at the prosecutor) and `court_suspensions`
      (judicial appeal), inclusive `(first, last)` ranges, `last` None while running (counted
      up to `today`), each at most 6 months; see the module's conventions.
    - Ordinary end = start of the current period + period + days suspended after that start;
      a suspension over before the last interruption does not move it.
    - Absolute limit (art. 28(3)) = facts' end + 1.5 x period + every suspended day.
    - The result is the earlier of the two.

    Examples (natural person acting with intent, facts in 2022: maximum 10 x 443.20 = 4,432.00,
    so 3 years):
    - facts 10 March 2022, nothing else -> 10 March 2025;
    - at the prosecutor 1 February .. 31 March 2023 (59 days), accusation notified 15 June 2023:
      ordinary 15 June 2026 (the suspension was before the interruption), absolute
      10 September 2026 + 59 days = 8 November 2026 -> 15 June 2026;
    - the same and an evidence step on 1 May 2025: ordinary 1 May 2028 -> absolute 8 November
      2026;
    - at the prosecutor 31 August 2022 .. 15 May 2023: counts 31 August 2022 .. 27 February
      2023 = 181 days -> 10 March 2025 + 181 days = 7 September 2025.
    1-year period (natural person, negligent, facts 10 June 2019: maximum 2,178.80): 10 June
    2020; interrupted 1 September 2019 -> 1 September 2020; absolute 10 December 2020.

    `tables`: the IAS and threshold (None: the defaults). Raises UnknownIASYear when the IAS
    of the facts' year is not in the table.
    """
    return prescription_limits(
        facts, person=person, negligent=negligent, facts_end=facts_end,
        interruptions=interruptions, suspensions=suspensions,
        court_suspensions=court_suspensions, today=today, tables=tables).last_day


def is_prescribed(prescription: date, today: date) -> bool:
    """Whether the procedure is time-barred on `today` (the prescription date is still alive)."""
    return today > prescription


def _as_seen_on(day: date, suspensions: Sequence[Suspension]) -> list[Suspension]:
    """The suspensions as known on `day`: one ending later is still running then."""
    return [(a, None if b is None or b > day else b) for a, b in suspensions]


def prescribed_on(facts: date, day: date, *, person: str, negligent: bool = False,
                  facts_end: date | None = None, interruptions: Sequence[date] = (),
                  suspensions: Sequence[Suspension] = (),
                  court_suspensions: Sequence[Suspension] = (),
                  tables: LegalTables | None = None) -> bool:
    """Whether the procedure against one respondent is time-barred on `day`.

    False while a judicial appeal's suspension runs on `day` (from its first day, through its
    last, or open-ended): the case is before the court, which declares prescription itself, so
    an `appealed` respondent is never prescribed automatically. Otherwise `day` is after
    `prescription_date` computed with every suspension as it stood on `day`. Example (1-year
    period, facts 10 June 2019, decision notified 1 December 2019, appeal admitted 2 March
    2020): on 10 June 2021 False while the court has not decided; once it decided on 15 January
    2021, True (the last day was 1 December 2020 + 184 days = 3 June 2021).
    """
    for first, last in court_suspensions:
        if first <= day and (last is None or day <= last):
            return False
    return day > prescription_date(
        facts, person=person, negligent=negligent, facts_end=facts_end,
        interruptions=interruptions, suspensions=_as_seen_on(day, suspensions),
        court_suspensions=_as_seen_on(day, court_suspensions), today=day, tables=tables)


# -- the fine (RGCO arts 29-30) ------------------------------------------------------------------


def fine_period_months(amount: Decimal, *, tables: LegalTables | None = None) -> int:
    """36 when the fine exceeds the threshold (EUR 3,740.98 by default), otherwise 12 (art. 29)."""
    return (LONG_PERIOD_MONTHS if amount > in_force(tables).fine_prescription_threshold
            else SHORT_PERIOD_MONTHS)


def fine_prescription_date(final_on: date, amount: Decimal, *,
                           instalment_periods: Sequence[Range] = (),
                           tables: LegalTables | None = None,
                           interruptions: Sequence[date] = ()) -> date:
    """The last day the fine can be enforced (RGCO arts 29-30-A); it prescribes the day after.

    3 years from the day the decision became final (`final_on`) when `amount` exceeds the
    tables' `fine_prescription_threshold` (default EUR 3,740.98, the art. 17(1) maximum),
    otherwise 1 year. Suspended while instalments run (art. 30(c)): each inclusive `(first,
    last)` period adds its days after `final_on` (overlaps counted once), with no cap; one
    granted after the fine prescribed adds nothing. Interrupted by its enforcement (art.
    30-A(1)): each date of `interruptions` starts a new full period, and instalment days count
    for the period only after its start; but the fine always prescribes once the period and
    half of it, plus every suspended day, have run from finality (art. 30-A(2)). An
    interruption after the fine prescribed revives nothing. Examples, final on 10 January 2025:
    EUR 3,740.99 -> 10 January 2028; EUR 3,740.98 -> 10 January 2026; EUR 3,740.98 with
    instalments 10 February 2025 .. 10 January 2026 (335 days) -> 11 December 2026; EUR 5,000
    enforced on 1 December 2025 -> 1 December 2028, and enforced again on 1 June 2027 -> the
    absolute limit, 10 July 2029 (54 months); EUR 500 enforced on 1 December 2025 -> the
    absolute limit, 10 July 2026 (18 months), before 1 December 2026.
    """
    for first, last in instalment_periods:
        if first > last:
            raise ValueError(f"Instalments cannot end ({last}) before they begin ({first}).")
    for d in interruptions:
        if d < final_on:
            raise ValueError(f"An enforcement ({d}) cannot come before finality ({final_on}).")
    period = fine_period_months(amount, tables=tables)
    # Instalment periods are not capped at 6 months (unlike the procedure's causes).
    stops = _uncapped(final_on, instalment_periods)
    return _run(period, final_on, interruptions, stops).last_day


def _uncapped(final_on: date, periods: Sequence[Range]) -> list[Range]:
    """The days of `periods` after `final_on`, as sorted disjoint ranges (no 6-month cap)."""
    merged: list[Range] = []
    for first, last in sorted((max(a, final_on + _ONE_DAY), b) for a, b in periods
                              if b > final_on):
        if merged and first <= merged[-1][1] + _ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


__all__ = [
    "INTERRUPTING_EVENTS", "SUSPENSION_CAUSES", "TRIGGER_EVENTS", "Interrupting", "Prescription",
    "add_months", "fine_period_months", "fine_prescription_date", "interruption_dates",
    "is_prescribed", "period_months", "prescribed_on", "prescription_date",
    "prescription_limits", "suspended_days", "suspension_ranges",
]

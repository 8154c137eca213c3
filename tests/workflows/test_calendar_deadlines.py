"""The working-day calendar and due dates, checked against dates counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from workflows import deadlines
from workflows.calendar import (
    CalendarOptions,
    holidays_for,
    is_working_day,
    next_working_day,
)
from workflows.deadlines import UnknownDeadlineKind, due_date
from workflows.tables import DEFAULT_TABLES

# -- calendar ----------------------------------------------------------------------------------


def test_the_2026_national_holidays_are_the_thirteen_of_the_spec() -> None:
    # Easter 2026 is 5 April: Good Friday 3 April, Corpus Christi (Easter + 60) 4 June.
    assert holidays_for(2026, CalendarOptions()) == {
        date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 5), date(2026, 4, 25),
        date(2026, 5, 1), date(2026, 6, 4), date(2026, 6, 10), date(2026, 8, 15),
        date(2026, 10, 5), date(2026, 11, 1), date(2026, 12, 1), date(2026, 12, 8),
        date(2026, 12, 25),
    }


def test_carnival_and_lisbon_options_add_only_their_own_day() -> None:
    # The library's optional category also has 24, 26 and 31 December: they must not leak in.
    extra = holidays_for(2026, CalendarOptions(carnival=True, lisbon=True)) - holidays_for(2026)
    assert extra == {date(2026, 2, 17), date(2026, 6, 13)}


def test_changing_one_calendar_option_keeps_the_other() -> None:
    tables = DEFAULT_TABLES.with_calendar(carnival=True).with_calendar(lisbon=True)
    assert tables.calendar == CalendarOptions(carnival=True, lisbon=True)
    assert DEFAULT_TABLES.calendar == CalendarOptions()


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert is_working_day(date(2026, 4, 2))  # Thursday before Good Friday
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 4, 4))  # Saturday
    # Sat 3 Oct 2026 -> Sun 4 -> Mon 5 Oct (Republic Day) -> Tue 6 Oct.
    assert next_working_day(date(2026, 10, 3)) == date(2026, 10, 6)
    assert next_working_day(date(2026, 10, 6)) == date(2026, 10, 6)


# -- working-day terms -------------------------------------------------------------------------


def test_easter_is_skipped_in_a_working_term_started_on_wednesday_1_april_2026() -> None:
    # Thu 2 (1), Good Friday 3 skipped, Mon 6..Fri 10 (2-6), Mon 13..Thu 16 (7-10).
    assert due_date("defence", date(2026, 4, 1)) == date(2026, 4, 16)


def test_corpus_christi_and_portugal_day_are_skipped_in_june_2026() -> None:
    # From Mon 1 June: Tue 2 (1), Wed 3 (2), Thu 4 Corpus Christi skipped, Fri 5 (3),
    # Mon 8 (4), Tue 9 (5), Wed 10 skipped, Thu 11 (6), Fri 12 (7), Mon 15..Wed 17 (8-10).
    assert due_date("entity_information", date(2026, 6, 1)) == date(2026, 6, 17)


def test_a_working_term_across_christmas_and_new_year() -> None:
    # From Tue 22 Dec 2026: 23 (1), 24 (2), Fri 25 skipped, 28-31 (3-6), Fri 1 Jan skipped,
    # Mon 4..Thu 7 Jan 2027 (7-10).
    assert due_date("complainant_information", date(2026, 12, 22)) == date(2027, 1, 7)


def test_the_carnival_option_lengthens_a_term_over_17_february_2026() -> None:
    # From Fri 13 Feb: Mon 16..Fri 27 Feb are ten working days.
    assert due_date("defence", date(2026, 2, 13)) == date(2026, 2, 27)
    carnival = DEFAULT_TABLES.with_calendar(carnival=True)
    # Tue 17 Feb no longer counts, so the tenth day is Mon 2 March.
    assert due_date("defence", date(2026, 2, 13), tables=carnival) == date(2026, 3, 2)
    assert due_date("defence", date(2026, 2, 13),
                    tables=carnival.with_calendar(carnival=False)) == date(2026, 2, 27)


def test_the_lisbon_option_lengthens_a_term_over_friday_13_june_2025() -> None:
    # From Wed 11 June 2025: Thu 12 (1), Fri 13 (2), Mon 16..Wed 18 (3-5), Thu 19 Corpus
    # Christi skipped, Fri 20 (6), Mon 23..Thu 26 (7-10).
    assert due_date("defence", date(2025, 6, 11)) == date(2025, 6, 26)
    lisbon = DEFAULT_TABLES.with_calendar(lisbon=True)
    # Fri 13 June no longer counts: the tenth day is Fri 27 June.
    assert due_date("defence", date(2025, 6, 11), tables=lisbon) == date(2025, 6, 27)


# -- calendar-day terms ------------------------------------------------------------------------


def test_the_start_day_is_not_counted() -> None:
    # 10 calendar days from Mon 2 March 2026: 3 March is day 1, Thu 12 March is day 10.
    assert due_date("referral_send_mp", date(2026, 3, 2)) == date(2026, 3, 12)


def test_a_calendar_term_ending_on_a_saturday_moves_to_monday() -> None:
    # Fri 6 March 2026 + 15 days = Sat 21 March -> Mon 23 March.
    assert due_date("report", date(2026, 3, 6)) == date(2026, 3, 23)


def test_a_calendar_term_ending_on_a_holiday_monday_moves_to_tuesday() -> None:
    # Sun 20 Sept 2026 + 15 days = Mon 5 Oct (Republic Day) -> Tue 6 Oct.
    assert due_date("decision", date(2026, 9, 20)) == date(2026, 10, 6)


def test_an_instruction_ending_on_easter_sunday_moves_to_monday() -> None:
    # Mon 5 Jan 2026 + 90: 26 days left in Jan, +28 Feb = 54, +31 Mar = 85, 5 April = 90,
    # Easter Sunday -> Mon 6 April.
    assert due_date("instruction", date(2026, 1, 5)) == date(2026, 4, 6)


def test_publication_runs_five_years_from_29_february_to_28_february() -> None:
    # 29 Feb 2024 + 5 years: no 29 Feb in 2029 -> Wed 28 Feb 2029 (Civil Code art. 279 c)).
    assert due_date("publication", date(2024, 2, 29)) == date(2029, 2, 28)


def test_a_suspension_lengthens_a_term_in_years_by_calendar_days() -> None:
    # 28 Feb 2029 + 10 suspended days = Sat 10 March 2029 -> Mon 12 March.
    stopped = [(date(2025, 1, 1), date(2025, 1, 10))]
    assert due_date("publication", date(2024, 2, 29), suspensions=stopped) == date(2029, 3, 12)


# -- suspensions -------------------------------------------------------------------------------


def test_a_suspension_in_the_middle_of_a_working_term_is_recomputed_on_resumption() -> None:
    start = date(2026, 3, 2)  # Monday
    # Unsuspended: Tue 3..Fri 6 (1-4), Mon 9..Fri 13 (5-9), Mon 16 (10).
    assert due_date("defence", start) == date(2026, 3, 16)
    # Stopped Thu 5..Wed 11: Tue 3 (1), Wed 4 (2), Thu 12 (3), Fri 13 (4), Mon 16..Fri 20
    # (5-9), Mon 23 (10).
    closed = [(date(2026, 3, 5), date(2026, 3, 11))]
    assert due_date("defence", start, suspensions=closed) == date(2026, 3, 23)


def test_a_suspension_in_a_calendar_term_adds_its_days() -> None:
    # Instruction from 5 Jan 2026 ends 5 April (before the weekend/holiday move); 10 days
    # stopped in February push it to Wed 15 April.
    stopped = [(date(2026, 2, 1), date(2026, 2, 10))]
    assert due_date("instruction", date(2026, 1, 5), suspensions=stopped) == date(2026, 4, 15)


def test_overlapping_suspensions_are_merged() -> None:
    # 5-9 and 9-11 March together stop 5-11 March once, as in the single-range case: Mon 23.
    stopped = [(date(2026, 3, 9), date(2026, 3, 11)), (date(2026, 3, 5), date(2026, 3, 9)),
               (date(2026, 3, 6), date(2026, 3, 6))]
    assert due_date("defence", date(2026, 3, 2), suspensions=stopped) == date(2026, 3, 23)


def test_suspensions_before_the_start_or_after_the_due_date_change_nothing() -> None:
    stopped = [(date(2026, 2, 1), date(2026, 2, 10)), (date(2026, 4, 1), date(2026, 4, 10))]
    assert due_date("defence", date(2026, 3, 2), suspensions=stopped) == date(2026, 3, 16)


def test_a_suspension_straddling_the_start_stops_only_the_days_after_it() -> None:
    # 3 and 4 March stopped: Thu 5 (1), Fri 6 (2), Mon 9..Fri 13 (3-7), Mon 16..Wed 18 (8-10).
    stopped = [(date(2026, 2, 25), date(2026, 3, 4))]
    assert due_date("defence", date(2026, 3, 2), suspensions=stopped) == date(2026, 3, 18)


def test_the_due_day_is_never_a_suspended_day() -> None:
    # 15 days from Fri 6 March = Sat 21; Mon 23 and Tue 24 are suspended -> Wed 25 March.
    stopped = [(date(2026, 3, 23), date(2026, 3, 24))]
    assert due_date("report", date(2026, 3, 6), suspensions=stopped) == date(2026, 3, 25)


def test_a_suspension_ending_before_it_begins_is_refused() -> None:
    with pytest.raises(ValueError, match="before it begins"):
        due_date("defence", date(2026, 3, 2), suspensions=[(date(2026, 3, 9), date(2026, 3, 5))])


# -- the configurable table --------------------------------------------------------------------


def test_the_default_table_has_the_kinds_of_the_spec() -> None:
    assert set(deadlines.DEFAULT_RULES) == {
        "complainant_information", "non_opening_comment", "entity_information", "inspection",
        "defence", "instruction", "instruction_extension", "report", "decision", "appeal",
        "referral_send_mp", "publication", "referral_chaser", "appeal_send_mp", "payment",
    }
    assert deadlines.rule("appeal").counting == "working"
    assert deadlines.rule("publication").unit == "years"


def test_a_changed_rule_switches_a_kind_to_calendar_days_and_back() -> None:
    calendar_days = DEFAULT_TABLES.with_rule("defence", counting="calendar")
    # 10 calendar days from Mon 2 March 2026 = Thu 12 March.
    assert due_date("defence", date(2026, 3, 2), tables=calendar_days) == date(2026, 3, 12)
    five = calendar_days.with_rule("defence", counting="working", length=5)
    # 5 working days: Tue 3..Mon 9 March.
    assert due_date("defence", date(2026, 3, 2), tables=five) == date(2026, 3, 9)
    assert due_date("defence", date(2026, 3, 2)) == date(2026, 3, 16)


@pytest.mark.parametrize(("length", "counting"), [(0, None), (-3, None), (None, "weekdays")])
def test_a_changed_rule_refuses_bad_values(length: int | None, counting: str | None) -> None:
    with pytest.raises(ValueError, match="defence"):
        DEFAULT_TABLES.with_rule("defence", length=length, counting=counting)  # type: ignore[arg-type]
    assert deadlines.rule("defence") == deadlines.DEFAULT_RULES["defence"]


def test_an_unknown_kind_is_a_readable_error() -> None:
    with pytest.raises(UnknownDeadlineKind, match="Unknown deadline kind 'hearing'") as caught:
        due_date("hearing", date(2026, 3, 2))
    assert isinstance(caught.value, KeyError)
    assert "defence" in str(caught.value)
    with pytest.raises(UnknownDeadlineKind):
        DEFAULT_TABLES.with_rule("hearing", length=3)


def test_overdue_only_after_the_due_day() -> None:
    assert not deadlines.is_overdue(date(2026, 3, 16), date(2026, 3, 16))
    assert deadlines.is_overdue(date(2026, 3, 16), date(2026, 3, 17))


def test_working_days_between_counts_after_the_first_up_to_the_last() -> None:
    # Wed 1 April to Thu 16 April 2026 is the ten-day Easter term above.
    assert deadlines.working_days_between(date(2026, 4, 1), date(2026, 4, 16)) == 10
    assert deadlines.working_days_between(date(2026, 4, 16), date(2026, 4, 1)) == 0

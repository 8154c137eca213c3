"""One-off closure days (domain.md section 4): non-working days like a holiday, from the tables.

Portuguese holidays of December 2026 (the 13 national ones): Tue 1 Dec, Tue 8 Dec, Fri 25 Dec.
The closure day used here, Thu 24 December 2026, is the kind of day the government declares a
"tolerância de ponto".
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.workflows.subjects import Referral, User
from workflows import deadlines, referral
from workflows.calendar import holidays_for, is_closure_day, is_working_day, next_working_day
from workflows.tables import DEFAULT_TABLES

EVE = date(2026, 12, 24)  # Thursday
CLOSED = DEFAULT_TABLES.with_closure_days([EVE])


def test_a_closure_day_is_a_non_working_day_only_in_the_tables_that_have_it() -> None:
    assert is_working_day(EVE)  # a Thursday, not a national holiday
    assert not is_working_day(EVE, tables=CLOSED)
    assert is_closure_day(EVE, tables=CLOSED) and not is_closure_day(EVE)
    # The holiday cache is keyed by (year, options): asking with the closure day never puts it
    # into the holidays, and the default tables are unchanged afterwards.
    assert EVE not in holidays_for(2026, tables=CLOSED)
    assert is_working_day(EVE) and DEFAULT_TABLES.closure_days == frozenset()
    # The day after is Christmas, then a weekend: the next working day is Mon 28 December.
    assert next_working_day(EVE, tables=CLOSED) == date(2026, 12, 28)
    assert next_working_day(EVE) == EVE


def test_a_calendar_term_ending_on_a_closure_day_moves_to_the_next_working_day() -> None:
    # referral_send_mp: 10 calendar days from Mon 14 Dec 2026 -> Thu 24 Dec.
    assert deadlines.due_date("referral_send_mp", date(2026, 12, 14)) == EVE
    # 24 Dec closed, 25 Dec Christmas, 26-27 Dec the weekend -> Mon 28 Dec (CPA art. 87).
    assert deadlines.due_date("referral_send_mp", date(2026, 12, 14), tables=CLOSED) \
        == date(2026, 12, 28)


def test_a_working_day_term_does_not_count_a_closure_day() -> None:
    # defence: 10 working days from Thu 10 Dec 2026: 11, 14, 15, 16, 17, 18, 21, 22, 23, 24 Dec.
    assert deadlines.due_date("defence", date(2026, 12, 10)) == EVE
    # Without 24 Dec the 10th working day is after Christmas and the weekend: Mon 28 Dec.
    assert deadlines.due_date("defence", date(2026, 12, 10), tables=CLOSED) == date(2026, 12, 28)
    # Working days after Fri 18 Dec up to Mon 28 Dec: 21, 22, 23, (24,) 28.
    assert deadlines.working_days_between(date(2026, 12, 18), date(2026, 12, 28)) == 5
    assert deadlines.working_days_between(date(2026, 12, 18), date(2026, 12, 28),
                                          tables=CLOSED) == 4


def test_with_closure_days_replaces_the_set_and_refuses_what_is_not_a_date() -> None:
    again = CLOSED.with_closure_days([date(2026, 12, 31)])
    assert again.closure_days == {date(2026, 12, 31)} and CLOSED.closure_days == {EVE}
    assert CLOSED.with_closure_days([]).closure_days == frozenset()
    with pytest.raises(TypeError, match="must be a date"):
        DEFAULT_TABLES.with_closure_days([datetime(2026, 12, 24, 9, 0)])
    with pytest.raises(TypeError, match="must be a date"):
        DEFAULT_TABLES.with_closure_days(["2026-12-24"])  # type: ignore[list-item]


def test_a_started_deadline_reads_the_closure_days_of_the_tables_it_is_given() -> None:
    subject = Referral(state="draft", body="act")
    record = referral.WORKFLOW.fire(subject, "send", User(1, "officer"), date(2026, 12, 30),
                                    {"sent_on": "2026-11-24", "channel": "email"},
                                    tables=CLOSED)
    # referral_chaser: 30 calendar days from Tue 24 Nov 2026 -> Thu 24 Dec, closed -> Mon 28 Dec.
    assert [(d.kind, d.due) for d in record.started] == [("referral_chaser", date(2026, 12, 28))]

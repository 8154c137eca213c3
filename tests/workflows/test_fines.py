"""A final fine: payment term, instalments, enforcement and prescription (RGCO arts 29-30-A,
62, 88-89). Every date is worked out by hand in the comment beside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from workflows.deadlines import due_date
from workflows.fines import (
    Instalment,
    enforcement_due,
    enforcement_due_after,
    fine_prescription_on,
    first_unpaid,
    instalment_errors,
    instalment_period,
    last_instalment_limit,
    parse_plan,
    payment_due,
    plan_from_json,
    plan_to_json,
)
from workflows.prescription import fine_prescription_date
from workflows.tables import DEFAULT_TABLES

FINAL = date(2026, 3, 2)  # Monday 2 March 2026
GRANTED = date(2026, 3, 10)
PLAN = [Instalment(date(2026, 4, 30), D("400.00")),
        Instalment(date(2026, 9, 30), D("300.00")),
        Instalment(date(2027, 3, 2), D("300.00"))]


# -- the terms -------------------------------------------------------------------------------


def test_the_payment_term_is_ten_calendar_days_from_finality() -> None:
    # Counting starts Tue 3 March: 10 calendar days -> Thu 12 March 2026, a working day.
    assert payment_due(FINAL) == date(2026, 3, 12)
    # Final Wed 15 April 2026: + 10 = Sat 25 April (Liberty Day, and a Saturday); Sun 26 ->
    # Mon 27 April.
    assert payment_due(date(2026, 4, 15)) == date(2026, 4, 27)
    # Final Sat 21 November 2026: + 10 = Tue 1 December, a holiday -> Wed 2 December.
    assert payment_due(date(2026, 11, 21)) == date(2026, 12, 2)
    # The term is configuration: 15 days from Mon 2 March = Tue 17 March.
    assert payment_due(FINAL, tables=DEFAULT_TABLES.with_rule("payment", length=15)) \
        == date(2026, 3, 17)
    rule = DEFAULT_TABLES.rule("payment")
    assert (rule.length, rule.counting, rule.source) == (10, "calendar", "RGCO art. 88(1)")


def test_the_file_goes_to_the_prosecutor_within_five_working_days_of_the_appeal() -> None:
    # Lodged Thu 30 April 2026: Fri 1 May is a holiday; Mon 4 (1), Tue 5 (2), Wed 6 (3),
    # Thu 7 (4), Fri 8 May (5).
    assert due_date("appeal_send_mp", date(2026, 4, 30)) == date(2026, 5, 8)
    # Lodged Wed 1 April 2026: Thu 2 (1), Fri 3 Good Friday skipped, Sat/Sun skipped,
    # Mon 6 (2), Tue 7 (3), Wed 8 (4), Thu 9 April (5).
    assert due_date("appeal_send_mp", date(2026, 4, 1)) == date(2026, 4, 9)
    rule = DEFAULT_TABLES.rule("appeal_send_mp")
    assert (rule.length, rule.counting, rule.source) == (5, "working", "RGCO art. 62(1)")


# -- instalments -----------------------------------------------------------------------------


def test_the_last_instalment_falls_at_most_twelve_months_after_finality() -> None:
    assert last_instalment_limit(date(2026, 3, 31)) == date(2027, 3, 31)
    # 29 February 2028 + 12 months: February 2029 has no 29th -> 28 February 2029.
    assert last_instalment_limit(date(2028, 2, 29)) == date(2029, 2, 28)
    longer = DEFAULT_TABLES.with_instalment_months(24)
    assert last_instalment_limit(date(2026, 3, 31), tables=longer) == date(2028, 3, 31)
    assert DEFAULT_TABLES.instalment_months == 12
    for wrong in (0, -1, 121, True, 1.5):
        with pytest.raises(ValueError, match="instalment plan limit"):
            DEFAULT_TABLES.with_instalment_months(wrong)  # type: ignore[arg-type]


def test_a_plan_within_twelve_months_that_pays_what_is_owed_is_accepted() -> None:
    # Final Mon 2 March 2026: the last instalment may fall on 2 March 2027 itself.
    assert instalment_errors(PLAN, final_on=FINAL, owed=D("1000.00"), granted_on=GRANTED) == []


def test_a_plan_beyond_twelve_months_is_refused_with_the_reason() -> None:
    late = [*PLAN[:2], Instalment(date(2027, 3, 3), D("300.00"))]
    [problem] = instalment_errors(late, final_on=FINAL, owed=D("1000.00"), granted_on=GRANTED)
    assert problem == ("The last instalment (2027-03-03) falls after 2027-03-02: it may be at "
                       "most 12 months after the decision became final on 2026-03-02 "
                       "(RGCO art. 88(5)).")
    # With 18 months configured (2 September 2027) the same plan is accepted.
    assert instalment_errors(late, final_on=FINAL, owed=D("1000.00"), granted_on=GRANTED,
                             tables=DEFAULT_TABLES.with_instalment_months(18)) == []


def test_a_plan_must_be_ordered_positive_granted_and_add_up() -> None:
    def errors(plan: list[Instalment], owed: str = "1000.00") -> list[str]:
        return instalment_errors(plan, final_on=FINAL, owed=D(owed), granted_on=GRANTED)

    assert errors([]) == ["Give at least one instalment (a due date and an amount)."]
    assert errors(PLAN, owed="0.00") == ["Nothing is owed: there is nothing to pay in "
                                         "instalments."]
    assert errors(PLAN, owed="900.00") == ["The instalments add up to EUR 1000.00; EUR 900.00 "
                                           "is owed."]
    swapped = [PLAN[1], PLAN[0], PLAN[2]]
    assert errors(swapped) == ["Give the instalments in date order, each on a later day."]
    same_day = [PLAN[0], Instalment(date(2026, 4, 30), D("300.00")), PLAN[2]]
    assert errors(same_day) == ["Give the instalments in date order, each on a later day."]
    zero = [PLAN[0], Instalment(date(2026, 9, 30), D("0.00")), PLAN[2]]
    assert errors(zero) == ["Every instalment must be an amount greater than 0.",
                            "The instalments add up to EUR 700.00; EUR 1000.00 is owed."]
    early = [Instalment(date(2026, 3, 9), D("400.00")), *PLAN[1:]]
    assert errors(early) == ["The first instalment (2026-03-09) cannot fall before the plan is "
                             "granted (2026-03-10)."]


def test_payments_cover_the_instalments_in_order() -> None:
    assert first_unpaid(PLAN, D("0")) == PLAN[0]
    assert first_unpaid(PLAN, D("399.99")) == PLAN[0]
    assert first_unpaid(PLAN, D("400.00")) == PLAN[1]
    assert first_unpaid(PLAN, D("950.00")) == PLAN[2]
    assert first_unpaid(PLAN, D("1000.00")) is None


# -- enforcement (RGCO art. 89) ----------------------------------------------------------------


def test_a_fine_unpaid_after_its_term_is_due_for_enforcement() -> None:
    due = payment_due(FINAL)  # Thu 12 March 2026
    kw = {"amount": D("1000.00"), "payment_due_on": due}
    assert enforcement_due_after(paid=D("0"), **kw) == date(2026, 3, 12)
    # The last day of the term is still in time; the next day enforcement is due.
    assert not enforcement_due(paid=D("0"), today=date(2026, 3, 12), **kw)
    assert enforcement_due(paid=D("0"), today=date(2026, 3, 13), **kw)
    # A partial payment does not stop it; paying everything does.
    assert enforcement_due(paid=D("600.00"), today=date(2026, 3, 13), **kw)
    assert enforcement_due_after(paid=D("1000.00"), **kw) is None
    assert not enforcement_due(paid=D("1000.00"), today=date(2026, 3, 13), **kw)


def test_a_missed_instalment_makes_enforcement_due_the_next_day() -> None:
    kw = {"amount": D("1000.00"), "payment_due_on": payment_due(FINAL), "plan": PLAN}
    # The plan replaces the 10-day term: nothing is due on 13 March.
    assert not enforcement_due(paid=D("0"), today=date(2026, 3, 13), **kw)
    # First instalment (30 April) paid: the next one is the 30 September one.
    assert enforcement_due_after(paid=D("400.00"), **kw) == date(2026, 9, 30)
    assert not enforcement_due(paid=D("400.00"), today=date(2026, 9, 30), **kw)
    assert enforcement_due(paid=D("400.00"), today=date(2026, 10, 1), **kw)
    # Only 399.99 paid by 1 May: the first instalment was missed.
    assert enforcement_due(paid=D("399.99"), today=date(2026, 5, 1), **kw)
    assert enforcement_due_after(paid=D("1000.00"), **kw) is None


# -- prescription of the fine (RGCO arts 29-30-A) ----------------------------------------------


def test_the_plan_suspends_the_fine_prescription_until_it_ends_or_breaks() -> None:
    # Running (paid 400 by 1 June 2026): granted 10 March 2026 .. last instalment 2 March 2027.
    assert instalment_period(GRANTED, PLAN, paid=D("400"), today=date(2026, 6, 1)) \
        == (GRANTED, date(2027, 3, 2))
    # Still running on 30 September, the second instalment's last day.
    assert instalment_period(GRANTED, PLAN, paid=D("400"), today=date(2026, 9, 30)) \
        == (GRANTED, date(2027, 3, 2))
    # Broken on 1 October: it ended on the missed instalment's day, 30 September 2026.
    assert instalment_period(GRANTED, PLAN, paid=D("400"), today=date(2026, 10, 1)) \
        == (GRANTED, date(2026, 9, 30))
    assert instalment_period(GRANTED, [], paid=D("0"), today=date(2026, 10, 1)) is None


def test_the_fine_prescription_of_a_respondent_with_instalments() -> None:
    # EUR 1,000 <= 3,740.98: 1 year from Mon 2 March 2026 -> 2 March 2027.
    assert fine_prescription_on(FINAL, D("1000.00"), today=date(2026, 6, 1)) \
        == date(2027, 3, 2)
    # EUR 4,000 > 3,740.98: 3 years -> 2 March 2029.
    assert fine_prescription_on(FINAL, D("4000.00"), today=date(2026, 6, 1)) \
        == date(2029, 3, 2)
    # Plan running 10 March 2026 .. 2 March 2027 inclusive: 10 March 2026 .. 10 March 2027 is
    # 365 days, less the 8 days 3..10 March 2027 = 357, plus the first day = 358 days.
    # 2 March 2027 + 358: March 29 left (to 31 March) -> 329; Apr 30 -> 299; May 31 -> 268;
    # Jun 30 -> 238; Jul 31 -> 207; Aug 31 -> 176; Sep 30 -> 146; Oct 31 -> 115; Nov 30 -> 85;
    # Dec 31 -> 54; Jan 2028 31 -> 23 -> 23 February 2028.
    assert fine_prescription_on(FINAL, D("1000.00"), granted_on=GRANTED, plan=PLAN,
                                paid=D("400"), today=date(2026, 6, 1)) == date(2028, 2, 23)
    # Broken on 30 September 2026: 10 March .. 30 September = 22 + 30 + 31 + 30 + 31 + 31 + 30
    # = 205 days. 2 March 2027 + 205: March 29 -> 176; Apr 30 -> 146; May 31 -> 115;
    # Jun 30 -> 85; Jul 31 -> 54; Aug 31 -> 23 -> 23 September 2027.
    assert fine_prescription_on(FINAL, D("1000.00"), granted_on=GRANTED, plan=PLAN,
                                paid=D("400"), today=date(2026, 10, 1)) == date(2027, 9, 23)


def test_enforcement_interrupts_the_fine_prescription_within_the_absolute_limit() -> None:
    final = date(2025, 1, 10)
    # EUR 5,000 (3 years): enforced 1 December 2025 -> a new period, 1 December 2028; the
    # absolute limit (art. 30-A(2)) is 10 January 2025 + 54 months = 10 July 2029.
    assert fine_prescription_date(final, D("5000"), interruptions=[date(2025, 12, 1)]) \
        == date(2028, 12, 1)
    # Enforced again 1 June 2027: 1 June 2030 is past the absolute limit -> 10 July 2029.
    assert fine_prescription_date(final, D("5000"),
                                  interruptions=[date(2025, 12, 1), date(2027, 6, 1)]) \
        == date(2029, 7, 10)
    # EUR 500 (1 year): enforced 1 December 2025 -> 1 December 2026, but the absolute limit
    # is 10 January 2025 + 18 months = 10 July 2026.
    assert fine_prescription_date(final, D("500"), interruptions=[date(2025, 12, 1)]) \
        == date(2026, 7, 10)
    # After the fine prescribed (10 January 2026) an enforcement revives nothing.
    assert fine_prescription_date(final, D("500"), interruptions=[date(2026, 2, 1)]) \
        == date(2026, 1, 10)
    # Instalments 10 February 2025 .. 10 January 2026 (335 days), enforced 1 March 2026:
    # ordinary 1 March 2029 (no suspended day after it); absolute 10 July 2029 + 335 days:
    # Jul 21 left -> 314; Aug 31 -> 283; Sep 30 -> 253; Oct 31 -> 222; Nov 30 -> 192;
    # Dec 31 -> 161; Jan 2030 31 -> 130; Feb 28 -> 102; Mar 31 -> 71; Apr 30 -> 41;
    # May 31 -> 10 -> 10 June 2030. The earlier: 1 March 2029.
    assert fine_prescription_date(final, D("5000"),
                                  instalment_periods=[(date(2025, 2, 10), date(2026, 1, 10))],
                                  interruptions=[date(2026, 3, 1)]) == date(2029, 3, 1)
    with pytest.raises(ValueError, match="before finality"):
        fine_prescription_date(final, D("500"), interruptions=[date(2025, 1, 9)])


# -- the plan as typed and as stored ---------------------------------------------------------


def test_a_plan_is_typed_one_instalment_per_line() -> None:
    typed = "2026-04-30 400\n\n 2026-09-30, 300,00\n2027-03-02;EUR 300.5\n"
    assert parse_plan(typed) == [PLAN[0], PLAN[1], Instalment(date(2027, 3, 2), D("300.50"))]
    with pytest.raises(ValueError, match="Line 2: write a date as YYYY-MM-DD"):
        parse_plan("2026-04-30 400\n30/09/2026 300")
    with pytest.raises(ValueError, match="Line 1"):
        parse_plan("2026-02-30 400")
    with pytest.raises(ValueError, match="Line 1"):
        parse_plan("2026-04-30 -400")


def test_a_plan_is_stored_as_json_and_read_back() -> None:
    stored = plan_to_json(PLAN)
    assert stored.startswith('[{"due_on": "2026-04-30", "amount": "400.00"}')
    assert plan_from_json(stored) == PLAN
    assert plan_from_json(None) == [] and plan_from_json("") == []
    with pytest.raises(ValueError, match="Not an instalment plan"):
        plan_from_json('[{"due": "x"}]')

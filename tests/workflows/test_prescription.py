"""Prescription of the CO procedure, checked against dates counted by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from workflows import proceeding, sanctions
from workflows.prescription import (
    INTERRUPTING_EVENTS,
    TRIGGER_EVENTS,
    add_months,
    fine_prescription_date,
    interruption_dates,
    is_prescribed,
    period_months,
    prescribed_on,
    prescription_date,
    prescription_limits,
)
from workflows.tables import DEFAULT_TABLES


def test_months_are_clamped_to_the_end_of_a_shorter_month() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)


def test_a_natural_person_negligent_in_2019_prescribes_after_one_year() -> None:
    # Max fine 10 x 435.76 / 2 = 2,178.80 < 2,493.99 -> 12 months.
    assert period_months(date(2019, 6, 10), "natural", negligent=True) == 12
    assert prescription_date(date(2019, 6, 10), person="natural", negligent=True) \
        == date(2020, 6, 10)


def test_a_natural_person_acting_with_intent_in_2019_prescribes_after_three_years() -> None:
    # Max fine 10 x 435.76 = 4,357.60 -> 36 months.
    assert prescription_date(date(2019, 6, 10), person="natural") == date(2022, 6, 10)


def test_a_natural_person_negligent_in_2026_prescribes_after_three_years() -> None:
    # Max fine 10 x 537.13 / 2 = 2,685.65 >= 2,493.99 -> 36 months.
    assert period_months(date(2026, 3, 1), "natural", negligent=True) == 36
    assert prescription_date(date(2026, 3, 1), person="natural", negligent=True) \
        == date(2029, 3, 1)


def test_a_legal_person_always_has_three_years() -> None:
    # Even negligent in 2019 the maximum is 20 x 435.76 / 2 = 4,357.60.
    assert prescription_date(date(2019, 6, 10), person="legal", negligent=True) \
        == date(2022, 6, 10)


def test_facts_on_29_february_prescribe_on_28_february() -> None:
    # 2024 natural negligent: max 2,546.30 -> 36 months; 2027 has no 29 February.
    assert prescription_date(date(2024, 2, 29), person="natural", negligent=True) \
        == date(2027, 2, 28)


def test_an_interruption_starts_a_new_period() -> None:
    # 1 year from 10 June 2019; interrupted 1 Sept 2019 -> 1 Sept 2020 (absolute 10 Dec 2020).
    assert prescription_date(date(2019, 6, 10), person="natural", negligent=True,
                             interruptions=[date(2019, 9, 1)]) == date(2020, 9, 1)


def test_an_interruption_on_the_last_day_still_restarts() -> None:
    # Interrupted on 10 June 2020 -> 10 June 2021, capped by the absolute limit:
    # 10 June 2019 + 18 months = 10 Dec 2020.
    assert prescription_date(date(2019, 6, 10), person="natural", negligent=True,
                             interruptions=[date(2020, 6, 10)]) == date(2020, 12, 10)


def test_an_interruption_after_the_end_does_not_revive_the_procedure() -> None:
    # Prescribed after 10 June 2020; interruptions on 11 June and later are ignored.
    assert prescription_date(date(2019, 6, 10), person="natural", negligent=True,
                             interruptions=[date(2020, 8, 1), date(2020, 6, 11)]) \
        == date(2020, 6, 10)


def test_repeated_interruptions_stop_at_the_absolute_limit() -> None:
    # 3 years from 15 Jan 2020; interrupted 1 June 2021 (end 1 June 2024) and 1 May 2023
    # (end 1 May 2026); absolute limit 15 Jan 2020 + 54 months = 15 July 2024.
    assert prescription_date(date(2020, 1, 15), person="natural",
                             interruptions=[date(2023, 5, 1), date(2021, 6, 1)]) \
        == date(2024, 7, 15)


def test_a_suspension_is_counted_for_at_most_six_months() -> None:
    # 1 Aug 2019 .. 30 June 2020 counts 1 Aug 2019 .. 31 Jan 2020 = 31+30+31+30+31+31 = 184
    # days; 10 June 2020 + 184 days = 11 Dec 2020 (absolute 10 Dec 2020 + 184 = 12 June 2021).
    assert prescription_date(date(2019, 6, 10), person="natural", negligent=True,
                             suspensions=[(date(2019, 8, 1), date(2020, 6, 30))]) \
        == date(2020, 12, 11)


def test_a_short_suspension_adds_its_days() -> None:
    # 1..10 Aug 2019 = 10 days: 10 June 2020 + 10 = 20 June 2020.
    assert prescription_date(date(2019, 6, 10), person="natural", negligent=True,
                             suspensions=[(date(2019, 8, 1), date(2019, 8, 10))]) \
        == date(2020, 6, 20)


def test_overlapping_suspension_records_are_not_counted_twice() -> None:
    # 1..10 Aug and 5..12 Aug 2019 cover 1..12 Aug = 12 days -> 22 June 2020.
    stops = [(date(2019, 8, 5), date(2019, 8, 12)), (date(2019, 8, 1), date(2019, 8, 10))]
    assert prescription_date(date(2019, 6, 10), person="natural", negligent=True,
                             suspensions=stops) == date(2020, 6, 22)


def test_suspension_time_extends_the_absolute_limit() -> None:
    # 10 Jan .. 10 Mar 2022 = 22 + 28 + 10 = 60 days; absolute 15 July 2024 + 60 = 13 Sept 2024.
    assert prescription_date(date(2020, 1, 15), person="natural",
                             interruptions=[date(2021, 6, 1), date(2023, 5, 1)],
                             suspensions=[(date(2022, 1, 10), date(2022, 3, 10))]) \
        == date(2024, 9, 13)


def test_bad_interruptions_and_suspensions_are_refused() -> None:
    with pytest.raises(ValueError, match="before the facts"):
        prescription_date(date(2020, 1, 15), person="natural", interruptions=[date(2020, 1, 14)])
    with pytest.raises(ValueError, match="before it begins"):
        prescription_date(date(2020, 1, 15), person="natural",
                          suspensions=[(date(2021, 3, 1), date(2021, 2, 1))])
    with pytest.raises(ValueError, match="before the facts"):
        prescription_date(date(2020, 1, 15), person="natural",
                          suspensions=[(date(2020, 1, 1), date(2020, 2, 1))])


def test_facts_in_a_year_without_an_ias_raise() -> None:
    with pytest.raises(sanctions.UnknownIASYear, match="2016"):
        prescription_date(date(2016, 5, 1), person="legal")


def test_prescribed_only_from_the_day_after_the_prescription_date() -> None:
    assert not is_prescribed(date(2020, 6, 10), date(2020, 6, 10))
    assert is_prescribed(date(2020, 6, 10), date(2020, 6, 11))


# -- per respondent, as RGCO arts 27, 27-A and 28 count it (issue 12) -----------------------------
# Natural person acting with intent, facts in 2022: maximum 10 x 443.20 = 4,432.00 >= 2,493.99,
# so 36 months; absolute limit 10 March 2022 + 54 months = 10 September 2026.
FACTS_2022 = date(2022, 3, 10)


def test_a_suspension_before_the_last_interruption_moves_only_the_absolute_limit() -> None:
    at_mp = [(date(2023, 2, 1), date(2023, 3, 31))]  # 28 (Feb) + 31 (Mar) = 59 days
    limits = prescription_limits(FACTS_2022, person="natural", suspensions=at_mp,
                                 interruptions=[date(2023, 6, 15)])
    # A fresh period from the accusation on 15 June 2023: 15 June 2026, the suspension was over
    # before it (the old rule gave 15 June 2026 + 59 = 13 August 2026).
    assert limits.ordinary == date(2026, 6, 15)
    # Absolute: 10 Sept 2026 + 59 days: Sept 10->30 (20), October (51), 8 November (59).
    assert limits.absolute == date(2026, 11, 8)
    assert limits.last_day == date(2026, 6, 15)
    # An evidence step on 1 May 2025 pushes the ordinary end to 1 May 2028: the absolute limit,
    # moved by the 59 suspended days, decides (10 September 2026 without them).
    assert prescription_date(FACTS_2022, person="natural", suspensions=at_mp,
                             interruptions=[date(2023, 6, 15), date(2025, 5, 1)]) \
        == date(2026, 11, 8)
    assert prescription_date(FACTS_2022, person="natural",
                             interruptions=[date(2023, 6, 15), date(2025, 5, 1)]) \
        == date(2026, 9, 10)


def test_a_defence_statement_and_a_decision_notification_interrupt() -> None:
    # Facts 10 June 2024, natural person with intent: 10 x 509.26 = 5,092.60 -> 36 months;
    # absolute 10 June 2024 + 54 months = 10 December 2028.
    facts = date(2024, 6, 10)
    events = [("notify_accusation", date(2025, 2, 3), "A"),
              ("record_defence", date(2025, 2, 17), "A"),
              ("record_defence", date(2025, 10, 20), "B"),  # B's defence: not A's interruption
              ("record_evidence", date(2025, 5, 5), "B"),  # evidence: every respondent's
              ("decide", date(2025, 9, 1), "A"),
              ("notify_decision", date(2025, 9, 15), "A"),
              ("transfer", date(2025, 12, 1), None)]  # not an interruption
    dates = interruption_dates(events, "A")
    assert dates == [date(2025, 2, 3), date(2025, 2, 17), date(2025, 5, 5), date(2025, 9, 1),
                     date(2025, 9, 15)]
    # Accusation only: 3 Feb 2028; with the defence statement of 17 Feb 2025: 17 Feb 2028;
    # with the decision's notification on 15 Sept 2025: 15 Sept 2028 (< 10 Dec 2028).
    assert prescription_date(facts, person="natural", interruptions=dates[:1]) \
        == date(2028, 2, 3)
    assert prescription_date(facts, person="natural", interruptions=dates[:2]) \
        == date(2028, 2, 17)
    assert prescription_date(facts, person="natural", interruptions=dates) == date(2028, 9, 15)
    assert INTERRUPTING_EVENTS["defence_statement"].basis == "RGCO art. 28(1)(c)"
    assert INTERRUPTING_EVENTS["decision_notified"].basis == "RGCO art. 28(1)(a)"
    assert INTERRUPTING_EVENTS["evidence_step"].scope == "proceeding"


def test_every_trigger_named_as_interrupting_exists_in_the_proceeding_workflow() -> None:
    assert set(TRIGGER_EVENTS) <= set(proceeding.TRIGGERS)
    assert set(TRIGGER_EVENTS.values()) <= set(INTERRUPTING_EVENTS)


# 1-year period: natural person, negligent, facts 10 June 2019 (max 2,178.80 < 2,493.99);
# absolute limit 10 June 2019 + 18 months = 10 December 2020. Accusation notified 1 Oct 2019,
# decision notified 1 Dec 2019: ordinary end 1 December 2020. Appeal admitted 2 March 2020.
NEGLIGENT_2019 = {"person": "natural", "negligent": True,
                  "interruptions": [date(2019, 10, 1), date(2019, 12, 1)]}
FACTS_2019 = date(2019, 6, 10)
APPEAL = date(2020, 3, 2)


def test_an_appeal_suspends_for_at_most_six_months() -> None:
    # Running on 1 May 2020: 2 Mar..1 May = 30 + 30 + 1 = 61 days; 1 Dec 2020 + 61 =
    # 31 January 2021 (absolute 10 Dec 2020 + 61 = 9 February 2021).
    assert prescription_date(FACTS_2019, **NEGLIGENT_2019, court_suspensions=[(APPEAL, None)],
                             today=date(2020, 5, 1)) == date(2021, 1, 31)
    # Capped at 2 Mar..1 Sept 2020 = 30 + 30 + 31 + 30 + 31 + 31 + 1 = 184 days, whether still
    # running on 10 June 2021 or decided on 15 January 2021: 1 Dec 2020 + 184 = 3 June 2021
    # (Dec 30, Jan 61, Feb 89, Mar 120, Apr 150, May 181, 3 June 184); absolute 12 June 2021.
    for court in ([(APPEAL, None)], [(APPEAL, date(2021, 1, 15))]):
        limits = prescription_limits(FACTS_2019, **NEGLIGENT_2019, court_suspensions=court,
                                     today=date(2021, 6, 10))
        assert (limits.ordinary, limits.absolute) == (date(2021, 6, 3), date(2021, 6, 12))


def test_an_appealed_respondent_is_not_prescribed_while_the_court_suspension_runs() -> None:
    # Without the appeal: last day 1 December 2020, prescribed on 2 December 2020.
    assert prescribed_on(FACTS_2019, date(2020, 12, 2), **NEGLIGENT_2019)
    running = [(APPEAL, None)]
    for day in (date(2020, 12, 2), date(2021, 6, 10), date(2023, 1, 1)):
        assert not prescribed_on(FACTS_2019, day, **NEGLIGENT_2019, court_suspensions=running)
    # The court decided on 15 January 2021: not prescribed through that day; afterwards the
    # same computation: last day 3 June 2021 (see above), prescribed from 4 June 2021.
    decided = [(APPEAL, date(2021, 1, 15))]
    assert not prescribed_on(FACTS_2019, date(2021, 1, 15), **NEGLIGENT_2019,
                             court_suspensions=decided)
    assert not prescribed_on(FACTS_2019, date(2021, 6, 3), **NEGLIGENT_2019,
                             court_suspensions=decided)
    assert prescribed_on(FACTS_2019, date(2021, 6, 4), **NEGLIGENT_2019,
                         court_suspensions=decided)


def test_a_continuing_offence_counts_from_its_end() -> None:
    # 2024, natural person with intent: 36 months from 30 September 2024 = 30 September 2027
    # (from its beginning it would be 1 March 2027); absolute 30 Sept 2024 + 54 months =
    # 30 March 2029.
    begun, ended = date(2024, 3, 1), date(2024, 9, 30)
    assert prescription_date(begun, person="natural") == date(2027, 3, 1)
    limits = prescription_limits(begun, person="natural", facts_end=ended)
    assert (limits.ordinary, limits.absolute) == (date(2027, 9, 30), date(2029, 3, 30))
    # An interruption (1 May 2024) or a suspension (August 2024) while the conduct went on
    # changes nothing: no period runs before the end; one on 1 May 2025 -> 1 May 2028.
    assert prescription_date(begun, person="natural", facts_end=ended,
                             interruptions=[date(2024, 5, 1)],
                             suspensions=[(date(2024, 8, 1), date(2024, 8, 30))]) \
        == date(2027, 9, 30)
    assert prescription_date(begun, person="natural", facts_end=ended,
                             interruptions=[date(2025, 5, 1)]) == date(2028, 5, 1)
    with pytest.raises(ValueError, match="cannot end"):
        prescription_date(ended, person="natural", facts_end=begun)


def test_the_absolute_limit_wins_after_many_interruptions() -> None:
    # 2020, natural person with intent: 10 x 438.81 = 4,388.10 -> 36 months. Interrupted each
    # 1 January 2021-2024: ordinary 1 January 2027; absolute 15 Jan 2020 + 54 months =
    # 15 July 2024. The one of 1 January 2025 comes after that day and revives nothing.
    dates = [date(y, 1, 1) for y in range(2021, 2026)]
    limits = prescription_limits(date(2020, 1, 15), person="natural", interruptions=dates)
    assert limits.period_start == date(2024, 1, 1)
    assert (limits.ordinary, limits.absolute) == (date(2027, 1, 1), date(2024, 7, 15))
    assert limits.last_day == date(2024, 7, 15)


def test_the_one_year_period_below_the_threshold() -> None:
    # 12 months: 10 June 2019 -> 10 June 2020, prescribed from 11 June 2020. Interrupted on
    # 1 Sept 2019 (end 1 Sept 2020) and then on 1 Aug 2020, before that end: ordinary
    # 1 Aug 2021, but the absolute limit 10 June 2019 + 18 months = 10 Dec 2020 comes first.
    assert not prescribed_on(FACTS_2019, date(2020, 6, 10), person="natural", negligent=True)
    assert prescribed_on(FACTS_2019, date(2020, 6, 11), person="natural", negligent=True)
    assert prescription_date(FACTS_2019, person="natural", negligent=True,
                             interruptions=[date(2019, 9, 1), date(2020, 8, 1)]) \
        == date(2020, 12, 10)


def test_a_long_stay_at_the_prosecutor_counts_six_months() -> None:
    # Sent 31 Aug 2022, returned 15 May 2023. Cap: 31 Aug 2022 + 6 months = 28 Feb 2023 (no
    # 31 February), so 31 Aug 2022 .. 27 Feb 2023 = 1 + 30 + 31 + 30 + 31 + 31 + 27 = 181
    # days. Ordinary 10 Mar 2025 + 181: Mar 21, Apr 51, May 82, Jun 112, Jul 143, Aug 174,
    # 7 Sept 2025 (181). Absolute 10 Sept 2026 + 181 = 10 March 2027.
    stay = [(date(2022, 8, 31), date(2023, 5, 15))]
    limits = prescription_limits(FACTS_2022, person="natural", suspensions=stay)
    assert limits.suspended_days == 181
    assert (limits.ordinary, limits.absolute) == (date(2025, 9, 7), date(2027, 3, 10))
    # Still at the prosecutor on 1 October 2023: the same 181 days.
    assert prescription_date(FACTS_2022, person="natural", today=date(2023, 10, 1),
                             suspensions=[(date(2022, 8, 31), None)]) == date(2025, 9, 7)
    with pytest.raises(ValueError, match="needs `today`"):
        prescription_date(FACTS_2022, person="natural", suspensions=[(date(2022, 8, 31), None)])


def test_a_running_stay_at_the_prosecutor_protects_only_for_six_months() -> None:
    # 1-year period from 10 June 2019, sent to the prosecutor on 1 May 2020, not back. On
    # 20 June 2020: 1 May..20 June = 31 + 20 = 51 days -> last day 10 June 2020 + 51 =
    # 31 July 2020, not prescribed. After the cap (1 May..31 Oct 2020 = 31+30+31+31+30+31 =
    # 184 days) the clock runs again: 10 June 2020 + 184 = 11 December 2020 (absolute 10 Dec
    # 2020 + 184 = 12 June 2021): prescribed on 12 December 2020 although still at the MP.
    at_mp = [(date(2020, 5, 1), None)]
    assert prescription_date(FACTS_2019, person="natural", negligent=True, suspensions=at_mp,
                             today=date(2020, 6, 20)) == date(2020, 7, 31)
    assert not prescribed_on(FACTS_2019, date(2020, 6, 20), person="natural", negligent=True,
                             suspensions=at_mp)
    assert not prescribed_on(FACTS_2019, date(2020, 12, 11), person="natural", negligent=True,
                             suspensions=at_mp)
    assert prescribed_on(FACTS_2019, date(2020, 12, 12), person="natural", negligent=True,
                         suspensions=at_mp)
    # A stay that begins after the procedure prescribed (10 June 2020) revives nothing.
    assert prescription_date(FACTS_2019, person="natural", negligent=True,
                             suspensions=[(date(2020, 6, 11), date(2020, 7, 1))]) \
        == date(2020, 6, 10)


# -- the fine (RGCO arts 29-30) -------------------------------------------------------------------
FINAL = date(2025, 1, 10)
INSTALMENTS = [(date(2025, 2, 10), date(2026, 1, 10))]  # 334 days apart + 1 = 335 days


def test_a_fine_above_the_threshold_prescribes_in_three_years_otherwise_one() -> None:
    assert fine_prescription_date(FINAL, D("3740.99")) == date(2028, 1, 10)
    assert fine_prescription_date(FINAL, D("3740.98")) == date(2026, 1, 10)
    assert fine_prescription_date(FINAL, D("500")) == date(2026, 1, 10)
    # The threshold is a legal table: at EUR 5,000 a fine of 3,740.99 prescribes in 1 year.
    higher = DEFAULT_TABLES.with_fine_prescription_threshold("5000")
    assert fine_prescription_date(FINAL, D("3740.99"), tables=higher) == date(2026, 1, 10)
    assert DEFAULT_TABLES.fine_prescription_threshold == D("3740.98")
    with pytest.raises(ValueError, match="greater than 0"):
        DEFAULT_TABLES.with_fine_prescription_threshold("0")


def test_instalments_suspend_the_fine_prescription() -> None:
    # 1 year: 10 Jan 2026 + 335 days: Jan 21, Feb 49, Mar 80, Apr 110, May 141, Jun 171,
    # Jul 202, Aug 233, Sep 263, Oct 294, Nov 324, 11 December 2026 (335).
    assert fine_prescription_date(FINAL, D("3740.98"), instalment_periods=INSTALMENTS) \
        == date(2026, 12, 11)
    # 3 years: 10 Jan 2028 + 335 (2028 is a leap year: Feb 50) -> 10 December 2028.
    assert fine_prescription_date(FINAL, D("3740.99"), instalment_periods=INSTALMENTS) \
        == date(2028, 12, 10)
    # Granted with the decision, before finality: only 11..20 January 2025 count (10 days).
    assert fine_prescription_date(FINAL, D("100"),
                                  instalment_periods=[(date(2025, 1, 1), date(2025, 1, 20))]) \
        == date(2026, 1, 20)
    # Granted after the fine prescribed (10 January 2026): nothing.
    assert fine_prescription_date(FINAL, D("100"),
                                  instalment_periods=[(date(2026, 3, 1), date(2026, 9, 1))]) \
        == date(2026, 1, 10)
    with pytest.raises(ValueError, match="before they begin"):
        fine_prescription_date(FINAL, D("100"),
                               instalment_periods=[(date(2025, 3, 1), date(2025, 2, 1))])

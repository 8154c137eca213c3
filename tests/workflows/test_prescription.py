"""Prescription of the CO procedure, checked against dates counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from workflows import sanctions
from workflows.prescription import add_months, is_prescribed, period_months, prescription_date


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

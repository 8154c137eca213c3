"""Fine bounds and decision validation, checked against amounts computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workflows import sanctions
from workflows.sanctions import (
    Accessory,
    InvalidDecision,
    ProposedDecision,
    UnknownIASYear,
    decision_errors,
    fine_bounds,
    validate_decision,
)
from workflows.tables import DEFAULT_TABLES

D = Decimal


@pytest.mark.parametrize(("year", "person", "negligent", "expected"), [
    # IAS 2026 = 537.13: natural 1x..10x, legal 4x..20x, negligence halves both.
    (2026, "natural", False, ("537.13", "5371.30")),
    (2026, "natural", True, ("268.57", "2685.65")),  # 268.565 rounds half up
    (2026, "legal", False, ("2148.52", "10742.60")),
    (2026, "legal", True, ("1074.26", "5371.30")),
    # IAS 2019 = 435.76.
    (2019, "natural", False, ("435.76", "4357.60")),
    (2019, "natural", True, ("217.88", "2178.80")),
    (2019, "legal", False, ("1743.04", "8715.20")),
    (2019, "legal", True, ("871.52", "4357.60")),
])
def test_fine_bounds_for_every_person_and_negligence(
        year: int, person: str, negligent: bool, expected: tuple[str, str]) -> None:
    assert fine_bounds(year, person, negligent=negligent) == (D(expected[0]), D(expected[1]))


def test_an_unknown_ias_year_names_the_year_and_the_administrator() -> None:
    with pytest.raises(UnknownIASYear) as caught:
        fine_bounds(2016, "natural")
    assert "2016" in str(caught.value)
    assert "administrator" in str(caught.value)
    assert isinstance(caught.value, LookupError)


def test_an_administrator_can_fill_in_a_year() -> None:
    filled = DEFAULT_TABLES.with_ias(2027, D("550.00"))
    # 4 x 550.00 = 2,200.00; 20 x 550.00 = 11,000.00.
    assert fine_bounds(2027, "legal", tables=filled) == (D("2200.00"), D("11000.00"))
    with pytest.raises(ValueError, match="greater than 0"):
        DEFAULT_TABLES.with_ias(2028, D("0"))
    with pytest.raises(UnknownIASYear):
        sanctions.ias(2027)


def test_an_unknown_person_type_is_refused() -> None:
    with pytest.raises(ValueError, match="'natural' or 'legal'"):
        fine_bounds(2026, "company")


def _fine(amount: str, *accessories: Accessory) -> ProposedDecision:
    return ProposedDecision("fine", D(amount), tuple(accessories))


def test_the_bounds_themselves_are_accepted() -> None:
    assert decision_errors(_fine("537.13"), year=2026, person="natural") == []
    assert decision_errors(_fine("5371.30"), year=2026, person="natural") == []


def test_one_cent_outside_is_refused_with_the_bounds() -> None:
    expected = ["The fine must be between EUR 537.13 and EUR 5,371.30 "
                "for a natural person in 2026."]
    assert decision_errors(_fine("537.12"), year=2026, person="natural") == expected
    assert decision_errors(_fine("5371.31"), year=2026, person="natural") == expected


def test_the_negligent_bounds_are_stated_as_such() -> None:
    assert decision_errors(_fine("5371.30"), year=2026, person="natural", negligent=True) == [
        "The fine must be between EUR 268.57 and EUR 2,685.65 "
        "for a natural person (negligence or attempt) in 2026."]


def test_a_fine_needs_an_amount_in_cents() -> None:
    assert decision_errors(ProposedDecision("fine"), year=2026, person="legal") \
        == ["A fine needs an amount."]
    assert decision_errors(_fine("3000.005"), year=2026, person="legal") \
        == ["The fine must be an amount in euros and cents."]
    assert decision_errors(_fine("NaN"), year=2026, person="legal") \
        == ["The fine must be an amount in euros and cents."]


def test_a_fine_in_a_year_without_an_ias_raises() -> None:
    with pytest.raises(UnknownIASYear):
        decision_errors(_fine("1000.00"), year=2016, person="natural")


def test_an_unknown_outcome_is_refused() -> None:
    assert decision_errors(ProposedDecision("warning"), year=2026, person="natural") \
        == ["Unknown outcome 'warning': it must be a fine, an admonition or a dismissal."]


def test_an_admonition_with_an_amount_is_refused() -> None:
    decision = ProposedDecision("admonition", D("600.00"))
    assert decision_errors(decision, year=2026, person="natural") \
        == ["An admonition takes no fine amount."]


def test_an_admonition_or_dismissal_alone_is_valid() -> None:
    assert decision_errors(ProposedDecision("admonition"), year=2016, person="natural") == []
    assert decision_errors(ProposedDecision("dismissal"), year=2026, person="legal") == []


def test_an_accessory_sanction_with_an_admonition_is_refused() -> None:
    decision = ProposedDecision("admonition", accessories=(Accessory("fairs_markets_ban", 6),))
    assert decision_errors(decision, year=2026, person="natural") \
        == ["An admonition takes no accessory sanction; those go with a fine only."]


def test_an_accessory_sanction_lasts_at_most_24_months() -> None:
    assert decision_errors(_fine("3000.00", Accessory("public_tenders_ban", 24)),
                           year=2026, person="legal") == []
    assert decision_errors(_fine("3000.00", Accessory("public_tenders_ban", 25)),
                           year=2026, person="legal") \
        == ["The accessory sanction “public tenders ban” must last between 1 and 24 months "
            "(at most 2 years); 25 given."]


def test_loss_of_objects_takes_no_months_and_the_others_need_them() -> None:
    assert decision_errors(_fine("3000.00", Accessory("loss_of_objects")),
                           year=2026, person="legal") == []
    assert decision_errors(_fine("3000.00", Accessory("loss_of_objects", 3)),
                           year=2026, person="legal") \
        == ["The accessory sanction “loss of objects” takes no duration."]
    assert decision_errors(_fine("3000.00", Accessory("licence_suspension")),
                           year=2026, person="legal") \
        == ["The accessory sanction “licence suspension” needs a duration in months."]


def test_unknown_and_repeated_accessory_sanctions_are_refused() -> None:
    decision = _fine("3000.00", Accessory("exile", 3), Accessory("loss_of_subsidies", 3),
                     Accessory("loss_of_subsidies", 6))
    assert decision_errors(decision, year=2026, person="legal") == [
        "Unknown accessory sanction 'exile'.",
        "The accessory sanction “loss of subsidies” is given more than once."]


def test_validate_decision_raises_with_every_error() -> None:
    decision = _fine("1.00", Accessory("establishment_closure", 30))
    with pytest.raises(InvalidDecision) as caught:
        validate_decision(decision, year=2026, person="natural")
    assert len(caught.value.errors) == 2
    assert isinstance(caught.value, ValueError)
    validate_decision(_fine("600.00"), year=2026, person="natural")

"""Reference data in the database drives the legal core."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from cicdr.models import IasValue
from cicdr.services.core.legal_tables import load_ias
from workflows import sanctions


def test_an_ias_year_added_to_the_table_sets_the_fine_bounds(session: Any) -> None:
    with pytest.raises(sanctions.UnknownIASYear):
        sanctions.fine_bounds(2031, "natural")
    session.add(IasValue(year=2031, amount=Decimal("600.00")))
    session.commit()
    try:
        assert load_ias() == 11
        assert sanctions.fine_bounds(2031, "legal") == (Decimal("2400.00"), Decimal("12000.00"))
    finally:
        sanctions.reset_ias()
        session.delete(session.get(IasValue, 2031))
        session.commit()

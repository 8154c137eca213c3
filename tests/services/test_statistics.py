"""The statistics service against a year counted by hand (tests/statistics_fixture.py), the
open-data suppression, and the year's numbers before and after retention (issue 13)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask

from cicdr.models import Complaint
from cicdr.services.admin import retention
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.transition import fire
from cicdr.services.statistics import figures, suppression
from tests import factories
from tests import statistics_fixture as fx
from tests.services.test_statistics_columns import LATER, _to_closed_proceeding


def test_a_year_counted_by_hand(session: Any) -> None:
    fx.build(session)
    got = figures.year(session, fx.YEAR)
    for key in fx.EXPECTED:
        assert got[key] == fx.EXPECTED[key], key
    assert got == fx.EXPECTED


def test_the_period_includes_both_ends(session: Any) -> None:
    fx.build(session)
    # 1 January 2025 alone: C1 (received at 00:00:00); 31 December 2025 alone: C4 (23:59:59).
    assert figures.compute(session, date(2025, 1, 1), date(2025, 1, 1))["complaints"][
        "total"] == 1
    assert figures.compute(session, date(2025, 12, 31), date(2025, 12, 31))["complaints"][
        "by_origin"]["participacao"] == 1
    # 31 December 2024 to 1 January 2026: C0 to C6, all seven.
    assert figures.compute(session, date(2024, 12, 31), date(2026, 1, 1))["complaints"][
        "total"] == 7


def test_a_period_is_read_from_dates() -> None:
    today = date(2026, 5, 4)
    assert figures.period(None, None, today) == (date(2026, 1, 1), date(2026, 12, 31))
    assert figures.period("2025-02-01", "2025-02-28", today) == (date(2025, 2, 1),
                                                                 date(2025, 2, 28))
    with pytest.raises(InvalidData):
        figures.period("2025-02-30", None, today)
    with pytest.raises(InvalidData):
        figures.period("2025-03-01", "2025-02-01", today)


def test_one_small_cell_takes_the_next_smallest_with_it() -> None:
    # {a: 1, b: 7, c: 4, d: 0, e: 4}: a alone is 1 or 2, so the next smallest non-zero cell
    # goes too: c (4, the first of the two 4s); the zero stays.
    assert suppression.cells({"a": 1, "b": 7, "c": 4, "d": 0, "e": 4}) == {
        "a": None, "b": 7, "c": None, "d": 0, "e": 4}
    # Two small cells already hide each other: nothing more.
    assert suppression.cells({"a": 2, "b": 1, "c": 9}) == {"a": None, "b": None, "c": 9}
    # Nothing small: nothing hidden.
    assert suppression.cells({"a": 3, "b": 0}) == {"a": 3, "b": 0}
    # The second cell may itself be small-looking but above 2, here 3.
    assert suppression.cells({"x": 5, "y": 2, "z": 3}) == {"x": 5, "y": None, "z": None}


def test_the_open_data_of_the_year_is_suppressed(session: Any) -> None:
    fx.build(session)
    got = figures.public(session, fx.YEAR)
    assert set(got) == {"year", "complaints", "outcomes"}
    c = got["complaints"]
    assert c["total"] == 5
    # queixa 3 shown; denuncia 1 and participacao 1 hidden (two: no third needed); 0 shown.
    assert c["by_origin"] == {"queixa": 3, "denuncia": None, "participacao": None, "unknown": 0}
    # racial_ethnic_origin 3; colour, nationality and unknown 1 each: hidden.
    assert c["by_ground"] == {"racial_ethnic_origin": 3, "colour": None, "nationality": None,
                              "ancestry": 0, "territory_of_origin": 0, "language": 0,
                              "unknown": None}
    o = got["outcomes"]
    # archived 3; forwarded 1 and proceeding_opened 1 hidden.
    assert o["by_triage_outcome"] == {"forwarded": None, "referred_to_prosecutor": 0,
                                      "proceeding_opened": None, "archived": 3}
    assert o["referred_to_prosecutor"] is None  # 1
    assert o["proceedings_opened"] is None  # 1
    # fine 1, admonition 1: hidden; dismissal 0.
    assert o["decisions_by_type"] == {"fine": None, "admonition": None, "dismissal": 0}
    text = repr(got)
    assert "durations" not in text and "QN-" not in text and "Factos" not in text


def test_a_years_statistics_are_identical_before_and_after_retention(
        session: Any, app: Flask, users: Any) -> None:
    closed = factories.complaint(session, police=True, victim_kind="individual",
                                 victim_sex="female", expression="black_african_descent")
    _to_closed_proceeding(session, users, closed)  # opened 12 March 2026, dismissal 16 March
    archived = factories.complaint(session, victim_kind="community", expression="roma")
    fire(session, archived, "withdraw", ComplainantActor(archived.reference),
         today=date(2026, 3, 12))
    fire(session, archived, "accept_withdrawal", users.president, today=date(2026, 3, 12))
    factories.complaint(session, victim_kind="group")  # still open: never anonymised
    before = figures.year(session, 2026)
    # Hand-counted: three complaints received in 2026 (the factory's 10 March), one of each
    # victim kind; the individual is female; one proceeding opened, one dismissal.
    assert before["complaints"]["total"] == 3
    assert before["complaints"]["by_victim_kind"] == {"individual": 1, "group": 1,
                                                      "community": 1, "unknown": 0}
    assert before["complaints"]["by_victim_sex"]["female"] == 1
    assert before["outcomes"]["by_triage_outcome"]["proceeding_opened"] == 1
    assert before["outcomes"]["by_triage_outcome"]["archived"] == 1
    assert before["proceedings"]["opened"] == 1
    assert before["proceedings"]["decisions_by_type"]["dismissal"] == 1
    store = BlobStore(app.config["BLOB_DIR"])
    due = retention.due(session, LATER, retention.DEFAULT_YEARS)
    assert {d.complaint.id for d in due} == {closed.id, archived.id}
    for item in due:
        retention.anonymise(session, item, store, retention.DEFAULT_YEARS)
    session.expire_all()
    assert session.get(Complaint, archived.id).description == retention.GONE
    assert figures.year(session, 2026) == before

"""The `machine_time` filter: every `<time datetime>` is UTC, whole seconds, with a `Z`."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import render_template_string

from cicdr.machine_time import machine_time

LISBON = ZoneInfo("Europe/Lisbon")


def test_a_naive_timestamp_is_utc_and_loses_its_fractions() -> None:
    # What SQLite returns: naive, six digits of fractions. Truncated, not rounded (.78 -> :41).
    assert machine_time(datetime(2026, 12, 2, 11, 55, 41, 784135)) == "2026-12-02T11:55:41Z"


def test_an_aware_utc_timestamp_keeps_its_instant() -> None:
    assert machine_time(datetime(2026, 12, 2, 11, 55, 41, tzinfo=UTC)) == "2026-12-02T11:55:41Z"


def test_another_offset_is_converted_to_utc() -> None:
    # 23:10 at UTC-3 on 1 May is 02:10 UTC on 2 May: the date moves too.
    brasilia = timezone(timedelta(hours=-3))
    assert machine_time(datetime(2026, 5, 1, 23, 10, tzinfo=brasilia)) == "2026-05-02T02:10:00Z"


@pytest.mark.parametrize(("local", "expected"), [
    # Spring forward, Sunday 29 March 2026 at 01:00 UTC (01:00 WET becomes 02:00 WEST).
    (datetime(2026, 3, 29, 0, 30, tzinfo=LISBON), "2026-03-29T00:30:00Z"),  # WET, UTC+0
    (datetime(2026, 3, 29, 2, 30, tzinfo=LISBON), "2026-03-29T01:30:00Z"),  # WEST, UTC+1
    (datetime(2026, 7, 1, 12, 0, tzinfo=LISBON), "2026-07-01T11:00:00Z"),   # summer, UTC+1
    # Fall back, Sunday 25 October 2026 at 01:00 UTC (02:00 WEST becomes 01:00 WET):
    # 01:30 happens twice; fold=0 is the first (WEST, 00:30 UTC), fold=1 the second (WET).
    (datetime(2026, 10, 25, 1, 30, tzinfo=LISBON), "2026-10-25T00:30:00Z"),
    (datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LISBON), "2026-10-25T01:30:00Z"),
    (datetime(2026, 10, 25, 12, 0, tzinfo=LISBON), "2026-10-25T12:00:00Z"),  # WET, UTC+0
])
def test_lisbon_local_times_around_the_daylight_saving_changes(local: datetime,
                                                               expected: str) -> None:
    assert machine_time(local) == expected


def test_a_plain_date_stays_a_date_and_none_is_empty() -> None:
    assert machine_time(date(2026, 12, 2)) == "2026-12-02"
    assert machine_time(None) == ""


def test_templates_use_it_as_a_filter(app: Any) -> None:
    with app.test_request_context():
        out = render_template_string('<time datetime="{{ t|machine_time }}">',
                                     t=datetime(2026, 3, 29, 2, 30, 5, 123, tzinfo=LISBON))
    assert out == '<time datetime="2026-03-29T01:30:05Z">'


def test_every_time_element_in_the_templates_goes_through_the_filter() -> None:
    from cicdr.config import ROOT

    for path in (ROOT / "templates").rglob("*.html"):
        for attr in re.findall(r'datetime="([^"]*)"', path.read_text()):
            assert "|machine_time" in attr, f"{path}: datetime=\"{attr}\""


@pytest.mark.parametrize(("typed", "valid"), [
    ("2026-03-29", True), ("2024-02-29", True),  # 2024 is a leap year
    ("2026-02-30", False), ("2026-13-01", False), ("2026-3-1", False), ("20260301", False),
    ("", False), (None, False),
])
def test_html_date_accepts_only_real_dates_written_in_full(typed: Any, valid: bool) -> None:
    from cicdr.machine_time import html_date

    assert html_date(typed) is valid

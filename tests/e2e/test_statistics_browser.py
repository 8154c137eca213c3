"""The statistics in real Chromium: the public page (Portuguese, English, Arabic) and the staff
page show every chart (the SVG images load under the Content-Security-Policy, which the `page`
fixture watches), pass axe's serious and critical checks, fit a phone's width, and are saved
for the W3C checker (tests/e2e/test_html_validity.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import statistics_fixture as fx
from tests.e2e.test_accessibility import check
from tests.e2e.test_admin_browser import sign_in

pytestmark = pytest.mark.browser


def _charts_drawn(page: Any) -> int:
    """How many chart images the browser decoded (a refused or broken image has no width)."""
    sizes = page.eval_on_selector_all(".breakdown img", "els => els.map(e => e.naturalWidth)")
    assert sizes and all(w > 0 for w in sizes), sizes
    return len(sizes)


@pytest.mark.parametrize("lang", ["pt", "en", "ar"])
def test_the_open_statistics_show_charts_and_tables(page: Any, session: Any,
                                                    lang: str) -> None:
    fx.build(session)
    problems: dict[str, list[str]] = {}
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"/statistics?year=2025&lang={lang}")
    page.eval_on_selector_all(".breakdown img", "els => els.forEach(e => e.loading = 'eager')")
    page.wait_for_load_state("networkidle")
    page.locator(".breakdown img").last.scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.querySelectorAll('.breakdown img')]"
                           ".every(i => i.complete)")
    assert _charts_drawn(page) == 18  # 11 breakdowns of complaints, 7 of outcomes
    check(page, problems, width=390)
    assert problems == {}


def test_the_staff_statistics_show_charts_and_tables(page: Any, session: Any,
                                                     users: Any) -> None:
    fx.build(session)
    sign_in(page, users.auditor.email)
    problems: dict[str, list[str]] = {}
    page.goto("/staff/statistics?from=2025-01-01&to=2025-12-31")
    page.eval_on_selector_all(".breakdown img", "els => els.forEach(e => e.loading = 'eager')")
    page.wait_for_function("() => [...document.querySelectorAll('.breakdown img')]"
                           ".every(i => i.complete)")
    assert _charts_drawn(page) == 20
    assert "Complaints received" in page.inner_text("main")
    check(page, problems)
    assert problems == {}

"""axe-core on every portal page, in Portuguese and in Arabic, with and without errors shown;
and every page usable at 320 px width (no sideways scrolling)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import decisions
from tests.e2e.test_portal_browser import evidence, file_against_psp, follow

pytestmark = pytest.mark.browser
STEPS = ("about-you", "what-happened", "why", "who-did-it", "people", "evidence", "review")
AXE = Axe()


def serious(page: Any) -> list[str]:
    """The serious and critical violations on the page, one line each."""
    found = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in found if v["impact"] in ("serious", "critical")]


def check(page: Any, problems: dict[str, list[str]], width: int | None = None) -> None:
    name = page.url.split("//", 1)[1].split("/", 1)[1] or "/"
    found = serious(page)
    if width:
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll > width:
            found.append(f"wider than {width}px: {scroll}px")
    if found:
        problems[f"{name}"] = found


@pytest.mark.parametrize("lang", ["pt", "ar"])
def test_no_serious_accessibility_violation_on_any_portal_page(page: Any, lang: str,
                                                               tmp_path: Path) -> None:
    problems: dict[str, list[str]] = {}
    page.goto(f"/?lang={lang}")
    check(page, problems)
    page.goto("/follow")
    check(page, problems)
    page.locator("form button[type=submit]").click()  # empty: errors shown
    check(page, problems)
    page.goto("/no-such-page")
    check(page, problems)
    for step in STEPS:
        page.goto(f"/complaint/{step}")
        check(page, problems)
    page.goto("/complaint/about-you")
    page.locator(".buttons button[value=next]").click()  # errors shown
    check(page, problems)
    page.goto("/complaint/what-happened?check=1")
    check(page, problems)
    page.context.clear_cookies()  # a new visitor files (the draft above is left alone)
    page.goto(f"/?lang={lang}")
    reference, code = file_against_psp(page, evidence(tmp_path), "x" * 40)
    check(page, problems)  # the receipt
    follow(page, reference, code)
    check(page, problems)
    page.locator("form[action$='/evidence'] button").click()  # no file chosen: an error
    check(page, problems)
    assert problems == {}


@pytest.mark.parametrize("lang", ["pt", "ar"])
def test_every_page_fits_a_320_pixel_screen(browser: Any, live_server: str, session: Any,
                                            lang: str) -> None:
    context = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 640})
    small = context.new_page()
    wide: dict[str, int] = {}
    for path in ("/", "/follow", *(f"/complaint/{s}" for s in STEPS)):
        small.goto(f"{path}?lang={lang}")
        scroll = small.evaluate("() => document.documentElement.scrollWidth")
        if scroll > 320:
            wide[path] = scroll
    context.close()
    assert wide == {}


@pytest.mark.parametrize("lang", ["pt", "ar"])
def test_the_published_decisions_page_has_no_serious_violation_and_fits_320_pixels(
        page: Any, browser: Any, live_server: str, session: Any, users: Any,
        lang: str) -> None:
    start = date.today() - timedelta(days=200)
    decisions.published(session, users, start, [decisions.company(), decisions.person()],
                        [decisions.FINE, decisions.ADMONITION])
    problems: dict[str, list[str]] = {}
    page.goto(f"/decisions?lang={lang}")
    assert page.locator("table caption").count() == 1
    check(page, problems)
    page.locator("form.filter button").click()  # the year filter, all years
    check(page, problems)
    page.goto("/decisions?year=1999")  # no decision that year: no table
    check(page, problems)
    assert problems == {}
    context = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 640})
    small = context.new_page()
    small.goto(f"/decisions?lang={lang}")
    scroll = small.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    assert scroll <= 320  # the table scrolls inside its own focusable region

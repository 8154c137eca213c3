"""Nothing moves under the complainant's finger: the cumulative layout shift of every step of
the complaint form, as Chromium measures it, stays under 0.1 (the "good" threshold of Core Web
Vitals), in Portuguese and in Arabic (right to left), on a desktop and on a phone screen.

A scanner measured 0.127 on the "who did it" step: the police details were sent visible and
hidden by the script after the first paint. The server now decides which optional sections
are open, so the page is painted once, as it stays.

The network is throttled as on a phone (Lighthouse's "slow 4G": 150 ms of latency, 1.6 Mbit/s
down), so the page is painted before its script arrives, as the scanner saw it; on loopback
the script would run before the first paint and hide such a shift."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser
GOOD = 0.1  # web.dev's threshold of a "good" cumulative layout shift
# The form's own steps do better: nothing moves at all (the police details sent visible and
# hidden by the script measured 0.06 on a phone here, 0.127 for the scanner). Only the receipt
# has a small shift, its print button, which needs JavaScript and so appears with it.
STILL = 0.001
SCREENS = {"desktop": {"width": 1100, "height": 900}, "phone": {"width": 390, "height": 844}}

# Every layout shift since the navigation started (buffered), but those just after input,
# summed once the page has loaded and painted twice more.
CLS = """() => new Promise(resolve => {
  let total = 0;
  const add = list => list.forEach(e => { if (!e.hadRecentInput) total += e.value; });
  const observer = new PerformanceObserver(list => add(list.getEntries()));
  observer.observe({type: 'layout-shift', buffered: true});
  const settle = () => requestAnimationFrame(() => requestAnimationFrame(() => {
    add(observer.takeRecords()); observer.disconnect(); resolve(total);
  }));
  if (document.readyState === 'complete') settle(); else addEventListener('load', settle);
})"""


SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}


def throttle(page: Any) -> None:
    """Chromium's own network emulation (DevTools protocol), for this page from now on."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)


def shift(page: Any, url: str) -> float:
    """Load `url` afresh, as on arrival at a step, and return its cumulative layout shift."""
    page.goto(url)
    page.wait_for_load_state("load")
    return float(page.evaluate(CLS))


def next_step(page: Any, slug: str) -> None:
    page.locator(".buttons button[value=next]").click()
    page.wait_for_url(f"**/complaint/{slug}")


def walk_the_form(page: Any, lang: str) -> dict[str, float]:
    """Every step's layout shift, filling each to reach the next; the police details both
    closed (nothing chosen yet), open (chosen), and open in error."""
    page.goto(f"/?lang={lang}")
    shifts = {"about-you": shift(page, "/complaint/about-you")}
    page.check("#complainant_type-0")
    page.fill("#name", "Ana Ferreira")
    page.fill("#email", "ana@example.org")
    page.check("#contact_channel-0")
    next_step(page, "what-happened")
    shifts["what-happened"] = shift(page, "/complaint/what-happened")
    page.fill("#facts_date", "2026-10-30")
    page.select_option("#district", "lisboa")
    page.select_option("#context", "security_forces")
    page.check("input[name=practice][value=i]")
    page.fill("#description", "Dois agentes chamaram-me nomes racistas durante uma revista.")
    next_step(page, "why")
    shifts["why"] = shift(page, "/complaint/why")
    page.check("input[name=grounds][value=colour]")
    next_step(page, "who-did-it")
    shifts["who-did-it"] = shift(page, "/complaint/who-did-it")
    page.select_option("#respondents-0-kind", "security_force")
    page.locator(".buttons button[value=next]").click()  # no force chosen: sent back, in error
    page.locator("#error-summary").wait_for()
    shifts["who-did-it, in error"] = float(page.evaluate(CLS))
    page.select_option("#respondents-0-security_force", "psp")
    next_step(page, "people")
    shifts["who-did-it, police chosen"] = shift(page, "/complaint/who-did-it")
    shifts["people"] = shift(page, "/complaint/people")
    next_step(page, "evidence")
    shifts["evidence"] = shift(page, "/complaint/evidence")
    next_step(page, "review")
    shifts["review"] = shift(page, "/complaint/review")
    page.check("#consent")
    page.locator(".buttons button[value=submit]").click()
    page.wait_for_url("**/complaint/done")
    shifts["done"] = shift(page, "/complaint/done")
    return shifts


@pytest.mark.parametrize("lang", ["pt", "ar"])
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_no_step_of_the_complaint_form_moves_after_it_appears(page: Any, lang: str,
                                                             screen: str) -> None:
    page.set_viewport_size(SCREENS[screen])
    throttle(page)
    shifts = walk_the_form(page, lang)
    assert len(shifts) == 10
    moving = {step: round(value, 4) for step, value in shifts.items() if value >= GOOD}
    assert moving == {}, f"layout shift of {GOOD} or more ({lang}, {screen}): {shifts}"
    moved = {step: round(value, 4) for step, value in shifts.items()
             if value >= STILL and step != "done"}
    assert moved == {}, f"a form step moved after it appeared ({lang}, {screen}): {shifts}"

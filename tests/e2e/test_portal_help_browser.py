"""In real Chromium: Back after sending a complaint explains itself instead of a Send button
that does nothing; the note on workplace complaints follows the situation chosen; the lost-code
page and a follow-up page showing a final decision have no serious axe finding and fit 320 px,
in Portuguese and in Arabic."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cicdr.services.intake.registration import hash_access_code
from tests import decisions
from tests.e2e.test_accessibility import check
from tests.e2e.test_portal_browser import evidence, file_against_psp, follow

pytestmark = pytest.mark.browser
CODE = "ABCDE-FGHJK-LMNPQ-RSTUV"


def test_back_after_sending_says_the_complaint_was_sent(page: Any, tmp_path: Path) -> None:
    page.goto("/?lang=en")
    reference, _code = file_against_psp(page, evidence(tmp_path), "x" * 40)
    page.go_back()  # the review page, from the browser's cache or fetched again
    send = page.locator(".buttons button[value=submit]")
    if send.count():
        send.click()
    expect(page.locator("h1")).to_have_text("This page is no longer current")
    expect(page.locator("main")).to_contain_text(f"its reference is {reference}")


def test_the_workplace_note_follows_the_situation_chosen(page: Any) -> None:
    page.goto("/complaint/what-happened?lang=en")
    note = page.locator("#labour-note")
    expect(note).to_be_hidden()
    page.select_option("#context", "labour")
    expect(note).to_be_visible()
    expect(note).to_contain_text("CICDR registers your complaint, sends it to ACT")
    page.select_option("#context", "housing")
    expect(note).to_be_hidden()


@pytest.mark.parametrize("lang", ["pt", "ar"])
def test_the_lost_code_page_and_an_outcome_are_accessible_at_320_pixels(
        page: Any, session: Any, users: Any, lang: str) -> None:
    p = decisions.final(session, users, date.today() - timedelta(days=200),
                        [decisions.company(), decisions.person()],
                        [decisions.FINE, decisions.DISMISSAL])
    (complaint,) = p.complaints
    complaint.access_code_hash = hash_access_code(CODE)
    session.commit()
    page.set_viewport_size({"width": 320, "height": 640})
    problems: dict[str, list[str]] = {}
    page.goto(f"/follow/lost-code?lang={lang}")
    check(page, problems, 320)
    page.locator("main form button[type=submit]").click()  # empty: errors shown
    check(page, problems, 320)
    follow(page, complaint.reference, CODE)
    expect(page.locator("ul.decisions li")).to_have_count(2)
    check(page, problems, 320)
    assert problems == {}

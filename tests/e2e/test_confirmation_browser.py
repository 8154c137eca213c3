"""Irreversible steps in Chromium with JavaScript off: the confirmation page states the
consequence, Go back changes nothing, Confirm fires; and the page has no serious axe finding."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect

from cicdr.services.engine.transition import fire
from tests import factories
from tests.e2e.test_accessibility import check
from tests.e2e.test_workspace_browser import Workspace
from workflows.irreversible import consequence

pytestmark = pytest.mark.browser


@pytest.fixture
def no_js_page(browser: Any, live_server: str, ctx: Any, live_app: Flask) -> Iterator[Any]:
    """A browser tab with JavaScript disabled, on an emptied database."""
    from cicdr.extensions import limiter

    with live_app.app_context():
        limiter.reset()
    context = browser.new_context(base_url=live_server, java_script_enabled=False,
                                  viewport={"width": 1100, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def duplicate_in_triage(session: Any, users: Any) -> tuple[Any, Any]:
    original = factories.complaint(session)
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    return original, c


def fill_archive(ws: Workspace, original: Any) -> Any:
    page = ws.page
    box = page.locator("details.action", has=page.locator("summary", has_text=re.compile(
        "^Archive as a duplicate$")))  # without JavaScript a <details> opens all the same
    box.locator("summary").click()
    form = box.locator("form")
    form.locator("select[name$='reason_code']").select_option("duplicate")
    form.locator("input[name$='duplicate_of']").fill(original.reference)
    form.locator("textarea[name$='reason']").fill("A mesma queixa, enviada duas vezes.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_an_officer_archives_only_after_confirming_without_javascript(
        no_js_page: Any, session: Any, users: Any) -> None:
    page = no_js_page
    original, c = duplicate_in_triage(session, users)
    ws = Workspace(page)
    ws.sign_in(users.officer)
    ws.open(f"/staff/complaints/{c.reference}")

    fill_archive(ws, original)
    expect(page.locator("h1")).to_have_text("Confirm: Archive as a duplicate")
    expect(page.locator("#consequence")).to_have_text(consequence("complaint", "archive"))
    expect(page.locator("dl.confirm-data")).to_contain_text(original.reference)
    with page.expect_navigation():
        page.locator("main a", has_text="Go back").click()
    assert ws.state() == "triage"  # nothing changed

    fill_archive(ws, original)
    with page.expect_navigation():
        page.locator("main button[name=confirmed]").click()
    expect(page.locator(".flash.success")).to_contain_text("Archive as a duplicate")
    assert ws.state() == "archived"
    expect(page.locator("ol.timeline")).to_contain_text("cannot be undone")


def test_the_confirmation_page_has_no_serious_accessibility_violation(
        page: Any, session: Any, users: Any) -> None:
    original, c = duplicate_in_triage(session, users)
    ws = Workspace(page)
    ws.sign_in(users.officer)
    ws.open(f"/staff/complaints/{c.reference}")
    fill_archive(ws, original)
    problems: dict[str, list[str]] = {}
    check(page, problems)
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, problems, width=320)
    assert problems == {}


def test_the_president_confirms_a_bulk_join_after_changing_nothing_on_the_way_back(
        page: Any, session: Any, users: Any) -> None:
    a, b = (factories.complaint(session) for _ in range(2))
    for c in (a, b):
        fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    ws = Workspace(page)
    ws.sign_in(users.president)
    ws.open("/staff/cases?sort=reference&dir=asc")
    for c in (a, b):
        page.get_by_label(f"Select {c.reference}").check()
    page.select_option("#bulk-instructor", label=users.officer.name)
    with page.expect_navigation():
        page.get_by_role("button", name="Join selected").click()
    expect(page.locator("#consequence")).to_have_text(consequence("complaint", "open_proceeding"))
    expect(page.locator("ul.items")).to_contain_text(a.reference)

    # Change what I entered: the list again, the same complaints ticked, the same instructor.
    with page.expect_navigation():
        page.locator("main button[name=edit]").click()
    for c in (a, b):
        expect(page.get_by_label(f"Select {c.reference}")).to_be_checked()
    expect(page.locator("#bulk-instructor option:checked")).to_have_text(users.officer.name)
    session.expire_all()
    assert a.proceeding is None and b.proceeding is None

    with page.expect_navigation():
        page.get_by_role("button", name="Join selected").click()
    with page.expect_navigation():
        page.locator("main button[name=confirmed]").click()  # the CSRF token came along
    expect(page.locator(".flash.success")).to_contain_text("2 complaints joined to proceeding")
    session.expire_all()
    assert a.proceeding is not None and b.proceeding is a.proceeding

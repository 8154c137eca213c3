"""The workflow diagram and the timeline in words, in real Chromium under the real CSP."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cicdr.services.engine.transition import fire
from cicdr.services.queries import diagram
from tests import factories
from tests.graphviz import needs_dot

pytestmark = pytest.mark.browser


@needs_dot
def test_the_officer_opens_the_diagram_and_reads_the_timeline(page: Any, session: Any) -> None:
    diagram.clear_cache()
    users = factories.staff(session)
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    page.goto("/staff/login")
    page.fill("#email", users.officer.email)
    page.fill("#password", factories.PASSWORD)
    page.locator("form button[type=submit]").click()
    page.goto(f"/staff/complaints/{c.reference}")
    expect(page.locator(".timeline")).to_contain_text("Officer (officer) started triage.")
    page.locator("#workflow summary").click()
    image = page.locator("#workflow img")
    expect(image).to_be_visible()
    page.wait_for_function("() => document.querySelector('#workflow img').complete")
    assert image.evaluate("img => img.naturalWidth") > 300  # drawn, not a broken image
    expect(page.locator("#workflow ol")).to_contain_text("triage (current state)")
    found = Axe().run(page, context=["#workflow", ".timeline"]).response["violations"]
    assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == []

"""In Chromium, an auditor who has never used the system takes a proceeding, reads its whole
story with every reader, exports it, and proves that its history was not altered."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from cicdr.services.audit import access
from cicdr.services.engine.transition import fire
from tests import factories

pytestmark = pytest.mark.browser


def test_an_auditor_reads_exports_and_verifies_a_proceeding(page: Any, session: Any,
                                                            users: Any) -> None:
    complaint = factories.complaint(session)
    fire(session, complaint, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, complaint, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    proceeding = complaint.proceeding
    fire(session, proceeding, "start_instruction", users.officer, today=date(2026, 3, 13))
    access.record(session, users.commissioner, access.VIEW, subject=proceeding,
                  endpoint=f"/staff/proceedings/{proceeding.reference}")

    page.goto("/staff/login")
    page.fill("#email", users.auditor.email)
    page.fill("#password", factories.PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/staff/audit/$"))
    page.fill("#reference", proceeding.reference)
    page.locator("main button", has_text="Open its history").click()
    expect(page.locator("h1")).to_contain_text(proceeding.reference)

    events = page.locator("#events ~ table").first
    expect(events).to_contain_text("opened the proceeding")
    expect(events).to_contain_text("started the instruction")
    readers = page.locator("#reads ~ table").first
    expect(readers).to_contain_text(users.commissioner.email)
    expect(page.locator("#integrity ~ .flash.success")).to_contain_text("Verified.")

    with page.expect_download() as pdf_download:
        page.locator("a", has_text="as PDF").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename.endswith(".pdf")
    text = " ".join((p.extract_text() or "") for p in PdfReader(pdf.path()).pages)
    assert proceeding.reference in text and "content matches its hash" in text
    assert "started the instruction" in text and users.commissioner.email in text

    page.locator("a", has_text="Verify the chain").first.click()
    expect(page.locator("main")).to_contain_text("Intact.")
    # The export and this very reading are themselves on record.
    page.goto(f"/staff/audit/users/{users.auditor.id}")
    expect(page.locator("main")).to_contain_text("export")

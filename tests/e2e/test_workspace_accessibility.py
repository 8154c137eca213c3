"""axe-core on the staff workspace: My work, the lists, every kind of case page with every
action form opened, forms showing errors, and the auditor's pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import UploadedFile
from tests import factories
from tests.e2e.test_accessibility import check
from tests.e2e.test_workspace_browser import Workspace

pytestmark = pytest.mark.browser


def open_everything(page: Any) -> None:
    """Open every collapsed section, so hidden forms are checked too."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")


def cases(session: Any, users: Any) -> tuple[Any, Any, Any]:
    c = factories.complaint(session, police=True,
                            files=[UploadedFile("foto.png", "image/png", b"\x89PNG axe")])
    fire(session, c, "assign", users.officer, today=date(2026, 3, 11), assignee=users.officer.id)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    referral = draft_referral(session, c, body="igai", purpose="disciplinary",
                              actor=users.officer, summary="Conduta policial.")
    other = factories.complaint(session)
    fire(session, other, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, other, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    p = other.proceeding
    for trig, data in [("start_instruction", {}),
                       ("close_instruction", {"reason": "Sem prova."}),  # issue 12: why
                       ("submit_report", {"proposal": "Arquivamento."})]:
        fire(session, p, trig, users.officer, today=date(2026, 3, 20), **data)
    return c, p, referral


def test_no_serious_accessibility_violation_on_the_workspace(page: Any, session: Any,
                                                             users: Any) -> None:
    complaint, proceeding, referral = cases(session, users)
    ws = Workspace(page)
    problems: dict[str, list[str]] = {}
    ws.sign_in(users.officer)
    check(page, problems)  # My work
    for path in ("/staff/cases", "/staff/cases?kind=proceedings", "/staff/cases?kind=referrals",
                 f"/staff/complaints/{complaint.reference}",
                 f"/staff/proceedings/{proceeding.reference}", f"/staff/referrals/{referral.id}"):
        ws.open(path)
        open_everything(page)
        check(page, problems)
    ws.open(f"/staff/complaints/{complaint.reference}")
    form = ws.action("Request information")
    ws.submit(form, expect_ok=False)  # empty: the question is required
    open_everything(page)
    check(page, problems)
    ws.sign_out()

    ws.sign_in(users.commissioner)
    ws.open(f"/staff/proceedings/{proceeding.reference}")
    form = ws.action("Record the Commission's decision")
    form.locator("select[id$='-outcome']").select_option("fine")
    form.locator("input[id$='-amount']").fill("1")
    ws.submit(form, expect_ok=False)  # below the bounds: refused with them
    check(page, problems)
    ws.sign_out()

    ws.sign_in(users.president)
    open_everything(page)
    check(page, problems)  # My work with approvals awaiting
    ws.sign_out()

    page.goto("/staff/login")
    page.fill("#email", users.auditor.email)
    page.fill("#password", factories.PASSWORD)
    page.locator("main button[type=submit]").click()
    for path in ("/staff/audit/", f"/staff/audit/cases/complaints/{complaint.reference}",
                 f"/staff/audit/users/{users.officer.id}", "/staff/audit/verify",
                 f"/staff/complaints/{complaint.reference}"):
        page.goto(path)
        open_everything(page)
        check(page, problems)
    assert problems == {}

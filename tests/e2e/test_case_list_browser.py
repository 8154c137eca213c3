"""The case list in a real browser: no serious axe-core violation (with filters, errors and
refusals shown), and a bulk assignment ticked and sent through the page (CSRF on)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from cicdr.models import Complaint
from cicdr.services.engine.transition import fire
from tests import factories
from tests.e2e.test_accessibility import serious

pytestmark = pytest.mark.browser


class CaseList:
    """The staff case list, driven like a person would."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def sign_in(self, who: str) -> None:
        self.page.goto("/staff/login")
        self.page.fill("#email", f"{who}@test.cicdr.pt")
        self.page.fill("#password", factories.PASSWORD)
        self.page.locator("form button[type=submit]").click()
        self.page.wait_for_url("**/staff/my-work")  # where staff start
        self.page.locator("header.site a", has_text="Cases").click()
        self.page.wait_for_url("**/staff/cases")

    def filter(self, **values: str) -> None:
        for name, value in values.items():
            field = self.page.locator(f"#f-{name}")
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        self.page.get_by_role("button", name="Apply filters").click()

    def tick(self, reference: str) -> None:
        self.page.get_by_label(f"Select {reference}").check()

    def references(self) -> list[str]:
        return self.page.locator("tbody th[scope=row]").all_inner_texts()


@pytest.fixture
def listed(session: Any, page: Any) -> tuple[CaseList, list[Complaint]]:
    staff = factories.staff(session)
    cases = [factories.complaint(session), factories.complaint(session, police=True),
             factories.complaint(session, district="porto", context="commerce")]
    fire(session, cases[2], "archive", staff.officer, today=date(2026, 3, 11),
         reason_code="duplicate", duplicate_of=cases[0].reference)
    return CaseList(page), cases


def test_the_case_list_has_no_serious_accessibility_violation(
        listed: tuple[CaseList, list[Complaint]]) -> None:
    view, _ = listed
    view.sign_in("officer")
    problems = {"list": serious(view.page)}
    view.filter(q="maria", district="lisboa", sort="reference")
    problems["filtered"] = serious(view.page)
    view.page.goto("/staff/cases?received_from=2026-02-30&state=flying")
    problems["errors"] = serious(view.page)
    for kind in ("proceedings", "referrals"):
        view.page.goto(f"/staff/cases?kind={kind}")
        problems[kind] = serious(view.page)
    assert {k: v for k, v in problems.items() if v} == {}


def test_an_officer_assigns_ticked_complaints_from_the_list(
        listed: tuple[CaseList, list[Complaint]], session: Any) -> None:
    view, (first, police, archived) = listed
    view.sign_in("officer")
    view.filter(sort="reference", dir="asc")
    assert view.references() == [first.reference, police.reference, archived.reference]

    view.tick(first.reference)
    view.tick(archived.reference)
    view.page.select_option("#bulk-assignee", label="Officer2")
    view.page.get_by_role("button", name="Assign selected").click()
    refused = view.page.get_by_role("alert").filter(has_text="Nothing was changed")
    expect(refused).to_contain_text(f"{archived.reference}: Not possible while the complaint "
                                    "is archived.")
    assert serious(view.page) == []
    expect(view.page.get_by_label(f"Select {first.reference}")).to_be_checked()

    view.page.get_by_label(f"Select {archived.reference}").uncheck()
    view.page.select_option("#bulk-assignee", label="Officer2")
    view.page.get_by_role("button", name="Assign selected").click()
    expect(view.page.locator(".flash.success")).to_contain_text(
        "1 complaint assigned to Officer2.")
    assert "sort=reference" in view.page.url  # back on the same list
    session.expire_all()
    assigned = session.scalars(select(Complaint.reference).where(
        Complaint.assignee_id.is_not(None))).all()
    assert assigned == [first.reference]

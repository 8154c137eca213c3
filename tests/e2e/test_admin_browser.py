"""In Chromium: enrolling a second factor with a real code, and axe-core on the sign-in,
account and administration pages, with errors shown."""

from __future__ import annotations

from typing import Any

import pyotp
import pytest

from tests import factories
from tests.e2e.test_accessibility import check

pytestmark = pytest.mark.browser


def sign_in(page: Any, email: str) -> None:
    page.goto("/staff/login")
    page.fill("#email", email)
    page.fill("#password", factories.PASSWORD)
    page.locator("main button[type=submit]").click()


def test_a_required_second_factor_is_enrolled_in_the_browser(page: Any, session: Any,
                                                             users: Any) -> None:
    users.officer.require_2fa = True
    session.commit()
    problems: dict[str, list[str]] = {}
    sign_in(page, users.officer.email)
    assert page.url.endswith("/staff/login/enrol")
    check(page, problems)
    page.fill("#code", "12")
    page.locator("main button[type=submit]").click()
    assert "The code is not right" in page.inner_text("main")
    check(page, problems)
    secret = page.inner_text("#totp-secret").replace(" ", "")
    assert page.locator("figure svg").count() == 1  # the QR code
    page.fill("#code", pyotp.TOTP(secret).now())
    page.locator("main button[type=submit]").click()
    assert page.url.endswith("/staff/my-work")  # where officers start
    page.goto("/staff/account")
    assert "On: a code" in page.inner_text("main")
    check(page, problems)
    page.locator("header form button").click()  # sign out
    sign_in(page, users.officer.email)
    assert page.url.endswith("/staff/login/code")
    page.fill("#code", "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    page.locator("main button[type=submit]").click()
    check(page, problems)
    assert problems == {}


def test_no_serious_accessibility_violation_on_the_admin_pages(page: Any, users: Any) -> None:
    problems: dict[str, list[str]] = {}
    sign_in(page, users.admin.email)
    for path in ("/staff/admin/users", "/staff/admin/reference",
                 "/staff/admin/reference/calendar", "/staff/account"):
        page.goto(path)
        check(page, problems)
    page.goto("/staff/admin/reference/ias")
    page.fill("#ias-amount", "-1")
    page.locator("main form button[type=submit]").click()
    assert "greater than 0" in page.inner_text("main")
    check(page, problems)
    page.goto("/staff/admin/reference/deadlines")
    page.fill("#defence-length", "0")
    page.locator("text=Save defence").click()
    check(page, problems)
    page.goto("/staff/admin/reference/vocabularies/security_force")
    page.fill("#psp-position", "first")
    page.locator("text=Save psp").click()
    assert "Enter a whole number" in page.inner_text("main")
    check(page, problems)
    page.fill("#new-code", "Bad Code")
    page.locator("main form button:text('Add')").click()
    check(page, problems)
    assert problems == {}

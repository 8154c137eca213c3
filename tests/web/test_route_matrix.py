"""Every staff endpoint × every role (and anonymous visitors): the expected status of each.

The table below is the access policy written out. It is checked against the application's own
route list, so a new route under /staff fails `test_every_staff_route_is_in_the_matrix` until
someone decides, here, who may use it. Requests are harmless: pages are read, and POSTs are sent
empty or with a refused value, so they stop at validation (422), at the workflow's refusal (409)
or at the access check (403) without changing a case, except where noted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import UploadedFile
from tests import factories
from tests.conftest import AuthActions
from tests.graphviz import DOT

ROLES = ("officer", "president", "commissioner", "auditor", "admin", "anonymous")
LOGIN = "login"  # a redirect to the sign-in page


def statuses(default: int | str = 403, **by_role: int | str) -> dict[str, int | str]:
    """Expected status per role: `default` for the staff roles not named, sign-in for
    anonymous visitors unless named."""
    table: dict[str, int | str] = {role: default for role in ROLES}
    table["anonymous"] = LOGIN
    table.update(by_role)
    return table


READ = statuses(officer=200, president=200, commissioner=200, auditor=200)  # case readers
EDIT = statuses(officer=422, president=422)  # officers and the president; 422: sent empty
OFFICER_ONLY = statuses(officer=200)
AUDITOR_ONLY = statuses(auditor=200)
ADMIN_ONLY = statuses(admin=200)
ANY_STAFF = statuses(officer=200, president=200, commissioner=200, auditor=200, admin=200)


@dataclass(frozen=True)
class Case:
    """The records the URLs point at."""

    complaint: str
    proceeding: str
    respondent: int
    party: int
    referral: int
    attachment: int
    user: int
    admin: int


# (endpoint, method, url template) -> expected status by role.
MATRIX: dict[tuple[str, str, str], Mapping[str, int | str]] = {
    ("workspace.cases_index", "GET", "/staff/"): statuses(
        officer=302, president=302, commissioner=302, auditor=302),
    ("workspace.cases", "GET", "/staff/cases"): READ,
    ("workspace.cases_csv", "GET", "/staff/cases.csv"): READ,
    # Sent with nothing ticked: the officer (assign) and the president (join) are told so.
    ("workspace.bulk_assign", "POST", "/staff/cases/bulk/assign"): statuses(officer=422),
    ("workspace.bulk_join", "POST", "/staff/cases/bulk/join"): statuses(president=422),
    ("workspace.my_work", "GET", "/staff/my-work"): statuses(
        officer=200, president=200, commissioner=200),
    ("workspace.case", "GET", "/staff/complaints/{complaint}"): READ,
    ("workspace.sanctions_register", "GET", "/staff/register?q=exemplo"): READ,
    # Statistics (aggregates only): every case reader, auditors included; never the admin.
    ("workspace.statistics", "GET", "/staff/statistics?from=2026-01-01&to=2026-12-31"): READ,
    ("workspace.statistics_json", "GET", "/staff/statistics.json"): READ,
    ("workspace.statistics_csv", "GET", "/staff/statistics.csv"): READ,
    ("workspace.statistics_xlsx", "GET", "/staff/statistics.xlsx"): READ,
    ("workspace.annual_report_pdf", "GET", "/staff/statistics/report.pdf?year=2026"): READ,
    ("workspace.annual_report_json", "GET", "/staff/statistics/report.json?year=2026"): READ,
    # Without Graphviz the readers are told the diagram cannot be drawn (404), others as ever.
    ("workspace.diagram_svg", "GET", "/staff/complaints/{complaint}/diagram.svg"): READ if DOT
    else statuses(officer=404, president=404, commissioner=404, auditor=404),
    # archive needs a reason code: officers and the president are told what to fix; the
    # commissioner is told who may do it (409 with the reason, like any blocked action).
    ("workspace.act", "POST", "/staff/complaints/{complaint}/actions/archive"): statuses(
        officer=422, president=422, commissioner=409),
    ("workspace.new_referral", "POST", "/staff/complaints/{complaint}/referrals"): EDIT,
    ("workspace.generate_document", "POST",
     "/staff/complaints/{complaint}/documents/information_request"): statuses(
        officer=409, president=409),  # not due: the complaint awaits no information
    ("workspace.add_files", "POST", "/staff/complaints/{complaint}/files"): EDIT,
    ("workspace.classify", "POST", "/staff/complaints/{complaint}/classification"): EDIT,
    ("workspace.save_respondent", "POST", "/staff/complaints/{complaint}/respondents"): EDIT,
    ("workspace.save_respondent", "POST",
     "/staff/complaints/{complaint}/respondents/{party}"): EDIT,
    # Sent empty: neither a new incident, an existing one, nor none (422).
    ("workspace.set_incident", "POST", "/staff/complaints/{complaint}/incident"): EDIT,
    ("workspace.join_duplicates", "POST", "/staff/complaints/{complaint}/duplicates/join"):
        statuses(president=422),  # nothing ticked
    ("workspace.write_message", "POST", "/staff/complaints/{complaint}/messages"): EDIT,
    ("workspace.add_note", "POST", "/staff/complaints/{complaint}/notes"): statuses(
        officer=422, president=422, commissioner=422),
    ("workspace.data_export", "GET", "/staff/complaints/{complaint}/data-export.json"):
        statuses(officer=200, president=200),
    ("workspace.save_arguido", "POST",
     "/staff/proceedings/{proceeding}/respondents/{respondent}"): EDIT,
    # The accusation and decision texts: officers only; sent empty, nothing changes (302).
    ("workspace.save_respondent_texts", "POST",
     "/staff/proceedings/{proceeding}/respondents/{respondent}/texts"): statuses(officer=302),
    ("workspace.download", "GET", "/staff/files/{attachment}"): READ,
    ("workspace.new_complaint", "GET", "/staff/new-complaint"): statuses(officer=302),
    ("workspace.new_complaint_step", "GET", "/staff/new-complaint/about-you"): OFFICER_ONLY,
    ("workspace.new_complaint_step", "POST", "/staff/new-complaint/about-you"): statuses(
        officer=422),
    ("workspace.new_complaint_step_done", "GET", "/staff/new-complaint/done"): statuses(
        officer=302),  # nothing filed in this session: back to the form
    ("workspace.new_complaint_step_done_text", "GET", "/staff/new-complaint/done/code.txt"):
        statuses(officer=404),  # no receipt to download
    ("audit.index", "GET", "/staff/audit/"): AUDITOR_ONLY,
    ("audit.case", "GET", "/staff/audit/cases/complaints/{complaint}"): AUDITOR_ONLY,
    ("audit.case_json", "GET", "/staff/audit/cases/complaints/{complaint}/history.json"):
        AUDITOR_ONLY,
    ("audit.case_pdf", "GET", "/staff/audit/cases/referrals/{referral}/history.pdf"):
        AUDITOR_ONLY,
    ("audit.log", "GET", "/staff/audit/log.csv?start=2026-01-01&end=2026-12-31"): AUDITOR_ONLY,
    ("audit.user", "GET", "/staff/audit/users/{user}"): AUDITOR_ONLY,
    ("audit.verify", "GET", "/staff/audit/verify"): AUDITOR_ONLY,
    ("admin.users", "GET", "/staff/admin/users"): ADMIN_ONLY,
    ("admin.create", "POST", "/staff/admin/users"): statuses(admin=422),
    # Empty, the form would deactivate the account: sent to the admin's own, which is refused.
    ("admin.update", "POST", "/staff/admin/users/{admin}"): statuses(admin=422),
    ("admin.reset_2fa", "POST", "/staff/admin/users/{user}/reset-2fa"): statuses(
        admin=422),  # the account has no second factor to reset
    # Access requests (four eyes): the administrator and the president decide them.
    ("admin.access_requests", "GET", "/staff/admin/access-requests"): statuses(
        admin=200, president=200),
    ("admin.decide_access_request", "POST", "/staff/admin/access-requests/0"): statuses(
        admin=404, president=404),  # no such request
    ("admin.reference", "GET", "/staff/admin/reference"): ADMIN_ONLY,
    ("admin.calendar", "GET", "/staff/admin/reference/calendar"): ADMIN_ONLY,
    ("admin.calendar", "POST", "/staff/admin/reference/calendar"): statuses(admin=302),
    # Sent empty: no day, no reason (422); withdrawing a day that is not a closure day: 422.
    ("admin.add_closure_day", "POST", "/staff/admin/reference/calendar/closure-days"):
        statuses(admin=422),
    ("admin.delete_closure_day", "POST",
     "/staff/admin/reference/calendar/closure-days/2026-12-24/delete"): statuses(admin=422),
    ("admin.deadline_table", "GET", "/staff/admin/reference/deadlines"): ADMIN_ONLY,
    ("admin.deadline_table", "POST", "/staff/admin/reference/deadlines"): statuses(admin=422),
    ("admin.ias", "GET", "/staff/admin/reference/ias"): ADMIN_ONLY,
    ("admin.ias", "POST", "/staff/admin/reference/ias"): statuses(admin=422),
    ("admin.vocabulary", "GET", "/staff/admin/reference/vocabularies/context"): ADMIN_ONLY,
    ("admin.add_term", "POST", "/staff/admin/reference/vocabularies/context"): statuses(
        admin=422),
    ("admin.update_term", "POST", "/staff/admin/reference/vocabularies/context/other"):
        statuses(admin=422),
    ("admin.delete_term", "POST",
     "/staff/admin/reference/vocabularies/context/other/delete"): statuses(
        admin=422),  # a code of domain.md is never deleted
    ("auth.account", "GET", "/staff/account"): ANY_STAFF,
    # The language switch, sent empty: a language is required (422 with the reason).
    ("auth.account", "POST", "/staff/account"): statuses(
        officer=422, president=422, commissioner=422, auditor=422, admin=422),
    ("auth.account_enrol", "GET", "/staff/account/2fa"): ANY_STAFF,
    ("auth.account_enrol", "POST", "/staff/account/2fa"): statuses(
        officer=400, president=400, commissioner=400, auditor=400, admin=400),
    # Signing in: open to everyone; a signed-in user is sent to their start page.
    ("auth.login", "GET", "/staff/login"): statuses(302, anonymous=200),
    ("auth.login", "POST", "/staff/login"): statuses(302, anonymous=400),
    ("auth.login_code", "GET", "/staff/login/code"): statuses(302, anonymous=302),
    ("auth.login_code", "POST", "/staff/login/code"): statuses(302, anonymous=302),
    ("auth.login_enrol", "GET", "/staff/login/enrol"): statuses(302, anonymous=302),
    ("auth.login_enrol", "POST", "/staff/login/enrol"): statuses(302, anonymous=302),
    ("auth.logout", "POST", "/staff/logout"): statuses(302, anonymous=LOGIN),
    # Monitoring: open to everyone, signed in or not (it says nothing personal).
    ("health.healthz", "GET", "/healthz"): statuses(200, anonymous=200),
}


def staff_routes(app: Flask) -> set[tuple[str, str]]:
    """Every (endpoint, method) the application serves under /staff, and /healthz."""
    return {(rule.endpoint, method) for rule in app.url_map.iter_rules()
            if rule.rule.startswith(("/staff", "/healthz"))
            for method in rule.methods or () if method not in ("HEAD", "OPTIONS")}


def test_every_staff_route_is_in_the_matrix(app: Flask) -> None:
    covered = {(endpoint, method) for endpoint, method, _url in MATRIX}
    missing = staff_routes(app) - covered
    assert missing == set(), f"decide who may use these routes, in MATRIX: {sorted(missing)}"
    assert covered - staff_routes(app) == set(), "MATRIX names routes that no longer exist"


@pytest.fixture
def case(session: Any, users: Any) -> Case:
    c = factories.complaint(session, police=True,
                            files=[UploadedFile("foto.png", "image/png", b"\x89PNG matrix")])
    other = factories.complaint(session)
    fire(session, other, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, other, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    referral = draft_referral(session, c, body="igai", purpose="disciplinary",
                              actor=users.officer, summary="Conduta policial.")
    # The draft stays a draft (the referral routes act on it), so the police guard is met by
    # the president's record instead: archiving is then refused for its data only.
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, c, "record_no_disciplinary_referral", users.president,
         today=date(2026, 3, 11), reason="A IGAI já conhece os factos.")
    from cicdr.models import Attachment

    attachment = session.query(Attachment).one()
    p = other.proceeding
    return Case(complaint=c.reference, proceeding=p.reference, respondent=p.respondents[0].id,
                party=c.respondents[0].id, referral=referral.id, attachment=attachment.id,
                user=users.officer2.id, admin=users.admin.id)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_from_every_staff_endpoint(
        role: str, app: Flask, client: FlaskClient, auth: AuthActions, case: Case) -> None:
    if role != "anonymous":
        auth.login_as(role)
    wrong = {}
    for (endpoint, method, template), expected in MATRIX.items():
        if endpoint == "auth.logout":
            continue  # signing out here would sign the rest of the sweep out; checked below
        url = template.format(**vars(case))
        response = client.open(url, method=method)
        got: int | str = response.status_code
        if got == 302 and "/staff/login" in response.headers["Location"] \
                and not endpoint.startswith("auth.login"):
            got = LOGIN
        if got != expected[role]:
            wrong[f"{method} {url}"] = (got, expected[role])
    response = client.post("/staff/logout")
    want_logout = MATRIX[("auth.logout", "POST", "/staff/logout")][role]
    got_logout = LOGIN if role == "anonymous" and response.status_code == 302 else \
        response.status_code
    if got_logout != want_logout:
        wrong["POST /staff/logout"] = (got_logout, want_logout)
    assert wrong == {}, f"{role}: (got, expected) {wrong}"

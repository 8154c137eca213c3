"""Styles live in one stylesheet per face under cicdr/static (staff, portal, documents), never
inline: no template carries a <style> block or a style= attribute, every HTML page is sent with a
Content-Security-Policy that refuses inline styles, and the stylesheets that replace them are
served (and, for PDFs, applied)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import pypdf
import pytest
from flask.testing import FlaskClient

from cicdr.config import ROOT
from cicdr.extensions import limiter
from cicdr.models import AuditEvent
from cicdr.services import documents
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import UploadedFile
from cicdr.views.complaint_form import SLUGS
from tests import factories
from tests.conftest import AuthActions
from tests.web.test_complaint_form import fill, receipt, submit

STATIC = ROOT / "cicdr" / "static"
# In a template: a <style> element or a style attribute (with or without spaces around "=").
INLINE_IN_TEMPLATE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
# In a page sent: the same, but only inside a tag (escaped user text shows "&lt;", not "<").
INLINE_IN_PAGE = re.compile(r"<style\b|<[a-z][^<>]*\sstyle\s*=", re.IGNORECASE)


def test_the_template_scan_recognises_inline_styles() -> None:
    for inline in ('<style>', '<p style="x">', "<td\n  style='x'>", '<dd STYLE = "x">'):
        assert INLINE_IN_TEMPLATE.search(inline) and INLINE_IN_PAGE.search(inline), inline
    for clean in ('<p class="pre-wrap">', "{{ stylesheet }}", "&lt;p style=x&gt;"):
        assert not INLINE_IN_PAGE.search(clean), clean


def test_no_template_has_a_style_block_or_a_style_attribute() -> None:
    files = [path for path in sorted((ROOT / "templates").rglob("*")) if path.is_file()]
    assert len(files) > 50  # the scan sees the whole tree (58 files when written)
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in files
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if INLINE_IN_TEMPLATE.search(line)]
    assert found == [], "move these styles to the face's stylesheet in cicdr/static:\n" \
        + "\n".join(found)


# -- every page: the policy, and nothing inline that the policy would block ----------------------


def problems(url: str, response: Any, status: int = 200) -> list[str]:
    """What is wrong with one response: a status other than `status`, an HTML page without a
    CSP that limits styles to 'self', with 'unsafe-inline' or with inline styles in its body."""
    if response.status_code != status:
        return [f"{url}: status {response.status_code}"]
    if response.mimetype != "text/html":
        return []
    found = []
    policy = response.headers.get("Content-Security-Policy", "")
    styles = [d.split()[1:] for d in policy.split(";") if d.split()[:1] == ["style-src"]]
    if "'unsafe-inline'" in policy or styles != [["'self'"]]:
        found.append(f"{url}: Content-Security-Policy {policy!r}")
    if match := INLINE_IN_PAGE.search(response.get_data(as_text=True)):
        found.append(f"{url}: inline style {match.group(0)!r}")
    return found


def walk(client: FlaskClient, urls: list[str]) -> list[str]:
    """GET each URL (following redirects) and return every problem found."""
    return [p for url in urls for p in problems(url, client.get(url, follow_redirects=True))]


@pytest.fixture
def cases(session: Any, users: Any) -> SimpleNamespace:
    """A police complaint with a file and a referral, and a proceeding opened from another."""
    c = factories.complaint(session, police=True,
                            files=[UploadedFile("foto.png", "image/png", b"\x89PNG styles")])
    other = factories.complaint(session)
    fire(session, other, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, other, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    referral = draft_referral(session, c, body="igai", purpose="disciplinary",
                              actor=users.officer, summary="Conduta policial.")
    return SimpleNamespace(complaint=c.reference, proceeding=other.proceeding.reference,
                           referral=referral.id)


def test_every_portal_page_and_form_step_refuses_inline_styles(client: FlaskClient,
                                                                session: Any) -> None:
    limiter.reset()
    urls = ["/", "/?lang=ar", "/?lang=en", "/decisions", "/follow", "/staff/login",
            "/complaint"] + [f"/complaint/{slug}" for slug in SLUGS]
    found = walk(client, urls)
    # Pages that answer a form with its errors are pages too.
    for url, data, status in (("/complaint/about-you", {"nav": "next"}, 422),
                              ("/follow?lang=en", {}, 400), ("/staff/login", {}, 400)):
        found += problems(f"POST {url}", client.post(url, data=data), status)
    fill(client)
    found += walk(client, ["/complaint/review"])
    assert submit(client).status_code == 302
    found += walk(client, ["/complaint/done"])
    reference, code = receipt(client)
    assert client.post("/follow", data={"reference": reference, "code": code}).status_code == 302
    found += walk(client, ["/follow/case", "/follow/case?lang=ar"])
    found += problems("/no-such-page", client.get("/no-such-page"), 404)
    assert found == []


STAFF_PAGES = {
    "officer": ["/staff/my-work", "/staff/cases", "/staff/cases?kind=proceedings",
                "/staff/cases?kind=referrals&overdue=1", "/staff/complaints/{complaint}",
                "/staff/proceedings/{proceeding}", "/staff/referrals/{referral}",
                "/staff/register", "/staff/account", "/staff/account/2fa",
                "/staff/new-complaint"] + [f"/staff/new-complaint/{slug}" for slug in SLUGS],
    "president": ["/staff/my-work", "/staff/complaints/{complaint}"],
    "auditor": ["/staff/audit/", "/staff/audit/verify", "/staff/audit/cases/complaints/{complaint}",
                "/staff/audit/cases/proceedings/{proceeding}", "/staff/audit/users/1"],
    "admin": ["/staff/admin/users", "/staff/admin/reference", "/staff/admin/reference/calendar",
              "/staff/admin/reference/deadlines", "/staff/admin/reference/ias",
              "/staff/admin/reference/vocabularies/context"],
}


@pytest.mark.parametrize("role", sorted(STAFF_PAGES))
def test_every_staff_page_refuses_inline_styles(role: str, client: FlaskClient,
                                                auth: AuthActions, cases: SimpleNamespace,
                                                users: Any) -> None:
    auth.login_as(role)
    urls = [u.format(**vars(cases)) for u in STAFF_PAGES[role]]
    urls = [u.replace("/users/1", f"/users/{users.officer.id}") for u in urls]
    found = walk(client, urls)
    found += problems("/staff/no-such-page", client.get("/staff/no-such-page"), 404)
    assert found == []


# -- the stylesheets ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["staff.css", "portal.css", "documents.css"])
def test_each_faces_stylesheet_is_served_as_css(client: FlaskClient, name: str) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert response.data == (STATIC / name).read_bytes() and b"{" in response.data


def test_each_html_face_links_its_own_stylesheet(client: FlaskClient, auth: AuthActions) -> None:
    portal = client.get("/").get_data(as_text=True)
    assert 'href="/static/portal.css"' in portal and "staff.css" not in portal
    auth.login_as("officer")
    staff = client.get("/staff/account").get_data(as_text=True)
    assert 'href="/static/staff.css"' in staff and "portal.css" not in staff


def pages_of(pdf: bytes) -> list[tuple[float, float, str]]:
    """Each page's width and height in points and its text."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)),
             " ".join((p.extract_text() or "").split())) for p in reader.pages]


def test_pdfs_take_their_page_and_footer_from_documents_css() -> None:
    # A4 is 210 x 297 mm = 595.28 x 841.89 pt (1 pt = 1/72 in = 0.3528 mm); the footer text
    # exists only in documents.css (@page margin boxes).
    page = '<html class="{}"><body><p>{}</p></body></html>'
    letter = pages_of(documents.html_to_pdf(page.format("letter", "Texto.")))
    assert letter == [(595, 842, "Texto. Página 1 de 1")]
    history = pages_of(documents.html_to_pdf(page.format("history", "Text.")))
    assert history == [(842, 595, "Text. Page 1 of 1")]


def test_the_case_history_pdf_is_landscape_on_every_page(ctx: Any) -> None:
    at = datetime(2026, 5, 4, tzinfo=UTC)
    subject = SimpleNamespace(WORKFLOW="proceeding", reference="PCO-2026-0001", id=1,
                              state="instruction", complaints=[], respondents=[], referrals=[],
                              opened_at=at, facts_date=date(2026, 3, 2), decided_on=None)
    events = [AuditEvent(seq=i, subject_type="proceeding", subject_id=1, subject_ref="PCO-1",
                         actor_id=1, actor_label="Officer", role="officer", action="access.view",
                         from_state=None, to_state=None, data="{}", created_at=at,
                         prev_hash="a" * 64, hash="b" * 64) for i in range(1, 80)]
    pages = pages_of(documents.history_pdf(subject, events, [], exported_by="Auditor",
                                           exported_at=at))
    assert len(pages) > 1  # 79 events do not fit on one page
    assert {(w, h) for w, h, _text in pages} == {(842, 595)}
    assert all(f"Page {n} of {len(pages)}" in text for n, (_w, _h, text) in enumerate(pages, 1))

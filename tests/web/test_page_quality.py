"""What outside checkers look for: a meta description on public pages, sign-in fields that
say their purpose, captions on staff tables, and compressed responses."""

from __future__ import annotations

import gzip
import html
import re
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from cicdr.i18n import LANGUAGES
from cicdr.services.engine.transition import fire
from tests.conftest import AuthActions
from tests.services.test_legal_paths import triaged

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')


def _description(client: FlaskClient, url: str) -> str:
    found = DESCRIPTION.search(client.get(url, follow_redirects=True).get_data(as_text=True))
    assert found, url
    return html.unescape(found.group(1))


def test_every_public_page_has_a_description_in_the_visitors_language(
        client: FlaskClient) -> None:
    seen = {lang: _description(client, f"/?lang={lang}") for lang in LANGUAGES}
    assert len(set(seen.values())) == len(LANGUAGES)  # eight languages, eight texts
    assert seen["pt"].startswith("Denuncie a discriminação racial à CICDR")
    assert seen["en"].startswith("Report racial discrimination to CICDR")
    assert "التمييز العنصري" in seen["ar"]
    client.get("/?lang=ar")  # the language chosen stays for the other public pages
    for url in ("/complaint", "/follow", "/decisions"):
        assert _description(client, url) == seen["ar"], url


def test_staff_sign_in_fields_say_their_purpose(client: FlaskClient) -> None:
    body = client.get("/staff/login").get_data(as_text=True)
    assert re.search(r'<input autocomplete="username"[^>]*name="email"', body)
    assert re.search(r'<input autocomplete="current-password"[^>]*name="password"', body)


def test_the_deadline_and_document_tables_have_captions(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    c = triaged(session, users)
    fire(session, c, "request_information", users.officer, today=date(2026, 3, 12),
         question="Pode enviar fotografias?")  # a running deadline, so the table is shown
    auth.login_as("officer")
    body = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert "<caption class=\"visually-hidden\">Deadlines of this case</caption>" in body
    assert "<caption class=\"visually-hidden\">Legal documents of this case" in body
    tables, captions = body.count("<table"), len(re.findall(r"<table[^>]*>\s*<caption", body))
    assert tables == captions > 0


GZIP = {"Accept-Encoding": "gzip"}


def test_html_is_gzipped_for_clients_that_accept_it(client: FlaskClient) -> None:
    plain = client.get("/decisions?lang=pt")
    packed = client.get("/decisions?lang=pt", headers=GZIP)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    body = packed.get_data()
    assert int(packed.headers["Content-Length"]) == len(body) < len(plain.get_data())
    assert gzip.decompress(body) == plain.get_data()


def test_static_javascript_is_gzipped_and_revalidates_with_its_own_etag(
        client: FlaskClient) -> None:
    plain = client.get("/static/portal.js")
    packed = client.get("/static/portal.js", headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    etag = packed.headers["ETag"]
    assert etag.endswith(':gzip"') and etag != plain.headers["ETag"]  # never mixed in a cache
    again = client.get("/static/portal.js", headers={**GZIP, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    head = client.head("/static/portal.js", headers=GZIP)
    assert head.status_code == 200 and head.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize(("url", "why"), [
    ("/static/no-such-file.js", "an error page"),
    ("/complaint/nothing-here", "an error page"),
])
def test_errors_are_not_compressed(client: FlaskClient, url: str, why: str) -> None:
    response = client.get(url, headers=GZIP)
    assert response.status_code == 404 and "Content-Encoding" not in response.headers, why


def test_csv_downloads_stay_uncompressed(client: FlaskClient) -> None:
    csv = client.get("/decisions.csv", headers=GZIP)
    assert csv.status_code == 200 and "Content-Encoding" not in csv.headers


def test_a_mistyped_date_filter_is_kept_as_text_and_a_real_one_as_a_date(
        users: Any, auth: AuthActions, client: FlaskClient) -> None:
    auth.login_as("officer")
    body = client.get("/staff/cases?received_from=2026-02-30").get_data(as_text=True)
    assert 'name="received_from" type="text" value="2026-02-30"' in body  # valid HTML
    body = client.get("/staff/cases?received_from=2026-03-02&received_to=2026-03-01"
                      ).get_data(as_text=True)
    assert 'name="received_to" type="date" value="2026-03-01"' in body


@pytest.mark.parametrize(("kind", "columns"), [("complaints", 9), ("proceedings", 7),
                                               ("referrals", 7)])
def test_an_empty_case_list_spans_exactly_its_columns(
        users: Any, auth: AuthActions, client: FlaskClient, kind: str, columns: int) -> None:
    auth.login_as("president")  # may act in bulk, but an empty list has no selection column
    body = client.get(f"/staff/cases?kind={kind}").get_data(as_text=True)
    header = body[body.index("<thead>"):body.index("</thead>")]
    assert len(re.findall(r"<th[\s>]", header)) == columns
    assert f'<td colspan="{columns}">No {kind} match' in body

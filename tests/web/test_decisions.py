"""The public page of published decisions (/decisions and its CSV) and the staff register of
sanctioned persons (/staff/register), on proceedings driven through the workflow."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from babel.dates import format_date
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.models import AuditEvent, Proceeding
from tests import decisions as paths
from tests.conftest import AuthActions
from tests.decisions import ADMONITION, DISMISSAL, FINE, company, person

DISMISSED = "Ilídio Arquivado-Marcador3K"
ANNULLED, UNPUBLISHED, OLD = ("Anulada Marcador, S.A.", "Por Publicar Marcador, Lda.",
                              "Antiga Marcador, Lda.")
# What a complaint of tests.factories carries about the complainant: never public.
COMPLAINANT = ("Maria Silva", "maria@example.org", "sou cigano")


@dataclass
class Extract:
    fined: Proceeding
    admonished: Proceeding


@pytest.fixture
def extract(session: Any, users: Any) -> Extract:
    """Two published decisions (a company fined with a natural person dismissed; a natural
    person admonished, confirmed by the court), an annulled one, a final one not published and
    one published more than 5 years ago; dates relative to today, as the page uses today."""
    start = date.today() - timedelta(days=200)
    fined = paths.published(session, users, start, [company(), person(DISMISSED)],
                            [FINE, DISMISSAL])
    admonished = paths.published(session, users, start + timedelta(days=7), [person()],
                                 [ADMONITION], court="confirmed")
    paths.final(session, users, start + timedelta(days=14), [company(ANNULLED)], [FINE],
                court="annulled")
    paths.final(session, users, start + timedelta(days=21), [company(UNPUBLISHED)], [FINE])
    long_ago = date.today().replace(year=date.today().year - 6) - timedelta(days=200)
    paths.published(session, users, long_ago, [company(OLD)], [FINE])
    return Extract(fined, admonished)


class Cells(HTMLParser):
    """The text of each body row's cells, and every attribute value seen anywhere."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.attributes: list[str] = []
        self._body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [v for _k, v in attrs if v]
        if tag == "tbody":
            self._body = True
        elif tag == "tr" and self._body:
            self.rows.append([])
        elif tag in ("td", "th") and self._body:
            self._cell = []
        elif tag in ("br", "li") and self._cell is not None:
            self._cell.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._body = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()).strip(" |"))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table(body: str) -> Cells:
    parser = Cells()
    parser.feed(body)
    return parser


def csv_rows(client: FlaskClient, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # spreadsheets then read the accents right
    return list(csv.reader(io.StringIO(text[1:])))


def test_a_company_fine_and_a_persons_admonition_are_published_with_every_column(
        client: FlaskClient, extract: Extract) -> None:
    body = client.get("/decisions").get_data(as_text=True)
    rows = table(body).rows
    fined, admonished = extract.fined, extract.admonished
    norm = ("alínea c) do n.º 2 do artigo 4.º da Lei n.º 93/2017, de 23 de agosto, na redação "
            "dada pela Lei n.º 3/2024, de 15 de janeiro")
    practice = "c) Recusa ou condicionamento de venda ou arrendamento de imóveis"
    assert fined.decided_on and admonished.decided_on
    assert rows == [
        [admonished.reference, "Pessoa singular", "Não publicado", practice, norm,
         "Admoestação", format_date(admonished.decided_on, "long", locale="pt"),
         "Confirmada pelo tribunal"],
        [fined.reference, "Pessoa coletiva", paths.COMPANY_NAME, practice, norm,
         "Coima de 2.500,00 € | Sanção acessória: privação do direito de participar em "
         "arrematações ou concursos públicos, pelo período de 12 meses",
         format_date(fined.decided_on, "long", locale="pt"), "Sem impugnação judicial"],
    ]
    assert '<caption id="extract-caption">Sanções publicadas pela CICDR' in body
    assert '<th scope="col">Norma violada</th>' in body and '<th scope="row">' in body


def test_annulled_unpublished_dismissed_and_expired_decisions_are_not_published(
        client: FlaskClient, extract: Extract) -> None:
    body = client.get("/decisions").get_data(as_text=True)
    for left_out in (ANNULLED, UNPUBLISHED, OLD, DISMISSED):
        assert left_out not in body
    assert len(table(body).rows) == 2
    assert len(csv_rows(client, "/decisions.csv")) == 3  # the header and the same 2 rows


@pytest.mark.parametrize("lang", ["pt", "en", "ar"])
def test_a_natural_persons_name_is_nowhere_in_the_public_page_or_its_csv(
        lang: str, client: FlaskClient, extract: Extract) -> None:
    year = extract.admonished.decided_on.year if extract.admonished.decided_on else 0
    pages = [client.get(f"/decisions?lang={lang}").get_data(as_text=True),
             client.get(f"/decisions?year={year}").get_data(as_text=True)]
    pages += ["\n".join(",".join(r) for r in csv_rows(client, url))
              for url in ("/decisions.csv", f"/decisions.csv?year={year}")]
    secrets = [paths.NATURAL_NAME, *paths.NATURAL_NAME.split(), DISMISSED, *DISMISSED.split(),
               *COMPLAINANT]
    for page in pages:
        assert paths.COMPANY_NAME in page  # the extract is there, its organisations named
        assert [s for s in secrets if s.casefold() in page.casefold()] == []
    landing = client.get("/").get_data(as_text=True)
    assert [s for s in secrets if s.casefold() in landing.casefold()] == []
    attributes = table(pages[0]).attributes
    assert [a for a in attributes if any(s in a for s in secrets)] == []


def test_the_csv_holds_the_same_extract_in_the_pages_language(
        client: FlaskClient, extract: Extract) -> None:
    header, first, second = csv_rows(client, "/decisions.csv?lang=en")
    assert header == ["Proceeding", "Respondent type", "Name (organisations only)", "Practice",
                      "Norm violated", "Sanction", "Decision date", "Appeal to court"]
    assert first[:3] == [extract.admonished.reference, "Natural person", "Not published"]
    assert first[5:] == ["Admonition", str(extract.admonished.decided_on),
                         "Confirmed by the court"]
    assert second[:3] == [extract.fined.reference, "Legal person", paths.COMPANY_NAME]
    assert second[5] == ("Fine of 2.500,00 €; Accessory sanction: ban from taking part in "
                         "public auctions or tenders, for 12 months")
    assert second[4].startswith("alínea c) do n.º 2 do artigo 4.º da Lei n.º 93/2017")


def test_the_year_filter_keeps_the_decisions_of_that_year(client: FlaskClient,
                                                          extract: Extract) -> None:
    years = {p.decided_on.year for p in (extract.fined, extract.admonished) if p.decided_on}
    body = client.get("/decisions").get_data(as_text=True)
    for year in years:
        assert f'<option value="{year}"' in body
        shown = table(client.get(f"/decisions?year={year}").get_data(as_text=True)).rows
        assert {r[0] for r in shown} == {p.reference for p in (extract.fined, extract.admonished)
                                         if p.decided_on and p.decided_on.year == year}
    empty = client.get("/decisions?year=1999&lang=pt").get_data(as_text=True)
    assert "Não há decisões de 1999 publicadas." in empty and "<table" not in empty
    assert client.get("/decisions?year=abc").status_code == 200  # not a year: all of them


@pytest.mark.parametrize(("lang", "html", "texts"), [
    ("pt", '<html lang="pt" dir="ltr">', ["<h1>Decisões publicadas</h1>", "Impugnação judicial",
                                          "Tipo de arguido", "durante 5 anos"]),
    ("en", '<html lang="en" dir="ltr">', ["<h1>Published decisions</h1>", "Appeal to court",
                                          "Respondent type", "for 5 years",
                                          "The law is cited in Portuguese"]),
    ("ar", '<html lang="ar" dir="rtl">', ["<h1>القرارات المنشورة</h1>", "الطعن أمام المحكمة",
                                          "نوع المخالف", "لمدة 5 سنوات"]),
])
def test_the_page_is_translated(lang: str, html: str, texts: list[str], client: FlaskClient,
                                extract: Extract) -> None:
    body = client.get(f"/decisions?lang={lang}").get_data(as_text=True)
    assert html in body
    assert [t for t in texts if t not in body] == []
    if lang != "pt":  # the norm is cited in Portuguese and marked so for screen readers
        marks = ' lang="pt" dir="ltr"' if lang == "ar" else ' lang="pt"'
        assert f'<td{marks}>alínea c) do n.º 2 do artigo 4.º' in body


def test_without_decisions_the_page_says_so(client: FlaskClient, ctx: Any) -> None:
    body = client.get("/decisions?lang=en").get_data(as_text=True)
    assert "No decision is published at the moment." in body and "<table" not in body


def test_the_landing_page_and_the_footer_link_to_the_published_decisions(
        client: FlaskClient, ctx: Any) -> None:
    body = client.get("/?lang=pt").get_data(as_text=True)
    assert body.count('href="/decisions"') == 2
    assert "Ver as decisões publicadas" in body


def test_reading_the_public_page_is_not_recorded_even_for_staff(
        client: FlaskClient, auth: AuthActions, extract: Extract, session: Any) -> None:
    def reads() -> int:
        return len(session.scalars(select(AuditEvent.id).where(
            AuditEvent.action.startswith("access."))).all())

    before = reads()
    assert client.get("/decisions").status_code == 200  # no account needed
    auth.login_as("officer")
    assert client.get("/decisions").status_code == 200
    assert client.get("/decisions.csv").status_code == 200
    assert reads() == before
    assert "frame-ancestors 'none'" in client.get("/decisions").headers[
        "Content-Security-Policy"]


def test_the_register_names_every_sanctioned_person_and_records_the_read(
        client: FlaskClient, auth: AuthActions, extract: Extract, session: Any) -> None:
    auth.login_as("officer")
    response = client.get("/staff/register")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert paths.NATURAL_NAME in body and paths.COMPANY_NAME in body and OLD in body
    assert ANNULLED not in body and DISMISSED not in body
    assert UNPUBLISHED in body  # final, so in the register, though not yet published
    assert "2.500,00 € owed" in body
    assert 'href="/staff/register"' in body  # the staff header links it
    found = client.get("/staff/register?q=zulmira").get_data(as_text=True)
    assert paths.NATURAL_NAME in found and paths.COMPANY_NAME not in found
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.action.startswith("access."), AuditEvent.subject_type == "sanctions_register")
        .order_by(AuditEvent.seq)).all()
    recorded = [(e.action, json.loads(e.data)) for e in events]
    assert [(action, d.get("q"), d["results"]) for action, d in recorded] == [
        ("access.view", None, 4), ("access.search", "zulmira", 1)]
    assert all(e.role == "officer" for e in events)


@pytest.mark.parametrize(("role", "status"), [
    ("president", 200), ("commissioner", 200), ("auditor", 200), ("admin", 403)])
def test_the_register_is_for_case_readers_only(role: str, status: int, client: FlaskClient,
                                               auth: AuthActions) -> None:
    auth.login_as(role)
    assert client.get("/staff/register").status_code == status


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_register(client: FlaskClient,
                                                                    ctx: Any) -> None:
    response = client.get("/staff/register")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]

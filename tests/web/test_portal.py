"""The public portal's languages: default Portuguese, switcher, browser choice, Arabic RTL."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from cicdr import create_app
from cicdr.config import TestConfig
from cicdr.i18n import LANGUAGES

CATALOGUES = Path(__file__).resolve().parents[2] / "cicdr" / "translations"


def test_the_landing_page_is_in_portuguese_by_default(client: FlaskClient) -> None:
    body = client.get("/").get_data(as_text=True)
    assert '<html lang="pt" dir="ltr">' in body
    assert "Denunciar discriminação racial" in body
    assert "São aceites queixas contra a polícia." in body
    assert "https://www.act.gov.pt/" in body  # labour goes to ACT, with a link out


def test_the_browser_language_is_followed(client: FlaskClient) -> None:
    body = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}) \
        .get_data(as_text=True)
    assert '<html lang="fr"' in body and "Signaler une discrimination raciale" in body


def test_the_switcher_choice_is_remembered_and_arabic_is_right_to_left(
        client: FlaskClient) -> None:
    body = client.get("/?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in body
    assert "الإبلاغ عن التمييز العنصري" in body
    again = client.get("/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in again
    english = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in english and "Report racial discrimination" in english


def test_the_switcher_lists_every_language_in_its_own_name(client: FlaskClient) -> None:
    body = client.get("/").get_data(as_text=True)
    for code, name in LANGUAGES.items():
        assert re.search(rf'href="\?lang={code}" lang="{code}"[^>]*>{re.escape(name)}<', body)


def test_an_unknown_language_falls_back_to_portuguese(client: FlaskClient) -> None:
    body = client.get("/?lang=xx", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="pt"' in body


# The sources of the public portal and of the complainant's e-mails. The catalogues also hold
# the staff pages' strings, which only Portuguese (and English, the source text) must translate.
PORTAL_SOURCES = ("templates/portal/", "templates/mail/", "cicdr/views/portal/",
                  "cicdr/views/complaint_form.py", "cicdr/forms/complaint.py",
                  "cicdr/forms/portal.py", "cicdr/status.py", "cicdr/services/intake/uploads.py",
                  "cicdr/services/notify/")
# ...but not the e-mails to staff, written in the staff pages' languages (issue 15).
STAFF_MAIL = ("templates/mail/staff_", "cicdr/services/notify/staff_mail.py",
              "cicdr/services/notify/deadline_reminders.py")


def portal_msgids() -> set[Any]:
    """The msgids the portal's sources use, extracted as `make translations-update` does."""
    root = CATALOGUES.parents[1]
    with (root / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None, "N_": None}
    return {message for filename, _line, message, _comments, _context in extract_from_dir(
                str(root), method_map, options_map, keywords=keywords)
            if filename.startswith(PORTAL_SOURCES) and not filename.startswith(STAFF_MAIL)}


def test_the_portal_sources_are_found() -> None:
    wanted = portal_msgids()
    assert "I was discriminated against" in wanted and "Sign out" not in wanted


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_portal_string_is_translated_in_every_catalogue(lang: str) -> None:
    wanted = portal_msgids()
    with (CATALOGUES / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalogue = read_po(f, locale=lang)
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    assert wanted - translated == set(), f"untranslated in {lang}"
    assert not catalogue.fuzzy


SCRIPTS = {"uk": r"[\u0400-\u04FF]", "ar": r"[\u0600-\u06FF]", "ne": r"[\u0900-\u097F]",
           "bn": r"[\u0980-\u09FF]"}


def _catalogue(lang: str) -> dict[str, str]:
    with (CATALOGUES / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f, locale=lang) if m.id}


def test_the_english_catalogue_is_the_source_text() -> None:
    assert all(text == msgid for msgid, text in _catalogue("en").items())


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_every_entry_is_written_in_the_languages_own_script(lang: str) -> None:
    # Entries left empty are staff strings, shown in Portuguese or English only (the test
    # above holds every portal string to a translation).
    entries = {m: text if isinstance(text, str) else text[0]
               for m, text in _catalogue(lang).items()}
    wrong = [m for m, text in entries.items() if text and not re.search(SCRIPTS[lang], text)]
    assert wrong == []


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_latin_script_catalogues_are_not_copies_of_portuguese(lang: str) -> None:
    pt, other = _catalogue("pt"), _catalogue(lang)
    same = [m for m in pt if pt[m] == other[m] and len(m) > 25]
    assert same == []


def test_portal_errors_are_in_the_visitors_language(client: FlaskClient) -> None:
    response = client.get("/no-such-page?lang=ar")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in body and "الصفحة غير موجودة" in body


def test_a_portal_post_without_csrf_token_is_explained_in_portuguese(app: Flask) -> None:
    config = TestConfig(app.config["SQLALCHEMY_DATABASE_URI"], app.config["BLOB_DIR"])
    config.WTF_CSRF_ENABLED = True
    response = create_app(config).test_client().post("/follow", data={"reference": "QN"})
    assert response.status_code == 400
    assert "Esta página expirou" in response.get_data(as_text=True)

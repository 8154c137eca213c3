"""Open data (issue 13 part 5): /statistics, /statistics/<year>.json and .csv, without an
account, in Portuguese and English (and the portal's other languages, each from its own
catalogue), with counts of 1 or 2 suppressed and the second cell of a breakdown that had only
one (numbers counted by hand from tests/statistics_fixture.py)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import pytest
from babel.support import Translations
from flask.testing import FlaskClient

from cicdr.i18n import LANGUAGES
from tests import statistics_fixture as fx


def _three_more(session: Any) -> None:
    """Three more complaints of 2025 from third parties (denuncia), by letter, about housing in
    Porto: origin becomes queixa 3, denuncia 1 + 3 = 4, participacao 1."""
    for n in (11, 12, 13):
        fx._complaint(session, n, datetime(2025, 5, 5, 12, tzinfo=UTC), origin="denuncia",
                      channel="post", district="porto", context="housing",
                      grounds=("nationality",))
    session.commit()


def test_the_json_suppresses_small_counts_and_a_second_cell(client: FlaskClient,
                                                             ctx: Any) -> None:
    fx.build(ctx)
    _three_more(ctx)
    got = client.get("/statistics/2025.json")
    assert got.status_code == 200 and got.headers["Access-Control-Allow-Origin"] == "*"
    data = got.json
    assert set(data) == {"year", "complaints", "outcomes", "suppression"}
    c = data["complaints"]
    assert c["total"] == 8  # C1 to C5 and the three
    # participacao 1 is the only small cell: the next smallest non-zero, queixa 3, goes too.
    assert c["by_origin"] == {"queixa": None, "denuncia": 4, "participacao": None, "unknown": 0}
    # online 2 (C1, C3), email 1, phone 1, forwarded 1 hidden; post 3 shown.
    assert c["by_channel"] == {"online": None, "email": None, "post": 3, "in_person": 0,
                               "phone": None, "forwarded_by_entity": None, "unknown": 0}
    # nationality: C2 and the three = 4; racial_ethnic_origin 3; colour 1 and unknown 1
    # (C4) hidden: two small cells, nothing more.
    assert c["by_ground"] == {"racial_ethnic_origin": 3, "colour": None, "nationality": 4,
                              "ancestry": 0, "territory_of_origin": 0, "language": 0,
                              "unknown": None}
    o = data["outcomes"]
    assert o["by_triage_outcome"] == {"forwarded": None, "referred_to_prosecutor": 0,
                                      "proceeding_opened": None, "archived": 3}
    assert o["decisions_by_type"] == {"fine": None, "admonition": None, "dismissal": 0}
    assert "durations" not in data and "backlog" not in data


def test_the_page_and_the_csv_write_the_same_as_less_than_3(client: FlaskClient,
                                                             ctx: Any) -> None:
    fx.build(ctx)
    _three_more(ctx)
    html = client.get("/statistics?year=2025&lang=pt").get_data(as_text=True)
    assert "Queixa (vítima)</th><td class=\"n\">&lt;3<" in html  # queixa 3, second cell
    assert "Denúncia (terceiro)</th><td class=\"n\">4<" in html
    assert "Correio postal</th><td class=\"n\">3<" in html
    assert "QN-2025" not in html and "Factos" not in html  # nothing of a single case
    english = client.get("/statistics?year=2025&lang=en").get_data(as_text=True)
    assert "Someone else (a witness, an association)</th><td class=\"n\">4<" in english
    assert "Letter</th><td class=\"n\">3<" in english
    rows = list(csv.reader(io.StringIO(
        client.get("/statistics/2025.csv?lang=en").get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["section", "key", "label", "value"]
    assert ["complaints.by_origin", "queixa", "The victim", "<3"] in rows
    assert ["complaints.by_origin", "denuncia", "Someone else (a witness, an association)",
            "4"] in rows
    assert ["complaints", "total", "Complaints received", "8"] in rows
    assert ["outcomes", "referred_to_prosecutor",
            "Complaints referred to the Public Prosecutor", "<3"] in rows


def test_a_future_year_is_not_found(client: FlaskClient, ctx: Any) -> None:
    assert client.get("/statistics/2999.json").status_code == 404
    assert client.get("/statistics/1999.csv").status_code == 404


@pytest.mark.parametrize("lang", sorted(set(LANGUAGES) - {"en"}))
def test_the_page_is_in_each_portal_language_without_a_missing_translation(
        lang: str, client: FlaskClient, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every word the open statistics look up is in the visitor's catalogue (English, the
    source text, is never a fallback on this public page)."""
    fx.build(ctx)
    missing: set[str] = set()
    gettext = Translations.ugettext

    def checked(self: Any, message: str) -> str:
        if any(f"/{lang}/" in str(f) for f in getattr(self, "files", ())) and message \
                and not self._catalog.get(message):
            missing.add(message)
        return gettext(self, message)

    monkeypatch.setattr(Translations, "ugettext", checked)
    response = client.get(f"/statistics?year=2025&lang={lang}")
    assert response.status_code == 200 and f'lang="{lang}"' in response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(client.get(f"/statistics/2025.csv?lang={lang}")
                                       .get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["section", "key", "label", "value"] and len(rows) > 10
    assert missing == set()

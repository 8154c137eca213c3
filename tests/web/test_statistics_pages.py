"""The staff statistics: the page, its JSON, CSV and XLSX, the annual report (PDF and JSON)
and `flask cicdr stats` / `report` all give the numbers counted by hand in
tests/statistics_fixture.py (issue 13)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from cicdr.services.core.legal_tables import current_tables
from cicdr.services.statistics import layout
from tests import statistics_fixture as fx

PERIOD = "from=2025-01-01&to=2025-12-31"


def _nested(rows: list[tuple[str, str, Any]]) -> dict[str, Any]:
    """CSV/XLSX rows (section, key, value) back into the JSON's nesting."""
    out: dict[str, Any] = {}
    for section, key, value in rows:
        node = out
        for part in filter(None, section.split(".")):
            node = node.setdefault(part, {})
        node[key] = value
    return out


def _as_text(numbers: Any) -> Any:
    """The expected numbers as a CSV writes them (None as empty)."""
    if isinstance(numbers, dict):
        return {k: _as_text(v) for k, v in numbers.items()
                if k not in ("from", "to", "as_of")}
    return "" if numbers is None else str(numbers)


def _without_dates(numbers: Any) -> Any:
    if isinstance(numbers, dict):
        return {k: _without_dates(v) for k, v in numbers.items()
                if k not in ("from", "to", "as_of")}
    return numbers


def test_the_json_is_the_hand_counted_year(client: FlaskClient, auth: Any, ctx: Any) -> None:
    fx.build(ctx)
    auth.login_as("officer")
    got = client.get(f"/staff/statistics.json?{PERIOD}")
    assert got.status_code == 200 and got.json == fx.EXPECTED


def test_the_page_shows_the_same_numbers_beside_charts(client: FlaskClient, auth: Any,
                                                       ctx: Any) -> None:
    fx.build(ctx)
    auth.login_as("auditor")  # auditors read the statistics too
    html = client.get(f"/staff/statistics?{PERIOD}").get_data(as_text=True)
    sections = html.split('<section class="breakdown"')[1:]
    expected = layout.breakdowns(fx.EXPECTED, current_tables(ctx))
    assert len(sections) == len(expected) == 20
    for section, b in zip(sections, expected, strict=True):
        assert f">{b.title}</h3>" in section
        assert 'src="data:image/svg+xml;base64,' in section  # the chart, beside the table
        rows = re.findall(r'<tr><th scope="row">(.*?)</th><td class="n">(.*?)</td></tr>',
                          section)
        assert rows == [(label, str(n)) for _c, label, n in b.rows], b.key
    # Some of the hand counts, read on the page itself: 5 complaints, Lisboa 2 (C1, C3).
    assert re.search(r'Complaints received</th><td class="n">5<', html)
    by_district = sections[2]
    assert '<tr><th scope="row">Lisboa</th><td class="n">2</td></tr>' in by_district
    # The durations: 5 triage outcomes, median 10 days, 90th percentile 26 days.
    assert ('From receipt to the triage outcome</th><td class="n">5</td>'
            '<td class="n">10.00</td><td class="n">26.00</td>') in html


def test_the_csv_and_the_xlsx_hold_the_same_numbers(client: FlaskClient, auth: Any,
                                                    ctx: Any) -> None:
    fx.build(ctx)
    auth.login_as("officer")
    got = client.get(f"/staff/statistics.csv?{PERIOD}")
    assert got.headers["Content-Disposition"].endswith(
        'filename="cicdr-statistics-2025-01-01-2025-12-31.csv"')
    rows = list(csv.reader(io.StringIO(got.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["section", "key", "label", "value"]
    assert ["complaints.by_district", "lisboa", "Lisboa", "2"] in rows
    assert _nested([(s, k, v) for s, k, _label, v in rows[1:]]) == _as_text(fx.EXPECTED)
    book = load_workbook(io.BytesIO(client.get(f"/staff/statistics.xlsx?{PERIOD}").data))
    sheet = book.active
    assert sheet is not None
    cells = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=3)]
    # Numbers as numbers (a spreadsheet keeps 10.0 as 10: equal all the same).
    assert _nested([(s or "", k, v) for s, k, _l, v in cells]) == _without_dates(fx.EXPECTED)


def test_the_annual_report_pdf_and_json(client: FlaskClient, auth: Any, ctx: Any) -> None:
    fx.build(ctx)
    auth.login_as("officer")
    pdf = client.get("/staff/statistics/report.pdf?year=2025")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get("/staff/statistics/report.json?year=2025").json == fx.EXPECTED


def test_a_bad_period_is_refused_with_the_form_kept(client: FlaskClient, auth: Any,
                                                    ctx: Any) -> None:
    auth.login_as("officer")
    got = client.get("/staff/statistics?from=2025-03-01&to=2025-02-01")
    assert got.status_code == 422
    html = got.get_data(as_text=True)
    assert 'value="2025-03-01"' in html and "the end not before the start" in html
    assert client.get("/staff/statistics.json?from=2025-02-30").status_code == 400


def test_the_public_and_the_admin_cannot_read_staff_statistics(client: FlaskClient, auth: Any,
                                                               ctx: Any) -> None:
    assert client.get("/staff/statistics.json").status_code in (302, 401)
    auth.login_as("admin")
    assert client.get("/staff/statistics.json").status_code == 403


def test_the_commands_give_the_same_numbers(app: Flask, ctx: Any, tmp_path: Path) -> None:
    fx.build(ctx)
    runner = app.test_cli_runner()
    out = runner.invoke(args=["cicdr", "stats", "--from", "2025-01-01", "--to", "2025-12-31",
                              "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output) == fx.EXPECTED
    # --from alone: to the end of that year.
    alone = runner.invoke(args=["cicdr", "stats", "--from", "2025-01-01"])
    assert json.loads(alone.output) == fx.EXPECTED
    target = tmp_path / "relatorio.pdf"
    made = runner.invoke(args=["cicdr", "report", "--year", "2025", "--output", str(target)])
    assert made.exit_code == 0, made.output
    assert target.read_bytes().startswith(b"%PDF")
    assert json.loads((tmp_path / "relatorio.json").read_text()) == fx.EXPECTED


@pytest.mark.parametrize("bad", ["--from 2025-13-01", "--from 2025-03-01 --to 2025-01-01"])
def test_the_command_refuses_a_bad_period(app: Flask, ctx: Any, bad: str) -> None:
    out = app.test_cli_runner().invoke(args=["cicdr", "stats", *bad.split()])
    assert out.exit_code != 0

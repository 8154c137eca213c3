"""Importing a backlog (`flask cicdr import FILE [--skip-invalid]`), from CSV and from XLSX:
problems reported by line and column, nothing imported unless --skip-invalid, idempotent by
`source_id`, each complaint registered in `received` with its reference and audit event."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from cicdr.models import AuditEvent, Complaint
from cicdr.services import audit
from cicdr.services.intake import backlog
from cicdr.services.intake.spreadsheet import COLUMNS
from cicdr.services.queries.search import search_ids

ROOT = Path(__file__).resolve().parents[2]
FUTURE = (date.today() + timedelta(days=3)).isoformat()


def good(source_id: str, received_on: str, **changes: str) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(source_id=source_id, received_on=received_on, channel="email", origin="queixa",
               district="lisboa", context="commerce", practice="a",
               grounds="racial_ethnic_origin;colour", expression="roma",
               victim_kind="individual", victim_sex="female",
               respondent_kind="private_legal_person", respondent_name="Loja Exemplo, Lda.",
               complainant_name="Maria Silva", complainant_email="maria@example.org",
               description="Recusaram atender-me na loja por ser cigana, à frente de todos.")
    row.update(changes)
    return row


# Lines 2..9 (the header is line 1): five good rows and three bad ones.
ROWS = [
    good("B-1", "2024-05-02"),
    good("B-2", "2023-11-20", victim_kind="group", victim_sex="", expression=""),
    good("B-3", "2024-01-09", channel="fax"),  # line 4: not a channel
    good("B-4", "2024-02-14", respondent_kind="security_force", security_force="gnr",
         respondent_name="Posto de Loures", context="security_forces", practice="i"),
    good("B-5", "2024-03-01", victim_sex=""),  # line 6: an individual without sex
    good("B-6", FUTURE),  # line 7: received in the future
    good("B-7", "2024-05-02", complainant_name="", complainant_email="",
         description="Insultos racistas num grupo de mensagens do bairro, com fotografias."),
    good("B-8", "2023-12-31", grounds="colour", facts_on="2023-12-30"),
]
EXPECTED_ERRORS = [
    "line 4, column channel: 'fax' is not a code of channel (online, email, post, in_person, "
    "phone, forwarded_by_entity)",
    "line 6, column victim_sex: required when victim_kind is individual (unknown if not known)",
    "line 7, column received_on: in the future",
]


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        return path
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:  # dates as real spreadsheet dates, as Excel keeps them
        sheet.append([date.fromisoformat(v) if k in ("received_on", "facts_on") and v else v
                      for k, v in row.items()])
    book.create_sheet("Notas").append(["ignored: only the first sheet is read"])
    book.save(path)
    return path


def run(app: Flask, path: Path, *options: str) -> Any:
    return app.test_cli_runner().invoke(args=["cicdr", "import", str(path), *options])


@pytest.fixture(params=["csv", "xlsx"])
def backlog_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return write(tmp_path / f"pendentes.{request.param}", ROWS)


def test_a_file_with_three_bad_rows_is_refused_with_their_lines_columns_and_reasons(
        app: Flask, session: Any, backlog_file: Path) -> None:
    result = run(app, backlog_file)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == EXPECTED_ERRORS
    assert "Nothing imported: 3 of 8 row(s) have problems" in result.stderr
    assert session.scalar(select(func.count(Complaint.id))) == 0
    assert session.scalar(select(func.count(AuditEvent.id))) == 0


def test_skip_invalid_imports_the_rest_and_a_second_import_creates_nothing(
        app: Flask, session: Any, backlog_file: Path) -> None:
    result = run(app, backlog_file, "--skip-invalid")
    assert result.exit_code == 1  # rows were refused: a script must notice
    assert result.stderr.splitlines()[:3] == EXPECTED_ERRORS
    assert "5 complaint(s) imported; 0 row(s) were already there; 3 row(s) refused." \
        in result.stdout
    imported = session.scalars(select(Complaint).order_by(Complaint.reference)).all()
    # numbered per year of receipt, in order of receipt: 2023 B-2 (20 Nov), B-8 (31 Dec);
    # 2024 B-4 (14 Feb), B-1 (2 May, line 2), B-7 (2 May, line 8)
    assert [(c.reference, c.import_source_id) for c in imported] == [
        ("QN-2023-00001", "B-2"), ("QN-2023-00002", "B-8"), ("QN-2024-00001", "B-4"),
        ("QN-2024-00002", "B-1"), ("QN-2024-00003", "B-7")]
    assert {c.state for c in imported} == {"received"}
    by_key = {c.import_source_id: c for c in imported}
    b1, b4, b8 = by_key["B-1"], by_key["B-4"], by_key["B-8"]
    assert b1.received_at.date() == date(2024, 5, 2) and b1.facts_date == date(2024, 5, 2)
    assert (b1.victim_kind, b1.victim_sex, b1.expression) == ("individual", "female", "roma")
    assert sorted(g.ground for g in b1.grounds) == ["colour", "racial_ethnic_origin"]
    assert b1.complainant.name == "Maria Silva" and b1.respondents[0].name.startswith("Loja")
    assert (b4.respondents[0].security_force, b4.respondents[0].unit) == ("gnr",
                                                                          "Posto de Loures")
    assert b4.is_police_related and by_key["B-7"].anonymous
    assert (by_key["B-2"].victim_kind, by_key["B-2"].victim_sex) == ("group", None)
    assert b8.facts_date == date(2023, 12, 30)
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).all()
    assert {(e.subject_ref, json.loads(e.data)["source_id"], e.to_state) for e in events} == {
        (c.reference, c.import_source_id, "received") for c in imported}
    assert {json.loads(e.data)["import"] for e in events} == {backlog_file.name}
    assert audit.verify(session).ok
    assert search_ids(session, "Loures") == [b4.id]  # indexed for the search

    again = run(app, backlog_file, "--skip-invalid")
    assert "0 complaint(s) imported; 5 row(s) were already there; 3 row(s) refused." \
        in again.stdout
    assert session.scalar(select(func.count(Complaint.id))) == 5


def test_a_clean_file_imports_with_status_zero_and_is_idempotent(
        app: Flask, session: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "limpo.csv", [r for r in ROWS if r["source_id"] not in
                                          ("B-3", "B-5", "B-6")])
    first = run(app, path)
    assert first.exit_code == 0, first.output
    assert "5 complaint(s) imported; 0 row(s) were already there" in first.stdout
    second = run(app, path)
    assert second.exit_code == 0 and "0 complaint(s) imported; 5 row(s) were already there" \
        in second.stdout
    assert session.scalar(select(func.count(Complaint.id))) == 5


def test_the_documented_example_file_imports(app: Flask, session: Any) -> None:
    result = run(app, ROOT / "docs" / "import-example.csv")
    assert result.exit_code == 0, result.output
    assert "3 complaint(s) imported" in result.stdout


@pytest.mark.parametrize(("change", "expected"), [
    ({"source_id": ""}, "line 2, column source_id: required"),
    ({"grounds": "colour;religion"}, "line 2, column grounds: not a ground code: religion"),
    ({"received_on": "02/05/2024"},
     "line 2, column received_on: '02/05/2024' is not a date written YYYY-MM-DD"),
    ({"facts_on": "2024-06-01"}, "line 2, column facts_on: after received_on"),
    ({"victim_kind": "group"},
     "line 2, column victim_sex: must be empty unless victim_kind is individual"),
    ({"respondent_kind": "security_force"},
     "line 2, column security_force: required when respondent_kind is security_force"),
    ({"description": "Curta."},
     "line 2, column description: too short: describe what happened (at least 20 "
     "characters)"),
    ({"complainant_email": "maria"},
     "line 2, column complainant_email: 'maria' is not an e-mail address"),
])
def test_each_rule_names_its_line_and_column(app: Flask, session: Any, tmp_path: Path,
                                             change: dict[str, str], expected: str) -> None:
    path = write(tmp_path / "um.csv", [{**good("X-1", "2024-05-02"), **change}])
    valid, errors, count = backlog.read_file(session, path)
    assert (valid, count) == ([], 1)
    assert [str(e) for e in errors][0].startswith(expected)


def test_a_repeated_source_id_and_a_bad_header_are_refused(app: Flask, session: Any,
                                                           tmp_path: Path) -> None:
    path = write(tmp_path / "dup.csv", [good("X-1", "2024-05-02"), good("X-1", "2024-05-03")])
    _valid, errors, _count = backlog.read_file(session, path)
    assert [str(e) for e in errors] == ["line 3, column source_id: 'X-1' is also on line 2"]
    bad = tmp_path / "cabecalho.csv"
    bad.write_text("source_id,recieved_on\nX-1,2024-05-02\n", encoding="utf-8")
    result = run(app, bad)
    assert result.exit_code == 1
    assert "line 1, column received_on: required column missing" in result.output
    assert "line 1, column recieved_on: unknown column" in result.output
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("source_id\nJoão\n".encode("latin-1"))
    result = run(app, latin)
    assert result.exit_code == 1 and "is not UTF-8 text" in result.output

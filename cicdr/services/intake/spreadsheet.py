"""Reading and checking a backlog file for `flask cicdr import` (see backlog.py; README).

A file is CSV (UTF-8, a header row, commas) or XLSX (its first sheet, a header row). Each row is
one complaint, checked against the legal tables in force: every vocabulary column must hold an
active code (the codes are read once per file: `Codes`), and the complaint must pass the checks
`registration.validate` makes of one registered by an officer (the facts not after receipt, a
description of at least 20 characters, a respondent, the force of a police respondent). A
problem is reported as `line N, column NAME: reason`, the header
being line 1 (in a spreadsheet, the row number).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cicdr.services.intake.registration import NewComplaint, PartyData
from workflows.tables import LegalTables

COLUMNS = ("source_id", "received_on", "channel", "origin", "district", "context", "practice",
           "grounds", "expression", "victim_kind", "victim_sex", "respondent_kind",
           "security_force", "facts_on", "respondent_name", "complainant_name",
           "complainant_email", "description")
REQUIRED = ("source_id", "received_on", "channel", "origin", "district", "context", "grounds",
            "victim_kind", "respondent_kind", "description")
CODED = {"channel": "channel", "origin": "origin", "district": "district", "context": "context",
         "practice": "practice", "expression": "expression", "victim_kind": "victim_kind",
         "victim_sex": "sex", "respondent_kind": "respondent_kind",
         "security_force": "security_force"}
LENGTHS = {"source_id": 100, "respondent_name": 200, "complainant_name": 200,
           "complainant_email": 254}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
DESCRIPTION_MIN = 20  # as registration.validate


@dataclass(frozen=True)
class Codes:
    """The active codes of each vocabulary a row uses, in order, read once per file."""

    ordered: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, tables: LegalTables) -> Codes:
        return cls({v: tables.codes(v) for v in {*CODED.values(), "ground"}})

    def __post_init__(self) -> None:
        object.__setattr__(self, "sets", {v: frozenset(c) for v, c in self.ordered.items()})

    def known(self, vocabulary: str, code: str) -> bool:
        return code in self.sets[vocabulary]  # type: ignore[attr-defined]

    def listed(self, vocabulary: str) -> str:
        return ", ".join(self.ordered[vocabulary])


class BadFile(Exception):
    """The file cannot be read at all (not CSV/XLSX, not UTF-8, no header)."""


@dataclass(frozen=True)
class RowError:
    """One problem of one cell (or of the header, line 1)."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class Row:
    """A valid row: the complaint it describes and its key."""

    line: int
    source_id: str
    received_on: date
    complaint: NewComplaint


def _cell(value: Any) -> str:
    """A cell as text: a spreadsheet's dates as YYYY-MM-DD, its whole numbers without '.0'."""
    if type(value) is str:  # every CSV cell: the fast path
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for record in csv.reader(f):
                yield [_cell(v) for v in record]
    except UnicodeDecodeError as exc:
        raise BadFile(f"{path.name} is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                      "save it as CSV UTF-8.") from exc
    except csv.Error as exc:
        raise BadFile(f"{path.name} is not a readable CSV file: {exc}.") from exc


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # only for spreadsheets

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise BadFile(f"{path.name} is not a readable XLSX file: {exc}.") from exc
    try:
        for values in book.worksheets[0].iter_rows(values_only=True):
            yield [_cell(v) for v in values]
    finally:
        book.close()


def records(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: text}) of each non-empty row after the header, which is checked."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise BadFile(f"{path.name}: give a .csv (UTF-8) or .xlsx file.")
    rows = _csv_rows(path) if suffix == ".csv" else _xlsx_rows(path)
    header = [h.lower() for h in next(rows, [])]
    problems = header_errors(header)
    if problems:
        raise BadFile("\n".join(str(p) for p in problems))
    for line, values in enumerate(rows, start=2):
        if any(values):
            yield line, dict(zip(header, values + [""] * (len(header) - len(values)),
                                 strict=False))


def header_errors(header: list[str]) -> list[RowError]:
    """Missing required columns, unknown or repeated ones (line 1)."""
    if not any(header):
        return [RowError(1, "(header)", "the first row must name the columns: "
                                       + ", ".join(COLUMNS))]
    found = [RowError(1, name, "required column missing") for name in REQUIRED
             if name not in header]
    found += [RowError(1, name or "(empty)", "unknown column (expected: "
                       + ", ".join(COLUMNS) + ")") for name in header if name not in COLUMNS]
    found += [RowError(1, name, "column repeated") for name in set(header)
              if name and header.count(name) > 1]
    return found


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


def _cell_errors(raw: dict[str, str], codes: Codes, today: date) -> dict[str, str]:
    """Problems each cell has on its own: required, codes, dates, lengths."""
    errors = {name: "required" for name in REQUIRED if not raw.get(name)}
    for name, vocabulary in CODED.items():
        value = raw.get(name, "")
        if value and not codes.known(vocabulary, value):
            errors[name] = f"'{value}' is not a code of {vocabulary} ({codes.listed(vocabulary)})"
    grounds = [g.strip() for g in raw.get("grounds", "").split(";") if g.strip()]
    unknown = [g for g in grounds if not codes.known("ground", g)]
    if unknown:
        errors["grounds"] = f"not a ground code: {', '.join(unknown)} ({codes.listed('ground')};" \
            " separate several with ';')"
    description = raw.get("description", "").strip()
    if description and len(description) < DESCRIPTION_MIN:
        errors["description"] = f"too short: describe what happened (at least " \
            f"{DESCRIPTION_MIN} characters)"
    for name in ("received_on", "facts_on"):
        if raw.get(name) and _date(raw[name]) is None:
            errors[name] = f"'{raw[name]}' is not a date written YYYY-MM-DD"
    received = _date(raw.get("received_on", ""))
    if received and received > today:
        errors["received_on"] = "in the future"
    facts = _date(raw.get("facts_on", ""))
    if received and facts and facts > received:
        errors["facts_on"] = "after received_on"
    for name, most in LENGTHS.items():
        if len(raw.get(name, "")) > most:
            errors[name] = f"longer than {most} characters"
    email = raw.get("complainant_email", "")
    if email and "complainant_email" not in errors and not EMAIL.fullmatch(email):
        errors["complainant_email"] = f"'{email}' is not an e-mail address"
    return errors


def _pairing_errors(raw: dict[str, str]) -> dict[str, str]:
    """Columns that go with another: the sex with an individual, the force with the police."""
    errors: dict[str, str] = {}
    individual = raw.get("victim_kind") == "individual"
    if individual and not raw.get("victim_sex"):
        errors["victim_sex"] = "required when victim_kind is individual (unknown if not known)"
    elif raw.get("victim_sex") and not individual:
        errors["victim_sex"] = "must be empty unless victim_kind is individual"
    police = raw.get("respondent_kind") == "security_force"
    if police and not raw.get("security_force"):
        errors["security_force"] = "required when respondent_kind is security_force"
    elif raw.get("security_force") and not police:
        errors["security_force"] = "must be empty unless respondent_kind is security_force"
    return errors


def complaint_of(raw: dict[str, str], received: date) -> NewComplaint:
    """The complaint a checked row describes (the facts' date defaults to the receipt's)."""
    police = raw.get("respondent_kind") == "security_force"
    name, email = raw.get("complainant_name") or None, raw.get("complainant_email") or None
    return NewComplaint(
        origin=raw["origin"], facts_date=_date(raw.get("facts_on", "")) or received,
        district=raw["district"], context=raw["context"], description=raw["description"],
        grounds=[(g.strip(), None) for g in raw["grounds"].split(";") if g.strip()],
        respondents=[PartyData(role="respondent", kind=raw["respondent_kind"],
                               name=None if police else raw.get("respondent_name") or None,
                               security_force=raw.get("security_force") or None,
                               unit=raw.get("respondent_name") or None if police else None)],
        channel=raw["channel"], practice=raw.get("practice") or None,
        complainant=PartyData(role="complainant", name=name, email=email)
        if name or email else None,
        contact_channel="email" if email else None,
        victim_kind=raw["victim_kind"], victim_sex=raw.get("victim_sex") or None,
        expression=raw.get("expression") or None)


def check(line: int, raw: dict[str, str], codes: Codes,
          today: date) -> tuple[Row | None, list[RowError]]:
    """The row as a complaint, or its problems (one per column, in the file's column order)."""
    errors = {**_pairing_errors(raw), **_cell_errors(raw, codes, today)}
    if not errors:
        received = _date(raw["received_on"])
        assert received is not None
        return Row(line, raw["source_id"], received, complaint_of(raw, received)), []
    order = {name: i for i, name in enumerate(COLUMNS)}
    return None, [RowError(line, name, errors[name])
                  for name in sorted(errors, key=lambda n: order.get(n, len(order)))]

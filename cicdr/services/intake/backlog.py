"""Importing a backlog of complaints (`flask cicdr import FILE [--skip-invalid]`; README).

After CICDR's paralysis (October 2023 to December 2024) complaints piled up elsewhere; they come
in as a spreadsheet, one complaint per row (columns: spreadsheet.COLUMNS). The rules:

- Every row is checked first (spreadsheet.check); a file with any problem imports nothing,
  unless `skip_invalid`, which imports the valid rows. Either way every problem is reported.
- `source_id` is the idempotency key, stored in `complaints.import_source_id` (unique): a row
  already imported is skipped and counted, so importing the same file twice creates nothing new,
  and an import cut short is finished by running it again.
- Each complaint is registered as the registration service registers one (the same columns and
  parties, `registration.complaint_columns`), in `received`, with its reference in the year of
  `received_on` (numbered in order of receipt), received that day (it counts in the statistics
  by it), and one audit event `import` naming the file and the row's `source_id`.
- Bulk-friendly: the legal tables and the keys already imported are read once; rows are written
  BATCH at a time with multi-row INSERTs, the batch's references reserved together, its audit
  events chained in one go (audit.bulk), its search documents indexed, then committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select

from cicdr.models import Complaint, ComplaintGround, Party
from cicdr.models.base import moment_of
from cicdr.services.audit.bulk import NewEvent, record_many
from cicdr.services.core.actors import SystemActor
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.numbering import format_reference, reserve_numbers
from cicdr.services.core.types import DbSession
from cicdr.services.intake.registration import complaint_columns, party_rows
from cicdr.services.intake.spreadsheet import BadFile, Codes, Row, RowError, check, records
from cicdr.services.queries.search import document
from cicdr.services.queries.text_index import backend

BATCH = 2000
ACTOR = SystemActor("import")
__all__ = ["BadFile", "Outcome", "RowError", "import_file", "import_rows", "read_file"]



def _table(model: Any) -> Table:
    """The model's table, for multi-row INSERTs of plain dictionaries (no ORM objects)."""
    return cast(Table, model.__table__)

@dataclass
class Outcome:
    """What an import did: complaints created, rows already imported, rows refused."""

    created: int = 0
    already: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0  # data rows read

    @property
    def refused_lines(self) -> int:
        return len({e.line for e in self.errors})


def read_file(session: DbSession, path: Path, today: date | None = None,
              ) -> tuple[list[Row], list[RowError], int]:
    """The file's valid rows, its problems and how many data rows it has (BadFile when it
    cannot be read). A `source_id` repeated in the file is a problem of the later line."""
    codes, today = Codes.of(current_tables(session)), today or date.today()
    valid: list[Row] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    count = 0
    for line, raw in records(path):
        count += 1
        row, problems = check(line, raw, codes, today)
        key = raw.get("source_id", "")
        if key and key in first_line:
            problems.insert(0, RowError(line, "source_id",
                                        f"'{key}' is also on line {first_line[key]}"))
            row = None
        first_line.setdefault(key, line)
        errors += problems
        if row is not None:
            valid.append(row)
    return valid, errors, count


def already_imported(session: DbSession, keys: Iterable[str]) -> set[str]:
    """The keys among `keys` that an earlier import stored. One read of every stored key (a
    few hundred thousand at most; imports are rare): an IN list per chunk of keys was slower,
    PostgreSQL scanning the table for each chunk right after a bulk insert."""
    stored = {k for k in session.scalars(select(Complaint.import_source_id).where(
        Complaint.import_source_id.is_not(None))) if k}
    return stored.intersection(keys)


def import_file(session: DbSession, path: Path, *, skip_invalid: bool = False,
                today: date | None = None,
                progress: Callable[[int], None] | None = None) -> Outcome:
    """Check and import `path` (see the module docstring); BadFile when it cannot be read."""
    valid, errors, count = read_file(session, path, today)
    return import_rows(session, valid, errors, source=path.name, rows=count,
                       skip_invalid=skip_invalid, progress=progress)


def import_rows(session: DbSession, valid: list[Row], errors: list[RowError], *, source: str,
                rows: int, skip_invalid: bool = False,
                progress: Callable[[int], None] | None = None) -> Outcome:
    """Import the valid rows `read_file` gave, unless a row had a problem and not
    `skip_invalid`; `progress(n)` as rows are done (already imported ones first)."""
    outcome = Outcome(errors=errors, rows=rows)
    known = already_imported(session, (r.source_id for r in valid))
    outcome.already = len(known)
    if errors and not skip_invalid:
        return outcome
    fresh = sorted((r for r in valid if r.source_id not in known),
                   key=lambda r: (r.received_on, r.line))
    if progress is not None and known:
        progress(len(known))
    for start in range(0, len(fresh), BATCH):
        batch = fresh[start:start + BATCH]
        try:
            _write_batch(session, batch, source)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        outcome.created += len(batch)
        if progress is not None:
            progress(len(batch))
    return outcome


def _references(session: DbSession, batch: list[Row]) -> list[tuple[int, int, str]]:
    """(year, number, reference) for each row, numbers reserved per year of receipt."""
    years: dict[int, int] = {}
    for row in batch:
        years[row.received_on.year] = years.get(row.received_on.year, 0) + 1
    next_of = {year: reserve_numbers(session, "QN", year, n) for year, n in years.items()}
    found = []
    for row in batch:
        year = row.received_on.year
        number, next_of[year] = next_of[year], next_of[year] + 1
        found.append((year, number, format_reference("QN", year, number)))
    return found


def _write_batch(session: DbSession, batch: list[Row], source: str) -> None:
    """Insert a batch's complaints, parties, grounds, audit events and search documents."""
    numbered = _references(session, batch)
    values = [{**complaint_columns(row.complaint), "reference": ref, "year": year,
               "number": number, "state": "received", "version": 1,
               "received_at": moment_of(row.received_on), "import_source_id": row.source_id}
              for row, (year, number, ref) in zip(batch, numbered, strict=True)]
    # Plain multi-row INSERTs (no RETURNING: fetching ids row by row costs more than the
    # insert), then the ids by reference, unique.
    session.execute(insert(_table(Complaint)), values)
    by_reference = {ref: i for ref, i in session.execute(
        select(Complaint.reference, Complaint.id).where(
            Complaint.reference.in_([v["reference"] for v in values])))}
    ids = [by_reference[v["reference"]] for v in values]
    parties: list[dict[str, Any]] = []
    grounds: list[dict[str, Any]] = []
    for complaint_id, row in zip(ids, batch, strict=True):
        parties += [{**p, "complaint_id": complaint_id} for p in party_rows(row.complaint)]
        grounds += [{"complaint_id": complaint_id, "ground": g, "expression": e}
                    for g, e in dict(row.complaint.grounds).items()]
    session.execute(insert(_table(Party)), parties)
    session.execute(insert(_table(ComplaintGround)), grounds)
    record_many(session, ACTOR, [
        NewEvent(subject_type="complaint", subject_id=complaint_id,
                 subject_ref=value["reference"], action="import", to_state="received",
                 data={"import": source, "source_id": row.source_id,
                       "received_on": row.received_on, "channel": row.complaint.channel})
        for complaint_id, value, row in zip(ids, values, batch, strict=True)])
    # Indexed from what was just written (the same documents `search.reindex` would read back).
    conn = session.connection()
    backend(conn.dialect.name).add(conn, {
        i: document(v["reference"], v["description"], [
            (p["name"], p["security_force"], p["unit"], p["officer_identification"])
            for p in party_rows(row.complaint)])
        for i, v, row in zip(ids, values, batch, strict=True)})

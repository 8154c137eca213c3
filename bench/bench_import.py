"""Importing a backlog: 100,000 rows must go in within a minute (issue 13, `make bench`).

Writes a CSV of BENCH_IMPORT_ROWS rows (default 100,000; every column used, codes varied, two
years of receipt), then on a fresh migrated database: checks and imports it as `flask cicdr
import` does (`backlog.import_file`), counts what was created, and imports it again (everything
already there, nothing created). SQLite in a temporary file; PostgreSQL too when
BENCH_DATABASE_URL is set (in a scratch database `<name>_import` on that server, dropped after).

`python bench/bench_import.py`
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
LIMIT_S = 60.0
CHANNELS = ("email", "post", "in_person", "phone", "forwarded_by_entity")
DISTRICTS = ("lisboa", "porto", "setubal", "braga", "faro", "online")
CONTEXTS = ("internet_social_media", "commerce", "neighbourhood", "labour", "housing")
GROUNDS = ("racial_ethnic_origin", "colour", "nationality;language", "colour;ancestry")
EXPRESSIONS = ("roma", "black_african_descent", "brazilian_nationality", "", "migrants_general")
VICTIMS = (("individual", "female"), ("individual", "male"), ("group", ""), ("community", ""),
           ("individual", "unknown"))
RESPONDENTS = (("private_legal_person", "", "Loja Exemplo, Lda."),
               ("natural_person", "", "Vizinho do 3.º andar"),
               ("security_force", "psp", "Esquadra da Amadora"),
               ("public_entity", "", "Junta de Freguesia"))


def rows(n: int) -> Iterator[list[str]]:
    """`n` varied, valid rows in the layout of spreadsheet.COLUMNS."""
    start = date(2023, 1, 2)
    for i in range(n):
        received = start + timedelta(days=i * 700 // max(n, 1))
        kind, sex = VICTIMS[i % len(VICTIMS)]
        respondent, force, name = RESPONDENTS[i % len(RESPONDENTS)]
        yield [f"BENCH-{i:07d}", received.isoformat(), CHANNELS[i % len(CHANNELS)],
               ("queixa", "denuncia")[i % 2], DISTRICTS[i % len(DISTRICTS)],
               CONTEXTS[i % len(CONTEXTS)], "abcdefghij"[i % 10], GROUNDS[i % len(GROUNDS)],
               EXPRESSIONS[i % len(EXPRESSIONS)], kind, sex, respondent, force,
               (received - timedelta(days=i % 30)).isoformat(), name,
               f"Pessoa {i}" if i % 3 else "", f"p{i}@example.org" if i % 3 == 1 else "",
               f"Caso {i}: recusaram o atendimento e insultaram a pessoa pela sua origem."]


def write_file(path: Path, n: int) -> None:
    from cicdr.services.intake.spreadsheet import COLUMNS

    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        writer.writerows(rows(n))


def measure(label: str, url: str, path: Path, tmp: str) -> bool:
    """Import twice into the database at `url`; print the times; True when within the limit."""
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from cicdr import create_app
    from cicdr.config import TestConfig
    from cicdr.extensions import db
    from cicdr.models import Complaint
    from cicdr.services.intake import backlog

    app = create_app(TestConfig(url, f"{tmp}/blobs-{label}"))
    with app.app_context():
        upgrade()
        began = time.perf_counter()
        first = backlog.import_file(db.session, path)
        took = time.perf_counter() - began
        created = db.session.scalar(select(func.count(Complaint.id)))
        began = time.perf_counter()
        second = backlog.import_file(db.session, path)
        again = time.perf_counter() - began
        db.session.remove()
        db.engine.dispose()
    ok = first.created == created == ROWS and not first.errors and second.created == 0 \
        and second.already == ROWS and took < LIMIT_S
    print(f"  {label:<11} {ROWS:,} rows checked and imported in {took:6.1f} s "
          f"({ROWS / took:,.0f} rows/s; limit {LIMIT_S:.0f} s); again: {again:5.1f} s, "
          f"{second.already:,} already there, {second.created} created  "
          f"{'OK' if ok else 'FAILED'}")
    return ok


def _postgres(base: str) -> Iterator[str]:
    """A scratch database next to `base`, dropped afterwards."""
    from sqlalchemy import create_engine, text

    name = base.rsplit("/", 1)[1] + "_import"
    admin = create_engine(base.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def main() -> int:
    print(f"Backlog import ({ROWS:,} rows)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "backlog.csv"
        write_file(path, ROWS)
        print(f"  file: {path.stat().st_size / 1e6:.1f} MB CSV")
        ok = measure("SQLite", f"sqlite:///{tmp}/import.sqlite3", path, tmp)
        base = os.environ.get("BENCH_DATABASE_URL")
        if base:
            for url in _postgres(base):
                ok = measure("PostgreSQL", url, path, tmp) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

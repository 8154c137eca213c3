"""The shared seeding step of the floor benchmark: one database, reused between runs.

N complaints (bench/search_data.py: realistic parties, grounds, deadlines (many overdue),
proceedings, referrals) written with bulk Core inserts, staff users (officer1 gets twice an
officer's share of the cases, so a few thousand open complaints at 100,000), an audit chain of
about N events hashed with the project's own `audit.event_hash` (so `flask cicdr audit verify`
passes), and the search index rebuilt with the project's `search.rebuild`.

SQLite by default, in bench/.data/bench-<N>.sqlite3 (gitignored); the PostgreSQL database of
BENCH_DATABASE_URL when set (it is EMPTIED: give a throwaway one). A marker table (`bench_seed`:
size, version and the facts the load generator needs) is written last, so a database whose
marker matches is complete and is reused as it is: repeated runs skip the seeding.

`python bench/seed.py [--size N]` seeds (or finds) the database and prints where it is.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Integer, MetaData, Table, Text, func, select, text

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import chain  # noqa: E402 - bench/ modules, found through the path set above
import search_data  # noqa: E402
from progress import Bar  # noqa: E402

from cicdr import create_app  # noqa: E402
from cicdr.config import TestConfig  # noqa: E402
from cicdr.extensions import db  # noqa: E402
from cicdr.models import Complaint, Party, Proceeding  # noqa: E402
from cicdr.services.admin.accounts import create_user  # noqa: E402
from cicdr.services.queries import search  # noqa: E402

DATA = Path(__file__).resolve().parent / ".data"
VERSION = 2  # bump when what is seeded changes: older databases are then rebuilt (2: owner_id)
PASSWORD = "bench-password-2026"  # noqa: S105 - throwaway benchmark database
OFFICER = "officer1@bench.cicdr.pt"
WORDS = ("facebook", "recusou")  # a common word (about 9 % of complaints), then a fallback
MARKER = Table("bench_seed", MetaData(), Column("size", Integer), Column("version", Integer),
               Column("info", Text))


@dataclass(frozen=True)
class Seeded:
    """A seeded database and the facts the measurements use."""

    url: str
    size: int
    officer: str  # e-mail of the officer with the biggest caseload
    officer_id: int
    name: str  # a complainant's full name, to search for
    word: str  # a word in many complaints
    complaint: str  # reference of one of the officer's complaints
    proceeding: str  # reference of a proceeding
    seconds: float = 0.0  # how long the seeding took (when it was done)
    reused: bool = False  # an existing database was found and reused


def database_url(size: int) -> str:
    """BENCH_DATABASE_URL, else the SQLite file of this size under bench/.data/."""
    return os.environ.get("BENCH_DATABASE_URL") or \
        f"sqlite:///{DATA / f'bench-{size}.sqlite3'}"


def found(url: str, size: int) -> Seeded | None:
    """The seeded database at `url` if its marker says it is complete, of `size`, current."""
    from sqlalchemy import create_engine

    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return None
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not engine.dialect.has_table(conn, MARKER.name):
                return None
            row = conn.execute(select(MARKER.c.info).where(
                MARKER.c.size == size, MARKER.c.version == VERSION)).first()
    finally:
        engine.dispose()
    return Seeded(**{**json.loads(row[0]), "url": url, "reused": True}) if row else None


def reset(url: str) -> None:
    """An empty database at `url` (the SQLite file removed; PostgreSQL's schema dropped)."""
    from sqlalchemy import create_engine

    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def staff() -> tuple[list[int], int]:
    """Eight officers, the president, a commissioner and an auditor (fast password hashes);
    the officers' ids (officer1 twice: twice the share of cases) and the president's."""
    def make(email: str, name: str, role: str) -> int:
        return create_user(db.session, email=email, name=name, role=role, password=PASSWORD,
                           fast=True).id

    officers = [make(f"officer{i}@bench.cicdr.pt", f"Officer {i}", "officer")
                for i in range(1, 9)]
    make("commissioner@bench.cicdr.pt", "Commissioner", "commissioner")
    make("auditor@bench.cicdr.pt", "Auditor", "auditor")
    return [officers[0], *officers], make("president@bench.cicdr.pt", "President", "president")


def facts(conn: Connection, size: int, officer: int) -> dict[str, Any]:
    """What the measurements look for: a name, a word, one of the officer's complaints, a
    proceeding (each from the middle of the data, not its first rows)."""
    name = conn.scalar(select(Party.name).where(
        Party.role == "complainant", Party.kind == "natural_person",
        Party.complaint_id >= size // 2).order_by(Party.id).limit(1))
    complaint = conn.scalar(select(Complaint.reference).where(
        Complaint.assignee_id == officer, Complaint.id >= size // 2,
        Complaint.state.in_(("triage", "awaiting_information"))).order_by(Complaint.id).limit(1))
    middle = (conn.scalar(select(func.count()).select_from(Proceeding)) or 0) // 2
    proceeding = conn.scalar(select(Proceeding.reference).order_by(Proceeding.id)
                             .offset(middle).limit(1))
    word = next((w for w in WORDS if conn.scalar(select(Complaint.id).where(
        Complaint.description.ilike(f"%{w}%")).limit(1))), None) or \
        max(search.tokens(conn.scalar(select(Complaint.description).limit(1)) or "queixa"),
            key=len)
    return {"size": size, "officer": OFFICER, "officer_id": officer, "name": name,
            "word": word, "complaint": complaint, "proceeding": proceeding}


def build(url: str, size: int, quiet: bool = False) -> Seeded:
    """Seed an emptied database: schema, staff, complaints, chain, index, marker."""
    from flask_migrate import upgrade

    start = time.perf_counter()
    reset(url)
    logging.disable(logging.WARNING)  # Alembic's progress; the empty database's warning
    app = create_app(TestConfig(url, tempfile.mkdtemp(prefix="bench-blobs-")))
    with app.app_context():
        upgrade()
        officers, president = staff()
        with db.engine.begin() as conn:
            search_data.load(conn, size, date.today(), officers, president,
                             progress=Bar("complaints", size, quiet))
            chain.append(conn, Bar("audit events", chain.planned(conn), quiet))
        search.rebuild(db.session, Bar("search index", size, quiet))
        with db.engine.begin() as conn:
            info = facts(conn, size, officers[0])
            MARKER.create(conn)
            seconds = round(time.perf_counter() - start, 1)
            conn.execute(MARKER.insert().values(size=size, version=VERSION,
                                                info=json.dumps({**info, "seconds": seconds})))
        if url.startswith("postgresql"):
            # Statistics and the visibility map, as autovacuum sets them after a bulk load (an
            # index-only scan of a table never vacuumed visits every heap page it names).
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        db.engine.dispose()
    return Seeded(url=url, **{**info, "seconds": seconds})


def ensure(size: int, url: str | None = None, quiet: bool = False) -> Seeded:
    """The seeded database of `size`: reused when its marker matches, else built now."""
    url = url or database_url(size)
    return found(url, size) or build(url, size, quiet)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    seeded = ensure(args.size)
    how = f"{'reused; ' if seeded.reused else ''}seeded in {seeded.seconds:.0f} s"
    print(f"{seeded.url}: {seeded.size} complaints, {how}")


if __name__ == "__main__":
    main()

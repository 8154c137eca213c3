"""Search and case lists at 100,000 complaints, in process, with ratios to the unfiltered list.

For SQLite (bench/.data/, shared with the floor benchmark) and, when BENCH_DATABASE_URL is set,
for that PostgreSQL database (EMPTIED when its seeded size differs: give a throwaway one):

1. The shared benchmark database (bench/seed.py, BENCH_COMPLAINTS complaints, default 100,000),
   seeded with bulk inserts and the search index rebuilt, or reused when already seeded.
2. In process, each typical list or search as the list page runs it (filters parsed, total
   counted, first page loaded with its rows), REPEAT times: median and p95, and the ratio to
   the baseline, the unfiltered complaint list. The ILIKE search the lists used before is
   measured too, for comparison.
3. The query plans of the main statements (EXPLAIN QUERY PLAN; EXPLAIN ANALYZE on PostgreSQL).

The pages over HTTP, against their bare queries, are bench/bench_floor.py's.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import seed  # bench/ is on the path when this file runs as a script
from sqlalchemy import event, func, or_, select

from cicdr import create_app
from cicdr.config import TestConfig
from cicdr.extensions import db
from cicdr.models import Complaint
from cicdr.services.queries import lists
from cicdr.services.queries.filters import parse_filters

ROOT = Path(__file__).resolve().parents[1]

COMPLAINTS = int(os.environ.get("BENCH_COMPLAINTS", "100000"))
REPEAT = 15
PLANNED = ("search: a name", "search: a common word (9 %)", "search: word + state + district",
           "filter: overdue", "filter: ground + a year received",
           "filter: police-related + an officer's", "proceedings: prescribing within a year")


def build(url: str, tmp: str) -> tuple[Any, dict[str, Any]]:
    """The shared benchmark database of COMPLAINTS complaints (bench/seed.py: seeded, or
    reused when its marker matches), an app on it and the facts the lists look for."""
    seeded = seed.ensure(COMPLAINTS, url)
    print(f"  {'reused' if seeded.reused else 'seeded'} {url} (seeding took "
          f"{seeded.seconds:.0f} s, the search index rebuilt as `search-reindex` does)")
    app = create_app(TestConfig(url, f"{tmp}/blobs"))
    return app, {"officer": seeded.officer_id, "name": seeded.name,
                 "reference": seeded.complaint}


def queries(data: dict[str, Any]) -> list[tuple[str, str, dict[str, str], int]]:
    """(label, kind, query-string filters, page) of the typical lists."""
    year = date.today().year - 2
    return [
        ("baseline: complaint list", "complaints", {}, 1),
        ("search: a name", "complaints", {"q": data["name"]}, 1),
        ("search: a word (0.5 % of complaints)", "complaints", {"q": "discoteca"}, 1),
        ("search: a common word (9 %)", "complaints", {"q": "facebook"}, 1),
        ("search: a reference", "complaints", {"q": data["reference"]}, 1),
        ("search: a prefix (gon)", "complaints", {"q": "gon"}, 1),
        ("search: word + state + district", "complaints",
         {"q": "recusou", "state": "archived", "district": "lisboa"}, 1),
        ("filter: overdue", "complaints", {"overdue": "1"}, 1),
        ("filter: police-related + an officer's", "complaints",
         {"police": "yes", "assignee": str(data["officer"])}, 1),
        ("filter: ground + a year received", "complaints",
         {"ground": "nationality", "received_from": f"{year}-01-01",
          "received_to": f"{year}-12-31"}, 1),
        ("sort: state ascending, page 200", "complaints", {"sort": "state", "dir": "asc"}, 200),
        ("proceedings: prescribing within a year", "proceedings",
         {"prescription_within": "365"}, 1),
        ("referrals: awaiting an answer, overdue", "referrals",
         {"awaiting": "1", "overdue": "1"}, 1),
    ]


def timed(fn: Callable[[], Any]) -> list[float]:
    fn()  # warm up
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def old_ilike(word: str) -> Callable[[], Any]:
    """The list's search before the index: ILIKE over reference and description."""
    def run() -> Any:
        like = f"%{word}%"
        where = or_(Complaint.reference.ilike(like), Complaint.description.ilike(like))
        db.session.scalar(select(func.count()).select_from(Complaint).where(where))
        return db.session.scalars(select(Complaint).where(where).order_by(Complaint.id.desc())
                                  .limit(50)).all()
    return run


def in_process(app: Any, data: dict[str, Any]) -> None:
    """Latency of each typical list, and its ratio to the unfiltered list."""
    print(f"  in process, {REPEAT} runs each (filters parsed, total counted, 50 rows loaded):")
    with app.app_context():
        baseline = None
        rows: list[tuple[str, list[float], int]] = []
        for label, kind, args, page in queries(data):
            f = parse_filters(db.session, kind, args)
            total = lists.list_cases(db.session, f, page=page).total
            rows.append((label, timed(lambda f=f, page=page: lists.list_cases(
                db.session, f, page=page)), total))
            db.session.rollback()
        rows.append(("before: ILIKE search of a word", timed(old_ilike("discoteca")),
                     db.session.scalar(select(func.count()).where(
                         Complaint.description.ilike("%discoteca%"))) or 0))
        for label, samples, total in rows:
            median = statistics.median(samples)
            baseline = baseline or median
            p95 = sorted(samples)[int(len(samples) * 0.95) - 1]
            print(f"    {label:<40} {total:>7} found  median {median * 1e3:7.1f} ms  "
                  f"p95 {p95 * 1e3:7.1f} ms  ratio to baseline {median / baseline:5.2f}")


def statements(engine: Any, fn: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SQL statements (with their parameters) that `fn` sends."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return seen


def plans(app: Any, data: dict[str, Any]) -> None:
    """The plan of the count and page statements of the main lists."""
    with app.app_context():
        for label, kind, args, page in queries(data):
            if label not in PLANNED:
                continue
            seen = statements(db.engine, lambda kind=kind, args=args, page=page:
                              lists.list_cases(db.session, parse_filters(
                                  db.session, kind, args), page=page))
            db.session.rollback()
            count = [s for s in seen if "count(*)" in s[0].lower()][-1]
            first = [s for s in seen if "LIMIT" in s[0]][0]
            print(f"  plan of “{label}”:")
            for name, (statement, parameters) in (("count", count), ("page", first)):
                print(f"    {name}:")
                for line in explain(db.engine, statement, parameters)[:14]:
                    print(f"      {line}")


def explain(engine: Any, statement: str, parameters: Any) -> list[str]:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            return [row[-1] for row in cursor.fetchall()]
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + statement, parameters)
        return [row[0] for row in cursor.fetchall()]
    finally:
        raw.rollback()
        raw.close()


def run(label: str, url: str, tmp: str) -> None:
    print(f"{label}, {COMPLAINTS} complaints")
    app, data = build(url, tmp)
    in_process(app, data)
    plans(app, data)
    with app.app_context():
        db.engine.dispose()


def main() -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{seed.DATA / f'bench-{COMPLAINTS}.sqlite3'}", tmp)
        if os.environ.get("BENCH_DATABASE_URL"):
            run("PostgreSQL", os.environ["BENCH_DATABASE_URL"], tmp)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()

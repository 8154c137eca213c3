"""Search and case lists at 100,000 complaints, with ratios to baselines measured in the run.

For SQLite (a throwaway file under a temp dir) and, when BENCH_DATABASE_URL is set, for that
PostgreSQL database (it is EMPTIED: give a throwaway one):

1. Migrations, a few staff, then BENCH_COMPLAINTS (default 100,000) realistic complaints from
   bench/search_data.py written with bulk inserts; then the search index is rebuilt (timed:
   that is what `flask cicdr search-reindex` costs at this size). PostgreSQL gathers
   statistics (ANALYZE, as autovacuum would); SQLite runs without them, as installed.
2. In process, each typical list or search as the list page runs it (filters parsed, total
   counted, first page loaded with its rows), REPEAT times: median and p95, and the ratio to
   the baseline, the unfiltered complaint list. The ILIKE search the lists used before is
   measured too, for comparison.
3. The query plans of the main statements (EXPLAIN QUERY PLAN; EXPLAIN ANALYZE on PostgreSQL).
4. Over HTTP, like bench_http.py: gunicorn with 2 workers, signed in as an officer through the
   login form, BENCH_REQUESTS requests per page from 4 threads; throughput ratio to the landing
   page (the baseline) in the same run. Searches append access records, as in production.
"""

from __future__ import annotations

import logging
import os
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import bench_http  # bench/ is on the path when this file runs as a script
import search_data
from sqlalchemy import event, func, or_, select, text

from cicdr import create_app
from cicdr.config import TestConfig
from cicdr.extensions import db
from cicdr.models import Complaint, Party
from cicdr.services.admin.accounts import create_user
from cicdr.services.queries import lists, search
from cicdr.services.queries.filters import parse_filters

ROOT = Path(__file__).resolve().parents[1]

COMPLAINTS = int(os.environ.get("BENCH_COMPLAINTS", "100000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "120"))
REPEAT = 15
PASSWORD = "bench-password-2026"  # noqa: S105 - throwaway database
PLANNED = ("search: a name", "search: a common word (9 %)", "search: word + state + district",
           "filter: overdue", "filter: ground + a year received",
           "filter: police-related + an officer's", "proceedings: prescribing within a year")


def staff() -> tuple[list[int], int]:
    """Eight officers and the president (fast password hashes); their ids."""
    def make(email: str, name: str, role: str) -> int:
        return create_user(db.session, email=email, name=name, role=role, password=PASSWORD,
                           fast=True).id

    officers = [make(f"officer{i}@bench.cicdr.pt", f"Officer {i}", "officer")
                for i in range(1, 9)]
    return officers, make("president@bench.cicdr.pt", "President", "president")


def build(url: str, tmp: str) -> tuple[Any, dict[str, Any]]:
    """A migrated database with staff and COMPLAINTS complaints, indexed; what was built."""
    from flask_migrate import downgrade, upgrade

    app = create_app(TestConfig(url, f"{tmp}/blobs"))
    logging.disable(logging.INFO)  # Alembic's progress lines
    with app.app_context():
        if url.startswith("postgresql"):
            downgrade(revision="base")
        upgrade()
        officers, president = staff()
        start = time.perf_counter()
        with db.engine.begin() as conn:
            rows = search_data.load(conn, COMPLAINTS, date.today(), officers, president)
        loaded, start = time.perf_counter() - start, time.perf_counter()
        search.rebuild(db.session)
        indexed = time.perf_counter() - start
        if url.startswith("postgresql"):  # as autovacuum would; SQLite runs without stats
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
        name = db.session.scalar(select(Party.name).where(
            Party.role == "complainant", Party.kind == "natural_person",
            Party.complaint_id >= COMPLAINTS // 2).order_by(Party.id).limit(1))
        reference = db.session.get(Complaint, COMPLAINTS // 3).reference
    print(f"  {rows} rows written in {loaded:.1f} s; index rebuilt in {indexed:.1f} s "
          f"(search-reindex at this size)")
    return app, {"officer": officers[0], "name": name, "reference": reference}


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


def wait_for(base: str) -> None:
    """Until the server answers (at most 15 s)."""
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/staff/login", timeout=1)
            return
        except OSError:
            time.sleep(0.1)


def over_http(url: str, tmp: str, data: dict[str, Any]) -> None:
    """Throughput of the list pages under load, as ratios to the landing page."""
    port = bench_http.free_port()
    env = {**os.environ, "FLASK_APP": "wsgi.py", "CICDR_INSTANCE": tmp, "DATABASE_URL": url,
           "SECRET_KEY": "bench-only"}
    server = subprocess.Popen(
        [str(bench_http.BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base)
        client = bench_http.sign_in(base, "officer1@bench.cicdr.pt", PASSWORD)
        name = urllib.parse.quote(data["name"])
        pages = [("baseline: landing page", "/"),
                 ("complaint list", "/staff/cases"),
                 ("search: a name", f"/staff/cases?q={name}"),
                 ("search: word + state + district",
                  "/staff/cases?q=recusou&state=archived&district=lisboa"),
                 ("filters: overdue + police", "/staff/cases?overdue=1&police=yes"),
                 ("proceeding list", "/staff/cases?kind=proceedings")]
        print(f"  over HTTP: {REQUESTS} requests per page, {bench_http.THREADS} client threads, "
              "gunicorn 2 workers:")
        baseline = None
        for label, path in pages:
            rate, lat = bench_http.load(bench_http.opener() if path == "/" else client,
                                        base + path, REQUESTS)
            baseline = baseline or rate
            p95 = statistics.quantiles(lat, n=20)[18]
            print(f"    {label:<32} {rate:7.1f} req/s  p50 {statistics.median(lat) * 1e3:6.1f} ms"
                  f"  p95 {p95 * 1e3:6.1f} ms  throughput ratio to baseline {rate / baseline:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(label: str, url: str, tmp: str) -> None:
    print(f"{label}, {COMPLAINTS} complaints")
    app, data = build(url, tmp)
    in_process(app, data)
    plans(app, data)
    with app.app_context():
        db.engine.dispose()
    over_http(url, tmp, data)


def main() -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", tmp)
        if os.environ.get("BENCH_DATABASE_URL"):
            run("PostgreSQL", os.environ["BENCH_DATABASE_URL"], tmp)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()

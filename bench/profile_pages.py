"""Where a measured page's time goes, in process (no HTTP, no other load in the picture).

`python bench/profile_pages.py [--size N] [--runs R] [--skip PAGE] [--profile PAGE] [--sql
PAGE]` signs the benchmark's officer in through the Flask test client against the seeded
database (bench/seed.py; BENCH_DATABASE_URL for PostgreSQL), requests every measured page R
times and prints, per page: the median time of a request, the SQL statements per request, the
time spent executing them, and the median of the same page of the bare baseline
(bench/baseline_app.py) in the same process. `--profile PAGE` prints a cProfile of that page
(cumulative, or `--sort tottime`; `--lines N` long); `--sql PAGE` lists its statements with
their times. Filing is the 7 steps of the public form per complaint. Pages write (access
records, complaints) like the load does. The shared machine is noisy: compare medians of one
run, not runs.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import load  # noqa: E402
import seed  # noqa: E402

from cicdr import create_app  # noqa: E402
from cicdr.config import Config  # noqa: E402
from cicdr.extensions import db  # noqa: E402


class Statements:
    """The SQL statements run on an engine while `active`, each with its time."""

    def __init__(self, engine: Any) -> None:
        self.active, self.seen = False, []  # type: tuple[bool, list[tuple[str, float]]]
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, *_args: Any) -> None:
        conn.info["bench_start"] = time.perf_counter()

    def _after(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.active:
            self.seen.append((statement, time.perf_counter() - conn.info["bench_start"]))


def app_for(url: str) -> Any:
    """The project's app on the seeded database, configured as the benchmark serves it."""
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = url
    config.SECRET_KEY = "bench-only"  # noqa: S105
    config.WTF_CSRF_ENABLED = False
    config.RATELIMIT_STORAGE_URI = "memory://"
    config.RATELIMIT_ENABLED = False
    config.SESSION_COOKIE_SECURE = config.REMEMBER_COOKIE_SECURE = False
    config.BLOB_DIR = tempfile.mkdtemp(prefix="bench-blobs-")
    return create_app(config)


def bare_client(url: str) -> Any:
    """A test client of the bare baseline (bench/baseline_app.py) on the same database."""
    import os

    os.environ["DATABASE_URL"] = url
    import baseline_app

    return baseline_app.app.test_client()


def file_one(app: Any) -> None:
    """One complaint through the 7 steps of the public form (a fresh visitor)."""
    visitor = app.test_client()
    visitor.get("/complaint/about-you")
    for step, data in load.filing_steps():
        answer = visitor.post(f"/complaint/{step}", data={"nav": "next", **data})
        assert answer.status_code == 302, (step, answer.status_code)
        visitor.get(answer.headers["Location"])


def measure(run: Any, runs: int, statements: Statements) -> dict[str, Any]:
    """Median ms of `run()` (wall clock, and CPU time: less disturbed by the other processes
    of a shared machine) and its statements (count, ms executing) per call."""
    run()  # warm
    times, cpu, counts, sql = [], [], [], []
    for _ in range(runs):
        statements.seen = []
        statements.active = True
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        statements.active = False
        counts.append(len(statements.seen))
        sql.append(sum(t for _, t in statements.seen))
    return {"ms": statistics.median(times) * 1e3, "cpu_ms": statistics.median(cpu) * 1e3,
            "statements": statistics.median(counts),
            "sql_ms": statistics.median(sql) * 1e3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profile", help="a page name (e.g. 'complaint page', 'filing')")
    parser.add_argument("--sql", help="a page name: list its statements")
    parser.add_argument("--skip", action="append", default=[], help="a page name to leave out")
    parser.add_argument("--sort", default="cumulative",
                        help="the profile's order: cumulative (default) or tottime")
    parser.add_argument("--lines", type=int, default=45, help="the profile's length")
    args = parser.parse_args()
    seeded = seed.ensure(args.size)
    facts = {k: getattr(seeded, k) for k in ("officer", "officer_id", "name", "word",
                                             "complaint", "proceeding")}
    app = app_for(seeded.url)
    client = app.test_client()
    answer = client.post("/staff/login", data={"email": seeded.officer,
                                               "password": seed.PASSWORD})
    assert answer.status_code == 302, answer.status_code
    with app.app_context():
        statements = Statements(db.engine)
    bare = bare_client(seeded.url)
    measured = [p for p in load.pages(facts) if p.project and p.name not in args.skip]
    runs = {p.name: (lambda p=p: client.get(p.project)) for p in measured}
    runs["filing"] = lambda: file_one(app)
    bare_runs = {p.name: (lambda p=p: bare.get(p.bare)) for p in measured}
    for name, run in runs.items():
        if args.profile and name != args.profile:
            continue
        got = measure(run, args.runs, statements)
        floor = measure(bare_runs[name], args.runs, statements) if name in bare_runs else None
        print(f"{name:20} {got['ms']:7.1f} ms (CPU {got['cpu_ms']:6.1f}) "
              f"{got['statements']:4.0f} statements {got['sql_ms']:5.1f} ms in SQL" +
              (f" | bare {floor['ms']:5.1f} ms (CPU {floor['cpu_ms']:5.1f}) "
               f"{got['cpu_ms'] / max(floor['cpu_ms'], 0.01):.1f}x CPU" if floor else ""))
        if args.sql == name:
            statements.seen, statements.active = [], True
            run()
            statements.active = False
            for sql, seconds in statements.seen:
                print(f"   {seconds * 1e3:7.2f} ms  {' '.join(sql.split())[:150]}")
    if args.profile:
        profiler = cProfile.Profile(time.process_time)  # CPU: other jobs' load left out
        profiler.enable()
        for _ in range(args.runs):
            runs[args.profile]()
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.lines)


if __name__ == "__main__":
    main()

"""Benchmark and check: reference data followed by every process through `settings_version`.

1. In-process cost (SQLite file, or PostgreSQL with BENCH_DATABASE_URL): the per-request check
   (`current_tables` when nothing changed: one primary-key read on a fresh session, as a
   request has), a full build of the legal tables (what a request pays once after a change), and
   a whole request to the landing page as the yardstick, all in the same run.
2. Across processes: gunicorn with 2 workers; the admin changes the `defence` deadline through
   the real page (handled by one worker), then 4 client threads fetch the deadline page (which
   shows the table in force in the worker that answers) 40 times: every answer must show it.

`python bench/bench_reference.py [--in-process]` (the flag skips part 2).
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.serving import BIN, ROOT, free_port, opener, prepare  # noqa: E402

CHECKS = 3000
RELOADS = 200
REQUESTS = 1000


def _per_call(fn: object, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def _report(label: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[18]
    print(f"  {label:<44} median {statistics.median(times)*1e6:8.1f} µs  "
          f"p95 {p95*1e6:8.1f} µs")


def in_process(url: str, tmp: str) -> None:
    from flask_migrate import upgrade
    from sqlalchemy import text

    from cicdr import create_app
    from cicdr.config import TestConfig
    from cicdr.extensions import db
    from cicdr.services.core.legal_tables import (
        CalendarDefaults,
        build_tables,
        current_tables,
    )

    app = create_app(TestConfig(url, f"{tmp}/blobs"))
    defaults = CalendarDefaults()
    with app.app_context():
        upgrade()

        def check() -> None:
            current_tables(db.session, defaults)
            db.session.remove()  # what the request teardown does: the next check starts afresh

        def reload() -> None:
            build_tables(db.session, defaults)
            db.session.remove()

        def check_in_use() -> float:
            db.session.execute(text("SELECT 1"))  # a page that reads the database anyway
            start = time.perf_counter()
            current_tables(db.session, defaults)
            spent = time.perf_counter() - start
            db.session.remove()
            return spent

        check()
        print(f"In-process, {url.split(':')[0]}, {CHECKS} checks / {RELOADS} reloads / "
              f"{REQUESTS} requests")
        _report("check per request (nothing changed)", _per_call(check, CHECKS))
        _report("  same, on a session already in use", [check_in_use() for _ in range(CHECKS)])
        _report("build after a change (whole legal tables)", _per_call(reload, RELOADS))
    client = app.test_client()
    _report("whole request: landing page (yardstick)",
            _per_call(lambda: client.get("/?lang=en"), REQUESTS))


def _csrf(page: str) -> str:
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    assert token, "no CSRF token"
    return token.group(1)


def _defence_length(page: str) -> str:
    found = re.search(r'id="defence-length" name="length"[^>]* value="(\d+)"', page)
    assert found, "the deadline page shows the defence length"
    return found.group(1)


def across_processes(tmp: str) -> None:
    port = free_port()
    env = {**os.environ, "FLASK_APP": "wsgi.py", "CICDR_INSTANCE": tmp,
           "DATABASE_URL": f"sqlite:///{tmp}/procs.sqlite3", "SECRET_KEY": "bench-only"}
    prepare(env)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        client = opener()
        for _ in range(100):
            try:
                page = client.open(f"{base}/staff/login", timeout=1).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        data = {"csrf_token": _csrf(page), "email": "admin@demo.cicdr.pt",
                "password": "demo-cicdr-2026"}
        client.open(f"{base}/staff/login", data=urllib.parse.urlencode(data).encode())
        url = f"{base}/staff/admin/reference/deadlines"

        def fetch(_: int) -> str:
            return _defence_length(client.open(url).read().decode())

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            before = set(pool.map(fetch, range(40)))  # both workers load the table
            page = client.open(url).read().decode()
            new = str(int(before.pop()) + 3)
            data = {"csrf_token": _csrf(page), "kind": "defence", "length": new,
                    "counting": "working"}
            client.open(url, data=urllib.parse.urlencode(data).encode())
            after = list(pool.map(fetch, range(40)))
        print(f"Across 2 gunicorn workers: defence set to {new}; 40 answers after the change "
              f"show {sorted(set(after))} ({after.count(new)}/40 with the new length)")
        assert after.count(new) == 40
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        in_process(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3",
                   tmp)
    if "--in-process" not in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            across_processes(tmp)


if __name__ == "__main__":
    main()

"""Performance against the floor (issue 16): every page's p95 beside its bare query's.

1. Seeds (or reuses) the database: bench/seed.py, 100,000 complaints by default.
2. Serves the project (`wsgi:app`) and the bare baseline (bench/baseline_app.py) with the same
   gunicorn settings (2 workers each), on loopback.
3. Runs the load generator (bench/load.py) in its own process: sign-in through the real form,
   project and baseline measured interleaved; then reads the workers' RSS from /proc.
4. Times `audit verify` against the Core-rows floor, each in a fresh process (bench/chain.py).
5. Writes bench/results.json and prints the Markdown table (bench/report.py).

`python bench/bench_floor.py [--size N] [--smoke] [--out FILE]`; BENCH_DATABASE_URL: PostgreSQL
(EMPTIED when its seeded size differs). `--smoke`: 200 complaints in a throwaway SQLite file, a
few requests, and checks that the harness is right (not that the project is fast).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
sys.path[:0] = [str(HERE), str(ROOT)]

import report  # noqa: E402
import seed  # noqa: E402
from serving import free_port  # noqa: E402

FULL = {"clients": 3, "rounds": 5, "batch": 20, "seconds": 300, "filings": 10,
        "filing_rounds": 4, "verify_runs": 2}
SMOKE = {"clients": 2, "rounds": 2, "batch": 2, "seconds": 30, "filings": 2,
         "filing_rounds": 2, "verify_runs": 1}


@contextmanager
def served(apps: tuple[str, ...], env: dict[str, str]) -> Any:
    """gunicorn (2 workers each) serving each app on a free loopback port, started together;
    yields [(base URL, master pid)] in the order of `apps`."""
    servers = []
    try:
        for app in apps:
            port = free_port()
            servers.append((f"http://127.0.0.1:{port}", subprocess.Popen(
                [str(GUNICORN), "--workers", "2", "--bind", f"127.0.0.1:{port}",
                 "--pythonpath", f"{HERE},{ROOT}", app], cwd=ROOT, env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
        for base, server in servers:
            wait_for(base, server)
        yield [(base, server.pid) for base, server in servers]
    finally:
        for _, server in servers:
            server.terminate()
        for _, server in servers:
            server.wait(timeout=30)


def wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    """Until the server answers at all (any HTTP status), at most 60 s."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before serving")
        try:
            urllib.request.urlopen(f"{base}/staff/login", timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{base} did not answer within 60 s")


def workers_rss(master: int) -> list[float]:
    """RSS in MB of the gunicorn workers (the master's children), from /proc."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master:  # field 4 of stat: the parent pid
                status = (stat.parent / "status").read_text()
                kb = next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:"))
                sizes.append(round(kb / 1024, 1))
        except (OSError, ValueError, StopIteration):
            continue
    return sorted(sizes)


def environment(url: str, instance: str) -> dict[str, str]:
    """The servers' environment: the seeded database, limits that a benchmark does not trip."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAIL_")}
    return {**env, "FLASK_APP": "wsgi.py", "DATABASE_URL": url, "CICDR_INSTANCE": instance,
            "SECRET_KEY": "bench-only", "CICDR_COMPLAINT_LIMIT": "1000000 per hour",
            "CICDR_STAFF_LOGIN_LIMIT": "100000 per minute",
            # 7 POSTs a complaint: the public 600 per hour stopped the second run of an hour
            # with 429 (the counters live in Redis, across runs).
            "CICDR_COMPLAINT_STEP_LIMIT": "1000000 per hour",
            "CICDR_SECURE_COOKIES": "0",  # plain HTTP on loopback: the cookie must travel
            # Two workers must share their rate limits (gunicorn.conf.py refuses otherwise).
            "REDIS_URL": env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
            "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])}


def load(config: dict[str, Any], tmp: str, quiet: bool) -> dict[str, Any]:
    """Run bench/load.py in its own process on `config`; its JSON answer (its progress on
    stderr unless quiet)."""
    path = Path(tmp) / "load.json"
    path.write_text(json.dumps(config))
    done = subprocess.run([sys.executable, str(HERE / "load.py"), str(path)], check=True,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL if quiet else None,
                          text=True, timeout=3600)
    return json.loads(done.stdout)


def verify(url: str, runs: int, env: dict[str, str]) -> dict[str, Any]:
    """The best of `runs` verifications on each side, alternating, each in a fresh process."""
    best: dict[str, Any] = {}
    for _ in range(runs):
        for which in ("project", "floor"):
            done = subprocess.run([sys.executable, str(HERE / "chain.py"), url, which],
                                  check=True, capture_output=True, text=True, env=env)
            got = json.loads(done.stdout)
            if which not in best or got["events_per_s"] > best[which]["events_per_s"]:
                best[which] = got
    return best


def measure(seeded: seed.Seeded, settings: dict[str, Any], tmp: str) -> dict[str, Any]:
    """Both servers up, the load generator run, worker memory read; then verification."""
    import baseline_app

    baseline_app.prepare(seeded.url)
    env = environment(seeded.url, tmp)
    with served(("wsgi:app", "baseline_app:app"), env) as [(project, project_pid),
                                                          (bare, bare_pid)]:
        config = {**settings, "project": project, "bare": bare, "password": seed.PASSWORD,
                  "facts": {k: getattr(seeded, k) for k in
                            ("officer", "officer_id", "name", "word", "complaint",
                             "proceeding")}}
        measured = load(config, tmp, settings is SMOKE)
        measured["memory"] = {"project": workers_rss(project_pid),
                              "bare": workers_rss(bare_pid)}
    measured["verify"] = verify(seeded.url, settings["verify_runs"], env)
    return measured


def database_version(url: str) -> tuple[str, str]:
    """(dialect, server version) of the database at `url`."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.connect():  # the version is read on connecting
        version = ".".join(map(str, engine.dialect.server_version_info or ()))
    engine.dispose()
    return engine.dialect.name, version


def results(seeded: seed.Seeded, measured: dict[str, Any], smoke: bool) -> dict[str, Any]:
    """The results file's content: rows with ratios and targets, everything measured."""
    return {
        "machine": report.machine(*database_version(seeded.url)), "smoke": smoke,
        "size": seeded.size, "events": measured["verify"]["project"]["events"],
        "seeding": {"seconds": seeded.seconds, "reused": seeded.reused},
        "clients": measured["clients"], "load_seconds": measured["seconds"],
        "rows": report.page_rows(measured["pages"]) + report.other_rows(
            measured["filing"], measured["verify"], measured["memory"]),
        **{k: measured[k] for k in ("pages", "filing", "verify", "memory", "failures")},
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--smoke", action="store_true",
                        help="200 complaints, a few requests, check the harness")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        if args.smoke:
            seeded = seed.ensure(200, f"sqlite:///{tmp}/smoke.sqlite3", quiet=True)
        else:
            print(f"Seeding (or reusing) {args.size:,} complaints ...", file=sys.stderr)
            seeded = seed.ensure(args.size)
            print(f"  {'reused' if seeded.reused else 'seeded'}: {seeded.url} "
                  f"(seeding took {seeded.seconds:.0f} s)", file=sys.stderr)
        measured = measure(seeded, SMOKE if args.smoke else FULL, tmp)
        out = results(seeded, measured, args.smoke)
    args.out.write_text(json.dumps(out, indent=2) + "\n")
    print(report.markdown(out))
    if measured["failures"]:
        print("Failures:\n  " + "\n  ".join(measured["failures"]), file=sys.stderr)
    if args.smoke:
        report.check(out, args.out)
    return out


if __name__ == "__main__":
    main()

"""`make loadtest`: complainants filing under load while a worker is killed and PostgreSQL
restarts, then officers racing on shared cases; nothing accepted may be lost.

Loopback only, bounded in time and count. The server is gunicorn with deploy/gunicorn.conf.py
(4 workers) on a freshly created PostgreSQL database (dropped afterwards), rate limits in
Redis when it answers on 127.0.0.1:6379 (raised for the run: 50 clients share one address).

1. `--clients` complainants file complaints with a PDF through the real form for `--seconds`;
   a third of the way in one worker gets SIGKILL, two thirds in PostgreSQL restarts
   (`pg_ctlcluster ... restart`). Clients retry on dropped connections and 5xx; /healthz is
   polled meanwhile. Afterwards every receipt a client got must stand for a complaint with the
   client's text and the exact hash of its file, references distinct and gapless, the audit
   chain verified, and the same gunicorn master serving (no restart of the application).
2. `--officers` officers each assign `--cases` shared complaints to themselves, each time with
   the version they just read: the assignments answered as done must be exactly the audit
   events written, and each case's version must have moved by exactly that many transitions.

`--smoke` runs a few seconds with small counts, no database restart (SQLite unless
`--database-url`), and is part of `make test` (tests/test_loadtest_smoke.py). Prints a
Markdown table and writes the results as JSON (`--out`); exits 1 when any check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import clients  # noqa: E402  (the loadtest directory, put on the path above)
from harness import (  # noqa: E402
    database,
    environment,
    kill_one_worker,
    machine,
    redis_url,
    restart_postgres,
    served,
    table,
    workers_of,
)

FULL = {"clients": 50, "seconds": 60, "officers": 20, "cases": 10, "officer_seconds": 30,
        "workers": 4, "restart": True}
SMOKE = {"clients": 4, "seconds": 5, "officers": 3, "cases": 2, "officer_seconds": 3,
         "workers": 2, "restart": False}


def setup(settings: dict[str, Any], url: str) -> dict[str, Any]:
    """Migrate, create the president and the officers, and the shared cases (assigned once,
    which measures how far one transition moves a version)."""
    from flask_migrate import upgrade

    from cicdr import create_app
    from cicdr.config import Config, database_url
    from cicdr.extensions import db
    from cicdr.services.admin.accounts import create_user
    from cicdr.services.engine.transition import fire
    from tests import factories

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = database_url(url)  # created after cicdr was imported
    app = create_app(config)
    with app.app_context():
        upgrade()
        officers = [create_user(db.session, email=f"officer{i}@carga.cicdr.pt", name=f"Officer {i}",
                                role="officer", password=clients_password(), fast=True)
                    for i in range(settings["officers"])]
        secrets = {o.email: _enrolled(db.session, o) for o in officers}
        cases, per_assign = {}, 0
        for _ in range(settings["cases"]):
            complaint = factories.complaint(db.session)
            before = complaint.version
            fire(db.session, complaint, "assign", officers[0], assignee=officers[0].id)
            db.session.commit()
            per_assign = complaint.version - before
            cases[complaint.reference] = {"version": complaint.version, "events": 1}
        return {"app": app, "officers": [(o.id, o.email, secrets[o.email]) for o in officers],
                "cases": cases, "per_assign": per_assign}


def _enrolled(session: Any, user: Any) -> str:
    """Give the officer a second factor (required for case readers); its secret. Enrolled
    with the previous time step's code, so signing in now is not a replay."""
    import pyotp

    from cicdr.services.admin import second_factor

    secret = pyotp.random_base32()
    earlier = time.time() - 30
    second_factor.enrol(session, user, secret, pyotp.TOTP(secret).at(earlier), now=earlier)
    return secret


def clients_password() -> str:
    return "load test password 1"


def watch_health(base: str, stop: threading.Event, seen: dict[str, int]) -> None:
    """Poll /healthz until told to stop, counting its answers (200, 503, errors)."""
    import urllib.error
    import urllib.request

    while not stop.is_set():
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                key = str(response.status)
        except urllib.error.HTTPError as exc:
            key = str(exc.code)
        except OSError:
            key = "connection error"
        seen[key] = seen.get(key, 0) + 1
        stop.wait(0.2)


def faults(settings: dict[str, Any], master: int, url: str, log: dict[str, Any]) -> None:
    """The fault schedule: SIGKILL a worker at 1/3, restart PostgreSQL at 2/3."""
    time.sleep(settings["seconds"] / 3)
    log["killed_worker"] = kill_one_worker(master)
    if settings["restart"] and url.startswith("postgresql"):
        time.sleep(settings["seconds"] / 3)
        log["postgres_restart_seconds"] = restart_postgres()


def wait_healthy(base: str, limit: float = 120) -> float:
    """Seconds until /healthz answers 200 (the app recovers by itself)."""
    import urllib.request

    start = time.monotonic()
    while time.monotonic() - start < limit:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return round(time.monotonic() - start, 2)
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("/healthz did not answer 200 again")


def complainants(base: str, master: int, url: str, settings: dict[str, Any]) -> dict[str, Any]:
    """Phase 1: filing under load with the faults; what the clients and /healthz saw."""
    tally, log, health = clients.Tally(), {}, {}
    stop = threading.Event()
    watcher = threading.Thread(target=watch_health, args=(base, stop, health), daemon=True)
    fault = threading.Thread(target=faults, args=(settings, master, url, log), daemon=True)
    watcher.start()
    fault.start()
    started = time.monotonic()
    clients.run_for(settings["seconds"], [
        (lambda: clients.file_complaint(base, tally), tally)
        for _ in range(settings["clients"])])
    fault.join()
    log["recovery_seconds"] = wait_healthy(base)
    stop.set()
    log["master_alive"] = _alive(master)
    log["workers_after"] = len(workers_of(master))  # the killed one replaced by the master
    return {"tally": tally, "faults": log, "health": health,
            "seconds": round(time.monotonic() - started, 1)}


def officers(base: str, setup_facts: dict[str, Any], settings: dict[str, Any]) -> Any:
    """Phase 2: every officer assigns random shared cases to themselves."""
    tally = clients.Tally()
    references = list(setup_facts["cases"])
    work = []
    for officer_id, email, secret in setup_facts["officers"]:
        client = clients.sign_in(base, tally, email, clients_password(), secret)
        work.append((lambda c=client, o=officer_id: clients.assign_to_self(
            c, random.choice(references), o), tally))  # noqa: S311 (not security)
    clients.run_for(settings["officer_seconds"], work)
    return tally


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def verify_all(app: Any, first: dict[str, Any], second: Any,
               facts: dict[str, Any]) -> dict[str, Any]:
    """Every check, read from the database."""
    import checks

    from cicdr.extensions import db

    with app.app_context():
        db.engine.dispose()  # connections from before a PostgreSQL restart are gone
        ok_chain, events, problem = checks.chain_verifies(db.session)
        return {"receipts": checks.receipts_whole(db.session, first["tally"].receipts),
                "references": checks.references_gapless(db.session),
                "chain": [] if ok_chain else [problem], "events": events,
                "transitions": checks.transitions_consistent(
                    db.session, facts["cases"], second.successes, facts["per_assign"])}


def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = dict(SMOKE if args.smoke else FULL)
    with tempfile.TemporaryDirectory(prefix="cicdr-load-") as tmp:
        env = environment("", Path(tmp), redis_url(args.redis), settings["workers"])
        os.environ.update(env)  # before the first import of cicdr: its Config reads them
        with database(args.database_url, Path(tmp)) as url:
            env["DATABASE_URL"] = os.environ["DATABASE_URL"] = url
            results = measure(args, settings, env, url, Path(tmp))
    return results


def measure(args: argparse.Namespace, settings: dict[str, Any], env: dict[str, str],
            url: str, tmp: Path) -> dict[str, Any]:
    """Set up the throwaway database, run both phases against gunicorn, check everything."""
    facts = setup(settings, url)
    with served(env, tmp) as (base, master):
        first = complainants(base, master, url, settings)
        second = officers(base, facts, settings)
    results = {"smoke": args.smoke, "settings": settings, "database": url.split(":")[0],
               "redis": bool(env.get("REDIS_URL")), "machine": machine(),
               "filing": {"receipts": len(first["tally"].receipts),
                          "statuses": first["tally"].statuses,
                          "gave_up": first["tally"].gave_up, "seconds": first["seconds"]},
               "faults": first["faults"], "healthz": first["health"],
               "officers": {"successes": sum(second.successes.values()),
                            "statuses": second.statuses, "gave_up": second.gave_up},
               "checks": verify_all(facts["app"], first, second, facts)}
    failed = [p for key in ("receipts", "references", "chain", "transitions")
              for p in results["checks"][key]]
    if not first["faults"].get("master_alive"):
        failed.append("the gunicorn master did not survive")
    if first["faults"].get("workers_after") != settings["workers"]:
        failed.append(f"{first['faults'].get('workers_after')} workers after the kill, "
                      f"not {settings['workers']}")
    if results["filing"]["receipts"] == 0:
        failed.append("no complaint was filed at all")
    results["failures"] = failed
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a few seconds, small counts")
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL"),
                        help="PostgreSQL server URL (a database is created on it and dropped)")
    parser.add_argument("--redis", default=os.environ.get("LOAD_REDIS_URL"),
                        help="Redis URL for the limiter (default: 127.0.0.1:6379/14 if it "
                             "answers)")
    parser.add_argument("--out", default=None, help="write the results as JSON here")
    args = parser.parse_args(argv)
    if not args.smoke and not (args.database_url or "").startswith("postgres"):
        parser.error("the full load test needs PostgreSQL: --database-url or LOAD_DATABASE_URL")
    results = run(args)
    print(table(results))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    for failure in results["failures"]:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())

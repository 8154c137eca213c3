"""A year's statistics at 1,000,000 complaints (issue 13 part 8), beside the bare query.

Seeds (or reuses, by its marker) a database of `--size` complaints over 2011-2026, growing over
the years like bench/search_data.py (2025: about 110,000), with every column the statistics
read: coded fields, grounds (1-2 each), respondents (1-2 each, some police), triage outcomes
and their days, closures, proceedings with decided respondents (fines, admonitions,
dismissals, appeals), referrals and deadlines. Written with bulk inserts, not through the
form: the statistics read columns, whatever set them.

Then, in the same run and on the same connection pool: the bare baseline (`SELECT district,
count(*) FROM complaints WHERE received_at in the year GROUP BY district`, one breakdown) and
the project's whole year (`services.statistics.figures.year`: about 40 aggregate queries),
each run `--runs` times after one warm-up, median and worst. Target: under 1,000 ms.

`python bench/bench_statistics.py [--size N] [--runs N] [--smoke]`. SQLite in
bench/.data/stats-N.sqlite3 (kept for the next run); PostgreSQL too when BENCH_DATABASE_URL is
set (a scratch database `<name>_stats` on that server, kept between runs, rebuilt when its size
differs). `--smoke`: 2,000 complaints in a temporary file, and the year's totals are checked
against what was written (not the speed).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / ".data"
YEAR = 2025
FIRST_YEAR, LAST_YEAR = 2011, 2026
TARGET_MS = 1000.0
BATCH = 20_000
CHANNELS = ("online", "online", "online", "email", "post", "in_person", "phone",
            "forwarded_by_entity")
ORIGINS = ("queixa", "queixa", "denuncia", "participacao")
DISTRICTS = ("lisboa", "lisboa", "porto", "setubal", "braga", "faro", "coimbra", "aveiro",
             "online", "unknown", "acores", "madeira")
CONTEXTS = ("internet_social_media", "internet_social_media", "commerce", "neighbourhood",
            "labour", "education", "security_forces", "housing", "health", "other")
GROUNDS = ("racial_ethnic_origin", "colour", "nationality", "ancestry", "territory_of_origin",
           "language")
EXPRESSIONS = ("roma", "black_african_descent", "brazilian_nationality", "other_nationalities",
               "south_asian", "migrants_general", None)
VICTIMS = (("individual", "female"), ("individual", "male"), ("individual", "unknown"),
           ("group", None), ("community", None), (None, None))
RESPONDENTS = (("natural_person", None), ("private_legal_person", None),
               ("public_entity", None), ("security_force", "psp"), ("security_force", "gnr"),
               ("security_officer", "psp"))
OUTCOMES = ((None, 30), ("archived", 35), ("forwarded", 15), ("referred_to_prosecutor", 10),
            ("proceeding_opened", 10))
REASONS = ("duplicate", "withdrawn", "manifestly_unfounded", "outside_grounds",
           "no_information")
DEADLINES = ("complainant_information", "entity_information", "defence", "instruction")


def plan(total: int) -> list[tuple[int, int]]:
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    weights = [1 + i for i in range(len(years))]
    counts = [total * w // sum(weights) for w in weights]
    counts[-1] += total - sum(counts)
    return list(zip(years, counts, strict=True))


def seed(conn: Any, total: int, quiet: bool = False) -> Counter[str]:
    """Write `total` complaints and what hangs on them; returns a few counts of YEAR to check."""
    from cicdr.models import (
        Complaint,
        ComplaintGround,
        Deadline,
        Party,
        Proceeding,
        ProceedingRespondent,
        Referral,
    )

    r = random.Random(13)  # noqa: S311 - made-up data, not secrets
    tables = {"complaints": [], "grounds": [], "parties": [], "proceedings": [],
              "respondents": [], "referrals": [], "deadlines": []}
    models = {"complaints": Complaint, "grounds": ComplaintGround, "parties": Party,
              "proceedings": Proceeding, "respondents": ProceedingRespondent,
              "referrals": Referral, "deadlines": Deadline}
    check: Counter[str] = Counter()
    cid = pid = rid = 0

    def flush(force: bool = False) -> None:
        if not force and all(len(rows) < BATCH for rows in tables.values()):
            return
        for name in ("proceedings", "complaints", "grounds", "parties", "respondents",
                     "referrals", "deadlines"):  # parents first: foreign keys are checked
            if tables[name]:
                conn.execute(models[name].__table__.insert(), tables[name])
                tables[name] = []

    started = time.perf_counter()
    for year, count in plan(total):
        for number in range(1, count + 1):
            cid += 1
            day = date(year, 1, 1) + timedelta(days=r.randint(0, 364))
            received = datetime.combine(day, clock(r.randint(0, 23), r.randint(0, 59)), UTC)
            outcome = r.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
            if outcome is None and year < LAST_YEAR - 1 and r.random() < 0.97:
                outcome = "archived"  # an old complaint without any outcome is rare
            outcome_on = day + timedelta(days=r.randint(1, 120)) if outcome else None
            kind, sex = r.choice(VICTIMS)
            row = {
                "id": cid, "reference": f"QN-{year}-{number:06d}", "year": year,
                "number": number, "state": outcome or "triage", "version": 1,
                "channel": r.choice(CHANNELS), "origin": r.choice(ORIGINS), "language": "pt",
                "facts_date": day - timedelta(days=r.randint(0, 60)),
                "district": r.choice(DISTRICTS), "context": r.choice(CONTEXTS),
                "practice": r.choice("abcdefghij") if r.random() < 0.7 else None,
                "description": "-", "withhold_identity": False, "anonymous": False,
                "received_at": received, "victim_kind": kind, "victim_sex": sex,
                "expression": r.choice(EXPRESSIONS), "triage_outcome": outcome,
                "triage_outcome_on": outcome_on,
                "archive_reason": r.choice(REASONS) if outcome == "archived" else None,
                "closed_on": outcome_on + timedelta(days=r.randint(1, 700))
                if outcome in ("forwarded", "referred_to_prosecutor", "proceeding_opened")
                and (year < LAST_YEAR - 2 or r.random() < 0.5) else None,
                "complainant_commented": False, "closed_by_prosecutor": False,
                "proceeding_id": None}
            if outcome == "proceeding_opened":
                pid += 1
                decided = outcome_on + timedelta(days=r.randint(30, 400)) \
                    if r.random() < 0.6 else None
                tables["proceedings"].append({
                    "id": pid, "reference": f"PCO-{year}-{pid:07d}", "year": year,
                    "number": pid, "state": "decided" if decided else "instruction",
                    "version": 1, "facts_date": row["facts_date"],
                    "opened_at": datetime.combine(outcome_on, clock(12), UTC),
                    "interruptions": "", "suspensions": "", "decided_on": decided,
                    "closed_on": row["closed_on"],
                    "appeal_lodged_on": decided + timedelta(days=20)
                    if decided and r.random() < 0.1 else None,
                    "court_outcome": r.choice(("confirmed", "altered", None))
                    if decided else None, "closed_by_prosecutor": False})
                row["proceeding_id"] = pid
                for _ in range(r.randint(1, 2)):
                    rid += 1
                    verdict = r.choice(("fine", "admonition", "dismissal")) if decided else None
                    amount = round(r.uniform(500, 10000), 2) if verdict == "fine" else None
                    tables["respondents"].append({
                        "id": rid, "proceeding_id": pid, "name": "-", "kind": "natural_person",
                        "negligent": False, "outcome": verdict, "amount": amount,
                        "paid": amount if amount and r.random() < 0.5 else 0,
                        "decided_on": decided})
            tables["complaints"].append(row)
            for g in r.sample(GROUNDS, r.randint(1, 2)):
                tables["grounds"].append({"complaint_id": cid, "ground": g})
            for rk, force in r.sample(RESPONDENTS, r.randint(1, 2)):
                tables["parties"].append({"complaint_id": cid, "role": "respondent",
                                          "kind": rk, "security_force": force})
            if outcome in ("forwarded", "referred_to_prosecutor"):
                tables["referrals"].append({
                    "complaint_id": cid, "state": "sent", "version": 1,
                    "body": "mp" if outcome == "referred_to_prosecutor" else
                    r.choice(("act", "erc", "igai")),
                    "purpose": "prosecutor" if outcome == "referred_to_prosecutor"
                    else "forward", "sent_on": outcome_on, "reminders": 0,
                    "drafted_at": received})
            if r.random() < 0.3:
                due = day + timedelta(days=r.randint(10, 90))
                ended = due + timedelta(days=r.randint(-9, 5)) if r.random() < 0.8 else None
                tables["deadlines"].append({
                    "kind": r.choice(DEADLINES), "started_on": day, "due_on": due,
                    "ended_on": ended, "complaint_id": cid})
            if year == YEAR:
                check["total"] += 1
                check[f"district:{row['district']}"] += 1
            flush()
        if not quiet:
            print(f"  seeded {year}: {count:,} complaints "
                  f"({time.perf_counter() - started:.0f} s so far)", flush=True)
    flush(force=True)
    return check


def database(url: str, size: int, quiet: bool) -> Counter[str] | None:
    """Migrate and seed the database at `url` unless its marker says it holds `size`; returns
    the seeded counts when it seeded now (None when reused)."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from cicdr.extensions import db

    upgrade()
    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS bench_statistics (size INTEGER)"))
        found = conn.execute(text("SELECT size FROM bench_statistics")).scalar()
    if found == size:
        return None
    if found is not None:
        raise SystemExit(f"{url} holds {found:,} complaints, not {size:,}: remove it first")
    with db.engine.begin() as conn:
        counts = seed(conn, size, quiet)
        conn.execute(text("INSERT INTO bench_statistics (size) VALUES (:s)"), {"s": size})
    # What autovacuum (PostgreSQL: the visibility map index-only scans need) or a DBA would
    # have done by the time anyone asks for a year's statistics.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if db.engine.dialect.name == "postgresql"
                          else "ANALYZE"))
    return counts


def timed(fn: Any, runs: int) -> dict[str, float]:
    """Median and worst wall time, and the median CPU time of this process (with SQLite the
    queries run here, so that is their cost whatever else loads the machine)."""
    fn()  # warm-up: the first read of a cold file is the disk's, not the query's
    took, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        fn()
        took.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return {"median_ms": round(statistics.median(took), 1), "max_ms": round(max(took), 1),
            "cpu_ms": round(statistics.median(cpu), 1)}


def measure(label: str, url: str, size: int, runs: int, smoke: bool, tmp: str) -> bool:
    from sqlalchemy import text

    from cicdr import create_app
    from cicdr.config import TestConfig
    from cicdr.extensions import db
    from cicdr.services.core.legal_tables import current_tables
    from cicdr.services.statistics import figures
    from cicdr.services.statistics.breakdowns import moment

    app = create_app(TestConfig(url, f"{tmp}/blobs"))
    with app.app_context():
        began = time.perf_counter()
        counts = database(url, size, quiet=smoke)
        if counts is not None and not smoke:
            print(f"  {label}: seeded {size:,} complaints in {time.perf_counter() - began:.0f} s")
        tables = current_tables(db.session)
        first, after = moment(date(YEAR, 1, 1)), moment(date(YEAR + 1, 1, 1))
        bare_sql = text("SELECT district, count(*) FROM complaints WHERE received_at >= :a "
                        "AND received_at < :b GROUP BY district")

        def bare() -> Any:
            with db.engine.connect() as conn:
                return conn.execute(bare_sql, {"a": first, "b": after}).all()

        def project() -> Any:
            numbers = figures.year(db.session, YEAR, tables)
            db.session.rollback()
            return numbers

        numbers = project()
        ok = True
        if counts is not None:  # seeded now: the year's totals are what was written
            by_district = {k.split(":", 1)[1]: v for k, v in counts.items()
                           if k.startswith("district:")}
            got = {k: v for k, v in numbers["complaints"]["by_district"].items() if v}
            ok = numbers["complaints"]["total"] == counts["total"] and got == by_district
            print(f"  {label}: {YEAR} holds {counts['total']:,} complaints; the statistics "
                  f"count {numbers['complaints']['total']:,} "
                  f"{'(same)' if ok else '(DIFFERENT)'}")
        if smoke:
            return ok
        base, full = timed(bare, runs), timed(project, runs)
        met = full["median_ms"] < TARGET_MS
        print(f"  {label:<11} bare GROUP BY  median {base['median_ms']:8.1f} ms  "
              f"max {base['max_ms']:8.1f} ms  CPU here {base['cpu_ms']:8.1f} ms")
        print(f"  {label:<11} statistics     median {full['median_ms']:8.1f} ms  "
              f"max {full['max_ms']:8.1f} ms  CPU here {full['cpu_ms']:8.1f} ms  "
              f"({full['median_ms'] / base['median_ms']:.1f}x the bare query; target < "
              f"{TARGET_MS:.0f} ms: {'met' if met else 'NOT met'})")
        print(f"  {label:<11} load average during the run: {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPU(s)")
        print(f"  {label:<11} {numbers['complaints']['total']:,} complaints received in {YEAR}")
        db.session.remove()
        db.engine.dispose()
    return ok and met


def _postgres(base: str, size: int) -> str:
    from sqlalchemy import create_engine, text

    name = base.rsplit("/", 1)[1] + "_stats"
    admin = create_engine(base.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                              {"n": name}).scalar()
        if not exists:
            conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return base.rsplit("/", 1)[0] + f"/{name}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        with tempfile.TemporaryDirectory() as tmp:
            ok = measure("SQLite", f"sqlite:///{tmp}/stats.sqlite3", 2000, 1, True, tmp)
        print("statistics bench smoke:", "OK" if ok else "FAILED")
        return 0 if ok else 1
    print(f"Statistics of {YEAR} at {args.size:,} complaints ({args.runs} runs after a warm-up)")
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ok = measure("SQLite", f"sqlite:///{DATA / f'stats-{args.size}.sqlite3'}", args.size,
                     args.runs, False, tmp)
        base = os.environ.get("BENCH_DATABASE_URL")
        if base:
            ok = measure("PostgreSQL", _postgres(base, args.size), args.size, args.runs, False,
                         tmp) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""The audit chain of the benchmark: seeded with valid hashes, and verified two ways.

`append` adds one `submit` event per complaint and one `open_proceeding` event per proceeding
after the chain's head, each hashed with the project's own `audit.event_hash` (keyed when
`AUDIT_HMAC_KEY` is set), then moves the head row: `flask cicdr audit verify` passes on it.

`python bench/chain.py URL project|floor` times one verification in a fresh process and prints
JSON (events, seconds, events/s, peak memory growth): `project` is `audit.verify` as the CLI runs
it; `floor` reads the same rows as Core tuples in batches (`yield_per`) and computes the same
hash and the same checks. A fresh process each, so the peak memory of one does not hide the other.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cicdr.models import AuditEvent, AuditHead, Complaint, Proceeding  # noqa: E402
from cicdr.services import audit  # noqa: E402

BATCH = 5000
EVENTS = AuditEvent.__table__


def planned(conn: Connection) -> int:
    """How many events `append` will write."""
    return sum(conn.scalar(select(func.count()).select_from(t)) or 0
               for t in (Complaint, Proceeding))


def _events(conn: Connection, model: Any, first: int, last: int) -> list[dict[str, Any]]:
    """The event fields (without seq, hashes) of the rows of `model` with ids in range."""
    if model is Complaint:
        rows = conn.execute(select(Complaint.id, Complaint.reference, Complaint.received_at,
                                   Complaint.channel).where(Complaint.id.between(first, last))
                            .order_by(Complaint.id))
        return [{"subject_type": "complaint", "subject_id": i, "subject_ref": ref,
                 "actor_id": None, "actor_label": f"complainant of {ref}",
                 "role": "complainant", "action": "submit", "from_state": None,
                 "to_state": "received", "created_at": at,
                 "data": audit.canonical_json({"channel": channel, "files": []})}
                for i, ref, at, channel in rows]
    rows = conn.execute(select(Proceeding.id, Proceeding.reference, Proceeding.opened_at)
                        .where(Proceeding.id.between(first, last)).order_by(Proceeding.id))
    return [{"subject_type": "proceeding", "subject_id": i, "subject_ref": ref,
             "actor_id": None, "actor_label": "system (bench)", "role": "system",
             "action": "open_proceeding", "from_state": None, "to_state": "opened",
             "created_at": at, "data": audit.canonical_json({})} for i, ref, at in rows]


def append(conn: Connection, progress: Callable[[int], None] | None = None) -> int:
    """Append the events of every complaint and proceeding to the chain; return how many."""
    key = audit.hmac_key()
    seq, prev = conn.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
    written = 0
    for model in (Complaint, Proceeding):
        top = conn.scalar(select(func.max(model.id))) or 0
        for first in range(1, top + 1, BATCH):
            batch = _events(conn, model, first, first + BATCH - 1)
            for event in batch:
                seq += 1
                event.update(seq=seq, prev_hash=prev)
                event["hash"] = prev = audit.event_hash(
                    SimpleNamespace(**event), key)  # type: ignore[arg-type]
            if batch:
                conn.execute(insert(EVENTS), batch)
            written += len(batch)
            if progress is not None:
                progress(len(batch))
    conn.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=seq, hash=prev))
    return written


def floor(conn: Connection) -> tuple[bool, int]:
    """The floor of verification: Core rows in batches, the same hash and the same checks
    (sequence, previous hash, own hash, head row); (ok, events)."""
    key = audit.hmac_key()
    columns = [EVENTS.c[name] for name in audit.HASHED_FIELDS] + [EVENTS.c.hash]
    prev, expected = audit.GENESIS, 1
    rows = conn.execution_options(yield_per=BATCH).execute(
        select(*columns).order_by(EVENTS.c.seq))
    for row in rows:
        digest = audit.event_hash(row, key)  # type: ignore[arg-type]
        if row.seq != expected or row.prev_hash != prev or \
                (digest != row.hash and audit.event_hash(row) != row.hash):  # type: ignore[arg-type]
            return False, expected - 1
        prev, expected = row.hash, expected + 1
    head = conn.execute(select(AuditHead.seq, AuditHead.hash)).one()
    return tuple(head) == (expected - 1, prev), expected - 1


def measure(url: str, which: str) -> dict[str, Any]:
    """Time one verification (`project` or `floor`) of the chain at `url` in this process."""
    import tempfile

    from cicdr import create_app
    from cicdr.config import TestConfig
    from cicdr.extensions import db

    app = create_app(TestConfig(url, tempfile.mkdtemp(prefix="bench-blobs-")))
    with app.app_context():
        db.session.execute(select(1))  # connect before the clock and the memory baseline
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        if which == "project":
            result = audit.verify(db.session)
            ok, events = result.ok, result.count
        else:
            with db.engine.connect() as conn:
                ok, events = floor(conn)
        seconds = time.perf_counter() - start
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    return {"ok": ok, "events": events, "seconds": round(seconds, 3),
            "events_per_s": round(events / seconds, 1) if seconds else 0.0,
            "peak_growth_mb": round(grown / 1024, 1)}


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], sys.argv[2])))

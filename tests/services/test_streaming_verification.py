"""`audit verify` streams the chain: plain rows in batches, no ORM objects, memory that does not
grow with the chain (issue 16). Tampering is still detected (test_integrity.py)."""

from __future__ import annotations

import gc
import tracemalloc
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import event, insert, update

from cicdr.models import AuditEvent, AuditHead
from cicdr.services import audit
from tests.tamper import audit_protection_lifted

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _append_chain(session: Any, count: int) -> None:
    """Append `count` valid events after the current head, hashed as `audit.record` does, in
    bulk (Core inserts) so a long chain takes seconds."""
    head = session.get(AuditHead, 1)
    seq, prev = (head.seq, head.hash) if head is not None else (0, audit.GENESIS)
    rows = []
    for i in range(count):
        seq += 1
        row = SimpleNamespace(seq=seq, subject_type="complaint", subject_id=seq,
                              subject_ref=f"QN-2026-{seq:05d}", actor_id=None,
                              actor_label="system", role="system", action="tick",
                              from_state=None, to_state=None, data=f'{{"n":{i}}}',
                              created_at=START + timedelta(seconds=seq), prev_hash=prev)
        row.hash = audit.event_hash(row)  # type: ignore[arg-type]
        rows.append(vars(row))
        prev = row.hash
    session.execute(insert(AuditEvent), rows)
    if head is None:
        session.add(AuditHead(id=1, seq=seq, hash=prev))
    else:
        session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=seq, hash=prev))
    session.commit()


def _peak_of_verify(session: Any) -> tuple[int, Any]:
    session.expunge_all()
    audit.verify(session)  # warm: statement caches, connection, imports are not the chain's
    gc.collect()
    tracemalloc.start()
    try:
        result = audit.verify(session)
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_verification_loads_no_orm_event(session: Any) -> None:
    _append_chain(session, 50)
    session.expunge_all()
    loaded: list[Any] = []
    listener = lambda target, _context: loaded.append(target)  # noqa: E731
    event.listen(AuditEvent, "load", listener)
    try:
        assert audit.verify(session).ok
    finally:
        event.remove(AuditEvent, "load", listener)
    assert loaded == []


def test_verification_memory_does_not_grow_with_the_chain(session: Any) -> None:
    # Both chains span several batches of 2,000 (with one batch only, the peak is lower: a
    # second batch is fetched while the first is released).
    _append_chain(session, 5_000)
    small_peak, small = _peak_of_verify(session)
    _append_chain(session, 15_000)  # four times as long
    large_peak, large = _peak_of_verify(session)
    assert small.ok and small.count == 5_000
    assert large.ok and large.count == 20_000
    # Loading the chain whole would take about four times the memory; batches take the same.
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


def test_a_streamed_verification_still_names_an_edited_event(session: Any) -> None:
    _append_chain(session, 3_000)
    with audit_protection_lifted(session):
        session.execute(update(AuditEvent).where(AuditEvent.seq == 2_345)
                        .values(data='{"n":-1}'))
        session.commit()
    result = audit.verify(session)
    assert not result.ok and result.broken_seq == 2_345
    assert "does not match its hash" in (result.problem or "")

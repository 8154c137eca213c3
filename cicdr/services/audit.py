"""The audit log: append an event in the caller's transaction; verify the hash chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update

from cicdr.models import AuditEvent, AuditHead
from cicdr.models.base import utcnow
from cicdr.services.actors import actor_label
from cicdr.services.types import DbSession

GENESIS = "0" * 64
HASHED_FIELDS = ("seq", "subject_type", "subject_id", "subject_ref", "actor_id", "actor_label",
                 "role", "action", "from_state", "to_state", "data", "created_at", "prev_hash")


def _plain(value: Any) -> Any:
    """JSON form of the values triggers carry (dates, amounts, decisions)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def canonical_json(data: Mapping[str, Any]) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(_plain(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _utc_iso(moment: datetime) -> str:
    if moment.tzinfo is None:  # SQLite returns naive datetimes; they were written in UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(event: AuditEvent) -> str:
    """SHA-256 of an event's canonical content (which includes the previous hash)."""
    content = {name: getattr(event, name) for name in HASHED_FIELDS}
    content["created_at"] = _utc_iso(event.created_at)
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def ensure_head(session: DbSession) -> None:
    """Create the chain head row if the database has none (first run)."""
    if session.get(AuditHead, 1) is None:
        session.add(AuditHead(id=1, seq=0, hash=GENESIS))
        session.flush()


def record(session: DbSession, *, subject_type: str, subject_id: int | None,
           subject_ref: str | None, actor: Any, action: str, from_state: str | None = None,
           to_state: str | None = None, data: Mapping[str, Any] | None = None) -> AuditEvent:
    """Append one event to the chain inside the caller's transaction (no commit here).

    The head row is bumped with an UPDATE first: that takes its row lock (PostgreSQL) or the
    write lock (SQLite) until commit, so concurrent appends queue instead of forking the chain.
    """
    ensure_head(session)
    seq, prev = session.execute(
        update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1)
        .returning(AuditHead.seq, AuditHead.hash)
    ).one()
    event = AuditEvent(
        seq=seq, subject_type=subject_type, subject_id=subject_id, subject_ref=subject_ref,
        actor_id=getattr(actor, "id", None), actor_label=actor_label(actor), role=actor.role,
        action=action, from_state=from_state, to_state=to_state,
        data=canonical_json(data or {}), created_at=utcnow(), prev_hash=prev,
    )
    event.hash = event_hash(event)
    session.add(event)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=event.hash))
    return event


@dataclass(frozen=True)
class Verification:
    """The outcome of checking the chain: ok, or the first broken event and what was wrong."""

    ok: bool
    count: int
    head_hash: str
    broken_seq: int | None = None
    broken_id: int | None = None
    problem: str | None = None


def verify(session: DbSession) -> Verification:
    """Recompute the chain from the first event; stop at the first break and name it."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
    for event in rows:
        problem = None
        if event.seq != expected_seq:
            problem = (f"sequence jumps from {expected_seq - 1} to {event.seq}: "
                       f"{event.seq - expected_seq} event(s) missing or reordered")
        elif event.prev_hash != prev_hash:
            problem = "its previous-hash does not match the event before it (removed or reordered)"
        elif event_hash(event) != event.hash:
            problem = "its content does not match its hash (edited after it was written)"
        if problem:
            return Verification(False, count, prev_hash, event.seq, event.id, problem)
        prev_hash, expected_seq, count = event.hash, expected_seq + 1, count + 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.seq != count or head.hash != prev_hash):
        return Verification(False, count, prev_hash, count + 1, None,
                            f"the chain head records {head.seq} events ending in "
                            f"{head.hash[:12]}…, but {count} events end in {prev_hash[:12]}… "
                            "(the newest events were removed)")
    return Verification(True, count, prev_hash)

"""Append many events to the audit chain at once (an imported backlog: thousands of complaints).

The same chain as `chain.record` writes, event for event: each event's previous hash is the one
before it, hashed (keyed when `configure_hmac` set a key) over the same canonical content. Only
the database work is batched: one UPDATE of the head row takes the chain's lock and reserves the
sequence numbers, one multi-row INSERT writes the events, one UPDATE records the new head.
Everything stays in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, insert, update

from cicdr.models import AuditEvent, AuditHead
from cicdr.models.base import utcnow
from cicdr.services.audit.chain import canonical_json, ensure_head, event_hash, hmac_key
from cicdr.services.core.actors import actor_label
from cicdr.services.core.types import DbSession


def _table(model: Any) -> Table:
    """The model's table, for multi-row INSERTs of plain dictionaries (no ORM objects)."""
    return cast(Table, model.__table__)

@dataclass(frozen=True)
class NewEvent:
    """One event to append (what `chain.record` takes, without the actor)."""

    subject_type: str
    subject_id: int | None
    subject_ref: str | None
    action: str
    from_state: str | None = None
    to_state: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


def record_many(session: DbSession, actor: Any, events: Sequence[NewEvent]) -> int:
    """Append `events`, in order, as `actor`; return how many. No commit here."""
    if not events:
        return 0
    ensure_head(session)
    last, prev = session.execute(
        update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + len(events))
        .returning(AuditHead.seq, AuditHead.hash)).one()
    seq, key, now = last - len(events), hmac_key(), utcnow()
    who = {"actor_id": getattr(actor, "id", None), "actor_label": actor_label(actor),
           "role": actor.role}
    rows = []
    for new in events:
        seq += 1
        row = {"seq": seq, "subject_type": new.subject_type, "subject_id": new.subject_id,
               "subject_ref": new.subject_ref, "action": new.action,
               "from_state": new.from_state, "to_state": new.to_state,
               "data": canonical_json(new.data), "created_at": now, "prev_hash": prev, **who}
        # Hashed exactly as `chain.record` hashes an event (a plain object with its fields:
        # building ORM instances for thousands of rows would cost more than the hashing).
        prev = row["hash"] = event_hash(cast(AuditEvent, SimpleNamespace(**row)), key)
        rows.append(row)
    session.execute(insert(_table(AuditEvent)), rows)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=prev))
    return len(rows)

"""The audit log: append an event in the caller's transaction; verify the hash chain; anchor it.

Three layers of tamper evidence, each closing a gap the one before leaves open:

1. The hash chain. Every event stores the previous event's hash and the hash of its own canonical
   content, so editing, deleting or reordering any event breaks the chain at that event.
2. The head row (`audit_head`) records the count and last hash, so removing the newest events is
   seen too. But someone who can write to the database can truncate the chain *and* rewrite the
   head row consistently: nothing inside the database can expose that.
3. Anchors (`anchor`, `flask cicdr audit anchor`): a copy of the chain head kept *outside* the
   database (e-mailed, printed, committed elsewhere). `verify(session, anchor)` checks that the
   anchored event still exists with the anchored hash, and that the chain is at least as long.

Optionally the chain is keyed (`AUDIT_HMAC_KEY`, see `configure_hmac`): event hashes are then
HMAC-SHA256 under that key, so someone who can write to the database but does not hold the key
cannot recompute a consistent chain after an edit.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update

from cicdr.models import AuditEvent, AuditHead
from cicdr.models.base import utcnow
from cicdr.services.core.actors import actor_label
from cicdr.services.core.types import DbSession

GENESIS = "0" * 64
HASHED_FIELDS = ("seq", "subject_type", "subject_id", "subject_ref", "actor_id", "actor_label",
                 "role", "action", "from_state", "to_state", "data", "created_at", "prev_hash")
ANCHOR_FORMAT = "cicdr-audit-anchor/1"
_HEX64 = re.compile(r"[0-9a-f]{64}")

# The HMAC key new events are hashed with (None: plain SHA-256). Process-wide, like the calendar
# settings of the legal core: the app factory sets it from AUDIT_HMAC_KEY (`configure_hmac`).
_hmac_key: bytes | None = None


def configure_hmac(key: bytes | str | None) -> None:
    """Hash new events with HMAC-SHA256 under `key` from now on (None or empty: plain SHA-256).

    A string is used as its UTF-8 bytes, exactly as written (a hex string is not decoded), so
    any string works; a long random one is best: `python -c "import secrets;
    print(secrets.token_hex(32))"`.

    Why and at what cost:

    - Without a key, anyone who can write to the database can edit an event and recompute its
      hash and every later previous-hash and hash: the chain verifies again. With a key they
      cannot, because they cannot compute the HMAC.
    - A database can switch from unkeyed to keyed at any moment, with no schema change: events
      do not record which scheme they use. `verify` tries the keyed hash first and falls back to
      the plain hash for the events written before the key existed. Once a keyed event has been
      seen, a later event that matches only the plain hash is reported as broken.
    - The price of that fallback: an attacker without the key can rewrite the chain from some
      event *before the first keyed event* to the end entirely in plain SHA-256, erasing every
      keyed event; the chain then verifies as if no key had ever been used. An anchor taken
      while the chain was keyed exposes that (its event no longer has its hash); so take
      anchors regularly.
    - The key cannot be rotated or removed: events written under a key verify only with that key
      (verifying without it reports them as edited). Keep it as safe as the backups.
    - The setting is per process (all apps created in it share it).
    """
    global _hmac_key
    if isinstance(key, str):
        key = key.encode()
    _hmac_key = key or None


def hmac_key() -> bytes | None:
    """The key new events are hashed with, or None (plain SHA-256)."""
    return _hmac_key


def _plain(value: Any) -> Any:
    """JSON form of the values triggers carry (dates, amounts, decisions)."""
    if value is None or type(value) in (str, int, bool, float):  # most values: fast path
        return value
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


def _content(event: AuditEvent) -> bytes:
    content = {name: getattr(event, name) for name in HASHED_FIELDS}
    content["created_at"] = _utc_iso(event.created_at)
    return canonical_json(content).encode()


def event_hash(event: AuditEvent, key: bytes | None = None) -> str:
    """The hash of an event's canonical content (which includes the previous hash).

    Plain SHA-256 without `key`; HMAC-SHA256 under `key` with one.
    """
    if key is None:
        return hashlib.sha256(_content(event)).hexdigest()
    return hmac.new(key, _content(event), hashlib.sha256).hexdigest()


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
    The hash is keyed when `configure_hmac` set a key. Three statements (bump the head, insert
    the event, store its hash in the head), the insert sent at once rather than through the
    session's unit of work: every page view writes one (an access record), so it must be cheap
    (issue 16). The event returned is not attached to the session (it has its id).
    """
    seq, prev = _bump_head(session)
    event = AuditEvent(
        seq=seq, subject_type=subject_type, subject_id=subject_id, subject_ref=subject_ref,
        actor_id=getattr(actor, "id", None), actor_label=actor_label(actor), role=actor.role,
        action=action, from_state=from_state, to_state=to_state,
        data=canonical_json(data or {}), created_at=utcnow(), prev_hash=prev,
    )
    event.hash = event_hash(event, _hmac_key)
    values = {name: getattr(event, name) for name in (*HASHED_FIELDS, "hash")}
    event.id = session.execute(insert(AuditEvent).values(**values)
                               .returning(AuditEvent.id)).scalar_one()
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=event.hash))
    return event


def _bump_head(session: DbSession) -> tuple[int, str]:
    """Take the head row's lock by bumping its count; (the new event's seq, the previous hash).
    The head row is created on the first append ever."""
    bump = update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1) \
        .returning(AuditHead.seq, AuditHead.hash)
    row = session.execute(bump).first()
    if row is None:
        ensure_head(session)
        row = session.execute(bump).one()
    return row[0], row[1]


def _short(digest: str) -> str:
    return f"{digest[:12]}…"


def _format_at(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _whole(raw: Mapping[str, Any], name: str) -> int:
    value = raw.get(name)
    if type(value) is not int or value < 0:
        raise ValueError(f"'{name}' must be a whole number >= 0")
    return value


@dataclass(frozen=True)
class Anchor:
    """The chain head at a moment, to be kept outside the database (see the module docstring).

    `count` events, the newest numbered `seq` with hash `last_hash` (GENESIS and 0 for an empty
    chain), taken at `at` (UTC); `keyed` says whether that newest event was hashed with the HMAC
    key (`AUDIT_HMAC_KEY`).
    """

    count: int
    last_hash: str
    seq: int
    at: datetime
    keyed: bool = False

    def describe(self) -> str:
        return (f"the anchor of {_format_at(self.at)} records {self.count} events "
                f"ending in {_short(self.last_hash)}")

    def to_json(self) -> str:
        return json.dumps({"format": ANCHOR_FORMAT, "count": self.count, "seq": self.seq,
                           "last_hash": self.last_hash, "at": _format_at(self.at),
                           "keyed": self.keyed}, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Anchor:
        """Parse an anchor file; ValueError saying what is wrong if it is not one."""
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON ({exc})") from exc
        if not isinstance(raw, dict):
            raise ValueError("not an audit anchor (a JSON object is expected)")
        if raw.get("format", ANCHOR_FORMAT) != ANCHOR_FORMAT:
            raise ValueError(f"unknown anchor format {raw.get('format')!r}")
        count, seq = _whole(raw, "count"), _whole(raw, "seq")
        last_hash, keyed, at = raw.get("last_hash"), raw.get("keyed", False), raw.get("at")
        if not isinstance(last_hash, str) or not _HEX64.fullmatch(last_hash):
            raise ValueError("'last_hash' must be 64 lowercase hexadecimal digits")
        if not isinstance(keyed, bool):
            raise ValueError("'keyed' must be true or false")
        if not isinstance(at, str):
            raise ValueError("'at' must be an ISO-8601 time")
        try:
            moment = datetime.fromisoformat(at)
        except ValueError as exc:
            raise ValueError(f"'at' is not an ISO-8601 time: {at!r}") from exc
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return cls(count=count, last_hash=last_hash, seq=seq, at=moment.astimezone(UTC),
                   keyed=keyed)


@dataclass(frozen=True)
class Verification:
    """The outcome of checking the chain: ok, or the first broken event and what was wrong.

    `keyed_from` is the seq of the first event hashed with the HMAC key (None: none is).
    `expected` is set when an anchor was not matched: what the anchor recorded.
    """

    ok: bool
    count: int
    head_hash: str
    broken_seq: int | None = None
    broken_id: int | None = None
    problem: str | None = None
    keyed_from: int | None = None
    expected: str | None = None


_HashCheck = tuple[str | None, bool]


class ChainBroken(Exception):
    """The chain does not verify, so it must not be anchored."""

    def __init__(self, verification: Verification) -> None:
        super().__init__(f"the audit chain is broken at event seq {verification.broken_seq}: "
                         f"{verification.problem}")
        self.verification = verification


def _hash_problem(event: AuditEvent, key: bytes | None, keyed_seen: bool) -> _HashCheck:
    """What is wrong with an event's own hash (None: nothing), and whether it is keyed."""
    if key is not None and event_hash(event, key) == event.hash:
        return None, True
    if event_hash(event) == event.hash:
        if keyed_seen:
            return ("it matches only the plain SHA-256 hash: written without the key after "
                    "keyed events began (rewritten by someone without AUDIT_HMAC_KEY)"), False
        return None, False
    if key is None:
        return ("its content does not match its hash (edited after it was written, or hashed "
                "with an AUDIT_HMAC_KEY that is not configured here)"), False
    return ("its content does not match its hash (edited after it was written, or hashed with "
            "another key)"), False


# The columns verification reads: the hashed content, the stored hash and the row id.
_VERIFIED = tuple(AuditEvent.__table__.c[name] for name in ("id", *HASHED_FIELDS, "hash"))
# Rows fetched at a time. Smaller than the shortest chain the memory test verifies (2,000), so
# both its chains span several batches: peak memory is about two batches, whatever the length.
_BATCH = 500


def _stream(session: DbSession) -> Iterator[Any]:
    """Every event as a plain row (no ORM object), in chain order, fetched in batches: memory
    stays the same whatever the chain's length (a server-side cursor on PostgreSQL). Read on
    the session's connection, as Core rows, like the floor it is measured against (bench/chain.py):
    the ORM's result layer adds work per row and nothing verification needs (issue 16)."""
    # The option on the statement: on the connection it would stay for every later statement
    # of the session (Connection.execution_options changes the connection in place).
    result = session.connection().execute(
        select(*_VERIFIED).order_by(AuditEvent.seq).execution_options(yield_per=_BATCH))
    for batch in result.partitions():
        yield from batch


def verify(session: DbSession, anchor: Anchor | None = None) -> Verification:
    """Recompute the chain from the first event; stop at the first break and name it.

    With a key configured (`configure_hmac`), each event may carry the keyed hash or, until the
    first keyed event, the plain one (see `configure_hmac` for the trade-off). With `anchor`, the
    anchored event must still exist with the anchored hash and the chain must be at least as
    long: this exposes the newest events removed together with a consistent rewrite of the head
    row, and any rewrite of the chain up to the anchored event.
    """
    key = _hmac_key
    prev_hash, expected_seq, count = GENESIS, 1, 0
    keyed_from: int | None = None
    anchored: Any = None  # the anchored event's row
    for event in _stream(session):
        problem = None
        if event.seq != expected_seq:
            problem = (f"sequence jumps from {expected_seq - 1} to {event.seq}: "
                       f"{event.seq - expected_seq} event(s) missing or reordered")
        elif event.prev_hash != prev_hash:
            problem = "its previous-hash does not match the event before it (removed or reordered)"
        else:
            problem, keyed = _hash_problem(event, key, keyed_from is not None)
            if keyed and keyed_from is None:
                keyed_from = event.seq
        if problem:
            return Verification(False, count, prev_hash, event.seq, event.id, problem,
                                keyed_from)
        if anchor is not None and event.seq == anchor.seq:
            anchored = event
        prev_hash, expected_seq, count = event.hash, expected_seq + 1, count + 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.seq != count or head.hash != prev_hash):
        return Verification(False, count, prev_hash, count + 1, None,
                            f"the chain head records {head.seq} events ending in "
                            f"{_short(head.hash)}, but {count} events end in {_short(prev_hash)} "
                            "(the newest events were removed)", keyed_from)
    if anchor is not None:
        return _check_anchor(anchor, anchored, count, prev_hash, keyed_from)
    return Verification(True, count, prev_hash, keyed_from=keyed_from)


def _check_anchor(anchor: Anchor, anchored: AuditEvent | None, count: int, head_hash: str,
                  keyed_from: int | None) -> Verification:
    """Compare an intact chain (`count` events) with what the anchor recorded."""
    expected = anchor.describe()
    if count < anchor.count or (anchor.seq > 0 and anchored is None):
        return Verification(False, count, head_hash, count + 1, None,
                            f"{expected}, but the chain has {count} events (the newest events "
                            "were removed and the chain head rewritten to match)",
                            keyed_from, expected)
    found = anchored.hash if anchored is not None else GENESIS
    if found != anchor.last_hash:
        return Verification(False, count, head_hash, anchor.seq,
                            anchored.id if anchored is not None else None,
                            f"{expected}, but event {anchor.seq} now has hash {_short(found)} "
                            "(the chain was rewritten up to that event)", keyed_from, expected)
    return Verification(True, count, head_hash, keyed_from=keyed_from)


def anchor(session: DbSession) -> Anchor:
    """The current chain head as an anchor; ChainBroken if the chain does not verify.

    An anchor of a broken chain would vouch for the tampering, so the chain is verified first.
    """
    result = verify(session)
    if not result.ok:
        raise ChainBroken(result)
    return Anchor(count=result.count, last_hash=result.head_hash, seq=result.count,
                  at=datetime.now(UTC).replace(microsecond=0),
                  keyed=result.keyed_from is not None)


def check_events(session: DbSession, events: list[AuditEvent]) -> list[tuple[int, str]]:
    """Check one case's events where they stand in the chain: each event's content against its
    hash, and its previous-hash against the event before it. Returns (seq, problem) pairs, empty
    when all hold. Quick, for a case page; `verify` checks the whole chain (and anchors)."""
    seqs = [e.seq - 1 for e in events if e.seq > 1]
    rows = session.execute(select(AuditEvent.seq, AuditEvent.hash)
                           .where(AuditEvent.seq.in_(seqs))).all() if seqs else []
    before: dict[int, str] = {seq: digest for seq, digest in rows}
    problems = []
    for event in events:
        problem, _keyed = _hash_problem(event, _hmac_key, keyed_seen=False)
        expected_prev = GENESIS if event.seq == 1 else before.get(event.seq - 1)
        if problem is None and expected_prev is None:
            problem = f"the event before it (seq {event.seq - 1}) is missing"
        elif problem is None and event.prev_hash != expected_prev:
            problem = "it does not link to the event before it (events removed or reordered)"
        if problem:
            problems.append((event.seq, problem))
    return problems

"""The audit log: the hash chain of events (`chain`: append, verify, anchor; `bulk`: append
many at once) and the access records of reads (`access`).

The chain's API is re-exported here, so callers write `audit.record(...)`, `audit.verify(...)`.
"""

from cicdr.services.audit.chain import (
    ANCHOR_FORMAT,
    GENESIS,
    HASHED_FIELDS,
    Anchor,
    ChainBroken,
    Verification,
    anchor,
    canonical_json,
    check_events,
    configure_hmac,
    ensure_head,
    event_hash,
    hmac_key,
    record,
    verify,
)

__all__ = ["ANCHOR_FORMAT", "GENESIS", "HASHED_FIELDS", "Anchor", "ChainBroken", "Verification",
           "anchor", "canonical_json", "check_events", "configure_hmac", "ensure_head",
           "event_hash", "hmac_key", "record", "verify"]

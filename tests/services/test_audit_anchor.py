"""Anchors kept outside the database, and the optional HMAC-keyed audit chain."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import select, text

from cicdr.models import AuditEvent
from cicdr.services import audit
from cicdr.services.audit import (
    GENESIS,
    HASHED_FIELDS,
    Anchor,
    ChainBroken,
    anchor,
    configure_hmac,
    event_hash,
    verify,
)
from cicdr.services.engine.transition import fire
from tests import factories
from tests.tamper import audit_protection_lifted

KEY = b"a key kept off the database server"


@pytest.fixture(autouse=True)
def hmac_setting() -> Iterator[None]:
    """Every test here may change the process-wide key; put it back for the other tests."""
    before = audit.hmac_key()
    yield
    configure_hmac(before)


@pytest.fixture
def keyed() -> None:
    """The key configured before anything is written (list it before `users`)."""
    configure_hmac(KEY)


def _events(session: Any, users: Any) -> list[AuditEvent]:
    """7 user events, a submission and two transitions: 10 events."""
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, c, "request_information", users.officer, today=date(2026, 3, 12),
         question="Quando?")
    return _chain(session)


def _chain(session: Any) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def _more_events(session: Any, users: Any) -> None:
    c = factories.complaint(session, today=date(2026, 3, 20))
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 21))


def _truncate_and_rewrite_head(session: Any, keep: int) -> None:
    """Delete the events after `keep` and make the head row agree: the head alone cannot tell."""
    last = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == keep))
    with audit_protection_lifted(session):
        session.execute(text("DELETE FROM audit_events WHERE seq > :k"), {"k": keep})
        session.execute(text("UPDATE audit_head SET seq = :k, hash = :h WHERE id = 1"),
                        {"k": keep, "h": last})


def _rewrite_plain(session: Any, from_seq: int, forged: str, until: int | None = None) -> None:
    """What an attacker with database access but without the key can do: edit event `from_seq`,
    recompute its plain SHA-256 and every later previous-hash and hash (up to `until`, else to
    the end, then fix the head row)."""
    events = _chain(session)
    prev = GENESIS if from_seq == 1 else events[from_seq - 2].hash
    with audit_protection_lifted(session):
        for event in events[from_seq - 1:until]:
            copy = AuditEvent(**{name: getattr(event, name) for name in HASHED_FIELDS})
            copy.prev_hash = prev
            if event.seq == from_seq:
                copy.data = forged
            prev = event_hash(copy)
            session.execute(text("UPDATE audit_events SET data = :d, prev_hash = :p, hash = :h "
                                 "WHERE id = :i"),
                            {"d": copy.data, "p": copy.prev_hash, "h": prev, "i": event.id})
        if until is None:
            session.execute(text("UPDATE audit_head SET hash = :h WHERE id = 1"), {"h": prev})


def _cli(app: Any, *args: str) -> Result:
    return app.test_cli_runner().invoke(args=["cicdr", "audit", *args])


# Anchors


def test_an_anchor_records_the_chain_head(session: Any, users: Any) -> None:
    events = _events(session, users)
    taken = anchor(session)
    assert (taken.count, taken.seq, taken.last_hash, taken.keyed) == (10, 10, events[-1].hash,
                                                                      False)
    assert taken.at.tzinfo is not None and abs(datetime.now(UTC) - taken.at).total_seconds() < 60
    assert Anchor.from_json(taken.to_json()) == taken
    assert verify(session, taken).ok


def test_an_anchor_of_an_empty_chain_holds_and_keeps_holding(session: Any, users: Any) -> None:
    with audit_protection_lifted(session):
        session.execute(text("DELETE FROM audit_events"))
        session.execute(text("UPDATE audit_head SET seq = 0, hash = :h WHERE id = 1"),
                        {"h": GENESIS})
    empty = anchor(session)
    assert (empty.count, empty.seq, empty.last_hash) == (0, 0, GENESIS)
    _more_events(session, users)
    assert verify(session, empty).ok


def test_truncation_with_a_consistent_head_is_invisible_without_an_anchor_but_not_with_one(
        session: Any, users: Any) -> None:
    last = _events(session, users)[-1].hash
    before = anchor(session)
    _truncate_and_rewrite_head(session, keep=8)

    assert verify(session).ok  # the chain and the head row agree: nothing in the database shows it
    result = verify(session, before)
    assert not result.ok and result.count == 8 and result.broken_seq == 9
    assert result.expected == before.describe()
    assert f"records 10 events ending in {last[:12]}" in (result.problem or "")
    assert "but the chain has 8 events" in (result.problem or "")


def test_truncation_followed_by_new_events_is_still_caught_by_the_anchored_hash(
        session: Any, users: Any) -> None:
    last = _events(session, users)[-1].hash
    before = anchor(session)
    _truncate_and_rewrite_head(session, keep=8)
    _more_events(session, users)  # the chain is as long as before again, with other events

    assert verify(session).ok and verify(session).count >= before.count
    result = verify(session, before)
    now = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == 10))
    assert not result.ok and result.broken_seq == 10
    assert f"ending in {last[:12]}" in (result.problem or "")
    assert f"event 10 now has hash {now[:12]}" in (result.problem or "")


def test_an_anchor_still_holds_after_new_events(session: Any, users: Any) -> None:
    _events(session, users)
    before = anchor(session)
    _more_events(session, users)
    result = verify(session, before)
    assert result.ok and result.count > before.count


def test_a_broken_chain_is_not_anchored(session: Any, users: Any) -> None:
    target = _events(session, users)[5]
    with audit_protection_lifted(session):
        session.execute(text("UPDATE audit_events SET data = '{}' WHERE id = :i"), {"i": target.id})
    with pytest.raises(ChainBroken, match=f"seq {target.seq}"):
        anchor(session)


@pytest.mark.parametrize(("raw", "message"), [
    ("not json", "not JSON"),
    ("[]", "JSON object"),
    ('{"count": -1, "seq": 1, "last_hash": "' + "a" * 64 + '", "at": "2026-01-01T00:00:00Z"}',
     "count"),
    ('{"count": 1, "seq": 1, "last_hash": "abc", "at": "2026-01-01T00:00:00Z"}', "last_hash"),
    ('{"count": 1, "seq": 1, "last_hash": "' + "a" * 64 + '", "at": "yesterday"}', "ISO-8601"),
    ('{"format": "other/9", "count": 1, "seq": 1, "last_hash": "' + "a" * 64 + '"}', "format"),
])
def test_a_malformed_anchor_is_refused_with_the_reason(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Anchor.from_json(raw)


def test_an_anchor_round_trips_through_the_cli(app: Any, session: Any, users: Any,
                                               tmp_path: Path) -> None:
    last = _events(session, users)[-1].hash
    path = tmp_path / "a.json"
    taken = _cli(app, "anchor", "--output", str(path))
    assert taken.exit_code == 0, taken.output
    saved = json.loads(path.read_text())
    assert json.loads(taken.stdout) == saved  # printed as well as saved
    assert (saved["count"], saved["seq"], saved["last_hash"], saved["keyed"]) == (
        10, 10, last, False)
    assert saved["at"].endswith("Z")

    ok = _cli(app, "verify", "--anchor", str(path))
    assert ok.exit_code == 0, ok.output
    assert "OK: 10 events" in ok.output

    _truncate_and_rewrite_head(session, keep=7)
    assert _cli(app, "verify").exit_code == 0  # without the anchor: nothing to see
    broken = _cli(app, "verify", "--anchor", str(path))
    assert broken.exit_code == 1
    assert f"the anchor of {saved['at']} records 10 events ending in {last[:12]}" \
        in broken.output
    assert "the chain has 7 events" in broken.output


def test_anchor_defaults_to_a_timestamped_file_under_the_instance(
        app: Any, session: Any, users: Any, tmp_path: Path, monkeypatch: Any) -> None:
    _events(session, users)
    monkeypatch.setattr("cicdr.config.INSTANCE", tmp_path)
    result = _cli(app, "anchor")
    assert result.exit_code == 0, result.output
    [saved] = (tmp_path / "audit-anchors").iterdir()
    taken = Anchor.from_json(saved.read_text())
    assert saved.name == f"anchor-{taken.at.strftime('%Y%m%dT%H%M%SZ')}.json"
    assert Anchor.from_json(result.stdout) == taken and str(saved) in result.output


def test_anchor_to_stdout_only_writes_no_file(app: Any, session: Any, users: Any,
                                              tmp_path: Path, monkeypatch: Any) -> None:
    _events(session, users)
    monkeypatch.setattr("cicdr.config.INSTANCE", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = _cli(app, "anchor", "--output", "-")
    assert result.exit_code == 0, result.output
    assert Anchor.from_json(result.stdout).count == 10
    assert list(tmp_path.iterdir()) == []


def test_anchor_refuses_a_broken_chain(app: Any, session: Any, users: Any,
                                       tmp_path: Path) -> None:
    target = _events(session, users)[5]
    with audit_protection_lifted(session):
        session.execute(text("UPDATE audit_events SET data = '{}' WHERE id = :i"), {"i": target.id})
    result = _cli(app, "anchor", "--output", str(tmp_path / "a.json"))
    assert result.exit_code == 1 and "Not anchored" in result.output
    assert not (tmp_path / "a.json").exists()


def test_verify_rejects_a_malformed_anchor_file(app: Any, session: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{}")
    result = _cli(app, "verify", "--anchor", str(path))
    assert result.exit_code == 2 and "count" in result.output


# The keyed chain


def test_with_a_key_events_are_hmac_and_verify(keyed: None, session: Any, users: Any) -> None:
    events = _events(session, users)
    assert all(e.hash == event_hash(e, KEY) != event_hash(e) for e in events)
    result = verify(session)
    assert result.ok and result.keyed_from == 1
    assert anchor(session).keyed


def test_a_plain_rewrite_is_undetectable_without_a_key(session: Any, users: Any) -> None:
    """Why the key matters: whoever can write to the database can re-hash an edit."""
    events = _events(session, users)
    _rewrite_plain(session, from_seq=9, forged='{"forged":true}')
    session.expire_all()
    assert session.get(AuditEvent, events[8].id).data == '{"forged":true}'
    assert verify(session).ok


def test_a_plain_rewrite_after_keyed_events_is_detected_with_the_key(keyed: None, session: Any,
                                                                    users: Any) -> None:
    _events(session, users)
    _rewrite_plain(session, from_seq=9, forged='{"forged":true}')
    result = verify(session)
    assert not result.ok and result.broken_seq == 9
    assert "written without the key after keyed events began" in (result.problem or "")


def test_a_keyed_chain_read_without_the_key_points_at_the_missing_key(
        keyed: None, session: Any, users: Any) -> None:
    _events(session, users)
    configure_hmac(None)
    result = verify(session)
    assert not result.ok and result.broken_seq == 1 and "AUDIT_HMAC_KEY" in (result.problem or "")
    configure_hmac(b"another key")
    assert not verify(session).ok


def test_switching_from_no_key_to_a_key_keeps_old_events_verifying(session: Any,
                                                                   users: Any) -> None:
    old = _events(session, users)
    configure_hmac(KEY.decode())  # as it comes from AUDIT_HMAC_KEY: a string
    assert verify(session).ok and verify(session).keyed_from is None
    _more_events(session, users)
    new = _chain(session)[len(old):]
    assert new and all(e.hash == event_hash(e, KEY) for e in new)
    result = verify(session)
    assert result.ok and result.keyed_from == len(old) + 1 and result.count == len(old) + len(new)


def test_editing_an_unkeyed_event_followed_by_keyed_ones_is_detected(session: Any,
                                                                      users: Any) -> None:
    old = _events(session, users)
    configure_hmac(KEY)
    _more_events(session, users)
    # The attacker re-hashes the unkeyed events after the edit, but cannot re-hash the first
    # keyed one: its previous-hash gives the edit away.
    _rewrite_plain(session, from_seq=5, forged='{"forged":true}', until=len(old))
    result = verify(session)
    assert not result.ok and result.broken_seq == len(old) + 1
    assert "previous-hash" in (result.problem or "")


def test_the_trade_off_a_full_plain_rewrite_erases_the_key_but_an_anchor_exposes_it(
        session: Any, users: Any) -> None:
    """Falling back to the plain hash lets old events verify; its price: rewriting everything
    from before the first keyed event in plain SHA-256 looks like a chain that never had a key.
    An anchor taken while keyed catches it."""
    old = _events(session, users)
    configure_hmac(KEY)
    _more_events(session, users)
    keyed_anchor = anchor(session)
    assert keyed_anchor.keyed
    _rewrite_plain(session, from_seq=len(old), forged='{"forged":true}')
    result = verify(session)
    assert result.ok and result.keyed_from is None  # the limitation, documented
    against = verify(session, keyed_anchor)
    assert not against.ok and against.broken_seq == keyed_anchor.seq
    assert "now has hash" in (against.problem or "")

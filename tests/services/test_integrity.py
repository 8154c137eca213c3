"""Atomicity, concurrency, gapless references and the tamper-evident audit chain."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from cicdr.extensions import db
from cicdr.models import AuditEvent, Complaint, Deadline
from cicdr.services.audit import verify
from cicdr.services.core.errors import Conflict
from cicdr.services.engine import effects
from cicdr.services.engine.transition import fire
from tests import factories
from tests.tamper import audit_protection_lifted

POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))
needs_postgres = pytest.mark.skipif(not POSTGRES, reason="row locks need PostgreSQL "
                                    "(TEST_DATABASE_URL); CI runs this on PostgreSQL")


def test_a_failure_after_the_state_change_leaves_nothing_persisted(
        session: Any, users: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    c = factories.complaint(session)
    before = session.scalar(select(func.count()).select_from(AuditEvent))

    def explode(*args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setitem(effects.EFFECTS, ("complaint", "request_information"), explode)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    with pytest.raises(RuntimeError):
        fire(session, c, "request_information", users.officer, today=date(2026, 3, 12),
             question="Quando?")
    session.expire_all()
    assert session.get(Complaint, c.id).state == "triage"
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == before + 1
    assert session.scalar(select(func.count()).select_from(Deadline)) == 0
    assert verify(session).ok


def test_a_stale_version_is_a_conflict_not_an_overwrite(session: Any, users: Any) -> None:
    original = factories.complaint(session)
    c = factories.complaint(session)
    seen = c.version
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    with pytest.raises(Conflict, match="changed by someone else"):
        fire(session, c, "archive", users.officer, today=date(2026, 3, 11),
             expected_version=seen, reason_code="duplicate", duplicate_of=original.reference)
    assert c.state == "triage"


@needs_postgres
def test_two_sessions_firing_on_one_complaint_at_once_one_wins(app: Any, session: Any,
                                                               users: Any) -> None:
    original = factories.complaint(session)
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    cid, officer_id, duplicated = c.id, users.officer.id, original.reference
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(trigger: str, data: dict[str, Any]) -> None:
        with app.app_context(), Session(db.engine) as own:
            from cicdr.models import User

            complaint = own.get(Complaint, cid)
            officer = own.get(User, officer_id)
            barrier.wait()
            try:
                fire(own, complaint, trigger, officer, today=date(2026, 3, 12), **data)
                outcomes.append("won")
            except Conflict:
                outcomes.append("conflict")

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda args: attempt(*args), [
            ("archive", {"reason_code": "duplicate", "duplicate_of": duplicated}),
            ("request_information", {"question": "Pode enviar fotografias?"})]))
    assert sorted(outcomes) == ["conflict", "won"]
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.subject_id == cid, AuditEvent.subject_type == "complaint")) == 3
    assert verify(session).ok


@needs_postgres
def test_fifty_concurrent_submissions_get_fifty_distinct_gapless_references(
        app: Any, session: Any) -> None:
    from cicdr.services.core.actors import ComplainantActor
    from cicdr.services.core.storage import BlobStore
    from cicdr.services.intake.registration import submit_complaint

    store = BlobStore(app.config["BLOB_DIR"])

    def submit(i: int) -> str:
        with app.app_context(), Session(db.engine) as own:
            created, _ = submit_complaint(own, factories.new_complaint(), ComplainantActor("x"),
                                          store=store, today=date(2026, 4, 1))
            return created.reference

    with ThreadPoolExecutor(10) as pool:
        refs = list(pool.map(submit, range(50)))
    assert sorted(refs) == [f"QN-2026-{n:05d}" for n in range(1, 51)]
    assert verify(session).ok and verify(session).count == 50


def test_references_are_per_year_and_a_rolled_back_submission_gives_its_number_back(
        session: Any) -> None:
    a = factories.complaint(session, today=date(2025, 12, 31), facts=date(2025, 12, 1))
    b = factories.complaint(session, today=date(2026, 1, 2), facts=date(2025, 12, 1))
    from cicdr.services.core.numbering import next_reference

    next_reference(session, "QN", 2026)
    session.rollback()
    c = factories.complaint(session, today=date(2026, 1, 3), facts=date(2025, 12, 1))
    assert [a.reference, b.reference, c.reference] == ["QN-2025-00001", "QN-2026-00001",
                                                      "QN-2026-00002"]


def _three_events(session: Any, users: Any) -> list[AuditEvent]:
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, c, "request_information", users.officer, today=date(2026, 3, 12),
         question="Quando?")
    return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def _verify_cli(app: Any) -> Result:
    return app.test_cli_runner().invoke(args=["cicdr", "audit", "verify"])


def test_audit_verify_passes_on_an_untouched_chain(app: Any, session: Any, users: Any) -> None:
    _three_events(session, users)
    result = _verify_cli(app)
    assert result.exit_code == 0, result.output
    assert "OK: 10 events" in result.output  # 7 users + submit + 2 transitions


def test_editing_an_events_content_is_detected_and_named(app: Any, session: Any,
                                                          users: Any) -> None:
    target = _three_events(session, users)[-2]
    with audit_protection_lifted(session):
        session.execute(text("UPDATE audit_events SET data = :d WHERE id = :i"),
                        {"d": '{"forged":true}', "i": target.id})
    result = _verify_cli(app)
    assert result.exit_code == 1
    assert f"seq {target.seq}" in result.output and "edited" in result.output


def test_deleting_a_middle_event_is_detected_and_named(app: Any, session: Any,
                                                        users: Any) -> None:
    evs = _three_events(session, users)
    with audit_protection_lifted(session):
        session.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": evs[4].id})
    result = _verify_cli(app)
    assert result.exit_code == 1
    assert f"seq {evs[5].seq}" in result.output and "missing" in result.output


def test_reordering_events_is_detected_and_named(app: Any, session: Any, users: Any) -> None:
    evs = _three_events(session, users)
    a, b = evs[-2], evs[-1]
    first = a.seq
    with audit_protection_lifted(session):
        session.execute(text("UPDATE audit_events SET seq = -1 WHERE id = :i"), {"i": a.id})
        session.execute(text("UPDATE audit_events SET seq = :s WHERE id = :i"), {"s": a.seq,
                                                                                 "i": b.id})
        session.execute(text("UPDATE audit_events SET seq = :s WHERE id = :i"), {"s": b.seq,
                                                                                 "i": a.id})
    result = _verify_cli(app)
    assert result.exit_code == 1
    assert f"seq {first} " in result.output  # the first position whose event is out of place


def test_removing_the_newest_events_is_detected_against_the_chain_head(
        app: Any, session: Any, users: Any) -> None:
    evs = _three_events(session, users)
    with audit_protection_lifted(session):
        session.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": evs[-1].id})
    result = _verify_cli(app)
    assert result.exit_code == 1 and "newest events were removed" in result.output


def test_no_code_path_updates_or_deletes_audit_events() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in list((root / "cicdr").rglob("*.py")):
        source = path.read_text()
        assert "update(AuditEvent" not in source and "delete(AuditEvent" not in source, path


# The database itself refuses to rewrite the audit log (append-only triggers, migration 0008)


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET data = 'forged' WHERE seq = 2",
    "UPDATE audit_events SET actor_label = 'someone else'",
    "DELETE FROM audit_events WHERE seq = 2",
    "DELETE FROM audit_events",
])
def test_the_database_refuses_to_update_or_delete_an_audit_event(
        session: Any, users: Any, statement: str) -> None:
    before = [(e.seq, e.data, e.hash) for e in _three_events(session, users)]
    with pytest.raises(DBAPIError, match="append-only"):
        session.execute(text(statement))
    session.rollback()
    after = session.execute(select(AuditEvent.seq, AuditEvent.data, AuditEvent.hash)
                            .order_by(AuditEvent.seq)).all()
    assert [tuple(row) for row in after] == before
    assert verify(session).ok


def test_the_orm_cannot_edit_or_delete_an_event_either(session: Any, users: Any) -> None:
    event = _three_events(session, users)[-1]
    event.data = '{"forged":true}'
    with pytest.raises(DBAPIError, match="append-only"):
        session.commit()
    session.rollback()
    session.delete(session.get(AuditEvent, event.id))
    with pytest.raises(DBAPIError, match="append-only"):
        session.commit()
    session.rollback()
    assert verify(session).ok and verify(session).count == 10


@pytest.mark.skipif(not POSTGRES, reason="TRUNCATE is PostgreSQL's (TEST_DATABASE_URL)")
def test_postgresql_refuses_to_truncate_the_audit_log(session: Any, users: Any) -> None:
    _three_events(session, users)
    with pytest.raises(DBAPIError, match="append-only: TRUNCATE refused"):
        session.execute(text("TRUNCATE audit_events"))
    session.rollback()
    assert verify(session).count == 10


def test_appending_still_works_and_the_protection_comes_back_after_a_lifted_block(
        session: Any, users: Any) -> None:
    evs = _three_events(session, users)
    with audit_protection_lifted(session):
        session.execute(text("UPDATE audit_events SET data = '{}' WHERE id = :i"),
                        {"i": evs[-1].id})
    assert not verify(session).ok  # the tampering inside the block is kept and detected
    with pytest.raises(DBAPIError, match="append-only"):
        session.execute(text("DELETE FROM audit_events"))
    session.rollback()
    with pytest.raises(RuntimeError), audit_protection_lifted(session):
        raise RuntimeError("a failing block")
    with pytest.raises(DBAPIError, match="append-only"):
        session.execute(text("DELETE FROM audit_events"))
    session.rollback()

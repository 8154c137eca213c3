"""The backup and restore drill: make cases with files and transitions, back up, restore into
an EMPTY database (a new SQLite file, or a freshly created PostgreSQL database) and a new blob
directory, and prove the chain, every file's hash and every count."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, text

from cicdr import create_app
from cicdr.config import TestConfig
from cicdr.services.admin.backup import scratch_database
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import UploadedFile
from tests import factories

POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it: a new SQLite file, or a new PostgreSQL database."""
    with scratch_database(os.environ.get("TEST_DATABASE_URL"), tmp_path / "restored.sqlite3",
                          prefix="cicdr_restore") as url:
        yield url


def _cases(session: Any, users: Any) -> list[Any]:
    """Three complaints, two with evidence (one file shared: stored once), moved along."""
    photo = UploadedFile("foto.pdf", "application/pdf", PDF)
    letter = UploadedFile("carta.pdf", "application/pdf", PDF + b"carta")
    made = [factories.complaint(session, files=[photo, letter]),
            factories.complaint(session, police=True, files=[photo]),
            factories.complaint(session)]
    for complaint in made[:2]:
        fire(session, complaint, "assign", users.officer, today=date(2026, 3, 11),
             assignee=users.officer.id)
        fire(session, complaint, "start_triage", users.officer, today=date(2026, 3, 12))
    session.commit()
    return made


def _restore(url: str, blobs: Path, backup: Path) -> Any:
    """`flask cicdr restore` of an app configured for the target database and blob store (its
    own app context: the CLI runs in the current one, which is the tests' app otherwise)."""
    target = create_app(TestConfig(url, str(blobs)))
    with target.app_context():
        return target.test_cli_runner().invoke(args=["cicdr", "restore", str(backup)])


def test_the_drill_restores_everything_into_an_empty_database(
        app: Flask, session: Any, users: Any, tmp_path: Path, empty_database: str) -> None:
    _cases(session, users)
    made = app.test_cli_runner().invoke(args=["cicdr", "backup", str(tmp_path / "bk")])
    assert made.exit_code == 0, made.output
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    # 3 complaints; 2 distinct files (foto.pdf twice, carta.pdf once) in 3 attachment rows
    assert manifest["counts"]["complaints"] == 3 and manifest["counts"]["attachments"] == 3
    backed_up = {Path(f).name for f in manifest["files"] if f.startswith("blobs/")}
    # both files' bytes (the blob store is shared by the suite: others may be there too)
    assert {hashlib.sha256(PDF).hexdigest(),
            hashlib.sha256(PDF + b"carta").hexdigest()} <= backed_up
    # events: 3 submissions + 2 × (assign, start_triage) = 7 at least (users add their own)
    assert manifest["anchor"]["count"] >= 7

    blobs = tmp_path / "new-blobs"
    restored = _restore(empty_database, blobs, tmp_path / "bk")
    assert restored.exit_code == 0, restored.output
    assert "Restore complete and verified." in restored.output
    assert f"{manifest['anchor']['count']} events verify against the anchor" in restored.output
    assert "2 of 2 stored files hash to their recorded SHA-256" in restored.output
    engine = create_engine(empty_database)
    with engine.connect() as connection:
        refs = connection.execute(text("SELECT reference FROM complaints ORDER BY id")).scalars()
        digests = connection.execute(text("SELECT sha256 FROM attachments")).scalars().all()
        assert len(list(refs)) == 3
    engine.dispose()
    assert all(BlobStore(blobs).verify(d) for d in digests)


def test_a_restore_refuses_a_database_that_is_not_empty(
        app: Flask, session: Any, users: Any, tmp_path: Path) -> None:
    _cases(session, users)
    assert app.test_cli_runner().invoke(args=["cicdr", "backup", str(tmp_path / "bk")]
                                        ).exit_code == 0
    refused = app.test_cli_runner().invoke(args=["cicdr", "restore", str(tmp_path / "bk")])
    assert refused.exit_code == 1
    assert "the target database is not empty" in refused.output


def test_a_backup_never_overwrites_another(app: Flask, session: Any, tmp_path: Path) -> None:
    (tmp_path / "bk").mkdir()
    (tmp_path / "bk" / "something").write_text("x")
    result = app.test_cli_runner().invoke(args=["cicdr", "backup", str(tmp_path / "bk")])
    assert result.exit_code == 1 and "is not empty" in result.output


def test_a_damaged_backup_is_refused_before_anything_is_touched(
        app: Flask, session: Any, users: Any, tmp_path: Path, empty_database: str) -> None:
    _cases(session, users)
    app.test_cli_runner().invoke(args=["cicdr", "backup", str(tmp_path / "bk")])
    blob = next(p for p in (tmp_path / "bk" / "blobs").rglob("*") if p.is_file())
    blob.write_bytes(blob.read_bytes() + b"altered")
    blobs = tmp_path / "new-blobs"
    result = _restore(empty_database, blobs, tmp_path / "bk")
    assert result.exit_code == 1
    assert "its SHA-256 differs from the manifest's" in result.output
    assert not blobs.exists()  # nothing copied
    engine = create_engine(empty_database)
    with engine.connect() as connection:
        tables = connection.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE type='table'" if not POSTGRES else
            "SELECT count(*) FROM pg_tables WHERE schemaname='public'")).scalar()
    engine.dispose()
    assert tables == 0


def test_a_restore_that_does_not_match_the_counts_exits_non_zero(
        app: Flask, session: Any, users: Any, tmp_path: Path, empty_database: str) -> None:
    _cases(session, users)
    app.test_cli_runner().invoke(args=["cicdr", "backup", str(tmp_path / "bk")])
    manifest_path = tmp_path / "bk" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["counts"]["complaints"] = 4  # claims a complaint the dump does not hold
    manifest_path.write_text(json.dumps(manifest))
    result = _restore(empty_database, tmp_path / "nb", tmp_path / "bk")
    assert result.exit_code == 1
    assert "table complaints: 3 rows, backup had 4" in result.output
    assert "Restore FAILED verification: 1 mismatch(es)." in result.output

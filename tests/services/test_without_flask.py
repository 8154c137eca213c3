"""The services run without Flask: a SQLAlchemy session and an actor are all they need.

The database is the suite's (migrated by the `app` fixture); everything else happens on a plain
SQLAlchemy engine and Session, with no app or request context pushed, the way a CLI job, the
worker or a script calls the services.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import flask
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from cicdr.models import AuditEvent, Complaint, OutboxMail
from cicdr.services.admin.accounts import create_user
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.transition import fire
from cicdr.services.intake import drafts, filing
from cicdr.services.notify.compose import MailSettings, use
from tests import factories
from tests.conftest import _empty_tables

ROOT = Path(__file__).resolve().parents[2]
FLASK_WORLD = ("flask", "flask_babel", "flask_login", "flask_wtf", "flask_sqlalchemy",
               "werkzeug", "cicdr.extensions")
# Rewritten in parallel to build the legal tables without the Flask-SQLAlchemy session.
D = date(2026, 3, 11)
SITE = MailSettings(public_url="https://queixas.cicdr.example")


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (lazy imports inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_service_module_imports_flask_or_the_app_extensions() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in _imports(path)
            if any(m == name or m.startswith(name + ".") for name in FLASK_WORLD))
        for path in sorted((ROOT / "cicdr" / "services").rglob("*.py"))}
    assert {path: found for path, found in offenders.items() if found} == {}


@pytest.fixture
def plain(app: flask.Flask, tmp_path: Path) -> Iterator[Session]:
    """A plain SQLAlchemy Session on the suite's emptied database, no Flask context pushed."""
    from cicdr.extensions import db

    with app.app_context():  # only to empty the tables the way every test starts
        _empty_tables()
        db.session.commit()
        db.session.remove()
        url = app.config["SQLALCHEMY_DATABASE_URI"]
    engine = create_engine(url)
    session = Session(engine)
    assert not flask.has_app_context() and not flask.has_request_context()
    try:
        yield session
    finally:
        session.close()
        engine.dispose()


def officer(session: Session) -> Any:
    return create_user(session, email="tecnica@test.cicdr.pt", name="Técnica",
                       role="officer", password=factories.PASSWORD, fast=True)


def mails(session: Session, kind: str) -> list[OutboxMail]:
    return list(session.scalars(select(OutboxMail).where(OutboxMail.kind == kind)
                                .order_by(OutboxMail.id)))


def test_filing_a_complaint_without_flask_queues_the_acknowledgement_in_its_language(
        plain: Session, tmp_path: Path) -> None:
    store = BlobStore(str(tmp_path / "blobs"))
    filed = []
    for language in ("pt", "en"):
        draft, _token = drafts.start(plain, "public", "pt")
        new = factories.new_complaint(preferred_language=language)
        complaint, code, mail_id = filing.file_draft(plain, draft, new, ComplainantActor("(new)"),
                                                     store=store, settings=SITE, today=D)
        assert not flask.has_app_context()
        assert complaint.state == "received" and mail_id is not None
        filed.append((complaint, code))
    events = plain.scalars(select(AuditEvent).where(AuditEvent.action == "submit")).all()
    assert sorted(e.subject_ref for e in events) == sorted(c.reference for c, _ in filed)
    pt, en = mails(plain, "acknowledgement")
    (c_pt, code_pt), (c_en, code_en) = filed
    assert (pt.language, pt.to_address, pt.sent_at) == ("pt", "maria@example.org", None)
    assert pt.subject == f"A CICDR recebeu a sua queixa {c_pt.reference}"
    assert en.subject == f"CICDR received your complaint {c_en.reference}"
    assert "https://queixas.cicdr.example/follow" in pt.body
    assert "Comissão para a Igualdade e Contra a Discriminação Racial" in pt.body
    assert "Commission for Equality and Against Racial Discrimination" in en.body
    assert code_pt not in pt.body and code_en not in en.body


def test_firing_a_transition_without_flask_writes_the_state_the_event_and_the_mail(
        plain: Session, tmp_path: Path) -> None:
    use(plain, SITE)
    staff = officer(plain)
    store = BlobStore(str(tmp_path / "blobs"))
    draft, _token = drafts.start(plain, "public", "en")
    complaint, _code, _mail = filing.file_draft(
        plain, draft, factories.new_complaint(preferred_language="en"),
        ComplainantActor("(new)"), store=store, today=D)
    record = fire(plain, complaint, "start_triage", staff, today=D)
    assert not flask.has_app_context()
    assert (record.source, record.dest) == ("received", "triage")
    assert plain.get(Complaint, complaint.id).state == "triage"
    event = plain.scalars(select(AuditEvent).where(AuditEvent.action == "start_triage")).one()
    assert (event.from_state, event.to_state, event.subject_ref) == (
        "received", "triage", complaint.reference)
    [told] = mails(plain, "status_change")
    assert told.subject == f"The status of your complaint {complaint.reference} changed"
    assert "An officer is checking your complaint." in told.body
    assert "https://queixas.cicdr.example/follow" in told.body and told.sent_at is None


def test_without_settings_on_the_session_the_address_comes_from_the_environment(
        plain: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CICDR_PUBLIC_URL", "https://from-the-environment.example/")
    draft, _token = drafts.start(plain, "public", "pt")
    filing.file_draft(plain, draft, factories.new_complaint(), ComplainantActor("(new)"),
                      store=BlobStore(str(tmp_path / "blobs")), today=D)
    [ack] = mails(plain, "acknowledgement")
    assert "https://from-the-environment.example/follow" in ack.body

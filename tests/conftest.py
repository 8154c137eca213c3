"""Fixtures: an app on a migrated database (SQLite, or TEST_DATABASE_URL), clean per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from cicdr import create_app
from cicdr.config import TestConfig
from cicdr.extensions import db
from cicdr.services.audit import GENESIS
from cicdr.services.core.legal_tables import forget_cached_tables
from tests import factories
from tests.smtp import Inbox, running_inbox
from tests.tamper import audit_protection_lifted

# Reference data loaded by the migrations survives between tests; everything else is emptied.
KEEP = {"vocabulary_terms", "ias_values", "alembic_version"}
POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))


def _database_url(tmp: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp / 'test.sqlite3'}"


def _compile_catalogues() -> None:
    """`make` compiles the catalogues; a bare `pytest` run needs them too."""
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", "compile", "-d",
                                str(Path(__file__).resolve().parents[1] / "cicdr" /
                                    "translations")])


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    from flask_migrate import downgrade, upgrade

    _compile_catalogues()
    tmp = tmp_path_factory.mktemp("app")
    application = create_app(TestConfig(_database_url(tmp), str(tmp / "blobs")))
    with application.app_context():
        if POSTGRES:  # a fresh database is expected, but never trust leftovers
            downgrade(revision="base")
        upgrade()
    return application


def _empty_tables() -> None:
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in KEEP]
    # The database refuses to delete audit events (append-only triggers): lift that here only.
    with audit_protection_lifted(db.session):
        if POSTGRES:
            names = ", ".join(t.name for t in tables)
            db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                db.session.execute(table.delete())
            # The full-text index is an FTS5 virtual table (no foreign key, not a model): stale
            # rows would answer later tests' searches with ids of deleted complaints.
            db.session.execute(text("DELETE FROM complaint_search"))
        db.session.execute(text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :h)"),
                           {"h": GENESIS})
    # The settings_version counter was emptied too and counts again from 0: tables cached for
    # a number it reaches again would belong to the previous test.
    forget_cached_tables()


@pytest.fixture
def ctx(app: Flask) -> Iterator[Any]:
    """An app context on a database emptied of cases, users and events."""
    with app.app_context():
        _empty_tables()
        yield db.session
        db.session.rollback()
        db.session.remove()


@pytest.fixture
def session(ctx: Any) -> Any:
    return ctx


@pytest.fixture
def client(app: Flask, ctx: Any) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def users(session: Any) -> factories.Staff:
    return factories.staff(session)


class AuthActions:
    """Sign in through the real login page."""

    def __init__(self, client: FlaskClient, staff: factories.Staff) -> None:
        self.client, self.staff = client, staff

    def login_as(self, role: str) -> Any:
        user = getattr(self.staff, role)
        return self.client.post("/staff/login", data={"email": user.email,
                                                      "password": factories.PASSWORD})


@pytest.fixture
def auth(client: FlaskClient, users: factories.Staff) -> AuthActions:
    return AuthActions(client, users)


@pytest.fixture
def smtp(app: Flask) -> Iterator[Inbox]:
    """A real SMTP server on loopback for this test; the app sends its e-mail there."""
    with running_inbox() as (inbox, port):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        try:
            yield inbox
        finally:
            app.config.update(MAIL_SERVER=None, MAIL_PORT=25)

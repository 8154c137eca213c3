"""A database outage answers 503 with Retry-After and a plain message, logs the real cause,
and the application recovers by itself once the database is back."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from flask_migrate import upgrade

from cicdr import create_app
from cicdr.config import TestConfig
from cicdr.extensions import db

ABOUT = {"complainant_type": "victim", "name": "Ana", "contact_channel": "portal",
         "nav": "next"}


def test_an_unreachable_database_answers_503_and_the_app_recovers(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # The database file's folder does not exist yet: SQLite cannot open it (an outage).
    folder = tmp_path / "data"
    app = create_app(TestConfig(f"sqlite:///{folder / 'cicdr.sqlite3'}", str(tmp_path / "b")))
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        response = client.post("/complaint/about-you", data=ABOUT)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert "temporarily unavailable" in page and "Traceback" not in page
    logged = caplog.text
    assert "unable to open database file" in logged  # the real cause
    assert "flask db upgrade" not in logged

    folder.mkdir()  # the database is back (and migrated), the app was never restarted
    with app.app_context():
        upgrade()
        db.session.remove()
    assert client.post("/complaint/about-you", data=ABOUT).status_code == 302


def test_a_postgresql_server_that_refuses_connections_answers_503(tmp_path: Path) -> None:
    # Nothing listens on port 1 of the loopback: the connection is refused at once.
    app = create_app(TestConfig("postgresql+psycopg://postgres@127.0.0.1:1/cicdr",
                                str(tmp_path / "b")))
    response = app.test_client().post("/follow", data={"reference": "QN-2026-00001",
                                                       "code": "AAAAA-BBBBB-CCCCC-DDDDD"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"

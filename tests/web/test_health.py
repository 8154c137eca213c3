"""/healthz, request ids on responses and log lines, and no personal data in the logs."""

from __future__ import annotations

import logging
import smtplib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cicdr import create_app
from cicdr.config import TestConfig
from cicdr.extensions import db
from cicdr.logs import RequestIdFormatter
from cicdr.models import OutboxMail
from cicdr.services.notify.outbox import _without_addresses


def _mail(session: Any, minutes_ago: int, sent: bool = False) -> None:
    now = datetime.now(UTC)
    session.add(OutboxMail(to_address="maria@example.org", subject="Queixa de Maria Silva",
                           body="...", language="pt", kind="acknowledgement",
                           created_at=now - timedelta(minutes=minutes_ago),
                           sent_at=now if sent else None))
    session.commit()


def test_healthz_reports_the_database_the_outbox_lag_and_the_anchor(
        app: Flask, client: FlaskClient, session: Any, users: Any) -> None:
    _mail(session, minutes_ago=10)
    _mail(session, minutes_ago=3)
    _mail(session, minutes_ago=60, sent=True)  # sent: not lag
    response = client.get("/healthz")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == {"reachable": True, "migrated": True}
    assert body["outbox"]["pending"] == 2
    assert 600 <= body["outbox"]["oldest_age_seconds"] < 900  # 10 minutes, the oldest pending
    assert body["audit_anchor"] == {"last_at": None, "age_seconds": None}  # never anchored
    assert "maria" not in response.get_data(as_text=True).lower()

    anchored = app.test_cli_runner().invoke(args=["cicdr", "audit", "anchor", "--output", "-"])
    assert anchored.exit_code == 0, anchored.output
    after = client.get("/healthz").get_json()["audit_anchor"]
    assert after["last_at"] is not None and 0 <= after["age_seconds"] < 120


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    # A SQLite file in a directory that does not exist cannot be opened: the database is down.
    broken = create_app(TestConfig(f"sqlite:///{tmp_path / 'missing' / 'x.sqlite3'}",
                                   str(tmp_path / "blobs")))
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.get_json()["database"] == {"reachable": False, "migrated": True}


def test_every_response_carries_a_request_id(client: FlaskClient) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "proxy-1234abcd"})
    assert given.headers["X-Request-ID"] == "proxy-1234abcd"  # the proxy's id, kept
    made = client.get("/")
    assert len(made.headers["X-Request-ID"]) == 32  # a new uuid4, as hex
    forged = client.get("/", headers={"X-Request-ID": "x\" injected=1"})
    assert forged.headers["X-Request-ID"] != "x\" injected=1"  # not a plain token: replaced


def test_log_lines_carry_the_request_id(app: Flask) -> None:
    record = logging.LogRecord("cicdr.test", logging.WARNING, __file__, 1, "something", (), None)
    formatter = RequestIdFormatter()
    with app.test_request_context("/", headers={"X-Request-ID": "abcd-1234-efgh"}):
        app.preprocess_request()
        assert "[abcd-1234-efgh] cicdr.test: something" in formatter.format(record)
    outside = logging.LogRecord("cicdr.test", logging.WARNING, __file__, 1, "x", (), None)
    assert "[-]" in formatter.format(outside)


def test_sql_errors_never_quote_the_values(app: Flask, ctx: Any) -> None:
    with pytest.raises(DBAPIError) as raised:  # OperationalError (SQLite), ProgrammingError (PG)
        db.session.execute(text("SELECT :email FROM no_such_table"),
                           {"email": "maria@example.org"})
    assert "maria@example.org" not in str(raised.value)
    assert "hidden" in str(raised.value)


def test_a_refused_mail_is_logged_without_the_address() -> None:
    refused = smtplib.SMTPRecipientsRefused({"maria@example.org": (550, b"no such user")})
    assert _without_addresses(refused) == "SMTPRecipientsRefused"
    assert _without_addresses(smtplib.SMTPDataError(554, b"maria@example.org rejected")) == \
        "SMTPDataError (SMTP 554)"


def test_behind_a_trusted_proxy_the_visitor_address_counts(tmp_path: Path) -> None:
    from flask import request

    proxied = create_app(TestConfig(f"sqlite:///{tmp_path / 'p.sqlite3'}", str(tmp_path)))
    plain = create_app(TestConfig(f"sqlite:///{tmp_path / 'p.sqlite3'}", str(tmp_path)))
    proxied.config["TRUSTED_PROXIES"] = 1
    from cicdr.routing import trust_proxies

    trust_proxies(proxied)
    seen = {}
    for name, application in (("proxied", proxied), ("plain", plain)):
        @application.get("/__addr")
        def addr() -> str:
            return request.remote_addr or ""

        seen[name] = application.test_client().get(
            "/__addr", headers={"X-Forwarded-For": "203.0.113.7"}).get_data(as_text=True)
    assert seen == {"proxied": "203.0.113.7", "plain": "127.0.0.1"}

"""CSRF, the shared machines staying empty between requests, and state written in one place."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Flask

from cicdr import create_app
from cicdr.config import TestConfig
from tests import factories
from tests.conftest import AuthActions
from workflows import workflows

ROOT = Path(__file__).resolve().parents[2]


def test_a_post_without_csrf_token_is_refused_with_a_message(app: Flask, session: Any,
                                                             users: Any) -> None:
    config = TestConfig(app.config["SQLALCHEMY_DATABASE_URI"], app.config["BLOB_DIR"])
    config.WTF_CSRF_ENABLED = True
    guarded = create_app(config)
    client = guarded.test_client()
    response = client.post("/staff/login?lang=en", data={"email": users.officer.email,
                                                         "password": factories.PASSWORD})
    assert response.status_code == 400
    assert "The form expired or was not sent from this site" in response.get_data(as_text=True)


def test_no_model_stays_registered_on_the_shared_machines_after_requests(
        session: Any, auth: AuthActions, client: Any) -> None:
    c = factories.complaint(session)
    auth.login_as("officer")
    client.get(f"/staff/complaints/{c.reference}")
    client.post(f"/staff/complaints/{c.reference}/actions/start_triage",
                data={"start_triage-version": c.version})
    client.post(f"/staff/complaints/{c.reference}/actions/archive",
                data={"archive-version": 0})  # refused: stale and incomplete
    assert all(w.machine.models == [] for w in workflows().values())


def test_no_code_outside_the_workflow_engine_assigns_a_state() -> None:
    pattern = re.compile(r"\.state\s*=[^=]")
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in (ROOT / "cicdr").rglob("*.py")
                 for n, line in enumerate(p.read_text().splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []

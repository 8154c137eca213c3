"""No web request delivers mail: the change queues its e-mail in the outbox, and only the outbox
sender (`flask cicdr worker`, `tick`) talks to the mail server, after the request is over. A
slow or broken mail server can then never slow or fail what a person does on the site."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.models import OutboxMail
from cicdr.services.engine.transition import fire
from cicdr.services.notify.compose import MailSettings
from tests import factories
from tests.conftest import AuthActions
from tests.smtp import Inbox, body
from tests.web.test_complaint_form import fill, receipt, submit

ROOT = Path(__file__).resolve().parents[2]


def test_filing_and_staff_actions_send_nothing_until_the_worker_runs(
        app: Flask, client: FlaskClient, session: Any, users: Any, auth: AuthActions,
        smtp: Inbox) -> None:
    fill(client)
    assert submit(client).status_code == 302
    reference, code = receipt(client)
    auth.login_as("officer")
    page = client.get(f"/staff/complaints/{reference}").get_data(as_text=True)
    assert reference in page
    assert client.post(f"/staff/complaints/{reference}/messages",
                       data={"message-body": "Pode enviar a fotografia?"}).status_code == 302
    pending = session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
    assert [(m.kind, m.sent_at) for m in pending] == [("acknowledgement", None),
                                                      ("new_message", None)]
    assert smtp.messages == []  # two requests, a mail server up, and nothing sent

    result = app.test_cli_runner().invoke(args=["cicdr", "worker", "--rounds", "1",
                                                "--interval", "0"])
    assert result.exit_code == 0, result.output
    assert "2 e-mail(s) sent, 0 failed" in result.output
    assert [m["Subject"] for m in smtp.messages] == [
        f"A CICDR recebeu a sua queixa {reference}",
        f"A CICDR escreveu-lhe sobre a sua queixa {reference}"]
    assert all(m["To"] == "ana@example.org" for m in smtp.messages)
    for message in smtp.messages:
        text = body(message)
        assert reference in text and code not in text and "fotografia" not in text
    session.expire_all()
    assert session.scalar(select(OutboxMail).where(OutboxMail.sent_at.is_(None))) is None


def _deliveries(path: Path, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Where `path` imports the outbox or smtplib (unless `allowed`), or calls a delivery
    function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        imported = ([a.name for a in node.names] if isinstance(node, ast.Import | ast.ImportFrom)
                    else [])
        called = (node.func.attr if isinstance(node, ast.Call)
                  and isinstance(node.func, ast.Attribute) else "")
        if ({"outbox", "smtplib"} - allowed) & set(imported) or \
                called in {"deliver", "deliver_queued"}:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_view_and_no_service_but_the_outbox_can_deliver_mail() -> None:
    """Read from the source: views never touch the outbox; in the services only the outbox
    module delivers (called by the sender in `cicdr/cli.py`); notify's modules only queue."""
    views = [hit for path in sorted((ROOT / "cicdr" / "views").rglob("*.py"))
             for hit in _deliveries(path)]
    services = [hit for path in sorted((ROOT / "cicdr" / "services").rglob("*.py"))
                if path.name != "outbox.py"
                for hit in _deliveries(path, frozenset({"outbox"}) if path.parent.name == "notify"
                                       else frozenset())]
    assert views == [] and services == []


def test_mail_composed_in_the_app_links_to_the_apps_public_url(
        app: Flask, session: Any, users: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app hands its PUBLIC_URL to the services as a plain value on the session (the
    services never read the app), here one that differs from the environment's."""
    monkeypatch.setitem(app.extensions, "cicdr.mail_settings",
                        MailSettings.from_config({"PUBLIC_URL": "https://portal.example/"}))
    monkeypatch.setenv("CICDR_PUBLIC_URL", "https://not-this-one.example")
    c = factories.complaint(session)
    fire(session, c, "assign", users.officer, today=date(2026, 3, 11),
         assignee=users.officer2.id)
    told = session.scalar(select(OutboxMail).where(OutboxMail.kind == "assignment"))
    assert f"https://portal.example/staff/complaints/{c.reference}" in told.body

"""The `flask cicdr` commands."""

from __future__ import annotations

import json
import os
import signal
import threading
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from cicdr.models import User
from cicdr.services.engine.transition import fire
from tests import factories
from tests.smtp import Inbox


def test_create_user_makes_an_account_that_can_sign_in(app: Flask, session: Any) -> None:
    result = app.test_cli_runner().invoke(args=[
        "cicdr", "create-user", "--email", "Nova@CICDR.pt", "--name", "Nova Técnica",
        "--role", "officer"], input="a long enough secret\na long enough secret\n")
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User).where(User.email == "nova@cicdr.pt"))
    assert user.role == "officer" and user.password_hash.startswith("$argon2id$")


def test_create_user_refuses_a_short_password_and_a_duplicate(app: Flask, session: Any,
                                                              users: Any) -> None:
    runner = app.test_cli_runner()
    short = runner.invoke(args=["cicdr", "create-user", "--email", "x@cicdr.pt", "--role",
                                "auditor", "--password", "short"])
    assert short.exit_code == 2 and "at least 10 characters" in short.output
    dup = runner.invoke(args=["cicdr", "create-user", "--email", users.officer.email,
                              "--role", "officer", "--password", "long enough secret"])
    assert dup.exit_code == 2 and "already exists" in dup.output


def test_workflow_json_lists_every_machine_with_roles(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["cicdr", "workflow", "--format", "json"])
    data = json.loads(result.output)
    assert set(data) == {"complaint", "proceeding", "referral"}
    decide = next(t for t in data["proceeding"]["triggers"] if t["trigger"] == "decide")
    assert decide["roles"] == ["commissioner"]
    # Issue 12: a decision is due while some respondent is undecided.
    assert decide["transitions"][0]["guards"] == ["not_instructor", "undecided_respondent"]


def test_deadlines_lists_overdue_and_due_soon(app: Flask, session: Any, users: Any) -> None:
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, c, "request_information", users.officer, today=date(2026, 3, 12),
         question="Tem testemunhas?")
    runner = app.test_cli_runner()
    soon = runner.invoke(args=["cicdr", "deadlines", "--today", "2026-03-20"])
    assert "due      2026-03-26  complainant_information" in soon.output
    assert c.reference in soon.output
    late = runner.invoke(args=["cicdr", "deadlines", "--today", "2026-04-01"])
    assert "OVERDUE" in late.output
    none = runner.invoke(args=["cicdr", "deadlines", "--today", "2026-03-12", "--days", "3"])
    assert "No running deadline" in none.output


def test_readme_workflow_tables_are_generated_from_the_code(app: Flask) -> None:
    from cicdr.config import ROOT
    from workflows.docs import markdown

    readme = (ROOT / "README.md").read_text()
    start, end = "<!-- workflows:start -->", "<!-- workflows:end -->"
    section = readme.split(start)[1].split(end)[0].strip()
    assert section == markdown().strip(), "run `make workflow-docs` and paste into README.md"


# -- the worker: the outbox sender ---------------------------------------------------------------


def test_the_worker_sends_the_outbox_every_round_and_ticks_once_a_day(
        app: Flask, session: Any, users: Any, smtp: Inbox) -> None:
    c = factories.complaint(session)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    assert smtp.messages == []  # queued by the change, waiting for the sender
    result = app.test_cli_runner().invoke(args=["cicdr", "worker", "--rounds", "3",
                                                "--interval", "0"])
    assert result.exit_code == 0, result.output
    assert result.output.count("trigger(s) fired.") == 1  # three rounds, one day: one tick
    assert result.output.count("abandoned draft(s) deleted.") == 1
    assert result.output.count("e-mail(s) sent") == 1  # later rounds had nothing to say
    assert "Worker stopped after 3 round(s)." in result.output
    assert [m["Subject"] for m in smtp.messages] == [
        f"O estado da sua queixa {c.reference} mudou"]


def test_a_new_day_ticks_again_and_a_failed_round_does_not_stop_the_worker(
        app: Flask, session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from cicdr import cli
    from cicdr.services.engine import scheduler

    assert cli._worker_round(None) == date.today()  # in the app context, as the command
    yesterday = date.today() - timedelta(days=1)

    def broken(session: Any, today: date) -> list[str]:
        raise RuntimeError("database went away")

    monkeypatch.setattr(scheduler, "run_due_triggers", broken)
    assert cli._worker_round(yesterday) == yesterday  # failed: retried next round


def test_the_worker_refuses_a_negative_interval(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["cicdr", "worker", "--interval", "-1"])
    assert result.exit_code == 2 and "--interval" in result.output


def test_the_worker_loop_stops_between_rounds_on_sigterm_or_when_asked() -> None:
    from cicdr.worker import run

    before = signal.getsignal(signal.SIGTERM)
    rounds: list[int] = []
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    done = run(lambda: rounds.append(1), interval=0.01)  # no bound: only the signal ends it
    timer.join()
    assert done == len(rounds) >= 1
    assert signal.getsignal(signal.SIGTERM) is before  # the old handler is back

    stop = threading.Event()
    assert run(stop.set, interval=3600, stop=stop) == 1  # set during the round: no wait

"""The demo seed: every state of every workflow reached through the services; safe to re-run."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import func, select

from cicdr.models import Complaint, Proceeding, Referral, User
from cicdr.services.audit import verify
from workflows import workflows


def test_seed_demo_reaches_every_state_and_is_safe_to_re_run(app: Flask, session: Any) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["cicdr", "seed-demo"])
    assert first.exit_code == 0, first.output
    assert "300 demo complaints created." in first.output
    assert "refused" not in first.output  # every step of every story went through
    for model in (Complaint, Proceeding, Referral):
        reached = set(session.scalars(select(model.state).distinct()))
        expected = {s.value for s in workflows()[model.WORKFLOW].states}
        assert reached == expected, (model.WORKFLOW, expected - reached)
    assert {u.role for u in session.scalars(select(User))} == {
        "officer", "president", "commissioner", "auditor", "admin"}
    assert verify(session).ok
    again = runner.invoke(args=["cicdr", "seed-demo"])
    assert again.exit_code == 0 and "nothing to do" in again.output
    assert session.scalar(select(func.count()).select_from(Complaint)) == 300

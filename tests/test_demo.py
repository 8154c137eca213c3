"""The demo seed: every state of every workflow reached through the services; safe to re-run."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from cicdr.demo import make_complaint, seed_demo
from cicdr.demo.scenarios import EVERY_PATH
from cicdr.models import Complaint, Proceeding, Referral, User
from cicdr.services.audit import verify
from workflows import workflows

# The fewest complaints that run every path of the catalogue once (the CLI default is 300):
# one per path, two for `joined` (a pair of complaints on the same facts).
COMPLAINTS = EVERY_PATH


def test_seed_demo_reaches_every_state_and_is_safe_to_re_run(app: Flask, session: Any) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["cicdr", "seed-demo", "--complaints", str(COMPLAINTS)])
    assert first.exit_code == 0, first.output
    assert f"{COMPLAINTS} demo complaints created." in first.output
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
    assert session.scalar(select(func.count()).select_from(Complaint)) == COMPLAINTS


def test_the_same_seed_tells_the_same_complaint() -> None:
    day = date(2026, 3, 2)
    first, second = (make_complaint(random.Random(7), day) for _ in range(2))  # noqa: S311
    assert first.new == second.new
    other = make_complaint(random.Random(8), day)  # noqa: S311
    assert other.new != first.new


def test_complainants_come_from_many_communities() -> None:
    r = random.Random(2026)  # noqa: S311
    made = [make_complaint(r, date(2026, 3, 2)) for _ in range(300)]
    groups = {m.group.key for m in made}
    assert {"brazilian", "roma", "cape_verdean", "ukrainian", "nepali"} <= groups
    names = {m.victim.name for m in made}
    assert len(names) > 250  # Faker's names, hardly ever repeated
    assert all(m.new.complainant is None or m.new.complainant.name for m in made)


def test_the_demo_seeds_in_a_year_whose_ias_is_not_published_yet(
        app: Flask, session: Any, capsys: Any) -> None:
    """From 1 January 2027 proceedings on facts of 2027 cannot be fined until the IAS of 2027
    is entered (the default tables end at 2026): the demo admonishes them instead of crashing."""
    made = seed_demo(session, complaints=COMPLAINTS, seed=7, store_dir=app.config["BLOB_DIR"],
                     fast=True, today=date(2027, 6, 30))
    assert made == COMPLAINTS
    assert "refused" not in capsys.readouterr().err
    assert verify(session).ok

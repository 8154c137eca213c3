"""Limits that stop attackers and not users: drafts keep only the form's fields within their
lengths, one client keeps a bounded number of drafts open, anonymous writes are limited per
client, and only completed filings and failed sign-ins count."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from cicdr.extensions import limiter
from cicdr.models import Complaint, ComplaintDraft
from cicdr.services.intake.drafts import MAX_DRAFT_CHARS
from tests import factories
from tests.web.test_complaint_form import ABOUT, FACTS, fill, post, submit
from tests.web.test_sessions import filed, follow  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def config(app: Flask) -> Iterator[dict[str, Any]]:
    """The app's configuration, put back as it was after the test."""
    saved = dict(app.config)
    yield app.config
    app.config.clear()
    app.config.update(saved)


def saved_pairs(session: Any, step: str) -> dict[str, str]:
    session.expire_all()
    return dict(session.scalar(select(ComplaintDraft)).data[step])


def test_a_draft_keeps_only_the_forms_fields_each_within_its_length(
        client: FlaskClient, session: Any) -> None:
    sent = {**ABOUT, "name": "A" * 5000, "is_admin": "yes", "x" * 300: "y"}
    response = post(client, "about-you", sent)
    assert response.status_code == 422  # the name is too long: the form says so
    kept = saved_pairs(session, "about-you")
    assert "is_admin" not in kept and "x" * 300 not in kept
    assert kept["name"] == "A" * 400  # twice the form's 200: still too long, never accepted
    assert kept["email"] == ABOUT["email"]


def test_eight_megabytes_in_a_draft_are_not_stored(client: FlaskClient, session: Any) -> None:
    post(client, "about-you", ABOUT)
    huge = {**FACTS, "description": "palavra " * 1_000_000}  # 8 MB in one field
    assert post(client, "what-happened", huge).status_code == 413
    assert "what-happened" not in session.scalar(select(ComplaintDraft)).data
    long = {**FACTS, "description": "palavra " * 10_000}  # 80,000 characters
    assert post(client, "what-happened", long).status_code == 422  # too long: the form says so
    assert len(saved_pairs(session, "what-happened")["description"]) == 40_000  # 2 x 20,000
    # Many values of a repeated field: the whole draft would pass its cap, so nothing is kept.
    # 900 values of 180 characters: each within its field's 200, together 162,000 > 150,000.
    flood = client.post("/complaint/why", data={"grounds": ["colour" * 30] * 900,
                                                "nav": "next"})
    assert flood.status_code == 413
    session.expire_all()
    draft = session.scalar(select(ComplaintDraft))
    assert "why" not in draft.data
    assert sum(len(k) + len(v) for pairs in draft.data.values() for k, v in pairs) \
        < MAX_DRAFT_CHARS


def test_one_client_keeps_a_bounded_number_of_drafts_open(app: Flask, session: Any,
                                                          config: dict[str, Any]) -> None:
    config["DRAFT_CLIENT_LIMIT"] = 3
    for _ in range(5):  # looking at the form stores nothing, however often
        assert app.test_client().get("/complaint/about-you").status_code == 200
    assert session.scalar(select(func.count(ComplaintDraft.id))) == 0
    statuses = [post(app.test_client(), "about-you", ABOUT).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "198.51.100.9"  # another client is not affected
    assert post(other, "about-you", ABOUT).status_code == 302
    assert session.scalar(select(func.count(ComplaintDraft.id))) == 4


def test_a_refused_filing_does_not_count_against_the_limit(
        client: FlaskClient, session: Any, config: dict[str, Any]) -> None:
    config["COMPLAINT_LIMIT"] = "2 per day"
    fill(client)
    assert submit(client, website="http://spam").status_code == 400  # the trap field
    assert post(client, "review", {}, nav="submit").status_code == 422  # no consent
    assert submit(client, website="http://spam").status_code == 400
    assert submit(client).status_code == 302  # refused three times, then filed
    fill(client)
    assert submit(client).status_code == 302  # the second filing of the day
    fill(client)
    assert submit(client).status_code == 429  # the third is over the limit of 2
    assert session.scalar(select(func.count(Complaint.id))) == 2


def test_the_default_filing_limit_lets_an_office_file_for_several_people(app: Flask) -> None:
    assert app.config["COMPLAINT_LIMIT"] == "30 per day"


def test_successful_sign_ins_do_not_count_against_the_login_limit(
        client: FlaskClient, users: Any, config: dict[str, Any]) -> None:
    config["STAFF_LOGIN_LIMIT"] = "3 per 15 minutes"
    good = {"email": users.officer.email, "password": factories.PASSWORD}
    for _ in range(5):
        assert client.post("/staff/login", data=good).status_code == 302
        client.post("/staff/logout")
    bad = {**good, "password": "not-the-password"}
    assert [client.post("/staff/login", data=bad).status_code for _ in range(4)] == \
        [400, 400, 400, 429]


def test_messages_from_the_follow_up_page_are_limited_per_client(
        client: FlaskClient, session: Any, filed: Any,  # noqa: F811
        config: dict[str, Any]) -> None:
    complaint, code = filed
    config["FOLLOW_WRITE_LIMIT"] = "2 per hour"
    follow(client, complaint, code)
    statuses = [client.post("/follow/case/message", data={"message-body": f"Olá {i}"})
                .status_code for i in range(3)]
    assert statuses == [302, 302, 429]


def test_tick_deletes_ended_follow_up_sessions(app: Flask, client: FlaskClient, session: Any,
                                               filed: Any) -> None:  # noqa: F811
    complaint, code = filed
    follow(client, complaint, code)
    client.post("/follow/leave")
    result = app.test_cli_runner().invoke(args=["cicdr", "tick"])
    assert result.exit_code == 0 and "ended follow-up session(s) deleted" in result.output

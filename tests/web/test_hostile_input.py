"""Hostile input to every route: no 5xx, and nothing stored that differs from what was accepted.

The routes come from the application's own URL map, so a new route is fuzzed without anyone
adding it here. For each rule, hypothesis builds URLs with hostile values for its path
arguments (mixed with real ones, so the request reaches the code behind the lookup), a hostile
query string, and for POST a hostile form, and sends them as an anonymous visitor, as a
complainant signed in to follow their case, and as the staff member the area is for (an officer;
the administrator under /staff/admin, the auditor under /staff/audit). Examples are few per
route (the whole file runs in about a minute); the values that broke the application once are
always tried (`HOSTILE`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask, current_app
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.routing import Rule

from cicdr.extensions import limiter
from cicdr.models import Attachment, Message
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import UploadedFile, submit_complaint
from tests import factories
from workflows import workflows

# Values that broke (or could break) the application: integers beyond the database's range,
# digits Python accepts and the database does not, dates at the calendar's ends, NUL, huge text.
HOSTILE = ("99999999999999999999", "-99999999999999999999", "2147483648", "-1", "0", "²",
           "１２", "٣", "", " ", "9999-12-31", "0001-01-01", "2026-02-30", "10000-01-01",
           "ção", "' OR '1'='1", "<script>x</script>", "\u202e", "\x00", "a\x00b", "NaN",
           "1e309", "Infinity", "%", "../../etc/passwd", "x" * 3000, "on", "me", "unassigned")
hostile = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12),
                    st.integers(-(10**21), 10**21).map(str))

QUERY = ("q", "state", "context", "ground", "district", "police", "assignee", "instructor",
         "received_from", "received_to", "opened_from", "opened_to", "overdue", "awaiting",
         "prescription_within", "sort", "dir", "body", "purpose", "page", "start", "end",
         "year", "days", "check", "next", "reference", "lang", "list", "nav")
FORM = ("body", "name", "email", "password", "code", "reference", "version", "role", "active",
        "description", "place", "facts_date", "district", "context", "practice", "grounds",
        "contact_channel", "preferred_language", "year", "amount", "label", "ids", "assignee",
        "instructor", "purpose", "summary", "horizon", "days", "kind", "length", "counting",
        "message-body", "answer-body", "comment-body", "withdraw-confirm", "unit",
        "security_force", "officer_identification", "complainant_type", "website", "phone",
        "address", "consent", "confirm", "withhold_identity", "anonymous", "nav")


def _trigger_fields() -> tuple[str, ...]:
    """Every field name any workflow trigger reads (action forms post them)."""
    return tuple(sorted({f.name for w in workflows().values()
                         for t in w.triggers.values() for f in t.fields}))


@pytest.fixture(autouse=True)
def generous_limits(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-client limits would stop the fuzzing (every client is 127.0.0.1), not a bug."""
    for name in ("FOLLOW_UP_LIMIT", "COMPLAINT_LIMIT", "UPLOAD_LIMIT", "STAFF_LOGIN_LIMIT",
                 "STAFF_CODE_LIMIT"):
        monkeypatch.setitem(app.config, name, "100000 per minute")


@dataclass
class World:
    """Real records, so hostile values sit beside values the lookups find."""

    values: dict[str, tuple[str, ...]]
    reference: str
    code: str


def _world(session: Any, users: Any) -> World:
    store = BlobStore(current_app.config["BLOB_DIR"])
    followed, code = submit_complaint(session, factories.new_complaint(files=[UploadedFile(
        "foto.png", "image/png", b"\x89PNG hostile")]), ComplainantActor("pending"), store=store)
    other = factories.complaint(session)
    fire(session, other, "start_triage", users.officer)
    fire(session, other, "open_proceeding", users.president, instructor=users.officer.id)
    referral = draft_referral(session, followed, body="igai", purpose="disciplinary",
                              actor=users.officer, summary="Conduta.")
    session.commit()
    proceeding = other.proceeding
    triggers = tuple(sorted({t for w in workflows().values() for t in w.triggers}))
    values = {
        "kind": ("complaints", "proceedings", "referrals"),
        "key": (followed.reference, proceeding.reference, str(referral.id)),
        "trigger": triggers, "doc_kind": ("information_request", "accusation"),
        "step": ("about-you", "what-happened", "who", "why", "evidence", "review"),
        "action": ("message", "answer", "comment", "withdraw", "evidence"),
        "vocabulary": ("context", "ground", "district"), "code": ("other",),
        "fmt": ("csv", "json"), "filename": ("portal.css",),
        "user_id": (str(users.officer2.id), str(users.admin.id)),
        "party_id": (str(followed.respondents[0].id),),
        "respondent_id": (str(proceeding.respondents[0].id),),
        "attachment_id": tuple(str(i) for i in session.scalars(select(Attachment.id))),
    }
    assert code is not None
    return World(values, followed.reference, code)


def _rules(app: Flask) -> list[tuple[str, str]]:
    return sorted((rule.rule, method) for rule in app.url_map.iter_rules()
                  for method in sorted(rule.methods or ()) if method in ("GET", "POST"))


def _clients(app: Flask, world: World, users: Any, rule: str) -> dict[str, FlaskClient]:
    """The anonymous visitor, the complainant following their case, and the staff member."""
    complainant = app.test_client()
    signed = complainant.post("/follow", data={"reference": world.reference, "code": world.code})
    assert signed.status_code == 302, "the complainant could not sign in to follow the case"
    role = ("admin" if rule.startswith("/staff/admin") else
            "auditor" if rule.startswith("/staff/audit") else "officer")
    staff = app.test_client()
    staff.post("/staff/login", data={"email": getattr(users, role).email,
                                     "password": factories.PASSWORD})
    return {"anonymous": app.test_client(), "complainant": complainant, role: staff}


def _path(rule: Rule, draw: Any, world: World) -> str:
    """The rule's URL with each argument a real value or a hostile one."""
    values = {}
    for name in rule.arguments:
        real = world.values.get(name, ())
        values[name] = draw(st.one_of(st.sampled_from(real), hostile) if real else hostile)
    return _fill(rule, values)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "route" in metafunc.fixturenames:
        from cicdr import create_app
        from cicdr.config import TestConfig

        routes = _rules(create_app(TestConfig("sqlite://", "/nonexistent")))
        metafunc.parametrize("route", routes, ids=[f"{m} {r}" for r, m in routes])


def test_no_route_answers_5xx_to_hostile_input(app: Flask, session: Any, users: Any,
                                                route: tuple[str, str]) -> None:
    rule_text, method = route
    rule = next(r for r in app.url_map.iter_rules() if r.rule == rule_text)
    world = _world(session, users)
    clients = _clients(app, world, users, rule_text)
    names = QUERY
    fields = FORM + _trigger_fields()

    @settings(max_examples=5, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data: Any) -> None:
        url = _path(rule, data.draw, world)
        query = data.draw(st.dictionaries(st.sampled_from(names), hostile, max_size=4))
        form = data.draw(st.dictionaries(st.sampled_from(fields), hostile, max_size=6)) \
            if method == "POST" else None
        for who, client in clients.items():
            _no_5xx(client, who, method, url, query, form)

    _sweep(rule, method, world, clients)
    check()


def _no_5xx(client: FlaskClient, who: str, method: str, url: str, query: dict[str, str],
            form: dict[str, str] | None) -> None:
    """Send one request and read the whole body (a streamed CSV fails while streaming)."""
    response = client.open(url, method=method, query_string=query, data=form)
    response.get_data()
    response.close()
    assert response.status_code < 500, (
        f"{who}: {method} {url} query={query!r} form={form!r} -> {response.status_code}")


def _sweep(rule: Rule, method: str, world: World, clients: dict[str, FlaskClient]) -> None:
    """Each HOSTILE value in each path argument (the others real), then in every query
    parameter and form field at once, as the one visitor the area is for."""
    who = ("anonymous" if not rule.rule.startswith(("/staff", "/follow")) else
           "complainant" if rule.rule.startswith("/follow") else
           next(name for name in clients if name not in ("anonymous", "complainant")))
    client = clients[who]
    real = {name: (world.values.get(name) or ("1",))[0] for name in rule.arguments}
    for name in rule.arguments:
        for value in HOSTILE:
            url = _fill(rule, {**real, name: value})
            _no_5xx(client, who, method, url, {}, {} if method == "POST" else None)
    fields = FORM + _trigger_fields()
    for value in HOSTILE:
        _no_5xx(client, who, method, _fill(rule, real), dict.fromkeys(QUERY, value),
                dict.fromkeys(fields, value) if method == "POST" else None)


def _fill(rule: Rule, values: dict[str, str]) -> str:
    url = rule.rule
    for name, value in values.items():
        url = re.sub(rf"<(?:[a-z]+:)?{name}>", lambda _m, v=value: quote(v, safe=""), url)
    return url


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(text=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200)))
def test_what_a_complainant_sends_is_stored_exactly_as_accepted(
        app: Flask, session: Any, users: Any, text: str) -> None:
    limiter.reset()  # each example is one honest message, not the 26th within the hour
    world = _world(session, users)
    client = _clients(app, world, users, "/follow")["complainant"]
    before = session.scalar(select(Message.id).order_by(Message.id.desc()).limit(1))
    response = client.post("/follow/case/message", data={"message-body": text})
    assert response.status_code in (302, 422), response.status_code  # 422: also NUL
    session.expire_all()
    newest = session.scalars(select(Message).order_by(Message.id.desc())).first()
    if response.status_code == 302:  # "Your message was sent."
        assert newest is not None and newest.direction == "from_complainant"
        assert newest.body == text.strip()
    else:
        assert (newest.id if newest else None) == before  # refused: nothing stored


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(text=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200)))
def test_a_note_is_stored_exactly_as_accepted(app: Flask, session: Any, users: Any,
                                              text: str) -> None:
    world = _world(session, users)
    client = _clients(app, world, users, "/staff")["officer"]
    before = session.scalar(select(Message.id).order_by(Message.id.desc()).limit(1))
    response = client.post(f"/staff/complaints/{world.reference}/notes", data={"body": text})
    assert response.status_code in (302, 422), response.status_code  # 422: also NUL
    session.expire_all()
    newest = session.scalars(select(Message).order_by(Message.id.desc())).first()
    if response.status_code == 302:
        assert newest is not None and newest.direction == "note" and newest.body == text.strip()
    else:
        assert (newest.id if newest else None) == before  # refused: nothing stored


def test_the_values_that_once_gave_500_now_get_404_or_a_clear_refusal(
        client: FlaskClient, auth: Any, session: Any) -> None:
    auth.login_as("officer")
    assert client.get("/staff/files/99999999999999999999").status_code == 404  # beyond int4
    assert client.get("/staff/referrals/99999999999999999999").status_code == 404
    assert client.get("/staff/cases?assignee=99999999999999999999").status_code == 400
    assert client.get("/staff/cases?assignee=%C2%B2").status_code == 400  # "²"
    nul = client.get("/staff/complaints/QN-%00")
    assert nul.status_code == 400 and "not allowed (NUL)" in nul.get_data(as_text=True)
    # In a form: 422, like any form that cannot be accepted (the public side's page is its
    # translated error page).
    assert client.post("/follow", data={"reference": "QN\x00", "code": "x"}).status_code == 422
    note = client.post("/staff/complaints/QN-2026-00001/notes", data={"body": "a\x00b"})
    assert note.status_code == 422 and "not allowed (NUL)" in note.get_data(as_text=True)


def test_out_of_range_dates_and_numbers_are_refused_with_a_message(
        client: FlaskClient, auth: Any, session: Any) -> None:
    auth.login_as("auditor")
    late = client.get("/staff/audit/log.csv?start=2026-01-01&end=9999-12-31")
    assert late.status_code == 400 and "before 9999-12-31" in late.get_data(as_text=True)
    client.post("/staff/logout")
    auth.login_as("admin")
    ias = client.post("/staff/admin/reference/ias", data={"year": "²", "amount": "537.13"})
    assert ias.status_code == 422 and "Enter a year from" in ias.get_data(as_text=True)

"""Query-count guards: the main pages and every step of the complaint form run the same number
of SQL statements whatever the data size (issue 16). A page that loads a relation per row, or
the users once per form, fails here with the counts side by side.

Timing never goes in a test (shared, noisy machines); statement counts are exact."""

from __future__ import annotations

import gc
import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from cicdr.extensions import db, limiter
from cicdr.models import Complaint
from cicdr.services.core import legal_tables
from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from tests.web.test_complaint_form import ABOUT, FACTS, PEOPLE, WHO, WHY

DAY = date(2026, 3, 10)
FORM_STEPS = (("about-you", ABOUT), ("what-happened", FACTS), ("why", WHY), ("who-did-it", WHO),
              ("people", PEOPLE), ("evidence", {}), ("review", {"consent": "y"}))


@contextmanager
def counted() -> Iterator[list[str]]:
    """The SQL statements run inside the block."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _add_complaints(session: Any, users: Any, n: int) -> list[Complaint]:
    """`n` complaints about the same respondent, day and place (each a possible duplicate of
    every other), in triage with the officer."""
    made = []
    for i in range(n):
        c = factories.complaint(session, today=DAY, police=i % 3 == 0)
        fire(session, c, "start_triage", users.officer, today=DAY)
        made.append(c)
    return made


def _page_counts(client: FlaskClient, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warm: the first request of a process reads the legal tables
        # The tests share one session across requests, whose identity map holds its objects
        # weakly: collect now, so what a page finds already loaded does not depend on when the
        # garbage collector last ran (it made the counts differ by a lazy load or two).
        gc.collect()
        with counted() as statements:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(statements)
    return counts


# The most statements each step of the public form may run (issue 16 part 5), with the
# reference-data counter read at most once a second as in production (`SETTINGS_CHECK_SECONDS`):
# a page shown reads the draft (with its files, in the same statement, where it lists them); a
# step sent reads the draft and writes it once, in one commit (the first step: the cap on open
# drafts, then one INSERT with the values; the evidence step: the draft with its files, the
# draft, the new file). Filing is the complaint's own writes: the draft's DELETE, the reference
# counter, the complaint, its ground, parties (complainant, respondent, victim), the search
# index (read back, replaced), the attachment, the audit event (head read and written), the
# e-mail; the complaint's reference is not read back after the commit.
FILING_MOST = {
    "form page about-you": 0, "form step about-you": 2,
    "form page what-happened": 1, "form step what-happened": 2,
    "form page why": 1, "form step why": 2,
    "form page who-did-it": 1, "form step who-did-it": 2,
    "form page people": 1, "form step people": 2,
    "form page evidence": 1, "form step evidence": 3,
    "form page review": 1, "form step review": 21,
}


def _filing_counts(app: Flask) -> dict[str, int]:
    """Statements per page and per step of the public form, for one complainant filing from
    scratch, the counter of reference data read once a second as in production (the legal
    tables built first, as a worker's start does). An earlier test's change of reference data
    makes this process read the counter on every call for a few seconds (`bump_version`):
    that window is closed first, so the counts are the steady state's whatever ran before."""
    legal_tables._forced_until = -math.inf  # noqa: SLF001
    legal_tables.current_tables(db.session)
    limiter.reset()
    visitor = app.test_client()
    counts = {}
    interval = legal_tables.check_interval()
    legal_tables.use_check_interval(3600)  # no second passes within the test: never read
    try:
        for step, data in FORM_STEPS:
            with counted() as statements:
                page = visitor.get(f"/complaint/{step}")
            assert page.status_code == 200, (step, page.status_code)
            counts[f"form page {step}"] = len(statements)
            nav = "submit" if step == "review" else "next"
            payload: dict[str, Any] = {**data, "nav": nav}
            if step == "evidence":
                payload["files"] = [(io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"), "a.pdf")]
            with counted() as statements:
                response = visitor.post(f"/complaint/{step}", data=payload,
                                        content_type="multipart/form-data")
            assert response.status_code == 302, (step, response.get_data(as_text=True)[:500])
            counts[f"form step {step}"] = len(statements)
    finally:
        legal_tables.use_check_interval(interval)
    return counts


def test_each_step_of_the_form_runs_at_most_its_statements(app: Flask, session: Any) -> None:
    """Issue 16 part 5: a step reads the draft once, writes it once, and nothing else."""
    counts = _filing_counts(app)
    over = {name: (counts[name], most) for name, most in FILING_MOST.items()
            if counts[name] > most}
    assert over == {}, f"(statements, most) per step of the form: {over}"
    assert sum(counts.values()) <= sum(FILING_MOST.values())


def test_pages_and_form_steps_run_as_many_statements_with_150_complaints_as_with_10(
        app: Flask, session: Any, users: Any, client: FlaskClient, auth: AuthActions) -> None:
    few = _add_complaints(session, users, 10)
    fire(session, few[2], "open_proceeding", users.president, today=DAY,
         instructor=users.officer.id)
    assert few[2].proceeding is not None
    urls = {
        "complaint list": "/staff/cases?kind=complaints",
        "complaint list, filtered": "/staff/cases?kind=complaints&state=triage&overdue=1",
        "proceeding list": "/staff/cases?kind=proceedings",
        "search a word": "/staff/cases?kind=complaints&q=Imobiliaria",
        "search a reference": f"/staff/cases?kind=complaints&q={few[1].reference}",
        "complaint page": f"/staff/complaints/{few[1].reference}",
        "police complaint page": f"/staff/complaints/{few[0].reference}",
        "proceeding page": f"/staff/proceedings/{few[2].proceeding.reference}",
        "my work": "/staff/my-work",
    }
    auth.login_as("officer")
    small = {**_page_counts(client, urls), **_filing_counts(app)}
    _add_complaints(session, users, 140)
    large = {**_page_counts(client, urls), **_filing_counts(app)}
    grew = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
    assert grew == {}, f"statements with 10 and with 150 complaints: {grew}"

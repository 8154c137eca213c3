"""The administrator declares one-off closure days on the calendar page: validated, audited,
picked up by the legal core, and counted by the next due date computed.

Portuguese holidays of June 2026: Thu 4 June (Corpus Christi), Wed 10 June (Portugal Day);
13 June (Lisbon) is an option, off by default.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.models import AuditEvent, ClosureDay
from cicdr.services import audit
from cicdr.services.core.legal_tables import (
    current_tables,
    forget_cached_tables,
    settings_version,
)
from cicdr.services.engine.transition import fire
from tests import factories
from tests.conftest import AuthActions
from workflows.calendar import is_working_day

PAGE = "/staff/admin/reference/calendar"
ADD = PAGE + "/closure-days"
DAY = date(2026, 6, 11)  # a Thursday, the day after Portugal Day


@pytest.fixture
def admin(client: FlaskClient, session: Any, auth: AuthActions) -> Iterator[FlaskClient]:
    """Signed in as the admin; the tables built with this test's closure days are forgotten
    after (the emptied counter would otherwise meet them again)."""
    auth.login_as("admin")
    yield client
    session.rollback()
    forget_cached_tables()


def reference_events(session: Any) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type == "reference").order_by(AuditEvent.seq)))


def test_a_closure_day_added_on_the_page_moves_the_next_due_date(
        admin: FlaskClient, session: Any, users: Any, auth: AuthActions) -> None:
    assert is_working_day(DAY, tables=current_tables(session))
    before = settings_version(session)
    response = admin.post(ADD, data={"day": "2026-06-11",
                                     "reason": "Tolerância de ponto (despacho do Governo)."})
    assert response.status_code == 302
    page = admin.get(PAGE).get_data(as_text=True)
    assert "2026-06-11" in page and "Tolerância de ponto (despacho do Governo)." in page
    assert settings_version(session) == before + 1
    assert DAY in current_tables(session).closure_days
    (event,) = reference_events(session)
    assert (event.action, event.subject_ref, event.actor_id) == (
        "update_reference", "closure_days", auth.staff.admin.id)
    assert json.loads(event.data) == {"day": "2026-06-11", "changes": {"reason": {
        "old": None, "new": "Tolerância de ponto (despacho do Governo)."}}}
    # The instruction term of a proceeding opened on Thu 12 March 2026: 90 calendar days end
    # on Wed 10 June, Portugal Day, which moves it to Thu 11 June; that day is now closed, so
    # it moves on to Fri 12 June 2026.
    c = factories.complaint(session)
    fire(session, c, "assign", users.officer, today=date(2026, 3, 11), assignee=users.officer.id)
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, c, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    assert c.proceeding is not None
    assert [(d.kind, d.due_on) for d in c.proceeding.deadlines] == [
        ("instruction", date(2026, 6, 12))]
    assert audit.verify(session).ok


def test_a_closure_day_is_withdrawn_and_audited(admin: FlaskClient, session: Any) -> None:
    admin.post(ADD, data={"day": "2026-12-24", "reason": "Véspera de Natal."})
    response = admin.post(f"{ADD}/2026-12-24/delete")
    assert response.status_code == 302
    admin.get(PAGE)
    assert session.get(ClosureDay, date(2026, 12, 24)) is None
    assert date(2026, 12, 24) not in current_tables(session).closure_days
    assert json.loads(reference_events(session)[-1].data) == {"day": "2026-12-24", "changes": {
        "reason": {"old": "Véspera de Natal.", "new": None}}}
    again = admin.post(f"{ADD}/2026-12-24/delete")
    assert again.status_code == 422 and "2026-12-24 is not a closure day." in \
        again.get_data(as_text=True)
    assert admin.post(f"{ADD}/not-a-day/delete").status_code == 422


@pytest.mark.parametrize(("day", "reason", "field", "message"), [
    ("2026-06-13", "Santo António", "day", "2026-06-13 is a Saturday: not a working day."),
    ("2026-06-10", "Dia de Portugal", "day", "2026-06-10 is already a holiday."),
    ("11/06/2026", "Tolerância", "day", "Enter a date from 2000 to 2100 as YYYY-MM-DD."),
    ("1999-06-11", "Tolerância", "day", "Enter a date from 2000 to 2100 as YYYY-MM-DD."),
    ("2026-06-11", "   ", "reason", "Enter the reason"),
    ("2026-06-11", "x" * 201, "reason", "Use at most 200 characters"),
])
def test_a_wrong_closure_day_says_what_to_fix_and_keeps_what_was_typed(
        admin: FlaskClient, session: Any, day: str, reason: str, field: str,
        message: str) -> None:
    response = admin.post(ADD, data={"day": day, "reason": reason})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and message in body
    assert f'id="closure-{field}-error"' in body and f'value="{day}"' in body
    assert reference_events(session) == [] and session.scalars(select(ClosureDay)).all() == []


def test_the_same_closure_day_cannot_be_declared_twice(admin: FlaskClient, session: Any) -> None:
    admin.post(ADD, data={"day": "2026-06-11", "reason": "Tolerância de ponto."})
    response = admin.post(ADD, data={"day": "2026-06-11", "reason": "Outra vez."})
    assert response.status_code == 422
    assert "2026-06-11 is already a closure day." in response.get_data(as_text=True)
    assert session.get(ClosureDay, DAY).reason == "Tolerância de ponto."
    assert len(reference_events(session)) == 1

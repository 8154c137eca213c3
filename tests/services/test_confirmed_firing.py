"""The service side of confirmations: `transition.validate` checks what `fire` checks and moves
nothing; a confirmed firing records the consequence on its audit event; `bulk.plan_join`
checks a join without joining."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from cicdr.models import AuditEvent, OutboxMail, Proceeding
from cicdr.services.casework import bulk
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.engine.transition import fire, validate
from tests import factories
from tests.services.test_legal_paths import triaged
from workflows.irreversible import consequence

D = date(2026, 3, 12)


def counts(session: Any) -> tuple[int, int]:
    return (session.scalar(select(func.count(AuditEvent.seq))) or 0,
            session.scalar(select(func.count(OutboxMail.id))) or 0)


def test_validate_returns_the_cleaned_data_and_moves_nothing(session: Any, users: Any) -> None:
    original = factories.complaint(session)
    c = triaged(session, users)
    state, version, before = c.state, c.version, counts(session)
    cleaned = validate(session, c, "archive", users.officer, today=D,
                       expected_version=c.version, reason_code="duplicate",
                       duplicate_of=f"  {original.reference.lower()} ", reason="")
    assert cleaned == {"reason_code": "duplicate",
                       "duplicate_of": original.reference.lower(), "reason": None}
    session.expire_all()
    assert (c.state, c.version, counts(session)) == (state, version, before)


@pytest.mark.parametrize(("change", "error"), [
    ({"reason_code": "manifestly_unfounded"}, InvalidData),  # the president's, not direct
    ({"duplicate_of": "QN-2026-99999"}, InvalidData),  # the database check: no such complaint
    ({"expected_version": 0}, Conflict),
    ({"actor": "commissioner"}, TransitionDenied),
])
def test_validate_refuses_what_fire_refuses(session: Any, users: Any, change: dict[str, Any],
                                            error: type[Exception]) -> None:
    original = factories.complaint(session)
    c = triaged(session, users)
    data: dict[str, Any] = {"reason_code": "duplicate", "duplicate_of": original.reference,
                            "expected_version": c.version, "actor": "officer"}
    data.update(change)
    actor = getattr(users, data.pop("actor"))
    before = counts(session)
    with pytest.raises(error):
        validate(session, c, "archive", actor, today=D, **data)
    with pytest.raises(error):
        fire(session, c, "archive", actor, today=D, **data)
    session.expire_all()
    assert c.state == "triage" and counts(session) == before


def test_a_confirmed_firing_records_the_consequence_and_an_unconfirmed_one_nothing(
        session: Any, users: Any) -> None:
    original = factories.complaint(session)
    c = triaged(session, users)
    said = consequence("complaint", "archive")
    assert said is not None
    fire(session, c, "archive", users.officer, today=D, confirmation=said,
         reason_code="duplicate", duplicate_of=original.reference)
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "archive")).one()
    assert json.loads(event.data) | {"confirmed": True, "consequence": said} \
        == json.loads(event.data)
    other = triaged(session, users)
    fire(session, other, "assign", users.officer, today=D, assignee=users.officer2.id)
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert last.action == "assign" and "confirmed" not in json.loads(last.data)


def test_plan_join_checks_a_join_and_joins_nothing(session: Any, users: Any) -> None:
    a, b = triaged(session, users), triaged(session, users)
    before = counts(session)
    plan = bulk.plan_join(session, [b, a], users.president, instructor_id=users.officer2.id,
                          today=D)
    assert [c.id for c in plan.complaints] == sorted([a.id, b.id])
    assert plan.proceeding is None and plan.instructor is not None
    assert plan.instructor.id == users.officer2.id
    assert counts(session) == before
    assert session.scalar(select(func.count(Proceeding.id))) == 0
    received = factories.complaint(session)
    with pytest.raises(bulk.Refused) as refused:
        bulk.plan_join(session, [a, received], users.president,
                       instructor_id=users.officer2.id, today=D)
    assert [r.reference for r in refused.value.refusals] == [received.reference]
    with pytest.raises(InvalidData):
        bulk.plan_join(session, [a], users.president, today=D)  # neither proceeding nor instructor

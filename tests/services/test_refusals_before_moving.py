"""A trigger's data is refused before the machine moves: nothing changes, nothing is audited.

Each refusal below used to be raised by an effect after `transition.apply` had moved the row.
They are fired through `apply` (no commit, no rollback) so that the row in memory shows whether
anything moved before the refusal, not just what the rollback of `fire` put back.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from cicdr.models import AuditEvent
from cicdr.services.casework import referrals as drafting
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.errors import InvalidData
from cicdr.services.engine import checks, effects
from cicdr.services.engine.transition import apply, fire
from tests import factories
from tests.services.test_legal_paths import fined, open_proceeding, triaged
from workflows import complaint, referral, workflows

D = date
TODAY = D(2026, 3, 20)
Case = tuple[Any, str, Any, dict[str, Any], str, str]  # subject, trigger, actor, data, field, msg


def _assign_same(session: Any, users: Any) -> Case:
    c = triaged(session, users)  # assigned to users.officer
    return (c, "assign", users.officer, {"assignee": users.officer.id}, "assignee",
            "The complaint is already assigned to this officer.")


def _assign_commissioner(session: Any, users: Any) -> Case:
    c = triaged(session, users)
    return (c, "assign", users.officer, {"assignee": users.commissioner.id}, "assignee",
            "Choose an active officer.")


def _assign_inactive(session: Any, users: Any) -> Case:
    c = triaged(session, users)
    users.officer2.active = False
    session.commit()
    return (c, "assign", users.officer, {"assignee": users.officer2.id}, "assignee",
            "Choose an active officer.")


def _assign_no_such_user(session: Any, users: Any) -> Case:
    c = triaged(session, users)  # an id beyond the integer column: no row, never a DB error
    return (c, "assign", users.officer, {"assignee": "99999999999999"}, "assignee",
            "Choose an active officer.")


def _join_missing(session: Any, users: Any) -> Case:
    c = triaged(session, users)
    return (c, "open_proceeding", users.president, {"proceeding": "pco-2026-0999"},
            "proceeding", "No open proceeding PCO-2026-0999 in instruction to join.")


def _join_closed(session: Any, users: Any) -> Case:
    p = open_proceeding(session, users, triaged(session, users))
    p.state = "report"  # past instruction: no longer open for joining
    session.commit()
    c = triaged(session, users)
    return (c, "open_proceeding", users.president, {"proceeding": p.reference}, "proceeding",
            f"No open proceeding {p.reference} in instruction to join.")


def _open_with_commissioner(session: Any, users: Any) -> Case:
    c = triaged(session, users)
    return (c, "open_proceeding", users.president, {"instructor": users.commissioner.id},
            "instructor", "Choose an active officer.")


def _transfer_same(session: Any, users: Any) -> Case:
    p = open_proceeding(session, users, triaged(session, users))  # instructed by users.officer
    return (p, "transfer", users.president, {"instructor": users.officer.id, "reason": "x"},
            "instructor", "This officer already instructs the proceeding.")


def _transfer_commissioner(session: Any, users: Any) -> Case:
    p = open_proceeding(session, users, triaged(session, users))
    return (p, "transfer", users.president, {"instructor": users.commissioner.id,
                                             "reason": "x"},
            "instructor", "Choose an active officer.")


def _evidence_answers_nothing_pending(session: Any, users: Any) -> Case:
    p = open_proceeding(session, users, triaged(session, users))
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    (term,) = [d for d in p.deadlines if d.kind == "instruction"]  # running, but no request
    return (p, "record_evidence", users.officer,
            {"on": "2026-03-19", "summary": "Audição.", "answers": str(term.id)},
            "answers", "Choose a pending request from the list.")



def _payment_too_high(session: Any, users: Any) -> Case:
    p = fined(session, users)
    # Owed: 750.00 fine - 0.00 paid = 750.00; 750.01 is one cent too much.
    return (p, "record_payment", users.officer,
            {"respondent": str(p.respondents[0].id), "paid_on": "2026-03-19",
             "amount": "750.01"}, "amount", "Enter an amount up to EUR 750.00.")


def _payment_zero(session: Any, users: Any) -> Case:
    p = fined(session, users)
    return (p, "record_payment", users.officer,
            {"respondent": str(p.respondents[0].id), "paid_on": "2026-03-19", "amount": "0"},
            "amount", "Enter an amount up to EUR 750.00.")


def _payment_by_someone_not_fined(session: Any, users: Any) -> Case:
    p = fined(session, users)
    return (p, "record_payment", users.officer,
            {"respondent": "999999", "paid_on": "2026-03-19", "amount": "10"},
            "respondent", "Not a respondent of this proceeding.")


def _send_foreign_documents(session: Any, users: Any) -> Case:
    c = factories.complaint(session, police=True)
    x = draft_referral(session, c, body="act", purpose="forward", actor=users.officer,
                       summary="Relação laboral.")
    return (x, "send", users.officer,
            {"sent_on": "2026-03-19", "channel": "email", "documents": ["999999"]},
            "documents", "Choose documents of this case from the list.")


REFUSALS: dict[str, Callable[[Any, Any], Case]] = {
    fn.__name__.lstrip("_"): fn for fn in (
        _assign_same, _assign_commissioner, _assign_inactive, _assign_no_such_user,
        _join_missing, _join_closed, _open_with_commissioner, _transfer_same,
        _transfer_commissioner, _evidence_answers_nothing_pending, _payment_too_high,
        _payment_zero, _payment_by_someone_not_fined, _send_foreign_documents)}


def _audit_count(session: Any) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent))


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_a_refused_trigger_moves_nothing_and_audits_nothing(session: Any, users: Any,
                                                            name: str) -> None:
    subject, trigger, actor, data, field, message = REFUSALS[name](session, users)
    state, version, audited = subject.state, subject.version, _audit_count(session)
    with pytest.raises(InvalidData) as refused:
        apply(session, subject, trigger, actor, today=TODAY, data=data)
    assert refused.value.errors == {field: message}
    # Nothing was touched in memory: no moved state, no pending row, no pending audit event.
    assert subject.state == state
    assert not session.dirty and not session.new
    session.flush()
    assert (subject.version, _audit_count(session)) == (version, audited)
    session.rollback()
    session.refresh(subject)
    assert (subject.state, subject.version, _audit_count(session)) == (state, version, audited)


def test_no_effect_can_refuse_after_the_state_moved() -> None:
    tree = ast.parse(inspect.getsource(effects))
    raises = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Raise)]
    assert raises == [], f"effects.py raises at lines {raises}: check that data in checks.py"
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names}
    assert "InvalidData" not in imported


# Field kinds whose values only the database can vouch for, and those checked against facts of
# the subject beyond the field itself.
NEEDS_DATABASE = {"user", "reference", "documents"}
NEEDS_SUBJECT = {"deadline", "respondent"}


def test_every_trigger_whose_data_can_be_refused_has_its_check_before_the_machine() -> None:
    declared = {(wf.name, t.name): t for wf in workflows().values() for t in wf.triggers.values()}
    assert set(checks.CHECKS) <= set(declared)
    for key, spec in declared.items():
        kinds = {f.kind for f in spec.fields}
        if kinds & NEEDS_DATABASE:
            assert key in checks.CHECKS, f"{key} has no database check"
        if kinds & NEEDS_SUBJECT:
            assert spec.check_data is not None, f"{key} declares no check of its data"


def test_the_forwarding_effect_drafts_a_referral_that_cannot_be_refused() -> None:
    """`forward` drafts its referral inside the effect: every input it passes is valid."""
    forward = complaint.TRIGGERS["forward"]
    assert set(complaint.FORWARD_BODIES) <= set(referral.BODIES)
    assert "forward" in drafting.PURPOSES
    assert forward.roles <= set(drafting.DRAFTERS)
    assert next(f for f in forward.fields if f.name == "reason").required  # the summary

"""Prosecutor round trips (RGCO arts 27-A, 38, 40) and the instruction's extension, through the
services: the state, the outcome columns, the suspension and the terms, each audited."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from cicdr.models import AuditEvent, Complaint, Proceeding
from cicdr.services.audit import verify
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.engine.transition import fire
from tests.services.test_legal_paths import events, open_proceeding, triaged

D = date


def referred(session: Any, users: Any) -> Complaint:
    """A complaint whose referral to the MP was approved on 12 March 2026."""
    c = triaged(session, users)
    draft_referral(session, c, body="mp", purpose="prosecutor", actor=users.officer,
                   summary="Possível crime do art. 240.º do Código Penal.")
    fire(session, c, "refer_to_prosecutor", users.president, today=D(2026, 3, 12))
    return c


def at_prosecutor(session: Any, users: Any) -> Proceeding:
    """A proceeding opened on 12 March 2026 (instruction due Thu 11 June: 90 days end on
    Wed 10 June, a holiday) and sent to the MP on Wed 1 April 2026."""
    p = open_proceeding(session, users, triaged(session, users))
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    draft_referral(session, p, body="mp", purpose="prosecutor", actor=users.officer,
                   summary="Surgiram indícios de crime.")
    fire(session, p, "send_to_prosecutor", users.president, today=D(2026, 4, 1),
         reason="Indícios do crime do art. 240.º do Código Penal.")
    return p


def test_the_prosecutor_returns_a_complaint_it_had_concluded(session: Any, users: Any) -> None:
    c = referred(session, users)
    fire(session, c, "prosecutor_concluded", users.officer, today=D(2026, 6, 1),
         outcome="inquiry_opened", outcome_on="2026-05-28")
    assert (c.state, c.closed_by_prosecutor) == ("closed", True)
    assert (c.prosecutor_outcome, c.prosecutor_outcome_on) == ("inquiry_opened", D(2026, 5, 28))
    fire(session, c, "prosecutor_returned", users.president, today=D(2026, 11, 3),
         outcome="archived", outcome_on="2026-10-30",
         note="Inquérito arquivado; subsiste a contraordenação.")
    assert (c.state, c.closed_by_prosecutor) == ("triage", False)
    assert (c.prosecutor_outcome, c.prosecutor_outcome_on) == ("archived", D(2026, 10, 30))
    assert events(session, c)[-2:] == ["prosecutor_concluded", "prosecutor_returned"]
    last = session.scalars(select(AuditEvent).where(AuditEvent.subject_id == c.id,
                                                    AuditEvent.subject_type == "complaint")
                           .order_by(AuditEvent.seq.desc())).first()
    assert (last.from_state, last.to_state) == ("closed", "triage")
    assert {k: json.loads(last.data)[k] for k in ("outcome", "outcome_on")} == {
        "outcome": "archived", "outcome_on": "2026-10-30"}
    assert verify(session).ok


def test_a_complaint_closed_otherwise_does_not_come_back_from_the_prosecutor(
        session: Any, users: Any) -> None:
    c = triaged(session, users)
    c.state = "closed"  # as after its forwarding closed (tested in test_legal_paths)
    session.commit()
    with pytest.raises(TransitionDenied, match="closed because the prosecutor took it"):
        fire(session, c, "prosecutor_returned", users.officer, today=D(2026, 6, 1),
             outcome="archived", outcome_on="2026-05-28")
    assert c.state == "closed" and c.prosecutor_outcome is None


def test_the_prosecutor_returns_a_proceeding_after_taking_it_over(session: Any,
                                                                   users: Any) -> None:
    p = at_prosecutor(session, users)
    (c,) = p.complaints
    (instruction,) = [d for d in p.deadlines if d.kind == "instruction"]
    fire(session, p, "prosecutor_took_over", users.officer, today=D(2026, 5, 6),
         outcome="charged", outcome_on="2026-05-04")
    assert (p.state, p.closed_by_prosecutor, c.state) == ("closed", True, "closed")
    assert (p.prosecutor_outcome, p.prosecutor_outcome_on) == ("charged", D(2026, 5, 4))
    # The file is still at the MP: the suspension runs on (RGCO art. 27-A(1)(c)).
    assert p.suspended_since == D(2026, 4, 1) and p.suspensions == ""
    assert instruction.ended_by == "prosecutor_took_over"

    fire(session, p, "prosecutor_returned", users.officer, today=D(2026, 7, 20),
         outcome="acquitted", outcome_on="2026-07-15")
    assert (p.state, p.closed_by_prosecutor) == ("instruction", False)
    assert (p.prosecutor_outcome, p.prosecutor_outcome_on) == ("acquitted", D(2026, 7, 15))
    # The suspension ends on the day of the answer that returns the file.
    assert p.suspended_since is None
    assert p.suspension_ranges() == [(D(2026, 4, 1), D(2026, 7, 15))]
    # The instruction term runs again, its clock stopped 1 April - 14 July: 19 days counted
    # (13-31 March), then 71 from 15 July: 15 July + 70 days = Wed 23 September 2026.
    assert (instruction.ended_on, instruction.suspended_since) == (None, None)
    assert instruction.suspension_ranges() == [(D(2026, 4, 1), D(2026, 7, 14))]
    assert instruction.due_on == D(2026, 9, 23)
    # The complaint follows its proceeding again (a system step, audited).
    assert c.state == "proceeding_opened"
    assert events(session, c)[-2:] == ["close", "resume_with_proceeding"]
    assert events(session, p)[-2:] == ["prosecutor_took_over", "prosecutor_returned"]
    assert verify(session).ok


def test_a_return_before_the_sending_is_refused_and_nothing_changes(session: Any,
                                                                    users: Any) -> None:
    p = at_prosecutor(session, users)
    with pytest.raises(InvalidData) as refused:
        fire(session, p, "prosecutor_returned", users.officer, today=D(2026, 5, 1),
             outcome="archived", outcome_on="2026-03-30")
    assert "2026-04-01" in refused.value.errors["outcome_on"]
    session.refresh(p)
    assert (p.state, p.suspended_since, p.prosecutor_outcome) == (
        "suspended_at_prosecutor", D(2026, 4, 1), None)


def test_the_mp_referrals_answer_is_the_cases_prosecutor_outcome(session: Any,
                                                                 users: Any) -> None:
    c = referred(session, users)
    (referral,) = c.referrals
    fire(session, referral, "send", users.officer, today=D(2026, 3, 13), sent_on="2026-03-13",
         channel="email")
    fire(session, referral, "answer", users.officer, today=D(2026, 5, 4), outcome="convicted",
         answered_on="2026-04-30", answer="Condenado pelo crime do art. 240.º.")
    assert (c.prosecutor_outcome, c.prosecutor_outcome_on) == ("convicted", D(2026, 4, 30))
    assert c.state == "referred_to_prosecutor"  # the complaint's own trigger moves it


def test_extend_instruction_starts_the_60_day_extension(session: Any, users: Any) -> None:
    p = open_proceeding(session, users, triaged(session, users))  # Thu 12 March 2026
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    with pytest.raises(TransitionDenied, match="president"):
        fire(session, p, "extend_instruction", users.officer, today=D(2026, 6, 1), reason="x")
    fire(session, p, "extend_instruction", users.president, today=D(2026, 6, 1),
         reason="Aguarda-se o relatório da inspeção.")
    (instruction,) = [d for d in p.deadlines if d.kind == "instruction"]
    (extension,) = [d for d in p.deadlines if d.kind == "instruction_extension"]
    # Instruction: 12 March + 90 days = Wed 10 June (a holiday) -> Thu 11 June, ended by the
    # order; the extension: 60 calendar days from 11 June = Mon 10 August 2026.
    assert (instruction.due_on, instruction.ended_on, instruction.ended_by) == (
        D(2026, 6, 11), D(2026, 6, 1), "extend_instruction")
    assert (extension.started_on, extension.due_on, extension.ended_on) == (
        D(2026, 6, 11), D(2026, 8, 10), None)
    with pytest.raises(TransitionDenied, match="not running"):
        fire(session, p, "extend_instruction", users.president, today=D(2026, 6, 2),
             reason="De novo.")
    fire(session, p, "close_instruction", users.officer, today=D(2026, 7, 1),
         reason="Factos não provados.")  # no accusation: its reason (issue 12)
    assert (extension.ended_on, extension.ended_by) == (D(2026, 7, 1), "close_instruction")
    assert "extend_instruction" in events(session, p)

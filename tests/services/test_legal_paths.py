"""Whole legal paths through the services (domain.md section 3), each audited step by step."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from cicdr.models import AuditEvent, Complaint, Message, Proceeding, Referral
from cicdr.services.audit import verify
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.actors import ComplainantActor, SystemActor
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.engine.scheduler import run_due_triggers
from cicdr.services.engine.transition import fire
from tests import factories
from workflows import deadlines
from workflows.sanctions import Accessory, ProposedDecision

D = date


def events(session: Any, subject: Any) -> list[str]:
    return list(session.scalars(
        select(AuditEvent.action).where(AuditEvent.subject_type == subject.WORKFLOW,
                                        AuditEvent.subject_id == subject.id)
        .order_by(AuditEvent.seq)))


def triaged(session: Any, users: Any, **kwargs: Any) -> Complaint:
    c = factories.complaint(session, **kwargs)
    fire(session, c, "assign", users.officer, today=D(2026, 3, 11), assignee=users.officer.id)
    fire(session, c, "start_triage", users.officer, today=D(2026, 3, 11))
    return c


def open_proceeding(session: Any, users: Any, c: Complaint, day: date = D(2026, 3, 12),
                    **data: Any) -> Proceeding:
    data = data or {"instructor": users.officer.id}
    fire(session, c, "open_proceeding", users.president, today=day, **data)
    assert c.proceeding is not None
    return c.proceeding


def fined(session: Any, users: Any) -> Proceeding:
    """A proceeding whose one respondent was fined EUR 750.00 and has paid nothing, final."""
    p = open_proceeding(session, users, triaged(session, users))
    p.state = "final"  # as after decide, notify and the appeal window (tested elsewhere)
    r = p.respondents[0]
    r.outcome, r.amount, r.paid = "fine", Decimal("750.00"), Decimal("0.00")
    # The respondent's own procedure (issue 12): final on 12 March 2026, paying.
    r.stage, r.final_on = "paying", D(2026, 3, 12)
    session.commit()
    return p


def test_a_complaint_referred_to_the_prosecutor_closes_when_the_prosecutor_concludes(
        session: Any, users: Any) -> None:
    c = triaged(session, users)
    draft = draft_referral(session, c, body="mp", purpose="prosecutor", actor=users.officer,
                           summary="Possible crime of art. 240 of the Penal Code.")
    fire(session, c, "refer_to_prosecutor", users.president, today=D(2026, 3, 12))
    assert c.state == "referred_to_prosecutor"
    assert draft.approved_by_id == users.president.id
    assert [(d.kind, d.due_on) for d in draft.deadlines] == [("referral_send_mp", D(2026, 3, 23))]
    fire(session, draft, "send", users.officer, today=D(2026, 3, 13), sent_on="2026-03-13",
         channel="email")
    assert draft.deadlines[0].ended_by == "send"
    fire(session, draft, "acknowledge", users.officer, today=D(2026, 3, 20),
         external_reference="NUIPC 123/26.0PBLSB")
    fire(session, c, "prosecutor_concluded", users.officer, today=D(2026, 6, 1),
         outcome="charged", outcome_on="2026-05-29")
    assert c.state == "closed"
    assert events(session, c) == ["submit", "assign", "start_triage", "refer_to_prosecutor",
                                  "prosecutor_concluded"]
    assert verify(session).ok


def decide_fine(session: Any, users: Any, p: Proceeding, amount: str = "750.00") -> None:
    rid = str(p.respondents[0].id)
    fire(session, p, "decide", users.commissioner, today=D(2026, 6, 20), decided_on="2026-06-19",
         decisions={rid: ProposedDecision("fine", Decimal(amount),
                                          (Accessory("public_tenders_ban", 12),))})


def test_a_proceeding_runs_from_complaint_to_published_fine_and_closes(
        session: Any, users: Any) -> None:
    c = triaged(session, users, respondent_kind="natural_person")
    p = open_proceeding(session, users, c)
    assert p.reference == "PCO-2026-0001" and p.state == "opened"
    assert [d.kind for d in p.deadlines] == ["instruction"]
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    fire(session, p, "request_entity_information", users.officer, today=D(2026, 3, 16),
         entity="Câmara Municipal da Amadora", request="Registo de candidaturas")
    factories.write_accusations(session, p, users.officer)
    fire(session, p, "notify_accusation", users.officer, today=D(2026, 5, 4),
         notified_on="2026-05-04")
    assert p.state == "awaiting_defence"
    fire(session, p, "record_defence", users.officer, today=D(2026, 5, 12),
         received_on="2026-05-12", summary="Nega os factos.")
    fire(session, p, "close_instruction", users.officer, today=D(2026, 5, 20))
    fire(session, p, "submit_report", users.officer, today=D(2026, 6, 1),
         proposal="Coima de 750 euros.")
    with pytest.raises(InvalidData) as refused:
        decide_fine(session, users, p, amount="9999.00")
    assert "between EUR 537.13 and EUR 5,371.30" in next(iter(refused.value.errors.values()))
    assert p.state == "awaiting_decision"
    decide_fine(session, users, p)
    assert p.state == "decided" and p.respondents[0].amount == Decimal("750.00")
    fire(session, p, "notify_decision", users.officer, today=D(2026, 6, 22),
         notified_on="2026-06-22")
    (appeal,) = [d for d in p.deadlines if d.kind == "appeal"]
    fired = run_due_triggers(session, appeal.due_on)
    assert fired == [] and p.state == "notified"  # the window has not lapsed on its last day
    fired = run_due_triggers(session, appeal.due_on + timedelta(days=1))
    assert fired == [f"{p.reference}: become_final ({p.respondents[0].name})"] \
        and p.state == "final"
    assert any(d.kind == "publication" for d in p.deadlines)
    fire(session, p, "publish", users.officer, today=D(2026, 8, 3), published_on="2026-08-03")
    with pytest.raises(TransitionDenied, match="unpaid"):
        fire(session, p, "close", users.president, today=D(2026, 8, 4))
    fire(session, p, "record_payment", users.officer, today=D(2026, 8, 10),
         respondent=str(p.respondents[0].id), paid_on="2026-08-10", amount="750.00")
    # Paid in full: the respondent's procedure ends, and with it the published proceeding.
    assert (p.respondents[0].stage, p.respondents[0].close_reason) == ("closed", "paid")
    assert p.state == "closed"
    assert c.state == "closed"  # the complaint closes with its proceeding, audited as system
    assert events(session, c)[-1] == "close"
    assert verify(session).ok


def test_the_instructor_cannot_record_the_decision_through_the_service(
        session: Any, users: Any) -> None:
    c = triaged(session, users)
    p = open_proceeding(session, users, c)
    p.instructor_id = users.commissioner.id  # a commissioner instructing, for the guard's sake
    session.commit()
    # Closing without an accusation needs its reason (issue 12): only a dismissal follows.
    for trig, data in [("start_instruction", {}),
                       ("close_instruction", {"reason": "Os factos não se provaram."}),
                       ("submit_report", {"proposal": "Arquivamento."})]:
        fire(session, p, trig, users.officer, today=D(2026, 4, 1), **data)
    rid = str(p.respondents[0].id)
    with pytest.raises(TransitionDenied, match="separation of duties"):
        fire(session, p, "decide", users.commissioner, today=D(2026, 4, 2),
             decided_on="2026-04-02", decisions={rid: ProposedDecision("dismissal")})
    fire(session, p, "decide", users.commissioner2, today=D(2026, 4, 2),
         decided_on="2026-04-02", decisions={rid: ProposedDecision("dismissal")})
    assert p.state == "decided"


def test_a_proposed_non_opening_is_archived_after_the_complainant_comments(
        session: Any, users: Any) -> None:
    c = triaged(session, users)
    fire(session, c, "propose_non_opening", users.president, today=D(2026, 3, 12),
         reason_code="manifestly_unfounded", reason="Os factos não configuram discriminação.")
    assert c.non_opening_comment_due == D(2026, 3, 26)
    with pytest.raises(TransitionDenied, match="may comment until 2026-03-26"):
        fire(session, c, "decide_non_opening", users.president, today=D(2026, 3, 13),
             reason_code="manifestly_unfounded", reason="Arquive-se.")
    fire(session, c, "comment_non_opening", ComplainantActor(c.reference), today=D(2026, 3, 16),
         comment="Discordo: tenho testemunhas.")
    fire(session, c, "decide_non_opening", users.president, today=D(2026, 3, 17),
         reason_code="manifestly_unfounded", reason="Arquive-se.")
    assert (c.state, c.archive_reason) == ("archived", "manifestly_unfounded")
    assert session.scalar(select(func.count()).select_from(Message)
                          .where(Message.direction == "from_complainant")) == 1
    actors = session.scalars(select(AuditEvent.role).where(
        AuditEvent.action == "comment_non_opening")).all()
    assert actors == ["complainant"]


def test_a_police_complaint_is_held_in_triage_until_a_disciplinary_referral_exists(
        session: Any, users: Any) -> None:
    c = triaged(session, users, police=True)
    with pytest.raises(TransitionDenied, match="disciplinary referral"):
        open_proceeding(session, users, c)
    assert c.state == "triage"
    fire(session, c, "request_information", users.officer, today=D(2026, 3, 12),
         question="Sabe o número do agente?")
    fire(session, c, "information_received", ComplainantActor(c.reference),
         today=D(2026, 3, 13), answer="Não sei.")
    draft_referral(session, c, body="igai", purpose="disciplinary", actor=users.officer,
                   summary="Conduta de agente da PSP.")
    with pytest.raises(TransitionDenied, match="has been sent"):  # a draft does not count
        open_proceeding(session, users, c, day=D(2026, 3, 14))
    (referral,) = c.referrals
    fire(session, referral, "approve", users.president, today=D(2026, 3, 14))
    fire(session, referral, "send", users.officer, today=D(2026, 3, 14), sent_on="2026-03-14",
         channel="email")
    open_proceeding(session, users, c, day=D(2026, 3, 14))
    assert c.state == "proceeding_opened"


def test_prescription_ends_an_open_proceeding(session: Any, users: Any) -> None:
    c = triaged(session, users, facts=D(2023, 1, 10), respondent_kind="natural_person")
    p = open_proceeding(session, users, c)
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    assert p.prescription_date == D(2026, 1, 10)  # 3 years from the facts, no interruption
    # Prescription is per respondent (issue 12); the only one prescribing ends the proceeding.
    assert run_due_triggers(session, D(2026, 3, 20)) == [
        f"{p.reference}: prescribe ({p.respondents[0].name})"]
    assert p.respondents[0].stage == "prescribed" and p.state == "prescribed"
    assert c.state == "closed"
    assert all(d.ended_on is not None for d in p.deadlines)


def test_the_prosecutor_returns_the_file_and_a_proceeding_opens(session: Any,
                                                                users: Any) -> None:
    c = triaged(session, users)
    draft_referral(session, c, body="mp", purpose="prosecutor", actor=users.officer,
                   summary="Injúria agravada?")
    fire(session, c, "refer_to_prosecutor", users.president, today=D(2026, 3, 12))
    fire(session, c, "prosecutor_returned", users.officer, today=D(2026, 5, 2),
         outcome="archived", outcome_on="2026-04-30",
         note="Inquérito arquivado; subsiste a contraordenação.")
    assert c.state == "triage"
    open_proceeding(session, users, c, day=D(2026, 5, 4))
    assert c.state == "proceeding_opened"


def test_two_complaints_on_the_same_facts_join_one_proceeding(session: Any,
                                                               users: Any) -> None:
    first = triaged(session, users)
    second = triaged(session, users, facts=D(2026, 3, 1))
    p = open_proceeding(session, users, first)
    open_proceeding(session, users, second, proceeding=p.reference.lower())
    assert second.proceeding_id == p.id
    assert [c.reference for c in p.complaints] == [first.reference, second.reference]
    assert len(p.respondents) == 1  # the same company is one respondent
    assert p.facts_date == D(2026, 3, 1)
    assert session.scalar(select(func.count()).select_from(Proceeding)) == 1
    assert "join_complaint" in events(session, p)


def test_joining_a_missing_proceeding_is_refused_and_nothing_changes(session: Any,
                                                                     users: Any) -> None:
    c = triaged(session, users)
    with pytest.raises(InvalidData) as refused:
        open_proceeding(session, users, c, proceeding="PCO-2026-0999")
    assert "No open proceeding PCO-2026-0999" in refused.value.errors["proceeding"]
    session.refresh(c)
    assert c.state == "triage" and c.proceeding_id is None


def test_forwarding_closes_the_complaint_when_the_body_has_answered(session: Any,
                                                                    users: Any) -> None:
    c = triaged(session, users, context="labour")
    fire(session, c, "forward", users.officer, today=D(2026, 3, 12), body="act",
         reason="Discriminação no trabalho: competência da ACT.")
    (referral,) = c.referrals
    assert (referral.body, referral.state, referral.purpose) == ("act", "draft", "forward")
    for trig, data in [("send", {"sent_on": "2026-03-12", "channel": "email"}),
                       ("answer", {"outcome": "handled", "answered_on": "2026-04-01",
                                   "answer": "Processo aberto na ACT."}),
                       ("close", {})]:
        fire(session, referral, trig, users.officer, today=D(2026, 4, 2), **data)
    assert c.state == "closed"
    assert session.scalars(select(AuditEvent.actor_label).where(
        AuditEvent.action == "close", AuditEvent.subject_type == "complaint")).one() \
        == "system (cascade:close)"


def test_the_complainant_withdraws(session: Any, users: Any) -> None:
    c = factories.complaint(session)
    fire(session, c, "withdraw", ComplainantActor(c.reference), today=D(2026, 3, 11))
    assert (c.state, c.withdrawal_received_on) == ("received", D(2026, 3, 11))  # before the
    fire(session, c, "accept_withdrawal", users.president, today=D(2026, 3, 11))  # president
    assert (c.state, c.archive_reason, c.withdrawal_pending) == ("archived", "withdrawn", False)
    fire(session, c, "reopen", users.president, today=D(2026, 3, 12), reason="Pedido do MP.")
    assert c.state == "triage" and c.archive_reason is None


def test_the_system_actor_alone_fires_system_triggers(session: Any, users: Any) -> None:
    c = triaged(session, users)
    p = open_proceeding(session, users, c)
    with pytest.raises(TransitionDenied, match="system"):
        fire(session, p, "prescribe", users.president, today=D(2030, 1, 1))
    fire(session, p, "prescribe", SystemActor(), today=D(2030, 1, 1))
    assert p.state == "prescribed"
    assert session.scalar(select(func.count()).select_from(Referral)) == 0


def test_deadlines_stop_at_the_prosecutor_and_are_recomputed_on_return(session: Any,
                                                                      users: Any) -> None:
    c = triaged(session, users)
    p = open_proceeding(session, users, c)  # instruction: 90 calendar days from 12 Mar 2026
    (instruction,) = p.deadlines
    # 12 March + 90 days = Wed 10 June, a national holiday: the term moves to Thu 11 June.
    assert instruction.due_on == D(2026, 6, 11)
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    draft_referral(session, p, body="mp", purpose="prosecutor", actor=users.officer,
                   summary="Surgiram indícios de crime.")
    fire(session, p, "send_to_prosecutor", users.president, today=D(2026, 4, 1),
         reason="Indícios de crime de discriminação (art. 240 CP).")
    assert instruction.suspended_since == D(2026, 4, 1)
    fire(session, p, "prosecutor_returned", users.officer, today=D(2026, 5, 1),
         outcome="archived", outcome_on="2026-05-01", note="O MP arquivou o inquérito.")
    # Clock stopped 1-30 April (30 days): the term ends 30 days later than it would have.
    assert instruction.suspended_since is None
    assert instruction.suspension_ranges() == [(D(2026, 4, 1), D(2026, 4, 30))]
    assert instruction.due_on == deadlines.due_date("instruction", D(2026, 3, 12),
                                                    suspensions=[(D(2026, 4, 1),
                                                                  D(2026, 4, 30))])
    assert instruction.due_on == D(2026, 7, 10)
    assert p.suspension_ranges() == [(D(2026, 4, 1), D(2026, 5, 1))]

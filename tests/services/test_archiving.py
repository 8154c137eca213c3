"""Archiving through the president (Lei 93/2017 art. 19, domain.md 3.1): the officer archives
only duplicates; every other reason is proposed by the president, the complainant may comment for
10 working days, then the president decides; a withdrawal goes before the president."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from cicdr.models import AuditEvent, Complaint
from cicdr.services.audit import verify
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.engine.transition import fire
from cicdr.services.queries import history, my_work
from cicdr.services.queries.cases import user_names
from tests import factories
from workflows.complaint import ONLY_DUPLICATES

D = date


def triaged(session: Any, users: Any, **kwargs: Any) -> Complaint:
    c = factories.complaint(session, **kwargs)
    fire(session, c, "start_triage", users.officer, today=D(2026, 3, 11))
    return c


def count_events(session: Any) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def sentence(session: Any, c: Complaint, action: str) -> str:
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type == "complaint", AuditEvent.subject_id == c.id,
        AuditEvent.action == action).order_by(AuditEvent.seq.desc())).first()
    return history.describe(event, user_names(session)).sentence



def waiting_for(session: Any, user: Any, day: date, case: Any) -> set[str] | None:
    """The actions My work's "waiting for you" names for `case`, or None when it is not there."""
    rows = my_work.build(session, user, day)["waiting"].rows
    return next((set(r.actions) for r in rows if r.subject is case), None)

def test_an_officer_cannot_archive_on_the_merits_and_nothing_moves(session: Any,
                                                                    users: Any) -> None:
    c = triaged(session, users)
    version, events = c.version, count_events(session)
    with pytest.raises(InvalidData) as refused:
        fire(session, c, "archive", users.officer, today=D(2026, 3, 12),
             reason_code="manifestly_unfounded", duplicate_of=c.reference)
    assert refused.value.errors["reason_code"] == ONLY_DUPLICATES
    assert "president proposes not to open" in ONLY_DUPLICATES
    session.expire_all()
    assert (c.state, c.archive_reason, c.version) == ("triage", None, version)
    assert count_events(session) == events


def test_a_duplicate_is_archived_joined_to_the_complaint_it_repeats(session: Any,
                                                                     users: Any) -> None:
    original = factories.complaint(session)
    c = triaged(session, users)
    for wrong, message in ((c.reference, "not this one"), ("QN-2026-09999", "no complaint")):
        with pytest.raises(InvalidData, match=message):
            fire(session, c, "archive", users.officer, today=D(2026, 3, 12),
                 reason_code="duplicate", duplicate_of=wrong)
        assert c.state == "triage"
    fire(session, c, "archive", users.officer, today=D(2026, 3, 12), reason_code="duplicate",
         duplicate_of=original.reference.lower())
    assert (c.state, c.archive_reason) == ("archived", "duplicate")
    assert sentence(session, c, "archive") == (
        f"Officer (officer) archived the complaint as a duplicate, joined to {original.reference}.")
    assert verify(session).ok


def test_a_withdrawal_goes_before_the_president_who_archives_it(session: Any,
                                                                 users: Any) -> None:
    c = triaged(session, users)
    fire(session, c, "withdraw", ComplainantActor(c.reference), today=D(2026, 3, 13),
         reason="Já não quero continuar.")
    assert (c.state, c.withdrawal_received_on, c.archive_reason) == ("triage", D(2026, 3, 13),
                                                                     None)
    with pytest.raises(TransitionDenied, match="president first decides"):
        fire(session, c, "forward", users.officer, today=D(2026, 3, 13), body="act",
             reason="Relação laboral.")
    with pytest.raises(TransitionDenied, match="Only the president"):
        fire(session, c, "accept_withdrawal", users.officer, today=D(2026, 3, 13))
    assert waiting_for(session, users.president, D(2026, 3, 14), c) == {
        "Archive after the withdrawal", "Continue ex officio"}
    fire(session, c, "accept_withdrawal", users.president, today=D(2026, 3, 14))
    assert (c.state, c.archive_reason, c.withdrawal_pending) == ("archived", "withdrawn", False)
    assert sentence(session, c, "withdraw").endswith("the president decides whether CICDR "
                                                     "continues.")
    assert waiting_for(session, users.president, D(2026, 3, 15), c) is None


def test_the_president_may_continue_ex_officio_with_a_reason(session: Any, users: Any) -> None:
    c = triaged(session, users)
    fire(session, c, "withdraw", ComplainantActor(c.reference), today=D(2026, 3, 13))
    with pytest.raises(InvalidData, match="required"):
        fire(session, c, "continue_ex_officio", users.president, today=D(2026, 3, 14))
    fire(session, c, "continue_ex_officio", users.president, today=D(2026, 3, 14),
         reason="Prática discriminatória de interesse público: prossegue oficiosamente.")
    assert (c.state, c.withdrawal_pending) == ("triage", False)
    fire(session, c, "forward", users.officer, today=D(2026, 3, 15), body="act",
         reason="Relação laboral.")  # triage goes on as before
    assert c.state == "forwarded"


def test_propose_comment_window_then_decide(session: Any, users: Any) -> None:
    c = triaged(session, users)
    fire(session, c, "propose_non_opening", users.president, today=D(2026, 4, 1),
         reason_code="manifestly_unfounded", reason="Sem indícios de discriminação.")
    # 10 working days from Wednesday 1 April 2026, the day itself not counted: Thu 2 April (1);
    # Fri 3 April is Good Friday (Easter Sunday is 5 April 2026), then the weekend; Mon 6 to
    # Fri 10 April (2-6); Mon 13 to Thu 16 April (7-10): due Thursday 16 April 2026.
    assert c.non_opening_comment_due == D(2026, 4, 16)
    assert c.no_hearing_reason is None
    with pytest.raises(TransitionDenied, match="may comment until 2026-04-16"):
        fire(session, c, "decide_non_opening", users.president, today=D(2026, 4, 16),
             reason_code="manifestly_unfounded", reason="Arquive-se.")
    with pytest.raises(InvalidData, match="Choose one of"):  # a duplicate is not proposed
        fire(session, c, "decide_non_opening", users.president, today=D(2026, 4, 17),
             reason_code="duplicate", reason="Arquive-se.")
    fire(session, c, "decide_non_opening", users.president, today=D(2026, 4, 17),
         reason_code="manifestly_unfounded", reason="Arquive-se.")
    assert (c.state, c.archive_reason) == ("archived", "manifestly_unfounded")


def test_a_comment_ends_the_wait_and_the_president_may_reconsider(session: Any,
                                                                  users: Any) -> None:
    c = triaged(session, users)
    fire(session, c, "propose_non_opening", users.president, today=D(2026, 4, 1),
         reason_code="no_information", reason="Faltam elementos.")
    fire(session, c, "comment_non_opening", ComplainantActor(c.reference), today=D(2026, 4, 2),
         comment="Junto o nome de duas testemunhas.")
    fire(session, c, "reconsider", users.president, today=D(2026, 4, 3),
         reason="Os elementos novos justificam a instrução.")
    assert c.state == "triage"


@pytest.mark.parametrize(("overrides", "why"), [
    ({"complainant": None}, "anonymous"),
    ({"contact_channel": "email",
      "complainant": factories.PartyData(role="complainant", name="Rui Costa",
                                         phone="912345678")},
     "chose to be contacted by e-mail but gave no address"),
])
def test_without_an_address_the_hearing_is_impossible_and_the_president_decides_at_once(
        session: Any, users: Any, overrides: dict[str, Any], why: str) -> None:
    """Art. 19(2) gives the complainant a hearing; with no address to reach them it cannot take
    place, which the proposal records, and no comment window runs."""
    c = triaged(session, users, **overrides)
    fire(session, c, "propose_non_opening", users.president, today=D(2026, 4, 1),
         reason_code="outside_grounds", reason="Conflito de vizinhança.")
    assert why in (c.no_hearing_reason or "")
    assert [d.kind for d in c.deadlines if d.kind == "non_opening_comment"] == []
    assert "could not be asked to comment" in sentence(session, c, "propose_non_opening")
    # No comment window to wait for: the decision waits for the president at once.
    assert "Decide not to open" in (waiting_for(session, users.president, D(2026, 4, 1), c)
                                    or set())
    fire(session, c, "decide_non_opening", users.president, today=D(2026, 4, 1),
         reason_code="outside_grounds", reason="Arquive-se.")
    assert (c.state, c.archive_reason) == ("archived", "outside_grounds")


def test_a_lapsed_information_request_leads_to_a_proposal(session: Any, users: Any) -> None:
    c = triaged(session, users)
    fire(session, c, "request_information", users.officer, today=D(2026, 3, 12),
         question="Pode indicar o local exato?")
    fire(session, c, "propose_non_opening", users.president, today=D(2026, 4, 1),
         reason_code="no_information", reason="O pedido de informação ficou sem resposta.")
    assert c.state == "non_opening_proposed"
    running = [d.kind for d in c.deadlines if d.ended_on is None]
    assert running == ["non_opening_comment"]  # the unanswered request ended

"""Each respondent's own procedure inside one proceeding (issue 12 part 1, part 2's model side,
part 10's audit events): defence terms, decisions, finality and prescription per respondent.

Every date is worked out by hand in the comments (Portuguese holidays skipped: 1 May, Corpus
Christi 4 June 2026, 10 June)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from cicdr.models import AuditEvent, Proceeding, ProceedingRespondent
from cicdr.services.core.actors import SystemActor
from cicdr.services.core.errors import InvalidData
from cicdr.services.engine.scheduler import run_due_triggers
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import PartyData
from tests import factories
from workflows.sanctions import ProposedDecision

D = date
RUI = PartyData(role="respondent", kind="natural_person", name="Rui Lopes")
BAR = PartyData(role="respondent", kind="private_legal_person", name="Bar Azul, Lda.")
FINE_RUI = ProposedDecision("fine", Decimal("1000.00"))
FINE_BAR = ProposedDecision("fine", Decimal("3000.00"))


def _instructed(session: Any, users: Any, facts: date = D(2026, 3, 2)) -> Proceeding:
    """A proceeding against Rui Lopes and Bar Azul, Lda., in instruction since 13 March."""
    c = factories.complaint(session, facts=facts, respondents=[RUI, BAR])
    fire(session, c, "start_triage", users.officer, today=D(2026, 3, 11))
    fire(session, c, "open_proceeding", users.president, today=D(2026, 3, 12),
         instructor=users.officer.id)
    p = c.proceeding
    assert p is not None
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    factories.write_accusations(session, p, users.officer)  # what each accusation states
    return p


def _pair(p: Proceeding) -> tuple[ProceedingRespondent, ProceedingRespondent]:
    rui, bar = p.respondents
    assert (rui.name, bar.name) == ("Rui Lopes", "Bar Azul, Lda.")
    return rui, bar


def _term(p: Proceeding, r: ProceedingRespondent, kind: str) -> Any:
    (found,) = [d for d in p.deadlines if d.kind == kind and d.respondent_id == r.id]
    return found


def _events(session: Any, p: Proceeding, action: str) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type == "proceeding", AuditEvent.subject_id == p.id,
        AuditEvent.action == action).order_by(AuditEvent.seq)))


def _accused_nine_working_days_apart(session: Any, users: Any) -> Proceeding:
    p = _instructed(session, users)
    rui, bar = _pair(p)
    fire(session, p, "notify_accusation", users.officer, today=D(2026, 5, 5),
         respondent=str(rui.id), notified_on="2026-05-05")
    # Tue 5 May + 9 working days: 6, 7, 8, 11, 12, 13, 14, 15, 18 -> Mon 18 May 2026.
    fire(session, p, "notify_accusation", users.officer, today=D(2026, 5, 18),
         respondent=str(bar.id), notified_on="2026-05-18")
    return p


def test_two_respondents_notified_nine_working_days_apart_each_have_their_own_defence(
        session: Any, users: Any) -> None:
    p = _accused_nine_working_days_apart(session, users)
    rui, bar = _pair(p)
    assert p.state == "awaiting_defence" and (rui.stage, bar.stage) == ("accused", "accused")
    # Rui, notified Tue 5 May 2026: 10 working days 6, 7, 8 (3), 11-15 (8), 18, 19 (10)
    # -> Tue 19 May 2026.
    assert (_term(p, rui, "defence").started_on, _term(p, rui, "defence").due_on) == (
        D(2026, 5, 5), D(2026, 5, 19))
    # Bar Azul, notified Mon 18 May 2026: 19-22 (4), 25-29 (9), Mon 1 Jun (10) -> 1 Jun 2026
    # (Corpus Christi is Thu 4 June, after it).
    assert (_term(p, bar, "defence").started_on, _term(p, bar, "defence").due_on) == (
        D(2026, 5, 18), D(2026, 6, 1))
    # Each notification names its respondent in the audit log.
    assert [(e.to_state, json.loads(e.data)["respondent_name"]) for e in _events(
        session, p, "notify_accusation")] == [("awaiting_defence", "Rui Lopes"),
                                              ("awaiting_defence", "Bar Azul, Lda.")]

    # Rui's term lapsed without an answer; the instruction closes and the report goes up.
    fire(session, p, "close_instruction", users.officer, today=D(2026, 5, 20))
    fire(session, p, "submit_report", users.officer, today=D(2026, 5, 20), proposal="Coimas.")
    # A decision dated Thu 21 May: Rui was heard (his term ended on the 19th), Bar Azul may
    # answer until 1 June: its fine is refused, with that reason, and nothing is recorded.
    with pytest.raises(InvalidData) as refused:
        fire(session, p, "decide", users.commissioner, today=D(2026, 5, 21),
             decided_on="2026-05-21", decisions={str(rui.id): FINE_RUI, str(bar.id): FINE_BAR})
    assert list(refused.value.errors) == [f"decisions.{bar.id}"]
    assert "Bar Azul, Lda. may answer the accusation until 2026-06-01" in \
        refused.value.errors[f"decisions.{bar.id}"]
    assert (rui.outcome, bar.outcome, p.state) == (None, None, "awaiting_decision")
    # Rui alone is decided now; Bar Azul waits.
    fire(session, p, "decide", users.commissioner, today=D(2026, 5, 21),
         decided_on="2026-05-21", decisions={str(rui.id): FINE_RUI})
    assert (rui.stage, bar.stage, p.state) == ("decided", "accused", "awaiting_decision")
    fire(session, p, "notify_decision", users.officer, today=D(2026, 5, 25),
         respondent=str(rui.id), notified_on="2026-05-25")
    # Bar Azul answers within its term (Fri 29 May), then is decided on Tue 2 June.
    fire(session, p, "record_defence", users.officer, today=D(2026, 5, 29),
         respondent=str(bar.id), received_on="2026-05-29", summary="Nega os factos.")
    assert _term(p, bar, "defence").ended_by == "record_defence"
    # Rui's term had run out when the instruction closed (20 May): it ended then; Bar Azul's
    # ran on until its answer.
    assert (_term(p, rui, "defence").ended_on, _term(p, rui, "defence").ended_by) == (
        D(2026, 5, 20), "close_instruction")
    fire(session, p, "decide", users.commissioner, today=D(2026, 6, 2),
         decided_on="2026-06-02", decisions={str(bar.id): FINE_BAR})
    # Rui notified, Bar Azul decided: the proceeding is `decided` (not every one notified).
    assert (rui.stage, bar.stage, p.state) == ("notified", "decided", "decided")
    (follow,) = [e for e in _events(session, p, "follow_respondents")
                 if e.to_state == "decided"]
    assert (follow.from_state, follow.role) == ("awaiting_decision", "system")


def _both_notified(session: Any, users: Any) -> Proceeding:
    """Rui decided on Thu 21 May (his term ended on the 19th) and notified on Mon 25 May;
    Bar Azul decided on Tue 2 June (its term ended on the 1st) and notified on Wed 3 June."""
    p = _accused_nine_working_days_apart(session, users)
    rui, bar = _pair(p)
    fire(session, p, "close_instruction", users.officer, today=D(2026, 5, 20))
    fire(session, p, "submit_report", users.officer, today=D(2026, 5, 20), proposal="Coimas.")
    for day, who, fine in ((D(2026, 5, 21), rui, FINE_RUI), (D(2026, 6, 2), bar, FINE_BAR)):
        fire(session, p, "decide", users.commissioner, today=day, decided_on=day.isoformat(),
             decisions={str(who.id): fine})
    for day, who in ((D(2026, 5, 25), rui), (D(2026, 6, 3), bar)):
        fire(session, p, "notify_decision", users.officer, today=day, respondent=str(who.id),
             notified_on=day.isoformat())
    assert p.state == "notified"
    return p


def _at_court(session: Any, p: Proceeding, r: ProceedingRespondent, lodged: date, sent: date,
              admitted: date) -> None:
    """`r`'s appeal lodged, the file sent to court and the appeal admitted, as the appeal and
    court triggers record them (workflows/court.py; tested with them), and the proceeding
    following its respondents as after each of those triggers."""
    appeal = _term(p, r, "appeal")
    appeal.ended_on, appeal.ended_by = lodged, "record_appeal"
    r.stage, r.appeal_lodged_on, r.appeal_sent_on, r.appeal_admitted_on = (
        "at_court", lodged, sent, admitted)
    session.commit()
    if p.summary_state != p.state:
        fire(session, p, "follow_respondents", SystemActor("cascade"), today=admitted)


def test_one_decision_becomes_final_on_its_own_date_while_the_other_is_at_court(
        session: Any, users: Any) -> None:
    p = _both_notified(session, users)
    rui, bar = _pair(p)
    # Rui, notified Mon 25 May 2026: 20 working days 26-29 May (4), 1-3 Jun (7), Corpus
    # Christi Thu 4 Jun skipped, 5 (8), 8, 9 (10), 10 Jun skipped, 11, 12 (12), 15-19 (17),
    # 22, 23, 24 (20) -> Wed 24 June 2026.
    assert _term(p, rui, "appeal").due_on == D(2026, 6, 24)
    # Bar Azul, notified Wed 3 Jun: 5 (1), 8, 9 (3), 11, 12 (5), 15-19 (10), 22-26 (15),
    # 29, 30 Jun, 1, 2, 3 Jul (20) -> Fri 3 July 2026.
    assert _term(p, bar, "appeal").due_on == D(2026, 7, 3)
    _at_court(session, p, bar, D(2026, 6, 15), D(2026, 6, 19), D(2026, 7, 1))
    assert run_due_triggers(session, D(2026, 6, 24)) == []  # Rui's last day to appeal
    assert run_due_triggers(session, D(2026, 6, 25)) == [
        f"{p.reference}: become_final (Rui Lopes)"]
    # Final on Thu 25 June, the day after his term; Bar Azul's case stays at court. His fine
    # is to be paid within 10 days (RGCO art. 88): Sun 5 July -> Mon 6 July 2026.
    assert (rui.stage, rui.final_on, rui.payment_due_on) == ("paying", D(2026, 6, 25),
                                                             D(2026, 7, 6))
    assert _term(p, rui, "appeal").ended_by == "become_final"
    assert (bar.stage, bar.final_on) == ("at_court", None)
    assert p.state == "appealed"  # at court while nobody is undecided
    (event,) = _events(session, p, "become_final")
    assert json.loads(event.data)["respondent_name"] == "Rui Lopes"
    assert json.loads(event.data)["final_on"] == "2026-06-25"
    assert run_due_triggers(session, D(2026, 7, 6)) == []  # Bar Azul appealed: nothing due


def test_prescription_is_per_respondent(session: Any, users: Any) -> None:
    """Facts of Wed 15 Jan 2025 by two respondents whose maximum fine reaches EUR 2,493.99
    (natural person: 10 x IAS 2025 EUR 522.50 = EUR 5,225.00; the company 20 x): 3 years;
    absolute limit 15 Jan 2025 + 4 years 6 months = 15 July 2029."""
    p = _instructed(session, users, facts=D(2025, 1, 15))
    rui, bar = _pair(p)
    assert (p.prescription_for(rui), p.prescription_for(bar)) == (D(2028, 1, 15),) * 2
    # An evidence step interrupts for both: 20 Mar 2026 + 3 years = 20 Mar 2029.
    fire(session, p, "record_evidence", users.officer, today=D(2026, 3, 20), on="2026-03-20",
         summary="Inquirição de testemunha.")
    assert (p.prescription_for(rui), p.prescription_for(bar)) == (D(2029, 3, 20),) * 2
    # Rui's accusation (Mon 6 Apr) and his defence (Tue 14 Apr) interrupt for him only:
    # 14 Apr 2026 + 3 years = 14 Apr 2029; Bar Azul, notified Fri 17 Apr: 17 Apr 2029.
    fire(session, p, "notify_accusation", users.officer, today=D(2026, 4, 6),
         respondent=str(rui.id), notified_on="2026-04-06")
    assert (p.prescription_for(rui), p.prescription_for(bar)) == (D(2029, 4, 6), D(2029, 3, 20))
    fire(session, p, "record_defence", users.officer, today=D(2026, 4, 14),
         respondent=str(rui.id), received_on="2026-04-14", summary="Nega.")
    fire(session, p, "notify_accusation", users.officer, today=D(2026, 4, 17),
         respondent=str(bar.id), notified_on="2026-04-17")
    assert (p.prescription_for(rui), p.prescription_for(bar)) == (D(2029, 4, 14),
                                                                   D(2029, 4, 17))
    assert p.prescription_date == D(2029, 4, 14)  # the earliest still running
    assert rui.interruption_dates() == [D(2026, 4, 6), D(2026, 4, 14)]
    assert p.interruption_dates() == [D(2026, 3, 20)]
    # Bar Azul's term: Fri 17 Apr + 10 working days: 20-24 (5), 27-30 (9), 1 May skipped,
    # Mon 4 May (10). Bar Azul alone is decided (Rui is left for later): the fine of Mon 1
    # June and its notification of Mon 8 June interrupt for Bar Azul only.
    fire(session, p, "close_instruction", users.officer, today=D(2026, 5, 5))
    fire(session, p, "submit_report", users.officer, today=D(2026, 5, 5), proposal="Coima.")
    fire(session, p, "decide", users.commissioner, today=D(2026, 6, 1),
         decided_on="2026-06-01", decisions={str(bar.id): FINE_BAR})
    fire(session, p, "notify_decision", users.officer, today=D(2026, 6, 8),
         respondent=str(bar.id), notified_on="2026-06-08")
    assert (p.prescription_for(rui), p.prescription_for(bar)) == (D(2029, 4, 14),
                                                                   D(2029, 6, 8))
    # Bar Azul appeals; the court admits the appeal on Mon 20 Jul 2026: suspended at most 6
    # months, 20 Jul 2026 .. 19 Jan 2027 = 12 + 31 + 30 + 31 + 30 + 31 + 19 = 184 days. On
    # 1 Feb 2030 (the cap long reached): ordinary end 8 Jun 2029 + 184 days = 9 Dec 2029;
    # absolute limit 15 Jul 2029 + 184 days = 15 Jan 2030; the earlier: 9 Dec 2029.
    _at_court(session, p, bar, D(2026, 6, 22), D(2026, 6, 26), D(2026, 7, 20))
    assert p.prescription_for(bar, D(2030, 2, 1)) == D(2029, 12, 9)
    # On 1 Feb 2030 both dates have passed: Rui is prescribed, Bar Azul (at court) is not.
    assert run_due_triggers(session, D(2030, 2, 1)) == [f"{p.reference}: prescribe (Rui Lopes)"]
    assert (rui.stage, rui.close_reason, rui.closed_on) == ("prescribed", "prescribed",
                                                            D(2030, 2, 1))
    assert bar.stage == "at_court"
    assert p.state == "appealed"  # Rui prescribed, Bar Azul at court
    (event,) = _events(session, p, "prescribe")
    assert json.loads(event.data)["respondent_name"] == "Rui Lopes"
    assert json.loads(event.data)["prescribed_after"] == "2029-04-14"


def test_a_respondent_added_after_the_accusation_gets_their_own(session: Any,
                                                                users: Any) -> None:
    c = factories.complaint(session, facts=D(2026, 3, 2), respondents=[RUI])
    fire(session, c, "start_triage", users.officer, today=D(2026, 3, 11))
    fire(session, c, "open_proceeding", users.president, today=D(2026, 3, 12),
         instructor=users.officer.id)
    p = c.proceeding
    assert p is not None
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    factories.write_accusations(session, p, users.officer)
    fire(session, p, "notify_accusation", users.officer, today=D(2026, 4, 6),
         notified_on="2026-04-06")  # the only respondent: chosen without saying
    fire(session, p, "record_defence", users.officer, today=D(2026, 4, 14),
         received_on="2026-04-14", summary="Pede a inquirição de testemunhas.")
    fire(session, p, "reopen_instruction", users.officer, today=D(2026, 4, 15),
         reason="Testemunhas da defesa.")
    # A second complaint on the same facts names Bar Azul: it joins, not yet accused.
    other = factories.complaint(session, facts=D(2026, 3, 2), respondents=[BAR])
    fire(session, other, "start_triage", users.officer, today=D(2026, 4, 16))
    fire(session, other, "open_proceeding", users.president, today=D(2026, 4, 17),
         proceeding=p.reference)
    rui, bar = _pair(p)
    assert (rui.stage, bar.stage, p.state) == ("accused", "pending", "instruction")
    factories.write_accusations(session, p, users.officer)  # Bar Azul's accusation written
    with pytest.raises(InvalidData, match="Rui Lopes was already notified"):
        fire(session, p, "notify_accusation", users.officer, today=D(2026, 4, 20),
             respondent=str(rui.id), notified_on="2026-04-20")
    fire(session, p, "notify_accusation", users.officer, today=D(2026, 4, 20),
         notified_on="2026-04-20")  # Bar Azul, the only one it is possible for
    # Mon 20 Apr 2026 + 10 working days: 21-24 (4), 27-30 (8), 1 May skipped, 4, 5 May (10)
    # -> Tue 5 May 2026; Rui's own term (6 Apr -> Mon 20 Apr) is untouched.
    assert (bar.stage, _term(p, bar, "defence").due_on) == ("accused", D(2026, 5, 5))
    assert (_term(p, rui, "defence").due_on, _term(p, rui, "defence").ended_by) == (
        D(2026, 4, 20), "record_defence")
    assert p.state == "awaiting_defence"

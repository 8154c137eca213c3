"""Appeal, court, payment and enforcement per respondent (issue 12 parts 5 and 6), through the
engine as staff and the system fire them. Every date and amount is worked out by hand in the
comment beside it.

The common path: a complaint filed Mon 2 March 2026 (facts 20 February 2026); each respondent
notified of the accusation Thu 12 March and answering Mon 16 March; the decision taken Thu
9 April and notified to each respondent Mon 13 April 2026. Appeal term (20 working days from
Mon 13 April): Tue 14 (1), Wed 15, Thu 16, Fri 17 (4), Mon 20 .. Fri 24 (9), Sat 25 April is a
holiday anyway, Mon 27 .. Thu 30 (13), Fri 1 May holiday, Mon 4 .. Fri 8 (18), Mon 11 (19),
Tue 12 May 2026 (20).
"""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal
from typing import Any

import pytest

from cicdr.models import Deadline, Proceeding, ProceedingRespondent, Referral
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.engine.scheduler import run_due_triggers
from cicdr.services.engine.transition import fire
from cicdr.services.queries import my_work
from cicdr.services.queries.publication import published_extracts, sanctions_register
from cicdr.services.queries.respondent_lines import lines
from tests.court_paths import FINE_1000, FINE_2500, TICK, notified
from tests.decisions import ADMONITION, company, person
from workflows.sanctions import ProposedDecision

APPEAL_DUE = D(2026, 5, 12)


def terms(p: Proceeding, r: ProceedingRespondent, kind: str) -> list[Deadline]:
    return [d for d in p.deadlines if d.kind == kind and d.respondent_id == r.id]


def appeal_and_send(session: Any, users: Any, p: Proceeding, r: ProceedingRespondent) -> None:
    """Appeal lodged Thu 30 April, file sent Tue 5 May, admitted by the court Wed 20 May."""
    fire(session, p, "record_appeal", users.officer, today=D(2026, 4, 30), respondent=str(r.id),
         lodged_on="2026-04-30")
    fire(session, p, "send_appeal", users.officer, today=D(2026, 5, 5), respondent=str(r.id),
         sent_on="2026-05-05")
    fire(session, p, "record_appeal_admitted", users.officer, today=D(2026, 5, 20),
         respondent=str(r.id), admitted_on="2026-05-20")


# -- appeal and court ------------------------------------------------------------------------


def test_an_appeal_starts_the_five_working_day_term_to_send_the_file(session: Any,
                                                                     users: Any) -> None:
    p = notified(session, users, [company()], [FINE_2500])
    (r,) = p.respondents
    (appeal,) = terms(p, r, "appeal")
    assert appeal.due_on == APPEAL_DUE
    fire(session, p, "record_appeal", users.officer, today=D(2026, 4, 30), respondent=str(r.id),
         lodged_on="2026-04-30")
    assert (r.stage, r.appeal_lodged_on) == ("appealed", D(2026, 4, 30))
    assert (appeal.ended_on, appeal.ended_by) == (D(2026, 4, 30), "record_appeal")
    # Lodged Thu 30 April: Fri 1 May is a holiday; Mon 4 (1), Tue 5, Wed 6, Thu 7, Fri 8 May (5).
    (send,) = terms(p, r, "appeal_send_mp")
    assert (send.started_on, send.due_on, send.ended_on) == (D(2026, 4, 30), D(2026, 5, 8), None)
    assert p.state == "appealed"
    fire(session, p, "send_appeal", users.officer, today=D(2026, 5, 7), respondent=str(r.id),
         sent_on="2026-05-07")
    assert (r.stage, r.appeal_sent_on) == ("at_court", D(2026, 5, 7))
    assert (send.ended_on, send.ended_by) == (D(2026, 5, 7), "send_appeal")


def test_the_decision_is_revoked_before_the_file_is_sent_and_not_after(session: Any,
                                                                       users: Any) -> None:
    p = notified(session, users, [company(), person()], [FINE_2500, ADMONITION])
    fined, admonished = p.respondents
    for r in (fined, admonished):
        fire(session, p, "record_appeal", users.officer, today=D(2026, 4, 30),
             respondent=str(r.id), lodged_on="2026-04-30")
    # Before the file is sent the Commission may revoke its decision (RGCO art. 62(2)).
    fire(session, p, "revoke_decision", users.commissioner, today=D(2026, 5, 5),
         respondent=str(fined.id), reason="Erro na qualificação dos factos.")
    assert (fined.stage, fined.outcome, fined.amount, fined.revoked_on) == (
        "accused", None, None, D(2026, 5, 5))
    (send,) = terms(p, fined, "appeal_send_mp")
    assert (send.ended_on, send.ended_by) == (D(2026, 5, 5), "revoke_decision")
    # A new decision about them is due: the proceeding waits for it again.
    assert p.state == "awaiting_decision"
    # Once the admonished respondent's file is sent (Thu 7 May), no revocation any more.
    fire(session, p, "send_appeal", users.officer, today=D(2026, 5, 7),
         respondent=str(admonished.id), sent_on="2026-05-07")
    version = p.version
    with pytest.raises((TransitionDenied, InvalidData)) as refused:
        fire(session, p, "revoke_decision", users.commissioner, today=D(2026, 5, 8),
             respondent=str(admonished.id), reason="Tarde demais.")
    assert "The file went to the court on 2026-05-07" in str(refused.value)
    assert "can no longer be revoked (RGCO art. 62(2))" in str(refused.value)
    assert (admonished.stage, admonished.outcome, p.version) == ("at_court", "admonition",
                                                                  version)


def test_an_altered_sanction_replaces_the_fine_everywhere(session: Any, users: Any) -> None:
    p = notified(session, users, [company()], [FINE_2500])
    (r,) = p.respondents
    appeal_and_send(session, users, p, r)
    # The court's new fine is checked like a decision: a legal person in 2026 is fined
    # 4 x 537.13 = 2,148.52 to 20 x 537.13 = 10,742.60.
    with pytest.raises(InvalidData) as refused:
        fire(session, p, "record_court_outcome", users.officer, today=D(2026, 7, 15),
             respondent=str(r.id), outcome="altered", ruled_on="2026-07-15", sanction="fine",
             amount="2000.00")
    assert refused.value.errors == {"sanction": "The fine must be between EUR 2,148.52 and "
                                                "EUR 10,742.60 for a legal person in 2026."}
    fire(session, p, "record_court_outcome", users.officer, today=D(2026, 7, 15),
         respondent=str(r.id), outcome="altered", ruled_on="2026-07-15", sanction="fine",
         amount="2200.00")
    assert (r.outcome, r.amount, r.accessories, r.court_outcome) == (
        "fine", Decimal("2200.00"), None, "altered")
    fire(session, p, "court_ruling_final", users.officer, today=D(2026, 9, 1),
         respondent=str(r.id), final_on="2026-09-01")
    # Final Tue 1 September 2026: 10 calendar days -> Fri 11 September, a working day.
    assert (r.stage, r.final_on, r.payment_due_on, r.outstanding) == (
        "paying", D(2026, 9, 1), D(2026, 9, 11), Decimal("2200.00"))
    (payment,) = terms(p, r, "payment")
    assert (payment.started_on, payment.due_on) == (D(2026, 9, 1), D(2026, 9, 11))
    # The register of sanctioned persons and the public extract show the court's fine.
    (row,) = [x for x in sanctions_register(session) if x.reference == p.reference]
    assert (row.sanction.amount, row.sanction.accessories, row.outstanding, row.final_on) == (
        Decimal("2200.00"), (), Decimal("2200.00"), D(2026, 9, 1))
    assert p.state == "final"
    fire(session, p, "publish", users.officer, today=D(2026, 9, 10), published_on="2026-09-10")
    (extract,) = [e for e in published_extracts(session, D(2026, 9, 10))
                  if e.reference == p.reference]
    assert (extract.sanction.amount, extract.appeal) == (Decimal("2200.00"), "altered")
    # Paying the court's fine settles it: EUR 2,200.00, not the decision's 2,500.00.
    fire(session, p, "record_payment", users.officer, today=D(2026, 9, 11), respondent=str(r.id),
         paid_on="2026-09-11", amount="2200.00")
    assert (r.stage, r.close_reason, r.outstanding) == ("closed", "paid", Decimal("0.00"))
    assert p.state == "closed"


def test_a_decision_returned_by_the_court_needs_a_new_decision(session: Any,
                                                               users: Any) -> None:
    p = notified(session, users, [company()], [FINE_2500])
    (r,) = p.respondents
    appeal_and_send(session, users, p, r)
    fire(session, p, "record_court_outcome", users.officer, today=D(2026, 7, 15),
         respondent=str(r.id), outcome="returned_for_new_decision", ruled_on="2026-07-15")
    assert (r.stage, r.outcome, r.amount, r.court_outcome) == (
        "accused", None, None, "returned_for_new_decision")
    assert p.state == "awaiting_decision"
    fire(session, p, "decide", users.commissioner, today=D(2026, 7, 30), decided_on="2026-07-29",
         decisions={str(r.id): ProposedDecision("fine", Decimal("3000.00"))})
    assert (r.stage, r.amount) == ("decided", Decimal("3000.00"))
    # The new decision is notified (Mon 3 August) and appealed again (Mon 10 August): the court
    # rules on this appeal afresh.
    fire(session, p, "notify_decision", users.officer, today=D(2026, 8, 3), respondent=str(r.id),
         notified_on="2026-08-03")
    fire(session, p, "record_appeal", users.officer, today=D(2026, 8, 10), respondent=str(r.id),
         lodged_on="2026-08-10")
    assert (r.stage, r.court_outcome, r.appeal_sent_on) == ("appealed", None, None)
    fire(session, p, "send_appeal", users.officer, today=D(2026, 8, 12), respondent=str(r.id),
         sent_on="2026-08-12")
    fire(session, p, "record_court_outcome", users.officer, today=D(2026, 10, 1),
         respondent=str(r.id), outcome="confirmed", ruled_on="2026-10-01")
    assert r.court_outcome == "confirmed"


def test_a_further_appeal_then_the_ruling_becomes_final(session: Any, users: Any) -> None:
    p = notified(session, users, [company()], [FINE_2500])
    (r,) = p.respondents
    appeal_and_send(session, users, p, r)
    fire(session, p, "record_court_outcome", users.officer, today=D(2026, 7, 15),
         respondent=str(r.id), outcome="confirmed", ruled_on="2026-07-15")
    fire(session, p, "record_further_appeal", users.officer, today=D(2026, 7, 30),
         respondent=str(r.id), lodged_on="2026-07-30")
    # Before the Relação: still at court, no ruling recorded; not final.
    assert (r.stage, r.court_outcome, r.final_on) == ("at_court", None, None)
    with pytest.raises((TransitionDenied, InvalidData)):
        fire(session, p, "court_ruling_final", users.officer, today=D(2026, 8, 1),
             respondent=str(r.id), final_on="2026-08-01")
    fire(session, p, "record_court_outcome", users.officer, today=D(2026, 11, 10),
         respondent=str(r.id), outcome="confirmed", ruled_on="2026-11-10")
    fire(session, p, "court_ruling_final", users.officer, today=D(2026, 11, 30),
         respondent=str(r.id), final_on="2026-11-30")
    # Final Mon 30 November 2026: + 10 calendar days = Thu 10 December, a working day.
    assert (r.stage, r.final_on, r.payment_due_on) == ("paying", D(2026, 11, 30),
                                                       D(2026, 12, 10))
    assert p.state == "final"


# -- payment and enforcement -----------------------------------------------------------------


def final_fine(session: Any, users: Any) -> tuple[Proceeding, ProceedingRespondent]:
    """A natural person fined EUR 1,000.00 (2026: 537.13 to 5,371.30), not appealed: final
    on Wed 13 May 2026, the day after the appeal term; to pay by Sat 23 May -> Mon 25 May."""
    p = notified(session, users, [person()], [FINE_1000])
    (r,) = p.respondents
    fire(session, p, "become_final", TICK, today=D(2026, 5, 13), respondent=str(r.id))
    assert (r.stage, r.final_on, r.payment_due_on) == ("paying", D(2026, 5, 13),
                                                       D(2026, 5, 25))
    return p, r


def test_an_unpaid_fine_is_due_for_enforcement_after_its_term(session: Any,
                                                             users: Any) -> None:
    p, r = final_fine(session, users)
    fire(session, p, "record_payment", users.officer, today=D(2026, 5, 20), respondent=str(r.id),
         paid_on="2026-05-20", amount="400.00")
    assert (r.stage, r.paid, r.outstanding) == ("paying", Decimal("400.00"), Decimal("600.00"))
    # More than is owed is refused.
    with pytest.raises(InvalidData) as refused:
        fire(session, p, "record_payment", users.officer, today=D(2026, 5, 21),
             respondent=str(r.id), paid_on="2026-05-21", amount="600.01")
    assert refused.value.errors == {"amount": "Enter an amount up to EUR 600.00."}
    # On the term's last day (Mon 25 May) the fine may still be paid.
    with pytest.raises((TransitionDenied, InvalidData)) as early:
        fire(session, p, "refer_for_enforcement", users.president, today=D(2026, 5, 25),
             respondent=str(r.id), summary="Coima não paga.")
    assert "the payment term runs until 2026-05-25" in str(early.value)
    fire(session, p, "refer_for_enforcement", users.president, today=D(2026, 5, 26),
         respondent=str(r.id), summary="Coima não paga: EUR 600,00 em dívida.")
    referral = session.get(Referral, r.enforcement_referral_id)
    assert (referral.body, referral.purpose, referral.state) == ("mp", "enforcement", "draft")
    assert referral.approved_by_id == users.president.id and r.stage == "enforcement"
    # Sent within the MP sending term: Tue 26 May + 10 calendar days = Fri 5 June 2026.
    (send,) = [d for d in referral.deadlines if d.kind == "referral_send_mp"]
    assert send.due_on == D(2026, 6, 5)
    (payment,) = terms(p, r, "payment")
    assert payment.ended_by == "refer_for_enforcement"
    # The prosecutor enforces; when the referral is closed the respondent's procedure ends.
    fire(session, referral, "send", users.officer, today=D(2026, 6, 1), sent_on="2026-06-01",
         channel="email")
    fire(session, referral, "answer", users.officer, today=D(2026, 9, 1), outcome="archived",
         answered_on="2026-09-01", answer="Execução extinta pelo pagamento.")
    fire(session, referral, "close", users.officer, today=D(2026, 9, 2))
    assert (r.stage, r.close_reason, r.closed_on) == ("closed", "enforced", D(2026, 9, 2))


def test_instalments_within_twelve_months_and_a_missed_one(session: Any, users: Any) -> None:
    p, r = final_fine(session, users)
    # Final Wed 13 May 2026: the last instalment may fall on 13 May 2027 at the latest.
    with pytest.raises(InvalidData) as refused:
        fire(session, p, "grant_instalments", users.president, today=D(2026, 5, 20),
             respondent=str(r.id), granted_on="2026-05-20",
             plan="2026-06-30 300\n2026-12-31 300\n2027-05-14 400")
    assert refused.value.errors == {"plan": (
        "The last instalment (2027-05-14) falls after 2027-05-13: it may be at most 12 months "
        "after the decision became final on 2026-05-13 (RGCO art. 88(5)).")}
    fire(session, p, "grant_instalments", users.president, today=D(2026, 5, 20),
         respondent=str(r.id), granted_on="2026-05-20",
         plan="2026-06-30 300\n2026-12-31 300\n2027-05-13 400")
    first, plan = terms(p, r, "payment")
    assert (first.due_on, first.ended_by) == (D(2026, 5, 25), "grant_instalments")
    assert (plan.started_on, plan.due_on, plan.ended_on) == (D(2026, 5, 20), D(2026, 6, 30), None)
    # The 10-day term no longer applies: nothing is due for enforcement on 26 May.
    with pytest.raises((TransitionDenied, InvalidData)) as early:
        fire(session, p, "refer_for_enforcement", users.president, today=D(2026, 5, 26),
             respondent=str(r.id), summary="x")
    assert "the next instalment runs until 2026-06-30" in str(early.value)
    fire(session, p, "record_payment", users.officer, today=D(2026, 6, 29), respondent=str(r.id),
         paid_on="2026-06-29", amount="300.00")
    running = [d for d in terms(p, r, "payment") if d.ended_on is None]
    assert [(d.started_on, d.due_on) for d in running] == [(D(2026, 5, 20), D(2026, 12, 31))]
    # The second instalment (31 December) is missed: enforcement is due from 1 January 2027.
    fire(session, p, "refer_for_enforcement", users.president, today=D(2027, 1, 1),
         respondent=str(r.id), summary="Prestação de 31-12-2026 em falta.")
    assert r.stage == "enforcement"


def test_the_fine_prescribes_later_while_instalments_run(session: Any, users: Any) -> None:
    p, r = final_fine(session, users)
    fire(session, p, "grant_instalments", users.president, today=D(2026, 5, 20),
         respondent=str(r.id), granted_on="2026-05-20", plan="2026-06-30 500\n2027-05-13 500")
    fire(session, p, "record_payment", users.officer, today=D(2026, 6, 30), respondent=str(r.id),
         paid_on="2026-06-30", amount="500.00")
    # EUR 1,000 <= 3,740.98: 1 year from finality (13 May 2026) -> 13 May 2027, plus the days
    # the plan ran: granted 20 May 2026, its last instalment (13 May 2027) missed, so it ran
    # 20 May 2026 .. 13 May 2027: 365 days to 20 May 2027, less 7, plus the first day = 359.
    # 13 May 2027 + 359: May 18 left -> 341; Jun 30 -> 311; Jul 31 -> 280; Aug 31 -> 249;
    # Sep 30 -> 219; Oct 31 -> 188; Nov 30 -> 158; Dec 31 -> 127; Jan 2028 31 -> 96;
    # Feb 2028 29 -> 67; Mar 31 -> 36; Apr 30 -> 6 -> 6 May 2028.
    # The case page shows it, with the next instalment (13 May 2027).
    (line,) = lines(p, D(2026, 7, 1))
    assert (line.fine_prescription, line.payment_due, line.instalments) == (
        D(2028, 5, 6), D(2027, 5, 13), 2)
    assert not any("prescribe_fine" in x for x in run_due_triggers(session, D(2028, 5, 6)))
    assert r.stage == "paying"
    fired = run_due_triggers(session, D(2028, 5, 7))
    assert any("prescribe_fine" in x for x in fired), fired
    assert (r.stage, r.close_reason, r.closed_on) == ("closed", "fine_prescribed",
                                                      D(2028, 5, 7))


def test_two_respondents_fined_and_admonished_are_worked_to_the_end(session: Any,
                                                                    users: Any) -> None:
    """The issue's "done when": one fined and paying in instalments, one admonished,
    appealing and losing; each closes and then the proceeding."""
    p = notified(session, users, [company(), person()], [FINE_2500, ADMONITION])
    fined, admonished = p.respondents
    appeal_and_send(session, users, p, admonished)
    # The fined company did not appeal: final Wed 13 May (the day after its term).
    fire(session, p, "become_final", TICK, today=D(2026, 5, 13), respondent=str(fined.id))
    assert (fined.stage, fined.payment_due_on) == ("paying", D(2026, 5, 25))
    assert p.state == "appealed"  # the other respondent is at court
    fire(session, p, "grant_instalments", users.president, today=D(2026, 5, 20),
         respondent=str(fined.id), granted_on="2026-05-20",
         plan="2026-07-31 1250.00\n2026-11-30 1250.00")
    fire(session, p, "record_payment", users.officer, today=D(2026, 7, 31),
         respondent=str(fined.id), paid_on="2026-07-31", amount="1250.00")
    fire(session, p, "record_court_outcome", users.officer, today=D(2026, 9, 15),
         respondent=str(admonished.id), outcome="confirmed", ruled_on="2026-09-15")
    fire(session, p, "court_ruling_final", users.officer, today=D(2026, 10, 20),
         respondent=str(admonished.id), final_on="2026-10-20")
    assert (admonished.stage, admonished.close_reason) == ("closed", "admonished")
    assert p.state == "final"
    fire(session, p, "publish", users.officer, today=D(2026, 10, 26), published_on="2026-10-26")
    fire(session, p, "record_payment", users.officer, today=D(2026, 11, 27),
         respondent=str(fined.id), paid_on="2026-11-27", amount="1250.00")
    assert (fined.stage, fined.close_reason, fined.closed_on) == ("closed", "paid",
                                                                  D(2026, 11, 27))
    assert p.state == "closed"


def _waiting(session: Any, user: Any, today: D) -> dict[Any, tuple[str, ...]]:
    return {r.subject: r.actions for r in my_work.build(session, user, today)["waiting"].rows}


def test_my_work_shows_an_appeal_to_send_and_a_fine_to_enforce(session: Any,
                                                                users: Any) -> None:
    p, r = final_fine(session, users)
    # Within the payment term (to Mon 25 May) nothing waits for the president.
    assert p not in _waiting(session, users.president, D(2026, 5, 25))
    assert _waiting(session, users.president, D(2026, 5, 26))[p] == ("Refer for enforcement",)
    q = notified(session, users, [company()], [FINE_2500])
    (appellant,) = q.respondents
    assert q not in _waiting(session, users.officer, D(2026, 4, 30))
    fire(session, q, "record_appeal", users.officer, today=D(2026, 4, 30),
         respondent=str(appellant.id), lodged_on="2026-04-30")
    assert _waiting(session, users.officer, D(2026, 4, 30))[q] == (
        "Send the appeal to the prosecutor",)

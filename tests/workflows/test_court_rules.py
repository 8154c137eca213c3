"""The appeal, court and payment rules per respondent (workflows/court.py, payment.py): who each
trigger is possible for, and the refusals with their reasons. Dates worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from tests.workflows.subjects import Proceeding, User
from workflows import workflows
from workflows.court import parse_accessories
from workflows.respondent import RespondentFacts, Stage, why_not
from workflows.sanctions import Accessory
from workflows.spec import InvalidData, TransitionDenied

WF = workflows()["proceeding"]
TODAY = date(2026, 11, 23)
OFFICER, COMMISSIONER = User(1, "officer"), User(3, "commissioner")
AT_COURT = RespondentFacts("1", "Ana, Lda.", Stage.at_court, person="legal", outcome="fine",
                           amount=D("2500.00"), appeal_lodged_on=date(2026, 10, 1),
                           appeal_sent_on=date(2026, 10, 6))


def test_revocation_is_possible_until_the_file_is_sent() -> None:
    appealed = replace(AT_COURT, stage=Stage.appealed, appeal_sent_on=None)
    assert why_not("revoke_decision", appealed, TODAY) is None
    assert why_not("revoke_decision", AT_COURT, TODAY) == (
        "The file went to the court on 2026-10-06: the decision about Ana, Lda. can no longer "
        "be revoked (RGCO art. 62(2)).")
    p = Proceeding(state="appealed", respondent_facts=(AT_COURT,))
    with pytest.raises(TransitionDenied, match="can no longer be revoked"):
        WF.fire(p, "revoke_decision", COMMISSIONER, TODAY, {"reason": "x"})


def test_an_altered_ruling_needs_a_valid_new_sanction_and_only_it_has_one() -> None:
    def ruling(**data: str) -> dict[str, str]:
        p = Proceeding(state="appealed", respondent_facts=(AT_COURT,), facts_year=2026)
        with pytest.raises(InvalidData) as refused:
            WF.fire(p, "record_court_outcome", OFFICER, TODAY,
                    {"ruled_on": "2026-11-20", **data})
        return refused.value.errors

    assert ruling(outcome="altered") == {
        "sanction": "Give the sanction the court applied: a fine or an admonition."}
    # A legal person in 2026: 4 x 537.13 = 2,148.52 to 20 x 537.13 = 10,742.60.
    assert ruling(outcome="altered", sanction="fine", amount="11000") == {
        "sanction": "The fine must be between EUR 2,148.52 and EUR 10,742.60 for a legal "
                    "person in 2026."}
    assert ruling(outcome="confirmed", sanction="fine", amount="3000") == {
        "sanction": "A new sanction is given only when the court altered it."}
    # Ruled before the file was sent (6 October): refused.
    assert ruling(outcome="confirmed", ruled_on="2026-10-05") == {
        "ruled_on": "The sending of the file was on 2026-10-06: this date cannot be earlier."}
    p = Proceeding(state="appealed", respondent_facts=(AT_COURT,), facts_year=2026)
    record = WF.fire(p, "record_court_outcome", OFFICER, TODAY,
                     {"outcome": "altered", "ruled_on": "2026-11-20", "sanction": "fine",
                      "amount": "3000", "accessories": "public_tenders_ban 6"})
    assert record.data["respondent"] == "1" and record.dest == "appealed"


def test_accessories_are_typed_one_per_line() -> None:
    assert parse_accessories("public_tenders_ban 6\n\nloss_of_objects\nfairs_markets_ban x") == [
        Accessory("public_tenders_ban", 6), Accessory("loss_of_objects", None),
        Accessory("fairs_markets_ban", -1)]


def test_a_ruling_final_starts_the_payment_term_of_an_upheld_fine() -> None:
    ruled = replace(AT_COURT, court_outcome="confirmed", court_ruled_on=date(2026, 11, 2))
    p = Proceeding(state="appealed", respondent_facts=(ruled,))
    record = WF.fire(p, "court_ruling_final", OFFICER, TODAY, {"final_on": "2026-11-20"})
    # Final Fri 20 November 2026: + 10 calendar days = Mon 30 November, a working day.
    assert [(d.kind, d.start, d.due) for d in record.started] == [
        ("payment", date(2026, 11, 20), date(2026, 11, 30))]
    annulled = replace(ruled, court_outcome="annulled")
    p = Proceeding(state="appealed", respondent_facts=(annulled,))
    assert WF.fire(p, "court_ruling_final", OFFICER, TODAY,
                   {"final_on": "2026-11-20"}).started == ()


def test_the_payment_rules_say_why_not() -> None:
    paying = RespondentFacts("2", "Bento", Stage.paying, outcome="fine", amount=D("1000.00"),
                             final_on=date(2026, 11, 2), payment_due_on=date(2026, 11, 12))
    # The term's last day (Thu 12 November) is still in time; from the 13th enforcement is due.
    assert why_not("refer_for_enforcement", paying, date(2026, 11, 12)) == (
        "Bento may still pay: the payment term runs until 2026-11-12.")
    assert why_not("refer_for_enforcement", paying, date(2026, 11, 13)) is None
    assert why_not("refer_for_enforcement", replace(paying, paid=D("1000.00")),
                   date(2026, 11, 13)) == "Bento owes nothing."
    planned = replace(paying, instalments='[{"due_on": "2027-01-31", "amount": "1000.00"}]')
    assert why_not("grant_instalments", planned, TODAY) == (
        "Instalments were already granted to Bento.")
    assert why_not("refer_for_enforcement", planned, date(2026, 11, 13)) == (
        "Bento may still pay: the next instalment runs until 2027-01-31.")
    assert why_not("prescribe_fine", replace(paying, fine_prescription_date=date(2027, 11, 2)),
                   date(2027, 11, 2)) == "Bento's fine prescribes after 2027-11-02."
    assert why_not("prescribe_fine", replace(paying, fine_prescription_date=date(2027, 11, 2)),
                   date(2027, 11, 3)) is None
    assert why_not("close_enforcement", replace(paying, stage=Stage.enforcement),
                   TODAY) == "Bento's enforcement is not closed."

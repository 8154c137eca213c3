"""The prosecutor's answers and the instruction's extension, in the legal core alone."""

from __future__ import annotations

from datetime import date

import pytest

from tests.workflows.subjects import Complaint, Proceeding, User
from workflows import TransitionDenied, complaint, proceeding
from workflows.guards import PROSECUTOR_OUTCOMES
from workflows.spec import InvalidData

TODAY = date(2026, 7, 20)
OFFICER, PRESIDENT = User(1, "officer"), User(2, "president")
ANSWER = {"outcome": "archived", "outcome_on": "2026-07-15"}


def test_the_outcome_codes_are_the_six_of_the_issue_and_the_mp_referral_answers_with_them() -> None:
    from workflows.referral import outcomes_for

    assert PROSECUTOR_OUTCOMES == ("inquiry_opened", "archived", "charged", "convicted",
                                   "acquitted", "returned")
    assert outcomes_for("mp") == PROSECUTOR_OUTCOMES


@pytest.mark.parametrize(("wf", "subject", "dest"), [
    (complaint.WORKFLOW, Complaint, "triage"), (proceeding.WORKFLOW, Proceeding, "instruction")])
def test_a_closed_case_comes_back_only_when_the_prosecutor_had_taken_it(
        wf: object, subject: type, dest: str) -> None:
    taken = subject(state="closed", closed_by_prosecutor=True)
    record = wf.fire(taken, "prosecutor_returned", OFFICER, TODAY, ANSWER)  # type: ignore[attr-defined]
    assert (record.source, record.dest) == ("closed", dest)
    assert record.data["outcome_on"] == date(2026, 7, 15)
    other = subject(state="closed", closed_by_prosecutor=False)
    with pytest.raises(TransitionDenied, match="closed because the prosecutor took it"):
        wf.fire(other, "prosecutor_returned", OFFICER, TODAY, ANSWER)  # type: ignore[attr-defined]
    assert other.state == "closed"


@pytest.mark.parametrize("trigger", ["prosecutor_returned", "prosecutor_took_over"])
def test_the_prosecutors_answer_needs_its_code_and_date(trigger: str) -> None:
    p = Proceeding(state="suspended_at_prosecutor")
    with pytest.raises(InvalidData) as refused:
        proceeding.WORKFLOW.fire(p, trigger, OFFICER, TODAY, {"note": "Arquivado."})
    assert set(refused.value.errors) == {"outcome", "outcome_on"}
    assert p.state == "suspended_at_prosecutor"


def test_each_answer_offers_the_codes_that_fit_it() -> None:
    p = Proceeding(state="suspended_at_prosecutor")
    with pytest.raises(InvalidData) as refused:  # a charge does not send the file back
        proceeding.WORKFLOW.fire(p, "prosecutor_returned", OFFICER, TODAY,
                                 {**ANSWER, "outcome": "charged"})
    assert "archived, acquitted, returned" in refused.value.errors["outcome"]
    with pytest.raises(InvalidData):  # nor does the MP take over what it returns
        proceeding.WORKFLOW.fire(p, "prosecutor_took_over", OFFICER, TODAY,
                                 {**ANSWER, "outcome": "returned"})


def test_the_answer_cannot_predate_the_sending_of_the_file() -> None:
    p = Proceeding(state="suspended_at_prosecutor", suspended_since=date(2026, 4, 1))
    with pytest.raises(InvalidData) as refused:
        proceeding.WORKFLOW.fire(p, "prosecutor_returned", OFFICER, TODAY,
                                 {**ANSWER, "outcome_on": "2026-03-31"})
    assert "went to the prosecutor on 2026-04-01" in refused.value.errors["outcome_on"]
    proceeding.WORKFLOW.fire(p, "prosecutor_returned", OFFICER, TODAY,
                             {**ANSWER, "outcome_on": "2026-04-01"})  # the same day is fine
    assert p.state == "instruction"


def test_the_president_extends_a_running_instruction_term_from_its_end() -> None:
    p = Proceeding(state="instruction", instruction_due=date(2026, 6, 11))
    with pytest.raises(TransitionDenied, match="president"):
        proceeding.WORKFLOW.fire(p, "extend_instruction", OFFICER, TODAY, {"reason": "x"})
    with pytest.raises(InvalidData) as refused:
        proceeding.WORKFLOW.fire(p, "extend_instruction", PRESIDENT, TODAY, {})
    assert "required" in refused.value.errors["reason"]
    record = proceeding.WORKFLOW.fire(p, "extend_instruction", PRESIDENT, date(2026, 6, 1),
                                      {"reason": "Aguarda-se relatório da inspeção."})
    # 60 calendar days from Thu 11 June 2026 (the instruction's due date, not the day of the
    # order): 19 days to 30 June, 31 to 31 July, 10 more -> Mon 10 August 2026.
    assert [(d.kind, d.start, d.due) for d in record.started] == [
        ("instruction_extension", date(2026, 6, 11), date(2026, 8, 10))]
    assert record.stopped == ("instruction",) and p.state == "instruction"
    p.instruction_due = None  # the term was extended once: nothing left to extend
    with pytest.raises(TransitionDenied, match="instruction term is not running"):
        proceeding.WORKFLOW.fire(p, "extend_instruction", PRESIDENT, TODAY, {"reason": "x"})

"""The data checks declared on triggers refuse before the machine moves; the instruction phase."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from tests.workflows.subjects import Complaint, Proceeding, User
from workflows import workflows
from workflows.proceeding import INSTRUCTION_TRIGGERS
from workflows.respondent import RespondentFacts, Stage
from workflows.spec import InvalidData

TODAY = date(2026, 11, 23)
PAYING_100 = RespondentFacts("3", "Carla", Stage.paying, outcome="fine", amount=D("100.00"),
                             final_on=date(2026, 11, 1))
OFFICER, PRESIDENT = User(1, "officer"), User(2, "president")


@pytest.mark.parametrize(("subject", "trigger", "actor", "data", "errors"), [
    (Complaint(state="triage", assignee_id=7), "assign", OFFICER, {"assignee": "7"},
     {"assignee": "The complaint is already assigned to this officer."}),
    (Proceeding(state="instruction", instructor_id=50), "transfer", PRESIDENT,
     {"instructor": "50", "reason": "x"},
     {"instructor": "This officer already instructs the proceeding."}),
    (Proceeding(state="instruction", pending_requests=frozenset({3})), "record_evidence",
     OFFICER, {"on": "2026-11-20", "summary": "x", "answers": "4"},
     {"answers": "Choose a pending request from the list."}),
    (Proceeding(state="final", respondent_facts=(PAYING_100,)), "record_payment", OFFICER,
     {"respondent": "2", "paid_on": "2026-11-20", "amount": "9"},
     {"respondent": "Not a respondent of this proceeding."}),
    (Proceeding(state="final", respondent_facts=(
        RespondentFacts("1", "Ana", Stage.closed), PAYING_100)),
     "record_payment", OFFICER, {"respondent": "1", "paid_on": "2026-11-20", "amount": "10"},
     {"respondent": "Ana owes nothing now: only a final fine that is unpaid is paid."}),
    # Owed by respondent 3: 100.00; 100.01 is one cent too much.
    (Proceeding(state="final", respondent_facts=(PAYING_100,)), "record_payment", OFFICER,
     {"respondent": "3", "paid_on": "2026-11-20", "amount": "100.01"},
     {"amount": "Enter an amount up to EUR 100.00."}),
    (Proceeding(state="final", respondent_facts=(RespondentFacts(
        "3", "Carla", Stage.paying, outcome="fine", amount=D("50.00"), paid=D("9.50")),)),
     "record_payment", OFFICER, {"respondent": "3", "paid_on": "2026-11-20", "amount": "0"},
     {"amount": "Enter an amount up to EUR 40.50."}),
])
def test_a_declared_check_refuses_and_the_state_stays(subject: object, trigger: str,
                                                      actor: User, data: dict[str, str],
                                                      errors: dict[str, str]) -> None:
    wf = workflows()[subject.WORKFLOW]  # type: ignore[attr-defined]
    before = subject.state  # type: ignore[attr-defined]
    with pytest.raises(InvalidData) as refused:
        wf.fire(subject, trigger, actor, TODAY, data)
    assert refused.value.errors == errors
    assert subject.state == before and wf.machine.models == []  # type: ignore[attr-defined]


def test_a_caller_check_runs_after_the_declared_ones_and_before_the_machine() -> None:
    wf = workflows()["complaint"]
    subject, seen = Complaint(state="received"), []

    def check(ctx: object) -> dict[str, str]:
        seen.append(ctx.data)  # type: ignore[attr-defined]
        return {"assignee": "Choose an active officer."}

    with pytest.raises(InvalidData, match="active officer"):
        wf.fire(subject, "assign", OFFICER, TODAY, {"assignee": "3"}, check=check)
    assert seen == [{"assignee": 3}] and subject.state == "received"  # cleaned data, no move
    with pytest.raises(InvalidData, match="required"):  # a field error: the check never runs
        wf.fire(subject, "assign", OFFICER, TODAY, {"assignee": ""}, check=check)
    assert len(seen) == 1
    wf.fire(subject, "start_triage", OFFICER, TODAY, check=lambda ctx: {})
    assert subject.state == "triage"


def test_the_instruction_log_is_the_instruction_phase_without_the_endings() -> None:
    # domain.md 3.2: from opening to the final report; written out by hand, in table order.
    assert INSTRUCTION_TRIGGERS == (
        "transfer", "start_instruction", "extend_instruction", "request_entity_information",
        "request_inspection", "record_evidence", "send_to_prosecutor", "prosecutor_returned",
        "notify_accusation", "record_defence", "reopen_instruction", "close_instruction",
        "submit_report")
    # The MP taking over and prescription end the proceeding: they are not instruction steps.
    assert "prosecutor_took_over" not in INSTRUCTION_TRIGGERS
    assert "prescribe" not in INSTRUCTION_TRIGGERS

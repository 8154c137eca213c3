"""Each respondent's own procedure in the legal core (issue 12): the rules per respondent, the
proceeding's state as the summary of its respondents, and the graph with respondents."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.workflows.subjects import Proceeding, User
from workflows import InvalidData, available_triggers, workflows
from workflows.respondent import (
    RespondentFacts,
    Stage,
    eligible,
    is_per_respondent,
    summary_state,
    why_not,
)
from workflows.sanctions import ProposedDecision

TODAY = date(2026, 11, 23)  # a Monday
WF = workflows()["proceeding"]
OFFICER, PRESIDENT, COMMISSIONER, SYSTEM = (User(1, "officer"), User(2, "president"),
                                            User(3, "commissioner"), User(None, "system"))
P, A, D, N, AP, AC, F, PY, C, X = (Stage.pending, Stage.accused, Stage.decided, Stage.notified,
                                   Stage.appealed, Stage.at_court, Stage.final, Stage.paying,
                                   Stage.closed, Stage.prescribed)


@pytest.mark.parametrize(("stages", "current", "condemnatory", "expected"), [
    # Before the decision the proceeding's own triggers move it...
    ((P, A), "instruction", False, "instruction"),
    ((A, A), "report", False, "report"),
    # ...unless every respondent is time-barred.
    ((X, X), "awaiting_defence", False, "prescribed"),
    # One respondent left out of the decision (or sent back): a decision is still due.
    ((D, A), "awaiting_decision", False, "awaiting_decision"),
    ((N, A), "notified", True, "awaiting_decision"),
    ((D, D), "awaiting_decision", False, "decided"),
    ((N, D), "decided", False, "decided"),
    ((N, N), "decided", False, "notified"),
    ((N, F), "notified", True, "notified"),
    # At court while nobody is undecided, whatever the others' stage.
    ((AP, N), "notified", True, "appealed"),
    ((AC, D), "decided", True, "appealed"),
    ((AC, F), "appealed", True, "appealed"),
    # Final when everyone is final or beyond (or prescribed).
    ((F, C), "appealed", True, "final"),
    ((F, X), "notified", True, "final"),
    ((PY, C), "published", True, "published"),
    # Closed when everyone is closed and a condemnatory decision was published.
    ((C, C), "notified", False, "closed"),
    ((C, X), "final", False, "closed"),
    ((C, C), "final", True, "final"),
    ((C, C), "published", True, "closed"),
    # An end stays an end.
    ((A, A), "closed", False, "closed"),
])
def test_the_proceeding_summarises_its_respondents(stages: tuple[Stage, ...], current: str,
                                                   condemnatory: bool, expected: str) -> None:
    assert summary_state(stages, current, condemnatory=condemnatory) == expected


def test_the_proceeding_follows_its_respondents() -> None:
    """`follow_respondents` moves exactly where the summary says, from the states declared."""
    moves = {(t["source"], t["dest"]) for t in (
        x for x in _changes() if x["trigger"] == "follow_respondents")}
    decision_phase = {"awaiting_decision", "decided", "notified", "appealed"}
    expected = {(s, d) for d in decision_phase for s in decision_phase if s != d}
    expected |= {(s, "final") for s in decision_phase}
    expected |= {(s, "closed") for s in decision_phase | {"final", "published"}}
    expected |= {(s, "prescribed") for s in (
        "opened", "instruction", "suspended_at_prosecutor", "awaiting_defence", "report",
        *decision_phase, "final", "published")}
    assert moves == expected
    subject = Proceeding(state="notified", follows="final")
    record = WF.fire(subject, "follow_respondents", SYSTEM, TODAY)
    assert (record.source, record.dest) == ("notified", "final")
    # Nothing to follow: not even offered.
    assert "follow_respondents" not in {o.name for o in available_triggers(
        Proceeding(state="notified"), SYSTEM, TODAY)}


def _changes() -> list[dict[str, str]]:
    from workflows.edges import state_changes

    return state_changes(WF)


ANA = RespondentFacts("1", "Ana", Stage.accused, accusation_notified_on=date(2026, 11, 20),
                      defence_due=date(2026, 12, 7))


def test_a_sanction_needs_the_respondents_own_defence_opportunity() -> None:
    # Fri 20 Nov 2026 + 10 working days (1 and 8 Dec are holidays): Mon 7 Dec 2026.
    assert not ANA.heard(date(2026, 12, 7))  # the last day to answer
    assert "Ana may answer the accusation until 2026-12-07" in ANA.why_not_sanctioned(
        date(2026, 12, 7))
    assert ANA.heard(date(2026, 12, 9))  # 8 Dec is a holiday, but the term ended on the 7th
    assert replace(ANA, defence_received_on=date(2026, 11, 27)).heard(date(2026, 11, 27))
    never = replace(ANA, stage=Stage.pending, accusation_notified_on=None, defence_due=None)
    assert "only a dismissal is possible" in never.why_not_sanctioned(TODAY)


def test_the_decision_form_refuses_a_fine_before_the_respondents_term_lapsed() -> None:
    bento = RespondentFacts("2", "Bento", Stage.accused, accusation_notified_on=date(2026, 11, 3),
                            defence_due=date(2026, 11, 17))
    subject = Proceeding(state="awaiting_decision", respondent_facts=(ANA, bento),
                         respondent_people={"1": ("natural", False), "2": ("natural", False)})
    fine = ProposedDecision("fine", Decimal("1000.00"))
    with pytest.raises(InvalidData) as refused:
        WF.fire(subject, "decide", COMMISSIONER, TODAY,
                {"decided_on": "2026-11-23", "decisions": {"1": fine, "2": fine}})
    assert list(refused.value.errors) == ["decisions.1"]
    # Judged on the decision's date, not the day it is recorded: Bento's term ran until Tue 17
    # Nov, so a decision dated that day is void for him too.
    later = Proceeding(state="awaiting_decision", respondent_facts=(bento,),
                       respondent_people={"2": ("natural", False)})
    with pytest.raises(InvalidData, match="Bento may answer the accusation until 2026-11-17"):
        WF.fire(later, "decide", COMMISSIONER, date(2026, 12, 1),
                {"decided_on": "2026-11-17", "decisions": {"2": fine}})
    assert list(refused.value.errors) == ["decisions.1"]
    assert "Ana may answer the accusation until 2026-12-07" in refused.value.errors["decisions.1"]
    # Bento alone (Ana left out, to be decided later) is decidable; a dismissal of Ana too.
    WF.fire(subject, "decide", COMMISSIONER, TODAY,
            {"decided_on": "2026-11-23", "decisions": {"2": fine}})
    WF.fire(subject, "decide", COMMISSIONER, TODAY,
            {"decided_on": "2026-11-23", "decisions": {"1": ProposedDecision("dismissal")}})
    with pytest.raises(InvalidData, match="at least one respondent"):
        WF.fire(subject, "decide", COMMISSIONER, TODAY, {"decided_on": "2026-11-23",
                                                         "decisions": {}})


def test_a_per_respondent_action_is_offered_for_whom_it_is_possible() -> None:
    bento = RespondentFacts("2", "Bento", Stage.pending)
    subject = Proceeding(state="awaiting_defence", respondent_facts=(ANA, bento))
    assert [r.id for r in eligible(subject.respondent_facts, "notify_accusation", TODAY)] == ["2"]
    with pytest.raises(InvalidData) as refused:
        WF.fire(subject, "notify_accusation", OFFICER, TODAY,
                {"respondent": "1", "notified_on": "2026-11-23"})
    assert refused.value.errors == {"respondent": "Ana was already notified of the accusation."}
    record = WF.fire(subject, "notify_accusation", OFFICER, TODAY, {"notified_on": "2026-11-23"})
    assert record.data["respondent"] == "2"  # the only one it is possible for
    # Mon 23 Nov 2026 + 10 working days: 24-27 Nov (4), 30 Nov, 2, 3, 4 Dec (8; 1 Dec is a
    # holiday), 7, 9 Dec (10; 8 Dec is a holiday) -> Wed 9 Dec 2026.
    assert [(d.kind, d.due) for d in record.started] == [("defence", date(2026, 12, 9))]
    assert is_per_respondent(WF.triggers["notify_accusation"])
    assert not is_per_respondent(WF.triggers["close_instruction"])


def test_an_appealed_respondent_is_not_prescribed_meanwhile() -> None:
    late = date(2026, 1, 1)
    at_court = RespondentFacts("1", "Ana", Stage.at_court, prescription_date=late)
    assert "at court" in (why_not("prescribe", at_court, TODAY) or "")
    assert why_not("prescribe", replace(at_court, stage=Stage.notified), TODAY) is None
    assert "no longer running" in (why_not("prescribe", replace(at_court, stage=Stage.final),
                                           TODAY) or "")


def test_closing_the_instruction_before_every_accusation_needs_a_reason() -> None:
    subject = Proceeding(state="instruction", respondent_facts=(
        replace(ANA, defence_due=date(2026, 11, 5)), RespondentFacts("2", "Bento")))
    with pytest.raises(InvalidData) as refused:
        WF.fire(subject, "close_instruction", OFFICER, TODAY, {})
    assert "Notify the accusation to Bento" in refused.value.errors["reason"]
    WF.fire(subject, "close_instruction", OFFICER, TODAY, {"reason": "Bento não foi encontrado."})
    assert subject.state == "report"
    # Each respondent's defence opportunity is guarded at their decision (issue 12; the design
    # of the per-respondent model): the instruction may close while Ana's own term runs, and a
    # fine for her is refused until it has (test_the_decision_form_refuses_...).
    running = Proceeding(state="awaiting_defence", respondent_facts=(ANA,))
    WF.fire(running, "close_instruction", OFFICER, TODAY, {})
    assert running.state == "report"


# -- the graph with respondents ------------------------------------------------------------------


@dataclass(frozen=True)
class Joint:
    """A proceeding with two respondents, as far as its workflow can tell them apart."""

    state: str = "opened"
    stages: tuple[str, ...] = (Stage.pending, Stage.pending)
    outcomes: tuple[str | None, ...] = (None, None)
    answered: tuple[bool, ...] = (False, False)
    paid: tuple[bool, ...] = (False, False)
    ruled: tuple[bool, ...] = (False, False)  # the court ruled on their appeal


def _subject(j: Joint, prescribes: date) -> Proceeding:
    """The workflow's view of `j` long after every term began: terms lapsed."""
    facts = tuple(RespondentFacts(
        str(i + 1), f"R{i + 1}", Stage(stage), outcome=j.outcomes[i],
        accusation_notified_on=None if stage == Stage.pending else date(2026, 1, 5),
        defence_due=None if stage == Stage.pending else date(2026, 1, 19),
        defence_received_on=date(2026, 1, 12) if j.answered[i] else None,
        appeal_due=date(2026, 6, 1) if stage == Stage.notified else None,
        prescription_date=prescribes,
        # The appeal, the court and the payment (workflows/court.py, payment.py): the file
        # was sent, the fine is final and its term (or the enforcement) over.
        decision_notified_on=date(2026, 5, 1), appeal_lodged_on=date(2026, 5, 20),
        appeal_sent_on=date(2026, 5, 25) if stage == Stage.at_court else None,
        court_outcome="confirmed" if j.ruled[i] else None,
        court_ruled_on=date(2026, 7, 1) if j.ruled[i] else None,
        amount=Decimal("100.00") if j.outcomes[i] == "fine" else None,
        paid=Decimal("100.00") if j.paid[i] else Decimal("0"),
        final_on=date(2026, 6, 2) if stage in (Stage.paying, Stage.enforcement) else None,
        payment_due_on=date(2026, 6, 12) if stage == Stage.paying else None,
        enforcement_closed=stage == Stage.enforcement) for i, stage in enumerate(j.stages))
    condemnatory = any(o in ("fine", "admonition") for o in j.outcomes)
    fined = {str(i + 1): Decimal("100.00") for i, o in enumerate(j.outcomes)
             if o == "fine" and not j.paid[i]}
    subject = Proceeding(state=j.state, respondent_facts=facts, is_condemnatory=condemnatory,
                         defence_recorded=any(j.answered), fines_settled=not fined,
                         fines_outstanding=fined, closed_by_prosecutor=False,
                         respondent_people={"1": ("natural", False), "2": ("natural", False)})
    subject.follows = summary_state(j.stages, j.state, condemnatory=condemnatory)
    return subject


def _firings(subject: Proceeding) -> list[tuple[User, str, dict[str, Any]]]:
    """Every allowed firing (actor, trigger, data), one per respondent or decision."""
    found = []
    for actor in (OFFICER, PRESIDENT, COMMISSIONER, SYSTEM):
        for option in available_triggers(subject, actor, TODAY):
            if not option.allowed or option.name in QUIET:
                continue
            data = {f.name: SAMPLE.get(f.kind, f.choices[0] if f.choices else "x")
                    for f in option.trigger.fields if f.kind not in ("respondent", "decisions")
                    and (f.required or option.name != "record_court_outcome")}
            if option.name == "decide":
                for r in subject.respondent_facts:
                    for outcome in ("fine", "admonition", "dismissal"):
                        amount = Decimal("1000.00") if outcome == "fine" else None
                        found.append((actor, "decide", {**data, "decisions": {
                            r.id: ProposedDecision(outcome, amount)}}))
            elif option.name == "record_payment":
                found += [(actor, "record_payment", {**data, "respondent": rid,
                                                     "amount": "100.00"})
                          for rid in subject.fines_outstanding]
            elif is_per_respondent(option.trigger):
                found += [(actor, option.name, {**data, "respondent": r.id})
                          for r in eligible(subject.respondent_facts, option.name, TODAY)]
            else:
                found.append((actor, option.name, data))
    return found


QUIET = {"transfer", "extend_instruction", "request_entity_information", "request_inspection",
         "record_evidence"}  # they change nothing the graph follows
SAMPLE = {"date": "2026-11-20", "amount": "100.00", "user": "1", "reference": "x"}
STAGE_AFTER = {"notify_accusation": Stage.accused, "notify_decision": Stage.notified,
               "prescribe": Stage.prescribed, "record_appeal": Stage.appealed,
               "send_appeal": Stage.at_court, "refer_for_enforcement": Stage.enforcement,
               "close_enforcement": Stage.closed}
AFTER_THE_DECISION = {"dismissal": Stage.closed, "admonition": Stage.closed,
                      "fine": Stage.paying}


def _after(j: Joint, trigger: str, data: dict[str, Any], state: str) -> Joint:
    """What the engine's effects do to the respondents (cicdr/services/engine/respondents.py)."""
    stages, outcomes = list(j.stages), list(j.outcomes)
    answered, paid, ruled = list(j.answered), list(j.paid), list(j.ruled)
    i = int(data["respondent"]) - 1 if "respondent" in data else None
    if i is not None and trigger in STAGE_AFTER:
        stages[i] = STAGE_AFTER[trigger]
    elif i is not None and trigger == "record_defence":
        answered[i] = True
    elif i is not None and trigger == "record_payment":  # the whole fine: closed
        paid[i], stages[i] = True, Stage.closed
    elif i is not None and trigger in ("become_final", "court_ruling_final"):
        stages[i], ruled[i] = AFTER_THE_DECISION[outcomes[i] or "dismissal"], False
    elif i is not None and trigger == "revoke_decision":
        stages[i], outcomes[i] = Stage.accused, None
    elif i is not None and trigger == "record_court_outcome":
        ruled[i] = True
    elif i is not None and trigger == "record_further_appeal":
        ruled[i] = False
    elif trigger == "decide":
        ((rid, decision),) = data["decisions"].items()
        stages[int(rid) - 1], outcomes[int(rid) - 1] = Stage.decided, decision.outcome
    elif trigger == "close":
        stages = [s if s in (Stage.closed, Stage.prescribed) else Stage.closed for s in stages]
    return Joint(state, tuple(stages), tuple(outcomes), tuple(answered), tuple(paid),
                 tuple(ruled))


def _step(j: Joint, prescribes: date) -> set[Joint]:
    following = set()
    for actor, trigger, data in _firings(_subject(j, prescribes)):
        subject = _subject(j, prescribes)
        try:
            WF.fire(subject, trigger, actor, TODAY, data)
        except InvalidData:
            continue  # e.g. a fine for a respondent never accused
        after = _after(j, trigger, data, subject.state)
        moved = _subject(after, prescribes)
        if moved.follows != moved.state:  # the engine's follow-up
            WF.fire(moved, "follow_respondents", SYSTEM, TODAY)
            after = replace(after, state=moved.state)
        following.add(after)
    return following


@pytest.mark.parametrize("prescribes", [date(2031, 1, 1), date(2026, 1, 1)],
                         ids=["running", "time-barred"])
def test_from_every_state_a_proceeding_with_respondents_can_reach_an_end(
        prescribes: date) -> None:
    """Explore every state two respondents and their proceeding can reach through the
    workflow (every term lapsed, every choice of decision) and check that an end (closed or
    prescribed) is reachable from each: no dead end."""
    start = Joint()
    graph: dict[Joint, set[Joint]] = {}
    todo = deque([start])
    while todo:
        j = todo.popleft()
        if j in graph:
            continue
        graph[j] = set() if j.state in WF.terminal else _step(j, prescribes)
        todo.extend(graph[j] - graph.keys())
    ends = {j for j in graph if j.state in WF.terminal}
    can_end = set(ends)
    changed = True
    while changed:
        more = {j for j, nxt in graph.items() if j not in can_end and nxt & can_end}
        changed, can_end = bool(more), can_end | more
    stuck = [j for j in graph if j not in can_end]
    assert stuck == []
    # The exploration went through every phase, with the respondents apart.
    states = {j.state for j in graph}
    assert {"awaiting_defence", "awaiting_decision", "decided", "notified", "final",
            "closed"} <= states
    assert any(j.stages == (Stage.paying, Stage.notified) for j in graph)
    assert any(j.stages == (Stage.at_court, Stage.paying) for j in graph)
    assert any(Stage.enforcement in j.stages for j in graph)
    assert any(j.state == "closed" and set(j.outcomes) == {"fine", "admonition"} for j in ends)

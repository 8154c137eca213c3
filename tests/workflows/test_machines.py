"""The three machines against domain.md section 3: states, triggers, roles, guards, adapters."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from tests.workflows.subjects import Complaint, Proceeding, Referral, User
from workflows import TransitionDenied, available_triggers, workflows
from workflows.respondent import RespondentFacts, Stage
from workflows.spec import InvalidData, Role

TODAY = date(2026, 11, 23)
ROLES = Role.ALL

# domain.md section 3, written out independently of workflows/ so that a drift fails here.
SPEC_STATES = {
    "complaint": {"received", "triage", "awaiting_information", "non_opening_proposed",
                  "referred_to_prosecutor", "forwarded", "proceeding_opened", "archived",
                  "closed"},
    "proceeding": {"opened", "instruction", "suspended_at_prosecutor", "awaiting_defence",
                   "report", "awaiting_decision", "decided", "notified", "appealed", "final",
                   "published", "prescribed", "closed"},
    "referral": {"draft", "sent", "acknowledged", "answered", "closed"},
}
O, P, C, CP, SYS = "officer", "president", "commissioner", "complainant", "system"  # noqa: E741
OPEN_COMPLAINT = {"received", "triage", "awaiting_information", "non_opening_proposed",
                  "referred_to_prosecutor", "forwarded", "proceeding_opened"}
WITHDRAWABLE = ("received", "triage", "awaiting_information", "non_opening_proposed")
# The president's triggers on a withdrawal: offered only once the complainant withdrew.
ON_WITHDRAWAL = {"accept_withdrawal", "continue_ex_officio"}
# trigger -> (roles, {source states} -> dest)
OPEN_PROCEEDING = {"opened", "instruction", "suspended_at_prosecutor", "awaiting_defence",
                   "report", "awaiting_decision", "decided", "notified", "appealed", "final",
                   "published"}
DECISION_PHASE = ("awaiting_decision", "decided", "notified", "appealed")
# Triggers the spec names as actions without an id (see README "Triggers added to the spec"):
# proceeding `transfer` (assignment and transfer, issue 4) and referral `approve` (the president
# approves referrals to bodies other than the MP that need it, e.g. IGAI).
# Every state in which some respondent may be past the decision (workflows.court).
AFTER_DECISION = {s: s for s in ("awaiting_decision", "decided", "notified", "appealed", "final",
                                 "published")}
SPEC = {
    "complaint": {
        "assign": ({O}, {s: s for s in OPEN_COMPLAINT}),
        "start_triage": ({O}, {"received": "triage"}),
        "request_information": ({O}, {"triage": "awaiting_information"}),
        "information_received": ({O, CP}, {"awaiting_information": "triage"}),
        "record_no_disciplinary_referral": ({P}, {"triage": "triage"}),
        "propose_non_opening": ({P}, {"triage": "non_opening_proposed",
                                      "awaiting_information": "non_opening_proposed"}),
        "comment_non_opening": ({CP}, {"non_opening_proposed": "non_opening_proposed"}),
        "decide_non_opening": ({P}, {"non_opening_proposed": "archived"}),
        "reconsider": ({P}, {"non_opening_proposed": "triage"}),
        "refer_to_prosecutor": ({P}, {"triage": "referred_to_prosecutor"}),
        # RGCO art. 40: the MP may return a file it concluded (the offence subsists).
        "prosecutor_returned": ({O, P}, {"referred_to_prosecutor": "triage",
                                         "closed": "triage"}),
        "prosecutor_concluded": ({O, P}, {"referred_to_prosecutor": "closed"}),
        "forward": ({O}, {"triage": "forwarded"}),
        "open_proceeding": ({P}, {"triage": "proceeding_opened"}),
        "archive": ({O, P}, {s: "archived" for s in
                             ("received", "triage", "awaiting_information")}),
        # Lei 93/2017 art. 19: the withdrawal is recorded and put before the president.
        "withdraw": ({CP}, {s: s for s in WITHDRAWABLE}),
        "accept_withdrawal": ({P}, {s: "archived" for s in WITHDRAWABLE}),
        "continue_ex_officio": ({P}, {s: s for s in WITHDRAWABLE}),
        "reopen": ({P}, {"archived": "triage"}),
        "close": ({SYS}, {"forwarded": "closed", "proceeding_opened": "closed"}),
        # Its proceeding, taken over by the MP and closed, came back: the complaint follows.
        "resume_with_proceeding": ({SYS}, {"closed": "proceeding_opened"}),
    },
    "proceeding": {
        "transfer": ({P}, {s: s for s in OPEN_PROCEEDING}),
        "start_instruction": ({O}, {"opened": "instruction"}),
        "extend_instruction": ({P}, {s: s for s in ("opened", "instruction",
                                                    "awaiting_defence")}),
        "request_entity_information": ({O}, {"instruction": "instruction"}),
        "request_inspection": ({O}, {"instruction": "instruction"}),
        "record_evidence": ({O}, {"instruction": "instruction"}),
        "send_to_prosecutor": ({P}, {"instruction": "suspended_at_prosecutor"}),
        # Not terminal (RGCO arts 38, 40): the MP may return a file it took over.
        "prosecutor_returned": ({O, P}, {"suspended_at_prosecutor": "instruction",
                                         "closed": "instruction"}),
        "prosecutor_took_over": ({O, P}, {"suspended_at_prosecutor": "closed"}),
        # Each respondent's own procedure (issue 12): these act on one respondent and the
        # proceeding stays where it is; `follow_respondents` then moves it to the state its
        # respondents' stages give. The first accusation opens the defence phase.
        "notify_accusation": ({O}, {"instruction": "awaiting_defence",
                                    "awaiting_defence": "awaiting_defence"}),
        "record_defence": ({O}, {s: s for s in (
            "instruction", "awaiting_defence", "report", "awaiting_decision")}),
        "reopen_instruction": ({O}, {"awaiting_defence": "instruction"}),
        "close_instruction": ({O}, {"instruction": "report", "awaiting_defence": "report"}),
        "submit_report": ({O}, {"report": "awaiting_decision"}),
        "decide": ({C}, {"awaiting_decision": "awaiting_decision"}),
        "notify_decision": ({O}, {s: s for s in DECISION_PHASE}),
        # Per respondent (workflows/court.py, payment.py): the respondent's stage moves, the
        # proceeding's state follows its respondents (a summary), so these stay put.
        "record_appeal": ({O}, AFTER_DECISION),
        "revoke_decision": ({C, P}, AFTER_DECISION),
        "send_appeal": ({O}, AFTER_DECISION),
        "record_appeal_admitted": ({O}, AFTER_DECISION),
        "record_court_outcome": ({O}, AFTER_DECISION),
        "record_further_appeal": ({O}, AFTER_DECISION),
        "court_ruling_final": ({O}, AFTER_DECISION),
        "grant_instalments": ({P}, AFTER_DECISION),
        "refer_for_enforcement": ({P}, AFTER_DECISION),
        "close_enforcement": ({SYS}, AFTER_DECISION),
        "prescribe_fine": ({SYS}, AFTER_DECISION),
        "become_final": ({SYS}, {s: s for s in DECISION_PHASE}),
        "publish": ({O, P}, {"final": "published"}),
        "record_payment": ({O}, AFTER_DECISION),
        "close": ({P, SYS}, {"published": "closed"}),  # from final only when not condemnatory
        "prescribe": ({SYS}, {s: s for s in (
            "opened", "instruction", "suspended_at_prosecutor", "awaiting_defence", "report",
            "awaiting_decision", "decided", "notified", "appealed")}),
        # One move per source here (every one: test_the_proceeding_follows_its_respondents).
        "follow_respondents": ({SYS}, {s: "prescribed" for s in OPEN_PROCEEDING}),
    },
    "referral": {
        "approve": ({P}, {"draft": "draft"}),
        "send": ({O}, {"draft": "sent"}),
        "remind": ({O}, {"sent": "sent"}),
        "acknowledge": ({O}, {"sent": "acknowledged"}),
        "answer": ({O}, {"sent": "answered", "acknowledged": "answered"}),
        "close": ({O}, {"answered": "closed"}),
    },
}
SUBJECTS = {"complaint": Complaint, "proceeding": Proceeding, "referral": Referral}


def test_the_legal_core_imports_without_flask_or_sqlalchemy() -> None:
    code = ("import sys, workflows, workflows.complaint, workflows.proceeding, "
            "workflows.referral, workflows.deadlines, workflows.prescription, "
            "workflows.sanctions, workflows.docs; workflows.workflows(); "
            "print([m for m in ('flask', 'sqlalchemy', 'flask_sqlalchemy', 'werkzeug') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(SPEC))
def test_every_state_and_trigger_of_the_spec_exists(name: str) -> None:
    wf = workflows()[name]
    assert {s.value for s in wf.states} == SPEC_STATES[name]
    assert set(wf.triggers) == set(SPEC[name])


def _cases() -> list[tuple[str, str, str, str]]:
    return [(wf, state, trig, role) for wf in SPEC for state in sorted(SPEC_STATES[wf])
            for trig in SPEC[wf] for role in ROLES]


@pytest.mark.parametrize(("wf", "state", "trig", "role"), _cases())
def test_state_trigger_role_is_allowed_exactly_as_the_spec_says(
        wf: str, state: str, trig: str, role: str) -> None:
    subject = SUBJECTS[wf](state=state)
    if wf == "proceeding" and trig == "close" and state == "final":
        subject.is_condemnatory = False
    if wf == "referral" and trig == "approve":  # awaiting approval, drafted by someone else
        subject.approved, subject.drafted_by_id = False, 99
    if wf == "complaint" and trig in ON_WITHDRAWAL:
        subject.withdrawal_pending = True
    roles, moves = SPEC[wf][trig]
    if trig == "follow_respondents" and state in moves:  # the respondents give another state
        subject.follows = moves[state]
    if wf == "proceeding" and trig == "close":
        moves = {**moves, "final": "closed"}
    actor = User(1, role)
    expected = role in roles and state in moves
    options = {o.name: o for o in available_triggers(subject, actor, TODAY)}
    option = options.get(trig)
    assert (option is not None and option.allowed) is expected, option
    if not expected and option is not None:
        assert option.reason  # every blocked action says why


def test_fired_trigger_moves_to_the_spec_destination_and_leaves_no_model_registered() -> None:
    for name, table in SPEC.items():
        wf = workflows()[name]
        for trig, (roles, moves) in table.items():
            for source, dest in moves.items():
                subject = SUBJECTS[name](state=source)
                if name == "referral" and trig == "approve":
                    subject.approved, subject.drafted_by_id = False, 99
                if name == "complaint" and trig in ON_WITHDRAWAL:
                    subject.withdrawal_pending = True
                if trig == "follow_respondents":
                    subject.follows = dest
                actor = User(1, sorted(roles)[0])
                data = _data_for(name, trig)
                if not _fireable_without_db(name, trig):
                    continue
                record = wf.fire(subject, trig, actor, TODAY, data)
                assert (record.source, record.dest, subject.state) == (source, dest, dest)
                assert wf.machine.models == []


def _fireable_without_db(name: str, trig: str) -> bool:
    return not (name == "proceeding" and trig == "decide")


# The respondent of `subjects.Proceeding` a trigger possible for several of them acts on.
RESPONDENT_FOR = {"record_payment": "8", "grant_instalments": "8", "refer_for_enforcement": "8"}


def _data_for(name: str, trig: str) -> dict[str, object]:
    data: dict[str, object] = {}
    for f in workflows()[name].triggers[trig].fields:
        if f.kind == "respondent" and not f.required and trig not in RESPONDENT_FOR:
            continue  # the one respondent the trigger is possible for is taken
        data[f.name] = {"text": "x", "date": "2026-11-20", "amount": "10",
                        "user": "1", "reference": "1",
                        "respondent": RESPONDENT_FOR.get(trig, "1"),
                        "choice": f.choices[0] if f.choices else ""}.get(f.kind)
        if not f.required and trig == "record_court_outcome":
            data[f.name] = None  # confirmed: no new sanction
    if trig == "grant_instalments":
        data["plan"] = "2026-12-01 100.00"
    if name == "referral" and trig == "answer":
        data["outcome"] = "archived"
    if name == "complaint" and trig == "open_proceeding":
        data["proceeding"] = ""
    return data


def test_a_failed_firing_leaves_no_model_registered_and_the_state_unchanged() -> None:
    wf = workflows()["complaint"]
    subject = Complaint(state="triage", is_police_related=True,
                        sent_disciplinary_bodies=frozenset())
    with pytest.raises(TransitionDenied):
        wf.fire(subject, "forward", User(1, O), TODAY, {"body": "act", "reason": "labour"})
    assert subject.state == "triage"
    assert wf.machine.models == []


def test_police_guard_blocks_leaving_triage_until_a_disciplinary_referral_exists() -> None:
    subject = Complaint(state="triage", is_police_related=True,
                        sent_disciplinary_bodies=frozenset())
    president = User(2, P)
    options = {o.name: o for o in available_triggers(subject, president, TODAY)}
    for trig in ("open_proceeding", "propose_non_opening", "refer_to_prosecutor"):
        assert not options[trig].allowed
        assert "disciplinary referral" in options[trig].reason
    assert options["record_no_disciplinary_referral"].allowed
    officer_options = {o.name: o for o in available_triggers(subject, User(1, O), TODAY)}
    assert officer_options["request_information"].allowed  # the one way out that stays open
    subject.sent_disciplinary_bodies = frozenset({"igai"})  # sent to PSP's oversight body
    options = {o.name: o for o in available_triggers(subject, president, TODAY)}
    assert options["open_proceeding"].allowed
    waived = Complaint(state="triage", sent_disciplinary_bodies=frozenset(),
                       disciplinary_referral_waived=True)
    assert {o.name: o for o in available_triggers(waived, president, TODAY)}[
        "open_proceeding"].allowed


def test_non_opening_can_be_decided_only_after_the_window_or_a_comment() -> None:
    subject = Complaint(state="non_opening_proposed", non_opening_comment_due=date(2026, 12, 7))
    option = {o.name: o for o in available_triggers(subject, User(2, P), TODAY)}[
        "decide_non_opening"]
    assert not option.allowed
    assert "2026-12-07" in option.reason
    subject.complainant_commented = True
    assert {o.name: o for o in available_triggers(subject, User(2, P), TODAY)}[
        "decide_non_opening"].allowed
    late = Complaint(state="non_opening_proposed", non_opening_comment_due=date(2026, 11, 22))
    assert {o.name: o for o in available_triggers(late, User(2, P), TODAY)}[
        "decide_non_opening"].allowed


def test_nobody_approves_a_prosecutor_referral_they_drafted() -> None:
    subject = Complaint(state="triage", prosecutor_draft_by=2)
    option = {o.name: o for o in available_triggers(subject, User(2, P), TODAY)}[
        "refer_to_prosecutor"]
    assert not option.allowed and "separation of duties" in option.reason
    none = Complaint(state="triage", prosecutor_draft_by=None)
    option = {o.name: o for o in available_triggers(none, User(2, P), TODAY)}[
        "refer_to_prosecutor"]
    assert not option.allowed and "draft the referral" in option.reason


def test_the_instructor_cannot_record_the_decision() -> None:
    subject = Proceeding(state="awaiting_decision", instructor_id=7)
    option = {o.name: o for o in available_triggers(subject, User(7, C), TODAY)}["decide"]
    assert not option.allowed and "separation of duties" in option.reason
    assert {o.name: o for o in available_triggers(subject, User(8, C), TODAY)}["decide"].allowed


ANA = RespondentFacts("1", "Ana", Stage.notified, appeal_due=date(2026, 12, 1),
                      prescription_date=date(2027, 1, 1))


@pytest.mark.parametrize(("trig", "state", "fact", "value", "words"), [
    ("become_final", "notified", "respondent_facts", (ANA,),
     "Ana's appeal window runs until 2026-12-01"),
    ("prescribe", "instruction", "respondent_facts",
     (replace(ANA, stage=Stage.accused),), "Ana's procedure prescribes after 2027-01-01"),
    ("prescribe", "appealed", "respondent_facts", (replace(ANA, stage=Stage.appealed),),
     "not prescribed while the court decides"),
    ("publish", "final", "is_condemnatory", False, "condemnatory"),
    ("reopen_instruction", "awaiting_defence", "defence_recorded", False, "Record the defence"),
])
def test_proceeding_guard_gives_its_reason(trig: str, state: str, fact: str, value: object,
                                           words: str) -> None:
    subject = Proceeding(state=state, defence_due=date(2026, 12, 1))
    setattr(subject, fact, value)
    role = SYS if trig in ("become_final", "prescribe") else O
    option = {o.name: o for o in available_triggers(subject, User(1, role), TODAY)}[trig]
    assert not option.allowed
    assert words in option.reason


def test_a_prosecutor_referral_is_sent_only_once_approved() -> None:
    subject = Referral(state="draft", body="mp", approved=False)
    option = {o.name: o for o in available_triggers(subject, User(1, O), TODAY)}["send"]
    assert not option.allowed and "president approves" in option.reason


def test_an_igai_referral_is_approved_by_someone_other_than_its_drafter_before_sending() -> None:
    draft = Referral(state="draft", body="igai", approved=False, drafted_by_id=2)
    send = {o.name: o for o in available_triggers(draft, User(1, O), TODAY)}["send"]
    assert not send.allowed and "president must approve" in send.reason
    own = {o.name: o for o in available_triggers(draft, User(2, P), TODAY)}["approve"]
    assert not own.allowed and "separation of duties" in own.reason
    assert {o.name: o for o in available_triggers(draft, User(3, P), TODAY)}["approve"].allowed
    draft.approved = True
    assert {o.name: o for o in available_triggers(draft, User(1, O), TODAY)}["send"].allowed


def test_bodies_needing_approval_are_configuration_and_the_mp_always_needs_it() -> None:
    from workflows import referral

    act = Referral(state="draft", body="act", approved=False, drafted_by_id=2)
    approve = {o.name: o for o in available_triggers(act, User(3, P), TODAY)}["approve"]
    assert not approve.allowed and "needs no approval" in approve.reason
    mp = Referral(state="draft", body="mp", approved=False, drafted_by_id=2)
    approve = {o.name: o for o in available_triggers(mp, User(3, P), TODAY)}["approve"]
    assert not approve.allowed and "from the complaint or proceeding" in approve.reason
    from workflows.tables import DEFAULT_TABLES

    act_only = DEFAULT_TABLES.with_approval(["act"])
    assert referral.needs_approval("act", tables=act_only)
    assert referral.needs_approval("mp", tables=act_only)
    assert not referral.needs_approval("igai", tables=act_only)
    approve = {o.name: o for o in available_triggers(act, User(3, P), TODAY,
                                                     tables=act_only)}["approve"]
    assert approve.allowed
    with pytest.raises(ValueError, match="Unknown referral bodies"):
        DEFAULT_TABLES.with_approval(["nobody"])
    assert referral.needs_approval("igai") and not referral.needs_approval("act")


def test_role_refusal_names_who_may_act_and_auditors_never_change_anything() -> None:
    for name, cls in SUBJECTS.items():
        for state in SPEC_STATES[name]:
            for role in (Role.AUDITOR, Role.ADMIN):
                assert not any(o.allowed for o in available_triggers(cls(state=state),
                                                                     User(5, role), TODAY))
    option = {o.name: o for o in available_triggers(Complaint(state="triage"), User(1, O),
                                                    TODAY)}["open_proceeding"]
    assert option.reason == "Only the president may do this."


def test_missing_data_is_refused_per_field_and_changes_nothing() -> None:
    wf = workflows()["complaint"]
    subject = Complaint(state="triage")
    with pytest.raises(InvalidData) as caught:
        wf.fire(subject, "archive", User(1, O), TODAY, {"reason_code": "lost_it"})
    assert "reason_code" in caught.value.errors
    assert subject.state == "triage"
    with pytest.raises(InvalidData) as caught:
        wf.fire(subject, "open_proceeding", User(2, P), TODAY, {})
    assert caught.value.errors == {"instructor": "Choose the instructor of the new proceeding."}


def test_a_recorded_date_cannot_lie_in_the_future() -> None:
    wf = workflows()["proceeding"]
    subject = Proceeding(state="instruction")
    with pytest.raises(InvalidData) as caught:
        wf.fire(subject, "notify_accusation", User(1, O), TODAY, {"notified_on": "2026-12-01"})
    assert caught.value.errors["notified_on"] == "The date cannot be in the future."


def test_starting_a_term_computes_its_due_date() -> None:
    wf = workflows()["proceeding"]
    subject = Proceeding(state="instruction")
    record = wf.fire(subject, "notify_accusation", User(1, O), TODAY,
                     {"notified_on": "2026-11-20"})
    (started,) = record.started
    # Fri 20 Nov 2026 + 10 working days: 23-27 Nov (5), 30 Nov, 2, 3, 4 Dec (1 and 8 Dec are
    # holidays), 7 Dec -> Mon 7 Dec 2026.
    assert (started.kind, started.start, started.due) == ("defence", date(2026, 11, 20),
                                                          date(2026, 12, 7))


def test_workflow_description_is_plain_json() -> None:
    text = json.dumps({n: w.describe() for n, w in workflows().items()})
    assert '"decide"' in text and '"commissioner"' in text

"""The administrative-offence proceeding (processo de contraordenação), domain.md section 3.2.

A proceeding subject exposes these facts to the guards:

- `state`, `instructor_id` (separation of duties: the instructor cannot decide),
- `prosecutor_draft_by` (drafter of the pending referral to the MP, or None),
- `respondent_facts` (or `respondent_facts_on(today)`): one `workflows.respondent.
  RespondentFacts` per respondent (their stage, dates, terms and prescription date as of the
  day): each respondent has their own procedure, and the
  per-respondent triggers (those with a `respondent` field) act on one of them,
- `summary_state`: the state the respondents' stages give (`workflows.respondent.summary_state`),
  which the system trigger `follow_respondents` moves the proceeding to,
- `publication_started`: a publication term exists,
- `defence_recorded` (some respondent's defence is recorded), `prescription_date` (the
  earliest of the respondents' still running, or None),
- `respondent_people`: respondent id (str) -> (person, negligent), person "natural" or "legal",
- `facts_year` (the IAS year for fine bounds), `is_condemnatory`, `fines_settled`,
- `pending_requests`: ids of the information requests and inspections still running,
- `fines_outstanding`: respondent id (str) -> amount still owed, for each fined respondent,
- `suspended_since`: the day the file went to the prosecutor while it is there (or None),
- `closed_by_prosecutor`: closed because the prosecutor took the proceeding over,
- `instruction_due`: the due date of the running instruction term (None when not running).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workflows import court, labels, payment, sanctions
from workflows import respondent as each
from workflows.engine import Workflow
from workflows.guards import (
    RETURN_OUTCOMES,
    TAKE_OVER_OUTCOMES,
    closed_by_prosecutor,
    not_own_draft,
    prosecutor_answer,
    prosecutor_draft_exists,
)
from workflows.pco_states import (
    COMMISSIONER,
    OFFICER,
    PRESIDENT,
    SYSTEM,
    S,
    State,
    condemnatory,
)
from workflows.spec import Context, Field, Guard, Start, a_date, text, trigger
from workflows.text import N_, join

# Prescription of the procedure runs until the decision is final.
OPEN = [S.opened, S.instruction, S.suspended_at_prosecutor, S.awaiting_defence, S.report,
        S.awaiting_decision, S.decided, S.notified, S.appealed, S.final, S.published]
PRESCRIBABLE = [S.opened, S.instruction, S.suspended_at_prosecutor, S.awaiting_defence, S.report,
                S.awaiting_decision, S.decided, S.notified, S.appealed]
COURT_OUTCOMES = court.COURT_OUTCOMES
# A respondent's defence statement is recorded whenever it arrives before the decision.
ANSWERABLE = [S.instruction, S.awaiting_defence, S.report, S.awaiting_decision]
# Complaints join a proceeding only while its evidence is being gathered.
OPEN_FOR_JOINING = (S.opened.value, S.instruction.value)
# The terms an answer recorded as evidence may end (`record_evidence` with `answers`).
REQUEST_TERMS = ("entity_information", "inspection")

# -- guards --------------------------------------------------------------------------------------

not_instructor = Guard(
    "not_instructor",
    lambda c: c.actor.id is None or c.actor.id != c.subject.instructor_id,
    N_("You instruct this proceeding: its decision must be recorded by another commissioner "
    "(separation of duties)."),
)
defence_recorded = Guard(
    "defence_recorded",
    lambda c: c.subject.defence_recorded,
    N_("Record the defence first."),
)
undecided_respondent = Guard(
    "undecided_respondent",
    lambda c: any(r.stage in each.UNDECIDED for r in each.facts_of(c)),
    N_("Every respondent's decision is recorded."),
)
not_condemnatory = Guard(
    "not_condemnatory",
    lambda c: not c.subject.is_condemnatory,
    N_("A condemnatory decision must be published before the proceeding closes."),
)
fines_settled = Guard(
    "fines_settled",
    lambda c: c.subject.fines_settled,
    N_("Fines are still unpaid: record the payments first."),
)
instruction_term_running = Guard(
    "instruction_term_running",
    lambda c: c.subject.instruction_due is not None,
    N_("The instruction term is not running: it was already extended, or it ended."),
)


def _follows(dest: State) -> Guard:
    return Guard(f"respondents_give_{dest.value}", lambda c: c.subject.summary_state == dest,
                 N_("The respondents' stages do not make the proceeding %(state)s.",
                    state=labels.state_label(dest.value)))


out_of_step = Guard(
    "out_of_step",
    lambda c: c.subject.summary_state != c.subject.state,
    N_("The proceeding's state already follows its respondents."),
)
# Each state the respondents' stages may take the proceeding to (workflows.respondent.
# summary_state), from where: once every respondent is final it moves on only to its end.
DECISION_PHASE = [S.awaiting_decision, S.decided, S.notified, S.appealed]
FOLLOWS = {
    S.awaiting_decision: [S.decided, S.notified, S.appealed],
    S.decided: [S.awaiting_decision, S.notified, S.appealed],
    S.notified: [S.awaiting_decision, S.decided, S.appealed],
    S.appealed: [S.awaiting_decision, S.decided, S.notified],
    S.final: DECISION_PHASE,
    S.closed: [*DECISION_PHASE, S.final, S.published],
    S.prescribed: [s for s in OPEN if s != S.prescribed],
}

# -- transitions ---------------------------------------------------------------------------------

TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "transfer", "source": OPEN, "dest": None},
    {"trigger": "start_instruction", "source": S.opened, "dest": S.instruction},
    {"trigger": "extend_instruction", "source": [S.opened, S.instruction, S.awaiting_defence],
     "dest": None, "conditions": [instruction_term_running]},
    {"trigger": "request_entity_information", "source": S.instruction, "dest": None},
    {"trigger": "request_inspection", "source": S.instruction, "dest": None},
    {"trigger": "record_evidence", "source": S.instruction, "dest": None},
    {"trigger": "send_to_prosecutor", "source": S.instruction, "dest": S.suspended_at_prosecutor,
     "conditions": [prosecutor_draft_exists, not_own_draft]},
    {"trigger": "prosecutor_returned", "source": S.suspended_at_prosecutor, "dest": S.instruction},
    {"trigger": "prosecutor_returned", "source": S.closed, "dest": S.instruction,
     "conditions": [closed_by_prosecutor]},
    {"trigger": "prosecutor_took_over", "source": S.suspended_at_prosecutor, "dest": S.closed},
    # Each respondent's own procedure (domain.md 3.2): these triggers act on one respondent
    # (their `respondent` field) and the proceeding follows (`follow_respondents`).
    {"trigger": "notify_accusation", "source": S.instruction, "dest": S.awaiting_defence,
     "conditions": [each.for_some_respondent("notify_accusation")]},
    {"trigger": "notify_accusation", "source": S.awaiting_defence, "dest": None,
     "conditions": [each.for_some_respondent("notify_accusation")]},
    {"trigger": "record_defence", "source": ANSWERABLE, "dest": None,
     "conditions": [each.for_some_respondent("record_defence")]},
    {"trigger": "reopen_instruction", "source": S.awaiting_defence, "dest": S.instruction,
     "conditions": [defence_recorded]},
    # The defence opportunity is guarded where it matters, per respondent: the decision
    # (`decisions_errors`); the instruction may close while a respondent's term still runs.
    {"trigger": "close_instruction", "source": [S.instruction, S.awaiting_defence],
     "dest": S.report},
    {"trigger": "submit_report", "source": S.report, "dest": S.awaiting_decision},
    {"trigger": "decide", "source": S.awaiting_decision, "dest": None,
     "conditions": [not_instructor, undecided_respondent]},
    {"trigger": "notify_decision", "source": DECISION_PHASE, "dest": None,
     "conditions": [each.for_some_respondent("notify_decision")]},
    {"trigger": "become_final", "source": DECISION_PHASE, "dest": None,
     "conditions": [each.for_some_respondent("become_final")]},
    {"trigger": "publish", "source": S.final, "dest": S.published, "conditions": [condemnatory]},
    {"trigger": "close", "source": S.final, "dest": S.closed, "conditions": [not_condemnatory]},
    {"trigger": "close", "source": S.published, "dest": S.closed, "conditions": [fines_settled]},
    {"trigger": "prescribe", "source": PRESCRIBABLE, "dest": None,
     "conditions": [each.for_some_respondent("prescribe")]},
    *({"trigger": "follow_respondents", "source": sources, "dest": dest,
       "conditions": [_follows(dest)]} for dest, sources in FOLLOWS.items()),
]


def decisions_errors(c: Context) -> dict[str, str]:
    """One valid decision for each respondent decided now (at least one; a respondent not yet
    decidable may be left out and decided later). A fine or an admonition needs the
    respondent to have had the defence opportunity on the decision's date: the accusation
    notified to them, and their defence recorded or their term passed (RGCO art. 50; Lei
    93/2017 art. 20(3))."""
    decisions = c.data.get("decisions") or {}
    if not isinstance(decisions, dict) or not all(
            isinstance(d, sanctions.ProposedDecision) for d in decisions.values()):
        return {"decisions": N_("Give one decision per respondent.")}
    if not decisions:
        return {"decisions": N_("Record the decision about at least one respondent.")}
    facts = {r.id: r for r in each.facts_of(c)}
    errors: dict[str, str] = {}
    for rid, decision in decisions.items():
        who = facts.get(rid)
        if who is None:
            errors[f"decisions.{rid}"] = N_("Not a respondent of this proceeding.")
            continue
        if who.stage not in each.UNDECIDED:
            errors[f"decisions.{rid}"] = N_("The decision about %(name)s is already recorded.",
                                            name=who.name)
            continue
        problems = sanctions.decision_errors(decision, year=c.subject.facts_year,
                                             person=who.person, negligent=who.negligent,
                                             tables=c.tables)
        # A decision taken before the respondent's own term ran out is void: judged on its date.
        on = c.data.get("decided_on") or c.today
        unheard = who.why_not_sanctioned(on) if decision.outcome != "dismissal" else None
        if unheard:
            problems.append(unheard)
        if problems:
            errors[f"decisions.{rid}"] = join(problems)
    return errors


def _why_not_every_accused(c: Context) -> dict[str, str]:
    """Closing the instruction before every respondent was accused needs a reason: those not
    accused can then only be dismissed."""
    pending = [r.name for r in each.facts_of(c) if r.stage == each.Stage.pending]
    if pending and not c.data.get("reason"):
        return {"reason": N_("Notify the accusation to %(names)s, or say why the instruction "
                             "closes without it (only a dismissal is then possible for them).",
                             names="; ".join(pending))}
    return {}


def _new_instructor(c: Context) -> dict[str, str]:
    """Transferring to the officer who already instructs changes nothing: refused."""
    if c.data.get("instructor") == c.subject.instructor_id:
        return {"instructor": N_("This officer already instructs the proceeding.")}
    return {}


def _answers_pending(c: Context) -> dict[str, str]:
    """Evidence may answer a request only while that request's term is running."""
    answered = c.data.get("answers")
    if answered is not None and answered not in c.subject.pending_requests:
        return {"answers": N_("Choose a pending request from the list.")}
    return {}


def _answer_after_sending(c: Context) -> dict[str, str]:
    """The prosecutor answers after the file was sent, never before."""
    sent = c.subject.suspended_since
    if sent is not None and c.data["outcome_on"] < sent:
        return {"outcome_on": N_("The file went to the prosecutor on %(sent)s: the answer "
                                 "cannot be earlier.", sent=f"{sent:%Y-%m-%d}")}
    return {}


def _joined(own: list[Any], parts: dict[str, list[Any]], key: Callable[[Any], str]) -> list[Any]:
    """`own` with each part inserted after the last item whose key names it."""
    joined: list[Any] = []
    for i, item in enumerate(own):
        joined.append(item)
        name = key(item)
        if name in parts and all(key(later) != name for later in own[i + 1:]):
            joined.extend(parts.pop(name))
    return joined + [item for rest in parts.values() for item in rest]


DECISIONS = Field("decisions", "decisions", N_("Decision per respondent"))
# The publication term starts when the proceeding's condemnatory decision becomes final.
PUBLICATION = Start("publication", when=lambda c: bool(
    c.subject.is_condemnatory and c.subject.summary_state == S.final
    and not c.subject.publication_started))

TRIGGERS = {t.name: t for t in [
    trigger("transfer", N_("Transfer to another instructor"),
            N_("The president gives the proceeding to another officer (absence, workload, conflict "
            "of interest)."), (PRESIDENT,), Field("instructor", "user", N_("New instructor")),
            text("reason", N_("Why")), check_data=_new_instructor),
    trigger("start_instruction", N_("Start instruction"), N_("Begin gathering evidence."),
            (OFFICER,)),
    trigger("extend_instruction", N_("Extend the instruction"),
            N_("The president extends the instruction by 60 days from the end of its term."),
            (PRESIDENT,), text("reason", N_("Why the instruction needs more time")),
            stops=("instruction",),
            starts=(Start("instruction_extension", from_fact="instruction_due"),)),
    trigger("request_entity_information", N_("Request information from an entity"),
            N_("The entity has 10 working days (art. 20(1))."), (OFFICER,),
            text("entity", N_("Entity")), text("request", N_("Information requested")),
            starts=(Start("entity_information"),), interrupts_prescription=True),
    trigger("request_inspection", N_("Request an inspection"),
            N_("The inspecting body has 20 working days (art. 20(1))."), (OFFICER,),
            text("entity", N_("Inspecting body")), text("request", N_("What to inspect")),
            starts=(Start("inspection"),), interrupts_prescription=True),
    trigger("record_evidence", N_("Record evidence"),
            N_("A hearing, document or answer received during instruction; an answer to a "
            "pending request ends that request's term."), (OFFICER,),
            a_date("on", N_("Date")), text("summary", N_("Summary")),
            Field("answers", "deadline", N_("Answers the request (if it does)"), required=False),
            interrupts_prescription=True, check_data=_answers_pending),
    trigger("send_to_prosecutor", N_("Send to the prosecutor"),
            N_("A crime surfaced: approve the drafted referral; prescription is suspended "
            "(at most 6 months)."), (PRESIDENT,), text("reason", N_("Why"))),
    trigger("prosecutor_returned", N_("Prosecutor returned the file"),
            N_("The MP archived the crime or it was not proven and the offence subsists: "
            "instruction resumes and the suspension ends on the day of the answer."),
            (OFFICER, PRESIDENT), *prosecutor_answer(RETURN_OUTCOMES),
            check_data=_answer_after_sending),
    trigger("prosecutor_took_over", N_("Prosecutor took over"),
            N_("The MP is competent for the offence too; the proceeding closes until the MP "
            "returns the file."), (OFFICER, PRESIDENT), *prosecutor_answer(TAKE_OVER_OUTCOMES),
            check_data=_answer_after_sending),
    trigger("notify_accusation", N_("Notify the accusation"),
            N_("The respondent has 10 working days from their notification to answer "
            "(art. 20(3)); the notification interrupts their prescription."), (OFFICER,),
            each.respondent_field(), a_date("notified_on", N_("Notified on")),
            starts=(Start("defence", from_field="notified_on"),),
            interrupts_prescription=True, check_data=each.chosen_respondent("notify_accusation")),
    trigger("record_defence", N_("Record the defence"),
            N_("The respondent's answer; it interrupts their prescription."), (OFFICER,),
            each.respondent_field(), a_date("received_on", N_("Received on")),
            text("summary", N_("Summary")), stops=("defence",), interrupts_prescription=True,
            check_data=each.chosen_respondent("record_defence")),
    trigger("reopen_instruction", N_("Reopen instruction"),
            N_("The defence asked for evidence to be gathered."), (OFFICER,),
            text("reason", N_("Evidence requested"))),
    trigger("close_instruction", N_("Close instruction"), N_("Move to the final report (15 days)."),
            (OFFICER,), text("reason", N_("Why close before every respondent was accused "
                             "(they can then only be dismissed)"), required=False),
            check_data=_why_not_every_accused,
            stops=("instruction", "instruction_extension", "entity_information", "inspection"),
            starts=(Start("report"),)),
    trigger("submit_report", N_("Submit the final report"),
            N_("The report with a proposed decision goes to the Commission (15 days)."), (OFFICER,),
            text("proposal", N_("Proposed decision")), stops=("report",),
            starts=(Start("decision"),)),
    trigger("decide", N_("Record the Commission's decision"),
            N_("A fine within legal bounds, an admonition or a dismissal for each respondent "
            "decided now; a fine or an admonition only after the respondent's defence or "
            "defence term."),
            (COMMISSIONER,), a_date("decided_on", N_("Decided on")), DECISIONS,
            stops=("decision",), interrupts_prescription=True, check_data=decisions_errors),
    trigger("notify_decision", N_("Notify the decision"),
            N_("The respondent's appeal window (20 working days) starts; the notification "
            "interrupts their prescription."), (OFFICER,),
            each.respondent_field(), a_date("notified_on", N_("Notified on")),
            starts=(Start("appeal", from_field="notified_on"),), interrupts_prescription=True,
            check_data=each.chosen_respondent("notify_decision")),
    trigger("become_final", N_("Become final"), N_("The respondent's appeal window lapsed."),
            (SYSTEM,), each.respondent_field(), stops=("appeal",),
            check_data=each.chosen_respondent("become_final")),
    trigger("publish", N_("Publish"),
            N_("Publish the extract of the condemnatory decision (5 years)."), (OFFICER, PRESIDENT),
            a_date("published_on", N_("Published on"))),
    trigger("close", N_("Close"), N_("The proceeding is finished."), (PRESIDENT, SYSTEM)),
    trigger("prescribe", N_("Prescribe"), N_("The respondent's procedure is time-barred."),
            (SYSTEM,), each.respondent_field(), check_data=each.chosen_respondent("prescribe")),
    trigger("follow_respondents", N_("Follow the respondents"),
            N_("The proceeding's state summarises its respondents' stages."), (SYSTEM,),
            starts=(PUBLICATION,), only_when=out_of_step),
]}

# The appeal and the court (`court.py`), payment and enforcement (`payment.py`) belong to the
# same workflow: one audit subject, one lock, one version.
# Each part's triggers are listed after the proceeding's trigger they follow (the order in which
# the case page offers them).
TRANSITIONS = _joined(TRANSITIONS, {"notify_decision": court.TRANSITIONS,
                                    "publish": payment.TRANSITIONS},
                      key=lambda t: t["trigger"])
TRIGGERS = dict(_joined(list(TRIGGERS.items()), {"notify_decision": list(court.TRIGGERS.items()),
                                                 "publish": list(payment.TRIGGERS.items())},
                        key=lambda item: item[0]))

# The instruction phase: from opening to the final report (domain.md 3.2).
INSTRUCTION_STATES = frozenset({S.opened, S.instruction, S.suspended_at_prosecutor,
                                S.awaiting_defence, S.report})
# What the proceeding page's instruction log lists: the staff's triggers that act during
# instruction without ending the proceeding, in table order (the system's, a respondent's
# prescription and the summary's moves, are not steps).
INSTRUCTION_TRIGGERS = tuple(dict.fromkeys(
    t["trigger"] for t in TRANSITIONS
    if INSTRUCTION_STATES & set(t["source"] if isinstance(t["source"], list) else [t["source"]])
    and t["dest"] not in (S.closed, S.prescribed) and TRIGGERS[t["trigger"]].roles != {SYSTEM}))

WORKFLOW = Workflow(
    name="proceeding",
    states=State,
    transitions=TRANSITIONS,
    triggers=TRIGGERS,
    terminal=frozenset({S.closed.value, S.prescribed.value}),
)

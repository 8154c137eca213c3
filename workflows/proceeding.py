"""The administrative-offence proceeding (processo de contraordenação), domain.md section 3.2.

A proceeding subject exposes these facts to the guards:

- `state`, `instructor_id` (separation of duties: the instructor cannot decide),
- `prosecutor_draft_by` (drafter of the pending referral to the MP, or None),
- `accusation_notified`, `defence_recorded`, `defence_due` (date or None),
- `appeal_due` (date or None), `prescription_date` (date or None),
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

from workflows import court, payment, sanctions
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

# Prescription of the procedure runs until the decision is final.
OPEN = [S.opened, S.instruction, S.suspended_at_prosecutor, S.awaiting_defence, S.report,
        S.awaiting_decision, S.decided, S.notified, S.appealed, S.final, S.published]
PRESCRIBABLE = [S.opened, S.instruction, S.suspended_at_prosecutor, S.awaiting_defence, S.report,
                S.awaiting_decision, S.decided, S.notified, S.appealed]
COURT_OUTCOMES = court.COURT_OUTCOMES
# Complaints join a proceeding only while its evidence is being gathered.
OPEN_FOR_JOINING = (S.opened.value, S.instruction.value)
# The terms an answer recorded as evidence may end (`record_evidence` with `answers`).
REQUEST_TERMS = ("entity_information", "inspection")

# -- guards --------------------------------------------------------------------------------------

not_instructor = Guard(
    "not_instructor",
    lambda c: c.actor.id is None or c.actor.id != c.subject.instructor_id,
    "You instruct this proceeding: its decision must be recorded by another commissioner "
    "(separation of duties).",
)
defence_recorded = Guard(
    "defence_recorded",
    lambda c: c.subject.defence_recorded,
    "Record the defence first.",
)


def _defence_reason(c: Context) -> str:
    due = c.subject.defence_due
    return (f"The respondents may answer until {due:%Y-%m-%d}: record the defence or wait until "
            "that date has passed." if due else "The accusation has not been notified.")


defence_closed = Guard(
    "defence_closed",
    lambda c: c.subject.defence_recorded or (
        c.subject.defence_due is not None and c.today > c.subject.defence_due),
    _defence_reason,
)


def _appeal_reason(c: Context) -> str:
    due = c.subject.appeal_due
    return (f"The appeal window runs until {due:%Y-%m-%d}." if due
            else "The decision has not been notified.")


appeal_window_lapsed = Guard(
    "appeal_window_lapsed",
    lambda c: c.subject.appeal_due is not None and c.today > c.subject.appeal_due,
    _appeal_reason,
)
not_condemnatory = Guard(
    "not_condemnatory",
    lambda c: not c.subject.is_condemnatory,
    "A condemnatory decision must be published before the proceeding closes.",
)
fines_settled = Guard(
    "fines_settled",
    lambda c: c.subject.fines_settled,
    "Fines are still unpaid: record the payments first.",
)


def _prescription_reason(c: Context) -> str:
    when = c.subject.prescription_date
    return (f"The procedure prescribes after {when:%Y-%m-%d}." if when
            else "No prescription date is known.")


instruction_term_running = Guard(
    "instruction_term_running",
    lambda c: c.subject.instruction_due is not None,
    "The instruction term is not running: it was already extended, or it ended.",
)

prescription_passed = Guard(
    "prescription_passed",
    lambda c: c.subject.prescription_date is not None and c.today > c.subject.prescription_date,
    _prescription_reason,
)

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
    {"trigger": "notify_accusation", "source": S.instruction, "dest": S.awaiting_defence},
    {"trigger": "record_defence", "source": S.awaiting_defence, "dest": None},
    {"trigger": "reopen_instruction", "source": S.awaiting_defence, "dest": S.instruction,
     "conditions": [defence_recorded]},
    {"trigger": "close_instruction", "source": S.instruction, "dest": S.report},
    {"trigger": "close_instruction", "source": S.awaiting_defence, "dest": S.report,
     "conditions": [defence_closed]},
    {"trigger": "submit_report", "source": S.report, "dest": S.awaiting_decision},
    {"trigger": "decide", "source": S.awaiting_decision, "dest": S.decided,
     "conditions": [not_instructor]},
    {"trigger": "notify_decision", "source": S.decided, "dest": S.notified},
    {"trigger": "become_final", "source": S.notified, "dest": S.final,
     "conditions": [appeal_window_lapsed]},
    {"trigger": "publish", "source": S.final, "dest": S.published, "conditions": [condemnatory]},
    {"trigger": "close", "source": S.final, "dest": S.closed, "conditions": [not_condemnatory]},
    {"trigger": "close", "source": S.published, "dest": S.closed, "conditions": [fines_settled]},
    {"trigger": "prescribe", "source": PRESCRIBABLE, "dest": S.prescribed,
     "conditions": [prescription_passed]},
]


def decisions_errors(c: Context) -> dict[str, str]:
    """Every respondent needs one valid decision; a sanction needs a notified accusation."""
    decisions = c.data.get("decisions") or {}
    if not isinstance(decisions, dict) or not all(
            isinstance(d, sanctions.ProposedDecision) for d in decisions.values()):
        return {"decisions": "Give one decision per respondent."}
    errors: dict[str, str] = {}
    for rid, (person, negligent) in c.subject.respondent_people.items():
        decision = decisions.get(rid)
        if decision is None:
            errors[f"decisions.{rid}"] = "Record a decision for this respondent."
            continue
        problems = sanctions.decision_errors(decision, year=c.subject.facts_year, person=person,
                                             negligent=negligent, tables=c.tables)
        if decision.outcome != "dismissal" and not c.subject.accusation_notified:
            problems.append("A sanction needs the accusation to have been notified first.")
        if problems:
            errors[f"decisions.{rid}"] = " ".join(problems)
    for rid in set(decisions) - set(c.subject.respondent_people):
        errors[f"decisions.{rid}"] = "Not a respondent of this proceeding."
    return errors


def _new_instructor(c: Context) -> dict[str, str]:
    """Transferring to the officer who already instructs changes nothing: refused."""
    if c.data.get("instructor") == c.subject.instructor_id:
        return {"instructor": "This officer already instructs the proceeding."}
    return {}


def _answers_pending(c: Context) -> dict[str, str]:
    """Evidence may answer a request only while that request's term is running."""
    answered = c.data.get("answers")
    if answered is not None and answered not in c.subject.pending_requests:
        return {"answers": "Choose a pending request from the list."}
    return {}


def _answer_after_sending(c: Context) -> dict[str, str]:
    """The prosecutor answers after the file was sent, never before."""
    sent = c.subject.suspended_since
    if sent is not None and c.data["outcome_on"] < sent:
        return {"outcome_on": f"The file went to the prosecutor on {sent:%Y-%m-%d}: the answer "
                              "cannot be earlier."}
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


DECISIONS = Field("decisions", "decisions", "Decision per respondent")
PUBLICATION = Start("publication", when=lambda c: bool(c.subject.is_condemnatory))

TRIGGERS = {t.name: t for t in [
    trigger("transfer", "Transfer to another instructor",
            "The president gives the proceeding to another officer (absence, workload, conflict "
            "of interest).", (PRESIDENT,), Field("instructor", "user", "New instructor"),
            text("reason", "Why"), check_data=_new_instructor),
    trigger("start_instruction", "Start instruction", "Begin gathering evidence.", (OFFICER,)),
    trigger("extend_instruction", "Extend the instruction",
            "The president extends the instruction by 60 days from the end of its term.",
            (PRESIDENT,), text("reason", "Why the instruction needs more time"),
            stops=("instruction",),
            starts=(Start("instruction_extension", from_fact="instruction_due"),)),
    trigger("request_entity_information", "Request information from an entity",
            "The entity has 10 working days (art. 20(1)).", (OFFICER,),
            text("entity", "Entity"), text("request", "Information requested"),
            starts=(Start("entity_information"),), interrupts_prescription=True),
    trigger("request_inspection", "Request an inspection",
            "The inspecting body has 20 working days (art. 20(1)).", (OFFICER,),
            text("entity", "Inspecting body"), text("request", "What to inspect"),
            starts=(Start("inspection"),), interrupts_prescription=True),
    trigger("record_evidence", "Record evidence",
            "A hearing, document or answer received during instruction; an answer to a "
            "pending request ends that request's term.", (OFFICER,),
            a_date("on", "Date"), text("summary", "Summary"),
            Field("answers", "deadline", "Answers the request (if it does)", required=False),
            interrupts_prescription=True, check_data=_answers_pending),
    trigger("send_to_prosecutor", "Send to the prosecutor",
            "A crime surfaced: approve the drafted referral; prescription is suspended "
            "(at most 6 months).", (PRESIDENT,), text("reason", "Why")),
    trigger("prosecutor_returned", "Prosecutor returned the file",
            "The MP archived the crime or it was not proven and the offence subsists: "
            "instruction resumes and the suspension ends on the day of the answer.",
            (OFFICER, PRESIDENT), *prosecutor_answer(RETURN_OUTCOMES),
            check_data=_answer_after_sending),
    trigger("prosecutor_took_over", "Prosecutor took over",
            "The MP is competent for the offence too; the proceeding closes until the MP "
            "returns the file.", (OFFICER, PRESIDENT), *prosecutor_answer(TAKE_OVER_OUTCOMES),
            check_data=_answer_after_sending),
    trigger("notify_accusation", "Notify the accusation",
            "Each respondent has 10 working days to answer (art. 20(3)).", (OFFICER,),
            a_date("notified_on", "Notified on"),
            starts=(Start("defence", from_field="notified_on"),),
            interrupts_prescription=True),
    trigger("record_defence", "Record the defence", "The respondents' answer.", (OFFICER,),
            a_date("received_on", "Received on"), text("summary", "Summary"),
            stops=("defence",)),
    trigger("reopen_instruction", "Reopen instruction",
            "The defence asked for evidence to be gathered.", (OFFICER,),
            text("reason", "Evidence requested")),
    trigger("close_instruction", "Close instruction", "Move to the final report (15 days).",
            (OFFICER,), stops=("instruction", "instruction_extension", "entity_information",
                               "inspection", "defence"),
            starts=(Start("report"),)),
    trigger("submit_report", "Submit the final report",
            "The report with a proposed decision goes to the Commission (15 days).", (OFFICER,),
            text("proposal", "Proposed decision"), stops=("report",), starts=(Start("decision"),)),
    trigger("decide", "Record the Commission's decision",
            "A fine within legal bounds, an admonition or a dismissal for each respondent.",
            (COMMISSIONER,), a_date("decided_on", "Decided on"), DECISIONS,
            stops=("decision",), interrupts_prescription=True, check_data=decisions_errors),
    trigger("notify_decision", "Notify the decision",
            "The appeal window (20 working days) starts.", (OFFICER,),
            a_date("notified_on", "Notified on"),
            starts=(Start("appeal", from_field="notified_on"),)),
    trigger("become_final", "Become final", "The appeal window lapsed.", (SYSTEM,),
            stops=("appeal",), starts=(PUBLICATION,)),
    trigger("publish", "Publish", "Publish the extract of the condemnatory decision (5 years).",
            (OFFICER, PRESIDENT), a_date("published_on", "Published on")),
    trigger("close", "Close", "The proceeding is finished.", (PRESIDENT, SYSTEM)),
    trigger("prescribe", "Prescribe", "The procedure is time-barred.", (SYSTEM,)),
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
# What the proceeding page's instruction log lists: the triggers that act during instruction
# without ending the proceeding, in table order.
INSTRUCTION_TRIGGERS = tuple(dict.fromkeys(
    t["trigger"] for t in TRANSITIONS
    if INSTRUCTION_STATES & set(t["source"] if isinstance(t["source"], list) else [t["source"]])
    and t["dest"] not in (S.closed, S.prescribed)))

WORKFLOW = Workflow(
    name="proceeding",
    states=State,
    transitions=TRANSITIONS,
    triggers=TRIGGERS,
    terminal=frozenset({S.closed.value, S.prescribed.value}),
)

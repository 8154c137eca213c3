"""The complaint (queixa) workflow, domain.md section 3.1, as data: states, transitions, triggers.

Read top to bottom like the tables in the spec. A complaint subject exposes these facts to the
guards (the ORM model computes them from its rows; tests may use any object with them):

- `state`, `assignee_id` (the officer who has it, or None), `is_police_related` (a respondent is
  a security force),
- `has_disciplinary_referral`, `disciplinary_referral_waived` (the police guard),
- `non_opening_comment_due` (date or None) and `complainant_commented` (the comment window),
- `prosecutor_draft_by` (user id of whoever drafted the pending referral to the MP, or None),
- `forwarding_finished` and `proceeding_finished` (what `close` waits for).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from workflows.engine import Workflow
from workflows.guards import not_own_draft, prosecutor_draft_exists
from workflows.spec import (
    Context,
    Guard,
    Role,
    Start,
    choice,
    text,
    trigger,
)
from workflows.spec import Field as F
from workflows.text import N_

OFFICER, PRESIDENT, COMPLAINANT = Role.OFFICER, Role.PRESIDENT, Role.COMPLAINANT
SYSTEM = Role.SYSTEM


class State(StrEnum):
    """Complaint states (domain.md 3.1)."""

    received = "received"
    triage = "triage"
    awaiting_information = "awaiting_information"
    non_opening_proposed = "non_opening_proposed"
    referred_to_prosecutor = "referred_to_prosecutor"
    forwarded = "forwarded"
    proceeding_opened = "proceeding_opened"
    archived = "archived"
    closed = "closed"


S = State
OPEN = [S.received, S.triage, S.awaiting_information, S.non_opening_proposed,
        S.referred_to_prosecutor, S.forwarded, S.proceeding_opened]
WITHDRAWABLE = [S.received, S.triage, S.awaiting_information, S.non_opening_proposed]

ARCHIVE_REASONS = ("duplicate", "withdrawn", "manifestly_unfounded", "outside_grounds",
                   "no_information")
FORWARD_BODIES = ("act", "erc", "igsj", "other")
PROSECUTOR_OUTCOMES = ("inquiry_opened", "archived", "charged")

# -- guards --------------------------------------------------------------------------------------

police_referral = Guard(
    "police_referral",
    lambda c: (not c.subject.is_police_related or c.subject.has_disciplinary_referral
               or c.subject.disciplinary_referral_waived),
    N_("A complaint against a security force cannot leave triage until a disciplinary referral "
    "(to IGAI or the force's oversight body) exists, or the president records why none is due."),
)
is_police_related = Guard(
    "is_police_related",
    lambda c: c.subject.is_police_related and not c.subject.disciplinary_referral_waived,
    N_("Only a complaint against a security force without such a record needs this."),
)


def _comment_window_reason(c: Context) -> str:
    due = c.subject.non_opening_comment_due
    return (N_("The complainant may comment until %(due)s; decide after that date or once "
               "they have commented.", due=f"{due:%Y-%m-%d}") if due
            else N_("The comment window has not started."))


comment_window_closed = Guard(
    "comment_window_closed",
    lambda c: c.subject.complainant_commented or (
        c.subject.non_opening_comment_due is not None
        and c.today > c.subject.non_opening_comment_due),
    _comment_window_reason,
)
forwarding_finished = Guard(
    "forwarding_finished",
    lambda c: c.subject.forwarding_finished,
    N_("The referral to the competent body is not closed yet."),
)
proceeding_finished = Guard(
    "proceeding_finished",
    lambda c: c.subject.proceeding_finished,
    N_("The proceeding this complaint belongs to is still open."),
)

# -- transitions, in the order of the spec -------------------------------------------------------

TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "assign", "source": OPEN, "dest": None},
    {"trigger": "start_triage", "source": S.received, "dest": S.triage},
    {"trigger": "request_information", "source": S.triage, "dest": S.awaiting_information},
    {"trigger": "information_received", "source": S.awaiting_information, "dest": S.triage},
    {"trigger": "record_no_disciplinary_referral", "source": S.triage, "dest": None,
     "conditions": [is_police_related]},
    {"trigger": "propose_non_opening", "source": S.triage, "dest": S.non_opening_proposed,
     "conditions": [police_referral]},
    {"trigger": "comment_non_opening", "source": S.non_opening_proposed, "dest": None},
    {"trigger": "decide_non_opening", "source": S.non_opening_proposed, "dest": S.archived,
     "conditions": [comment_window_closed]},
    {"trigger": "reconsider", "source": S.non_opening_proposed, "dest": S.triage,
     "conditions": [comment_window_closed]},
    {"trigger": "refer_to_prosecutor", "source": S.triage, "dest": S.referred_to_prosecutor,
     "conditions": [police_referral, prosecutor_draft_exists, not_own_draft]},
    {"trigger": "prosecutor_returned", "source": S.referred_to_prosecutor, "dest": S.triage},
    {"trigger": "prosecutor_concluded", "source": S.referred_to_prosecutor, "dest": S.closed},
    {"trigger": "forward", "source": S.triage, "dest": S.forwarded,
     "conditions": [police_referral]},
    {"trigger": "open_proceeding", "source": S.triage, "dest": S.proceeding_opened,
     "conditions": [police_referral]},
    {"trigger": "archive", "source": [S.received, S.triage, S.awaiting_information],
     "dest": S.archived, "conditions": [police_referral]},
    {"trigger": "withdraw", "source": WITHDRAWABLE, "dest": S.archived},
    {"trigger": "reopen", "source": S.archived, "dest": S.triage},
    {"trigger": "close", "source": S.forwarded, "dest": S.closed,
     "conditions": [forwarding_finished]},
    {"trigger": "close", "source": S.proceeding_opened, "dest": S.closed,
     "conditions": [proceeding_finished]},
]


def _new_assignee(c: Context) -> dict[str, str]:
    """Assigning to the officer who already has the complaint changes nothing: refused."""
    if c.data.get("assignee") == c.subject.assignee_id:
        return {"assignee": N_("The complaint is already assigned to this officer.")}
    return {}


def _instructor_needed(c: Context) -> dict[str, str]:
    if not c.data.get("proceeding") and not c.data.get("instructor"):
        return {"instructor": N_("Choose the instructor of the new proceeding.")}
    return {}


TRIGGERS = {t.name: t for t in [
    trigger("assign", N_("Assign"), N_("Give the complaint to an officer."), (OFFICER,),
            F("assignee", "user", N_("Officer")), check_data=_new_assignee),
    trigger("start_triage", N_("Start triage"),
            N_("Check grounds, scope, practice, respondent and prescription."), (OFFICER,)),
    trigger("request_information", N_("Request information"),
            N_("Ask the complainant for information; they have 10 working days."), (OFFICER,),
            text("question", N_("Question to the complainant")),
            starts=(Start("complainant_information"),)),
    trigger("information_received", N_("Record information received"),
            N_("The complainant answered the request."), (OFFICER, COMPLAINANT),
            text("answer", N_("Answer")), stops=("complainant_information",)),
    trigger("record_no_disciplinary_referral", N_("Record why no disciplinary referral"),
            N_("The president records why a police complaint needs no disciplinary referral."),
            (PRESIDENT,), text("reason", N_("Why no disciplinary referral is due"))),
    trigger("propose_non_opening", N_("Propose not to open"),
            N_("The complainant gets 10 working days to comment (Lei 93/2017 art. 19(2))."),
            (PRESIDENT,), choice("reason_code", N_("Reason"), ARCHIVE_REASONS, "archive_reason"),
            text("reason", N_("Grounds for not opening")), starts=(Start("non_opening_comment"),)),
    trigger("comment_non_opening", N_("Comment on the proposed non-opening"),
            N_("The complainant's comment on the proposal."), (COMPLAINANT,),
            text("comment", N_("Comment"))),
    trigger("decide_non_opening", N_("Decide not to open"),
            N_("Archive the complaint after the comment window."), (PRESIDENT,),
            choice("reason_code", N_("Reason"), ARCHIVE_REASONS, "archive_reason"),
            text("reason", N_("Decision")), stops=("non_opening_comment",)),
    trigger("reconsider", N_("Reconsider"), N_("Return the complaint to triage."), (PRESIDENT,),
            text("reason", N_("Why")), stops=("non_opening_comment",)),
    trigger("refer_to_prosecutor", N_("Approve referral to the prosecutor"),
            N_("Possible crime: approve the drafted referral to the MP (send within 10 days)."),
            (PRESIDENT,), starts=(Start("referral_send_mp", on="prosecutor_referral"),)),
    trigger("prosecutor_returned", N_("Prosecutor returned the file"),
            N_("The MP archived the crime; the administrative offence subsists."),
            (OFFICER, PRESIDENT), text("note", N_("What the prosecutor decided"))),
    trigger("prosecutor_concluded", N_("Prosecutor concluded"),
            N_("The MP took the case; CICDR's part ends."), (OFFICER, PRESIDENT),
            choice("outcome", N_("Outcome"), PROSECUTOR_OUTCOMES, "prosecutor_outcome"),
            text("note", N_("Note"), required=False)),
    trigger("forward", N_("Forward to the competent body"),
            N_("Outside CICDR's competence: send to ACT, ERC, IGSJ or another body."), (OFFICER,),
            choice("body", N_("Competent body"), FORWARD_BODIES, "body"),
            text("reason", N_("Why it is outside CICDR's competence"))),
    trigger("open_proceeding", N_("Open a proceeding"),
            N_("Open an administrative-offence proceeding, or join an existing one."), (PRESIDENT,),
            F("proceeding", "reference", N_("Existing proceeding (PCO-…) to join"), required=False),
            F("instructor", "user", N_("Instructor of a new proceeding"), required=False),
            starts=(Start("instruction", on="proceeding"),), check_data=_instructor_needed),
    trigger("archive", N_("Archive"), N_("Do not pursue; a reason code is required."),
            (OFFICER, PRESIDENT),
            choice("reason_code", N_("Reason"), ARCHIVE_REASONS, "archive_reason"),
            text("reason", N_("Note"), required=False),
            stops=("complainant_information",)),
    trigger("withdraw", N_("Withdraw"), N_("The complainant withdraws the complaint."),
            (COMPLAINANT,),
            text("reason", N_("Reason"), required=False),
            stops=("complainant_information", "non_opening_comment")),
    trigger("reopen", N_("Reopen"), N_("Return an archived complaint to triage."), (PRESIDENT,),
            text("reason", N_("Why it is reopened"))),
    trigger("close", N_("Close"), N_("Finished: what the complaint waited for has closed."),
            (SYSTEM,)),
]}

WORKFLOW = Workflow(
    name="complaint",
    states=State,
    transitions=TRANSITIONS,
    triggers=TRIGGERS,
    terminal=frozenset({S.closed.value}),
)

__all__ = ["ARCHIVE_REASONS", "FORWARD_BODIES", "State", "TRIGGERS", "WORKFLOW"]

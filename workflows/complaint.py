"""The complaint (queixa) workflow, domain.md section 3.1, as data: states, transitions, triggers.

Read top to bottom like the tables in the spec. A complaint subject exposes these facts to the
guards (the ORM model computes them from its rows; tests may use any object with them):

- `state`, `assignee_id` (the officer who has it, or None), `is_police_related` (a respondent is
  a security force or an identified officer of one),
- the police guard: `police_forces` (the force codes its police respondents name),
  `sent_disciplinary_bodies` (bodies a disciplinary referral has been *sent* to: sent,
  acknowledged, answered or closed; a draft does not count) and `disciplinary_referral_waived`,
- `non_opening_comment_due` (date or None) and `complainant_commented` (the comment window),
  `contact_missing` (why the complainant cannot be asked to comment, None when they can) and
  `no_hearing_reason` (that reason as recorded when the non-opening was proposed),
- `withdrawal_pending` (the complainant withdrew; the president has not decided yet),
- `prosecutor_draft_by` (user id of whoever drafted the pending referral to the MP, or None),
- `forwarding_finished` and `proceeding_finished` (what `close` waits for),
- `closed_by_prosecutor` (closed by `prosecutor_concluded`: the MP may still return the file),
- `proceeding_resumed` (its proceeding, closed when the MP took it over, is open again).

Archiving (Lei 93/2017 art. 19). An officer archives directly only a duplicate, naming the
complaint it duplicates. Every other reason goes through the president: `propose_non_opening`,
the complainant's 10 working days to comment (deadline `non_opening_comment`, art. 19(2)), then
`decide_non_opening` (archive) or `reconsider` (back to triage). When the complaint gives no
address to reach the complainant (anonymous, or no e-mail / postal address / telephone for the
channel they chose), the hearing cannot take place: the proposal records why
(`no_hearing_reason`), no comment window runs, and the president may decide at once. A
withdrawal (`withdraw`) does not end a public-interest procedure: it is recorded and put before
the president, who archives it as `withdrawn` (`accept_withdrawal`) or continues ex officio with
a reason (`continue_ex_officio`: the complaint goes on where it was, its terms still running);
until then it cannot leave triage.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from workflows.engine import Workflow
from workflows.guards import (
    CONCLUDE_OUTCOMES,
    RETURN_OUTCOMES,
    closed_by_prosecutor,
    not_own_draft,
    prosecutor_answer,
    prosecutor_draft_exists,
)
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
from workflows.tables import LegalTables, in_force
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
# What the officer may archive directly (joined to the complaint it duplicates); every other
# reason is the president's, after the complainant's comment (Lei 93/2017 art. 19).
DIRECT_ARCHIVE_REASONS = ("duplicate",)
NON_OPENING_REASONS = tuple(r for r in ARCHIVE_REASONS if r not in DIRECT_ARCHIVE_REASONS)
ONLY_DUPLICATES = N_("Only a duplicate (joined to the complaint it duplicates) is archived "
                     "directly. For any other reason the president proposes not to open and the "
                     "complainant may comment first (Lei 93/2017 art. 19).")
FORWARD_BODIES = ("act", "erc", "igsj", "other")
PROSECUTOR_OUTCOMES = CONCLUDE_OUTCOMES  # what `prosecutor_concluded` records

# -- guards --------------------------------------------------------------------------------------

def missing_oversight_bodies(subject: Any, tables: LegalTables | None = None) -> list[str]:
    """The oversight bodies (from the legal tables) of the forces a police complaint names that
    have not been sent a disciplinary referral yet, in the order of the forces' codes."""
    t = in_force(tables)
    due = dict.fromkeys(t.oversight_body_for(f) for f in sorted(subject.police_forces))
    return [body for body in due if body not in subject.sent_disciplinary_bodies]


def _police_reason(c: Context) -> str:
    t = in_force(c.tables)
    missing = missing_oversight_bodies(c.subject, c.tables)
    bodies = ", ".join(t.label("body", b) for b in missing)
    forces = ", ".join(t.label("security_force", f) for f in sorted(c.subject.police_forces)
                       if t.oversight_body_for(f) in missing)
    return N_("A complaint against a security force cannot leave triage until a disciplinary "
              "referral to %(bodies)s (oversight of %(forces)s) has been sent (a draft does not "
              "count), or the president records why none is due.", bodies=bodies, forces=forces)


police_referral = Guard(
    "police_referral",
    lambda c: (not c.subject.is_police_related or c.subject.disciplinary_referral_waived
               or not missing_oversight_bodies(c.subject, c.tables)),
    _police_reason,
)
is_police_related = Guard(
    "is_police_related",
    lambda c: c.subject.is_police_related and not c.subject.disciplinary_referral_waived,
    N_("Only a complaint against a security force without such a record needs this."),
)
no_withdrawal_pending = Guard(
    "no_withdrawal_pending",
    lambda c: not c.subject.withdrawal_pending,
    N_("The complainant withdrew: the president first decides whether to archive the complaint "
    "or continue ex officio."),
)
withdrawal_pending = Guard(
    "withdrawal_pending",
    lambda c: c.subject.withdrawal_pending,
    N_("The complainant has not withdrawn the complaint."),
)


def _comment_window_reason(c: Context) -> str:
    due = c.subject.non_opening_comment_due
    return (N_("The complainant may comment until %(due)s; decide after that date or once "
               "they have commented.", due=f"{due:%Y-%m-%d}") if due
            else N_("The comment window has not started."))


comment_window_closed = Guard(
    "comment_window_closed",
    lambda c: bool(c.subject.no_hearing_reason) or c.subject.complainant_commented or (
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
proceeding_resumed = Guard(
    "proceeding_resumed",
    lambda c: c.subject.proceeding_resumed,
    N_("The complaint's proceeding is not open again."),
)

# -- transitions, in the order of the spec -------------------------------------------------------

TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "assign", "source": OPEN, "dest": None},
    {"trigger": "start_triage", "source": S.received, "dest": S.triage},
    {"trigger": "request_information", "source": S.triage, "dest": S.awaiting_information,
     "conditions": [no_withdrawal_pending]},
    {"trigger": "information_received", "source": S.awaiting_information, "dest": S.triage},
    {"trigger": "record_no_disciplinary_referral", "source": S.triage, "dest": None,
     "conditions": [is_police_related]},
    # Also when the information asked of the complainant did not come (`no_information`).
    {"trigger": "propose_non_opening", "source": [S.triage, S.awaiting_information],
     "dest": S.non_opening_proposed, "conditions": [police_referral, no_withdrawal_pending]},
    {"trigger": "comment_non_opening", "source": S.non_opening_proposed, "dest": None},
    {"trigger": "decide_non_opening", "source": S.non_opening_proposed, "dest": S.archived,
     "conditions": [comment_window_closed]},
    {"trigger": "reconsider", "source": S.non_opening_proposed, "dest": S.triage,
     "conditions": [comment_window_closed, no_withdrawal_pending]},
    {"trigger": "refer_to_prosecutor", "source": S.triage, "dest": S.referred_to_prosecutor,
     "conditions": [police_referral, no_withdrawal_pending, prosecutor_draft_exists,
                    not_own_draft]},
    {"trigger": "prosecutor_returned", "source": S.referred_to_prosecutor, "dest": S.triage},
    {"trigger": "prosecutor_returned", "source": S.closed, "dest": S.triage,
     "conditions": [closed_by_prosecutor]},
    {"trigger": "prosecutor_concluded", "source": S.referred_to_prosecutor, "dest": S.closed},
    {"trigger": "forward", "source": S.triage, "dest": S.forwarded,
     "conditions": [police_referral, no_withdrawal_pending]},
    {"trigger": "open_proceeding", "source": S.triage, "dest": S.proceeding_opened,
     "conditions": [police_referral, no_withdrawal_pending]},
    {"trigger": "archive", "source": [S.received, S.triage, S.awaiting_information],
     "dest": S.archived, "conditions": [police_referral, no_withdrawal_pending]},
    {"trigger": "withdraw", "source": WITHDRAWABLE, "dest": None,
     "conditions": [no_withdrawal_pending]},
    {"trigger": "accept_withdrawal", "source": WITHDRAWABLE, "dest": S.archived,
     "conditions": [withdrawal_pending, police_referral]},
    {"trigger": "continue_ex_officio", "source": WITHDRAWABLE, "dest": None,
     "conditions": [withdrawal_pending]},
    {"trigger": "reopen", "source": S.archived, "dest": S.triage},
    {"trigger": "close", "source": S.forwarded, "dest": S.closed,
     "conditions": [forwarding_finished]},
    {"trigger": "close", "source": S.proceeding_opened, "dest": S.closed,
     "conditions": [proceeding_finished]},
    {"trigger": "resume_with_proceeding", "source": S.closed, "dest": S.proceeding_opened,
     "conditions": [proceeding_resumed]},
]


def _reachable(c: Context) -> bool:
    """Whether the complainant can be asked to comment (a contact address for their channel)."""
    return c.subject.contact_missing is None


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
            N_("The complainant gets 10 working days to comment (Lei 93/2017 art. 19(2)); "
            "without an address to reach them, the proposal records why and no window runs."),
            (PRESIDENT,),
            choice("reason_code", N_("Reason"), NON_OPENING_REASONS, "archive_reason"),
            text("reason", N_("Grounds for not opening")),
            starts=(Start("non_opening_comment", when=_reachable),),
            stops=("complainant_information",)),
    trigger("comment_non_opening", N_("Comment on the proposed non-opening"),
            N_("The complainant's comment on the proposal."), (COMPLAINANT,),
            text("comment", N_("Comment"))),
    trigger("decide_non_opening", N_("Decide not to open"),
            N_("Archive the complaint after the comment window."), (PRESIDENT,),
            choice("reason_code", N_("Reason"), NON_OPENING_REASONS, "archive_reason"),
            text("reason", N_("Decision")), stops=("non_opening_comment",)),
    trigger("reconsider", N_("Reconsider"), N_("Return the complaint to triage."), (PRESIDENT,),
            text("reason", N_("Why")), stops=("non_opening_comment",)),
    trigger("refer_to_prosecutor", N_("Approve referral to the prosecutor"),
            N_("Possible crime: approve the drafted referral to the MP (send within 10 days)."),
            (PRESIDENT,), starts=(Start("referral_send_mp", on="prosecutor_referral"),)),
    trigger("prosecutor_returned", N_("Prosecutor returned the file"),
            N_("The MP archived the crime or it was not proven; the administrative offence "
            "subsists: back to triage."), (OFFICER, PRESIDENT),
            *prosecutor_answer(RETURN_OUTCOMES)),
    trigger("prosecutor_concluded", N_("Prosecutor concluded"),
            N_("The MP took the case; CICDR's part ends (the MP may still return the file)."),
            (OFFICER, PRESIDENT), *prosecutor_answer(PROSECUTOR_OUTCOMES)),
    trigger("forward", N_("Forward to the competent body"),
            N_("Outside CICDR's competence: send to ACT, ERC, IGSJ or another body."), (OFFICER,),
            choice("body", N_("Competent body"), FORWARD_BODIES, "body"),
            text("reason", N_("Why it is outside CICDR's competence"))),
    trigger("open_proceeding", N_("Open a proceeding"),
            N_("Open an administrative-offence proceeding, or join an existing one."), (PRESIDENT,),
            F("proceeding", "reference", N_("Existing proceeding (PCO-…) to join"), required=False),
            F("instructor", "user", N_("Instructor of a new proceeding"), required=False),
            starts=(Start("instruction", on="proceeding"),), check_data=_instructor_needed),
    trigger("archive", N_("Archive as a duplicate"),
            N_("Join the complaint to the one it duplicates and archive it (any other reason: "
            "the president proposes not to open)."), (OFFICER, PRESIDENT),
            choice("reason_code", N_("Reason"), DIRECT_ARCHIVE_REASONS, "archive_reason",
                   refusal=ONLY_DUPLICATES),
            F("duplicate_of", "reference", N_("The complaint it duplicates (QN-…)")),
            text("reason", N_("Note"), required=False),
            stops=("complainant_information",)),
    trigger("withdraw", N_("Withdraw"),
            N_("The complainant withdraws; the president decides whether CICDR continues."),
            (COMPLAINANT,), text("reason", N_("Reason"), required=False)),
    trigger("accept_withdrawal", N_("Archive after the withdrawal"),
            N_("Archive the complaint as withdrawn."), (PRESIDENT,),
            text("reason", N_("Note"), required=False),
            stops=("complainant_information", "non_opening_comment"),
            only_when=withdrawal_pending),
    trigger("continue_ex_officio", N_("Continue ex officio"),
            N_("The procedure does not depend on the complaint: it goes on where it was."),
            (PRESIDENT,), text("reason", N_("Why CICDR continues on its own initiative")),
            only_when=withdrawal_pending),
    trigger("reopen", N_("Reopen"), N_("Return an archived complaint to triage."), (PRESIDENT,),
            text("reason", N_("Why it is reopened"))),
    trigger("close", N_("Close"), N_("Finished: what the complaint waited for has closed."),
            (SYSTEM,)),
    trigger("resume_with_proceeding", N_("Resume with its proceeding"),
            N_("The prosecutor returned the proceeding it had taken over: the complaint follows "
            "its proceeding again."), (SYSTEM,)),
]}

WORKFLOW = Workflow(
    name="complaint",
    states=State,
    transitions=TRANSITIONS,
    triggers=TRIGGERS,
    terminal=frozenset({S.closed.value}),
)

__all__ = ["ARCHIVE_REASONS", "DIRECT_ARCHIVE_REASONS", "FORWARD_BODIES", "NON_OPENING_REASONS",
           N_("State"), "TRIGGERS", "WORKFLOW", "missing_oversight_bodies"]

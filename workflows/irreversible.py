"""The triggers that cannot be taken back, and what a person is told before firing one.

A trigger is irreversible when, once fired, no later step of its workflow can return things to
where they were:

- it ends or archives the case (archive, decide not to open, accept a withdrawal, close,
  prescribe, the prosecutor taking the case over), or makes a decision final;
- it records a legal act of CICDR's (opening a proceeding with the next PCO number, the
  Commission's decision);
- something leaves CICDR: the complainant or a respondent is notified and their term starts,
  a referral goes to an outside body, a decision is published.

Not irreversible, although they change things: the steps another trigger undoes (an assignment
or a transfer, which a new one replaces; reconsidering; reopening; continuing ex officio) and the
internal steps of the instruction (evidence, the defence, the report), which record what
happened without telling anyone outside.

The staff interface asks for a confirmation stating the consequence before firing one of these
(`cicdr/views/workspace/confirm.py`), and the audit event records that it was confirmed and the
sentence shown. The system's own triggers (close, prescribe, become final) are listed too,
because they end a case; the system never asks for a confirmation.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_UNDONE = "This cannot be undone."

CONSEQUENCES: Mapping[tuple[str, str], str] = MappingProxyType({
    # -- complaint ------------------------------------------------------------------------------
    ("complaint", "request_information"):
        "The question will be sent to the complainant, whose 10 working days to answer start. "
        + _UNDONE,
    ("complaint", "propose_non_opening"):
        "The complainant will be told that CICDR proposes not to act on the complaint, and "
        "their 10 working days to comment start (unless they cannot be reached). " + _UNDONE,
    ("complaint", "decide_non_opening"):
        "The complaint will be archived without further action and the complainant will be "
        "told. " + _UNDONE + " Only a reopening by the president brings it back to triage.",
    ("complaint", "archive"):
        "The complaint will be archived as a duplicate, joined to the complaint it duplicates, "
        "and the complainant will be told. " + _UNDONE
        + " Only a reopening by the president brings it back to triage.",
    ("complaint", "accept_withdrawal"):
        "The complaint will be archived as withdrawn and the complainant will be told. "
        + _UNDONE + " Only a reopening by the president brings it back to triage.",
    ("complaint", "refer_to_prosecutor"):
        "The referral to the Public Prosecutor will be approved (it must be sent within 10 "
        "days), the complaint leaves triage and the complainant will be told. " + _UNDONE,
    ("complaint", "forward"):
        "The complaint will be forwarded to the competent body, outside CICDR, and the "
        "complainant will be told. " + _UNDONE,
    ("complaint", "open_proceeding"):
        "An administrative-offence proceeding will be opened with the next PCO number (or the "
        "complaint joined to the proceeding named), and the complainant will be told. "
        + _UNDONE,
    ("complaint", "prosecutor_concluded"):
        "The complaint will be closed: the Public Prosecutor took the case, and the "
        "complainant will be told. " + _UNDONE
        + " Only the prosecutor returning the file reopens it.",
    ("complaint", "close"):
        "The complaint will be closed and the complainant will be told. " + _UNDONE,
    # -- proceeding -----------------------------------------------------------------------------
    ("proceeding", "send_to_prosecutor"):
        "The referral to the Public Prosecutor will be approved and the proceeding suspended "
        "while the file is there (its terms stop). " + _UNDONE,
    ("proceeding", "prosecutor_took_over"):
        "The proceeding will be closed: the Public Prosecutor takes over the offence. "
        + _UNDONE + " Only the prosecutor returning the file reopens it.",
    ("proceeding", "notify_accusation"):
        "The accusation will be recorded as notified to the respondent chosen on the date "
        "given: their 10 working days to answer start and their prescription is interrupted. "
        + _UNDONE,
    ("proceeding", "decide"):
        "The Commission's decision will be recorded for each respondent shown. "
        + _UNDONE + " Only a court can change it.",
    ("proceeding", "notify_decision"):
        "The decision will be recorded as notified to the respondent chosen on the date given, "
        "and their 20 working days to appeal to the court start. " + _UNDONE,
    ("proceeding", "record_court_outcome"):
        "The court's ruling will be recorded, the decision becomes final and the complainants "
        "will be told. " + _UNDONE,
    ("proceeding", "become_final"):
        "The decision about the respondent becomes final and the complainants will be told. "
        + _UNDONE,
    ("proceeding", "publish"):
        "The extract of the condemnatory decision will be published on CICDR's public site "
        "for 5 years. " + _UNDONE,
    ("proceeding", "close"):
        "The proceeding will be closed, and with it the complaints that wait for it (their "
        "complainants will be told). " + _UNDONE,
    ("proceeding", "prescribe"):
        "The procedure against the respondent will be closed as time-barred. " + _UNDONE,
    ("proceeding", "follow_respondents"):
        "The proceeding will take the state its respondents' procedures give it, which may "
        "end it. " + _UNDONE,
    # -- referral -------------------------------------------------------------------------------
    ("referral", "send"):
        "The referral will be recorded as sent to the body, with the documents chosen, on the "
        "date given; the reminder term starts. " + _UNDONE,
    ("referral", "close"):
        "The referral will be closed: nothing more is expected from the body (a forwarded "
        "complaint closes with it, and its complainant will be told). " + _UNDONE,
})


def consequence(workflow: str, trigger: str) -> str | None:
    """What firing `trigger` on a `workflow` subject does that cannot be undone, in one or two
    sentences for the person about to fire it; None when the trigger is not irreversible."""
    return CONSEQUENCES.get((workflow, trigger))


def is_irreversible(workflow: str, trigger: str) -> bool:
    """Whether firing `trigger` must first be confirmed by the person."""
    return (workflow, trigger) in CONSEQUENCES


__all__ = ["CONSEQUENCES", "consequence", "is_irreversible"]

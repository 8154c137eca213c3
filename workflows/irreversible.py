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
sentence shown (in English, the catalogue's msgids: `shown` gives the history its message back,
translated for the reader). Each sentence is an `N_` message, translated where it is shown. The
system's own triggers (close, prescribe, become final) are listed too, because they end a case;
the system never asks for a confirmation.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from workflows.text import N_, Msg, join

UNDONE = N_("This cannot be undone.")


def _said(*parts: Msg) -> Msg:
    """The sentences of one consequence, each translated on its own."""
    return join(parts)


CONSEQUENCES: Mapping[tuple[str, str], Msg] = MappingProxyType({
    # -- complaint ------------------------------------------------------------------------------
    ("complaint", "request_information"): _said(
        N_("The question will be sent to the complainant, whose 10 working days to answer "
           "start."),
        UNDONE),
    ("complaint", "propose_non_opening"): _said(
        N_("The complainant will be told that CICDR proposes not to act on the complaint, and "
           "their 10 working days to comment start (unless they cannot be reached)."),
        UNDONE),
    ("complaint", "decide_non_opening"): _said(
        N_("The complaint will be archived without further action and the complainant will be "
           "told."),
        UNDONE,
        N_("Only a reopening by the president brings it back to triage.")),
    ("complaint", "archive"): _said(
        N_("The complaint will be archived as a duplicate, joined to the complaint it "
           "duplicates, and the complainant will be told."),
        UNDONE,
        N_("Only a reopening by the president brings it back to triage.")),
    ("complaint", "accept_withdrawal"): _said(
        N_("The complaint will be archived as withdrawn and the complainant will be told."),
        UNDONE,
        N_("Only a reopening by the president brings it back to triage.")),
    ("complaint", "refer_to_prosecutor"): _said(
        N_("The referral to the Public Prosecutor will be approved (it must be sent within 10 "
           "days), the complaint leaves triage and the complainant will be told."),
        UNDONE),
    ("complaint", "forward"): _said(
        N_("The complaint will be forwarded to the competent body, outside CICDR, and the "
           "complainant will be told."),
        UNDONE),
    ("complaint", "open_proceeding"): _said(
        N_("An administrative-offence proceeding will be opened with the next PCO number (or "
           "the complaint joined to the proceeding named), and the complainant will be told."),
        UNDONE),
    ("complaint", "prosecutor_concluded"): _said(
        N_("The complaint will be closed: the Public Prosecutor took the case, and the "
           "complainant will be told."),
        UNDONE,
        N_("Only the prosecutor returning the file reopens it.")),
    ("complaint", "close"): _said(
        N_("The complaint will be closed and the complainant will be told."),
        UNDONE),
    # -- proceeding -----------------------------------------------------------------------------
    ("proceeding", "send_to_prosecutor"): _said(
        N_("The referral to the Public Prosecutor will be approved and the proceeding "
           "suspended while the file is there (its terms stop)."),
        UNDONE),
    ("proceeding", "prosecutor_took_over"): _said(
        N_("The proceeding will be closed: the Public Prosecutor takes over the offence."),
        UNDONE,
        N_("Only the prosecutor returning the file reopens it.")),
    ("proceeding", "notify_accusation"): _said(
        N_("The accusation will be recorded as notified to the respondent chosen on the date "
           "given: their 10 working days to answer start and their prescription is "
           "interrupted."),
        UNDONE),
    ("proceeding", "decide"): _said(
        N_("The Commission's decision will be recorded for each respondent shown."),
        UNDONE,
        N_("Only a court can change it.")),
    ("proceeding", "notify_decision"): _said(
        N_("The decision will be recorded as notified to the respondent chosen on the date "
           "given, and their 20 working days to appeal to the court start."),
        UNDONE),
    ("proceeding", "record_court_outcome"): _said(
        N_("The court's ruling will be recorded, the decision becomes final and the "
           "complainants will be told."),
        UNDONE),
    ("proceeding", "become_final"): _said(
        N_("The decision about the respondent becomes final and the complainants will be "
           "told."),
        UNDONE),
    ("proceeding", "publish"): _said(
        N_("The extract of the condemnatory decision will be published on CICDR's public site "
           "for 5 years."),
        UNDONE),
    ("proceeding", "close"): _said(
        N_("The proceeding will be closed, and with it the complaints that wait for it (their "
           "complainants will be told)."),
        UNDONE),
    ("proceeding", "prescribe"): _said(
        N_("The procedure against the respondent will be closed as time-barred."),
        UNDONE),
    ("proceeding", "follow_respondents"): _said(
        N_("The proceeding will take the state its respondents' procedures give it, which may "
           "end it."),
        UNDONE),
    # -- referral -------------------------------------------------------------------------------
    ("referral", "send"): _said(
        N_("The referral will be recorded as sent to the body, with the documents chosen, on "
           "the date given; the reminder term starts."),
        UNDONE),
    ("referral", "close"): _said(
        N_("The referral will be closed: nothing more is expected from the body (a forwarded "
           "complaint closes with it, and its complainant will be told)."),
        UNDONE),
})


def consequence(workflow: str, trigger: str) -> Msg | None:
    """What firing `trigger` on a `workflow` subject does that cannot be undone, in one or two
    sentences for the person about to fire it; None when the trigger is not irreversible."""
    return CONSEQUENCES.get((workflow, trigger))


def is_irreversible(workflow: str, trigger: str) -> bool:
    """Whether firing `trigger` must first be confirmed by the person."""
    return (workflow, trigger) in CONSEQUENCES


def shown(text: str) -> Msg | str:
    """A consequence as recorded on an audit event (its English text), as the message it was
    made from, so the history shows it in the reader's language; a text no longer declared
    (the wording changed since) is returned as recorded."""
    return _BY_TEXT.get(text, text)


_BY_TEXT: Mapping[str, Msg] = {str(said): said for said in CONSEQUENCES.values()}

__all__ = ["CONSEQUENCES", "UNDONE", "consequence", "is_irreversible", "shown"]

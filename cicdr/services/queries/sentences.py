"""The words of the case history: one sentence per audit action, in the past tense.

Keyed by (subject type, action): the same trigger reads differently on a complaint and on a
proceeding (`close`, `prosecutor_returned`). Each entry turns an event's facts (`Facts`, see
`history.py`) into a sentence without its final full stop. A new recorded action needs one line
here: `tests/services/test_history.py` lists every trigger and every `action=` in `cicdr/` and
fails for any without words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class Facts(Protocol):
    """What a sentence may read of an event (`history.Facts` builds it)."""

    who: str
    ref: str
    role: str
    subject_type: str
    from_state: str | None
    data: dict[str, Any]

    def get(self, key: str) -> Any: ...
    def word(self, key: str) -> str: ...
    def user(self, key: str) -> str: ...
    def body(self, key: str) -> str: ...
    def channel(self, key: str) -> str: ...
    def count(self, key: str) -> int: ...


Words = Callable[[Facts], str]

BODIES = {"mp": "the Public Prosecutor (MP)", "igai": "IGAI (the police inspectorate)",
          "act": "ACT (the labour inspectorate)", "erc": "ERC (the media regulator)",
          "igsj": "IGSJ (the justice inspectorate)", "other": "another body"}
PURPOSES = {"prosecutor": "a possible crime", "disciplinary": "the disciplinary side",
            "forward": "outside CICDR's competence", "enforcement": "enforcement of a fine"}
CHANNELS = {"email": "e-mail", "post": "post", "platform": "the body's platform",
            "in_person": "hand", "online": "the online form", "phone": "telephone",
            "forwarded_by_entity": "another entity"}
DEADLINES = {
    "complainant_information": "the complainant's answer",
    "non_opening_comment": "the complainant's comment on the proposal",
    "entity_information": "the entity's answer",
    "inspection": "the inspection",
    "defence": "the respondent's defence",
    "instruction": "the instruction",
    "instruction_extension": "the extended instruction",
    "report": "the final report",
    "decision": "the Commission's decision",
    "appeal": "an appeal",
    "referral_send_mp": "sending the referral to the prosecutor",
    "publication": "publishing the decision",
    "appeal_send_mp": "sending the appeal to the prosecutor",
    "payment": "paying the fine",
    "referral_chaser": "the body's acknowledgement before a reminder",
}
CLOSE_REASONS = {("complaint", "forwarded"): "the referral to the competent body closed",
                 ("complaint", "proceeding_opened"): "its proceeding closed",
                 ("proceeding", "final"): "no publication was due",
                 ("proceeding", "published"): "the fines are settled"}


def _whom(f: Facts, preposition: str) -> str:
    """' to respondent X' (with the preposition given): the respondent a per-respondent event
    concerns; nothing for the events recorded before each respondent had their own procedure
    (issue 12), which concerned them all."""
    name = f.data.get("respondent_name")
    return f"{preposition} respondent {name}" if name else ""


def _about(f: Facts) -> str:
    """Whom a decision concerns: ' about A and B' (nothing for events without the names)."""
    names = list((f.data.get("respondent_names") or {}).values())
    if not names:
        return ""
    return " about " + (" and ".join(names) if len(names) < 3
                        else ", ".join(names[:-1]) + " and " + names[-1])


def _for(f: Facts) -> str:
    return _whom(f, " for")


def _of(f: Facts) -> str:
    return _whom(f, " of")


def _ruling(f: Facts) -> str:
    said = (f"{f.who} recorded the court's ruling{_for(f)} of {f.get('ruled_on')}: "
            f"{f.word('outcome')}")
    new = ((f.data.get("changes") or {}).get("sanction") or {}).get("new") or {}
    if new.get("outcome") == "fine":
        return said + f" (new fine EUR {new.get('amount')})"
    if new.get("outcome"):
        return said + f" (new sanction: {new.get('outcome')})"
    return said


def _filed(f: Facts) -> str:
    files = f.count("files")
    tail = f", with {files} file{'s' if files != 1 else ''}" if files else ""
    if f.role == "complainant":
        return "The complainant filed the complaint online" + tail
    return f"{f.who} registered the complaint, received by {f.channel('channel')}" + tail


def _opened(f: Facts) -> str:
    if f.data.get("proceeding"):
        return f"{f.who} joined the complaint to proceeding {f.data['proceeding']}"
    return f"{f.who} opened a proceeding, with {f.user('instructor')} as instructor"


def _closed(f: Facts) -> str:
    why = CLOSE_REASONS.get((f.subject_type, f.from_state or ""))
    return f"{f.who} closed the {f.subject_type}" + (f" ({why})" if why else "")


def _mp_answer(f: Facts) -> str:
    """The prosecutor's coded outcome and the date of the answer (older events: the outcome or
    nothing)."""
    outcome = f.word("outcome") if f.get("outcome") else "no outcome recorded"
    return f"{outcome}, {f.get('outcome_on')}" if f.get("outcome_on") else outcome


def _incident(f: Facts) -> str:
    change = (f.data.get("changes") or {}).get("incident") or {}
    if change.get("new"):
        return f"{f.who} put the complaint in incident {change['new']}"
    return f"{f.who} took the complaint out of incident {change.get('old')}"


def _information(f: Facts) -> str:
    if f.role == "complainant":
        return "The complainant answered the request for information"
    return f"{f.who} recorded the complainant's answer to the request for information"


def _proposed(f: Facts) -> str:
    said = f"{f.who} proposed not to open a proceeding ({f.word('reason_code')})"
    why = str(f.data.get("no_hearing") or "").rstrip(".")
    if why:
        return said + f"; the complainant could not be asked to comment: {why}"
    return said


def _archived(f: Facts) -> str:
    joined = f.data.get("joined_to") or str(f.data.get("duplicate_of") or "").strip().upper()
    if joined:
        return f"{f.who} archived the complaint as a duplicate, joined to {joined}"
    return f"{f.who} archived the complaint ({f.word('reason_code')})"  # before art. 19 rules


def _export(f: Facts) -> str:
    fmt = str(f.get("format") or "").upper()
    if f.get("kind") == "data_subject":
        return f"{f.who} exported everything held about the complainant ({fmt})"
    if f.subject_type == "audit_log":
        return f"{f.who} exported the audit log of {f.get('period')} ({fmt}, " \
               f"{f.get('events')} events)"
    return f"{f.who} exported the case history ({fmt})"


def _view(f: Facts) -> str:
    if str(f.get("endpoint") or "").startswith("/staff/audit"):
        return f"{f.who} read the case's audit history"
    return f"{f.who} opened the case page"


COMPLAINT: dict[str, Words] = {
    "submit": _filed,
    "import": lambda f: f"{f.who} imported the complaint from {f.get('import')} (row "
                        f"{f.get('source_id')}, received on {f.get('received_on')})",
    "set_incident": _incident,
    "assign": lambda f: f"{f.who} assigned the complaint to {f.user('assignee')}",
    "start_triage": lambda f: f"{f.who} started triage",
    "request_information": lambda f: f"{f.who} asked the complainant for information",
    "information_received": _information,
    "record_no_disciplinary_referral":
        lambda f: f"{f.who} recorded why no disciplinary referral is due",
    "propose_non_opening": _proposed,
    "comment_non_opening":
        lambda f: f"{f.who} commented on the proposal not to open a proceeding",
    "decide_non_opening": lambda f: f"{f.who} decided not to open a proceeding and archived "
                                    f"the complaint ({f.word('reason_code')})",
    "reconsider": lambda f: f"{f.who} reconsidered the proposal not to open and returned the "
                            "complaint to triage",
    "refer_to_prosecutor": lambda f: f"{f.who} approved the referral to the prosecutor",
    "prosecutor_returned": lambda f: f"{f.who} recorded that the prosecutor returned the file "
                                     f"({_mp_answer(f)}; the administrative offence "
                                     "subsists)",
    "prosecutor_concluded": lambda f: f"{f.who} recorded that the prosecutor concluded the "
                                      f"case ({_mp_answer(f)})",
    "forward": lambda f: f"{f.who} forwarded the complaint to {f.body('body')}",
    "open_proceeding": _opened,
    "archive": _archived,
    "withdraw": lambda f: f"{f.who} withdrew the complaint; the president decides whether "
                          "CICDR continues",
    "accept_withdrawal": lambda f: f"{f.who} archived the complaint after the complainant's "
                                   "withdrawal",
    "continue_ex_officio": lambda f: f"{f.who} continued the complaint ex officio despite the "
                                     "complainant's withdrawal",
    "reopen": lambda f: f"{f.who} reopened the complaint",
    "close": _closed,
    "resume_with_proceeding": lambda f: f"{f.who} reopened the complaint with its proceeding, "
                                        "which the prosecutor returned",
    "message": lambda f: f"{f.who} sent a message",
    "reissue_access_code": lambda f: f"{f.who} had a new access code sent to the registered "
                                     "e-mail address (the old code no longer opens the "
                                     "complaint)",
    "add_evidence": lambda f: f"{f.who} sent {f.count('files')} "
                              f"file{'s' if f.count('files') != 1 else ''}",
    "message_to_complainant": lambda f: f"{f.who} wrote to the complainant",
    "note": lambda f: f"{f.who} added an internal note",
    "classify": lambda f: f"{f.who} classified or corrected the complaint's facts",
    "add_respondent": lambda f: f"{f.who} added a respondent to the complaint",
    "edit_respondent": lambda f: f"{f.who} corrected a respondent of the complaint",
    "anonymise": lambda f: f"{f.who} anonymised the complaint (its retention period of "
                           f"{f.get('retention_years')} years after it ended, "
                           f"{f.word('outcome')}, had run)",
}

PROCEEDING: dict[str, Words] = {
    "open": lambda f: f"{f.who} opened the proceeding for complaint {f.get('complaint')}, "
                      f"with {f.user('instructor')} as instructor",
    "join_complaint": lambda f: f"{f.who} joined complaint {f.get('complaint')} "
                                "to the proceeding",
    "transfer": lambda f: f"{f.who} transferred the proceeding to {f.user('instructor')} as "
                          "instructor",
    "edit_respondent": lambda f: f"{f.who} corrected a respondent of the proceeding",
    "start_instruction": lambda f: f"{f.who} started the instruction",
    "extend_instruction": lambda f: f"{f.who} extended the instruction term",
    "request_entity_information":
        lambda f: f"{f.who} asked {f.get('entity')} for information",
    "request_inspection": lambda f: f"{f.who} requested an inspection by {f.get('entity')}",
    "record_evidence": lambda f: f"{f.who} recorded evidence of {f.get('on')}"
                                 + (" answering a pending request" if f.get("answers") else ""),
    "send_to_prosecutor": lambda f: f"{f.who} sent the proceeding to the prosecutor "
                                    "(prescription suspended)",
    "prosecutor_returned": lambda f: f"{f.who} recorded that the prosecutor returned the "
                                     f"file ({_mp_answer(f)}); the instruction resumes",
    "prosecutor_took_over": lambda f: f"{f.who} recorded that the prosecutor took over the "
                                      f"proceeding ({_mp_answer(f)})",
    "notify_accusation": lambda f: f"{f.who} recorded that the accusation was notified"
                                   f"{_whom(f, ' to')} on {f.get('notified_on')}",
    "record_defence": lambda f: f"{f.who} recorded the defence{_whom(f, ' of')} received on "
                                f"{f.get('received_on')}",
    "reopen_instruction": lambda f: f"{f.who} reopened the instruction at the defence's "
                                    "request",
    "close_instruction": lambda f: f"{f.who} closed the instruction" + (
        f" before every respondent was accused ({f.get('reason')})" if f.data.get("reason")
        else ""),
    "submit_report": lambda f: f"{f.who} submitted the final report to the Commission",
    "decide": lambda f: f"{f.who} recorded the Commission's decision of {f.get('decided_on')}"
                        + _about(f),
    "notify_decision": lambda f: f"{f.who} recorded that the decision was notified"
                                 f"{_whom(f, ' to')} on {f.get('notified_on')}",
    "record_appeal": lambda f: f"{f.who} recorded an appeal{_for(f)} lodged on "
                               f"{f.get('lodged_on')}; the file goes to the prosecutor within 5 "
                               "working days",
    "revoke_decision": lambda f: f"{f.who} revoked the decision{_for(f)} before the appeal "
                                 "was sent; a new decision is due",
    "send_appeal": lambda f: f"{f.who} recorded that the appeal{_for(f)} was sent to the "
                             f"prosecutor on {f.get('sent_on')}",
    "record_appeal_admitted": lambda f: f"{f.who} recorded that the court admitted the "
                                        f"appeal{_for(f)} on {f.get('admitted_on')} "
                                        "(prescription suspended)",
    "record_court_outcome": _ruling,
    "record_further_appeal": lambda f: f"{f.who} recorded a further appeal{_for(f)} lodged "
                                       f"on {f.get('lodged_on')}",
    "court_ruling_final": lambda f: f"{f.who} recorded that the court's ruling{_for(f)} "
                                    f"became final on {f.get('final_on')}",
    "become_final": lambda f: f"{f.who} recorded that the decision{_whom(f, ' about')} became "
                              "final" + (f" on {f.get('final_on')}" if f.data.get("final_on")
                                         else "") + " (the appeal window lapsed)",
    "publish": lambda f: f"{f.who} published the decision on {f.get('published_on')}",
    "record_payment": lambda f: f"{f.who} recorded a payment of EUR {f.get('amount')}"
                                f"{_for(f)} made on {f.get('paid_on')}"
                                + (" (the fine is paid)"
                                   if f.data.get("close_reason") == "paid" else ""),
    "grant_instalments": lambda f: f"{f.who} granted payment{_for(f)} in "
                                   f"{f.count('instalments')} instalments",
    "refer_for_enforcement": lambda f: f"{f.who} referred the unpaid fine{_for(f)} to the "
                                       "prosecutor for enforcement"
                                       + (f" ({f.data['referral']})" if f.data.get("referral")
                                          else ""),
    "close_enforcement": lambda f: f"{f.who} recorded that the enforcement of the fine"
                                   f"{_of(f)} ended (its referral closed)",
    "prescribe_fine": lambda f: f"{f.who} recorded that the fine{_of(f)} prescribed unpaid "
                                "(RGCO art. 29)",
    "close": _closed,
    "prescribe": lambda f: f"{f.who} recorded that the procedure{_whom(f, ' against')} "
                           "prescribed (time-barred)",
    "follow_respondents": lambda f: f"{f.who} moved the proceeding on with its respondents' "
                                    "procedures",
}

REFERRAL: dict[str, Words] = {
    "draft": lambda f: f"{f.who} drafted referral {f.ref} to {f.body('body')} "
                       f"({PURPOSES.get(str(f.get('purpose')), f.word('purpose'))})",
    "approve": lambda f: f"{f.who} approved referral {f.ref}",
    "send": lambda f: f"{f.who} sent referral {f.ref} on {f.get('sent_on')} by "
                      f"{f.channel('channel')}"
                      + (f", with {f.count('files')} document"
                         f"{'s' if f.count('files') != 1 else ''}" if f.count("files") else ""),
    "remind": lambda f: f"{f.who} sent a reminder about referral {f.ref}",
    "acknowledge": lambda f: f"{f.who} recorded that referral {f.ref} was acknowledged "
                             f"(their reference {f.get('external_reference')})",
    "answer": lambda f: f"{f.who} recorded the answer to referral {f.ref}: "
                        f"{f.word('outcome')}",
    "close": lambda f: f"{f.who} closed referral {f.ref}",
}

USER: dict[str, Words] = {
    "create_user": lambda f: f"{f.who} created the account {f.ref} ({f.word('role')})",
    "update_user": lambda f: f"{f.who} changed the account {f.ref}",
    "reset_password": lambda f: f"{f.who} set a new password for the account {f.ref}",
    "enrol_2fa": lambda f: f"{f.who} set up two-factor sign-in for the account {f.ref}",
    "reset_2fa": lambda f: f"{f.who} reset two-factor sign-in for the account {f.ref}",
    "request_access": lambda f: f"{f.who} asked for {f.get('kind')} on the account {f.ref} "
                                "(waits for a second approval)",
    "approve_access": lambda f: f"{f.who} approved {f.get('kind')} on the account {f.ref}",
    "refuse_access": lambda f: f"{f.who} refused {f.get('kind')} on the account {f.ref}",
}

REFERENCE: dict[str, Words] = {
    "update_reference": lambda f: f"{f.who} changed the reference data {f.ref}",
}

# Reads (access records), whatever the subject: `access.<what>`.
ACCESS: dict[str, Words] = {
    "view": _view,
    "download": lambda f: f"{f.who} downloaded the file {f.get('filename')}",
    "search": lambda f: f"{f.who} searched the cases for “{f.get('q')}”",
    "export": _export,
}

# Recorded on any kind of case.
ANY: dict[str, Words] = {
    "generate_document": lambda f: f"{f.who} generated the {f.word('kind')} letter "
                                   f"({f.get('filename')})",
    "add_document": lambda f: f"{f.who} added {f.count('files')} "
                              f"document{'s' if f.count('files') != 1 else ''} to the case",
}

BY_SUBJECT: dict[str, dict[str, Words]] = {
    "complaint": COMPLAINT, "proceeding": PROCEEDING, "referral": REFERRAL, "user": USER,
    "reference": REFERENCE}

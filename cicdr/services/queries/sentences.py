"""The words of the case history: one sentence per audit action, in the past tense.

Keyed by (subject type, action): the same trigger reads differently on a complaint and on a
proceeding (`close`, `prosecutor_returned`). Each entry turns an event's facts (`Facts`, see
`history.py`) into a sentence without its final full stop. A new recorded action needs one line
here: `tests/services/test_history.py` lists every trigger and every `action=` in `cicdr/` and
fails for any without words. Every sentence is an `N_` message with named placeholders, so the
case history reads in the staff member's language (translated where it is shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from workflows import labels
from workflows.labels import both
from workflows.text import N_, Msg, join, plural


class Facts(Protocol):
    """What a sentence may read of an event (`history.Facts` builds it)."""

    who: Msg | str
    ref: str
    role: str
    subject_type: str
    from_state: str | None
    data: dict[str, Any]

    def get(self, key: str) -> Any: ...
    def word(self, key: str) -> Msg | str: ...
    def user(self, key: str) -> str: ...
    def body(self, key: str) -> Msg | str: ...
    def channel(self, key: str) -> Msg | str: ...
    def count(self, key: str) -> int: ...


Words = Callable[[Facts], Msg]

BODIES = {"mp": N_("the Public Prosecutor (MP)"), "igai": N_("IGAI (the police inspectorate)"),
          "act": N_("ACT (the labour inspectorate)"), "erc": N_("ERC (the media regulator)"),
          "igsj": N_("IGSJ (the justice inspectorate)"), "other": N_("another body")}
PURPOSES = {"prosecutor": N_("a possible crime"), "disciplinary": N_("the disciplinary side"),
            "forward": N_("outside CICDR's competence"),
            "enforcement": N_("enforcement of a fine")}
CHANNELS = {"email": N_("e-mail"), "post": N_("post"), "platform": N_("the body's platform"),
            "in_person": N_("hand"), "online": N_("the online form"), "phone": N_("telephone"),
            "forwarded_by_entity": N_("another entity")}
DEADLINES = {
    "complainant_information": N_("the complainant's answer"),
    "non_opening_comment": N_("the complainant's comment on the proposal"),
    "entity_information": N_("the entity's answer"),
    "inspection": N_("the inspection"),
    "defence": N_("the respondent's defence"),
    "instruction": N_("the instruction"),
    "instruction_extension": N_("the extended instruction"),
    "report": N_("the final report"),
    "decision": N_("the Commission's decision"),
    "appeal": N_("an appeal"),
    "referral_send_mp": N_("sending the referral to the prosecutor"),
    "publication": N_("publishing the decision"),
    "appeal_send_mp": N_("sending the appeal to the prosecutor"),
    "payment": N_("paying the fine"),
    "referral_chaser": N_("the body's acknowledgement before a reminder"),
}
CLOSE_REASONS = {("complaint", "forwarded"): N_("the referral to the competent body closed"),
                 ("complaint", "proceeding_opened"): N_("its proceeding closed"),
                 ("proceeding", "final"): N_("no publication was due"),
                 ("proceeding", "published"): N_("the fines are settled")}


def _files(n: int) -> Msg:
    return plural(N_("with 1 file"), N_("with %(n)s files", n=n), n)


def _filed(f: Facts) -> Msg:
    files = f.count("files")
    if f.role == "complainant":
        return (N_("The complainant filed the complaint online, %(files)s", files=_files(files))
                if files else N_("The complainant filed the complaint online"))
    if files:
        return N_("%(who)s registered the complaint, received by %(channel)s, %(files)s",
                  who=f.who, channel=f.channel("channel"), files=_files(files))
    return N_("%(who)s registered the complaint, received by %(channel)s", who=f.who,
              channel=f.channel("channel"))


def _opened(f: Facts) -> Msg:
    if f.data.get("proceeding"):
        return N_("%(who)s joined the complaint to proceeding %(ref)s", who=f.who,
                  ref=f.data["proceeding"])
    return N_("%(who)s opened a proceeding, with %(instructor)s as instructor", who=f.who,
              instructor=f.user("instructor"))


def _closed(f: Facts) -> Msg:
    why = CLOSE_REASONS.get((f.subject_type, f.from_state or ""))
    if f.subject_type == "proceeding":
        return (N_("%(who)s closed the proceeding (%(why)s)", who=f.who, why=why) if why
                else N_("%(who)s closed the proceeding", who=f.who))
    return (N_("%(who)s closed the complaint (%(why)s)", who=f.who, why=why) if why
            else N_("%(who)s closed the complaint", who=f.who))


def _mp_answer(f: Facts) -> Msg | str:
    """The prosecutor's coded outcome and the date of the answer (older events: the outcome or
    nothing)."""
    outcome = f.word("outcome") if f.get("outcome") else N_("no outcome recorded")
    return (N_("%(outcome)s, %(on)s", outcome=outcome, on=f.get("outcome_on"))
            if f.get("outcome_on") else outcome)


def _incident(f: Facts) -> Msg:
    change = (f.data.get("changes") or {}).get("incident") or {}
    if change.get("new"):
        return N_("%(who)s put the complaint in incident %(incident)s", who=f.who,
                  incident=change["new"])
    return N_("%(who)s took the complaint out of incident %(incident)s", who=f.who,
              incident=change.get("old"))


def _information(f: Facts) -> Msg:
    if f.role == "complainant":
        return N_("The complainant answered the request for information")
    return N_("%(who)s recorded the complainant's answer to the request for information",
              who=f.who)


def _proposed(f: Facts) -> Msg:
    why = str(f.data.get("no_hearing") or "").rstrip(".")
    if why:
        return N_("%(who)s proposed not to open a proceeding (%(reason)s); the complainant could "
                  "not be asked to comment: %(why)s", who=f.who, reason=f.word("reason_code"),
                  why=why)
    return N_("%(who)s proposed not to open a proceeding (%(reason)s)", who=f.who,
              reason=f.word("reason_code"))


def _archived(f: Facts) -> Msg:
    joined = f.data.get("joined_to") or str(f.data.get("duplicate_of") or "").strip().upper()
    if joined:
        return N_("%(who)s archived the complaint as a duplicate, joined to %(ref)s", who=f.who,
                  ref=joined)
    return N_("%(who)s archived the complaint (%(reason)s)", who=f.who,  # before art. 19 rules
              reason=f.word("reason_code"))


def _export(f: Facts) -> Msg:
    fmt = str(f.get("format") or "").upper()
    if f.get("kind") == "data_subject":
        return N_("%(who)s exported everything held about the complainant (%(fmt)s)", who=f.who,
                  fmt=fmt)
    if f.subject_type == "audit_log":
        return N_("%(who)s exported the audit log of %(period)s (%(fmt)s, %(events)s events)",
                  who=f.who, period=f.get("period"), fmt=fmt, events=f.get("events"))
    return N_("%(who)s exported the case history (%(fmt)s)", who=f.who, fmt=fmt)


def _view(f: Facts) -> Msg:
    if str(f.get("endpoint") or "").startswith("/staff/audit"):
        return N_("%(who)s read the case's audit history", who=f.who)
    return N_("%(who)s opened the case page", who=f.who)


def _sent(f: Facts) -> Msg:
    n = f.count("files")
    if not n:
        return N_("%(who)s sent referral %(ref)s on %(on)s by %(channel)s", who=f.who, ref=f.ref,
                  on=f.get("sent_on"), channel=f.channel("channel"))
    return N_("%(who)s sent referral %(ref)s on %(on)s by %(channel)s, %(documents)s",
              who=f.who, ref=f.ref, on=f.get("sent_on"), channel=f.channel("channel"),
              documents=plural(N_("with 1 document"), N_("with %(n)s documents", n=n), n))


def _said(message: Msg, **keys: str) -> Words:
    """A sentence (`message`, marked `N_` for the catalogue) whose placeholders are the actor
    (`who`) and raw values of the event's data (`keys`: placeholder -> data key)."""
    return lambda f: N_(message.msgid, who=f.who,
                        **{name: f.get(key) for name, key in keys.items()})


def _per_respondent(named: Msg, general: Msg, **keys: str) -> Words:
    """A per-respondent event: `named` (with `%(name)s`) when the event names the respondent it
    concerns, `general` for the events recorded before each respondent had their own procedure
    (issue 12), which concerned them all."""
    def words(f: Facts) -> Msg:
        values = {name: f.get(key) for name, key in keys.items()}
        name = f.data.get("respondent_name")
        if name:
            return N_(named.msgid, who=f.who, name=name, **values)
        return N_(general.msgid, who=f.who, **values)
    return words


def _decided(f: Facts) -> Msg:
    """Whom a decision concerns, by name (nothing for events without the names)."""
    names = [str(n) for n in (f.data.get("respondent_names") or {}).values()]
    if not names:
        return N_("%(who)s recorded the Commission's decision of %(on)s", who=f.who,
                  on=f.get("decided_on"))
    return N_("%(who)s recorded the Commission's decision of %(on)s about %(names)s", who=f.who,
              on=f.get("decided_on"), names=both(names))


def _became_final(f: Facts) -> Msg:
    name, on = f.data.get("respondent_name"), f.data.get("final_on")
    if name and on:
        return N_("%(who)s recorded that the decision about respondent %(name)s became final on "
                  "%(on)s (the appeal window lapsed)", who=f.who, name=name, on=f.get("final_on"))
    if name:
        return N_("%(who)s recorded that the decision about respondent %(name)s became final "
                  "(the appeal window lapsed)", who=f.who, name=name)
    return N_("%(who)s recorded that the decision became final (the appeal window lapsed)",
              who=f.who)


def _ruling(f: Facts) -> Msg:
    """The court's ruling for a respondent, with the sanction it put in place of the decision's
    when it altered it."""
    new = ((f.data.get("changes") or {}).get("sanction") or {}).get("new") or {}
    if f.data.get("respondent_name"):
        said = N_("%(who)s recorded the court's ruling for respondent %(name)s of %(on)s: "
                  "%(outcome)s", who=f.who, name=f.data["respondent_name"],
                  on=f.get("ruled_on"), outcome=f.word("outcome"))
    else:
        said = N_("%(who)s recorded the court's ruling of %(on)s: %(outcome)s", who=f.who,
                  on=f.get("ruled_on"), outcome=f.word("outcome"))
    if new.get("outcome") == "fine":
        return join([said, N_("(new fine EUR %(amount)s)", amount=new.get("amount"))])
    if new.get("outcome"):
        return join([said, N_("(new sanction: %(outcome)s)",
                              outcome=labels.label("outcome", new.get("outcome")))])
    return said


def _paid(f: Facts) -> Msg:
    said = _per_respondent(
        N_("%(who)s recorded a payment of EUR %(amount)s for respondent %(name)s made on %(on)s"),
        N_("%(who)s recorded a payment of EUR %(amount)s made on %(on)s"),
        amount="amount", on="paid_on")(f)
    if f.data.get("close_reason") == "paid":
        return join([said, N_("(the fine is paid)")])
    return said


def _enforcement(f: Facts) -> Msg:
    said = _per_respondent(
        N_("%(who)s referred the unpaid fine of respondent %(name)s to the prosecutor for "
           "enforcement"),
        N_("%(who)s referred the unpaid fine to the prosecutor for enforcement"))(f)
    if f.data.get("referral"):
        return join([said, N_("(referral %(ref)s)", ref=f.data["referral"])])
    return said


COMPLAINT: dict[str, Words] = {
    "submit": _filed,
    "import": lambda f: N_("%(who)s imported the complaint from %(source)s (row %(row)s, "
                           "received on %(on)s)", who=f.who, source=f.get("import"),
                           row=f.get("source_id"), on=f.get("received_on")),
    "set_incident": _incident,
    "assign": lambda f: N_("%(who)s assigned the complaint to %(assignee)s", who=f.who,
                           assignee=f.user("assignee")),
    "start_triage": _said(N_("%(who)s started triage")),
    "request_information": _said(N_("%(who)s asked the complainant for information")),
    "information_received": _information,
    "record_no_disciplinary_referral":
        _said(N_("%(who)s recorded why no disciplinary referral is due")),
    "propose_non_opening": _proposed,
    "comment_non_opening": _said(N_("%(who)s commented on the proposal not to open a proceeding")),
    "decide_non_opening": lambda f: N_("%(who)s decided not to open a proceeding and archived "
                                       "the complaint (%(reason)s)", who=f.who,
                                       reason=f.word("reason_code")),
    "reconsider": _said(N_("%(who)s reconsidered the proposal not to open and returned the "
                        "complaint to triage")),
    "refer_to_prosecutor": _said(N_("%(who)s approved the referral to the prosecutor")),
    "prosecutor_returned": lambda f: N_("%(who)s recorded that the prosecutor returned the file "
                                        "(%(answer)s; the administrative offence subsists)",
                                        who=f.who, answer=_mp_answer(f)),
    "prosecutor_concluded": lambda f: N_("%(who)s recorded that the prosecutor concluded the "
                                         "case (%(answer)s)", who=f.who, answer=_mp_answer(f)),
    "forward": lambda f: N_("%(who)s forwarded the complaint to %(body)s", who=f.who,
                            body=f.body("body")),
    "open_proceeding": _opened,
    "archive": _archived,
    "withdraw": _said(N_("%(who)s withdrew the complaint; the president decides whether CICDR "
                      "continues")),
    "accept_withdrawal": _said(N_("%(who)s archived the complaint after the complainant's "
                               "withdrawal")),
    "continue_ex_officio": _said(N_("%(who)s continued the complaint ex officio despite the "
                                 "complainant's withdrawal")),
    "reopen": _said(N_("%(who)s reopened the complaint")),
    "close": _closed,
    "resume_with_proceeding": _said(N_("%(who)s reopened the complaint with its proceeding, which "
                                    "the prosecutor returned")),
    "message": _said(N_("%(who)s sent a message")),
    "reissue_access_code": _said(N_("%(who)s had a new access code sent to the registered e-mail "
                                 "address (the old code no longer opens the complaint)")),
    "add_evidence": lambda f: plural(N_("%(who)s sent 1 file", who=f.who),
                                     N_("%(who)s sent %(n)s files", who=f.who,
                                        n=f.count("files")), f.count("files")),
    "message_to_complainant": _said(N_("%(who)s wrote to the complainant")),
    "note": _said(N_("%(who)s added an internal note")),
    "classify": _said(N_("%(who)s classified or corrected the complaint's facts")),
    "add_respondent": _said(N_("%(who)s added a respondent to the complaint")),
    "edit_respondent": _said(N_("%(who)s corrected a respondent of the complaint")),
    "anonymise": lambda f: N_("%(who)s anonymised the complaint (its retention period of "
                              "%(years)s years after it ended, %(outcome)s, had run)", who=f.who,
                              years=f.get("retention_years"), outcome=f.word("outcome")),
}

PROCEEDING: dict[str, Words] = {
    "open": lambda f: N_("%(who)s opened the proceeding for complaint %(complaint)s, with "
                         "%(instructor)s as instructor", who=f.who, complaint=f.get("complaint"),
                         instructor=f.user("instructor")),
    "join_complaint": _said(N_("%(who)s joined complaint %(complaint)s to the proceeding"),
                            complaint="complaint"),
    "transfer": lambda f: N_("%(who)s transferred the proceeding to %(instructor)s as "
                             "instructor", who=f.who, instructor=f.user("instructor")),
    "edit_respondent": _said(N_("%(who)s corrected a respondent of the proceeding")),
    "edit_respondent_texts": lambda f: N_("%(who)s wrote the accusation or decision texts for "
                                          "respondent %(name)s", who=f.who,
                                          name=f.get("respondent_name")),
    "start_instruction": _said(N_("%(who)s started the instruction")),
    "extend_instruction": _said(N_("%(who)s extended the instruction term")),
    "request_entity_information": _said(N_("%(who)s asked %(entity)s for information"),
                                        entity="entity"),
    "request_inspection": _said(N_("%(who)s requested an inspection by %(entity)s"),
                                entity="entity"),
    "record_evidence": lambda f: (N_("%(who)s recorded evidence of %(on)s answering a pending "
                                     "request", who=f.who, on=f.get("on"))
                                  if f.get("answers") else
                                  N_("%(who)s recorded evidence of %(on)s", who=f.who,
                                     on=f.get("on"))),
    "send_to_prosecutor": _said(N_("%(who)s sent the proceeding to the prosecutor (prescription "
                                "suspended)")),
    "prosecutor_returned": lambda f: N_("%(who)s recorded that the prosecutor returned the file "
                                        "(%(answer)s); the instruction resumes", who=f.who,
                                        answer=_mp_answer(f)),
    "prosecutor_took_over": lambda f: N_("%(who)s recorded that the prosecutor took over the "
                                         "proceeding (%(answer)s)", who=f.who,
                                         answer=_mp_answer(f)),
    "notify_accusation": _per_respondent(
        N_("%(who)s recorded that the accusation was notified to respondent %(name)s on %(on)s"),
        N_("%(who)s recorded that the accusation was notified on %(on)s"), on="notified_on"),
    "record_defence": _per_respondent(
        N_("%(who)s recorded the defence of respondent %(name)s received on %(on)s"),
        N_("%(who)s recorded the defence received on %(on)s"), on="received_on"),
    "reopen_instruction": _said(N_("%(who)s reopened the instruction at the defence's request")),
    "close_instruction": lambda f: (
        N_("%(who)s closed the instruction before every respondent was accused (%(reason)s)",
           who=f.who, reason=f.get("reason")) if f.data.get("reason")
        else N_("%(who)s closed the instruction", who=f.who)),
    "submit_report": _said(N_("%(who)s submitted the final report to the Commission")),
    "decide": _decided,
    "notify_decision": _per_respondent(
        N_("%(who)s recorded that the decision was notified to respondent %(name)s on %(on)s"),
        N_("%(who)s recorded that the decision was notified on %(on)s"), on="notified_on"),
    "record_appeal": _per_respondent(
        N_("%(who)s recorded an appeal for respondent %(name)s lodged on %(on)s; the file goes to "
           "the prosecutor within 5 working days"),
        N_("%(who)s recorded an appeal lodged on %(on)s"), on="lodged_on"),
    "revoke_decision": _per_respondent(
        N_("%(who)s revoked the decision for respondent %(name)s before the appeal was sent; a "
           "new decision is due"),
        N_("%(who)s revoked the decision before the appeal was sent; a new decision is due")),
    "send_appeal": _per_respondent(
        N_("%(who)s recorded that the appeal for respondent %(name)s was sent to the prosecutor "
           "on %(on)s"),
        N_("%(who)s recorded that the appeal was sent to the prosecutor on %(on)s"),
        on="sent_on"),
    "record_appeal_admitted": _per_respondent(
        N_("%(who)s recorded that the court admitted the appeal for respondent %(name)s on "
           "%(on)s (prescription suspended)"),
        N_("%(who)s recorded that the court admitted the appeal on %(on)s (prescription "
           "suspended)"), on="admitted_on"),
    "record_court_outcome": _ruling,
    "record_further_appeal": _per_respondent(
        N_("%(who)s recorded a further appeal for respondent %(name)s lodged on %(on)s"),
        N_("%(who)s recorded a further appeal lodged on %(on)s"), on="lodged_on"),
    "court_ruling_final": _per_respondent(
        N_("%(who)s recorded that the court's ruling for respondent %(name)s became final on "
           "%(on)s"),
        N_("%(who)s recorded that the court's ruling became final on %(on)s"), on="final_on"),
    "become_final": _became_final,
    "publish": _said(N_("%(who)s published the decision on %(on)s"), on="published_on"),
    "record_payment": _paid,
    "grant_instalments": lambda f: (N_(
        "%(who)s granted payment for respondent %(name)s in %(n)s instalments", who=f.who,
        name=f.data["respondent_name"], n=f.count("instalments"))
        if f.data.get("respondent_name") else N_(
            "%(who)s granted payment in %(n)s instalments", who=f.who,
            n=f.count("instalments"))),
    "refer_for_enforcement": _enforcement,
    "close_enforcement": _per_respondent(
        N_("%(who)s recorded that the enforcement of the fine of respondent %(name)s ended (its "
           "referral closed)"),
        N_("%(who)s recorded that the enforcement of the fine ended (its referral closed)")),
    "prescribe_fine": _per_respondent(
        N_("%(who)s recorded that the fine of respondent %(name)s prescribed unpaid (RGCO art. "
           "29)"),
        N_("%(who)s recorded that the fine prescribed unpaid (RGCO art. 29)")),
    "close": _closed,
    "prescribe": _per_respondent(
        N_("%(who)s recorded that the procedure against respondent %(name)s prescribed "
           "(time-barred)"),
        N_("%(who)s recorded that the procedure prescribed (time-barred)")),
    "follow_respondents": _said(N_("%(who)s moved the proceeding on with its respondents' "
                                   "procedures")),
}

REFERRAL: dict[str, Words] = {
    "draft": lambda f: N_("%(who)s drafted referral %(ref)s to %(body)s (%(purpose)s)",
                          who=f.who, ref=f.ref, body=f.body("body"),
                          purpose=PURPOSES.get(str(f.get("purpose")), f.word("purpose"))),
    "approve": lambda f: N_("%(who)s approved referral %(ref)s", who=f.who, ref=f.ref),
    "send": _sent,
    "remind": lambda f: N_("%(who)s sent a reminder about referral %(ref)s", who=f.who,
                           ref=f.ref),
    "acknowledge": lambda f: N_("%(who)s recorded that referral %(ref)s was acknowledged "
                                "(their reference %(theirs)s)", who=f.who, ref=f.ref,
                                theirs=f.get("external_reference")),
    "answer": lambda f: N_("%(who)s recorded the answer to referral %(ref)s: %(outcome)s",
                           who=f.who, ref=f.ref, outcome=f.word("outcome")),
    "close": lambda f: N_("%(who)s closed referral %(ref)s", who=f.who, ref=f.ref),
}

USER: dict[str, Words] = {
    "create_user": lambda f: N_("%(who)s created the account %(ref)s (%(role)s)", who=f.who,
                                ref=f.ref, role=f.word("role")),
    "update_user": lambda f: N_("%(who)s changed the account %(ref)s", who=f.who, ref=f.ref),
    "reset_password": lambda f: N_("%(who)s set a new password for the account %(ref)s",
                                   who=f.who, ref=f.ref),
    "enrol_2fa": lambda f: N_("%(who)s set up two-factor sign-in for the account %(ref)s",
                              who=f.who, ref=f.ref),
    "reset_2fa": lambda f: N_("%(who)s reset two-factor sign-in for the account %(ref)s",
                              who=f.who, ref=f.ref),
    "request_access": lambda f: N_("%(who)s asked for %(kind)s on the account %(ref)s (waits for "
                                   "a second approval)", who=f.who, kind=f.word("kind"),
                                   ref=f.ref),
    "approve_access": lambda f: N_("%(who)s approved %(kind)s on the account %(ref)s", who=f.who,
                                   kind=f.word("kind"), ref=f.ref),
    "refuse_access": lambda f: N_("%(who)s refused %(kind)s on the account %(ref)s", who=f.who,
                                  kind=f.word("kind"), ref=f.ref),
}

REFERENCE: dict[str, Words] = {
    "update_reference": lambda f: N_("%(who)s changed the reference data %(ref)s", who=f.who,
                                     ref=f.ref),
}

# Reads (access records), whatever the subject: `access.<what>`.
ACCESS: dict[str, Words] = {
    "view": _view,
    "download": _said(N_("%(who)s downloaded the file %(name)s"), name="filename"),
    "search": _said(N_("%(who)s searched the cases for “%(q)s”"), q="q"),
    "export": _export,
}

# Recorded on any kind of case.
ANY: dict[str, Words] = {
    "generate_document": lambda f: N_("%(who)s generated the %(kind)s letter (%(name)s)",
                                      who=f.who, kind=f.word("kind"), name=f.get("filename")),
    "add_document": lambda f: plural(N_("%(who)s added 1 document to the case", who=f.who),
                                     N_("%(who)s added %(n)s documents to the case", who=f.who,
                                        n=f.count("files")), f.count("files")),
}

BY_SUBJECT: dict[str, dict[str, Words]] = {
    "complaint": COMPLAINT, "proceeding": PROCEEDING, "referral": REFERRAL, "user": USER,
    "reference": REFERENCE}

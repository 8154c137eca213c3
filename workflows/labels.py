"""The names people read for the codes of the legal core: states, deadline kinds, roles,
decisions, accessory sanctions, referral purposes and channels.

Every name is an `N_` message (English; translated where it is shown), so no raw code such as
`non_opening_comment` reaches a page, a PDF or a CSV header meant for people. The English names
are the codes in words, which the existing English sentences already use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from workflows.text import N_, Msg, join

STATES: Mapping[str, Msg] = {
    # complaint
    "received": N_("received"),
    "triage": N_("triage"),
    "awaiting_information": N_("awaiting information"),
    "non_opening_proposed": N_("non-opening proposed"),
    "referred_to_prosecutor": N_("referred to prosecutor"),
    "forwarded": N_("forwarded"),
    "proceeding_opened": N_("proceeding opened"),
    "archived": N_("archived"),
    "closed": N_("closed"),
    # proceeding
    "opened": N_("opened"),
    "instruction": N_("instruction"),
    "suspended_at_prosecutor": N_("suspended at prosecutor"),
    "awaiting_defence": N_("awaiting defence"),
    "report": N_("report"),
    "awaiting_decision": N_("awaiting decision"),
    "decided": N_("decided"),
    "notified": N_("notified"),
    "appealed": N_("appealed"),
    "final": N_("final"),
    "published": N_("published"),
    "prescribed": N_("prescribed"),
    # referral
    "draft": N_("draft"),
    "sent": N_("sent"),
    "acknowledged": N_("acknowledged"),
    "answered": N_("answered"),
}

WORKFLOWS: Mapping[str, Msg] = {
    "complaint": N_("the complaint"),
    "proceeding": N_("the proceeding"),
    "referral": N_("the referral"),
}

DEADLINES: Mapping[str, Msg] = {
    "complainant_information": N_("complainant's answer"),
    "non_opening_comment": N_("comment on the proposed non-opening"),
    "entity_information": N_("entity's answer"),
    "inspection": N_("inspection"),
    "defence": N_("defence"),
    "instruction": N_("instruction"),
    "instruction_extension": N_("extended instruction"),
    "report": N_("final report"),
    "decision": N_("Commission's decision"),
    "appeal": N_("appeal"),
    "referral_send_mp": N_("sending the referral to the prosecutor"),
    "publication": N_("publication of the decision"),
    "referral_chaser": N_("acknowledgement of the referral"),
}

ROLES: Mapping[str, Msg] = {
    "officer": N_("officer"),
    "president": N_("president"),
    "commissioner": N_("commissioner"),
    "auditor": N_("auditor"),
    "admin": N_("admin"),
    "complainant": N_("complainant"),
    "system": N_("system"),
}

# Who may do something, in a sentence ("Only the president may do this.").
ROLE_PHRASES: Mapping[str, Msg] = {
    "officer": N_("an officer"),
    "president": N_("the president"),
    "commissioner": N_("a commissioner"),
    "auditor": N_("an auditor"),
    "admin": N_("an administrator"),
    "complainant": N_("the complainant"),
    "system": N_("the system (automatically)"),
}

OUTCOMES: Mapping[str, Msg] = {
    "fine": N_("fine"),
    "admonition": N_("admonition"),
    "dismissal": N_("dismissal"),
}

ACCESSORIES: Mapping[str, Msg] = {
    "loss_of_objects": N_("loss of objects"),
    "activity_licence_ban": N_("activity licence ban"),
    "loss_of_subsidies": N_("loss of subsidies"),
    "fairs_markets_ban": N_("fairs markets ban"),
    "public_tenders_ban": N_("public tenders ban"),
    "establishment_closure": N_("establishment closure"),
    "licence_suspension": N_("licence suspension"),
}

PURPOSES: Mapping[str, Msg] = {
    "prosecutor": N_("possible crime"),
    "disciplinary": N_("disciplinary (police)"),
    "forward": N_("outside competence"),
}

CHANNELS: Mapping[str, Msg] = {
    "email": N_("e-mail"),
    "post": N_("post"),
    "platform": N_("the body's platform"),
    "in_person": N_("by hand"),
    "online": N_("the online form"),
    "phone": N_("telephone"),
    "forwarded_by_entity": N_("another entity"),
    "portal": N_("follow-up page only"),
}

# What an audit event is about, when it is not a case.
SUBJECTS: Mapping[str, Msg] = {
    "complaint": N_("complaint"),
    "proceeding": N_("proceeding"),
    "referral": N_("referral"),
    "user": N_("account"),
    "reference": N_("reference data"),
    "case_list": N_("case list"),
    "audit_log": N_("audit log"),
    "sanctions_register": N_("sanctions register"),
    "search": N_("search"),
}

# Recorded actions that are not workflow triggers (those are named by their trigger's label).
ACTIONS: Mapping[str, Msg] = {
    "submit": N_("Complaint filed"),
    "open": N_("Proceeding opened"),
    "join": N_("Complaints joined"),
    "join_complaint": N_("Complaint joined"),
    "draft": N_("Referral drafted"),
    "draft_referral": N_("Referral drafted"),
    "message": N_("Message from the complainant"),
    "add_evidence": N_("Files from the complainant"),
    "message_to_complainant": N_("Message to the complainant"),
    "note": N_("Internal note"),
    "classify": N_("Classification"),
    "add_respondent": N_("Respondent added"),
    "edit_respondent": N_("Respondent corrected"),
    "edit_respondent_texts": N_("Accusation or decision texts written"),
    "anonymise": N_("Anonymisation"),
    "create_user": N_("Account created"),
    "update_user": N_("Account changed"),
    "reset_password": N_("Password reset"),
    "enrol_2fa": N_("Two-factor sign-in set up"),
    "reset_2fa": N_("Two-factor sign-in reset"),
    "update_reference": N_("Reference data changed"),
    "generate_document": N_("Letter generated"),
    "add_document": N_("Documents added"),
    "import": N_("Complaint imported"),
    "set_incident": N_("Incident changed"),
    "incident": N_("Incident recorded"),
    "reissue_access_code": N_("New access code sent"),
    "request_access": N_("Approval requested"),
    "approve_access": N_("Approval given"),
    "refuse_access": N_("Approval refused"),
    "add_closure_day": N_("Closure day added"),
    "delete_closure_day": N_("Closure day withdrawn"),
    "access.view": N_("Page read"),
    "access.download": N_("File downloaded"),
    "access.search": N_("Search"),
    "access.export": N_("Export"),
}

PARTIES: Mapping[str, Msg] = {
    "complainant": N_("complainant"),
    "victim": N_("victim"),
    "respondent": N_("respondent"),
    "witness": N_("witness"),
}

FILE_SOURCES: Mapping[str, Msg] = {
    "complainant": N_("from the complainant"),
    "staff": N_("added by staff"),
    "generated": N_("generated"),
}

VOCABULARIES: Mapping[str, Msg] = {
    "ground": N_("grounds of discrimination"),
    "origin": N_("origin of the complaint"),
    "channel": N_("channels of reception"),
    "context": N_("contexts"),
    "practice": N_("practices"),
    "respondent_kind": N_("kinds of respondent"),
    "security_force": N_("security forces"),
    "district": N_("districts"),
    "sex": N_("sex"),
    "victim_kind": N_("kinds of victim"),
    "archive_reason": N_("archiving reasons"),
    "body": N_("outside bodies"),
    "expression": N_("expressions of the ground"),
}

# The answers a trigger records from a closed list (outcomes of the prosecutor, of a referred
# body, of the court), and the channels a referral is sent by.
CHOICES: Mapping[str, Msg] = {
    "inquiry_opened": N_("inquiry opened"),
    "archived": N_("archived"),
    "charged": N_("charged"),
    "disciplinary_opened": N_("disciplinary proceeding opened"),
    "sanctioned": N_("sanctioned"),
    "handled": N_("handled"),
    "declined": N_("declined"),
    "confirmed": N_("confirmed"),
    "altered": N_("altered"),
    "annulled": N_("annulled"),
    "convicted": N_("convicted"),
    "acquitted": N_("acquitted"),
    "returned": N_("returned"),
    # archiving reasons (their Portuguese labels are in the vocabulary; these name them in
    # sentences)
    "duplicate": N_("duplicate"),
    "withdrawn": N_("withdrawn"),
    "manifestly_unfounded": N_("manifestly unfounded"),
    "outside_grounds": N_("outside grounds"),
    "no_information": N_("no information"),
    # document kinds
    "acknowledgement": N_("acknowledgement"),
    "information_request": N_("information request"),
    "non_opening_notice": N_("non-opening notice"),
    "accusation": N_("accusation"),
    "decision_notification": N_("decision notification"),
    "referral_letter": N_("referral letter"),
    **CHANNELS,
}

# Why a respondent's own procedure closed (workflows.respondent.CLOSE_REASONS).
CLOSE_REASONS: Mapping[str, Msg] = {
    "paid": N_("fine paid"),
    "admonished": N_("admonition final"),
    "enforced": N_("sent for enforcement"),
    "fine_prescribed": N_("fine time-barred"),
    "not_condemnatory": N_("not condemned"),
    "annulled": N_("annulled by the court"),
    "prescribed": N_("time-barred"),
}

UNITS: Mapping[str, Msg] = {"days": N_("days"), "years": N_("years")}
COUNTINGS: Mapping[str, Msg] = {"working": N_("working days"), "calendar": N_("calendar days")}

GROUPS: Mapping[str, Mapping[str, Msg]] = {
    "state": STATES, "workflow": WORKFLOWS, "deadline": DEADLINES, "role": ROLES,
    "outcome": OUTCOMES, "accessory": ACCESSORIES, "purpose": PURPOSES, "channel": CHANNELS,
    "role_phrase": ROLE_PHRASES, "subject": SUBJECTS, "action": ACTIONS, "party": PARTIES,
    "file_source": FILE_SOURCES, "close_reason": CLOSE_REASONS,
    "vocabulary": VOCABULARIES, "unit": UNITS, "counting": COUNTINGS, "choice": CHOICES,
}


def words(code: object) -> str:
    """A code without a name of its own, in words: `some_code` -> `some code`."""
    return "—" if code is None or code == "" else str(code).replace("_", " ")


def label(group: str, code: object) -> Msg | str:
    """The name of `code` in `group` (a `Msg`), or the code in words when it has none."""
    found = GROUPS[group].get(str(code))
    return found if found is not None else words(code)


def state_label(state: object) -> Msg | str:
    """The name of a workflow state."""
    return label("state", state)


def either(names: Iterable[Msg | str]) -> Msg | str:
    """"a", "a or b", "a or b or c": one of several names."""
    listed = list(names)
    if not listed:
        return "—"
    result: Msg | str = listed[0]
    for name in listed[1:]:
        result = N_("%(first)s or %(second)s", first=result, second=name)
    return result


def both(names: Iterable[Msg | str]) -> Msg | str:
    """"a", "a and b", "a, b and c": all of several names."""
    listed = list(names)
    if len(listed) < 2:
        return listed[0] if listed else "—"
    return N_("%(first)s and %(second)s", first=join(listed[:-1], ", "), second=listed[-1])


def role_list(roles: Iterable[str]) -> Msg | str:
    """"the president", "an officer or the president": who may do something."""
    return either(ROLE_PHRASES.get(r, words(r)) for r in sorted(roles))

"""The follow-up page's plain words for what happened to a complaint and what happens next.

The service (`services.casework.follow_up.outcome`) gives codes; these are what a person who
complained reads, in their language: no legal jargon, no staff names, no internal notes.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from workflows.defaults import BODY_CONTACTS

# What happens next, per state of the complaint.
NEXT_STEPS = {
    "received": _l("An officer will check whether CICDR can act on the facts you described."),
    "triage": _l("CICDR will decide whether to open a proceeding, to send the complaint to the "
                 "body that can act on it, or to close it. It may ask you for more "
                 "information."),
    "awaiting_information": _l("Answer CICDR's question below. Once it has your answer, CICDR "
                               "goes on checking your complaint."),
    "non_opening_proposed": _l("You may comment below. Then the President of CICDR decides "
                               "whether to close the complaint or to examine it again."),
    "referred_to_prosecutor": _l("The Public Prosecutor decides whether there was a crime. If "
                                 "the file comes back to CICDR, this page will say so."),
    "forwarded": _l("The body named below now handles the facts. For news of its handling, "
                    "contact it with the reference of this complaint."),
    "proceeding_opened": _l("CICDR gathers the evidence and hears those accused. The proceeding "
                            "ends with a decision: a fine, an admonition (a formal warning) or "
                            "no sanction. This can take several months."),
    "archived": _l("If you have new facts or evidence, send CICDR a message or file a new "
                   "complaint."),
    "closed": _l("CICDR's handling of your complaint has ended."),
}

# What each outside body is, for a person who has never heard of it.
BODY_ROLES = {
    "act": _l("The labour inspectorate. It is competent for discrimination at work."),
    "erc": _l("The regulator of newspapers, radio and television."),
    "igai": _l("The inspectorate that oversees the police (PSP, GNR) and other services of "
               "the Ministry of Internal Administration."),
    "igsj": _l("The inspectorate of the justice services, such as prisons."),
    "mp": _l("The Public Prosecutor's Office. It decides on crimes."),
}

# Why a complaint was archived (workflows.complaint.ARCHIVE_REASONS).
ARCHIVE_REASONS = {
    "duplicate": _l("It repeats a complaint already registered; CICDR handles the facts there."),
    "withdrawn": _l("You withdrew it."),
    "manifestly_unfounded": _l("The facts described do not show discrimination that the law "
                               "punishes."),
    "outside_grounds": _l("The facts are not about origin, colour, nationality, ancestry, "
                          "territory of origin or language, which are what CICDR deals with."),
    "no_information": _l("CICDR did not have enough information to act on it."),
}

# The final decision about each person or body accused, in plain words.
DECISIONS = {
    "fine": _l("A fine (coima): they must pay an amount of money."),
    "admonition": _l("An admonition (admoestação): a formal warning, without a fine."),
    "dismissal": _l("No sanction: the proceeding was dismissed for them."),
}

COURT = {
    "confirmed": _l("A court confirmed the decision."),
    "altered": _l("A court changed the decision; what is written above is the result."),
    "annulled": _l("A court annulled the decision: nobody is sanctioned."),
}

ENDED = {
    "prescribed": _l("The proceeding ended without a decision because the legal time limit "
                     "for it ran out."),
    "prosecutor": _l("The Public Prosecutor took the case over, so CICDR's proceeding ended."),
}


def body_contact(code: str) -> tuple[str, str] | None:
    """The official name and website of an outside body, or None ("other")."""
    return BODY_CONTACTS.get(code)

"""What each complaint state means for the person who complained, in plain words.

Shared by the follow-up page (`views.portal`) and the e-mail telling the complainant that the
status changed (`services.notify.events`), so both say exactly the same thing in every language.
Plain message ids (no Flask: the e-mail is composed outside any request): the page translates
them with flask_babel's gettext, the e-mail with the same catalogue through babel
(`services.notify.compose`).
"""

from __future__ import annotations


def _l(message: str) -> str:
    """Mark a message id for extraction (`pybabel extract -k _l`); translated where shown."""
    return message


STATUS = {  # workflow state -> what it means for the person who complained
    "received": _l("Received. An officer will check it soon."),
    "triage": _l("An officer is checking your complaint."),
    "awaiting_information": _l("CICDR has asked you for information. Please answer below."),
    "non_opening_proposed": _l("CICDR proposes not to act on your complaint. "
                               "You may comment below before it decides."),
    "referred_to_prosecutor": _l("The facts may be a crime: CICDR sent them to the Public "
                                 "Prosecutor, who decides on crimes."),
    "forwarded": _l("Your complaint is outside CICDR's competence and was sent to the body "
                    "that can act on it."),
    "proceeding_opened": _l("CICDR opened a proceeding on these facts. It can end with a fine."),
    "archived": _l("CICDR closed your complaint without further action."),
    "closed": _l("The handling of your complaint has finished."),
}

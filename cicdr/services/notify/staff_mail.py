"""The e-mails to staff (a case assigned, deadlines to watch), in the language each person reads
the workspace in: Portuguese unless they chose English (`users.language`, as `cicdr.i18n`).

Composed with `compose`'s templates and catalogues. Apart from the complainant's e-mails
(`compose`) because those are written in every portal language, these only in Portuguese and
English (tests/web/test_portal.py holds the portal's sources to every language).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from cicdr.languages import DEFAULT
from cicdr.models import User
from cicdr.services.notify.compose import N_, Mail, MailSettings, render, translations
from cicdr.services.notify.compose import say as translate
from workflows import labels
from workflows.text import Msg

STAFF_LANGUAGES = ("pt", "en")  # as the staff pages (cicdr.i18n)

def staff_language(user: Any) -> str:
    """The language a member of staff reads: theirs, Portuguese unless they chose English."""
    language = getattr(user, "language", None)
    return language if language in STAFF_LANGUAGES else DEFAULT


def assignment_intro(section: str, reference: str, joined: str | None = None,
                     first: bool = True) -> Msg:
    """The first line of an assignment e-mail: what became whose, and how (translated when
    the e-mail is composed, in the recipient's language)."""
    if section == "complaints":
        return Msg("Complaint %(ref)s is now assigned to you.", {"ref": reference})
    if joined is None:
        return Msg("You are now the instructor of proceeding %(ref)s.", {"ref": reference})
    if first:
        return Msg("Proceeding %(ref)s was opened on complaint %(joined)s; you are its "
                   "instructor.", {"ref": reference, "joined": joined})
    return Msg("Complaint %(joined)s joined proceeding %(ref)s, which you instruct.",
               {"ref": reference, "joined": joined})


# The msgids above, for `pybabel extract` (Msg(...) is not one of its keywords).
_STAFF_MSGIDS = (
    N_("Complaint %(ref)s is now assigned to you."),
    N_("You are now the instructor of proceeding %(ref)s."),
    N_("Proceeding %(ref)s was opened on complaint %(joined)s; you are its instructor."),
    N_("Complaint %(joined)s joined proceeding %(ref)s, which you instruct."),
)


def staff_assignment(settings: MailSettings, *, section: str, reference: str, state: str,
                     intro: Any, by: str | None, language: str = DEFAULT) -> Mail:
    """A case is now this person's: the reference, its state and a link, nothing else; in
    `language` (the recipient's, `staff_language`)."""
    body = render("staff_assignment", language, intro=translate(intro, language),
                  reference=reference, state=translate(labels.state_label(state), language),
                  by=by, url=settings.link(f"/staff/{section}/{reference}"))
    subject = translations(language).gettext(N_("CICDR: %(reference)s is assigned to you"))
    return Mail(subject % {"reference": reference}, body, language, "assignment")


def staff_deadlines(user: User, deadlines: Sequence[Any], reminders: Sequence[Any], *,
                    overdue: int, today: date, days: int) -> Mail:
    """One person's deadlines due soon or overdue and referrals due a reminder, in their
    language; each item has `status` and `words` (`Msg`s), `reference` and `url`."""
    language = staff_language(user)
    catalogue = translations(language)
    count = len(deadlines) + len(reminders)
    subject = catalogue.ngettext("CICDR: %(num)s deadline to watch",
                                 "CICDR: %(num)s deadlines to watch", count) % {"num": count}
    if overdue:
        subject += catalogue.gettext(N_(", %(num)s OVERDUE")) % {"num": overdue}
    body = render("staff_deadlines", language, user=user, today=today, days=days,
                  deadlines=list(deadlines), reminders=list(reminders),
                  tr=lambda text: translate(text, language))
    return Mail(subject, body, language, "deadlines")

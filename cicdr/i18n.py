"""Languages: the public portal's (switcher or browser, right-to-left for Arabic) and the staff
pages' (Portuguese unless the signed-in person chose English), and `tr`, which translates the
`Msg` texts of the legal core and the services when they are shown."""

from __future__ import annotations

from typing import Any

from flask import request, session
from flask_babel import get_locale, gettext, refresh
from flask_login import current_user

from cicdr.languages import DEFAULT, LANGUAGES, RTL
from workflows.text import Joined, Msg

__all__ = ["DEFAULT", "LANGUAGES", "RTL", "STAFF_LANGUAGES", "current_language", "refresh_locale",
           "select_locale", "text_direction", "tr"]

STAFF_LANGUAGES = ("pt", "en")  # the staff pages: Portuguese by default, English on request


def select_locale() -> str:
    """The staff pages: the staff locale; the portal: the portal's own choice."""
    if request.path.startswith("/staff"):
        return staff_locale()
    return portal_locale()


def staff_locale() -> str:
    """The signed-in person's language (their account), else `?lang=` on the sign-in pages
    (remembered apart from the portal's, and set to the account's once its password is
    accepted), else Portuguese."""
    if current_user and current_user.is_authenticated:
        language = getattr(current_user, "language", None)
        return language if language in STAFF_LANGUAGES else DEFAULT
    asked = request.args.get("lang")
    if asked in STAFF_LANGUAGES:
        session["staff_lang"] = asked
        return asked
    remembered = session.get("staff_lang")
    return str(remembered) if remembered in STAFF_LANGUAGES else DEFAULT


def portal_locale() -> str:
    """`?lang=xx` (remembered in the session), else the session, else the browser, else pt."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked
        return asked
    remembered = session.get("lang")
    if remembered in LANGUAGES:
        return str(remembered)
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT) or DEFAULT


def current_language() -> str:
    """The two-letter code of the language this request is served in."""
    locale = get_locale()
    return locale.language if locale else DEFAULT


def text_direction() -> str:
    """`rtl` for Arabic, `ltr` otherwise (the template sets <html dir>)."""
    return "rtl" if current_language() in RTL else "ltr"


def refresh_locale() -> None:
    """Forget a locale cached by an earlier request sharing this app context."""
    refresh()


def tr(text: Any) -> Any:
    """A `Msg` of the legal core or the services in the request's language (its parameters
    translated too); anything else (names, data the user typed, text already translated) is
    returned as it is."""
    if not isinstance(text, Msg):
        return text
    if isinstance(text, Joined):
        return text.sep.join(str(tr(part)) for part in text.parts)
    if not text.params:
        return gettext(text.msgid)
    return gettext(text.msgid, **{key: tr(value) for key, value in text.params.items()})


def tr_all(texts: Any) -> str:
    """Several messages (an InvalidData's errors) as one translated sentence."""
    return " ".join(str(tr(text)) for text in texts)


def tr_error(exc: BaseException) -> str:
    """A refusal (TransitionDenied, Conflict, ServiceError) in the request's language."""
    message = getattr(exc, "reason", None) or (exc.args[0] if exc.args else str(exc))
    return str(tr(message))

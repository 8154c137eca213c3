"""Languages of the public portal: choice by switcher or browser, right-to-left for Arabic."""

from __future__ import annotations

from flask import request, session
from flask_babel import get_locale, refresh

from cicdr.languages import DEFAULT, LANGUAGES, RTL

__all__ = ["DEFAULT", "LANGUAGES", "RTL", "current_language", "refresh_locale",
           "select_locale", "text_direction"]


def select_locale() -> str:
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

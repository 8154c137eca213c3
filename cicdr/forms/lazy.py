"""Lazily translated texts of the complaint form, through the request's catalogue.

Flask-Babel's `lazy_gettext` finds the catalogue afresh each time a text is shown (several
context look-ups); the complaint form shows dozens of them per page (labels, choices, its
summary). `lazy_gettext` here is the same lazy string, translated by `cicdr.i18n.gettext`,
which looks the catalogue up once per request. Same result in every language (outside a
request: untranslated, as Flask-Babel's).
"""

from __future__ import annotations

from typing import Any

from flask_babel.speaklater import LazyString

from cicdr.i18n import gettext


def lazy_gettext(string: str, **variables: Any) -> LazyString:
    """`flask_babel.lazy_gettext` through the request's cached catalogue."""
    return LazyString(gettext, string, **variables)

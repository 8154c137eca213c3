"""Staff forms on a complaint page: a message to the complainant and an internal note.

Only the shape and the CSRF token are checked here; the services say what is wrong with the
text (empty, too long), so the rules live in one place.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField


class ComplainantMessageForm(FlaskForm):
    """A message the complainant reads on their follow-up page."""

    body = TextAreaField(_l("Your message to the complainant"))


class NoteForm(FlaskForm):
    """An internal note: staff only, never shown to the complainant."""

    body = TextAreaField(_l("Internal note"))

"""Every e-mail CICDR writes, composed here and nowhere else, without Flask.

One Jinja environment of its own reads the same `templates/mail/*.txt` the app has, with the
`jinja2.ext.i18n` extension answering from the same catalogues (`cicdr/translations`, loaded by
babel per language and cached), so a CLI job, the worker and a test compose exactly what a
request would. The language travels in the render context, not in global state: two mails in
two languages can be composed at the same moment in two threads.

The portal's address comes from a frozen `MailSettings` value: the app and the CLI build it
from their configuration and put it on the session (`use`); anything else (a script, a test
without an app) gets the environment's, with the defaults of `cicdr/config.py`.

Complainants are written to in their language; staff in the language they read the workspace
in (`staff_mail.py`). What each e-mail must never contain, and why, is in `events.py`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, cast

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape

from cicdr.config import ROOT
from cicdr.languages import DEFAULT, LANGUAGES
from cicdr.models import Complaint
from cicdr.services.core.types import DbSession
from cicdr.status import STATUS
from workflows.text import Count, Joined, Msg

TEMPLATES = ROOT / "templates"
CATALOGUES = ROOT / "cicdr" / "translations"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"  # as cicdr/config.py
SETTINGS = "cicdr.mail_settings"  # session.info: the MailSettings of whoever owns the session
ACCESS_CODE_KIND = "access_code"  # its body is erased from the outbox once sent


@dataclass(frozen=True)
class MailSettings:
    """What composing needs from the configuration: the portal's public address."""

    public_url: str = DEFAULT_PUBLIC_URL

    def link(self, path: str) -> str:
        """An absolute address on the portal, as written in e-mails."""
        return self.public_url.rstrip("/") + path

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MailSettings:
        """From a Flask config (or any mapping with PUBLIC_URL)."""
        return cls(public_url=str(config.get("PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/"))

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> MailSettings:
        """From CICDR_PUBLIC_URL, with the default of `cicdr/config.py`."""
        env = os.environ if environ is None else environ
        return cls(public_url=env.get("CICDR_PUBLIC_URL", DEFAULT_PUBLIC_URL).rstrip("/"))


def use(session: DbSession, settings: MailSettings) -> None:
    """Compose the mail queued through `session` with `settings` (the app and the CLI)."""
    session.info[SETTINGS] = settings


def settings_for(session: DbSession) -> MailSettings:
    """The settings put on `session` by `use`, else the environment's."""
    found = session.info.get(SETTINGS)
    return found if isinstance(found, MailSettings) else MailSettings.from_environ()


@dataclass(frozen=True)
class Mail:
    """One composed e-mail, ready for `outbox.queue`."""

    subject: str
    body: str
    language: str
    kind: str


# -- the environment -----------------------------------------------------------------------------


@lru_cache(maxsize=len(LANGUAGES) + 1)
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of `language` (the msgids themselves when there is none)."""
    return Translations.load(str(CATALOGUES), [language])


def say(text: Any, language: str) -> str:
    """A `Msg` of the legal core or the services in `language` (its parameters too), without
    Flask: what `cicdr.i18n.tr` does for a request, for the code that has no request."""
    if isinstance(text, Count):
        return format_decimal(int(text), locale=language)
    if not isinstance(text, Msg):
        return str(text)
    if isinstance(text, Joined):
        return text.sep.join(say(part, language) for part in text.parts)
    found = translations(language).gettext(text.msgid)
    if not text.params:
        return found
    return found % {key: say(value, language) for key, value in text.params.items()}


@pass_context
def _gettext(context: Any, message: str) -> str:
    return translations(context["language"]).gettext(message)


@pass_context
def _ngettext(context: Any, singular: str, plural: str, n: int) -> str:
    return translations(context["language"]).ngettext(singular, plural, n)


@pass_context
def _format_date(context: Any, value: date | datetime, format: str = "medium") -> str:  # noqa: A002
    """As flask_babel's `format_date`: a datetime is read in UTC, then its date is written."""
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).date()
    return babel_format_date(value, format, locale=context["language"])


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment of the mail templates (built once; safe to share)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), extensions=["jinja2.ext.i18n"],
                      autoescape=select_autoescape(("html", "xml"), default=False),
                      undefined=StrictUndefined)
    cast(Any, env).install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals["format_date"] = _format_date
    return env


def render(name: str, language: str, **context: Any) -> str:
    """`templates/mail/<name>.txt` rendered in `language`."""
    return environment().get_template(f"mail/{name}.txt").render(language=language, **context)


def N_(message: str) -> str:  # the name `pybabel extract` looks for
    """Mark a msgid for extraction; it is translated later, in the complainant's language."""
    return message


# -- the complainant -----------------------------------------------------------------------------


def complainant_language(complaint: Complaint) -> str:
    """The language to write to the complainant in: the one they chose, else the form's."""
    language = complaint.preferred_language or complaint.language
    return language if language in LANGUAGES else DEFAULT


def status_words(state: str, language: str) -> str:
    """What `state` means for the complainant, as their follow-up page says it."""
    return translations(language).gettext(STATUS[state])


def _to_complainant(kind: str, template: str, complaint: Complaint, settings: MailSettings,
                    subject: str, **context: Any) -> Mail:
    """`subject` (a msgid with %(reference)s) and the template, in the complainant's language."""
    language = complainant_language(complaint)
    gettext = translations(language).gettext
    body = render(template, language, complaint=complaint,
                  follow_url=settings.link("/follow"), **context)
    return Mail(gettext(subject) % {"reference": complaint.reference}, body, language, kind)


def acknowledgement(complaint: Complaint, settings: MailSettings) -> Mail:
    """The complaint was received (never the access code: see events.py)."""
    msgid = N_("CICDR received your complaint %(reference)s")
    return _to_complainant("acknowledgement", "acknowledgement", complaint, settings, msgid)


def new_message(complaint: Complaint, settings: MailSettings) -> Mail:
    """A message from CICDR waits on the follow-up page (never its text)."""
    msgid = N_("CICDR wrote to you about your complaint %(reference)s")
    return _to_complainant("new_message", "new_message", complaint, settings, msgid)


def status_changed(complaint: Complaint, state: str, settings: MailSettings) -> Mail:
    """The complaint's status is now what `state` means for the complainant."""
    msgid = N_("The status of your complaint %(reference)s changed")
    return _to_complainant("status_change", "status_changed", complaint, settings, msgid,
                           status=status_words(state, complainant_language(complaint)))


DECISION_FINAL = N_("The proceeding on your complaint ended with a final decision. Its "
                    "follow-up page says what CICDR decided.")


def decision_final(complaint: Complaint, settings: MailSettings) -> Mail:
    """The decision of the complaint's proceeding became final (the page says which)."""
    msgid = N_("The status of your complaint %(reference)s changed")
    return _to_complainant("decision", "status_changed", complaint, settings, msgid,
                           status=translations(complainant_language(complaint))
                           .gettext(DECISION_FINAL))


def access_code(complaint: Complaint, code: str, settings: MailSettings) -> Mail:
    """A new access code, asked for on the lost-code page (the one mail with a code: see
    services/casework/lost_code.py)."""
    msgid = N_("Your new access code for complaint %(reference)s")
    return _to_complainant(ACCESS_CODE_KIND, "access_code", complaint, settings, msgid,
                           code=code)

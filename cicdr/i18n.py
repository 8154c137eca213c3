"""Languages: the public portal's (switcher or browser, right-to-left for Arabic) and the staff
pages' (Portuguese unless the signed-in person chose English), and `tr`, which translates the
`Msg` texts of the legal core and the services when they are shown."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal
from flask import g, has_app_context, request, session
from flask_babel import get_locale, get_translations, refresh
from flask_login import current_user
from markupsafe import Markup

from cicdr.languages import DEFAULT, LANGUAGES, RTL
from workflows.text import Count, Joined, Msg

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
    if has_app_context():
        g.pop("cicdr_translations", None)


def translations() -> Any:
    """The catalogue of the request's language, looked up once per request (Flask-Babel finds
    it afresh on every call: a few context lookups, hundreds of times on a list page)."""
    if not has_app_context():
        return get_translations()
    cached = g.get("cicdr_translations")
    if cached is None:
        cached = g.cicdr_translations = get_translations()
    return cached


def gettext(msgid: str, **variables: Any) -> str:
    """`flask_babel.gettext` through the request's cached catalogue."""
    text: str = translations().ugettext(msgid)
    return text % variables if variables else text


def template_gettext(app: Any) -> None:
    """Templates' `_()`, `gettext` and `ngettext` bound to the request's catalogue once per
    page: Jinja's i18n extension resolves them from the template context before the globals
    Flask-Babel installs, which would look the catalogue up again on every call. Same output:
    a new-style gettext (autoescaped, always %-formatted), as Jinja's own."""
    from jinja2 import pass_context

    @app.context_processor
    def bound_gettext() -> dict[str, Any]:
        catalogue = translations()
        lookup, plural = catalogue.ugettext, catalogue.ungettext

        @pass_context
        def bound(context: Any, msgid: str, **variables: Any) -> str:
            text = lookup(msgid)
            if context.eval_ctx.autoescape:
                text = Markup(text)  # noqa: S704 -- the catalogue is ours, as in Jinja's own gettext
            return text % variables  # type: ignore[no-any-return]

        @pass_context
        def bound_plural(context: Any, singular: str, plural_form: str, num: int,
                         **variables: Any) -> str:
            variables.setdefault("num", num)
            text = plural(singular, plural_form, num)
            if context.eval_ctx.autoescape:
                text = Markup(text)  # noqa: S704 -- the catalogue is ours, as in Jinja's own gettext
            return text % variables  # type: ignore[no-any-return]

        return {"gettext": bound, "ngettext": bound_plural}


def tr(text: Any) -> Any:
    """A `Msg` of the legal core or the services in the request's language (its parameters
    translated too); anything else (names, data the user typed, text already translated) is
    returned as it is."""
    if isinstance(text, Count):
        return format_decimal(int(text), locale=get_locale())
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

"""Parts of the complaint form's pages rendered once per language, not on every page.

A step of the form is mostly the same for every visitor: labels, hints, choices, the list of
steps. WTForms and the `field`/`radios` macros of portal/_forms.html build all of it again on
every request (hundreds of escapes, attribute lists and catalogue look-ups per step: most of a
step's CPU). `StepParts` keeps what they render, keyed by everything the output depends on,
and renders again only what belongs to the visitor:

- a field with an error is rendered as before, every time (its message, its aria attributes);
- a text field (text, text area, date) is kept with a placeholder where its value goes: the
  visitor's text is escaped into it on each page, and is never kept;
- a choice (select, radios, tick boxes, a check box) is kept per chosen code;
- `fragment` keeps a block of the template under a key the template gives (the list of steps).

`layout_part` does the same for the portal's layout (portal/base.html): its header and footer
are the same on every page in a language.

The parts belong to one app, one language, one mode of the form and the legal tables in force
when they were rendered (an administrator relabelling or switching off a code renders them
anew), at most `MOST` of them. The output is the macros' own, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app, request
from markupsafe import Markup
from wtforms import (
    BooleanField,
    DateField,
    FileField,
    SelectField,
    SelectMultipleField,
    StringField,
)

from cicdr.i18n import current_language
from cicdr.request_tables import tables

MOST = 2048  # parts kept per app: every language, step and choice is a few hundred
VALUE = "\ue000cicdr-value\ue000"  # where a text field's value goes (a private-use character)
EMPTY = Markup("")
UNCACHED = object()  # a text field whose value does not show once (a password): never kept
_TEXT = ("text",)


class _Store:
    """The parts of one app, for the legal tables they were rendered with."""

    def __init__(self) -> None:
        self.owner: Any = None
        self.parts: dict[Hashable, Any] = {}

    def current(self) -> dict[Hashable, Any]:
        now = tables()
        if now is not self.owner or len(self.parts) >= MOST:
            self.parts, self.owner = {}, now  # a new dict: a page being rendered keeps its own
        return self.parts


def _store() -> _Store:
    store: _Store | None = current_app.extensions.get("complaint_parts")
    if store is None:
        store = current_app.extensions["complaint_parts"] = _Store()
    return store


def layout_part(key: str, caller: Callable[[], Markup]) -> Markup:
    """`{% call layout_part('portal-top') %}...{% endcall %}` in a layout: the block as first
    rendered in this language (it must depend on nothing else: no user, no page)."""
    parts: dict[Hashable, Markup] | None = current_app.extensions.get("layout_parts")
    if parts is None or len(parts) >= MOST:
        parts = current_app.extensions["layout_parts"] = {}
    full = (key, current_language(), request.script_root)
    kept = parts.get(full)
    if kept is None:
        kept = parts[full] = caller()
    return kept


def _state(f: Any) -> Hashable | None:
    """What a field's HTML depends on besides its definition and the language (None: it is
    rendered every time)."""
    if isinstance(f, SelectMultipleField):
        return ("many", tuple(f.data or ()))
    if isinstance(f, SelectField):  # radios too
        return ("one", f.data)
    if isinstance(f, BooleanField):
        return ("tick", bool(f.data), f._value())
    if isinstance(f, StringField | DateField):
        return _TEXT
    if isinstance(f, FileField):
        return ("file",)
    return None


class StepParts:
    """The kept parts of one step page: `field(f, **attrs)` and `radios(f)` stand for the
    macros of portal/_forms.html, `fragment(*key)` for a `{% call %}` block; `error_list` and
    `report_questions` are the macros themselves (imported once, not on every page)."""

    def __init__(self, mode: str, slug: str, language: str) -> None:
        self.prefix = (mode, slug, language, request.script_root)
        self.parts = _store().current()
        environment = current_app.jinja_env
        forms = environment.get_template("portal/_forms.html").module
        self._field, self._radios = forms.field, forms.radios  # type: ignore[attr-defined]
        self.error_list = forms.error_list  # type: ignore[attr-defined]
        self.report_questions = environment.get_template(
            "portal/_report_codes.html").module.report_questions  # type: ignore[attr-defined]

    def field(self, f: Any, **attrs: Any) -> Markup:
        return self._kept(self._field, "field", f, attrs)

    def radios(self, f: Any) -> Markup:
        return self._kept(self._radios, "radios", f, {})

    def fragment(self, *key: Hashable, caller: Callable[[], Markup],
                 keep: bool = True) -> Markup:
        """`{% call parts.fragment('steps', index) %}...{% endcall %}`: the block as rendered
        the first time for this key (the key must name all it depends on but the language,
        the mode and the step); with keep=False, rendered afresh and not kept."""
        if not keep:
            return caller()
        full = (*self.prefix, "fragment", *key)
        kept = self.parts.get(full)
        if kept is None:
            kept = self.parts[full] = caller()  # Markup: the template autoescapes
        return kept  # type: ignore[no-any-return]

    def _kept(self, macro: Callable[..., Any], name: str, f: Any,
              attrs: dict[str, Any]) -> Markup:
        state = None if f.errors else _state(f)
        if state is None:
            return macro(f, **attrs)  # type: ignore[no-any-return]
        try:
            key = (*self.prefix, name, type(f), f.id, f.name, tuple(sorted(attrs.items())),
                   state)
            kept = self.parts.get(key)
        except TypeError:  # a value that cannot be a key
            return macro(f, **attrs)  # type: ignore[no-any-return]
        if kept is None:
            kept = self.parts[key] = _render(macro, f, attrs, state is _TEXT)
        if kept is UNCACHED:
            return macro(f, **attrs)  # type: ignore[no-any-return]
        if isinstance(kept, tuple):  # Markup.join escapes the value between the two
            value = f._value()
            return EMPTY.join((kept[0], "" if value is None else str(value), kept[1]))
        return kept  # type: ignore[no-any-return]


def _render(macro: Callable[..., Any], f: Any, attrs: dict[str, Any], text: bool) -> Any:
    """The part to keep: the HTML, or for a text field the HTML before and after its value."""
    if not text:
        return macro(f, **attrs)
    f._value = lambda: VALUE  # the instance's own, for this render only
    try:
        html: Markup = macro(f, **attrs)
    finally:
        del f._value
    before, found, after = html.partition(VALUE)
    return (before, after) if found and VALUE not in after else UNCACHED

"""Words meant for people, kept translatable by a core that knows nothing of Flask or locales.

The legal core and the services speak English: every message a person reads (a guard's reason,
a field's label, a refusal, a sentence of the case history) is written `N_("...")`. `N_` returns
a `Msg`: the English text itself (a `str`, so logs, exceptions and tests read it as before) that
also remembers its msgid and its parameters. The view layer translates it when it shows it
(`cicdr.i18n.tr`): the msgid is looked up in the catalogue, then the parameters (themselves
translated when they are `Msg`) are put in. `pybabel extract` finds the msgids through the `N_`
keyword (Makefile `translations-update`).

A parameterised message uses named `%(name)s` placeholders, so a translation may reorder them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class Msg(str):
    """English text with the msgid and parameters it was made from."""

    msgid: str
    params: Mapping[str, Any]

    def __new__(cls, msgid: str, params: Mapping[str, Any] | None = None) -> Msg:
        params = dict(params or {})
        obj = super().__new__(cls, msgid % params if params else msgid)
        obj.msgid = msgid
        obj.params = params
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (copied, cached) as a Msg, not as a bare string."""
        return (Msg, (self.msgid, dict(self.params)))


class Count(int):
    """A whole number put into a message: written with the reader's digit grouping when the
    message is translated (20,000 in English, 20 000 in Portuguese, where a comma would read as
    a decimal point); in the English text, with commas."""

    def __str__(self) -> str:
        return f"{int(self):,}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def N_(msgid: str, **params: Any) -> Msg:  # noqa: N802 - the conventional gettext marker
    """Mark `msgid` for translation; its `%(name)s` placeholders take `params`."""
    return Msg(msgid, params)


def plural(one: Msg, many: Msg, n: int) -> Msg:
    """`one` when n is 1, else `many` (pt and en share this rule)."""
    return one if n == 1 else many


class Joined(Msg):
    """Several messages shown as one (each translated on its own, then joined)."""

    parts: tuple[Msg | str, ...]
    sep: str

    def __new__(cls, parts: Iterable[Msg | str], sep: str = " ") -> Joined:
        parts = tuple(parts)
        obj = str.__new__(cls, sep.join(parts))
        obj.msgid, obj.params = "", {}
        obj.parts, obj.sep = tuple(parts), sep
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Joined, (self.parts, self.sep))


def join(parts: Iterable[Msg | str], sep: str = " ") -> Msg:
    """`parts` as one message: `sep`-joined, each part translated on its own."""
    return Joined(parts, sep)

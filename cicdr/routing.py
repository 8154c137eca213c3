"""What a request may carry before any view sees it: ids a database can hold, no NUL.

`<int:...>` refuses numbers no database id can have; a request whose path, query string, form
fields or file names contain a NUL character is refused with 400 (PostgreSQL cannot store NUL
in text, and no honest form sends it: it would be a 500 deep inside whatever stored it).

Werkzeug's `int` converter accepts any number of digits; a 20-digit id then reaches the
database, which cannot hold it (SQLite raises OverflowError, PostgreSQL "out of range"): a 500
where the page simply does not exist. This converter makes such a URL not match (404).
"""

from __future__ import annotations

import os
from typing import Any

from flask import abort, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from cicdr.services.core.types import MAX_ID


class RecordIdConverter(IntegerConverter):
    """`<int:...>` limited to the range of the database's INTEGER ids."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # noqa: A002 (werkzeug's name)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def _carries_nul() -> bool:
    """Whether the path, the query, a form field or a file name holds a NUL character."""
    if "\x00" in request.path:
        return True
    texts = [text for pair in request.args.items(multi=True) for text in pair]
    if request.method == "POST":
        texts += [text for pair in request.form.items(multi=True) for text in pair]
        texts += [f.filename or "" for _name, f in request.files.items(multi=True)]
    return any("\x00" in text for text in texts)


def refuse_nul() -> None:
    """400 before any view runs when the request carries a NUL character."""
    if _carries_nul():
        abort(400, "The request contains a character that is not allowed (NUL).")


def trust_proxies(app: Any) -> None:
    """Behind nginx every request comes from 127.0.0.1: with CICDR_TRUSTED_PROXIES=1 (one
    proxy in front), the visitor's address and scheme come from X-Forwarded-For/-Proto, so
    the per-client rate limits count visitors, not the proxy. Never set it without a proxy
    that overwrites those headers (a visitor could then choose their own address)."""
    raw = str(app.config.get("TRUSTED_PROXIES") or os.environ.get("CICDR_TRUSTED_PROXIES", ""))
    hops = int(raw) if raw.isdecimal() and raw.isascii() else 0
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)


def init_app(app: Any) -> None:
    """Install the converter before any blueprint adds its rules, the NUL check, and the
    trusted proxies."""
    app.url_map.converters["int"] = RecordIdConverter
    app.before_request(refuse_nul)
    trust_proxies(app)

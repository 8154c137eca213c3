"""What a request may carry before any view sees it: ids a database can hold, no NUL.

`<int:...>` refuses numbers no database id can have; a request whose path, query string, form
fields or file names contain a NUL character is refused (400 in the address, 422 in a form):
PostgreSQL cannot store NUL in text, and no honest form sends it; it would otherwise be a 500
deep inside whatever tried to store it.

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


def _nul_in(texts: Any) -> bool:
    return any("\x00" in text for pair in texts for text in pair)


def refuse_nul() -> None:
    """Before any view runs: a NUL in the path or the query string is a bad request (400); in
    a form field or a file name, a form that cannot be accepted (422, like other form errors)."""
    if "\x00" in request.path or _nul_in(request.args.items(multi=True)):
        abort(400, "The request contains a character that is not allowed (NUL).")
    if request.method == "POST" and (
            _nul_in(request.form.items(multi=True))
            or any("\x00" in (f.filename or "") for _n, f in request.files.items(multi=True))):
        abort(422, "The form contains a character that is not allowed (NUL). Remove it and "
                   "send the form again.")


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

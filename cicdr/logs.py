"""Request ids and logging without personal data.

Every request gets an id: the proxy's `X-Request-ID` when it is a plain token, else a new one.
It is sent back in the `X-Request-ID` response header and is on every log line written while
the request runs (`RequestIdFormatter`, also named by deploy/gunicorn.conf.py), so an operator
can follow one request from nginx through gunicorn to the application without logging who
made it. SQL parameters (names, descriptions, e-mail addresses) are kept out of error messages
and tracebacks (`hide_parameters`).

This module imports no part of the application: gunicorn's master loads it for its log config.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

HEADER = "X-Request-ID"
FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
_TOKEN = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdFormatter(logging.Formatter):
    """A formatter that fills `%(request_id)s` (the request's id, or "-" outside requests)."""

    def __init__(self, fmt: str | None = FORMAT, *args: Any, **kwargs: Any) -> None:
        super().__init__(fmt, *args, **kwargs)

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return super().format(record)


def current_request_id() -> str:
    """The id of the request being served, or "-"."""
    from flask import g, has_request_context

    return g.get("request_id", "-") if has_request_context() else "-"


def accepted_id(incoming: str | None) -> str:
    """The proxy's id when it is a plain token (no spaces, quotes or newlines to forge log
    lines with), else a fresh one."""
    if incoming and _TOKEN.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def init_app(app: Any) -> None:
    """Request ids in and out, formatted log lines, SQL parameters hidden."""
    from flask import g, request
    from flask.logging import default_handler

    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    options.setdefault("hide_parameters", True)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options

    @app.before_request
    def take_request_id() -> None:
        g.request_id = accepted_id(request.headers.get(HEADER))

    @app.after_request
    def send_request_id(response: Any) -> Any:
        response.headers[HEADER] = g.get("request_id") or accepted_id(None)
        return response

    root = logging.getLogger()
    if not root.handlers:  # nobody configured logging (flask run, the CLI): one line format
        handler = logging.StreamHandler()
        handler.setFormatter(RequestIdFormatter())
        root.addHandler(handler)
        app.logger.removeHandler(default_handler)  # the root handler prints its lines
    default_handler.setFormatter(RequestIdFormatter())

"""Types shared by the services."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session, scoped_session

# Services take the session explicitly: a plain Session (tests, threads, CLI) or Flask-SQLAlchemy's
# request-scoped proxy, which forwards every call to the Session of the current context.
DbSession = Session | scoped_session[Any]

# The largest id an INTEGER column holds (PostgreSQL's int4; SQLite's limit is larger, but ids
# beyond this are never issued): a bigger number in a URL or a form names nothing, so it is
# refused before it reaches the database (which would fail on it: a 500, not a 404).
MAX_ID = 2**31 - 1
_DECIMAL = re.compile(r"[0-9]{1,19}")  # ASCII digits only: "²".isdigit() and "１２" are True


def whole_number(raw: object, most: int = MAX_ID) -> int | None:
    """The whole number 0..most written in ASCII digits, else None (never raises)."""
    text = str(raw if raw is not None else "").strip()
    if not _DECIMAL.fullmatch(text):
        return None
    value = int(text)
    return value if value <= most else None


def record_id(raw: object) -> int | None:
    """A database id (1..MAX_ID) from a URL or form value, else None (never raises)."""
    value = whole_number(raw)
    return value if value else None

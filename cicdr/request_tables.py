"""The legal tables of the current request: views, forms and templates read them from here.

One request sees one value: the first call takes `current_tables` (one primary-key read) and
keeps it on `flask.g`, so a change an administrator commits meanwhile shows from the next request
on, never half-way through a page.
"""

from __future__ import annotations

from flask import g

from cicdr.extensions import db
from cicdr.services.core.legal_tables import current_tables
from workflows.tables import LegalTables


def forget_request_tables() -> None:
    """Start a request without tables: its first `tables()` call takes those in force."""
    g.pop("legal_tables", None)


def tables() -> LegalTables:
    """The legal tables in force for this request (or app context)."""
    cached: LegalTables | None = g.get("legal_tables")
    if cached is None:
        cached = current_tables(db.session)
        g.legal_tables = cached
    return cached

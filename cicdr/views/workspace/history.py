"""The case history in words for every page that lists audit events (see services.history)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import g

from cicdr.extensions import db
from cicdr.request_tables import tables
from cicdr.services import cases as queries
from cicdr.services import history
from cicdr.views.workspace import bp


@bp.app_template_global()
def describe_event(event: Any, names: Mapping[int, str] | None = None) -> history.Description:
    """An audit event as a sentence with its details; staff names are loaded once a request."""
    if names is None:
        if "user_names" not in g:
            g.user_names = queries.user_names(db.session)
        names = g.user_names
    return history.describe(event, names, tables())

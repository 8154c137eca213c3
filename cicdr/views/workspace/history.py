"""The case history in words for every page that lists audit events (see services.history)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cicdr.request_tables import tables
from cicdr.services.queries import history
from cicdr.views.workspace.blueprint import bp, staff


@bp.app_template_global()
def describe_event(event: Any, names: Mapping[int, str] | None = None) -> history.Description:
    """An audit event as a sentence with its details; staff names are loaded once a request."""
    if names is None:
        names = staff().names
    return history.describe(event, names, tables())

"""Choices of a select built from the legal tables, once per tables rather than per form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wtforms import SelectChoice

from cicdr.request_tables import tables
from workflows.tables import LegalTables


def per_tables(build: Callable[[LegalTables], list[SelectChoice]]) -> Callable[[],
                                                                            list[SelectChoice]]:
    """A choices callable for WTForms: `build(tables)` for the tables of the request, kept
    while those tables are in force (they are immutable, and a change an administrator
    commits brings new ones). Labels stay lazy, so one list serves every language; forms only
    read it."""
    kept: list[Any] = [None, None]  # [tables, choices]

    def choices() -> list[SelectChoice]:
        current = tables()
        owner, built = kept
        if owner is not current:
            built = build(current)
            kept[:] = [current, built]
        return built  # type: ignore[no-any-return]
    return choices

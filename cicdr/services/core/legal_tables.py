"""Reference data and settings from the database into the legal core, in every process.

The legal core (`workflows`) keeps its tables in module state: the IAS table, the vocabularies
and the oversight body per force, the holiday options and the deadline table. The database is
the source of truth; each process copies it in at start (`load_legal_core`) and again whenever
the `settings_version` counter has moved (`refresh_legal_core`, run before every request: one
primary-key read). Every administrator's change bumps the counter in its own transaction
(`bump_version`), so every gunicorn worker picks the change up on its next request.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from cicdr.extensions import db
from cicdr.models import IasValue, Setting, SettingsVersion, VocabularyTerm
from cicdr.services.core.types import DbSession
from workflows import deadlines, sanctions, vocabularies
from workflows.calendar import configure_calendar

log = logging.getLogger(__name__)

CARNIVAL, LISBON = "calendar.carnival", "calendar.lisbon"
DEADLINE_PREFIX = "deadline."

_loaded_version: int | None = None  # the settings_version this process last loaded


@dataclass(frozen=True)
class CalendarDefaults:
    """The holiday options from the environment, used until an administrator sets them."""

    carnival: bool = False
    lisbon: bool = False


def load_ias() -> int:
    """Copy the `ias_values` table into `workflows.sanctions`; return how many years."""
    rows = db.session.scalars(select(IasValue)).all()
    for row in rows:
        sanctions.set_ias(row.year, row.amount)
    db.session.remove()
    return len(rows)


def settings_version(session: DbSession) -> int:
    """The reference-data version in the database (0 when the counter row is missing)."""
    return session.scalar(select(SettingsVersion.version).where(SettingsVersion.id == 1)) or 0


def bump_version(session: DbSession) -> int:
    """Count one more change, inside the caller's transaction (the row lock also serialises
    concurrent administrators); returns the new version."""
    version = session.scalar(update(SettingsVersion).where(SettingsVersion.id == 1)
                             .values(version=SettingsVersion.version + 1)
                             .returning(SettingsVersion.version))
    if version is None:  # a database emptied by hand (or by the tests): start counting again
        session.add(SettingsVersion(id=1, version=settings_version(session) + 1))
        session.flush()
        return settings_version(session)
    return int(version)


def read_settings(session: DbSession) -> dict[str, Any]:
    """Every stored setting, decoded."""
    return {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}


def calendar_options(settings: dict[str, Any], defaults: CalendarDefaults) -> tuple[bool, bool]:
    """(carnival, lisbon): the stored choice, else the environment's default."""
    return (bool(settings.get(CARNIVAL, defaults.carnival)),
            bool(settings.get(LISBON, defaults.lisbon)))


def deadline_overrides(settings: dict[str, Any]) -> dict[str, tuple[int, Any]]:
    """The deadline kinds an administrator changed: kind -> (length, counting)."""
    return {key.removeprefix(DEADLINE_PREFIX): (value["length"], value["counting"])
            for key, value in settings.items() if key.startswith(DEADLINE_PREFIX)}


def load_legal_core(session: DbSession, defaults: CalendarDefaults) -> int:
    """Copy every reference table and setting into `workflows`; return the version loaded.

    The version is read first: a change committed meanwhile is then loaded again next time."""
    global _loaded_version
    version = settings_version(session)
    settings = read_settings(session)
    sanctions.load_ias_table({r.year: r.amount for r in session.scalars(select(IasValue))})
    vocabularies.load_terms(
        vocabularies.Term(t.vocabulary, t.code, t.label, t.position, t.active, t.oversight_body)
        for t in session.scalars(select(VocabularyTerm)))
    carnival, lisbon = calendar_options(settings, defaults)
    configure_calendar(carnival=carnival, lisbon=lisbon)
    unknown = deadlines.load_rules(deadline_overrides(settings))
    if unknown:
        log.warning("settings for unknown deadline kinds ignored: %s", ", ".join(unknown))
    _loaded_version = version
    return version


def refresh_legal_core(session: DbSession, defaults: CalendarDefaults) -> bool:
    """Reload the legal core if the reference data changed since this process loaded it.

    Never fails a request: an unreadable counter (a database not migrated yet) is logged; a
    value the core refuses (only possible by editing the database by hand) is logged once per
    version and the tables in force stay as they were."""
    global _loaded_version
    try:
        version = settings_version(session)
    except SQLAlchemyError as exc:
        session.rollback()
        log.warning("reference data version unreadable: %s", getattr(exc, "orig", exc))
        return False
    if version == _loaded_version:
        return False
    try:
        load_legal_core(session, defaults)
    except (SQLAlchemyError, ValueError, KeyError, TypeError):
        session.rollback()
        _loaded_version = version  # do not retry on every request; the next change retries
        log.exception("reference data version %s not loaded; the previous tables stay", version)
        return False
    return True


def loaded_version() -> int | None:
    """The version this process runs with (None before the first load)."""
    return _loaded_version

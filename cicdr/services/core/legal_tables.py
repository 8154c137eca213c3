"""The legal tables in force: built from the defaults plus the database, cached per version.

The database is the source of truth for reference data (vocabulary terms, IAS values, settings).
`build_tables` turns it into one immutable `workflows.tables.LegalTables`; `current_tables`
returns that value from a process-wide cache keyed by the `settings_version` counter (one
primary-key read per call) and builds a new one when the counter has moved. Every
administrator's change bumps the counter in its own transaction (`bump_version`), so every
gunicorn worker picks the change up on its next read. The cache is swapped with one reference
assignment under a lock: a reader gets the old tables or the new ones, never a mix.

The counter is read at most once per `use_check_interval` seconds per process (1 s in
production, every call in the tests): a change made in another worker shows within that time;
a change this process makes (`bump_version`) is checked for on every call for a few seconds
after, so whoever made it sees it on the next page.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import object_session
from sqlalchemy.orm.exc import UnmappedInstanceError

from cicdr.models import ClosureDay, IasValue, Setting, SettingsVersion, VocabularyTerm
from cicdr.services.core.types import DbSession
from workflows.tables import DEFAULT_TABLES, LegalTables
from workflows.vocabularies import Term

log = logging.getLogger(__name__)

CARNIVAL, LISBON = "calendar.carnival", "calendar.lisbon"
INSTALMENT_MONTHS = "payment.instalment_months"  # RGCO art. 88(5): the last instalment's limit
DEADLINE_PREFIX = "deadline."


@dataclass(frozen=True)
class CalendarDefaults:
    """The holiday options from the environment, used until an administrator sets them."""

    carnival: bool = False
    lisbon: bool = False


@dataclass(frozen=True)
class _Cached:
    """The tables built for one (settings_version, environment defaults)."""

    version: int
    defaults: CalendarDefaults
    tables: LegalTables


_cached: _Cached | None = None  # replaced whole, never changed in place
_swap = threading.Lock()  # one builder at a time; readers never wait for it
_defaults = CalendarDefaults()  # the environment's holiday options (`use_calendar_defaults`)
_BUILD_ATTEMPTS = 5
_check_seconds = 0.0  # how long a read of the counter stands (`use_check_interval`)
_checked_at = -math.inf  # time.monotonic() of the last read that confirmed the cache
_forced_until = -math.inf  # after a local change: read the counter on every call until then
FORCED_SECONDS = 5.0


def use_check_interval(seconds: float) -> None:
    """Read the counter at most once per `seconds` (0: on every call); from the app
    configuration (SETTINGS_CHECK_SECONDS), once at start."""
    global _check_seconds
    _check_seconds = max(float(seconds), 0.0)


def check_interval() -> float:
    """The seconds a read of the counter stands (`use_check_interval`)."""
    return _check_seconds


def use_calendar_defaults(defaults: CalendarDefaults) -> None:
    """Set the environment's holiday options (from the app configuration, once at start)."""
    global _defaults
    _defaults = defaults


def settings_version(session: DbSession) -> int:
    """The reference-data version in the database (0 when the counter row is missing)."""
    return session.scalar(select(SettingsVersion.version).where(SettingsVersion.id == 1)) or 0


def bump_version(session: DbSession) -> int:
    """Count one more change, inside the caller's transaction (the row lock also serialises
    concurrent administrators); returns the new version. This process reads the counter on
    every call for the next FORCED_SECONDS (the change commits after this returns)."""
    global _forced_until
    _forced_until = time.monotonic() + FORCED_SECONDS
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


def build_tables(session: DbSession, defaults: CalendarDefaults | None = None) -> LegalTables:
    """The legal tables of the database: the defaults with its IAS values, vocabulary terms,
    holiday options, closure days and deadline settings applied. Changes nothing; raises
    ValueError (or KeyError/TypeError) for a value the legal core refuses (only possible by
    hand)."""
    settings = read_settings(session)
    carnival, lisbon = calendar_options(settings, defaults or _defaults)
    tables = (DEFAULT_TABLES
              .with_ias_table({r.year: r.amount for r in session.scalars(select(IasValue))})
              .with_terms(Term(t.vocabulary, t.code, t.label, t.position, t.active,
                               t.oversight_body)
                          for t in session.scalars(select(VocabularyTerm)))
              .with_calendar(carnival=carnival, lisbon=lisbon)
              .with_closure_days(session.scalars(select(ClosureDay.day))))
    if INSTALMENT_MONTHS in settings:
        tables = tables.with_instalment_months(settings[INSTALMENT_MONTHS])
    tables, unknown = tables.with_rules(deadline_overrides(settings))
    if unknown:
        log.warning("settings for unknown deadline kinds ignored: %s", ", ".join(unknown))
    return tables


def _fallback(defaults: CalendarDefaults) -> LegalTables:
    """What to use when the database cannot say: the last tables built, else the defaults."""
    cached = _cached
    if cached is not None:
        return cached.tables
    return DEFAULT_TABLES.with_calendar(carnival=defaults.carnival, lisbon=defaults.lisbon)


def current_tables(session: DbSession, defaults: CalendarDefaults | None = None) -> LegalTables:
    """The legal tables in force: the cached value while `settings_version` has not moved,
    otherwise a new one built from the database and swapped in whole.

    Never fails its caller: an unreadable counter (a database not migrated yet) is logged and
    the last tables (or the defaults) are used; a value the core refuses is logged once per
    version and the previous tables stay in force until the next change."""
    global _checked_at
    defaults = defaults or _defaults
    cached = _cached
    now = time.monotonic()
    if cached is not None and cached.defaults == defaults and now >= _forced_until and \
            now - _checked_at < _check_seconds:
        return cached.tables  # the counter was read less than the interval ago
    try:
        version = settings_version(session)
    except SQLAlchemyError as exc:
        log.warning("reference data version unreadable: %s", getattr(exc, "orig", exc))
        return _fallback(defaults)
    cached = _cached
    if cached is not None and (cached.version, cached.defaults) == (version, defaults):
        _checked_at = now
        return cached.tables
    tables = _rebuild(session, version, defaults)
    _checked_at = now
    return tables


def _rebuild(session: DbSession, version: int, defaults: CalendarDefaults) -> LegalTables:
    """Build the tables of `version` (once, under the lock) and swap them in."""
    global _cached
    with _swap:
        cached = _cached
        if cached is not None and (cached.version, cached.defaults) == (version, defaults):
            return cached.tables  # another thread built them while this one waited
        try:
            version, tables = _consistent_build(session, version, defaults)
        except SQLAlchemyError:
            log.exception("reference data version %s unreadable; the previous tables stay",
                          version)
            return _fallback(defaults)
        except (ValueError, KeyError, TypeError):
            log.exception("reference data version %s not loaded; the previous tables stay",
                          version)
            tables = _fallback(defaults)  # kept for this version: the next change retries
        _cached = _Cached(version, defaults, tables)  # the one assignment readers see
        return tables


def _consistent_build(session: DbSession, version: int,
                      defaults: CalendarDefaults) -> tuple[int, LegalTables]:
    """Build, then read the counter again: the build reads several tables in several
    statements, and a change committed between two of them bumps the counter, so an unchanged
    counter proves the tables are one version's (a changed one: build again)."""
    for _ in range(_BUILD_ATTEMPTS):
        tables = build_tables(session, defaults)
        after = settings_version(session)
        if after == version:
            return version, tables
        version = after
    raise SQLAlchemyError(f"reference data kept changing during {_BUILD_ATTEMPTS} builds")


def tables_of(record: Any) -> LegalTables:
    """The legal tables in force for a record: `current_tables` of the session it belongs to
    (for a record in no session, e.g. one a test builds in memory: the defaults)."""
    try:
        session = object_session(record)
    except UnmappedInstanceError:
        session = None
    if session is None:
        return DEFAULT_TABLES.with_calendar(carnival=_defaults.carnival, lisbon=_defaults.lisbon)
    return current_tables(session)


def cached_version() -> int | None:
    """The settings_version of the tables this process holds (None before the first build)."""
    cached = _cached
    return None if cached is None else cached.version


def forget_cached_tables() -> None:
    """Drop the cache, so the next read builds from the database: for a database whose counter
    went back (emptied by the tests); in production the counter only grows."""
    global _cached, _checked_at
    with _swap:
        _cached = None
        _checked_at = -math.inf

"""Reference data in the database drives the legal tables."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from cicdr.models import IasValue
from cicdr.services.core.legal_tables import build_tables, bump_version, current_tables
from workflows import sanctions
from workflows.tables import DEFAULT_TABLES


def test_an_ias_year_added_to_the_table_sets_the_fine_bounds(session: Any) -> None:
    with pytest.raises(sanctions.UnknownIASYear):
        sanctions.fine_bounds(2031, "natural", tables=current_tables(session))
    session.add(IasValue(year=2031, amount=Decimal("600.00")))
    bump_version(session)
    session.commit()
    try:
        tables = current_tables(session)
        assert len(tables.ias) == 11  # the ten years of the migration, and 2031
        # 4 x 600.00 = 2,400.00; 20 x 600.00 = 12,000.00.
        assert sanctions.fine_bounds(2031, "legal", tables=tables) == (
            Decimal("2400.00"), Decimal("12000.00"))
        with pytest.raises(sanctions.UnknownIASYear):
            sanctions.fine_bounds(2031, "legal")  # the default tables are not changed
    finally:
        session.delete(session.get(IasValue, 2031))
        bump_version(session)
        session.commit()


def test_the_tables_are_cached_until_the_version_moves(session: Any) -> None:
    first = current_tables(session)
    assert current_tables(session) is first  # nothing changed: the same value, not rebuilt
    session.add(IasValue(year=2033, amount=Decimal("700.00")))
    session.commit()
    # Written without bumping the counter: no process rebuilds (the admin service bumps it).
    assert current_tables(session) is first
    bump_version(session)
    session.commit()
    try:
        assert current_tables(session).ias[2033] == Decimal("700.00")
        assert 2033 not in first.ias  # the value a reader took never changes
    finally:
        session.delete(session.get(IasValue, 2033))
        bump_version(session)
        session.commit()


def test_a_database_with_no_changes_builds_the_default_tables(session: Any) -> None:
    built = build_tables(session)
    assert built.deadline_rules == DEFAULT_TABLES.deadline_rules
    assert built.ias == DEFAULT_TABLES.ias
    assert built.vocabularies == DEFAULT_TABLES.vocabularies


def test_a_stored_instalment_limit_sets_the_plan_limit(session: Any) -> None:
    from cicdr.models import Setting
    from cicdr.services.core.legal_tables import INSTALMENT_MONTHS
    from workflows.fines import last_instalment_limit

    assert build_tables(session).instalment_months == 12
    session.add(Setting(key=INSTALMENT_MONTHS, value="18"))
    session.commit()
    try:
        tables = build_tables(session)
        # Final 31 March 2026 + 18 months = 30 September 2027 (September has no 31st).
        assert tables.instalment_months == 18
        assert last_instalment_limit(date(2026, 3, 31), tables=tables) == date(2027, 9, 30)
    finally:
        session.delete(session.get(Setting, INSTALMENT_MONTHS))
        session.commit()


def test_the_counter_is_read_once_per_interval_and_at_once_after_a_change_here(
        session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16 part 5: a worker reads `settings_version` at most once per interval (1 s in
    production); another worker's change shows when the interval has passed, this process's
    own change (`bump_version`) on the next call."""
    from sqlalchemy import event

    from cicdr.services.core import legal_tables

    clock = [1000.0]
    monkeypatch.setattr(legal_tables.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(legal_tables, "_forced_until", -math.inf)  # earlier tests' changes
    before = legal_tables.check_interval()
    legal_tables.use_check_interval(1.0)
    reads: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "settings_version" in statement:
            reads.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        first = current_tables(session)  # reads the counter (and builds, if it moved)
        reads.clear()
        clock[0] += 0.5
        assert current_tables(session) is first
        assert reads == []  # within the second: no statement at all
        # Another worker's change: the counter moves without this process knowing (its
        # `bump_version` marks nothing in this one).
        session.add(IasValue(year=2033, amount=Decimal("700.00")))
        bump_version(session)
        session.commit()
        monkeypatch.setattr(legal_tables, "_forced_until", -math.inf)
        clock[0] += 0.4  # 0.9 s after the read: the cached tables still stand
        assert current_tables(session) is first
        clock[0] += 0.2  # 1.1 s: read again, and the change is seen
        assert current_tables(session).ias[2033] == Decimal("700.00")
        assert len(reads) >= 1
        # A change made by this process is seen on the very next call.
        second = current_tables(session)
        session.delete(session.get(IasValue, 2033))
        bump_version(session)
        session.commit()
        assert 2033 not in current_tables(session).ias
        assert 2033 in second.ias
        clock[0] += legal_tables.FORCED_SECONDS + 0.1  # then once per interval again
        current_tables(session)
        reads.clear()
        clock[0] += 0.5
        current_tables(session)
        assert reads == []
    finally:
        event.remove(engine, "before_cursor_execute", count)
        legal_tables.use_check_interval(before)

"""Tests only: lift the database's append-only protection of `audit_events` for one block.

The database refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) on `audit_events`
(`cicdr.models.audit_guard`). Emptying the tables between tests and the tamper tests, which edit
events behind the application's back to prove verification catches it, need it lifted:

    with audit_protection_lifted(session):
        session.execute(text("UPDATE audit_events SET data = '{}' WHERE id = 3"))

The block's work is committed on exit together with the protection coming back; on an exception
it is rolled back and the protection is restored all the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text

from cicdr.models.audit_guard import install_statements, remove_statements


def _run(session: Any, statements: tuple[str, ...]) -> None:
    for statement in statements:
        session.execute(text(statement))


@contextmanager
def audit_protection_lifted(session: Any) -> Iterator[None]:
    """Allow editing and deleting audit events inside the block (see the module docstring)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":  # transactional and cheap: the triggers stay defined
        lift, restore = (("ALTER TABLE audit_events DISABLE TRIGGER USER",),
                         ("ALTER TABLE audit_events ENABLE TRIGGER USER",))
    else:  # SQLite cannot disable a trigger: drop it and create it again from the same DDL
        lift, restore = remove_statements(dialect), install_statements(dialect)
    _run(session, lift)
    try:
        yield
    except BaseException:
        session.rollback()
        _run(session, remove_statements(dialect) if dialect != "postgresql" else ())
        _run(session, restore)
        session.commit()
        raise
    _run(session, restore)
    session.commit()

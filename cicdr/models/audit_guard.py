"""Database triggers that make `audit_events` append-only, whatever code touches the database.

The application never updates or deletes an audit event (a test scans the code for it); these
triggers make the database refuse it too, so a bug, a hand-typed `UPDATE` in `psql` or a careless
maintenance script cannot quietly rewrite history. They do not stop someone who may alter the
table (its owner or a superuser can drop or disable triggers): the hash chain, the HMAC key and
the anchors (`cicdr.services.audit`) cover that case.

The DDL lives here, in one place, because two callers need exactly the same statements: the
migration that installs the triggers (`0008_admin_security`) and the tests that must lift the
protection for a moment to simulate tampering (`tests/tamper.py`). Plain strings only, so the
migration depends on no model. A later migration that rebuilds `audit_events` on SQLite (a batch
`ALTER`, which copies the table) must install them again.
"""

from __future__ import annotations

MESSAGE = "audit_events is append-only"

_SQLITE_INSTALL = (
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END",
)
_SQLITE_REMOVE = (
    "DROP TRIGGER IF EXISTS audit_events_no_update",
    "DROP TRIGGER IF EXISTS audit_events_no_delete",
)

# One function serves the row triggers (UPDATE, DELETE) and the statement trigger (TRUNCATE,
# which fires no row trigger). SQLSTATE 42501 (insufficient_privilege) says "not allowed".
_POSTGRES_INSTALL = (
    "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = '42501'; END $$",
    "CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
    "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()",
)
_POSTGRES_REMOVE = (
    "DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events",
    "DROP TRIGGER IF EXISTS audit_events_no_update_delete ON audit_events",
    "DROP FUNCTION IF EXISTS audit_events_append_only()",
)


def _pick(dialect: str, sqlite: tuple[str, ...], postgres: tuple[str, ...]) -> tuple[str, ...]:
    if dialect == "sqlite":
        return sqlite
    if dialect == "postgresql":
        return postgres
    raise ValueError(f"No append-only triggers are written for the {dialect!r} database.")


def install_statements(dialect: str) -> tuple[str, ...]:
    """The statements that install the triggers on `dialect` ('sqlite' or 'postgresql')."""
    return _pick(dialect, _SQLITE_INSTALL, _POSTGRES_INSTALL)


def remove_statements(dialect: str) -> tuple[str, ...]:
    """The statements that drop them again (safe when they are absent)."""
    return _pick(dialect, _SQLITE_REMOVE, _POSTGRES_REMOVE)

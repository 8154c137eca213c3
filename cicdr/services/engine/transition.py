"""`fire`: the one place where a case changes state, and its audit event is written.

Load the row under a lock, check the version the user saw, fire the trigger on the shared
machine (which checks the data, against the database too, before it moves the row), apply the
trigger's effects on related rows, append the audit event, commit. Any error rolls everything
back, so a state never changes without its audit event, and vice versa.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from cicdr.models import Complaint, Proceeding, Referral
from cicdr.services import audit
from cicdr.services.core.errors import Conflict
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.engine import checks, effects
from cicdr.services.engine import court_and_payment as _court  # noqa: F401  (its effects)
from cicdr.services.engine import prosecutor as _prosecutor  # noqa: F401  (its effects)
from cicdr.services.engine import respondents as _respondents  # noqa: F401  (its effects)
from cicdr.services.notify import events
from workflows import TransitionRecord, workflow_for
from workflows.tables import LegalTables
from workflows.text import N_

MODELS: dict[str, type[Complaint] | type[Proceeding] | type[Referral]] = {
    "complaint": Complaint, "proceeding": Proceeding, "referral": Referral}

Subject = Complaint | Proceeding | Referral


def describe(subject: Subject) -> str:
    """How a subject is named in messages."""
    ref = getattr(subject, "reference", None) or ""
    if subject.WORKFLOW == "complaint":
        return N_("Complaint %(ref)s", ref=ref)
    if subject.WORKFLOW == "proceeding":
        return N_("Proceeding %(ref)s", ref=ref)
    return N_("Referral %(ref)s", ref=ref)


def lock(session: DbSession, subject: Subject) -> Subject:
    """Reload `subject` with a row lock (SELECT ... FOR UPDATE on PostgreSQL)."""
    model = type(subject)
    session.flush()  # never let expire() drop this transaction's pending changes
    session.expire(subject)
    locked = session.execute(
        select(model).where(model.id == subject.id).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    return cast(Subject, locked)


def fire(session: DbSession, subject: Subject, trigger: str, actor: Any, *,
         today: date | None = None, expected_version: int | None = None,
         tables: LegalTables | None = None, confirmation: str | None = None,
         **data: Any) -> TransitionRecord:
    """Fire `trigger` on `subject` as `actor` with `data`, audit it, and commit.

    Guards, data checks and due dates read `tables` (the legal tables in force when None).
    `confirmation`: the consequence the person was shown and confirmed before an irreversible
    trigger (`workflows.irreversible`); the audit event records it.

    Raises TransitionDenied (not allowed now, with the reason), InvalidData (per field) or
    Conflict (the record changed since the caller read it). Nothing is persisted on error.
    """
    with versioned_write(session, subject):
        return apply(session, subject, trigger, actor, today=today,
                     expected_version=expected_version, data=data, tables=tables,
                     confirmation=confirmation)


def validate(session: DbSession, subject: Subject, trigger: str, actor: Any, *,
             today: date | None = None, expected_version: int | None = None,
             tables: LegalTables | None = None, **data: Any) -> dict[str, Any]:
    """Check what `fire` would check before moving anything (the version the user saw, role,
    state, guards, the data, its database checks) and change nothing: the cleaned data, or
    the error `fire` would raise (Conflict, TransitionDenied, InvalidData). Takes no lock: the
    real firing checks everything again under its lock."""
    if expected_version is not None and expected_version != subject.version:
        raise Conflict(describe(subject))
    with session.no_autoflush:
        return workflow_for(subject).validate(
            subject, trigger, actor, today or date.today(), data,
            tables=tables or current_tables(session),
            check=checks.for_trigger(session, subject.WORKFLOW, trigger))


@contextmanager
def versioned_write(session: DbSession, subject: Subject) -> Iterator[None]:
    """Run a version-checked write on `subject` and commit it; roll back on any error.

    Every write that checks a version (`fire`, the edits in services.editing, bulk actions)
    goes through here, so a stale write answers the same everywhere: Conflict, "changed by
    someone else". Besides the explicit check after `lock`, a write can still find the row
    changed when it flushes: on SQLite, where SELECT ... FOR UPDATE takes no lock, two
    requests may both pass the check and the second UPDATE ... WHERE version = N then matches
    no row (SQLAlchemy's StaleDataError). That is the same conflict, not a server error.
    """
    try:
        yield
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise Conflict(describe(subject)) from exc
    except BaseException:
        session.rollback()
        raise


def apply(session: DbSession, subject: Subject, trigger: str, actor: Any, *,
          today: date | None = None, expected_version: int | None = None,
          data: dict[str, Any] | None = None, tables: LegalTables | None = None,
          confirmation: str | None = None) -> TransitionRecord:
    """`fire` without the commit, for use inside a larger transaction (cascades, seeding)."""
    today = today or date.today()
    seen = expected_version if expected_version is not None else subject.version
    row = lock(session, subject)
    if row.version != seen:
        raise Conflict(describe(row))
    before = events.before_transition(row)
    # One firing writes the row once, so its version rises by exactly one: without this, a
    # query inside the effects (loading the deadlines, say) would autoflush the new state, and
    # the effect's own change (the assignee, the archive reason) would be a second UPDATE.
    with session.no_autoflush:
        record = workflow_for(row).fire(row, trigger, actor, today, data or {},
                                        tables=tables or current_tables(session),
                                        check=checks.for_trigger(session, row.WORKFLOW, trigger))
        flag_modified(row, "state")  # every firing bumps the version, internal ones included
        extra = effects.apply_effects(session, row, record, actor, today)
    for follow in effects.take_cascades(session):
        apply(session, follow.subject, follow.trigger, follow.actor, today=today)
    audit.record(
        session, subject_type=row.WORKFLOW, subject_id=row.id,
        subject_ref=getattr(row, "reference", None), actor=actor, action=trigger,
        from_state=record.source, to_state=record.dest,
        data={**record.data, **extra, **({"deadlines": [
            {"kind": d.kind, "start": d.start, "due": d.due} for d in record.started]}
            if record.started else {}),
              **({"confirmed": True, "consequence": confirmation} if confirmation else {})},
    )
    events.after_transition(session, row, record, actor, before)
    session.flush()
    for follow in effects.take_follow_ups(session):  # after the event that caused them
        apply(session, follow.subject, follow.trigger, follow.actor, today=today)
    return record

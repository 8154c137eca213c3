"""Per-year gapless references: QN-2026-00001 for complaints, PCO-2026-0001 for proceedings."""

from __future__ import annotations

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from cicdr.models import ReferenceCounter
from cicdr.services.core.types import DbSession

WIDTH = {"QN": 5, "PCO": 4}


def next_number(session: DbSession, kind: str, year: int) -> int:
    """Take the next number inside the caller's transaction.

    The UPDATE locks the counter row until commit, so concurrent submissions queue; a rollback
    returns the number, so the sequence has no gaps.
    """
    bump = (update(ReferenceCounter)
            .where(ReferenceCounter.kind == kind, ReferenceCounter.year == year)
            .values(last=ReferenceCounter.last + 1).returning(ReferenceCounter.last))
    number = session.execute(bump).scalar_one_or_none()
    if number is not None:
        return number
    try:  # first number of the year: create the row, racing safely with other sessions
        with session.begin_nested():
            session.execute(insert(ReferenceCounter).values(kind=kind, year=year, last=0))
    except IntegrityError:
        pass  # another session created it first; the UPDATE below waits for its lock
    return session.execute(bump).scalar_one()


def format_reference(kind: str, year: int, number: int) -> str:
    """The printed reference."""
    return f"{kind}-{year}-{number:0{WIDTH[kind]}d}"


def next_reference(session: DbSession, kind: str, year: int) -> tuple[int, str]:
    """The next number and its formatted reference."""
    number = next_number(session, kind, year)
    return number, format_reference(kind, year, number)

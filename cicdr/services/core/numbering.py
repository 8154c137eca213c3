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


def reserve_numbers(session: DbSession, kind: str, year: int, count: int) -> int:
    """Take `count` consecutive numbers inside the caller's transaction (an imported batch);
    return the first. Gapless like `next_number`: a rollback gives them all back."""
    first_of_all = next_number(session, kind, year)  # creates the year's row when missing
    if count > 1:
        session.execute(update(ReferenceCounter)
                        .where(ReferenceCounter.kind == kind, ReferenceCounter.year == year)
                        .values(last=ReferenceCounter.last + count - 1))
    return first_of_all


def format_reference(kind: str, year: int, number: int) -> str:
    """The printed reference."""
    return f"{kind}-{year}-{number:0{WIDTH[kind]}d}"


def next_reference(session: DbSession, kind: str, year: int) -> tuple[int, str]:
    """The next number and its formatted reference."""
    number = next_number(session, kind, year)
    return number, format_reference(kind, year, number)

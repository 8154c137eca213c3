"""Who has a case, on its deadlines and referrals (`owner_id`, services/engine/owners.py): My work
reads an officer's deadlines and referrals by it, so it must follow every assignment, transfer
and new row, whatever code made them (issue 16 part 3)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from cicdr.models import Complaint, Deadline, Proceeding, Referral
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from tests.services.test_legal_paths import open_proceeding, triaged

D = date


def _expected(session: Any, row: Any) -> int | None:
    """The owner a referral or deadline should have, from its case as stored."""
    if row.complaint_id is not None:
        return session.scalar(select(Complaint.assignee_id).where(
            Complaint.id == row.complaint_id))
    if row.proceeding_id is not None:
        return session.scalar(select(Proceeding.instructor_id).where(
            Proceeding.id == row.proceeding_id))
    return _expected(session, session.get(Referral, row.referral_id))


def _owners(session: Any) -> dict[tuple[str, int], tuple[int | None, int | None]]:
    """Every referral and deadline: (owner stored, owner expected), read afresh."""
    session.expire_all()
    found = {}
    for model in (Referral, Deadline):
        for row in session.scalars(select(model)):
            found[(model.__tablename__, row.id)] = (row.owner_id, _expected(session, row))
    return found


def _all_right(session: Any) -> set[int | None]:
    owners = _owners(session)
    assert owners, "nothing to check"
    wrong = {key: pair for key, pair in owners.items() if pair[0] != pair[1]}
    assert wrong == {}
    return {stored for stored, _ in owners.values()}


def test_deadlines_and_referrals_follow_their_case_to_whoever_has_it(
        session: Any, users: Any) -> None:
    c = triaged(session, users)
    fire(session, c, "request_information", users.officer, today=D(2026, 3, 12),
         question="Quando?")
    draft_referral(session, c, body="igai", purpose="disciplinary", actor=users.officer,
                   summary="Conduta policial.")
    assert _all_right(session) == {users.officer.id}

    fire(session, c, "assign", users.officer, today=D(2026, 3, 13),
         assignee=users.officer2.id)  # reassigned: its deadline and referral go with it
    assert _all_right(session) == {users.officer2.id}

    p = open_proceeding(session, users, triaged(session, users))
    draft = draft_referral(session, p, body="mp", purpose="prosecutor", actor=users.officer,
                           summary="Crime?")
    assert {d.kind for d in p.deadlines} and draft.owner_id == users.officer.id
    fire(session, p, "transfer", users.president, today=D(2026, 3, 14),
         instructor=users.officer2.id, reason="Ausência.")
    assert _all_right(session) == {users.officer2.id}

    # Hand-built rows and changes (tests, scripts) are kept too.
    session.add(Deadline(kind="instruction", started_on=D(2026, 3, 1), due_on=D(2026, 6, 1),
                         proceeding_id=p.id))
    c.assignee_id = None
    p.instructor_id = users.officer.id
    session.commit()
    assert _all_right(session) == {None, users.officer.id}


def test_a_new_deadline_of_a_case_in_memory_costs_no_statement(session: Any, users: Any) -> None:
    """The engine starts deadlines on the case it holds: their owner is read from it."""
    c = triaged(session, users)
    from tests.web.test_query_counts import counted

    with counted() as statements:
        fire(session, c, "request_information", users.officer, today=D(2026, 3, 12),
             question="Quando?")
    assert not [s for s in statements if "owner_id" in s and s.lstrip().startswith("UPDATE")]
    assert _all_right(session) == {users.officer.id}

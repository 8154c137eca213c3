"""Who has a case, copied onto its deadlines and referrals (`owner_id`), kept right on every flush.

The owner of a complaint is its assignee, of a proceeding its instructor, of a referral the owner
of its complaint or proceeding, of a deadline the owner of the case it runs on. My work reads a
staff member's running deadlines and waiting referrals through one index each (owner, state or
due date) instead of joining every deadline of the office to its case.

Kept here for whatever changes the database through the ORM (the engine's assign, transfer and
opening of a proceeding, the services, the CLI, the tests' hand-built rows): before a flush, a new
deadline or referral (or one moved to another case) takes its case's owner, read from the
objects in memory (no statement when its case is loaded, as when the engine starts a deadline);
after it, each case whose assignee or instructor changed passes the change on to its referrals
and deadlines (and its referrals' deadlines): two UPDATEs per such case. Bulk Core inserts (the
benchmark's seeding) set the column themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE, get_history, set_committed_value

from cicdr.models import Complaint, Deadline, Proceeding, Referral

# A case's owner column and the relationship that may hold the user before the flush syncs it.
HOLDER = {Complaint: ("assignee_id", "assignee"), Proceeding: ("instructor_id", "instructor")}
SUBJECTS = {Referral: (("complaint", "complaint_id", Complaint),
                       ("proceeding", "proceeding_id", Proceeding)),
            Deadline: (("complaint", "complaint_id", Complaint),
                       ("proceeding", "proceeding_id", Proceeding),
                       ("referral", "referral_id", Referral))}


def _changed(obj: Any, *names: str) -> bool:
    # What was not loaded cannot have been changed: never load anything to find out.
    return any(get_history(obj, name, passive=PASSIVE_NO_INITIALIZE).has_changes()
               for name in names)


def owner_of(session: Session, case: Any) -> int | None:
    """The owner of a complaint or proceeding (its holder), or of a referral (its case's)."""
    if isinstance(case, Referral):
        return _owner_of_row(session, case)
    column, relation = HOLDER[type(case)]
    holder = case.__dict__.get(relation)
    value = getattr(case, column)
    return holder.id if value is None and holder is not None else value


def _case_of(session: Session, row: Any) -> Any:
    """The case a referral or deadline belongs to: the object in memory, else by its key."""
    for relation, column, model in SUBJECTS[type(row)]:
        found = row.__dict__.get(relation)
        if found is not None:
            return found
        key = row.__dict__.get(column)
        if key is not None:
            return session.get(model, key)
    return None


def _owner_of_row(session: Session, row: Any) -> int | None:
    if isinstance(row, Referral) and not (row in session.new or _moved(row)):
        return row.owner_id  # settled (and kept by the UPDATEs below when its case changes)
    case = _case_of(session, row)
    return None if case is None else owner_of(session, case)


def _moved(row: Any) -> bool:
    """A referral or deadline given another case."""
    return _changed(row, *(name for relation, column, _m in SUBJECTS[type(row)]
                           for name in (relation, column)))


@event.listens_for(Session, "before_flush")
def _own_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    """New (or moved) referrals, then deadlines, take their case's owner."""
    for model in (Referral, Deadline):
        for row in [*session.new, *session.dirty]:
            if type(row) is model and (row in session.new or _moved(row)):
                owner = _owner_of_row(session, row)
                if row.__dict__.get("owner_id") != owner:
                    row.owner_id = owner


@event.listens_for(Session, "after_flush")
def _follow_handovers(session: Session, _context: Any) -> None:
    """A case given to someone else (or taken from them) gives its referrals and deadlines too."""
    for case in list(session.dirty):
        holder = HOLDER.get(type(case))
        if holder is None or not _changed(case, *holder):
            continue
        owner = owner_of(session, case)
        link = "complaint_id" if isinstance(case, Complaint) else "proceeding_id"
        referrals = select(Referral.id).where(getattr(Referral, link) == case.id)
        session.execute(update(Referral).where(getattr(Referral, link) == case.id)
                        .values(owner_id=owner).execution_options(synchronize_session=False))
        session.execute(update(Deadline).where(or_(getattr(Deadline, link) == case.id,
                                                   Deadline.referral_id.in_(referrals)))
                        .values(owner_id=owner).execution_options(synchronize_session=False))
        _mirror(case, owner)


def _mirror(case: Any, owner: int | None) -> None:
    """The objects already loaded say what the database now says (no reload, nothing dirty)."""
    for referral in case.__dict__.get("referrals") or ():
        set_committed_value(referral, "owner_id", owner)
        for deadline in referral.__dict__.get("deadlines") or ():
            set_committed_value(deadline, "owner_id", owner)
    for deadline in case.__dict__.get("deadlines") or ():
        set_committed_value(deadline, "owner_id", owner)

"""Reference data from the database into the legal core (the IAS table drives fine bounds)."""

from __future__ import annotations

from sqlalchemy import select

from cicdr.extensions import db
from cicdr.models import IasValue
from workflows import sanctions


def load_ias() -> int:
    """Copy the `ias_values` table into `workflows.sanctions`; return how many years."""
    rows = db.session.scalars(select(IasValue)).all()
    for row in rows:
        sanctions.set_ias(row.year, row.amount)
    db.session.remove()
    return len(rows)

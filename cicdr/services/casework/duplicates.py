"""Possible duplicates: other complaints about the same respondent, day and place.

When a video goes viral, dozens of people complain about the same incident. CICDR must treat
them as one set of facts (one proceeding, domain.md 3.1 `proceeding_opened`), so the complaint
page lists the complaints that look like the same facts and offers to join them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cicdr.models import Complaint, Party
from cicdr.services.core.types import DbSession


class Respondent(Protocol):
    """What matching reads of a respondent: a Party, or a row of its columns."""

    @property
    def kind(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def security_force(self) -> str | None: ...
    @property
    def unit(self) -> str | None: ...


class Place(Protocol):
    """What matching reads of a complaint's place: a Complaint, or a row of its columns."""

    @property
    def district(self) -> str: ...
    @property
    def place(self) -> str | None: ...


# Words that say what kind of company it is, not which one ("Lda.", "S.A.").
_LEGAL_FORMS = {"lda", "sa", "unipessoal", "limitada", "sociedade", "anonima", "crl", "ltd"}


def normalise(text: str | None) -> str:
    """Lower case, no accents, words only: "Imobiliária Exemplo, Lda." -> "imobiliaria exemplo"."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return " ".join(w for w in words if w not in _LEGAL_FORMS)


def same_respondent(a: Respondent, b: Respondent) -> bool:
    """Whether two respondents are probably the same person, body or police unit."""
    if a.kind == "security_force" or b.kind == "security_force":
        if a.kind != b.kind or a.security_force != b.security_force:
            return False
        units = normalise(a.unit), normalise(b.unit)
        return not all(units) or units[0] == units[1]  # an unknown unit does not rule it out
    names = normalise(a.name), normalise(b.name)
    return bool(names[0]) and names[0] == names[1]


def same_place(a: Place, b: Place) -> bool:
    """Same district, and the same place when both name one."""
    if a.district != b.district:
        return False
    places = normalise(a.place), normalise(b.place)
    return not all(places) or places[0] in places[1] or places[1] in places[0]


def possible_duplicates(session: DbSession, complaint: Complaint,
                        limit: int = 50) -> list[Complaint]:
    """Other complaints with the same date of the facts, place and a common respondent,
    oldest first (the first one filed usually leads).

    The candidates (the first 500 on the same day and district) are compared as plain rows,
    one query for their place and respondents; only the matches are loaded as complaints, with
    their parties. A day and district with many complaints no longer loads them all as objects
    on every view of the page (issue 16)."""
    rows = session.execute(
        select(Party.complaint_id, Party.kind, Party.name, Party.security_force, Party.unit,
               Complaint.district, Complaint.place)
        .join(Complaint, Complaint.id == Party.complaint_id)
        .where(Party.role == "respondent", Party.complaint_id.in_(
            select(Complaint.id).where(Complaint.id != complaint.id,
                                       Complaint.facts_date == complaint.facts_date,
                                       Complaint.district == complaint.district)
            .order_by(Complaint.id).limit(500).scalar_subquery()))).all()
    mine = complaint.respondents
    matched = sorted({row.complaint_id for row in rows if same_place(complaint, row) and any(
        same_respondent(respondent, row) for respondent in mine)})[:limit]
    if not matched:
        return []
    return list(session.scalars(select(Complaint).where(Complaint.id.in_(matched))
                                .options(selectinload(Complaint.parties))
                                .order_by(Complaint.id)))

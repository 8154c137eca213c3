"""Possible duplicates: other complaints about the same respondent, day and place.

When a video goes viral, dozens of people complain about the same incident. CICDR must treat
them as one set of facts (one proceeding, domain.md 3.1 `proceeding_opened`), so the complaint
page lists the complaints that look like the same facts and offers to join them.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cicdr.models import Complaint, Party
from cicdr.services.core.types import DbSession

# Words that say what kind of company it is, not which one ("Lda.", "S.A.").
_LEGAL_FORMS = {"lda", "sa", "unipessoal", "limitada", "sociedade", "anonima", "crl", "ltd"}


def normalise(text: str | None) -> str:
    """Lower case, no accents, words only: "Imobiliária Exemplo, Lda." -> "imobiliaria exemplo"."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return " ".join(w for w in words if w not in _LEGAL_FORMS)


def same_respondent(a: Party, b: Party) -> bool:
    """Whether two respondents are probably the same person, body or police unit."""
    if a.kind == "security_force" or b.kind == "security_force":
        if a.kind != b.kind or a.security_force != b.security_force:
            return False
        units = normalise(a.unit), normalise(b.unit)
        return not all(units) or units[0] == units[1]  # an unknown unit does not rule it out
    names = normalise(a.name), normalise(b.name)
    return bool(names[0]) and names[0] == names[1]


def same_place(a: Complaint, b: Complaint) -> bool:
    """Same district, and the same place when both name one."""
    if a.district != b.district:
        return False
    places = normalise(a.place), normalise(b.place)
    return not all(places) or places[0] in places[1] or places[1] in places[0]


def possible_duplicates(session: DbSession, complaint: Complaint,
                        limit: int = 50) -> list[Complaint]:
    """Other complaints with the same date of the facts, place and a common respondent,
    oldest first (the first one filed usually leads)."""
    candidates = session.scalars(
        select(Complaint).where(Complaint.id != complaint.id,
                                Complaint.facts_date == complaint.facts_date,
                                Complaint.district == complaint.district)
        .options(selectinload(Complaint.parties)).order_by(Complaint.id).limit(500))
    found = [other for other in candidates if same_place(complaint, other) and any(
        same_respondent(mine, theirs)
        for mine in complaint.respondents for theirs in other.respondents)]
    return found[:limit]

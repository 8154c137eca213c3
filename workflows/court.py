"""The appeal and the court, per respondent (domain.md 3.2; RGCO arts 59-75): part of the
proceeding workflow, joined to it by `workflows/proceeding.py`."""

from __future__ import annotations

from typing import Any

from workflows.pco_states import OFFICER, S
from workflows.spec import Context, Start, a_date, choice, trigger

COURT_OUTCOMES = ("confirmed", "altered", "annulled")


def _final_condemnatory(c: Context) -> bool:
    return bool(c.subject.is_condemnatory) and c.data.get("outcome") != "annulled"


TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "record_appeal", "source": S.notified, "dest": S.appealed},
    {"trigger": "record_court_outcome", "source": S.appealed, "dest": S.final},
]

TRIGGERS = {t.name: t for t in [
    trigger("record_appeal", "Record an appeal", "A judicial appeal (impugnação) was lodged.",
            (OFFICER,), a_date("lodged_on", "Lodged on"), stops=("appeal",)),
    trigger("record_court_outcome", "Record the court outcome", "The court ruled on the appeal.",
            (OFFICER,), choice("outcome", "Outcome", COURT_OUTCOMES, "court_outcome"),
            a_date("ruled_on", "Ruled on"),
            starts=(Start("publication", when=_final_condemnatory),)),
]}

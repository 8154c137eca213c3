"""The appeal and the court, per respondent (domain.md 3.2; RGCO arts 59-75): part of the
proceeding workflow, joined to it by `workflows/proceeding.py`."""

from __future__ import annotations

from typing import Any

from workflows.pco_states import OFFICER, S
from workflows.spec import Context, Start, a_date, choice, trigger
from workflows.text import N_

COURT_OUTCOMES = ("confirmed", "altered", "annulled")


def _final_condemnatory(c: Context) -> bool:
    return bool(c.subject.is_condemnatory) and c.data.get("outcome") != "annulled"


TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "record_appeal", "source": S.notified, "dest": S.appealed},
    {"trigger": "record_court_outcome", "source": S.appealed, "dest": S.final},
]

TRIGGERS = {t.name: t for t in [
    trigger("record_appeal", N_("Record an appeal"),
            N_("A judicial appeal (impugnação) was lodged."), (OFFICER,),
            a_date("lodged_on", N_("Lodged on")), stops=("appeal",)),
    trigger("record_court_outcome", N_("Record the court outcome"),
            N_("The court ruled on the appeal."), (OFFICER,),
            choice("outcome", N_("Outcome"), COURT_OUTCOMES, "court_outcome"),
            a_date("ruled_on", N_("Ruled on")),
            starts=(Start("publication", when=_final_condemnatory),)),
]}

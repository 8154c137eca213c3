"""The decision a proceeding's report proposes: one per respondent, fitting the target."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from cicdr.demo.tables import fine_bounds, ias, knows_ias
from cicdr.models import Proceeding
from workflows import sanctions

CENT = Decimal("0.01")
FINED = ("closed_fine", "published", "appealed", "closed_annulled", "final")


def fine(r: random.Random, year: int, person: str) -> Decimal:
    """A fine in whole or half IAS multiples, inside the legal bounds."""
    low, high = fine_bounds(year, person)
    base = ias(year)
    multiples = ("1", "1", "1.5", "2", "3") if person == "natural" else ("4", "4", "5", "6", "8")
    amounts = [(base * Decimal(m)).quantize(CENT, ROUND_HALF_UP) for m in multiples]
    return r.choice([a for a in amounts if low <= a <= high] or [low])


def _outcome(r: random.Random, first: bool, target: str) -> str:
    if target == "closed_dismissal":
        return "dismissal"
    if target == "closed_admonition":
        return "admonition"
    if target in FINED:
        return "fine" if first else r.choice(("fine", "dismissal"))
    return r.choices(("fine", "admonition", "dismissal"), weights=(5, 2, 3))[0]


def _accessories(r: random.Random, person: str, kind: str) -> tuple[sanctions.Accessory, ...]:
    """Sometimes a company also loses public tenders or subsidies for a while."""
    if person != "legal" or kind == "security_force" or r.random() >= 0.25:
        return ()
    return (sanctions.Accessory(r.choice(("public_tenders_ban", "loss_of_subsidies")),
                                r.choice((6, 12, 24))),)


def plan_decisions(r: random.Random, p: Proceeding,
                   target: str) -> dict[str, sanctions.ProposedDecision]:
    """One decision per respondent that fits where the path is going."""
    decisions: dict[str, sanctions.ProposedDecision] = {}
    for i, respondent in enumerate(p.respondents):
        outcome = _outcome(r, i == 0, target)
        if outcome == "fine" and not knows_ias(p.facts_year):
            outcome = "admonition"  # facts of a year whose IAS is not published yet
        if outcome != "fine":
            decisions[str(respondent.id)] = sanctions.ProposedDecision(outcome)
            continue
        amount = fine(r, p.facts_year, respondent.person)
        decisions[str(respondent.id)] = sanctions.ProposedDecision(
            "fine", amount, _accessories(r, respondent.person, respondent.kind))
    return decisions

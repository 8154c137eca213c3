"""Fine bounds in IAS multiples and validation of proposed decisions (domain.md section 5).

The IAS (social support index) of the year of the facts sets the fine's range. The IAS table is
reference data an administrator fills in; a year missing from it is an error, never a guess. The
IAS table and the multiples in force are part of the legal tables (`workflows.tables`); every
function here takes them as an optional `tables` argument (the default tables when None).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from workflows.defaults import (  # noqa: F401  (names this module always offered)
    DEFAULT_IAS,
    MULTIPLES,
    PERSONS,
    PRESCRIPTION_THRESHOLD,
    UnknownIASYear,
    checked_ias,
)
from workflows.labels import ACCESSORIES
from workflows.tables import LegalTables, in_force
from workflows.text import N_, Msg

_CENT = Decimal("0.01")


_PERSON_WORDS: Mapping[str, Msg] = {"natural": N_("a natural person"),
                                    "legal": N_("a legal person")}


OUTCOMES = ("fine", "admonition", "dismissal")
# RGCO art. 21, in that article's order.
ACCESSORY_KINDS = (
    "loss_of_objects",
    "activity_licence_ban",
    "loss_of_subsidies",
    "fairs_markets_ban",
    "public_tenders_ban",
    "establishment_closure",
    "licence_suspension",
)
# Loss of objects is a one-off forfeiture; every other accessory sanction lasts for a time.
_TIMELESS_ACCESSORIES = frozenset({"loss_of_objects"})
MAX_ACCESSORY_MONTHS = 24  # RGCO art. 21(2): at most two years


class InvalidDecision(ValueError):
    """A proposed decision breaks the rules; `errors` lists why, in readable sentences."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(" ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Accessory:
    """An accessory sanction: its kind and, except for loss of objects, its length in months."""

    kind: str
    months: int | None = None


@dataclass(frozen=True)
class ProposedDecision:
    """The decision proposed for one respondent."""

    outcome: str
    amount: Decimal | None = None
    accessories: tuple[Accessory, ...] = ()



def ias(year: int, *, tables: LegalTables | None = None) -> Decimal:
    """The IAS of `year`; raises UnknownIASYear when the table has no value for it."""
    return in_force(tables).ias_for(year)


def _check_person(person: str) -> None:
    if person not in PERSONS:
        raise ValueError(f"Unknown person type {person!r}: it must be 'natural' or 'legal'.")


def fine_bounds(year: int, person: str, *, negligent: bool = False,
                tables: LegalTables | None = None) -> tuple[Decimal, Decimal]:
    """The (minimum, maximum) fine in EUR for facts of `year`, rounded half-up to the cent.

    Natural person 1-10 x IAS, legal person 4-20 x IAS; attempt or negligence halve both. The
    IAS and the multiples come from `tables` (the default tables when None).
    """
    _check_person(person)
    current = in_force(tables)
    base = current.ias_for(year)
    low, high = (base * m for m in current.fine_multiples[person])
    if negligent:
        low, high = low / 2, high / 2
    return low.quantize(_CENT, ROUND_HALF_UP), high.quantize(_CENT, ROUND_HALF_UP)


def format_eur(amount: Decimal) -> str:
    """`EUR 5,371.30`: thousands separators and two decimals."""
    return f"EUR {amount:,.2f}"


def _fine_errors(amount: Decimal | None, year: int, person: str, negligent: bool,
                 tables: LegalTables | None) -> list[str]:
    if amount is None:
        return [N_("A fine needs an amount.")]
    # NaN or infinity would make the comparisons below raise instead of explaining.
    if not amount.is_finite() or amount != amount.quantize(_CENT, ROUND_HALF_UP):
        return [N_("The fine must be an amount in euros and cents.")]
    low, high = fine_bounds(year, person, negligent=negligent, tables=tables)
    if low <= amount <= high:
        return []
    who = (N_("%(person)s (negligence or attempt)", person=_PERSON_WORDS[person]) if negligent
           else _PERSON_WORDS[person])
    return [N_("The fine must be between %(low)s and %(high)s for %(who)s in %(year)s.",
               low=format_eur(low), high=format_eur(high), who=who, year=year)]


def _accessory(kind: str) -> Msg:
    """An accessory sanction by its name, in quotes."""
    return N_("“%(name)s”", name=ACCESSORIES.get(kind, kind))


def _accessory_errors(accessories: tuple[Accessory, ...]) -> list[str]:
    errors: list[str] = []
    seen: set[str] = set()
    for acc in accessories:
        if acc.kind not in ACCESSORY_KINDS:
            errors.append(N_("Unknown accessory sanction %(kind)r.", kind=acc.kind))
            continue
        if acc.kind in seen:
            errors.append(N_("The accessory sanction %(kind)s is given more than once.",
                             kind=_accessory(acc.kind)))
            continue
        seen.add(acc.kind)
        if acc.kind in _TIMELESS_ACCESSORIES:
            if acc.months is not None:
                errors.append(N_("The accessory sanction %(kind)s takes no duration.",
                                 kind=_accessory(acc.kind)))
        elif acc.months is None:
            errors.append(N_("The accessory sanction %(kind)s needs a duration in months.",
                             kind=_accessory(acc.kind)))
        elif not 1 <= acc.months <= MAX_ACCESSORY_MONTHS:
            errors.append(N_("The accessory sanction %(kind)s must last between 1 and "
                             "%(most)s months (at most 2 years); %(months)s given.",
                             kind=_accessory(acc.kind), most=MAX_ACCESSORY_MONTHS,
                             months=acc.months))
    return errors


def decision_errors(decision: ProposedDecision, *, year: int, person: str,
                    negligent: bool = False, tables: LegalTables | None = None) -> list[str]:
    """Why `decision` is not valid for this respondent, as readable sentences (empty: valid).

    A fine needs an amount within `fine_bounds(year, person, negligent=negligent)` and may carry
    accessory sanctions (known kinds, each once, 1-24 months except loss of objects, which takes
    none). An admonition or a dismissal takes neither an amount nor an accessory sanction.
    Raises UnknownIASYear when a fine is checked against a year without an IAS, and ValueError
    for an unknown person type.
    """
    _check_person(person)
    if decision.outcome not in OUTCOMES:
        return [N_("Unknown outcome %(outcome)r: it must be a fine, an admonition or a "
                   "dismissal.", outcome=decision.outcome)]
    if decision.outcome == "fine":
        return (_fine_errors(decision.amount, year, person, negligent, tables)
                + _accessory_errors(decision.accessories))
    errors: list[str] = []
    admonition = decision.outcome == "admonition"
    if decision.amount is not None:
        errors.append(N_("An admonition takes no fine amount.") if admonition
                      else N_("A dismissal takes no fine amount."))
    if decision.accessories:
        errors.append(N_("An admonition takes no accessory sanction; those go with a fine only.")
                      if admonition else
                      N_("A dismissal takes no accessory sanction; those go with a fine only."))
    return errors


def validate_decision(decision: ProposedDecision, *, year: int, person: str,
                      negligent: bool = False, tables: LegalTables | None = None) -> None:
    """Raise InvalidDecision (with `.errors`) unless `decision_errors` finds nothing."""
    errors = decision_errors(decision, year=year, person=person, negligent=negligent,
                             tables=tables)
    if errors:
        raise InvalidDecision(errors)

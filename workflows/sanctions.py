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
from workflows.tables import LegalTables, in_force

_CENT = Decimal("0.01")


_PERSON_WORDS: Mapping[str, str] = {"natural": "a natural person", "legal": "a legal person"}


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
        return ["A fine needs an amount."]
    # NaN or infinity would make the comparisons below raise instead of explaining.
    if not amount.is_finite() or amount != amount.quantize(_CENT, ROUND_HALF_UP):
        return ["The fine must be an amount in euros and cents."]
    low, high = fine_bounds(year, person, negligent=negligent, tables=tables)
    if low <= amount <= high:
        return []
    who = _PERSON_WORDS[person] + (" (negligence or attempt)" if negligent else "")
    return [f"The fine must be between {format_eur(low)} and {format_eur(high)} "
            f"for {who} in {year}."]


def _accessory_errors(accessories: tuple[Accessory, ...]) -> list[str]:
    errors: list[str] = []
    seen: set[str] = set()
    for acc in accessories:
        if acc.kind not in ACCESSORY_KINDS:
            errors.append(f"Unknown accessory sanction {acc.kind!r}.")
            continue
        if acc.kind in seen:
            errors.append(f"The accessory sanction {acc.kind!r} is given more than once.")
            continue
        seen.add(acc.kind)
        if acc.kind in _TIMELESS_ACCESSORIES:
            if acc.months is not None:
                errors.append(f"The accessory sanction {acc.kind!r} takes no duration.")
        elif acc.months is None:
            errors.append(f"The accessory sanction {acc.kind!r} needs a duration in months.")
        elif not 1 <= acc.months <= MAX_ACCESSORY_MONTHS:
            errors.append(f"The accessory sanction {acc.kind!r} must last between 1 and "
                          f"{MAX_ACCESSORY_MONTHS} months (at most 2 years); "
                          f"{acc.months} given.")
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
        return [f"Unknown outcome {decision.outcome!r}: it must be a fine, an admonition or "
                f"a dismissal."]
    if decision.outcome == "fine":
        return (_fine_errors(decision.amount, year, person, negligent, tables)
                + _accessory_errors(decision.accessories))
    errors: list[str] = []
    what = "An admonition" if decision.outcome == "admonition" else "A dismissal"
    if decision.amount is not None:
        errors.append(f"{what} takes no fine amount.")
    if decision.accessories:
        errors.append(f"{what} takes no accessory sanction; those go with a fine only.")
    return errors


def validate_decision(decision: ProposedDecision, *, year: int, person: str,
                      negligent: bool = False, tables: LegalTables | None = None) -> None:
    """Raise InvalidDecision (with `.errors`) unless `decision_errors` finds nothing."""
    errors = decision_errors(decision, year=year, person=person, negligent=negligent,
                             tables=tables)
    if errors:
        raise InvalidDecision(errors)

"""What a story template gets and gives, and the small pieces every template uses."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from cicdr.demo.groups import Group
from cicdr.demo.people import Person, person, phone
from cicdr.services.intake.registration import PartyData

MONTHS_PT = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
             "setembro", "outubro", "novembro", "dezembro")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def d_pt(d: date) -> str:
    """A date as a Portuguese account writes it ("3 de março de 2025")."""
    return f"{d.day} de {MONTHS_PT[d.month - 1]} de {d.year}"


def d_en(d: date) -> str:
    """A date as an English account writes it ("3 March 2025")."""
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


@dataclass
class Story:
    """What happened, as a complaint tells it: text, parties, context."""

    context: str
    practice: str | None
    district: str
    place: str | None
    pt: str
    en: str | None = None
    respondents: list[PartyData] = field(default_factory=list)
    origin: str = "queixa"
    reporter: PartyData | None = None  # who complains when it is not the victim
    victims: list[PartyData] = field(default_factory=list)
    witnesses: list[PartyData] = field(default_factory=list)
    extra_grounds: list[tuple[str, str]] = field(default_factory=list)
    evidence: str | None = None  # "png" (screenshot) or "pdf" (letter) when a file fits
    online: bool = False


@dataclass(frozen=True)
class Ctx:
    """What a story template gets: randomness, the victim's group, the victim, the facts day."""

    r: random.Random
    group: Group
    victim: Person
    facts: date

    def who(self, male: str, female: str) -> str:
        """The word agreeing with the victim's gender."""
        return self.victim.g(male, female)


def natural(name: str | None = None) -> PartyData:
    """A respondent who is a person (named or not)."""
    return PartyData(role="respondent", kind="natural_person", name=name)


def legal(name: str, kind: str = "private_legal_person") -> PartyData:
    """A respondent that is a company, association or public entity."""
    return PartyData(role="respondent", kind=kind, name=name)


def witness(r: random.Random) -> PartyData:
    """A witness, usually with a phone number."""
    p = person(r)
    return PartyData(role="witness", name=p.name, phone=phone(r) if r.random() < 0.7 else None,
                     sex=p.sex)


def maybe_witness(r: random.Random, chance: float) -> list[PartyData]:
    """One witness with chance `chance`, else none."""
    return [witness(r)] if r.random() < chance else []


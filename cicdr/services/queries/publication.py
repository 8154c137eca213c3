"""The public extract of published decisions, and the staff register of sanctioned persons.

domain.md section 5: condemnatory decisions, once final, are published by extract for 5 years,
legal persons named and natural persons not, with the proceeding, respondent type, practice,
norm violated, sanction, decision date and appeal outcome; a register of sanctioned persons is
kept. The extract is public: it carries nothing about the complainants, and a natural person's
name never leaves this module in it (`Extract.name` is None for them, whatever was recorded).

The 5 years are the proceeding's `publication` deadline (workflows/deadlines.py: it starts when
the decision becomes final), so the page, the deadline lists and the reminders agree on the day
the extract comes down.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.base import ExecutableOption

from cicdr.models import Proceeding, ProceedingRespondent
from cicdr.models.proceedings import CONDEMNATORY
from cicdr.services.core.legal_tables import tables_of
from cicdr.services.core.types import DbSession
from cicdr.services.documents.formats import practice_norm
from workflows import deadlines
from workflows.sanctions import Accessory

# Respondents named in the public extract: organisations. A natural person never is.
NAMED_KINDS = ("private_legal_person", "public_entity", "security_force")
# A decision is final from these states on (a sanctioned proceeding never closes unpublished).
FINAL_STATES = ("final", "published", "closed")
APPEAL_OUTCOMES = ("none", "confirmed", "altered")


@dataclass(frozen=True)
class Sanction:
    """What a respondent was sentenced to: a fine (with its amount) or an admonition, and the
    accessory sanctions (RGCO art. 21) with their months."""

    outcome: str  # fine / admonition
    amount: Decimal | None
    accessories: tuple[Accessory, ...]


@dataclass(frozen=True)
class Practice:
    """A practice of Lei 93/2017 art. 4(2) and the norm it violates, as letters cite it."""

    letter: str
    norm: str


@dataclass(frozen=True)
class Extract:
    """One row of the public extract: one sanctioned respondent of a published decision."""

    reference: str
    respondent_kind: str
    name: str | None  # None for a natural person: never named
    practices: tuple[Practice, ...]
    sanction: Sanction
    decided_on: date | None
    appeal: str  # none / confirmed / altered
    published_on: date
    published_until: date


@dataclass(frozen=True)
class Sanctioned:
    """One row of the staff register: a respondent whose sanction is final (named, always)."""

    name: str
    respondent_kind: str
    reference: str
    decided_on: date | None
    sanction: Sanction
    paid: Decimal
    outstanding: Decimal
    final_on: date | None
    published_on: date | None


def _sanction(r: ProceedingRespondent) -> Sanction:
    accessories = tuple(Accessory(str(a["kind"]), int(str(a["months"])) if a.get("months")
                                  else None) for a in r.accessory_list())
    return Sanction(r.outcome or "", r.amount if r.outcome == "fine" else None, accessories)


def _practices(p: Proceeding) -> tuple[Practice, ...]:
    letters = sorted({c.practice for c in p.complaints if c.practice})
    return tuple(Practice(x, practice_norm(x)) for x in letters)


def public_name(r: ProceedingRespondent) -> str | None:
    """The name the extract may show: an organisation's; a security force by force and unit,
    never the officer's identification (that would name a person); a natural person: None."""
    if r.kind not in NAMED_KINDS:
        return None
    if r.kind == "security_force":
        party = r.party
        if party is None:
            return None  # the recorded name may carry an officer's identification
        code = party.security_force or ""
        force = tables_of(r).labels("security_force").get(code, code.upper())
        return " · ".join(x for x in (force, party.unit) if x) or None
    return r.name


def publication_end(p: Proceeding) -> date | None:
    """The last day the extract is shown: the due date of the proceeding's `publication`
    deadline, or, if none was started (older data), 5 years from publication by the table."""
    started = [d for d in p.deadlines if d.kind == "publication"]
    if started:
        return max(started, key=lambda d: d.started_on).due_on
    if p.published_on is None:
        return None
    return deadlines.due_date("publication", p.published_on, tables=tables_of(p))


def final_on(p: Proceeding, r: ProceedingRespondent | None = None) -> date | None:
    """The day the decision (about respondent `r`, when given and known) became final; else
    when the proceeding's `publication` deadline started."""
    if r is not None and r.final_on is not None:
        return r.final_on
    started = [d.started_on for d in p.deadlines if d.kind == "publication"]
    return max(started) if started else None


def appeal_outcome(p: Proceeding, r: ProceedingRespondent | None = None) -> str:
    """`none`, or what the court did with the decision about `r` (`confirmed`, `altered`; the
    proceeding's outcome for older data)."""
    outcome = (r.court_outcome if r is not None else None) or p.court_outcome
    return outcome if outcome in APPEAL_OUTCOMES else "none"


def stands(r: ProceedingRespondent) -> bool:
    """Whether a respondent's condemnatory decision stands: a fine or an admonition (the
    court's new one when it altered it) that no court annulled and no acquittal set aside."""
    return r.condemned


def _not_annulled() -> ColumnElement[bool]:
    return or_(Proceeding.court_outcome.is_(None), Proceeding.court_outcome != "annulled")


def _loaded() -> tuple[ExecutableOption, ...]:
    return (selectinload(Proceeding.respondents).selectinload(ProceedingRespondent.party),
            selectinload(Proceeding.complaints), selectinload(Proceeding.deadlines))


def published_extracts(session: DbSession, today: date) -> list[Extract]:
    """Every sanctioned respondent (fine or admonition) of a decision published on or before
    `today` whose publication period has not ended, newest decision first; annulled decisions
    never."""
    found = session.scalars(
        select(Proceeding).where(Proceeding.published_on.is_not(None),
                                 Proceeding.published_on <= today, _not_annulled())
        .options(*_loaded()))
    rows: list[Extract] = []
    for p in found:
        until = publication_end(p)
        if until is None or until < today:
            continue
        assert p.published_on is not None  # the query asked for it
        rows += [Extract(p.reference, r.kind, public_name(r), _practices(p), _sanction(r),
                         r.decided_on or p.decided_on, appeal_outcome(p, r), p.published_on,
                         until)
                 for r in p.respondents if stands(r)]
    rows.sort(key=lambda e: (e.decided_on or date.min, e.reference), reverse=True)
    return rows


def extract_years(rows: list[Extract]) -> list[int]:
    """The decision years present in an extract, newest first (for the year filter)."""
    return sorted({e.decided_on.year for e in rows if e.decided_on}, reverse=True)


def of_year(rows: list[Extract], year: int | None) -> list[Extract]:
    """The rows whose decision was taken in `year` (all of them when None)."""
    return [e for e in rows if year is None or (e.decided_on and e.decided_on.year == year)]


def _folded(text: str) -> str:
    """Lower case without accents: `José` and `jose` are the same person to a search."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sanctions_register(session: DbSession, q: str | None = None) -> list[Sanctioned]:
    """Staff only: every respondent with a final fine or admonition (natural persons named
    too), for recidivism checks; `q` keeps names containing it, ignoring case and accents
    (filtered here: the register is small and SQLite's lower() knows ASCII only). By name."""
    query = (select(ProceedingRespondent).join(ProceedingRespondent.proceeding)
             .where(ProceedingRespondent.outcome.in_(CONDEMNATORY),
                    or_(ProceedingRespondent.final_on.is_not(None),
                        Proceeding.state.in_(FINAL_STATES)), _not_annulled())
             .options(selectinload(ProceedingRespondent.proceeding)
                      .selectinload(Proceeding.deadlines)))
    wanted = _folded(q.strip()) if q else ""
    rows = [Sanctioned(r.name, r.kind, r.proceeding.reference,
                       r.decided_on or r.proceeding.decided_on, _sanction(r),
                       r.paid or Decimal("0"),
                       r.outstanding if r.outcome == "fine" else Decimal("0"),
                       final_on(r.proceeding, r), r.proceeding.published_on)
            for r in session.scalars(query) if wanted in _folded(r.name) and stands(r)]
    rows.sort(key=lambda s: (_folded(s.name), s.decided_on or date.min, s.reference))
    return rows

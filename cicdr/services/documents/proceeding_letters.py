"""Letters to a respondent (arguido) of a proceeding: the accusation and the decision.

Both go to the respondent, so a complainant who asked to withhold their identity is never named
in them: neither their name, contacts nor address, and their name is masked in the facts as
told (the complaint's description) too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cicdr.models import Complaint, Proceeding, ProceedingRespondent
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.documents.formats import mask
from cicdr.services.documents.registry import (
    NO_PRESIDENT,
    DocumentKind,
    Draft,
    Signature,
    addressee_lines,
    anonymised,
    president,
    president_signature,
    register,
    staff_signature,
)
from workflows import sanctions
from workflows.labels import state_label
from workflows.text import N_

WITHHELD = "identidade reservada a pedido do queixoso"
ACCUSATION_STATES = ("instruction", "awaiting_defence")
DECIDED_STATES = ("decided", "notified", "appealed", "final", "published", "closed")


@dataclass(frozen=True)
class Facts:
    """One complaint's facts as a respondent may read them."""

    reference: str
    origin: str
    complainant: str
    facts_date: Any
    place: str
    district: str
    context: str
    practice: str | None
    grounds: list[str]
    description: str


def withheld_secrets(complaints: list[Complaint]) -> list[str]:
    """Names, contacts and addresses of complainants (and victims) who asked for reserve."""
    secrets: list[str] = []
    for c in complaints:
        if c.withhold_identity:
            for p in c.parties_as("complainant") + c.parties_as("victim"):
                secrets += [s for s in (p.name, p.email, p.phone, p.address) if s]
    return secrets


def facts_for_respondent(complaints: list[Complaint]) -> list[Facts]:
    """Each complaint's facts, with every withheld identity masked."""
    secrets = withheld_secrets(complaints)
    found = []
    for c in complaints:
        if c.withhold_identity:
            who = WITHHELD
        elif c.complainant is None:
            who = "queixa anónima"
        else:
            who = c.complainant.name or "—"
        found.append(Facts(c.reference, c.origin, who, c.facts_date, mask(c.place or "", secrets),
                           c.district, c.context, c.practice, [g.ground for g in c.grounds],
                           mask(c.description, secrets)))
    return found


def _respondent_letter(draft: Draft, subject_line: str,
                       signature: Signature) -> dict[str, Any]:
    p: Proceeding = draft.subject
    r = draft.respondent
    assert r is not None  # per-respondent kinds always get one (the service checks)
    party = r.party
    return {
        "proceeding": p, "respondent": r, "settings": draft.settings, "today": draft.today,
        "subject_line": subject_line,
        "references": [("Processo n.º", p.reference),
                       *(("Queixa n.º", c.reference) for c in p.complaints)],
        # A respondent's letter never carries the complainant's contacts: only theirs.
        "addressee": addressee_lines(r.name, party.address if party else None,
                                     party.email if party else None),
        "signature": signature,
        "withheld": any(c.withhold_identity for c in p.complaints),
        "practices": sorted({c.practice for c in p.complaints if c.practice}),
    }


# -- accusation ---------------------------------------------------------------------------------


def _accusation_blocked(session: DbSession, p: Proceeding) -> str | None:
    if p.state not in ACCUSATION_STATES:
        return (N_("The accusation is made during instruction or while the defence runs (the "
                   "proceeding is %(value)s).", value=state_label(p.state)))
    if not p.respondents:
        return N_("The proceeding has no respondent.")
    if not any(c.practice for c in p.complaints):
        return (N_("No complaint of this proceeding records the practice (the letter of Lei "
                   "93/2017 art. 4(2)) that the accusation must name."))
    for c in p.complaints:
        if reason := anonymised(c):
            return reason
    try:
        sanctions.ias(p.facts_year, tables=current_tables(session))
    except sanctions.UnknownIASYear as exc:
        return str(exc)
    return None


def _accusation(draft: Draft) -> dict[str, Any]:
    p: Proceeding = draft.subject
    r = draft.respondent
    assert r is not None
    instructor = p.instructor or draft.actor
    signature = Signature(staff_signature(instructor).name, "Instrutor(a) do processo")
    tables = current_tables(draft.session)
    low, high = sanctions.fine_bounds(p.facts_year, r.person, negligent=r.negligent,
                                      tables=tables)
    return {**_respondent_letter(draft, f"Notificação da acusação — processo n.º {p.reference}",
                                 signature),
            "facts": facts_for_respondent(list(p.complaints)),
            "fine_low": low, "fine_high": high, "ias": sanctions.ias(p.facts_year, tables=tables),
            "ias_year": p.facts_year}


register(DocumentKind(
    name="accusation", label=N_("Notification of the accusation"), workflow="proceeding",
    template="documents/accusation.html", file_part="acusacao",
    blocked=_accusation_blocked, build=_accusation, eligible=lambda p: list(p.respondents)))


# -- decision notification ----------------------------------------------------------------------


def decided_respondents(p: Proceeding) -> list[ProceedingRespondent]:
    """Respondents with a recorded decision."""
    return [r for r in p.respondents if r.outcome]


def _decision_blocked(session: DbSession, p: Proceeding) -> str | None:
    if p.state not in DECIDED_STATES or p.decided_on is None:
        return (N_("The Permanent Commission's decision is not recorded yet (the proceeding is "
                   "%(value)s).", value=state_label(p.state)))
    if not decided_respondents(p):
        return N_("No respondent has a decision recorded.")
    if president(session, None) is None:
        return NO_PRESIDENT
    return None


def _decision_notification(draft: Draft) -> dict[str, Any]:
    p: Proceeding = draft.subject
    r = draft.respondent
    assert r is not None
    signature = president_signature(draft.session, draft.actor,
                                    on_behalf="Pela Comissão Permanente")
    amount = r.amount if r.outcome == "fine" else None
    return {**_respondent_letter(draft, f"Notificação da decisão — processo n.º {p.reference}",
                                 signature),
            "amount": amount or Decimal("0"),
            "condemnatory": r.outcome in ("fine", "admonition"),
            "accessory_list": r.accessory_list()}


register(DocumentKind(
    name="decision_notification", label=N_("Notification of the decision"), workflow="proceeding",
    template="documents/decision_notification.html", file_part="notificacao-decisao",
    blocked=_decision_blocked, build=_decision_notification, eligible=decided_respondents))

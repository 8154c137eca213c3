"""Letters to a respondent (arguido) of a proceeding: the accusation and the decision, one per
respondent, from the texts the instructor wrote for that respondent
(services/casework/respondent_texts.py).

The accusation (RGCO art. 50; Lei 93/2017 art. 20(3)) states the facts charged, the norms
violated, the sanction range for that respondent (their person kind, negligence, and the IAS of
the facts' year), the 10 working days of defence and where and when the file can be consulted.
The decision (RGCO art. 58) states the facts proven and not proven, the evidence and its
assessment, the reasons, the sanction, the judicial appeal (arts 59-60, 62, 64, 72-A) and, for a
fine, the payment order (art. 88). A letter whose texts are not written is refused with that
reason.

Both go to the respondent, so a complainant who asked to withhold their identity is never named
in them: neither their name, contacts nor address, and their name is masked in every text
printed (the instructor's too).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cicdr.models import Complaint, Proceeding, ProceedingRespondent
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.types import DbSession
from cicdr.services.documents.formats import mask, term
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
from cicdr.services.engine.checks import ACCUSATION_TEXTS, missing_accusation
from workflows import deadlines, sanctions
from workflows.labels import both, state_label
from workflows.text import N_, Msg, join

WITHHELD = "identidade reservada a pedido do queixoso"
# The configuration each letter prints (the page warns when one is still a placeholder).
SETTINGS_USED = {
    "accusation": ("CICDR_FILE_CONSULTATION_PLACE", "CICDR_FILE_CONSULTATION_HOURS"),
    "decision_notification": ("CICDR_PAYMENT_IBAN", "CICDR_PAYMENT_HOLDER"),
}
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


def _texts(draft: Draft, *names: str) -> dict[str, str]:
    """The respondent's texts, with every withheld identity masked ("" when not written)."""
    r = draft.respondent
    assert r is not None
    secrets = withheld_secrets(list(draft.subject.complaints))
    return {name: mask(getattr(r, name) or "", secrets) for name in names}


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
    settings = draft.settings
    return {**_respondent_letter(draft, f"Notificação da acusação — processo n.º {p.reference}",
                                 signature),
            **_texts(draft, *ACCUSATION_TEXTS),
            "facts": facts_for_respondent(list(p.complaints)),
            "fine_low": low, "fine_high": high, "ias": sanctions.ias(p.facts_year, tables=tables),
            "ias_year": p.facts_year,
            "consultation": (settings.consultation_place, settings.consultation_hours),
            "appointments": settings.appointments}


def _accusation_not_written(r: ProceedingRespondent) -> Msg | None:
    missing = missing_accusation(r)
    if not missing:
        return None
    return N_("the %(texts)s for %(name)s are not written yet (write them under the respondent "
              "on the proceeding page).", texts=both(ACCUSATION_TEXTS[n] for n in missing),
              name=r.name)


register(DocumentKind(
    name="accusation", label=N_("Notification of the accusation"), workflow="proceeding",
    template="documents/accusation.html", file_part="acusacao",
    blocked=_accusation_blocked, build=_accusation, eligible=lambda p: list(p.respondents),
    respondent_blocked=_accusation_not_written))


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
    settings = draft.settings
    tables = current_tables(draft.session)
    return {**_respondent_letter(draft, f"Notificação da decisão — processo n.º {p.reference}",
                                 signature),
            **_texts(draft, *DECISION_TEXTS, "norms"),
            "decided_on": r.decided_on or p.decided_on,
            "amount": amount or Decimal("0"),
            "condemnatory": r.outcome in ("fine", "admonition"),
            "accessory_list": r.accessory_list(),
            "payment_term": _payment_term(tables),
            "final_on": getattr(r, "final_on", None),
            "payment_due": getattr(r, "payment_due_on", None),
            "payment": {"iban": settings.payment_iban, "holder": settings.payment_holder,
                        "bic": settings.payment_bic,
                        "reference": settings.payment_reference.format(
                            proceeding=p.reference, respondent=r.id)}}


def _payment_term(tables: Any) -> str:
    """The term to pay after the decision is final (RGCO art. 88(1)), as written: the legal
    tables' `payment` rule when they have one, else the law's 10 days."""
    try:
        return term("payment", tables)
    except deadlines.UnknownDeadlineKind:
        return "10 dias"


# What a decision letter cannot go without (RGCO art. 58(1)); facts not proven may be none.
DECISION_TEXTS = {"facts_proven": N_("facts proven"), "facts_not_proven": N_("facts not proven"),
                  "evidence": N_("evidence and its assessment"), "reasons": N_("reasons")}
REQUIRED_DECISION_TEXTS = ("facts_proven", "evidence", "reasons")


def _decision_not_written(r: ProceedingRespondent) -> Msg | None:
    missing = [n for n in REQUIRED_DECISION_TEXTS if not (getattr(r, n) or "").strip()]
    if r.outcome != "dismissal" and not (r.norms or "").strip():
        missing.append("norms")
    if not missing:
        return None
    names = [DECISION_TEXTS.get(n) or ACCUSATION_TEXTS["norms"] for n in missing]
    return N_("the decision's %(texts)s for %(name)s are not written yet (write them under the "
              "respondent on the proceeding page).", texts=join(names, ", "), name=r.name)


register(DocumentKind(
    name="decision_notification", label=N_("Notification of the decision"), workflow="proceeding",
    template="documents/decision_notification.html", file_part="notificacao-decisao",
    blocked=_decision_blocked, build=_decision_notification, eligible=decided_respondents,
    respondent_blocked=_decision_not_written))

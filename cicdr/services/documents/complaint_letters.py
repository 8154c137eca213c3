"""Letters to the complainant: acknowledgement, information request, notice of a proposed
non-opening. None carries the access code: they say where and how to use it."""

from __future__ import annotations

import json
from typing import Any

from cicdr.models import AuditEvent, Complaint
from cicdr.models.deadlines import latest_due
from cicdr.services.core.types import DbSession
from cicdr.services.documents.registry import (
    DocumentKind,
    Draft,
    addressee_lines,
    anonymised,
    register,
    staff_signature,
)
from cicdr.services.queries.cases import latest_event
from workflows.labels import state_label
from workflows.text import N_


def _no_addressee(complaint: Complaint) -> str | None:
    reason = anonymised(complaint)
    if reason is None and complaint.complainant is None:
        reason = (N_("The complaint is anonymous: there is nobody to address a letter to (write "
                     "through the follow-up page's messages instead)."))
    return reason


def _complainant_letter(draft: Draft, subject_line: str) -> dict[str, Any]:
    """What every letter to the complainant shares: addressee, references, signature."""
    c: Complaint = draft.subject
    person = c.complainant
    return {
        "complaint": c, "settings": draft.settings, "today": draft.today,
        "subject_line": subject_line,
        "references": [("Queixa n.º", c.reference)],
        "addressee": addressee_lines(person.name if person else None,
                                     person.address if person else None,
                                     person.email if person else None),
        "signature": staff_signature(draft.actor),
        "grounds": [g.ground for g in c.grounds],
    }


# -- acknowledgement ----------------------------------------------------------------------------


def _acknowledgement(draft: Draft) -> dict[str, Any]:
    c: Complaint = draft.subject
    return _complainant_letter(draft, f"Aviso de receção da queixa n.º {c.reference}")


register(DocumentKind(
    name="acknowledgement", label=N_("Acknowledgement to the complainant"), workflow="complaint",
    template="documents/acknowledgement.html", file_part="aviso-de-rececao",
    blocked=lambda session, c: _no_addressee(c), build=_acknowledgement))


# -- information request ------------------------------------------------------------------------


def _information_blocked(session: DbSession, c: Complaint) -> str | None:
    if c.state != "awaiting_information":
        return (N_("Only while the complaint awaits information from the complainant (it is "
                   "%(value)s).", value=state_label(c.state)))
    if latest_event(session, c, "request_information") is None:
        return N_("No question to the complainant is recorded.")
    return _no_addressee(c)


def _information_request(draft: Draft) -> dict[str, Any]:
    # The question is the request's own (its audit event), not the newest message to the
    # complainant: staff may have written other messages since.
    c: Complaint = draft.subject
    event = latest_event(draft.session, c, "request_information")
    return {**_complainant_letter(draft, f"Pedido de informação — queixa n.º {c.reference}"),
            "question": json.loads(event.data).get("question", "") if event else "",
            "asked_on": event.created_at.date() if event else draft.today,
            "due": latest_due(c.deadlines, "complainant_information")}


register(DocumentKind(
    name="information_request", label=N_("Information request"), workflow="complaint",
    template="documents/information_request.html", file_part="pedido-de-informacao",
    blocked=_information_blocked, build=_information_request))


# -- notice of a proposed non-opening -----------------------------------------------------------


def proposal_event(session: DbSession, complaint: Complaint) -> AuditEvent | None:
    """The audit event of the latest proposal not to open (its data holds the grounds)."""
    return latest_event(session, complaint, "propose_non_opening")


def _non_opening_blocked(session: DbSession, c: Complaint) -> str | None:
    if c.state != "non_opening_proposed":
        return (N_("Only while a non-opening is proposed (the complaint is %(value)s).",
                   value=state_label(c.state)))
    if proposal_event(session, c) is None:
        return N_("The proposal not to open is not in the case history.")
    return _no_addressee(c)


def _non_opening_notice(draft: Draft) -> dict[str, Any]:
    c: Complaint = draft.subject
    event = proposal_event(draft.session, c)
    data = json.loads(event.data) if event else {}
    return {**_complainant_letter(
        draft, f"Notificação da proposta de não abertura de processo — queixa n.º {c.reference}"),
        "reason_code": data.get("reason_code"), "reason": data.get("reason", ""),
        "proposed_on": event.created_at.date() if event else draft.today,
        "due": c.non_opening_comment_due}


register(DocumentKind(
    name="non_opening_notice", label=N_("Notice of the proposed non-opening"), workflow="complaint",
    template="documents/non_opening_notice.html",
    file_part="notificacao-proposta-nao-abertura",
    blocked=_non_opening_blocked, build=_non_opening_notice))

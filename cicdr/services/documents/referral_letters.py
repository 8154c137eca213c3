"""The letter that goes with a referral to the Public Prosecutor, IGAI or another body."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_, select

from cicdr.models import Attachment, Complaint, Proceeding, Referral
from cicdr.services.core.types import DbSession
from cicdr.services.documents.registry import (
    NO_PRESIDENT,
    DocumentKind,
    Draft,
    anonymised,
    president,
    president_signature,
    register,
    staff_signature,
)
from workflows.labels import state_label
from workflows.text import N_

# (addressee lines, salutation) per body (reference data in workflows.referral.BODIES).
BODIES: dict[str, tuple[tuple[str, ...], str]] = {
    "mp": (("Ministério Público", "Procuradoria da República da comarca competente"),
           "Exmo.(a) Senhor(a) Procurador(a) da República"),
    "igai": (("Inspeção-Geral da Administração Interna (IGAI)",),
             "Exmo.(a) Senhor(a) Inspetor(a)-Geral da Administração Interna"),
    "igsj": (("Inspeção-Geral dos Serviços de Justiça (IGSJ)",),
             "Exmo.(a) Senhor(a) Inspetor(a)-Geral dos Serviços de Justiça"),
    "act": (("Autoridade para as Condições do Trabalho (ACT)",),
            "Exmo.(a) Senhor(a) Inspetor(a)-Geral do Trabalho"),
    "erc": (("Entidade Reguladora para a Comunicação Social (ERC)",),
            "Exmo.(a) Senhor(a) Presidente do Conselho Regulador"),
    "other": (("Entidade competente",), "Exmos.(as) Senhores(as)"),
}
SUBJECT_LINES = {
    "prosecutor": "Participação de factos suscetíveis de constituir crime",
    "disciplinary": "Comunicação de factos para apreciação disciplinar",
    "forward": "Remessa de queixa à entidade competente",
}
LETTER_STATES = ("draft", "sent")
SIGNED_BY_PRESIDENT = ("mp", "igai")


def parent_complaints(referral: Referral) -> list[Complaint]:
    """The complaints whose facts the letter tells: the parent's, or the proceeding's."""
    if referral.complaint is not None:
        return [referral.complaint]
    return list(referral.proceeding.complaints) if referral.proceeding else []


def documents_sent(session: DbSession, referral: Referral) -> list[Attachment]:
    """The files of the parent case (and, for a proceeding, of its complaints), which go with
    the letter; CICDR's own generated letters are not part of what is sent."""
    clauses: list[ColumnElement[bool]] = [
        Attachment.complaint_id.in_([c.id for c in parent_complaints(referral)])]
    if referral.proceeding_id is not None:
        clauses.append(Attachment.proceeding_id == referral.proceeding_id)
    return list(session.scalars(select(Attachment).where(
        or_(*clauses), Attachment.source != "generated").order_by(Attachment.id)))


def _blocked(session: DbSession, x: Referral) -> str | None:
    if x.state not in LETTER_STATES:
        return (N_("The letter is made before or when the referral is sent (it is %(value)s).",
                   value=state_label(x.state)))
    if x.body == "mp" and not x.approved:
        return N_("The president has not approved this referral to the Public Prosecutor yet.")
    for c in parent_complaints(x):
        if reason := anonymised(c):
            return reason
    if x.body in SIGNED_BY_PRESIDENT and president(session, None, x.approved_by_id) is None:
        return NO_PRESIDENT
    return None


def _signature(draft: Draft) -> Any:
    x: Referral = draft.subject
    if x.body in SIGNED_BY_PRESIDENT:
        return president_signature(draft.session, draft.actor, x.approved_by_id)
    return staff_signature(draft.actor)


def _build(draft: Draft) -> dict[str, Any]:
    x: Referral = draft.subject
    parent: Complaint | Proceeding | None = x.complaint or x.proceeding
    complaints = parent_complaints(x)
    lines, salutation = BODIES.get(x.body, BODIES["other"])
    references = [("Ofício", x.reference)]
    if parent is not None:
        label = "Queixa n.º" if isinstance(parent, Complaint) else "Processo n.º"
        references.append((label, parent.reference))
    if x.proceeding is not None:
        references += [("Queixa n.º", c.reference) for c in complaints]
    elif x.complaint is not None and x.complaint.proceeding is not None:
        references.append(("Processo n.º", x.complaint.proceeding.reference))
    return {
        "referral": x, "parent": parent, "complaints": complaints, "settings": draft.settings,
        "today": draft.today, "references": references, "addressee": list(lines),
        "salutation": salutation,
        "subject_line": f"{SUBJECT_LINES.get(x.purpose, 'Encaminhamento')} — {x.reference}",
        "signature": _signature(draft), "documents": documents_sent(draft.session, x),
        "from_proceeding": x.proceeding is not None,
    }


register(DocumentKind(
    name="referral_letter", label=N_("Referral letter"), workflow="referral",
    template="documents/referral_letter.html", file_part="oficio",
    blocked=_blocked, build=_build))

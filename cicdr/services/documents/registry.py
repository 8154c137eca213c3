"""The registry of legal documents: for each kind, the workflow it belongs to, when it can be
made (with the reason when not), its template, its file name and how its data is gathered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from cicdr.config import UNSET
from cicdr.models import Complaint, ProceedingRespondent, User
from cicdr.services.core.types import DbSession
from cicdr.services.documents.formats import slug
from workflows.spec import Role
from workflows.text import N_

CICDR = "Comissão para a Igualdade e Contra a Discriminação Racial"
TITLES = {Role.OFFICER: "Técnico(a) superior dos serviços de apoio da CICDR",
          Role.PRESIDENT: "Presidente da CICDR"}


@dataclass(frozen=True)
class DocumentSettings:
    """What letters need from the configuration: the portal's address, CICDR's contacts, where
    and when the file is consulted, and where fines are paid (cicdr/config.py documents each;
    the unset ones print as a placeholder that names the variable)."""

    public_url: str = "http://127.0.0.1:5000"
    contacts: tuple[str, ...] = ()  # letterhead lines under the name: address, e-mail, phone
    place: str = "Lisboa"
    consultation_place: str = UNSET["CICDR_FILE_CONSULTATION_PLACE"]
    consultation_hours: str = UNSET["CICDR_FILE_CONSULTATION_HOURS"]
    appointments: tuple[str, ...] = ()  # how to book a consultation: e-mail, telephone
    payment_iban: str = UNSET["CICDR_PAYMENT_IBAN"]
    payment_holder: str = UNSET["CICDR_PAYMENT_HOLDER"]
    payment_bic: str = ""
    payment_reference: str = "{proceeding}-A{respondent}"

    def unset(self) -> list[str]:
        """The variables still at their placeholder (the letters print the placeholder)."""
        values = {"CICDR_FILE_CONSULTATION_PLACE": self.consultation_place,
                  "CICDR_FILE_CONSULTATION_HOURS": self.consultation_hours,
                  "CICDR_PAYMENT_IBAN": self.payment_iban,
                  "CICDR_PAYMENT_HOLDER": self.payment_holder}
        return [name for name, value in values.items() if value == UNSET[name]]

    @property
    def follow_url(self) -> str:
        """The follow-up page complainants sign in to with reference and access code."""
        return f"{self.public_url.rstrip('/')}/follow"


@dataclass(frozen=True)
class Signature:
    """The signature block: who signs, as what, and on whose behalf."""

    name: str
    title: str
    on_behalf: str | None = None


@dataclass(frozen=True)
class Draft:
    """Everything a builder reads to fill one document."""

    session: DbSession
    subject: Any
    respondent: ProceedingRespondent | None
    actor: Any
    today: date
    settings: DocumentSettings


Blocked = Callable[[DbSession, Any], str | None]
Builder = Callable[[Draft], dict[str, Any]]
Eligible = Callable[[Any], list[ProceedingRespondent]]
RespondentBlocked = Callable[[ProceedingRespondent], str | None]


@dataclass(frozen=True)
class DocumentKind:
    """One kind of legal document."""

    name: str
    label: str  # English, for the staff pages
    workflow: str  # complaint, proceeding or referral
    template: str  # under templates/
    file_part: str  # Portuguese, in the file name
    blocked: Blocked  # why it cannot be made now (None: it can)
    build: Builder  # the template's data
    eligible: Eligible | None = field(default=None)  # per-respondent kinds: who may get one
    # Per-respondent kinds: why this eligible respondent's letter cannot be made yet (None: it
    # can), e.g. the instructor has not written its texts.
    respondent_blocked: RespondentBlocked | None = field(default=None)

    @property
    def per_respondent(self) -> bool:
        return self.eligible is not None

    def filename(self, subject: Any, respondent: ProceedingRespondent | None,
                 today: date) -> str:
        """`PCO-2026-0001_acusacao_arguido-3-imobiliaria-exemplo-lda_2026-05-04.pdf`."""
        reference = str(getattr(subject, "reference", subject.id)).replace("/", "_")
        parts = [reference, self.file_part]
        if respondent is not None:
            parts.append(f"arguido-{respondent.id}-{slug(respondent.name, 30)}")
        return "_".join([*parts, today.isoformat()]) + ".pdf"


KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    """Add a kind to the registry (the letter modules call this when imported)."""
    KINDS[kind.name] = kind
    return kind


def for_workflow(workflow: str) -> list[DocumentKind]:
    """The kinds made for complaints, proceedings or referrals, in registry order."""
    return [k for k in KINDS.values() if k.workflow == workflow]


# -- shared conditions and signatures -----------------------------------------------------------


def anonymised(complaint: Complaint | None) -> str | None:
    """Retention removed the personal data: no letter can be written from it any more."""
    if complaint is not None and complaint.anonymised_at is not None:
        return N_("The complaint's personal data was anonymised under the retention rules.")
    return None


def president(session: DbSession, actor: Any, preferred_id: int | None = None) -> User | None:
    """Who signs as president: the one named (an approver), else the actor if president, else
    the first active president account."""
    if preferred_id is not None:
        found = session.get(User, preferred_id)
        if found is not None and found.role == Role.PRESIDENT:
            return found
    if getattr(actor, "role", None) == Role.PRESIDENT:
        return actor if isinstance(actor, User) else None
    return session.scalar(select(User).where(User.role == Role.PRESIDENT, User.active)
                          .order_by(User.id).limit(1))


NO_PRESIDENT = N_("No active president account exists to sign it.")


def president_signature(session: DbSession, actor: Any, preferred_id: int | None = None,
                        on_behalf: str | None = None) -> Signature:
    """The president's signature block (the kind's condition checked that one exists)."""
    signer = president(session, actor, preferred_id)
    name = signer.name if signer is not None else ""
    return Signature(name, TITLES[Role.PRESIDENT], on_behalf)


def staff_signature(user: Any) -> Signature:
    """The signature of the officer (or the president) who writes the letter."""
    return Signature(getattr(user, "name", ""), TITLES.get(user.role, TITLES[Role.OFFICER]))


def addressee_lines(name: str | None, address: str | None, email: str | None) -> list[str]:
    """The address block: name, then the postal address or, failing it, the e-mail."""
    lines = [name or "—"]
    if address:
        lines += [line.strip() for line in address.splitlines() if line.strip()]
    elif email:
        lines.append(f"Por correio eletrónico: {email}")
    return lines

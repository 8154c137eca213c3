"""Registering a complaint: online by the complainant, or by an officer from another channel."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from cicdr.models import Attachment, Complaint, ComplaintGround, Party
from cicdr.models.base import moment_of
from cicdr.services import audit
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.core.numbering import next_reference
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from workflows.spec import Role
from workflows.tables import LegalTables, in_force
from workflows.text import N_
from workflows.vocabularies import POLICE_KINDS

# Unambiguous alphabet (no 0/O, 1/I/L): 20 symbols of 5 bits = 100 bits of entropy.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 20
PARTY_ROLES = ("complainant", "victim", "respondent", "witness")


@dataclass
class PartyData:
    """A person or body as entered on the form."""

    role: str
    kind: str = "natural_person"
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    security_force: str | None = None
    unit: str | None = None
    officer_identification: str | None = None
    sex: str | None = None
    victim_kind: str | None = None


@dataclass
class UploadedFile:
    """A file already checked by the upload validator."""

    filename: str
    content_type: str
    data: bytes


@dataclass
class NewComplaint:
    """Everything a complaint needs when it is registered."""

    origin: str
    facts_date: date
    district: str
    context: str
    description: str
    grounds: list[tuple[str, str | None]]
    respondents: list[PartyData]
    channel: str = "online"
    language: str = "pt"  # the language the form was filled in
    preferred_language: str | None = None  # for replies, when another
    place: str | None = None
    practice: str | None = None
    complainant: PartyData | None = None  # None: anonymous
    victims: list[PartyData] = field(default_factory=list)
    witnesses: list[PartyData] = field(default_factory=list)
    withhold_identity: bool = False
    contact_channel: str | None = None
    files: list[UploadedFile] = field(default_factory=list)
    # What the annual report counts (optional: the complainant may prefer not to say).
    victim_kind: str | None = None  # vocabulary `victim_kind`
    victim_sex: str | None = None  # vocabulary `sex`, for an individual victim
    expression: str | None = None  # vocabulary `expression`


def report_codes(new: NewComplaint) -> dict[str, str | None]:
    """The complaint's victim kind, sex and expression codes as stored: the sex only for an
    individual (`unknown` when not said); without a victim kind, that of the first victim
    named with one (the demo's parties)."""
    kind = new.victim_kind or next((v.victim_kind for v in new.victims if v.victim_kind), None)
    sex = new.victim_sex
    if kind == "individual" and not sex:
        sex = next((v.sex for v in new.victims if v.sex), None) or "unknown"
    return {"victim_kind": kind, "victim_sex": sex if kind == "individual" else None,
            "expression": new.expression or None}


def report_code_errors(new: NewComplaint, codes: Any) -> dict[str, str]:
    """Field errors of the optional report codes (`codes(vocabulary)`: the active codes)."""
    errors: dict[str, str] = {}
    for name, vocab in (("victim_kind", "victim_kind"), ("victim_sex", "sex"),
                        ("expression", "expression")):
        value = getattr(new, name)
        if value and value not in codes(vocab):
            errors[name] = N_("Choose a value from the list.")
    return errors


def new_access_code() -> str:
    """A high-entropy code, grouped for reading aloud: XXXXX-XXXXX-XXXXX-XXXXX."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 5] for i in range(0, CODE_LENGTH, 5))


def hash_access_code(code: str) -> str:
    """SHA-256 suffices for a 100-bit random code (no dictionary to guess from); salted anyway."""
    normalised = code.replace("-", "").replace(" ", "").upper()
    salt = secrets.token_hex(8)
    return f"sha256${salt}${hashlib.sha256((salt + normalised).encode()).hexdigest()}"


def check_access_code(stored: str | None, code: str) -> bool:
    """Constant-time comparison of a typed code with the stored hash."""
    if not stored or stored.count("$") != 2:
        return False
    _, salt, digest = stored.split("$")
    normalised = code.replace("-", "").replace(" ", "").upper()
    candidate = hashlib.sha256((salt + normalised).encode()).hexdigest()
    return hmac.compare_digest(candidate, digest)


def validate(new: NewComplaint, today: date, tables: LegalTables | None = None) -> dict[str, str]:
    """Field errors of a complaint; an empty dict means it can be registered. Codes are checked
    against the active codes of `tables` (the default tables when None)."""
    errors: dict[str, str] = {}
    codes = in_force(tables).codes

    for name, vocab in (("origin", "origin"), ("channel", "channel"), ("district", "district"),
                        ("context", "context")):
        if getattr(new, name) not in codes(vocab):
            errors[name] = N_("Choose a value from the list.")
    if new.practice and new.practice not in codes("practice"):
        errors["practice"] = N_("Choose a value from the list.")
    if new.facts_date > today:
        errors["facts_date"] = N_("The date of the facts cannot be in the future.")
    if len(new.description.strip()) < 20:
        errors["description"] = N_("Describe what happened (at least 20 characters).")
    if not new.grounds or any(g not in codes("ground") for g, _ in new.grounds):
        errors["grounds"] = N_("Choose at least one ground.")
    if not new.respondents:
        errors["respondents"] = N_("Say who discriminated (a person, a company, a public body or "
                                   "the police), even if you do not know their name.")
    for i, r in enumerate(new.respondents):
        if r.kind not in codes("respondent_kind"):
            errors[f"respondents.{i}.kind"] = N_("Choose a value from the list.")
        elif r.kind in POLICE_KINDS and r.security_force not in codes("security_force"):
            errors[f"respondents.{i}.security_force"] = N_("Choose which police force.")
        elif r.kind == "security_officer" and not (r.name or r.officer_identification):
            errors[f"respondents.{i}.name"] = N_("Give the officer's name or badge number.")
    errors.update(report_code_errors(new, codes))
    return errors


def submit_complaint(session: DbSession, new: NewComplaint, actor: Any, *, store: BlobStore,
                     today: date | None = None) -> tuple[Complaint, str | None]:
    """Register a complaint in `received` and commit; return it with its access code."""
    try:
        complaint, code = register_complaint(session, new, actor, store=store, today=today)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return complaint, code


def register_complaint(session: DbSession, new: NewComplaint, actor: Any, *, store: BlobStore,
                       today: date | None = None) -> tuple[Complaint, str]:
    """Add a complaint in `received` with its parties, files and audit event, without
    committing (the caller commits, with whatever else belongs to the same change).

    The access code is returned once and only its hash is kept. Online submissions have the
    complainant as actor; an officer registering from another channel is the actor otherwise.
    """
    today = today or date.today()
    errors = validate(new, today, current_tables(session))
    if actor.role != Role.COMPLAINANT and actor.role != Role.OFFICER:
        errors["actor"] = N_("Only an officer registers complaints received by other channels.")
    if errors:
        raise InvalidData(errors)
    code = new_access_code()
    number, reference = next_reference(session, "QN", today.year)
    complaint = Complaint(
        reference=reference, year=today.year, number=number, state="received",
        access_code_hash=hash_access_code(code), registered_by_id=getattr(actor, "id", None),
        received_at=moment_of(today), **complaint_columns(new))
    complaint.parties = [Party(**p) for p in party_rows(new)]
    complaint.grounds = [ComplaintGround(ground=g, expression=(e or None))
                         for g, e in dict(new.grounds).items()]
    session.add(complaint)
    session.flush()
    for f in new.files:
        digest = store.put(f.data)
        session.add(Attachment(complaint_id=complaint.id, filename=f.filename,
                               content_type=f.content_type, size=len(f.data), sha256=digest,
                               source="complainant" if actor.role == Role.COMPLAINANT
                               else "staff", uploaded_by_id=getattr(actor, "id", None)))
    who = ComplainantActor(reference) if actor.role == Role.COMPLAINANT else actor
    audit.record(session, subject_type="complaint", subject_id=complaint.id,
                 subject_ref=reference, actor=who, action="submit", from_state=None,
                 to_state="received",
                 data={"channel": new.channel, "files": [f.filename for f in new.files]})
    return complaint, code


def complaint_columns(new: NewComplaint) -> dict[str, Any]:
    """The complaint's own columns from what was entered (shared with the backlog import)."""
    return {"channel": new.channel, "origin": new.origin, "language": new.language,
            "preferred_language": new.preferred_language, "facts_date": new.facts_date,
            "district": new.district, "place": new.place, "context": new.context,
            "practice": new.practice, "description": new.description.strip(),
            "withhold_identity": new.withhold_identity, "anonymous": new.complainant is None,
            "contact_channel": new.contact_channel, **report_codes(new)}


def party_rows(new: NewComplaint) -> list[dict[str, Any]]:
    """The parties' columns, complainant first, then victims, respondents and witnesses."""
    parties = ([new.complainant] if new.complainant else []) + new.victims + \
        new.respondents + new.witnesses
    return [dict(vars(p)) for p in parties]


def find_by_code(session: DbSession, reference: str, code: str) -> Complaint | None:
    """The complaint with this reference if the code matches; None otherwise (no hint which)."""
    complaint = session.scalar(
        select(Complaint).where(Complaint.reference == reference.strip().upper()))
    if complaint is None:
        check_access_code("sha256$0$" + "0" * 64, code)  # same work either way
        return None
    return complaint if check_access_code(complaint.access_code_hash, code) else None

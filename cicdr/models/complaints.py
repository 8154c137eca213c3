"""Complaints (queixas) with their parties and grounds (domain.md sections 3.1 and 6)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cicdr.extensions import Model
from cicdr.models.base import utcnow
from cicdr.models.deadlines import latest_due
from cicdr.models.referrals import pending_prosecutor_draft_by
from workflows.vocabularies import POLICE_KINDS, person_of

if TYPE_CHECKING:
    from cicdr.models.deadlines import Deadline
    from cicdr.models.proceedings import Proceeding
    from cicdr.models.referrals import Referral
    from cicdr.models.users import User

OPEN_REFERRAL_STATES = ("draft", "sent", "acknowledged", "answered")
# A referral has left CICDR once sent: what the police guard counts (a draft does not).
SENT_REFERRAL_STATES = ("sent", "acknowledged", "answered", "closed")
CHANNEL_WORDS = {"email": "e-mail", "phone": "telephone", "post": "post"}


class Complaint(Model):
    """A complaint as filed, and where the complaint workflow has taken it."""

    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("year", "number", name="uq_complaints_year_number"),
        # The case list (services/queries/lists.py): newest first, within a state, per assignee.
        Index("ix_complaints_state_received_at", "state", "received_at"),
        Index("ix_complaints_received_at", "received_at"),
        Index("ix_complaints_assignee_id_received_at", "assignee_id", "received_at"),
        # Possible duplicates (services/casework/duplicates.py): same day of the facts, same
        # district; without it every complaint page scanned the whole table.
        Index("ix_complaints_facts_date_district", "facts_date", "district"),
        # My work (services/queries/my_work.py): an officer's complaints in the states that
        # wait for them, counted and paged without reading the rest of their caseload.
        Index("ix_complaints_assignee_id_state", "assignee_id", "state"),
        # (The statistics' indexes are in cicdr/models/statistics.py.)
        Index("uq_complaints_import_source_id", "import_source_id", unique=True),
    )
    WORKFLOW = "complaint"
    PREFIX = "QN"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # QN-2026-00001
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)  # gapless per year
    state: Mapped[str] = mapped_column(String(30), default="received")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    channel: Mapped[str] = mapped_column(String(30))  # vocabulary `channel`
    origin: Mapped[str] = mapped_column(String(20))  # vocabulary `origin`
    language: Mapped[str] = mapped_column(String(10), default="pt")  # language the person used
    preferred_language: Mapped[str | None] = mapped_column(String(10))  # for replies, if other
    facts_date: Mapped[date] = mapped_column(Date)  # starts the prescription clock
    district: Mapped[str] = mapped_column(String(30))
    place: Mapped[str | None] = mapped_column(String(200))  # municipality, street, site, URL
    context: Mapped[str] = mapped_column(String(40))
    practice: Mapped[str | None] = mapped_column(String(2))  # art. 4(2) a-j, when known
    description: Mapped[str] = mapped_column(Text)
    withhold_identity: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_channel: Mapped[str | None] = mapped_column(String(20))  # how they want replies
    access_code_hash: Mapped[str | None] = mapped_column(String(200))  # argon2 of the code

    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    proceeding_id: Mapped[int | None] = mapped_column(ForeignKey("proceedings.id"), index=True)
    archive_reason: Mapped[str | None] = mapped_column(String(30))
    # The president's record of why a police complaint needs no disciplinary referral.
    disciplinary_waiver: Mapped[str | None] = mapped_column(Text)
    complainant_commented: Mapped[bool] = mapped_column(Boolean, default=False)
    # The prosecutor's latest answer (workflows.guards.PROSECUTOR_OUTCOMES) and its date.
    prosecutor_outcome: Mapped[str | None] = mapped_column(String(20))
    prosecutor_outcome_on: Mapped[date | None] = mapped_column(Date)
    # Closed by `prosecutor_concluded`: the MP may still return the file (RGCO art. 40).
    closed_by_prosecutor: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=false())
    # Why the complainant could not be asked to comment on the proposed non-opening (no
    # address), recorded with the proposal; None when they were asked (Lei 93/2017 art. 19(2)).
    no_hearing_reason: Mapped[str | None] = mapped_column(Text)
    # The day the complainant withdrew, while the president has not decided (archive or
    # continue ex officio); None otherwise.
    withdrawal_received_on: Mapped[date | None] = mapped_column(Date)
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # retention
    # What the annual report counts (issue 13): coded, kept by retention. The victim as a
    # whole (vocabulary `victim_kind`), its sex when an individual (`sex`), and how the ground
    # showed itself (`expression`; the per-ground free text only complements it).
    victim_kind: Mapped[str | None] = mapped_column(String(20))
    victim_sex: Mapped[str | None] = mapped_column(String(10))
    expression: Mapped[str | None] = mapped_column(String(40))
    # Dates the statistics need, set by the engine (services/engine/milestones.py): how triage
    # ended (forwarded, referred_to_prosecutor, proceeding_opened, archived) and when; when
    # the complaint was closed (None while it is not).
    triage_outcome: Mapped[str | None] = mapped_column(String(30))
    triage_outcome_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # Complaints about one incident (one post, one event), grouped by staff.
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    # The key of an imported row (`flask cicdr import`): a second import skips it.
    import_source_id: Mapped[str | None] = mapped_column(String(100))

    __mapper_args__ = {"version_id_col": version}

    parties: Mapped[list[Party]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="Party.id")
    grounds: Mapped[list[ComplaintGround]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    proceeding: Mapped[Proceeding | None] = relationship(back_populates="complaints")
    referrals: Mapped[list[Referral]] = relationship(back_populates="complaint",
                                                     order_by="Referral.id")
    deadlines: Mapped[list[Deadline]] = relationship(back_populates="complaint",
                                                     order_by="Deadline.id")
    incident: Mapped[Incident | None] = relationship(back_populates="complaints")

    def parties_as(self, role: str) -> list[Party]:
        """Parties with one role: complainant, victim, respondent or witness."""
        return [p for p in self.parties if p.role == role]

    @property
    def complainant(self) -> Party | None:
        found = self.parties_as("complainant")
        return found[0] if found else None

    @property
    def respondents(self) -> list[Party]:
        return self.parties_as("respondent")

    # -- facts read by the complaint workflow's guards ------------------------------------------

    @property
    def is_police_related(self) -> bool:
        return any(p.kind in POLICE_KINDS for p in self.respondents)

    @property
    def police_forces(self) -> frozenset[str]:
        """The forces named by the police respondents (the force, or an officer's force)."""
        return frozenset(p.security_force or "other" for p in self.respondents
                         if p.kind in POLICE_KINDS)

    @property
    def sent_disciplinary_bodies(self) -> frozenset[str]:
        """The bodies a disciplinary referral has been sent to (drafts do not count)."""
        return frozenset(r.body for r in self.referrals
                         if r.purpose == "disciplinary" and r.state in SENT_REFERRAL_STATES)

    @property
    def withdrawal_pending(self) -> bool:
        return self.withdrawal_received_on is not None

    @property
    def contact_missing(self) -> str | None:
        """Why the complainant cannot be asked to comment (None when they can): anonymous, or
        no address for the way they chose to be contacted. The follow-up page counts as a
        way only for a named complainant who chose it (they hold the access code)."""
        person = self.complainant
        if self.anonymous or person is None:
            return "The complaint is anonymous: there is no address to ask the complainant."
        addresses = {"email": person.email, "phone": person.phone, "post": person.address}
        channel = self.contact_channel
        if channel == "portal" or (channel in addresses and addresses[channel]):
            return None
        if channel in addresses:
            return (f"The complainant chose to be contacted by {CHANNEL_WORDS[channel]} but "
                    "gave no address for it.")
        if any(addresses.values()):
            return None
        return "The complainant gave no e-mail, postal address or telephone number."

    @property
    def disciplinary_referral_waived(self) -> bool:
        return bool(self.disciplinary_waiver)

    @property
    def non_opening_comment_due(self) -> date | None:
        return latest_due(self.deadlines, "non_opening_comment")

    @property
    def prosecutor_draft_by(self) -> int | None:
        return pending_prosecutor_draft_by(self.referrals)

    @property
    def forwarding_finished(self) -> bool:
        forwards = [r for r in self.referrals if r.purpose == "forward"]
        return bool(forwards) and all(r.state == "closed" for r in forwards)

    @property
    def proceeding_finished(self) -> bool:
        return self.proceeding is not None and self.proceeding.state in ("closed", "prescribed")

    @property
    def proceeding_resumed(self) -> bool:
        """Its proceeding is open again (the MP returned a proceeding it had taken over)."""
        return self.proceeding is not None and not self.proceeding_finished

    def __repr__(self) -> str:
        return f"<Complaint {self.reference} {self.state}>"


class Party(Model):
    """A person or body in a complaint: complainant, victim, respondent or witness."""

    __tablename__ = "parties"
    # The list's "police-related" filter reads (kind, role) and needs only the complaint id.
    __table_args__ = (Index("ix_parties_kind_role_complaint_id", "kind", "role", "complaint_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"),
                                              index=True)
    role: Mapped[str] = mapped_column(String(20))  # complainant, victim, respondent, witness
    # respondent_kind for respondents; natural_person / private_legal_person for others.
    kind: Mapped[str] = mapped_column(String(30), default="natural_person")
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    security_force: Mapped[str | None] = mapped_column(String(30))  # psp, gnr, ... when police
    unit: Mapped[str | None] = mapped_column(String(200))  # unit or station
    officer_identification: Mapped[str | None] = mapped_column(String(200))  # name or number
    sex: Mapped[str | None] = mapped_column(String(10))  # victims: female/male/other/unknown
    victim_kind: Mapped[str | None] = mapped_column(String(20))  # individual/group/community
    notes: Mapped[str | None] = mapped_column(Text)

    complaint: Mapped[Complaint] = relationship(back_populates="parties")

    @property
    def person(self) -> str:
        """`natural` or `legal`, for fine bounds and prescription (an identified police
        officer is a natural person)."""
        return person_of(self.kind)

    @property
    def display(self) -> str:
        if self.kind == "security_force":
            parts = [(self.security_force or "").upper(), self.unit, self.officer_identification]
            return " · ".join(p for p in parts if p) or "Security force"
        if self.kind == "security_officer":
            parts = [self.name, self.officer_identification, (self.security_force or "").upper(),
                     self.unit]
            return " · ".join(p for p in parts if p) or "Security-force officer"
        return self.name or "(not identified)"


class ComplaintGround(Model):
    """A protected ground invoked, with the complainant's own expression of it."""

    __tablename__ = "complaint_grounds"
    # The list's ground filter (the primary key starts with the complaint, not the ground).
    __table_args__ = (Index("ix_complaint_grounds_ground_complaint_id", "ground", "complaint_id"),)

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"),
                                              primary_key=True)
    ground: Mapped[str] = mapped_column(String(40), primary_key=True)
    expression: Mapped[str | None] = mapped_column(String(200))  # e.g. "Roma", "Brazilian"

    complaint: Mapped[Complaint] = relationship(back_populates="grounds")


class Incident(Model):
    """One incident (a post, an event) that several complaints are about; the annual report
    counts incidents as well as complaints. The number shown is the id."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    complaints: Mapped[list[Complaint]] = relationship(back_populates="incident",
                                                       order_by="Complaint.id")

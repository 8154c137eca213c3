"""Administrative-offence proceedings, their respondents (arguidos) and decisions."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
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
from workflows import payment, prescription, sanctions
from workflows import proceeding as proceeding_workflow
from workflows import respondent as each
from workflows.vocabularies import person_of

if TYPE_CHECKING:
    from cicdr.models.complaints import Complaint, Party
    from cicdr.models.deadlines import Deadline
    from cicdr.models.referrals import Referral
    from cicdr.models.users import User
    from workflows.tables import LegalTables

CONDEMNATORY = ("fine", "admonition")
SET_ASIDE = ("annulled", "acquitted")  # court outcomes after which no sanction stands


class Proceeding(Model):
    """A CO proceeding grouping one or more complaints on the same facts."""

    __tablename__ = "proceedings"
    __table_args__ = (
        UniqueConstraint("year", "number", name="uq_proceedings_year_number"),
        # The proceeding list: newest first, per instructor.
        Index("ix_proceedings_opened_at", "opened_at"),
        Index("ix_proceedings_instructor_id", "instructor_id"),
        # My work: the proceedings an officer instructs, by state.
        Index("ix_proceedings_instructor_id_state", "instructor_id", "state"),
    )
    WORKFLOW = "proceeding"
    PREFIX = "PCO"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # PCO-2026-0001
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(30), default="opened", index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    facts_date: Mapped[date] = mapped_column(Date)  # earliest facts of its complaints
    # Dates that interrupted prescription (RGCO art. 28), one ISO date per line.
    interruptions: Mapped[str] = mapped_column(Text, default="")
    # Periods at the prosecutor (RGCO art. 27-A), "first/last" per line; open one below.
    suspensions: Mapped[str] = mapped_column(Text, default="")
    suspended_since: Mapped[date | None] = mapped_column(Date)
    accusation_notified_on: Mapped[date | None] = mapped_column(Date)
    defence_received_on: Mapped[date | None] = mapped_column(Date)
    report_proposal: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_notified_on: Mapped[date | None] = mapped_column(Date)
    appeal_lodged_on: Mapped[date | None] = mapped_column(Date)
    court_outcome: Mapped[str | None] = mapped_column(String(20))  # confirmed/altered/annulled
    published_on: Mapped[date | None] = mapped_column(Date)
    # The prosecutor's latest answer (workflows.guards.PROSECUTOR_OUTCOMES) and its date.
    prosecutor_outcome: Mapped[str | None] = mapped_column(String(20))
    prosecutor_outcome_on: Mapped[date | None] = mapped_column(Date)
    # Closed by `prosecutor_took_over`: the MP may still return the file (RGCO arts 38, 40);
    # the suspension stays open (`suspended_since`) until it does.
    closed_by_prosecutor: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=false())
    # When it reached `closed` or `prescribed` (None while open), for the statistics.
    closed_on: Mapped[date | None] = mapped_column(Date)

    __mapper_args__ = {"version_id_col": version}

    complaints: Mapped[list[Complaint]] = relationship(back_populates="proceeding",
                                                       order_by="Complaint.id")
    respondents: Mapped[list[ProceedingRespondent]] = relationship(
        back_populates="proceeding", cascade="all, delete-orphan",
        order_by="ProceedingRespondent.id")
    referrals: Mapped[list[Referral]] = relationship(back_populates="proceeding",
                                                     order_by="Referral.id")
    deadlines: Mapped[list[Deadline]] = relationship(back_populates="proceeding",
                                                     order_by="Deadline.id")
    instructor: Mapped[User | None] = relationship(foreign_keys=[instructor_id])

    # -- prescription ---------------------------------------------------------------------------

    def interruption_dates(self) -> list[date]:
        return [date.fromisoformat(x) for x in self.interruptions.split()]

    def suspension_ranges(self, today: date | None = None) -> list[tuple[date, date]]:
        """Closed suspensions, plus the running one up to `today` when the file is at the MP."""
        pairs = []
        for line in self.suspensions.split():
            first, last = line.split("/")
            pairs.append((date.fromisoformat(first), date.fromisoformat(last)))
        if self.suspended_since and today:
            pairs.append((self.suspended_since, max(today, self.suspended_since)))
        return pairs

    def prescription_for(self, respondent: ProceedingRespondent, today: date | None = None,
                         tables: LegalTables | None = None) -> date:
        """One respondent's prescription date under `tables` (None: those in force): the
        proceeding's interruptions (evidence steps, for every respondent) and the
        respondent's own (notifications to them, their defence, the decision fining them);
        the time at the prosecutor (every respondent) and at court (theirs)."""
        today = today or date.today()
        return prescription.prescription_date(
            self.facts_date, person=respondent.person, negligent=respondent.negligent,
            interruptions=sorted({*self.interruption_dates(), *respondent.interruption_dates()}),
            suspensions=self.suspension_ranges(today),
            court_suspensions=respondent.court_suspensions(), today=today,
            tables=tables or _tables_of(self))

    def running_prescriptions(self, today: date | None = None,
                              tables: LegalTables | None = None) -> dict[int, date]:
        """Respondent id -> prescription date, for the respondents whose procedure still runs
        (not final, not prescribed). Raises sanctions.UnknownIASYear like `prescription_for`."""
        today, tables = today or date.today(), tables or _tables_of(self)
        return {r.id: self.prescription_for(r, today, tables) for r in self.respondents
                if r.stage in each.BEFORE_FINAL}

    @property
    def prescription_date(self) -> date | None:
        """The earliest prescription among the respondents whose procedure still runs (the one
        to watch), or among all of them once none runs (the page says it no longer runs);
        None when it cannot be computed (no respondent, or no IAS for the year of the facts:
        see `prescription_problem`)."""
        today, tables = date.today(), _tables_of(self)
        try:
            dates = list(self.running_prescriptions(today, tables).values()) or [
                self.prescription_for(r, today, tables) for r in self.respondents]
        except sanctions.UnknownIASYear:
            return None
        return min(dates) if dates else None

    @property
    def prescription_problem(self) -> str | None:
        """Why the prescription date is unknown, in words, or None."""
        try:
            sanctions.ias(self.facts_year, tables=_tables_of(self))
        except sanctions.UnknownIASYear as exc:
            return str(exc)
        return None if self.respondents else "The proceeding has no respondent."

    # -- facts read by the proceeding workflow's guards -----------------------------------------

    @property
    def prosecutor_draft_by(self) -> int | None:
        return pending_prosecutor_draft_by(self.referrals)

    @property
    def accusation_notified(self) -> bool:
        """Some respondent was notified of the accusation."""
        return any(r.accusation_notified_on is not None for r in self.respondents)

    @property
    def defence_recorded(self) -> bool:
        """Some respondent's defence is recorded."""
        return any(r.defence_received_on is not None for r in self.respondents)

    @property
    def defence_due(self) -> date | None:
        """The last day of the latest defence term (any respondent's)."""
        return latest_due(self.deadlines, "defence")

    def due_for(self, respondent: ProceedingRespondent, kind: str) -> date | None:
        """The last day of the respondent's latest term of this kind (None: never started)."""
        return latest_due((d for d in self.deadlines if d.respondent_id == respondent.id), kind)

    @property
    def respondent_facts(self) -> tuple[each.RespondentFacts, ...]:
        """Each respondent's procedure as the workflow's rules read it, today."""
        return self.respondent_facts_on(date.today())

    def respondent_facts_on(self, today: date) -> tuple[each.RespondentFacts, ...]:
        """Each respondent's procedure as the workflow's rules read it on `today` (a running
        suspension of their prescription counts up to that day)."""
        try:
            running = self.running_prescriptions(today)
        except sanctions.UnknownIASYear:
            running = {}
        return tuple(each.RespondentFacts(
            id=str(r.id), name=r.name, stage=r.stage, person=r.person, negligent=r.negligent,
            outcome=r.outcome, accusation_notified_on=r.accusation_notified_on,
            defence_due=self.due_for(r, "defence"), defence_received_on=r.defence_received_on,
            decision_notified_on=r.decision_notified_on, appeal_due=self.due_for(r, "appeal"),
            prescription_date=running.get(r.id), **court_and_payment_facts(self, r, today),
            outstanding=r.outstanding if r.outcome == "fine" else None)
            for r in self.respondents)

    @property
    def summary_state(self) -> str:
        """The state the respondents' stages give the proceeding (workflows.respondent)."""
        return each.summary_state([r.stage for r in self.respondents], self.state,
                                  condemnatory=self.is_condemnatory)

    @property
    def publication_started(self) -> bool:
        return any(d.kind == "publication" for d in self.deadlines)

    @property
    def instruction_due(self) -> date | None:
        """The due date of the running (not suspended) instruction term, or None."""
        found = [d for d in self.deadlines if d.kind == "instruction" and d.ended_on is None
                 and d.suspended_since is None]
        return found[-1].due_on if found else None

    @property
    def appeal_due(self) -> date | None:
        return latest_due(self.deadlines, "appeal")

    @property
    def respondent_people(self) -> dict[str, tuple[str, bool]]:
        return {str(r.id): (r.person, r.negligent) for r in self.respondents}

    @property
    def facts_year(self) -> int:
        return self.facts_date.year

    @property
    def is_condemnatory(self) -> bool:
        """Some respondent's fine or admonition stands (no court annulled it, no acquittal)."""
        if self.court_outcome == "annulled":  # decided before each respondent's own appeal
            return False
        return any(r.condemned for r in self.respondents)

    @property
    def fines_settled(self) -> bool:
        return all(r.outstanding <= 0 for r in self.respondents if r.outcome == "fine")

    @property
    def fines_outstanding(self) -> dict[str, Decimal]:
        return {str(r.id): r.outstanding for r in self.respondents if r.outcome == "fine"}

    @property
    def pending_requests(self) -> frozenset[int]:
        return frozenset(d.id for d in self.deadlines
                         if d.kind in proceeding_workflow.REQUEST_TERMS and d.ended_on is None)

    def __repr__(self) -> str:
        return f"<Proceeding {self.reference} {self.state}>"


class ProceedingRespondent(Model):
    """A respondent (arguido) of a proceeding and the Commission's decision about them."""

    __tablename__ = "proceeding_respondents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proceeding_id: Mapped[int] = mapped_column(ForeignKey("proceedings.id"), index=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))  # as in the complaint
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))  # respondent_kind
    negligent: Mapped[bool] = mapped_column(Boolean, default=False)  # attempt or negligence
    outcome: Mapped[str | None] = mapped_column(String(20))  # fine/admonition/dismissal
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    accessories: Mapped[str | None] = mapped_column(Text)  # JSON list of {kind, months}
    paid: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    decided_on: Mapped[date | None] = mapped_column(Date)  # the decision about this respondent
    # This respondent's own procedure (domain.md 3.2): the stage (workflows.respondent.Stage)
    # moved by the proceeding's triggers, and its dates.
    stage: Mapped[str] = mapped_column(String(20), default="pending", server_default="pending",
                                       index=True)
    accusation_notified_on: Mapped[date | None] = mapped_column(Date)
    defence_received_on: Mapped[date | None] = mapped_column(Date)
    decision_notified_on: Mapped[date | None] = mapped_column(Date)
    appeal_lodged_on: Mapped[date | None] = mapped_column(Date)
    appeal_sent_on: Mapped[date | None] = mapped_column(Date)  # file sent to the MP / court
    appeal_admitted_on: Mapped[date | None] = mapped_column(Date)  # court suspension starts
    court_outcome: Mapped[str | None] = mapped_column(String(30))
    court_ruled_on: Mapped[date | None] = mapped_column(Date)
    final_on: Mapped[date | None] = mapped_column(Date)  # the decision became final
    revoked_on: Mapped[date | None] = mapped_column(Date)
    # THIS respondent's prescription interruptions (RGCO art. 28), one ISO date per line.
    interruptions: Mapped[str] = mapped_column(Text, default="", server_default="")
    payment_due_on: Mapped[date | None] = mapped_column(Date)
    instalments: Mapped[str | None] = mapped_column(Text)  # JSON [{"due_on", "amount"}]
    enforcement_referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"))
    closed_on: Mapped[date | None] = mapped_column(Date)
    # paid, admonished, enforced, fine_prescribed, not_condemnatory, annulled, prescribed
    close_reason: Mapped[str | None] = mapped_column(String(30))

    proceeding: Mapped[Proceeding] = relationship(back_populates="respondents")
    party: Mapped[Party | None] = relationship()
    enforcement_referral: Mapped[Referral | None] = relationship(
        foreign_keys=[enforcement_referral_id])

    @property
    def person(self) -> str:
        """`natural` or `legal` (an identified police officer is a natural person)."""
        return person_of(self.kind)

    @property
    def condemned(self) -> bool:
        """A fine or an admonition that stands: not annulled by a court, no acquittal."""
        return self.outcome in CONDEMNATORY and self.court_outcome not in SET_ASIDE \
            and self.close_reason not in ("annulled", "not_condemnatory")

    @property
    def outstanding(self) -> Decimal:
        return (self.amount or Decimal("0")) - (self.paid or Decimal("0"))

    def accessory_list(self) -> list[dict[str, object]]:
        return json.loads(self.accessories) if self.accessories else []

    def interruption_dates(self) -> list[date]:
        """This respondent's own interruptions (notifications to them, their defence)."""
        return [date.fromisoformat(x) for x in (self.interruptions or "").split()]

    def add_interruption(self, day: date) -> None:
        self.interruptions = "\n".join(
            x.isoformat() for x in sorted({*self.interruption_dates(), day}))

    def court_suspensions(self) -> list[tuple[date, date | None]]:
        """The court's suspension of this respondent's prescription (RGCO art. 27-A(1)(c)):
        from the admission of their appeal until the decision is final (running: None)."""
        if self.appeal_admitted_on is None:
            return []
        last = self.final_on - timedelta(days=1) if self.final_on else None
        return [(self.appeal_admitted_on, max(last, self.appeal_admitted_on) if last else None)]

    @property
    def stage_words(self) -> str:
        return each.STAGE_WORDS.get(each.Stage(self.stage), self.stage)

    def instalment_plan(self) -> list[dict[str, str]]:
        """The instalments granted, [{"due_on": ISO, "amount": "12.34"}], oldest first."""
        return json.loads(self.instalments) if self.instalments else []

    # The instructor's texts for this respondent's accusation and decision (the letters print
    # them; services/casework/respondent_texts.py edits them, audited). The accusation: the
    # facts charged (not the complaint's words) and the norms violated; the decision (RGCO
    # art. 58): facts proven and not proven, the evidence and its assessment, the reasons.
    facts_charged: Mapped[str | None] = mapped_column(Text)
    norms: Mapped[str | None] = mapped_column(Text)
    facts_proven: Mapped[str | None] = mapped_column(Text)
    facts_not_proven: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)
    reasons: Mapped[str | None] = mapped_column(Text)


def court_and_payment_facts(p: Proceeding, r: ProceedingRespondent,
                            today: date) -> dict[str, Any]:
    """What the appeal, court and payment rules read of a respondent on `today`
    (workflows/court.py, workflows/payment.py), for `Proceeding.respondent_facts_on`."""
    return {
        "appeal_lodged_on": r.appeal_lodged_on, "appeal_sent_on": r.appeal_sent_on,
        "appeal_admitted_on": r.appeal_admitted_on, "court_outcome": r.court_outcome,
        "court_ruled_on": r.court_ruled_on, "final_on": r.final_on, "amount": r.amount,
        "paid": r.paid or Decimal("0"), "payment_due_on": r.payment_due_on,
        "instalments": r.instalments,
        "enforcement_closed": r.enforcement_referral is not None
        and r.enforcement_referral.state == "closed",
        "fine_prescription_date": payment.fine_prescription(p.deadlines, r, today,
                                                            _tables_of(p)),
    }


def _tables_of(record: object) -> LegalTables:
    """The legal tables in force for a record of this session (imported late: the legal-tables
    service reads the models)."""
    from cicdr.services.core.legal_tables import tables_of

    return tables_of(record)

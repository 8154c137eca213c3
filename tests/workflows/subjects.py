"""Plain subjects for testing the legal core without an app: every guard satisfied by default."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from workflows.respondent import RespondentFacts, Stage


@dataclass
class User:
    id: int | None
    role: str


@dataclass
class Complaint:
    state: str = "received"
    WORKFLOW: str = "complaint"
    assignee_id: int | None = None
    is_police_related: bool = True  # police with a referral: every complaint trigger open
    police_forces: frozenset[str] = frozenset({"psp"})
    sent_disciplinary_bodies: frozenset[str] = frozenset({"igai"})  # PSP's oversight body
    disciplinary_referral_waived: bool = False
    non_opening_comment_due: date | None = date(2026, 1, 1)
    complainant_commented: bool = False
    contact_missing: str | None = None
    no_hearing_reason: str | None = None
    withdrawal_pending: bool = False
    prosecutor_draft_by: int | None = 99
    forwarding_finished: bool = True
    proceeding_finished: bool = True
    closed_by_prosecutor: bool = True  # closed by the MP: it may still return the file
    proceeding_resumed: bool = True


@dataclass
class Proceeding:
    state: str = "opened"
    WORKFLOW: str = "proceeding"
    instructor_id: int | None = 50
    prosecutor_draft_by: int | None = 99
    accusation_notified: bool = True
    defence_recorded: bool = True
    defence_due: date | None = date(2026, 1, 1)
    appeal_due: date | None = date(2026, 1, 1)
    prescription_date: date | None = date(2026, 1, 1)
    respondent_people: dict[str, tuple[str, bool]] = field(
        default_factory=lambda: {"1": ("natural", False)})
    facts_year: int = 2025
    is_condemnatory: bool = True
    fines_settled: bool = True
    pending_requests: frozenset[int] = frozenset()
    fines_outstanding: dict[str, Decimal] = field(
        default_factory=lambda: {"1": Decimal("100.00")})
    suspended_since: date | None = None
    closed_by_prosecutor: bool = True  # closed by the MP: it may still return the file
    instruction_due: date | None = date(2026, 12, 1)
    # One respondent at each step, so that every per-respondent trigger is possible for one:
    # 1 not accused (and time-barred), 2 accused whose defence term ended, 3 decided, 4 notified
    # whose appeal window ended.
    respondent_facts: tuple[RespondentFacts, ...] = (
        RespondentFacts("1", "Ana", Stage.pending, prescription_date=date(2026, 1, 1)),
        RespondentFacts("2", "Bento, Lda.", Stage.accused, person="legal",
                        accusation_notified_on=date(2025, 12, 15),
                        defence_due=date(2026, 1, 1)),
        RespondentFacts("3", "Carla", Stage.decided, outcome="fine"),
        RespondentFacts("4", "Duarte", Stage.notified, outcome="admonition",
                        appeal_due=date(2026, 1, 1)),
    )
    publication_started: bool = False
    # The state the respondents give (None: the proceeding's own, nothing to follow).
    follows: str | None = None

    @property
    def summary_state(self) -> str:
        return self.follows or self.state


@dataclass
class Referral:
    state: str = "draft"
    WORKFLOW: str = "referral"
    body: str = "igai"
    approved: bool = True
    drafted_by_id: int | None = 1

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


FINE = {"outcome": "fine", "amount": Decimal("100.00")}
COURT_AND_PAYMENT = (
    RespondentFacts("5", "Eva", Stage.appealed, appeal_lodged_on=date(2026, 10, 20)),
    RespondentFacts("6", "Filipe", Stage.at_court, appeal_sent_on=date(2026, 10, 25)),
    RespondentFacts("7", "Gil", Stage.at_court, appeal_sent_on=date(2026, 10, 25),
                    appeal_admitted_on=date(2026, 10, 30), court_outcome="confirmed",
                    court_ruled_on=date(2026, 11, 10)),
    # Final 1 November 2026, to pay by 11 November: unpaid, so due for enforcement.
    RespondentFacts("8", "Helena", Stage.paying, final_on=date(2026, 11, 1),
                    payment_due_on=date(2026, 11, 11), **FINE),  # type: ignore[arg-type]
    RespondentFacts("9", "Inês", Stage.enforcement, enforcement_closed=True,
                    **FINE),  # type: ignore[arg-type]
    # Final 10 January 2025, EUR 100: the fine prescribed after 10 January 2026.
    RespondentFacts("10", "João", Stage.paying, final_on=date(2025, 1, 10),
                    payment_due_on=date(2025, 1, 20), fine_prescription_date=date(2026, 1, 10),
                    **FINE),  # type: ignore[arg-type]
)


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
    # whose appeal window ended; then (workflows/court.py, payment.py) 5 appealed, 6 at court
    # waiting for the admission and the ruling, 7 at court with a ruling, 8 paying and overdue,
    # 9 at enforcement with its referral closed, 10 paying with the fine prescribed.
    respondent_facts: tuple[RespondentFacts, ...] = (
        RespondentFacts("1", "Ana", Stage.pending, prescription_date=date(2026, 1, 1)),
        RespondentFacts("2", "Bento, Lda.", Stage.accused, person="legal",
                        accusation_notified_on=date(2025, 12, 15),
                        defence_due=date(2026, 1, 1)),
        RespondentFacts("3", "Carla", Stage.decided, outcome="fine"),
        RespondentFacts("4", "Duarte", Stage.notified, outcome="admonition",
                        appeal_due=date(2026, 1, 1), decision_notified_on=date(2025, 12, 1)),
        *COURT_AND_PAYMENT,
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

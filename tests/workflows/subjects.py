"""Plain subjects for testing the legal core without an app: every guard satisfied by default."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


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
class Respondent:
    """A respondent's own procedure (workflows.court / workflows.payment read these)."""

    id: int = 1
    name: str = "Respondent"
    stage: str = "pending"
    outcome: str | None = None
    amount: Decimal | None = None
    paid: Decimal = Decimal("0")
    decision_notified_on: date | None = None
    appeal_lodged_on: date | None = None
    appeal_sent_on: date | None = None
    appeal_admitted_on: date | None = None
    court_outcome: str | None = None
    court_ruled_on: date | None = None
    final_on: date | None = None
    payment_due_on: date | None = None
    instalments: str | None = None
    enforcement_referral: object | None = None

    @property
    def outstanding(self) -> Decimal:
        return (self.amount or Decimal("0")) - self.paid


@dataclass
class Deadline:
    kind: str
    started_on: date
    due_on: date
    respondent_id: int | None = None
    ended_on: date | None = None


@dataclass
class Referral_:
    state: str = "closed"


def every_stage() -> list[Respondent]:
    """One respondent in each stage the appeal, court and payment triggers act on, so each of
    those triggers is open (today 23 November 2026 in the machine tests)."""
    fine = {"outcome": "fine", "amount": Decimal("100.00")}
    return [
        Respondent(1, stage="notified", decision_notified_on=date(2026, 10, 1)),
        Respondent(2, stage="appealed", appeal_lodged_on=date(2026, 10, 20)),
        Respondent(3, stage="at_court", appeal_sent_on=date(2026, 10, 25)),
        Respondent(4, stage="at_court", appeal_sent_on=date(2026, 10, 25),
                   appeal_admitted_on=date(2026, 10, 30), court_outcome="confirmed",
                   court_ruled_on=date(2026, 11, 10)),
        # Final 1 November 2026, to pay by 11 November: unpaid, so due for enforcement.
        Respondent(5, stage="paying", final_on=date(2026, 11, 1),
                   payment_due_on=date(2026, 11, 11), **fine),  # type: ignore[arg-type]
        Respondent(6, stage="enforcement", enforcement_referral=Referral_(),
                   **fine),  # type: ignore[arg-type]
        # Final 10 January 2025, EUR 100: prescribed after 10 January 2026.
        Respondent(7, stage="paying", final_on=date(2025, 1, 10),
                   payment_due_on=date(2025, 1, 20), **fine),  # type: ignore[arg-type]
    ]


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
    respondents: list[Respondent] = field(default_factory=lambda: every_stage())
    deadlines: list[Deadline] = field(default_factory=list)


@dataclass
class Referral:
    state: str = "draft"
    WORKFLOW: str = "referral"
    body: str = "igai"
    approved: bool = True
    drafted_by_id: int | None = 1

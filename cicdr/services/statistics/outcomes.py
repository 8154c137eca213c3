"""What became of the cases in a period: `outcomes` (triage, referrals, the prosecutor) and
`proceedings` (opened, decided, fined, appealed, paid, enforced, prescribed, closed).

Unlike `complaints`, which counts by the day of receipt, these count events by their own day
in the period (both ends included), whatever year the complaint came in: a report says how
many proceedings CICDR opened and decided in 2021, not what became of 2021's complaints.

Decisions are per respondent (`ProceedingRespondent`: outcome, amount, paid, decided_on). The
appeal keys read the appeal and court outcome where they are recorded: on the proceeding today,
on each respondent once `ProceedingRespondent` has `appeal_lodged_on` and `court_outcome`
(`PER_RESPONDENT_COURT`); the fines paid read the respondent's `close_reason` and `closed_on`
once they exist (`PER_RESPONDENT_CLOSURE`), and until then a fine paid in full.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, union_all

from cicdr.models import Complaint, Proceeding, ProceedingRespondent, Referral
from cicdr.services.core.types import DbSession
from cicdr.services.statistics.breakdowns import filled, keys_of, moment
from workflows.guards import PROSECUTOR_OUTCOMES
from workflows.proceeding import COURT_OUTCOMES
from workflows.tables import LegalTables

TRIAGE_OUTCOMES = ("forwarded", "referred_to_prosecutor", "proceeding_opened", "archived")
DECISIONS = ("fine", "admonition", "dismissal")
PENDING = "pending"
# The respondent's own appeal and court outcome, and closure (issue 12: each respondent's
# procedure); the proceeding's columns stand in until the model has them.
PER_RESPONDENT_COURT = hasattr(ProceedingRespondent, "court_outcome") and hasattr(
    ProceedingRespondent, "appeal_lodged_on")
PER_RESPONDENT_CLOSURE = hasattr(ProceedingRespondent, "close_reason") and hasattr(
    ProceedingRespondent, "closed_on")


def _on(column: Any, start: date, end: date) -> ColumnElement[bool]:
    return and_(column >= start, column <= end)


def _at(column: Any, start: date, end: date) -> ColumnElement[bool]:
    return and_(column >= moment(start), column < moment(end + timedelta(days=1)))


def _count(session: DbSession, query: Any) -> int:
    return int(session.scalar(query) or 0)


def _money(value: Any) -> float:
    return float(Decimal(value or 0).quantize(Decimal("0.01")))


def outcomes(session: DbSession, start: date, end: date, tables: LegalTables) -> dict[str, Any]:
    """`outcomes` of the JSON."""
    triaged = _on(Complaint.triage_outcome_on, start, end)
    by_triage = filled(TRIAGE_OUTCOMES, session.execute(
        select(Complaint.triage_outcome, func.count()).where(triaged)
        .group_by(Complaint.triage_outcome)))
    by_triage.pop("unknown")  # a triage outcome always has its code
    archived = filled(keys_of(tables, "archive_reason"), session.execute(
        select(Complaint.archive_reason, func.count())
        .where(triaged, Complaint.triage_outcome == "archived")
        .group_by(Complaint.archive_reason)))

    def sent(purpose: str) -> dict[str, int]:
        found = filled(keys_of(tables, "body"), session.execute(
            select(Referral.body, func.count())
            .where(Referral.purpose == purpose, _on(Referral.sent_on, start, end))
            .group_by(Referral.body)))
        found.pop("unknown")
        return found

    answers = union_all(
        select(Complaint.prosecutor_outcome.label("outcome"))
        .where(_on(Complaint.prosecutor_outcome_on, start, end)),
        select(Proceeding.prosecutor_outcome.label("outcome"))
        .where(_on(Proceeding.prosecutor_outcome_on, start, end))).subquery()
    prosecutor = filled(PROSECUTOR_OUTCOMES, session.execute(
        select(answers.c.outcome, func.count()).group_by(answers.c.outcome)))
    prosecutor.pop("unknown")
    return {
        "by_triage_outcome": by_triage,
        "forwarded_by_body": sent("forward"),
        "referred_to_prosecutor": _count(session, select(func.count()).select_from(Referral)
                                         .where(Referral.purpose == "prosecutor",
                                                _on(Referral.sent_on, start, end))),
        "prosecutor_outcomes": prosecutor,
        "disciplinary_by_body": sent("disciplinary"),
        "archived_by_reason": archived,
    }


def proceedings(session: DbSession, start: date, end: date) -> dict[str, Any]:
    """`proceedings` of the JSON."""
    R = ProceedingRespondent
    decided = _on(R.decided_on, start, end)
    by_type = filled(DECISIONS, session.execute(
        select(R.outcome, func.count()).where(decided).group_by(R.outcome)))
    by_type.pop("unknown")
    fines = session.execute(select(func.count(), func.sum(R.amount), func.sum(R.paid))
                            .where(decided, R.outcome == "fine")).one()
    count, total, paid = int(fines[0] or 0), fines[1], fines[2]
    appeals, by_court = _appeals(session, start, end)
    return {
        "opened": _count(session, select(func.count()).select_from(Proceeding)
                         .where(_at(Proceeding.opened_at, start, end))),
        "decisions_by_type": by_type,
        "respondents_decided": sum(by_type.values()),
        "fines_total": _money(total),
        "fines_average": _money(Decimal(total or 0) / count) if count else None,
        "fines_amount_paid": _money(paid),
        "admonitions": by_type["admonition"],
        "dismissals": by_type["dismissal"],
        "appeals": appeals,
        "appeals_by_court_outcome": by_court,
        "fines_paid": _fines_paid(session, start, end),
        "fines_enforced": _count(session, select(func.count()).select_from(Referral).where(
            Referral.purpose == "enforcement", _on(Referral.sent_on, start, end))),
        "prescribed": _prescribed(session, start, end),
        "closed": _count(session, select(func.count()).select_from(Proceeding)
                         .where(_on(Proceeding.closed_on, start, end))),
    }


def _appeals(session: DbSession, start: date, end: date) -> tuple[int, dict[str, int]]:
    """Appeals lodged in the period, and the court's outcome of each so far (`pending` while
    the court has not ruled)."""
    owner: Any = ProceedingRespondent if PER_RESPONDENT_COURT else Proceeding
    rows = session.execute(select(owner.court_outcome, func.count())
                           .where(_on(owner.appeal_lodged_on, start, end))
                           .group_by(owner.court_outcome))
    by_court = filled(COURT_OUTCOMES, rows)
    by_court[PENDING] = by_court.pop("unknown")
    return sum(by_court.values()), by_court


def _fines_paid(session: DbSession, start: date, end: date) -> int:
    """Fines paid: respondents closed as paid in the period; until respondents are closed one
    by one, fines decided in the period and paid in full."""
    R: Any = ProceedingRespondent
    if PER_RESPONDENT_CLOSURE:
        return _count(session, select(func.count()).select_from(R).where(
            R.close_reason == "paid", R.outcome == "fine", _on(R.closed_on, start, end)))
    return _count(session, select(func.count()).select_from(R).where(
        R.outcome == "fine", _on(R.decided_on, start, end), R.paid >= R.amount))


def _prescribed(session: DbSession, start: date, end: date) -> int:
    """Respondents whose procedure prescribed in the period; until respondents are closed one
    by one, proceedings that prescribed (their closure day)."""
    R: Any = ProceedingRespondent
    if PER_RESPONDENT_CLOSURE:
        return _count(session, select(func.count()).select_from(R).where(
            R.close_reason == "prescribed", _on(R.closed_on, start, end)))
    return _count(session, select(func.count()).select_from(Proceeding).where(
        Proceeding.state == "prescribed", _on(Proceeding.closed_on, start, end)))


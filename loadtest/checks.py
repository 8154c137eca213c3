"""What the load test proves afterwards, reading the database directly (not through the app):
every receipt stands for a whole complaint, references are distinct and gapless, the audit
chain verifies, and no officer's transition was lost or counted twice."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from sqlalchemy import func, select

from cicdr.models import Attachment, AuditEvent, Complaint
from cicdr.services import audit

NUMBER = re.compile(r"^[A-Z]+-(\d{4})-(\d+)$")


def receipts_whole(session: Any, receipts: list[dict[str, str]]) -> list[str]:
    """Each receipt's complaint exists, holds the client's text and its file's exact hash."""
    problems = []
    for receipt in receipts:
        complaint = session.scalar(select(Complaint).where(
            Complaint.reference == receipt["reference"]))
        if complaint is None:
            problems.append(f"{receipt['reference']}: receipted but missing")
            continue
        if receipt["token"] not in complaint.description:
            problems.append(f"{receipt['reference']}: not the text that was sent")
        hashes = set(session.scalars(select(Attachment.sha256).where(
            Attachment.complaint_id == complaint.id)))
        if hashes != {receipt["sha256"]}:
            problems.append(f"{receipt['reference']}: its file is missing or differs")
    references = [r["reference"] for r in receipts]
    if len(set(references)) != len(references):
        problems.append("two receipts carry the same reference")
    return problems


def references_gapless(session: Any) -> list[str]:
    """Per year, the complaint numbers are exactly 1..n."""
    by_year: dict[str, list[int]] = defaultdict(list)
    for reference in session.scalars(select(Complaint.reference)):
        found = NUMBER.match(reference)
        if found is None:
            return [f"reference {reference!r} is not in the expected form"]
        by_year[found.group(1)].append(int(found.group(2)))
    return [f"{year}: numbers are not 1..{len(numbers)} without gaps"
            for year, numbers in by_year.items()
            if sorted(numbers) != list(range(1, len(numbers) + 1))]


def chain_verifies(session: Any) -> tuple[bool, int, str]:
    result = audit.verify(session)
    return result.ok, result.count, result.problem or ""


def transitions_consistent(session: Any, cases: dict[str, dict[str, int]],
                           successes: dict[str, int], per_assign: int) -> list[str]:
    """For each case: the assignments the officers were told succeeded are exactly the audit
    events written, and the version moved by exactly that many transitions."""
    problems = []
    for reference, before in cases.items():
        complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
        events = session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.subject_type == "complaint", AuditEvent.subject_id == complaint.id,
            AuditEvent.action == "assign")) or 0
        done = successes.get(reference, 0)
        if events - before["events"] != done:
            problems.append(f"{reference}: {done} assignments answered as done, "
                            f"{events - before['events']} audit events")
        if complaint.version - before["version"] != done * per_assign:
            problems.append(f"{reference}: version moved by {complaint.version - before['version']}"
                            f", expected {done} × {per_assign}")
    return problems

"""A case history as a readable PDF for auditors: summary, every event in chain order with its
hashes (each re-checked), the reads marked as such, and the files re-hashed against the bytes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cicdr.models import Attachment, AuditEvent, Complaint, Proceeding, Referral
from cicdr.services import audit
from cicdr.services.audit.access import is_access
from cicdr.services.core.legal_tables import tables_of
from cicdr.services.documents.formats import render
from cicdr.services.documents.pdf import html_to_pdf
from cicdr.services.queries.history import describe


@dataclass(frozen=True)
class HistoryRow:
    """One event as the PDF prints it."""

    event: AuditEvent
    read: bool  # an access record (a page view, a download, an export)
    hash_ok: bool  # its content still hashes to its stored hash
    sentence: str = ""  # the event in words (services.history)


def hash_matches(event: AuditEvent) -> bool:
    """Whether the event's content hashes to its stored hash (keyed or plain)."""
    key = audit.hmac_key()
    return (key is not None and audit.event_hash(event, key) == event.hash) or \
        audit.event_hash(event) == event.hash


def summary(subject: Any) -> list[tuple[str, str]]:
    """The case at a glance, as (label, value) pairs."""
    rows: list[tuple[str, Any]] = [("State", subject.state.replace("_", " "))]
    if isinstance(subject, Complaint):
        rows += [("Received", subject.received_at.date()), ("Channel", subject.channel),
                 ("Origin", subject.origin), ("Date of the facts", subject.facts_date),
                 ("District", subject.district), ("Context", subject.context),
                 ("Practice", subject.practice or "—"),
                 ("Proceeding", subject.proceeding.reference if subject.proceeding else "—")]
    elif isinstance(subject, Proceeding):
        rows += [("Opened", subject.opened_at.date()), ("Date of the facts", subject.facts_date),
                 ("Complaints", ", ".join(c.reference for c in subject.complaints)),
                 ("Respondents", "; ".join(
                     f"{r.name} (#{r.id}): {r.outcome or 'no decision'}"
                     + (f" EUR {r.amount}" if r.amount else "") for r in subject.respondents)),
                 ("Decided", subject.decided_on or "—")]
    elif isinstance(subject, Referral):
        parent = subject.complaint or subject.proceeding
        rows += [("Body", subject.body), ("Purpose", subject.purpose),
                 ("For", parent.reference if parent else "—"), ("Sent", subject.sent_on or "—"),
                 ("Their reference", subject.external_reference or "—")]
    if not isinstance(subject, Referral):
        rows.append(("Referrals", ", ".join(r.reference for r in subject.referrals) or "—"))
    return [(label, str(value)) for label, value in rows]


def history_pdf(subject: Any, events: list[AuditEvent], files: list[tuple[Attachment, bool]],
                *, exported_by: str, exported_at: datetime,
                names: Mapping[int, str] | None = None) -> bytes:
    """The PDF of a case history, each event in words and with its hashes (`names`: staff
    names by id, for the words). Raises PdfUnavailable when WeasyPrint is missing."""
    tables = tables_of(subject)
    rows = [HistoryRow(e, is_access(e), hash_matches(e),
                       describe(e, names or {}, tables).sentence) for e in events]
    html = render("documents/case_history.html", tables, subject=subject,
                  reference=getattr(subject, "reference", None) or str(subject.id),
                  summary=summary(subject), rows=rows, files=files,
                  reads=sum(r.read for r in rows), exported_by=exported_by,
                  exported_at=exported_at)
    return html_to_pdf(html)

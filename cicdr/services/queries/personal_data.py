"""A complainant's data export: everything held about them in one complaint (GDPR art. 15)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from cicdr.models import Attachment, AuditEvent, Complaint, Message, OutboxMail
from cicdr.services.core.types import DbSession

PARTY_FIELDS = ("role", "kind", "name", "email", "phone", "address", "security_force", "unit",
                "officer_identification", "sex", "victim_kind")


def export(session: DbSession, complaint: Complaint) -> dict[str, Any]:
    """The complaint as filed, its parties, messages, files, e-mails and status history."""
    messages = session.scalars(select(Message).where(
        Message.complaint_id == complaint.id).order_by(Message.id)).all()
    return {
        "complaint": {
            "reference": complaint.reference, "state": complaint.state,
            "received_at": complaint.received_at, "channel": complaint.channel,
            "origin": complaint.origin, "language": complaint.language,
            "preferred_language": complaint.preferred_language,
            "facts_date": complaint.facts_date, "district": complaint.district,
            "place": complaint.place, "context": complaint.context,
            "practice": complaint.practice, "description": complaint.description,
            "grounds": [{"ground": g.ground, "expression": g.expression}
                        for g in complaint.grounds],
            "withhold_identity": complaint.withhold_identity,
            "anonymous": complaint.anonymous, "contact_channel": complaint.contact_channel,
            "anonymised_at": complaint.anonymised_at,
        },
        "parties": [{name: getattr(p, name) for name in PARTY_FIELDS}
                    for p in complaint.parties],
        "messages": [{"direction": m.direction, "body": m.body, "at": m.created_at}
                     for m in messages if m.direction != "note"],
        "internal_notes_withheld": sum(1 for m in messages if m.direction == "note"),
        "files": [{"filename": a.filename, "content_type": a.content_type, "size": a.size,
                   "sha256": a.sha256, "source": a.source, "uploaded_at": a.uploaded_at}
                  for a in session.scalars(select(Attachment).where(
                      Attachment.complaint_id == complaint.id).order_by(Attachment.id))],
        "emails": [{"to": m.to_address, "subject": m.subject, "body": m.body,
                    "sent_at": m.sent_at}
                   for m in session.scalars(select(OutboxMail).where(
                       OutboxMail.complaint_id == complaint.id).order_by(OutboxMail.id))],
        "status_history": [{"at": e.created_at, "action": e.action, "from": e.from_state,
                            "to": e.to_state}
                           for e in session.scalars(select(AuditEvent).where(
                               AuditEvent.subject_type == "complaint",
                               AuditEvent.subject_id == complaint.id,
                               AuditEvent.to_state.is_not(None)).order_by(AuditEvent.seq))],
        "reads_recorded": session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.subject_type == "complaint", AuditEvent.subject_id == complaint.id,
            AuditEvent.action.startswith("access."))) or 0,
    }

"""A case history as a readable PDF for auditors: summary, every event in chain order with its
hashes (each re-checked), the reads marked as such, and the files re-hashed against the bytes.

In the language of the person who exports it: the words are `N_` messages, translated by the
`translate` function the caller gives (the view passes `cicdr.i18n.tr`; without one the PDF is
in English). This module stays free of Flask."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cicdr.models import Attachment, AuditEvent, Complaint, Proceeding, Referral
from cicdr.services import audit
from cicdr.services.audit.access import is_access
from cicdr.services.core.legal_tables import tables_of
from cicdr.services.documents.formats import render
from cicdr.services.documents.pdf import html_to_pdf
from cicdr.services.queries.history import Description, action_label, describe
from workflows import labels
from workflows.text import N_, Msg

Translate = Callable[[Any], Any]


@dataclass(frozen=True)
class HistoryRow:
    """One event as the PDF prints it."""

    event: AuditEvent
    read: bool  # an access record (a page view, a download, an export)
    hash_ok: bool  # its content still hashes to its stored hash
    sentence: Msg | str = ""  # the event in words (services.history)
    words: Description | None = field(default=None)  # its details, deadlines and changes


def hash_matches(event: AuditEvent) -> bool:
    """Whether the event's content hashes to its stored hash (keyed or plain)."""
    key = audit.hmac_key()
    return (key is not None and audit.event_hash(event, key) == event.hash) or \
        audit.event_hash(event) == event.hash


def _respondent(r: Any) -> Msg:
    outcome = labels.label("outcome", r.outcome) if r.outcome else N_("no decision")
    if r.amount:
        return N_("%(name)s (#%(id)s): %(outcome)s EUR %(amount)s", name=r.name, id=r.id,
                  outcome=outcome, amount=r.amount)
    return N_("%(name)s (#%(id)s): %(outcome)s", name=r.name, id=r.id, outcome=outcome)


def summary(subject: Any, tables: Any = None) -> list[tuple[Msg, Any]]:
    """The case at a glance, as (label, value) pairs (codes under their labels in `tables`)."""
    def vocab(vocabulary: str, code: str | None) -> str:
        return tables.label(vocabulary, code, "—") if tables is not None else code or "—"

    rows: list[tuple[Msg, Any]] = [(N_("State"), labels.state_label(subject.state))]
    if isinstance(subject, Complaint):
        rows += [(N_("Received"), subject.received_at.date()),
                 (N_("Channel"), vocab("channel", subject.channel)),
                 (N_("Origin"), vocab("origin", subject.origin)),
                 (N_("Date of the facts"), subject.facts_date),
                 (N_("District"), vocab("district", subject.district)),
                 (N_("Context"), vocab("context", subject.context)),
                 (N_("Practice"), vocab("practice", subject.practice)),
                 (N_("Proceeding"), subject.proceeding.reference if subject.proceeding else "—")]
    elif isinstance(subject, Proceeding):
        rows += [(N_("Opened"), subject.opened_at.date()),
                 (N_("Date of the facts"), subject.facts_date),
                 (N_("Complaints"), ", ".join(c.reference for c in subject.complaints)),
                 (N_("Respondents"), [_respondent(r) for r in subject.respondents]),
                 (N_("Decided"), subject.decided_on or "—")]
    elif isinstance(subject, Referral):
        parent = subject.complaint or subject.proceeding
        rows += [(N_("Body"), vocab("body", subject.body)),
                 (N_("Purpose"), labels.label("purpose", subject.purpose)),
                 (N_("For"), parent.reference if parent else "—"),
                 (N_("Sent"), subject.sent_on or "—"),
                 (N_("Their reference"), subject.external_reference or "—")]
    if not isinstance(subject, Referral):
        rows.append((N_("Referrals"),
                     ", ".join(r.reference for r in subject.referrals) or "—"))
    return [(label, value if isinstance(value, Msg | list) else str(value))
            for label, value in rows]


def _gettext(translate: Translate) -> Callable[..., str]:
    """`_("...", name=value)` for the template: a message translated by `translate`."""
    return lambda msgid, **params: str(translate(Msg(msgid, params)))


def _translated(translate: Translate) -> Callable[[Any], str]:
    """Any value for the template: a message translated, a list of them joined."""
    def shown(value: Any) -> str:
        if isinstance(value, list):
            return "; ".join(shown(v) for v in value)
        return str(translate(value))
    return shown


def history_pdf(subject: Any, events: list[AuditEvent], files: list[tuple[Attachment, bool]],
                *, exported_by: str, exported_at: datetime,
                names: Mapping[int, str] | None = None, translate: Translate | None = None,
                language: str = "en") -> bytes:
    """The PDF of a case history, each event in words and with its hashes (`names`: staff
    names by id, for the words; `translate`: turns a message into the reader's `language`,
    English when None). Raises PdfUnavailable when WeasyPrint is missing."""
    tables = tables_of(subject)
    translate = translate or (lambda message: message)
    described = [(e, describe(e, names or {}, tables)) for e in events]
    rows = [HistoryRow(e, is_access(e), hash_matches(e), d.sentence, d) for e, d in described]
    html = render("documents/case_history.html", tables, subject=subject,
                  reference=getattr(subject, "reference", None) or str(subject.id),
                  summary=summary(subject, tables), rows=rows, files=files,
                  reads=sum(r.read for r in rows), exported_by=exported_by,
                  exported_at=exported_at, _=_gettext(translate), tr=_translated(translate),
                  labels=labels, language=language, action_label=action_label)
    return html_to_pdf(html)

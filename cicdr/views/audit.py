"""The auditor's workspace: full case histories, read logs, file hashes, chain verification and
exports. Read-only; every page of a case and every export is itself recorded."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from cicdr.extensions import db, login_manager
from cicdr.i18n import current_language, tr, tr_error
from cicdr.models import AuditEvent, User
from cicdr.services import audit, documents
from cicdr.services.audit import access
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import record_id
from cicdr.services.queries import cases as queries
from cicdr.views.csv_safe import safe_cell
from cicdr.views.workspace.blueprint import get_case_or_404, staff
from workflows.spec import Role

bp = Blueprint("audit", __name__, url_prefix="/staff/audit")
EVENT_FIELDS = ("seq", "created_at", "subject_type", "subject_ref", "actor_label", "role",
                "action", "from_state", "to_state", "data", "prev_hash", "hash")


@bp.before_request
def require_auditor() -> Any:
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role != Role.AUDITOR or request.method not in ("GET", "HEAD"):
        abort(403)
    return None


def _history(subject: Any) -> list[AuditEvent]:
    """Every event of the case and its referrals, access records included, in chain order."""
    return sorted(queries.timeline(db.session, subject) + access.for_case(db.session, subject),
                  key=lambda e: e.seq)


def _row(event: AuditEvent) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in EVENT_FIELDS}
    row["created_at"] = event.created_at.isoformat()
    row["data"] = json.loads(event.data)
    return row


@bp.get("/")
def index() -> Any:
    """Find a case, a user's reads, verify the chain, export a period."""
    reference = (request.args.get("reference") or "").strip().upper()
    if reference:
        kind = {"QN": "complaints", "PCO": "proceedings"}.get(reference.split("-")[0])
        if kind and queries.get_case(db.session, kind, reference) is not None:
            return redirect(url_for("audit.case", kind=kind, key=reference))
        if record_id(reference) and queries.get_case(db.session, "referrals", reference):
            return redirect(url_for("audit.case", kind="referrals", key=reference))
        return render_template("audit/index.html", users=_users(), reference=reference,
                               not_found=True), 404
    return render_template("audit/index.html", users=_users(), reference="", not_found=False)


def _users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.name)))


@bp.get("/cases/<kind>/<key>")
def case(kind: str, key: str) -> Any:
    """A case's whole story: every event with its hashes, every reader, every file checked."""
    subject = get_case_or_404(kind, key)
    events = _history(subject)
    store = BlobStore(current_app.config["BLOB_DIR"])
    files = [(a, store.verify(a.sha256)) for a in queries.attachments(db.session, subject)]
    page = render_template("audit/case.html", subject=subject, kind=kind, events=events,
                           reads=[e for e in events if access.is_access(e)], files=files,
                           is_access=access.is_access,
                           problems=audit.check_events(db.session, events))
    # Recorded after rendering (the record commits and would expire the rows read above); the
    # page is returned only once the read is on record.
    access.record(db.session, current_user, access.VIEW, subject=subject, endpoint=request.path)
    return page


@bp.get("/cases/<kind>/<key>/history.json")
def case_json(kind: str, key: str) -> Any:
    """The case history as JSON, with the chain hashes (recorded as an export)."""
    subject = get_case_or_404(kind, key)
    events = _history(subject)
    access.record(db.session, current_user, access.EXPORT, subject=subject,
                  endpoint=request.path, data={"format": "json", "events": len(events)})
    body = {"case": {"kind": subject.WORKFLOW, "reference": getattr(subject, "reference",
                                                                     str(subject.id)),
                     "state": subject.state},
            "exported_at": datetime.now(UTC).isoformat(), "exported_by": current_user.email,
            "events": [_row(e) for e in events]}
    return _download(json.dumps(body, ensure_ascii=False, indent=2), "application/json",
                     f"{body['case']['reference']}-history.json")


@bp.get("/cases/<kind>/<key>/history.pdf")
def case_pdf(kind: str, key: str) -> Any:
    """The case history as a readable PDF, with the chain hashes and the files re-hashed
    (recorded as an export once the PDF exists)."""
    subject = get_case_or_404(kind, key)
    events = _history(subject)
    store = BlobStore(current_app.config["BLOB_DIR"])
    files = [(a, store.verify(a.sha256)) for a in queries.attachments(db.session, subject)]
    try:
        pdf = documents.history_pdf(subject, events, files, exported_by=current_user.label,
                                    exported_at=datetime.now(UTC),
                                    names=staff().names, translate=tr,
                                    language=current_language())
    except documents.PdfUnavailable as exc:
        current_app.logger.error("case history PDF: %s", exc.detail)
        flash(tr_error(exc), "error")
        return redirect(url_for("audit.case", kind=kind, key=key))
    reference = getattr(subject, "reference", None) or str(subject.id)
    access.record(db.session, current_user, access.EXPORT, subject=subject,
                  endpoint=request.path, data={"format": "pdf", "events": len(events),
                                               "files": len(files)})
    response = Response(pdf, mimetype="application/pdf")
    safe = reference.replace("/", "_")
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}-history.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/users/<int:user_id>")
def user(user_id: int) -> Any:
    """What one staff member read, searched, downloaded and exported."""
    person = db.session.get(User, user_id)
    if person is None:
        abort(404)
    return render_template("audit/user.html", person=person,
                           reads=access.for_user(db.session, user_id))


@bp.get("/verify")
def verify() -> Any:
    """Recompute the whole chain now and say where it breaks, if it does."""
    return render_template("audit/verify.html", result=audit.verify(db.session))


def _period() -> tuple[datetime, datetime, str]:
    try:
        start = date.fromisoformat(request.args.get("start") or "")
        end = date.fromisoformat(request.args.get("end") or "")
    except ValueError:
        abort(400, _("Give the period as start and end dates (YYYY-MM-DD)."))
    if end < start:
        abort(400, _("The end of the period is before its start."))
    if end >= date.max:  # the day after 9999-12-31 does not exist
        abort(400, _("Give an end date before 9999-12-31."))
    return (datetime.combine(start, time(), UTC),
            datetime.combine(end + timedelta(days=1), time(), UTC), f"{start}_{end}")


@bp.get("/log.<fmt>")
def log(fmt: str) -> Any:
    """The audit log of a period as CSV or JSON (recorded as an export)."""
    if fmt not in ("csv", "json"):
        abort(404)
    start, end, label = _period()
    events = list(db.session.scalars(select(AuditEvent).where(
        AuditEvent.created_at >= start, AuditEvent.created_at < end).order_by(AuditEvent.seq)))
    access.record(db.session, current_user, access.EXPORT, subject_type="audit_log",
                  endpoint=request.full_path, data={"format": fmt, "events": len(events),
                                                    "period": label})
    if fmt == "json":
        return _download(json.dumps([_row(e) for e in events], ensure_ascii=False, indent=2),
                         "application/json", f"audit-log-{label}.json")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EVENT_FIELDS)
    for event in events:
        row = _row(event)
        row["data"] = event.data
        writer.writerow([safe_cell(row[name]) for name in EVENT_FIELDS])
    return _download(out.getvalue(), "text/csv", f"audit-log-{label}.csv")


def _download(text: str, mimetype: str, filename: str) -> Response:
    response = Response(text, mimetype=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response

"""Legal documents on the case pages: generate a letter as PDF; add staff files to a case."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cicdr.extensions import db
from cicdr.i18n import tr, tr_all
from cicdr.models import Attachment
from cicdr.services import documents
from cicdr.services.core.errors import InvalidData, NotFound, TransitionDenied
from cicdr.services.core.storage import BlobStore
from cicdr.services.intake.uploads import UploadLimits, UploadsRejected
from cicdr.services.queries import cases as queries
from cicdr.views.workspace.blueprint import bp, get_case_or_404, require_role
from cicdr.views.workspace.cases import render_case
from workflows.spec import Role


@bp.app_template_global()
def document_options(subject: Any) -> list[documents.Option]:
    """The document kinds of this case for the signed-in user: made, available, or why not."""
    return documents.options(db.session, subject, current_user)


@bp.app_template_global()
def case_attachments(subject: Any) -> list[Attachment]:
    """Every file of a case (for pages that have no Files list of their own)."""
    return queries.attachments(db.session, subject)


def _settings() -> documents.DocumentSettings:
    config = current_app.config
    contacts = config.get("LETTERHEAD_CONTACTS") or ""
    defaults = documents.DocumentSettings()
    appointments = tuple(f"{label} {value}" for label, value in (
        ("correio eletrónico", config.get("CONTACT_EMAIL")),
        ("telefone", config.get("CONTACT_PHONE"))) if value)
    return documents.DocumentSettings(
        public_url=config["PUBLIC_URL"],
        contacts=tuple(line.strip() for line in contacts.split("|") if line.strip()),
        consultation_place=config.get("FILE_CONSULTATION_PLACE", defaults.consultation_place),
        consultation_hours=config.get("FILE_CONSULTATION_HOURS", defaults.consultation_hours),
        appointments=appointments,
        payment_iban=config.get("PAYMENT_IBAN", defaults.payment_iban),
        payment_holder=config.get("PAYMENT_HOLDER", defaults.payment_holder),
        payment_bic=config.get("PAYMENT_BIC", defaults.payment_bic),
        payment_reference=config.get("PAYMENT_REFERENCE", defaults.payment_reference))


def _back(kind: str, key: str) -> Any:
    return redirect(url_for("workspace.case", kind=kind, key=key, _anchor="documents"))


@bp.post("/<kind>/<key>/documents/<doc_kind>")
def generate_document(kind: str, key: str, doc_kind: str) -> Any:
    """Generate one legal document as PDF and attach it to the case (officer or president)."""
    require_role(Role.OFFICER, Role.PRESIDENT)
    subject = get_case_or_404(kind, key)
    settings = _settings()
    try:
        made = documents.generate(
            db.session, subject, doc_kind, current_user,
            respondent_id=request.form.get("respondent", type=int),
            store=BlobStore(current_app.config["BLOB_DIR"]), settings=settings)
    except NotFound:
        return render_case(subject, status=404)
    except InvalidData as exc:
        flash(_("The document was not made:") + " " + tr_all(exc.errors.values()), "error")
        return render_case(subject, status=422)
    except TransitionDenied as exc:
        flash(_("The document was not made.") + " " + str(tr(exc.reason)), "error")
        return render_case(subject, status=409)
    except documents.PdfUnavailable as exc:
        current_app.logger.error("PDF generation unavailable: %s", exc.detail)
        flash(tr(exc.args[0]) if exc.args else str(exc), "error")
        return render_case(subject, status=503)
    flash(_("Document created: %(name)s.", name=made.filename), "success")
    if doc_kind in documents.SETTINGS_USED and (unset := [
            name for name in settings.unset() if name in documents.SETTINGS_USED[doc_kind]]):
        flash(_("The letter prints a placeholder for settings not configured: %(names)s (ask "
                "the administrator to set them).", names=", ".join(unset)), "warning")
    return _back(kind, key)


@bp.post("/<kind>/<key>/files")
def add_files(kind: str, key: str) -> Any:
    """Add instruction documents (minutes, an entity's answer, a scanned letter) to a case."""
    require_role(Role.OFFICER, Role.PRESIDENT)
    subject = get_case_or_404(kind, key)
    chosen = [(f.filename or "", f.read()) for f in request.files.getlist("files")
              if f and f.filename]
    try:
        added = documents.add_files(
            db.session, subject, chosen, current_user,
            store=BlobStore(current_app.config["BLOB_DIR"]),
            limits=UploadLimits(**current_app.config.get("UPLOAD_LIMITS", {})))
    except UploadsRejected as rejected:
        for error in rejected.errors:
            template, params = error.translatable()
            flash(_(template).format(**params), "error")
        flash(_("No file was added. Remove or replace the refused files and send again."),
              "error")
        return render_case(subject, status=422)
    except InvalidData as exc:
        flash(tr_all(exc.errors.values()), "error")
        return render_case(subject, status=422)
    except TransitionDenied as exc:
        flash(tr(exc.reason), "error")
        return render_case(subject, status=409)
    flash(_("Added: %(names)s.", names=", ".join(a.filename for a in added)), "success")
    return _back(kind, key)

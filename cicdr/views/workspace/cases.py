"""Case pages, the workflow actions as forms, referral drafts, files and data exports."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from cicdr.extensions import db
from cicdr.forms.actions import action_form, decisions_from, submitted
from cicdr.forms.editing import arguido_form, classification_form, respondent_form
from cicdr.i18n import tr, tr_all, tr_error
from cicdr.models import Attachment
from cicdr.request_tables import tables
from cicdr.services.audit import access
from cicdr.services.casework import editing
from cicdr.services.casework.duplicates import possible_duplicates
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.effects import sendable_files
from cicdr.services.engine.transition import fire, validate
from cicdr.services.queries import cases as queries
from cicdr.services.queries import personal_data, respondent_lines
from cicdr.services.queries.cases import fine_bounds_text
from cicdr.views.workspace import confirm
from cicdr.views.workspace.blueprint import bp, get_case_or_404, staff
from workflows import available_triggers, irreversible, workflow_for
from workflows.labels import label
from workflows.respondent import RULES, eligible
from workflows.spec import Role, Trigger


def _action_form(subject: Any, spec: Trigger, formdata: Any = None) -> Any:
    """The form of one trigger, with the choices its fields need on this case."""
    kinds = {f.kind for f in spec.fields}
    choices = {}
    if "documents" in kinds:
        choices["documents"] = [(str(a.id), f"{a.filename} ({tr(label('file_source', a.source))})")
                                for a in sendable_files(db.session, subject)]
    if "deadline" in kinds:
        choices["deadline"] = [(k, str(tr(v))) for k, v in
                               queries.pending_requests(db.session, subject)]
    if "respondent" in kinds:
        choices["respondent"] = respondent_choices(subject, spec)
    return action_form(spec, list(staff().officers), formdata=formdata, choices=choices)


def respondent_choices(subject: Any, spec: Trigger) -> list[tuple[str, str]]:
    """The respondents a per-respondent action is possible for now (issue 12), by the
    trigger's rule, with their stage; a fined respondent whose decision is final with what
    they still owe."""
    if spec.name in RULES:
        today, names = date.today(), {str(r.id): r for r in subject.respondents}
        return [(r.id, f"{r.name} ({tr(names[r.id].stage_words)})" + _owing(names[r.id]))
                for r in eligible(subject.respondent_facts_on(today), spec.name, today)]
    return [(str(r.id), _("%(name)s: EUR %(amount)s outstanding", name=r.name,
                          amount=r.outstanding))
            for r in subject.respondents if r.outcome == "fine" and r.outstanding > 0]


def _owing(r: Any) -> str:
    return _(": EUR %(amount)s outstanding", amount=r.outstanding) \
        if r.outcome == "fine" and r.final_on is not None and r.outstanding > 0 else ""


def _edit_forms(subject: Any) -> dict[str, Any]:
    """The correction forms of the case's facts, for the roles that may use them."""
    if current_user.role not in editing.EDITORS:
        return {}
    if subject.WORKFLOW == "complaint":
        forms = {"classify": classification_form(subject),
                 "respondent-new": respondent_form(version=subject.version)}
        for p in subject.respondents:
            forms[f"respondent-{p.id}"] = respondent_form(p, subject.version,
                                                          prefix=f"respondent-{p.id}")
        return forms
    if subject.WORKFLOW == "proceeding":
        return {f"arguido-{r.id}": arguido_form(r, subject.version) for r in subject.respondents}
    return {}


def _page_data(subject: Any) -> dict[str, Any]:
    """What one kind of case page shows beyond the case itself."""
    if subject.WORKFLOW == "complaint":
        return {"duplicates": possible_duplicates(db.session, subject)}
    if subject.WORKFLOW == "proceeding":
        return {"bounds": {r.id: fine_bounds_text(subject, r, tables())
                           for r in subject.respondents},
                "respondent_lines": respondent_lines.lines(subject, date.today(), tables()),
                "editable": subject.state in editing.EDITABLE_PROCEEDING}
    return {}


def render_case(subject: Any, forms: dict[str, Any] | None = None, open_action: str | None = None,
                status: int = 200) -> Any:
    """The case page: facts, parties, files, deadlines, actions (allowed as forms, blocked with
    their reason) and timeline; `forms` re-shows forms with what the user typed. Records the
    read (an access record) before returning it."""
    options = available_triggers(subject, current_user, date.today(), tables=tables())
    forms = {**_edit_forms(subject), **(forms or {})}
    for option in options:
        if option.allowed and option.name not in forms:
            form = _action_form(subject, option.trigger)
            form.version.data = subject.version
            forms[option.name] = form
    template = f"workspace/{subject.WORKFLOW}.html"
    page = render_template(template, subject=subject, options=options, forms=forms,
                           open_action=open_action, events=queries.timeline(db.session, subject),
                           names=staff().names, today=date.today(),
                           complaint_prescription=lambda c: queries.complaint_prescription(
                               c, tables()),
                           attachments=lambda s: queries.attachments(db.session, s),
                           **_page_data(subject))
    # Every render of a case's contents is a read on record, a form shown again with an error
    # included. Recorded once the page is built: the record commits, which would expire every
    # row the page is about to read and make it load them all again. An error here still
    # withholds the page (it is returned only after the read is on record).
    access.record(db.session, current_user, access.VIEW, subject=subject, endpoint=request.path,
                  data={} if status == 200 else {"status": status})
    return page, status


@bp.get("/<kind>/<key>")
def case(kind: str, key: str) -> Any:
    """A complaint, proceeding or referral with its allowed and blocked actions."""
    return render_case(get_case_or_404(kind, key))  # the read is recorded there


@bp.post("/<kind>/<key>/actions/<trigger>")
def act(kind: str, key: str, trigger: str) -> Any:
    """Fire one trigger with the data of its form; on error, show the form again with it.

    An irreversible trigger (`workflows.irreversible`) is fired only by the post that confirms
    it: the first post is checked and answered with the confirmation page (`confirm`)."""
    subject = get_case_or_404(kind, key)
    spec = workflow_for(subject).triggers.get(trigger)
    if spec is None:
        abort(404)
    form = _action_form(subject, spec, formdata=request.form)
    if confirm.editing():  # from the confirmation page: the form again, as it was filled
        return render_case(subject, {trigger: form}, open_action=trigger)
    data = submitted(form, spec)  # parsed only: the workflow validates and says what is wrong
    if any(f.kind == "decisions" for f in spec.fields):
        data["decisions"] = decisions_from(request.form, trigger,
                                           [str(r.id) for r in subject.respondents])
    version = request.form.get(f"{trigger}-version", type=int)
    consequence = irreversible.consequence(subject.WORKFLOW, trigger)
    try:
        if consequence is not None and not confirm.confirmed():
            cleaned = validate(db.session, subject, trigger, current_user,
                               expected_version=version, tables=tables(), **data)
            return confirm.render(
                title=tr(spec.label), consequence=consequence, subject=subject, trigger=trigger,
                rows=confirm.action_rows(subject, spec, form, cleaned),
                action=request.path, back=url_for("workspace.case", kind=kind, key=key))
        fire(db.session, subject, trigger, current_user, expected_version=version,
             tables=tables(), confirmation=consequence, **data)
    except InvalidData as exc:
        _show_errors(form, exc)
        flash(_("Check the highlighted fields."), "error")
        return render_case(subject, {trigger: form}, open_action=trigger, status=422)
    except (TransitionDenied, Conflict) as exc:
        flash(tr_error(exc), "error")
        return render_case(subject, status=409)
    flash(_("Done: %(what)s.", what=tr(spec.label)), "success")
    return redirect(url_for("workspace.case", kind=kind, key=key))


def _show_errors(form: Any, exc: InvalidData) -> None:
    """Put the workflow's messages on the fields of the form they are about."""
    form.decision_errors = {}  # per respondent, shown in the respondent's fieldset
    for name, message in exc.errors.items():
        field = getattr(form, name.split(".")[0], None)
        if name.startswith("decisions."):
            form.decision_errors[name.split(".", 1)[1]] = message
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message]
        else:
            form.form_errors.append(message)


@bp.post("/<kind>/<key>/referrals")
def new_referral(kind: str, key: str) -> Any:
    """Draft a referral (to the MP, IGAI or another body) for a complaint or proceeding."""
    subject = get_case_or_404(kind, key)
    if kind == "referrals":
        abort(404)
    try:
        draft_referral(db.session, subject, body=request.form.get("body", ""),
                       purpose=request.form.get("purpose", ""), actor=current_user,
                       summary=request.form.get("summary", ""))
    except InvalidData as exc:
        flash(_("The referral was not drafted:") + " " + tr_all(exc.errors.values()), "error")
        return render_case(subject, open_action="draft_referral", status=422)
    except TransitionDenied as exc:
        flash(tr(exc.reason), "error")
        return render_case(subject, status=403)
    flash(_("Referral drafted."), "success")
    return redirect(url_for("workspace.case", kind=kind, key=key))


@bp.get("/files/<int:attachment_id>")
def download(attachment_id: int) -> Any:
    """Download an attachment: always as a file, never rendered inline."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        abort(404)
    owner = attachment.complaint or attachment.proceeding or attachment.referral
    access.record(db.session, current_user, access.DOWNLOAD, subject=owner,
                  endpoint=request.path, data={"attachment_id": attachment.id,
                                               "filename": attachment.filename,
                                               "sha256": attachment.sha256})
    path = BlobStore(current_app.config["BLOB_DIR"]).path(attachment.sha256)
    if not path.is_file():
        current_app.logger.error("blob %s of attachment %s is missing", attachment.sha256,
                                 attachment.id)
        abort(404, _("The stored file is missing. Tell the administrator; the case record "
                     "keeps its SHA-256 so it can be restored from a backup."))
    response = send_file(path, as_attachment=True,
                         download_name=attachment.filename, mimetype="application/octet-stream")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.get("/complaints/<key>/data-export.json")
def data_export(key: str) -> Any:
    """Everything held about a complaint's complainant, for a data-subject access request
    (GDPR art. 15): produced by an officer or the president, recorded as an export. Files are
    listed with their hashes (send them alongside); internal notes are listed as withheld."""
    if current_user.role not in (Role.OFFICER, Role.PRESIDENT):
        abort(403)
    complaint = get_case_or_404("complaints", key)
    body = personal_data.export(db.session, complaint)
    access.record(db.session, current_user, access.EXPORT, subject=complaint,
                  endpoint=request.path, data={"format": "json", "kind": "data_subject"})
    response = current_app.response_class(
        json.dumps(body, ensure_ascii=False, indent=2, default=str),
        mimetype="application/json; charset=utf-8")
    response.headers["Content-Disposition"] = \
        f'attachment; filename="{complaint.reference}-personal-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response

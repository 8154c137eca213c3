"""Classify a complaint, correct respondents and write the accusation and decision texts of each
respondent: forms on the case pages, audited changes."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from cicdr.extensions import db
from cicdr.forms.editing import (
    RESPONDENT_TEXTS,
    arguido_form,
    classification_form,
    grounds_of,
    report_of,
    respondent_form,
    respondent_texts_form,
)
from cicdr.i18n import tr, tr_error
from cicdr.services.casework import editing, respondent_texts
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.core.types import whole_number
from cicdr.services.documents.formats import practice_norm
from cicdr.views.workspace.blueprint import bp, get_case_or_404, require_role
from cicdr.views.workspace.cases import render_case
from workflows.spec import Role

EDITORS = (Role.OFFICER, Role.PRESIDENT)


def _version(form: FlaskForm) -> int | None:
    raw = form.version.data  # type: ignore[attr-defined]
    return whole_number(raw)


def _save(subject: Any, form: FlaskForm, key: str, save: Any) -> Any:
    """Validate `form`, run `save()`, and answer: back to the page, or the form again with
    the typed values and the reasons (422 bad data, 409 not allowed now or changed meanwhile)."""
    if form.validate():
        try:
            changes = save()
        except InvalidData as exc:
            for name, message in exc.errors.items():
                field = getattr(form, name, None)
                if field is not None and hasattr(field, "errors"):
                    field.errors = [*field.errors, message]
                else:
                    form.form_errors.append(message)
        except (TransitionDenied, Conflict) as exc:
            flash(tr_error(exc), "error")
            return render_case(subject, {key: form}, open_action=key, status=409)
        else:
            flash(_("Saved: %(what)s.", what=", ".join(str(tr(c)) for c in changes)) if changes
                  else _("Nothing changed."), "success")
            kind = "complaints" if subject.WORKFLOW == "complaint" else "proceedings"
            return redirect(url_for("workspace.case", kind=kind, key=subject.reference))
    flash(_("Check the highlighted fields."), "error")
    return render_case(subject, {key: form}, open_action=key, status=422)


@bp.post("/complaints/<key>/classification")
def classify(key: str) -> Any:
    """Triage: correct the date, place, context, practice and grounds of a complaint."""
    require_role(*EDITORS)
    complaint = get_case_or_404("complaints", key)
    form = classification_form(formdata=request.form)

    def save() -> Any:
        new = editing.Classification(
            facts_date=form.facts_date.data, district=form.district.data,
            place=form.place.data, context=form.context.data,
            practice=form.practice.data or None, grounds=grounds_of(form),
            report=report_of(form))
        return editing.classify_complaint(db.session, complaint, new, current_user,
                                          expected_version=_version(form))

    return _save(complaint, form, "classify", save)


@bp.post("/complaints/<key>/respondents", defaults={"party_id": None})
@bp.post("/complaints/<key>/respondents/<int:party_id>")
def save_respondent(key: str, party_id: int | None) -> Any:
    """Add a respondent to a complaint, or correct one (kind, name, police force and unit)."""
    require_role(*EDITORS)
    complaint = get_case_or_404("complaints", key)
    prefix = f"respondent-{party_id}" if party_id else "respondent-new"
    form = respondent_form(formdata=request.form, prefix=prefix)

    def save() -> Any:
        values = {name: getattr(form, name).data for name in editing.RESPONDENT_FIELDS}
        return editing.save_complaint_respondent(db.session, complaint, current_user, values,
                                                 party_id=party_id,
                                                 expected_version=_version(form))

    return _save(complaint, form, prefix, save)


@bp.post("/proceedings/<key>/respondents/<int:respondent_id>")
def save_arguido(key: str, respondent_id: int) -> Any:
    """Correct a proceeding's respondent or record negligence (before the decision)."""
    require_role(*EDITORS)
    proceeding = get_case_or_404("proceedings", key)
    found = [r for r in proceeding.respondents if r.id == respondent_id]
    if not found:
        abort(404)
    form = arguido_form(found[0], formdata=request.form)
    name = f"arguido-{respondent_id}"

    def save() -> Any:
        return editing.update_proceeding_respondent(
            db.session, proceeding, current_user, respondent_id, name=form.name.data or "",
            kind=form.kind.data, negligent=bool(form.negligent.data),
            expected_version=_version(form))

    return _save(proceeding, form, name, save)


@bp.app_template_global()
def respondent_texts_panel(subject: Any, forms: dict[str, Any]) -> list[dict[str, Any]]:
    """Per respondent of a proceeding: its texts form (as typed, when shown again), whether the
    signed-in user may write them now or why not, and which texts the letters still lack."""
    may_write = current_user.role in respondent_texts.WRITERS
    practices = sorted({c.practice for c in subject.complaints if c.practice})
    panel = []
    for r in subject.respondents:
        key = f"texts-{r.id}"
        blocked = respondent_texts.final_reason(subject, r)
        panel.append({
            "respondent": r, "key": key,
            "form": forms.get(key) or respondent_texts_form(r, subject.version),
            "editable": may_write and blocked is None,
            "blocked": blocked if may_write else None,
            "missing_accusation": respondent_texts.missing_accusation(r),
            "missing_decision": respondent_texts.missing_decision(r),
            "suggested_norms": [
                f"{practice_norm(letter)}; n.º {1 if r.person == 'natural' else 2} do artigo "
                "16.º da mesma lei" for letter in practices],
        })
    return panel


@bp.post("/proceedings/<key>/respondents/<int:respondent_id>/texts")
def save_respondent_texts(key: str, respondent_id: int) -> Any:
    """Write one respondent's accusation and decision texts (officers, until final)."""
    require_role(*respondent_texts.WRITERS)
    proceeding = get_case_or_404("proceedings", key)
    found = [r for r in proceeding.respondents if r.id == respondent_id]
    if not found:
        abort(404)
    form = respondent_texts_form(found[0], formdata=request.form)

    def save() -> Any:
        # Only the texts the form sent: a request without a field leaves that text alone.
        values = {name: getattr(form, name).data or "" for name in RESPONDENT_TEXTS
                  if getattr(form, name).name in request.form}
        changed = respondent_texts.write_respondent_texts(
            db.session, proceeding, current_user, respondent_id, values,
            expected_version=_version(form))
        return [getattr(form, name).label.text for name in changed]  # the fields in words

    return _save(proceeding, form, f"texts-{respondent_id}", save)

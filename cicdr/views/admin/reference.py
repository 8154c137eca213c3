"""Reference data pages of the administrator (routes of the `admin` blueprint).

Vocabularies, the IAS table, the holiday options and closure days, the deadline table and the
oversight body of each security force. Every change is validated, audited and picked up by every
process (see `cicdr.services.core.legal_tables`). A refused change shows the page again, status
422, with what was typed and what to fix.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from cicdr.extensions import db
from cicdr.models import ClosureDay, IasValue, VocabularyTerm
from cicdr.request_tables import tables
from cicdr.services.admin import reference_data as edit
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.legal_tables import CalendarDefaults, calendar_options, read_settings
from cicdr.views.admin.blueprint import bp
from workflows import deadlines, referral
from workflows.vocabularies import CANONICAL


def _defaults() -> CalendarDefaults:
    return CalendarDefaults(carnival=current_app.config.get("CALENDAR_CARNIVAL", False),
                            lisbon=current_app.config.get("CALENDAR_LISBON", False))


def _done(changed: bool, what: str, target: str) -> Any:
    flash(_("%(what)s saved.", what=what) if changed else
          _("%(what)s: nothing changed.", what=what), "success" if changed else "info")
    return redirect(target)


@bp.get("/reference")
def reference() -> Any:
    """What reference data there is, with a link to each table."""
    counts = dict(db.session.execute(
        select(VocabularyTerm.vocabulary, func.count()).group_by(VocabularyTerm.vocabulary)).all())
    return render_template("admin/reference.html", counts=counts, fixed=edit.FIXED)


def _vocabulary_page(vocabulary: str, status: int = 200, errors: dict[str, str] | None = None,
                     typed: dict[str, str] | None = None) -> Any:
    terms = db.session.scalars(select(VocabularyTerm).where(
        VocabularyTerm.vocabulary == vocabulary).order_by(VocabularyTerm.position,
                                                          VocabularyTerm.code)).all()
    if not terms:
        abort(404)
    return render_template(
        "admin/vocabulary.html", vocabulary=vocabulary, terms=terms, errors=errors or {},
        typed=typed or {}, fixed=edit.FIXED.get(vocabulary),
        canonical=CANONICAL.get(vocabulary, frozenset()), bodies=referral.BODIES,
        max_code=edit.code_max_length(vocabulary)), status


@bp.get("/reference/vocabularies/<vocabulary>")
def vocabulary(vocabulary: str) -> Any:
    """The codes of one vocabulary: relabel, reorder, deactivate; add a code."""
    return _vocabulary_page(vocabulary)


@bp.post("/reference/vocabularies/<vocabulary>")
def add_term(vocabulary: str) -> Any:
    """Add a code to a vocabulary."""
    typed = {"form": "add", "code": request.form.get("code", ""),
             "label": request.form.get("label", "")}
    if db.session.scalar(select(func.count()).where(VocabularyTerm.vocabulary == vocabulary)) \
            == 0:
        abort(404)
    try:
        edit.add_term(db.session, current_user, vocabulary, typed["code"], typed["label"])
    except InvalidData as exc:
        return _vocabulary_page(vocabulary, 422, exc.errors, typed)
    return _done(True, f"{vocabulary} {typed['code'].strip()}",
                 url_for("admin.vocabulary", vocabulary=vocabulary))


@bp.post("/reference/vocabularies/<vocabulary>/<code>")
def update_term(vocabulary: str, code: str) -> Any:
    """Relabel, reorder or (de)activate a code; a force's oversight body."""
    typed = {"form": code, **{k: request.form.get(k, "") for k in
                              ("label", "position", "active", "oversight_body")}}
    if db.session.get(VocabularyTerm, (vocabulary, code)) is None:
        abort(404)
    try:
        changed = edit.update_term(db.session, current_user, vocabulary, code,
                                   label=typed["label"], position=typed["position"],
                                   active=typed["active"] == "yes",
                                   oversight_body=typed["oversight_body"] or None)
    except InvalidData as exc:
        return _vocabulary_page(vocabulary, 422, exc.errors, typed)
    return _done(changed, f"{vocabulary} {code}",
                 url_for("admin.vocabulary", vocabulary=vocabulary))


@bp.post("/reference/vocabularies/<vocabulary>/<code>/delete")
def delete_term(vocabulary: str, code: str) -> Any:
    """Delete a code added by mistake (never a code of the domain model, never one in use)."""
    if db.session.get(VocabularyTerm, (vocabulary, code)) is None:
        abort(404)
    try:
        edit.delete_term(db.session, current_user, vocabulary, code)
    except InvalidData as exc:
        return _vocabulary_page(vocabulary, 422, exc.errors, {"form": code})
    flash(_("%(vocabulary)s: %(code)s deleted.", vocabulary=vocabulary, code=code),
          "success")
    return redirect(url_for("admin.vocabulary", vocabulary=vocabulary))


def _ias_page(status: int = 200, errors: dict[str, str] | None = None,
              typed: dict[str, str] | None = None) -> Any:
    rows = db.session.scalars(select(IasValue).order_by(IasValue.year.desc())).all()
    return render_template("admin/ias.html", rows=rows, errors=errors or {},
                           typed=typed or {}), status


@bp.route("/reference/ias", methods=["GET", "POST"])
def ias() -> Any:
    """The IAS of each year (the unit of fine bounds): add a year or correct one."""
    if request.method == "GET":
        return _ias_page()
    typed = {k: request.form.get(k, "") for k in ("year", "amount")}
    try:
        changed = edit.save_ias(db.session, current_user, typed["year"], typed["amount"])
    except InvalidData as exc:
        return _ias_page(422, exc.errors, typed)
    return _done(changed, f"IAS {typed['year'].strip()}", url_for("admin.ias"))


def _calendar_page(status: int = 200, errors: dict[str, str] | None = None,
                   typed: dict[str, str] | None = None) -> Any:
    settings = read_settings(db.session)
    carnival, lisbon = calendar_options(settings, _defaults())
    closures = db.session.scalars(select(ClosureDay).order_by(ClosureDay.day.desc())).all()
    return render_template("admin/calendar.html", carnival=carnival, lisbon=lisbon,
                           stored="calendar.carnival" in settings, defaults=_defaults(),
                           closures=closures, errors=errors or {}, typed=typed or {}), status


@bp.route("/reference/calendar", methods=["GET", "POST"])
def calendar() -> Any:
    """Whether Carnival Tuesday and Lisbon's 13 June count as holidays for deadlines, and the
    one-off closure days."""
    if request.method == "POST":
        changed = edit.save_calendar(db.session, current_user, _defaults(),
                                     carnival=request.form.get("carnival") == "yes",
                                     lisbon=request.form.get("lisbon") == "yes")
        return _done(changed, _("Holiday options"), url_for("admin.calendar"))
    return _calendar_page()


@bp.post("/reference/calendar/closure-days")
def add_closure_day() -> Any:
    """Declare a one-off closure day (a non-working day for deadlines)."""
    typed = {k: request.form.get(k, "") for k in ("day", "reason")}
    try:
        edit.add_closure_day(db.session, current_user, typed["day"], typed["reason"])
    except InvalidData as exc:
        return _calendar_page(422, exc.errors, typed)
    return _done(True, f"Closure day {typed['day'].strip()}", url_for("admin.calendar"))


@bp.post("/reference/calendar/closure-days/<day>/delete")
def delete_closure_day(day: str) -> Any:
    """Withdraw a closure day entered by mistake."""
    try:
        edit.delete_closure_day(db.session, current_user, day)
    except InvalidData as exc:
        return _calendar_page(422, exc.errors)
    flash(_("Closure day %(day)s withdrawn.", day=day), "success")
    return redirect(url_for("admin.calendar"))


def _deadlines_page(status: int = 200, errors: dict[str, str] | None = None,
                    typed: dict[str, str] | None = None) -> Any:
    return render_template("admin/deadlines.html", rules=tables().deadline_rules,
                           defaults=deadlines.DEFAULT_RULES, errors=errors or {},
                           typed=typed or {}, countings=deadlines.COUNTINGS), status


@bp.route("/reference/deadlines", methods=["GET", "POST"])
def deadline_table() -> Any:
    """The deadline table: length and counting (working or calendar days) per kind."""
    if request.method == "GET":
        return _deadlines_page()
    typed = {k: request.form.get(k, "") for k in ("kind", "length", "counting")}
    try:
        changed = edit.save_deadline(db.session, current_user, typed["kind"], typed["length"],
                                     typed["counting"])
    except InvalidData as exc:
        return _deadlines_page(422, exc.errors, typed)
    return _done(changed, f"Deadline {typed['kind']}", url_for("admin.deadline_table"))

"""Bulk actions on the complaint list: assign the selected complaints to an officer (officers),
join them into one proceeding (the president, once confirmed: opening a proceeding cannot be
undone). All or nothing: when any selected complaint cannot take the action, the list comes
back with every refused one and its reason."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from cicdr.extensions import db
from cicdr.i18n import tr_all, tr_error
from cicdr.services.casework import bulk
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.types import record_id, whole_number
from cicdr.views.workspace import confirm
from cicdr.views.workspace.blueprint import bp, require_role
from cicdr.views.workspace.lists import render_list
from workflows import irreversible
from workflows.spec import Role


def _list_args() -> MultiDict[str, str]:
    """The filters of the list the form was sent from (only ever used to build a list URL)."""
    args = MultiDict(parse_qsl(request.form.get("list", ""), keep_blank_values=False))
    args["kind"] = "complaints"
    return args


def _selection() -> tuple[list[int], dict[int, int]]:
    """The ticked complaint ids and, for each, the version the user saw."""
    ids = [n for i in request.form.getlist("ids") if (n := record_id(i)) is not None]
    versions = {i: v for i in ids
                if (v := whole_number(request.form.get(f"version-{i}"))) is not None}
    return ids, versions


def _back(args: MultiDict[str, str]) -> Any:
    values: dict[str, Any] = args.to_dict()
    return redirect(url_for("workspace.cases", **values))


def _refused(args: MultiDict[str, str], ids: list[int], exc: Exception) -> Any:
    if isinstance(exc, bulk.Refused):
        flash(tr_error(exc), "error")
        return render_list(args, status=409, refusals=exc.refusals, selected=ids)
    assert isinstance(exc, InvalidData)
    flash(_("Nothing was changed:") + " " + tr_all(exc.errors.values()), "error")
    return render_list(args, status=422, selected=ids, bulk_errors=exc.errors)


@bp.post("/cases/bulk/assign")
def bulk_assign() -> Any:
    """Assign (or transfer) the selected complaints to one officer."""
    require_role(Role.OFFICER)
    args, (ids, versions) = _list_args(), _selection()
    try:
        complaints = bulk.load_complaints(db.session, ids)
        assignee = bulk.assign_complaints(db.session, complaints, current_user,
                                          assignee_id=request.form.get("assignee"),
                                          versions=versions)
    except (bulk.Refused, InvalidData) as exc:
        return _refused(args, ids, exc)
    flash(ngettext("%(num)s complaint assigned to %(name)s.",
                   "%(num)s complaints assigned to %(name)s.", len(complaints),
                   name=assignee.name), "success")
    return _back(args)


@bp.post("/cases/bulk/join")
def bulk_join() -> Any:
    """Join the selected complaints into an existing proceeding, or a new one they open: an
    irreversible step, fired only once confirmed (`confirm`)."""
    require_role(Role.PRESIDENT)
    args, (ids, versions) = _list_args(), _selection()
    if confirm.editing():  # from the confirmation page: the list, with the selection kept
        return render_list(args, selected=ids)
    proceeding_ref = request.form.get("proceeding") or None
    instructor_id = request.form.get("instructor") or None
    consequence = irreversible.consequence("complaint", "open_proceeding")
    try:
        complaints = bulk.load_complaints(db.session, ids)
        if consequence is not None and not confirm.confirmed():
            plan = bulk.plan_join(db.session, complaints, current_user,
                                  proceeding_ref=proceeding_ref, instructor_id=instructor_id,
                                  versions=versions)
            return confirm.render(
                title=_("Join into one proceeding"), consequence=consequence,
                trigger="open_proceeding", rows=confirm.join_rows(plan),
                items=[c.reference for c in plan.complaints], action=request.path,
                back=_back(args).location)
        proceeding = bulk.join_into_proceeding(
            db.session, complaints, current_user, proceeding_ref=proceeding_ref,
            instructor_id=instructor_id, versions=versions, confirmation=consequence)
    except (bulk.Refused, InvalidData) as exc:
        return _refused(args, ids, exc)
    flash(ngettext("%(num)s complaint joined to proceeding %(ref)s.",
                   "%(num)s complaints joined to proceeding %(ref)s.", len(complaints),
                   ref=proceeding.reference), "success")
    return _back(args)

"""Join a complaint and its possible duplicates into one proceeding (the president)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from cicdr.extensions import db
from cicdr.i18n import tr, tr_all
from cicdr.services.casework import bulk
from cicdr.services.casework.duplicates import possible_duplicates
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.types import record_id, whole_number
from cicdr.views.workspace import confirm
from cicdr.views.workspace.blueprint import bp, get_case_or_404, require_role, staff
from cicdr.views.workspace.cases import render_case
from workflows import irreversible
from workflows.spec import Role
from workflows.text import N_


@bp.app_template_global()
def officers() -> list[tuple[str, str]]:
    """Active officers as (id, name) choices."""
    return list(staff().officers)


@bp.post("/complaints/<key>/duplicates/join")
def join_duplicates(key: str) -> Any:
    """Complaints on the same facts share one proceeding: join the ticked duplicates (and this
    complaint, unless it is in a proceeding already, which they then join). All or nothing,
    once confirmed (`confirm`)."""
    require_role(Role.PRESIDENT)
    complaint = get_case_or_404("complaints", key)
    listed = {c.id: c for c in possible_duplicates(db.session, complaint)}
    ticked = [n for i in request.form.getlist("ids") if (n := record_id(i)) is not None]
    versions = {i: v for i in ticked + [complaint.id]
                if (v := whole_number(request.form.get(f"version-{i}"))) is not None}
    proceeding_ref = request.form.get("proceeding") or None
    if complaint.proceeding is not None:
        proceeding_ref = complaint.proceeding.reference
    if confirm.editing():  # from the confirmation page: the form again, as it was ticked
        return render_case(complaint, open_action="join")
    instructor_id = None if proceeding_ref else request.form.get("instructor") or None
    consequence = irreversible.consequence("complaint", "open_proceeding")
    try:
        if not ticked or any(i not in listed for i in ticked):
            raise InvalidData({"ids": N_("Tick possible duplicates from the list.")})
        chosen = [listed[i] for i in ticked]
        if complaint.proceeding is None:
            chosen.insert(0, complaint)
        if consequence is not None and not confirm.confirmed():
            plan = bulk.plan_join(db.session, chosen, current_user, proceeding_ref=proceeding_ref,
                                  instructor_id=instructor_id, versions=versions)
            return confirm.render(
                title=_("Join into one proceeding"), consequence=consequence,
                trigger="open_proceeding", subject=complaint, rows=confirm.join_rows(plan),
                items=[c.reference for c in plan.complaints], action=request.path,
                back=url_for("workspace.case", kind="complaints", key=complaint.reference))
        proceeding = bulk.join_into_proceeding(
            db.session, chosen, current_user, proceeding_ref=proceeding_ref,
            instructor_id=instructor_id, versions=versions, confirmation=consequence)
    except bulk.Refused as exc:
        flash(tr_all([exc.args[0] if exc.args else str(exc),
                      *(f"{r.reference}: {tr(r.reason)}" for r in exc.refusals)]), "error")
        return render_case(complaint, open_action="join", status=409)
    except InvalidData as exc:
        flash(_("Nothing was joined:") + " " + tr_all(exc.errors.values()), "error")
        return render_case(complaint, open_action="join", status=422)
    flash(ngettext("%(num)s complaint joined to proceeding %(ref)s.",
                   "%(num)s complaints joined to proceeding %(ref)s.", len(chosen),
                   ref=proceeding.reference), "success")
    return redirect(url_for("workspace.case", kind="complaints", key=complaint.reference))

"""Group complaints about one incident (one post, one event): the form on the complaint page
and the "same incident" button of the possible duplicates (officer or president)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from cicdr.extensions import db
from cicdr.i18n import tr_all, tr_error
from cicdr.models import Complaint
from cicdr.services.casework import incidents
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.views.workspace.blueprint import bp, get_case_or_404, require_role
from cicdr.views.workspace.cases import render_case
from workflows.spec import Role
from workflows.text import N_


def _int(name: str) -> int | None:
    raw = (request.form.get(name) or "").strip().lstrip("#")
    return int(raw) if raw.isdigit() else None


def _change(complaint: Complaint) -> str:
    """Run what the form asks; return the message to show."""
    how = request.form.get("how", "")
    if how == "same":
        ref = (request.form.get("other") or "").strip().upper()
        other = db.session.scalar(select(Complaint).where(Complaint.reference == ref))
        if other is None:
            raise InvalidData({"other": N_("Choose a complaint from the list.")})
        found = incidents.same_incident(db.session, complaint, other, current_user)
        return _("%(one)s and %(other)s are in incident %(id)s.", one=complaint.reference,
                 other=other.reference, id=found.id)
    if how not in ("new", "join", "leave"):
        raise InvalidData({"how": N_("Choose a new incident, an existing one, or none.")})
    number = _int("number")
    if how == "join" and number is None:
        raise InvalidData({"number": N_("Give the incident's number.")})
    changed = incidents.set_incident(
        db.session, complaint, current_user,
        label=request.form.get("label", "") if how == "new" else None,
        number=number if how == "join" else None, expected_version=_int("version"))
    if not changed:
        return _("Nothing changed.")
    new = changed["incident"]["new"]
    return _("The complaint is now in incident %(id)s.", id=new) if new else \
        _("The complaint is no longer in an incident.")


@bp.post("/complaints/<key>/incident")
def set_incident(key: str) -> Any:
    """Put the complaint in a new or an existing incident, in a duplicate's, or in none."""
    require_role(Role.OFFICER, Role.PRESIDENT)
    complaint = get_case_or_404("complaints", key)
    try:
        message = _change(complaint)
    except InvalidData as exc:
        flash(_("Nothing changed:") + " " + tr_all(exc.errors.values()), "error")
        return render_case(complaint, open_action="incident", status=422)
    except (TransitionDenied, Conflict) as exc:
        flash(tr_error(exc), "error")
        return render_case(complaint, open_action="incident", status=409)
    flash(message, "success")
    return redirect(url_for("workspace.case", kind="complaints", key=complaint.reference))

"""Access requests waiting for a second person (four eyes): list, approve, refuse.

An administrator or the president decides; never the one who asked, nor the account's owner.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cicdr.extensions import db
from cicdr.i18n import tr, tr_all
from cicdr.models import AccessRequest
from cicdr.services.admin import four_eyes
from cicdr.services.core.errors import InvalidData
from cicdr.views.admin.blueprint import bp


def _page(status: int = 200) -> Any:
    return render_template("admin/access_requests.html",
                           requests=four_eyes.pending(db.session),
                           what=four_eyes.WHAT), status


@bp.get("/access-requests", endpoint="access_requests")
def pending_requests() -> Any:
    """Requests waiting for a decision, with who asked and when."""
    return _page()


@bp.post("/access-requests/<int:request_id>")
def decide_access_request(request_id: int) -> Any:
    """Approve or refuse one request (`decision` = approve or refuse)."""
    req = db.session.get(AccessRequest, request_id)
    if req is None:
        abort(404)
    decision = request.form.get("decision")
    if decision not in ("approve", "refuse"):
        flash(_("Choose to approve or to refuse the request."), "error")
        return _page(422)
    try:
        four_eyes.decide(db.session, req, current_user._get_current_object(),
                               approve=decision == "approve")
    except InvalidData as exc:
        flash(tr_all(exc.errors.values()), "error")
        return _page(422)
    what = tr(four_eyes.WHAT[req.kind])
    flash(_("Request approved: %(what)s for %(email)s.", what=what, email=req.user.email)
          if decision == "approve" else
          _("Request refused: %(what)s for %(email)s.", what=what, email=req.user.email),
          "success")
    return redirect(url_for("admin.access_requests"))

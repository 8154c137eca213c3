"""Case lists: complaints, proceedings and referrals, filtered and searched."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from cicdr.extensions import db
from cicdr.services import access
from cicdr.services import cases as queries
from cicdr.views.workspace import bp
from workflows import workflow_for


@bp.get("/")
def cases_index() -> Any:
    """Redirect to the complaint list."""
    return redirect(url_for("workspace.cases"))


@bp.get("/cases")
def cases() -> Any:
    """List complaints, proceedings or referrals, filtered by state and text."""
    kind = request.args.get("kind", "complaints")
    if kind not in queries.KINDS:
        abort(404)
    page = max(request.args.get("page", 1, type=int), 1)
    state = request.args.get("state") or None
    rows, total = queries.list_cases(db.session, kind, state=state, q=request.args.get("q"),
                                   page=page)
    if request.args.get("q"):
        access.record(db.session, current_user, access.SEARCH, endpoint=request.full_path,
                      subject_type="search", data={"kind": kind, "q": request.args["q"],
                                                   "state": state, "results": total})
    states = [s.value for s in workflow_for(queries.KINDS[kind]).states]
    return render_template("workspace/cases.html", kind=kind, rows=rows, total=total, page=page,
                           state=state, states=states, q=request.args.get("q", ""))

"""My work: the signed-in staff member's cases, deadlines, prescriptions and queues."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, current_app, render_template, request
from flask_login import current_user

from cicdr.extensions import db
from cicdr.services.queries import my_work as work_queue
from cicdr.views.workspace.blueprint import bp, require_role
from workflows.spec import Role


@bp.get("/my-work")
def my_work() -> Any:
    """Assigned cases, what awaits my role, deadlines, prescriptions, referrals, the queue."""
    require_role(Role.OFFICER, Role.PRESIDENT, Role.COMMISSIONER)
    soon = request.args.get("days", 7, type=int)
    horizon = request.args.get("horizon", current_app.config["PRESCRIPTION_HORIZON_DAYS"],
                               type=int)
    if not (0 <= soon <= 365 and 0 <= horizon <= 3650):
        abort(400, "Give the days as a number from 0 to 365, and the horizon up to 3650.")
    today = date.today()
    work = work_queue.build(db.session, current_user, today, soon_days=soon, horizon_days=horizon)
    return render_template("workspace/my_work.html", work=work, today=today, soon=soon,
                           horizon=horizon)

"""The administrator's blueprint (`admin`, under /staff/admin): the administrator only, except
the approval of access requests, which the president may decide too (four eyes)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request
from flask_login import current_user

from cicdr.extensions import login_manager
from workflows.spec import Role

bp = Blueprint("admin", __name__, url_prefix="/staff/admin")
# Pages the president reaches too: approving or refusing requests for access to cases.
PRESIDENT_TOO = {"admin.access_requests", "admin.decide_access_request"}


@bp.before_request
def require_admin() -> Any:
    """Every page of this blueprint is for the administrator only (approvals: the president too)."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role != Role.ADMIN and not (current_user.role == Role.PRESIDENT
                                                and request.endpoint in PRESIDENT_TOO):
        abort(403)
    return None

"""The administrator's blueprint (`admin`, under /staff/admin): the administrator only."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort
from flask_login import current_user

from cicdr.extensions import login_manager
from workflows.spec import Role

bp = Blueprint("admin", __name__, url_prefix="/staff/admin")


@bp.before_request
def require_admin() -> Any:
    """Every page of this blueprint is for the administrator only."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role != Role.ADMIN:
        abort(403)
    return None

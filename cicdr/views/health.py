"""GET /healthz: for the load balancer and monitoring; no sign-in, nothing personal."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from cicdr.extensions import db, limiter
from cicdr.services.admin import health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@limiter.exempt
def healthz() -> Any:
    """200 with the facts when the database answers; 503 (retry) when it does not."""
    result = health.check(db.session)
    response = jsonify(result.as_json())
    response.status_code = 200 if result.healthy else 503
    if not result.healthy:
        response.headers["Retry-After"] = "30"
    response.headers["Cache-Control"] = "no-store"
    return response

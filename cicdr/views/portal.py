"""The public portal (no account; never shows staff data)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

bp = Blueprint("portal", __name__)

ACT_URL = "https://www.act.gov.pt/"


@bp.get("/")
def index() -> Any:
    """Landing page: what CICDR can and cannot act on, what happens next, privacy."""
    return render_template("portal/index.html", act_url=ACT_URL)

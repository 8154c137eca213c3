"""The workspace blueprint (`workspace`, under /staff) and its guards: default-deny to anyone
without a case-reading role, read-only for auditors, and the per-object lookup of a case."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Blueprint, abort, g, request, url_for
from flask_login import current_user

from cicdr.extensions import db, login_manager
from cicdr.services.queries import cases as queries
from workflows.spec import Role

bp = Blueprint("workspace", __name__, url_prefix="/staff")
CASE_READERS = (Role.OFFICER, Role.PRESIDENT, Role.COMMISSIONER, Role.AUDITOR)


@bp.before_request
def require_case_reader() -> Any:
    """Default-deny: signed-in staff with a case-reading role only (never the admin)."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role not in CASE_READERS:
        abort(403)
    if current_user.role == Role.AUDITOR and request.method not in ("GET", "HEAD"):
        abort(403)  # auditors read everything and change nothing
    return None


def get_case_or_404(kind: str, key: str) -> Any:
    """The complaint, proceeding or referral named in the URL, or 404."""
    subject = queries.get_case(db.session, kind, key)
    if subject is None:
        abort(404)
    return subject


def require_role(*roles: str) -> None:
    """403 unless the signed-in user has one of `roles`."""
    if current_user.role not in roles:
        abort(403)


def staff() -> queries.StaffDirectory:
    """The staff names and active officers, read once per request whatever asks for them."""
    if "staff_directory" not in g:
        g.staff_directory = queries.staff_directory(db.session)
    return g.staff_directory


# What url_for("workspace.case", ...) puts in a key (werkzeug's path-segment quoting).
_SEGMENT_SAFE = "!$&'()*+,/:;=@"
_KIND_OF = {"complaint": "complaints", "proceeding": "proceedings", "referral": "referrals"}


@bp.app_template_global()
def case_path(subject: Any) -> str:
    """The URL of a case's page, as url_for("workspace.case") writes it: the prefix of each
    kind built once per request, the key appended (a list or My work draws dozens of links,
    and each url_for walks the URL map)."""
    prefixes = request.environ.get("cicdr.case_url_prefixes")
    if prefixes is None:
        prefixes = request.environ["cicdr.case_url_prefixes"] = {
            kind: url_for("workspace.case", kind=kind, key="0")[:-1] for kind in _KIND_OF.values()}
    kind = _KIND_OF[subject.WORKFLOW]
    key = subject.id if kind == "referrals" else subject.reference
    return prefixes[kind] + quote(str(key), safe=_SEGMENT_SAFE)

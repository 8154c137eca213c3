"""Staff accounts: create, change role, deactivate, reset a password or a second factor."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from cicdr.extensions import db
from cicdr.i18n import tr_all
from cicdr.models import User
from cicdr.services.admin import four_eyes, second_factor
from cicdr.services.admin.accounts import create_user, reset_password, update_user
from cicdr.services.core.errors import InvalidData
from cicdr.views.admin.blueprint import bp
from workflows.spec import Role

YES_NO = {"yes": True, "no": False}


def _page(status: int = 200, errors: dict[str, str] | None = None,
          typed: dict[str, str] | None = None) -> Any:
    users = db.session.scalars(select(User).order_by(User.active.desc(), User.name)).all()
    waiting = {r.user_id for r in four_eyes.pending(db.session)}
    return render_template("admin/users.html", users=users, roles=Role.STAFF, waiting=waiting,
                           errors=errors or {}, typed=typed or {}), status


@bp.get("/users")
def users() -> Any:
    """Every staff account, and a form to create one."""
    return _page()


@bp.post("/users")
def create() -> Any:
    """Create a staff account (the form is shown again with what was typed on an error)."""
    typed = {k: request.form.get(k, "") for k in ("email", "name", "role")}
    try:
        user = create_user(db.session, email=typed["email"], name=typed["name"],
                           role=typed["role"], password=request.form.get("password", ""),
                           actor=current_user,
                           fast=current_app.config.get("ARGON2_FAST", False))
    except InvalidData as exc:
        return _page(422, exc.errors, typed)
    if user.active:
        flash(_("Account created for %(email)s.", email=user.email), "success")
    else:
        flash(_("Account created for %(email)s. It opens once another administrator or the "
                "president approves it.", email=user.email), "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>")
def update(user_id: int) -> Any:
    """Change an account's role, status or 2FA requirement, or set a new password."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    waiting = len(four_eyes.pending_for(db.session, user))
    try:
        if request.form.get("password"):
            applied = reset_password(db.session, user, current_user, request.form["password"],
                                     fast=current_app.config.get("ARGON2_FAST", False))
            flash(_("New password set for %(email)s.", email=user.email) if applied else
                  _("The new password for %(email)s waits for approval by another administrator "
                    "or the president.", email=user.email), "success")
        else:
            update_user(db.session, user, current_user, role=request.form.get("role") or None,
                        active=request.form.get("active") == "yes",
                        require_2fa=YES_NO.get(request.form.get("require_2fa", "")))
            asked = len(four_eyes.pending_for(db.session, user)) > waiting
            flash(_("%(email)s updated.", email=user.email) + (
                " " + _("The new role or reactivation waits for approval by another "
                        "administrator or the president.") if asked else ""), "success")
    except InvalidData as exc:
        flash(tr_all(exc.errors.values()), "error")
        return _page(422)
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/reset-2fa")
def reset_2fa(user_id: int) -> Any:
    """Remove an account's second factor (a lost phone); it enrols again if 2FA is required."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    try:
        applied = second_factor.reset(db.session, user, current_user)
    except InvalidData as exc:
        flash(tr_all(exc.errors.values()), "error")
        return _page(422)
    flash(_("Two-factor sign-in reset for %(email)s.", email=user.email) if applied else
          _("The reset of two-factor sign-in for %(email)s waits for approval by another "
            "administrator or the president.", email=user.email), "success")
    return redirect(url_for("admin.users"))



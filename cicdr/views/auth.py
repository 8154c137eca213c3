"""Staff sign-in and sign-out."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from cicdr.extensions import db
from cicdr.forms.auth import LoginForm
from cicdr.services.users import authenticate

bp = Blueprint("auth", __name__, url_prefix="/staff")


def home() -> str:
    """Where a signed-in user starts: accounts for the admin, audit for the auditor, My work
    for everyone else."""
    role = getattr(current_user, "role", None)
    return url_for({"admin": "admin.users", "auditor": "audit.index"}.get(
        str(role), "workspace.my_work"))


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return home()


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Sign in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(home())
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data,
                            fast=current_app.config.get("ARGON2_FAST", False))
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append("E-mail or password is not right.")
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout() -> Any:
    """Sign out."""
    logout_user()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))

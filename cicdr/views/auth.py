"""Staff sign-in (password, then a TOTP code when enrolled), sign-out and the account page.

Between the password and the code the person is *not* signed in: the session only holds
`pending_login` (the account id, when the password was accepted, where to go next), which
expires after a few minutes and opens nothing but the code or enrolment page.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from markupsafe import Markup

from cicdr.extensions import db, limiter
from cicdr.forms.auth import CodeForm, LoginForm
from cicdr.i18n import refresh_locale
from cicdr.models import User
from cicdr.services.admin import second_factor
from cicdr.services.admin.accounts import authenticate, end_sessions, record_sign_in, set_language
from cicdr.services.core.errors import InvalidData
from cicdr.views import limits, staff_session

bp = Blueprint("auth", __name__, url_prefix="/staff")

CODE_SECONDS = 5 * 60  # to type the code after the password
ENROL_SECONDS = 15 * 60  # to install an app, scan and confirm
# What a signed-in person who must enrol may still reach before enrolling.
BEFORE_ENROLMENT = {"auth.account_enrol", "auth.logout", "static"}


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


def _code_limit() -> str:
    return str(current_app.config.get("STAFF_CODE_LIMIT", "10 per 15 minutes"))


def _account_key() -> str:
    """Count code attempts per account too, so many addresses cannot share out the guessing."""
    pending = session.get("pending_login") or {}
    uid = pending.get("uid") or getattr(current_user, "id", None)
    return f"2fa-account:{uid}"


@bp.before_app_request
def enrolment_first() -> Any:
    """A signed-in person whose account requires 2FA enrols before reaching anything else."""
    if (current_user.is_authenticated and current_user.require_2fa
            and not current_user.has_2fa and request.endpoint not in BEFORE_ENROLMENT):
        return redirect(url_for("auth.account_enrol"))
    return None


def _finish(user: User, target: str | None) -> Any:
    session.pop("pending_login", None)
    login_user(user)
    staff_session.started()
    record_sign_in(db.session, user)
    return redirect(_safe_next(target))


def _second_step(user: User, target: str | None) -> Any:
    """After the password: the code, enrolment first, or signed in at once."""
    pending: dict[str, Any] = {"uid": user.id, "at": time.time(), "next": target}
    session["staff_lang"] = user.language  # the code page and what follows, in their language
    if user.has_2fa:
        session["pending_login"] = pending
        return redirect(url_for("auth.login_code"))
    if user.require_2fa:
        session["pending_login"] = {**pending, "nonce": second_factor.new_nonce()}
        return redirect(url_for("auth.login_enrol"))
    return _finish(user, target)


def _pending(enrolling: bool) -> User | None:
    """The account waiting for its second step, or None (expired, or none)."""
    pending = session.get("pending_login") or {}
    limit = ENROL_SECONDS if enrolling else CODE_SECONDS
    user = db.session.get(User, pending["uid"]) if pending.get("uid") else None
    if (user is None or not user.active or time.time() - pending.get("at", 0) > limit
            or bool(pending.get("nonce")) != enrolling):
        session.pop("pending_login", None)
        return None
    return user


def _expired() -> Any:
    flash(_("Your sign-in timed out. Enter your e-mail and password again."), "error")
    return redirect(url_for("auth.login"))


def _login_limit() -> str:
    return str(current_app.config.get("STAFF_LOGIN_LIMIT", "30 per 15 minutes"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=limits.failed_sign_in)
def login() -> Any:
    """Sign in with e-mail and password (then the second factor, if the account has one)."""
    if current_user.is_authenticated:
        return redirect(home())
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data,
                            fast=current_app.config.get("ARGON2_FAST", False))
        if user is not None:
            return _second_step(user, request.args.get("next"))
        form.password.errors.append(_("E-mail or password is not right."))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(_code_limit, methods=["POST"])
@limiter.limit(_code_limit, methods=["POST"], key_func=_account_key)
def login_code() -> Any:
    """Second step: the current code of the authenticator app."""
    user = _pending(enrolling=False)
    if user is None:
        return _expired()
    form = CodeForm()
    if form.validate_on_submit():
        if second_factor.check_code(db.session, user, form.code.data):
            return _finish(user, session["pending_login"].get("next"))
        form.code.errors.append(second_factor.WRONG_CODE)
    status = 400 if request.method == "POST" else 200
    return render_template("auth/code.html", form=form), status


def _qr(uri: str) -> Markup:
    """The otpauth URI as an inline SVG QR code (segno: pure Python, no image files). Imported
    here, at enrolment only: 9 MB in every worker otherwise (issue 16)."""
    import segno

    svg = segno.make(uri, error="m").svg_inline(scale=4, border=2, title=_("QR code to scan"))
    return Markup(svg)  # noqa: S704 - segno's own SVG of our URI, no user markup


def _enrol_page(user: User, secret: str, form: CodeForm, action: str, status: int) -> Any:
    uri = second_factor.provisioning_uri(secret, user.email)
    return render_template("auth/enrol.html", form=form, secret=second_factor.grouped(secret),
                           uri=uri, qr=_qr(uri), action=action, required=user.require_2fa), status


def _confirm(user: User, secret: str, form: CodeForm) -> bool:
    """Enrol `user` with `secret` if the form's code matches; errors go onto the form."""
    if not form.validate_on_submit():
        return False
    try:
        second_factor.enrol(db.session, user, secret, form.code.data)
    except InvalidData as exc:
        form.code.errors.append(exc.errors["code"])
        return False
    return True


@bp.route("/login/enrol", methods=["GET", "POST"])
@limiter.limit(_code_limit, methods=["POST"])
@limiter.limit(_code_limit, methods=["POST"], key_func=_account_key)
def login_enrol() -> Any:
    """Second step for an account that requires 2FA and has none yet: enrol, then sign in."""
    user = _pending(enrolling=True)
    if user is None:
        return _expired()
    pending = session["pending_login"]
    secret = second_factor.enrolment_secret(current_app.secret_key or "", user.id, pending["nonce"])
    form = CodeForm()
    if _confirm(user, secret, form):
        flash(_("Two-factor sign-in is set up. You will be asked for a code at every sign-in."),
              "success")
        return _finish(user, pending.get("next"))
    status = 400 if request.method == "POST" else 200
    return _enrol_page(user, secret, form, url_for("auth.login_enrol"), status)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> Any:
    """The signed-in person's own account: name, role, second factor, and the language of
    the staff pages (POST `language`: pt or en, remembered on the account)."""
    if request.method == "GET":
        return render_template("auth/account.html")
    try:
        set_language(db.session, current_user._get_current_object(),
                     request.form.get("language", ""))
    except InvalidData as exc:
        return render_template("auth/account.html", errors=exc.errors), 422
    refresh_locale()  # the confirmation below is already in the chosen language
    flash(_("Language saved."), "success")
    return redirect(url_for("auth.account"))


@bp.route("/account/2fa", methods=["GET", "POST"])
@login_required
@limiter.limit(_code_limit, methods=["POST"])
@limiter.limit(_code_limit, methods=["POST"], key_func=_account_key)
def account_enrol() -> Any:
    """Set up two-factor sign-in (voluntary, or required by an administrator)."""
    user: User = current_user._get_current_object()
    if user.has_2fa:
        flash(_("Two-factor sign-in is already set up. An administrator can reset it (for "
                "example after losing your phone)."), "info")
        return redirect(url_for("auth.account"))
    nonce = session.setdefault("enrol_nonce", second_factor.new_nonce())
    secret = second_factor.enrolment_secret(current_app.secret_key or "", user.id, nonce)
    form = CodeForm()
    if _confirm(user, secret, form):
        session.pop("enrol_nonce", None)
        flash(_("Two-factor sign-in is set up. You will be asked for a code at every sign-in."),
              "success")
        return redirect(url_for("auth.account"))
    status = 400 if request.method == "POST" else 200
    return _enrol_page(user, secret, form, url_for("auth.account_enrol"), status)


@bp.post("/logout")
@login_required
def logout() -> Any:
    """Sign out, here and in every other browser where this account is signed in."""
    end_sessions(db.session, current_user._get_current_object())
    logout_user()
    for key in ("enrol_nonce", staff_session.SINCE, staff_session.SEEN):
        session.pop(key, None)
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))

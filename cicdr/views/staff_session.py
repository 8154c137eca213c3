"""Staff sessions: which account a cookie opens, and for how long.

- The cookie names the account *and* its session generation (`User.get_id`): sign-out, a new
  password, a second-factor reset, a role change or deactivation raise the generation, and every
  cookie carrying an older one is refused by `load_user`, whichever browser holds it.
- A staff session ends after `STAFF_IDLE_MINUTES` without a request (default 30) and, however
  active, `STAFF_MAX_HOURS` after signing in (default 12). Both moments live in the signed
  session cookie and are checked on every request.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import logout_user

from cicdr.extensions import db
from cicdr.models import User
from cicdr.services.core.types import record_id

SINCE, SEEN = "staff_since", "staff_seen"
# The last activity is written into the cookie when it moved on by at least this many seconds:
# a burst of requests does not re-sign and re-send the cookie each time, and the idle limit is
# kept to within these seconds (the session may end up to 10 s before 30 idle minutes).
SEEN_RESOLUTION = 10.0


def load_user(user_id: str) -> User | None:
    """The account of a session id "<id>:<generation>", or None when the generation moved on
    (or the id is malformed: an old cookie without a generation is refused too)."""
    uid, _sep, generation = user_id.partition(":")
    number = record_id(uid)  # None beyond the database's integer keys, or not ASCII digits
    if number is None or not (generation.isascii() and generation.isdigit()):
        return None
    user = db.session.get(User, number)
    if user is None or str(user.session_generation or 0) != generation:
        return None
    return user


def started(now: float | None = None) -> None:
    """Note the moment a staff member finished signing in (after the second factor)."""
    moment = time.time() if now is None else now
    session[SINCE] = session[SEEN] = moment


def _limits() -> tuple[float, float]:
    idle = float(current_app.config.get("STAFF_IDLE_MINUTES", 30)) * 60
    most = float(current_app.config.get("STAFF_MAX_HOURS", 12)) * 3600
    return idle, most


def timed_out(now: float | None = None) -> bool:
    """Whether the signed-in staff session is past its idle or absolute limit."""
    moment = time.time() if now is None else now
    idle, most = _limits()
    since, seen = session.get(SINCE), session.get(SEEN)
    if not isinstance(since, (int, float)) or not isinstance(seen, (int, float)):
        return True  # a session from before the limits existed: sign in again
    return moment - seen > idle or moment - since > most


def enforce_timeouts() -> Any:
    """Before every request of a signed-in staff member: end an expired session, else note
    the activity (requests for static files do not count as activity)."""
    # The account is read from this request's cookie, never from an application context that
    # outlived an earlier request (tests and scripts keep one open across requests).
    g.pop("_login_user", None)
    if "_user_id" not in session or request.endpoint == "static":
        return None
    if timed_out():
        logout_user()
        session.clear()
        flash(_("Your session ended after a period without activity. Sign in again."), "info")
        return redirect(url_for("auth.login", next=request.path)
                        if request.method == "GET" else url_for("auth.login"))
    now = time.time()
    if now - float(session.get(SEEN, 0)) >= SEEN_RESOLUTION:
        session[SEEN] = now
    return None


def init_app(app: Flask) -> None:
    """Register the user loader and the timeout check."""
    from cicdr.extensions import login_manager

    login_manager.user_loader(load_user)
    app.before_request(enforce_timeouts)

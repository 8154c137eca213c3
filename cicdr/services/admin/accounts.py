"""Staff accounts: creation, changes and password checks (argon2id).

Changes that would open case contents to someone wait for a second person's approval when made
by a signed-in administrator (see `four_eyes`); the command line, which passes no actor,
creates the first accounts directly.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from cicdr.models import User
from cicdr.models.base import utcnow
from cicdr.services import audit
from cicdr.services.admin import four_eyes
from cicdr.services.core.actors import SystemActor
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.types import DbSession
from workflows.spec import Role
from workflows.text import N_

_hasher = PasswordHasher()
# Tests create many users: cheap parameters there only (TestConfig.ARGON2_FAST).
_fast_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
# Verified against for unknown e-mails, so they cost what a known one does. A stored hash of
# "not-a-real-password" with the default parameters: hashing it at import took 64 MiB and
# 0.15 s in every process (worker memory, issue 16). Should argon2's defaults change, the
# stale literal is replaced by a fresh hash on first use.
_DUMMY = ("$argon2id$v=19$m=65536,t=3,p=4$jbb0pWuRgcbFosUm1KSLAg$"  # noqa: S105
          "juF/6vKy/m/FZ7iKXKzt8urJxCvn03CQvnXNJLcDqdg")


@functools.cache
def _dummy() -> str:
    """The hash verified for unknown e-mails, with the current default parameters."""
    return _hasher.hash("not-a-real-password") if _hasher.check_needs_rehash(_DUMMY) \
        else _DUMMY  # noqa: S106


def hasher(fast: bool = False) -> PasswordHasher:
    return _fast_hasher if fast else _hasher


def create_user(session: DbSession, *, email: str, name: str, role: str, password: str,
                actor: Any = None, fast: bool = False) -> User:
    """Create a staff account (audited) and commit.

    Without `actor` (the command line, the demo seeding) the account is active at once; made by
    a signed-in administrator, an account of a guarded role stays inactive until another
    administrator or the president approves it."""
    email = email.strip().lower()
    errors = {}
    if role not in Role.STAFF:
        errors["role"] = N_("Choose one of: %(choices)s.", choices=", ".join(Role.STAFF))
    if "@" not in email:
        errors["email"] = N_("Enter an e-mail address.")
    if len(password) < 10:
        errors["password"] = N_("Use at least 10 characters.")  # noqa: S105 - a message
    if session.scalar(select(User).where(func.lower(User.email) == email)):
        errors["email"] = N_("An account with this e-mail already exists.")
    if errors:
        raise InvalidData(errors)
    needs_approval = actor is not None and role in four_eyes.GUARDED_ROLES
    try:
        user = User(email=email, name=name.strip() or email, role=role,
                    password_hash=hasher(fast).hash(password), active=not needs_approval)
        session.add(user)
        session.flush()
        audit.record(session, subject_type="user", subject_id=user.id, subject_ref=email,
                     actor=actor or SystemActor("create-user"), action="create_user",
                     data={"email": email, "role": role})
        if needs_approval:
            four_eyes.ask(session, user, actor, "create", {"role": role})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return user


def authenticate(session: DbSession, email: str, password: str, *,
                 fast: bool = False) -> User | None:
    """The active user with these credentials, or None (same work either way)."""
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None or not user.active:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_dummy(), password)
        return None
    try:
        hasher(fast).verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if hasher(fast).check_needs_rehash(user.password_hash):
        user.password_hash = hasher(fast).hash(password)
        session.commit()
    return user


def record_sign_in(session: DbSession, user: User) -> None:
    """Note the moment the user finished signing in (after the second factor, if any)."""
    user.last_login_at = utcnow()
    session.commit()


def end_sessions(session: DbSession, user: User) -> None:
    """End every open session of `user` (sign-out ends the other browsers' too); commits."""
    user.end_sessions()
    session.commit()


def update_user(session: DbSession, user: User, actor: Any, *, role: str | None = None,
                active: bool | None = None, require_2fa: bool | None = None) -> User:
    """Change a staff account's role, activity or 2FA requirement (audited with old and new
    values); commits. None leaves a field as it is. A new guarded role and a reactivation become
    access requests that wait for approval; deactivation and the 2FA requirement apply at once.

    An administrator cannot deactivate or demote their own account (someone must remain able
    to manage accounts)."""
    errors = {}
    if role is not None and role not in Role.STAFF:
        errors["role"] = N_("Choose one of: %(choices)s.", choices=", ".join(Role.STAFF))
    if getattr(actor, "id", None) == user.id and (active is False or
                                                  (role and role != user.role)):
        errors["user"] = N_("You cannot deactivate your own account or change your own role.")
    if errors:
        raise InvalidData(errors)
    changes: dict[str, dict[str, Any]] = {}
    if role is not None and role != user.role:
        changes["role"] = {"old": user.role, "new": role}
    if active is not None and active != user.active:
        changes["active"] = {"old": user.active, "new": active}
    if require_2fa is not None and require_2fa != user.require_2fa:
        changes["require_2fa"] = {"old": user.require_2fa, "new": require_2fa}
    asks = _approvals_needed(user, changes)
    if not changes and not asks:
        return user
    try:
        for kind, payload in asks:
            four_eyes.ask(session, user, actor, kind, payload)
        _apply_changes(session, user, actor, changes)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return user


def _approvals_needed(user: User, changes: dict[str, dict[str, Any]]) -> list[
        tuple[str, dict[str, Any]]]:
    """Take out of `changes` those that need a second person; return them as requests."""
    asks: list[tuple[str, dict[str, Any]]] = []
    role = changes.get("role")
    if role and four_eyes.guarded(user, role["new"]):
        asks.append(("role", {"role": changes.pop("role")}))
    if changes.get("active", {}).get("new") is True and four_eyes.guarded(user):
        changes.pop("active")
        asks.append(("activate", {}))
    return asks


def _apply_changes(session: DbSession, user: User, actor: Any,
                   changes: dict[str, dict[str, Any]]) -> None:
    """Set the changes allowed at once, audited; end the sessions a role or status change
    affects."""
    if not changes:
        return
    for field, change in changes.items():
        setattr(user, field, change["new"])
    if "role" in changes or "active" in changes:
        user.end_sessions()  # what the open sessions were allowed to do has changed
    audit.record(session, subject_type="user", subject_id=user.id, subject_ref=user.email,
                 actor=actor, action="update_user", data=changes)


STAFF_LANGUAGES = ("pt", "en")  # the staff pages exist in Portuguese (default) and English


def set_language(session: DbSession, user: User, language: str) -> User:
    """Remember the language `user` reads the staff pages in (audited as an account change,
    by the person themself); commits. Refuses a language the staff pages are not in."""
    if language not in STAFF_LANGUAGES:
        raise InvalidData({"language": N_("Choose Português or English.")})
    if language == user.language:
        return user
    try:
        change = {"language": {"old": user.language, "new": language}}
        user.language = language
        audit.record(session, subject_type="user", subject_id=user.id, subject_ref=user.email,
                     actor=user, action="update_user", data=change)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return user


def reset_password(session: DbSession, user: User, actor: Any, password: str, *,
                   fast: bool = False) -> bool:
    """Set a new password chosen by the administrator (audited, the password never); commits.

    For an account of a guarded role the new password waits for approval (its hash is kept in
    the request until then); returns whether it applies now."""
    if len(password) < 10:
        raise InvalidData({"password": N_("Use at least 10 characters.")})  # noqa: S105 - a message
    if four_eyes.guarded(user):
        try:
            four_eyes.ask(session, user, actor, "password",
                                {"password_hash": hasher(fast).hash(password)})
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return False
    try:
        user.password_hash = hasher(fast).hash(password)
        user.end_sessions()
        audit.record(session, subject_type="user", subject_id=user.id, subject_ref=user.email,
                     actor=actor, action="reset_password", data={})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return True

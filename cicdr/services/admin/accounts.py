"""Staff accounts: creation and password checks (argon2id)."""

from __future__ import annotations

import contextlib
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from cicdr.models import User
from cicdr.models.base import utcnow
from cicdr.services import audit
from cicdr.services.core.actors import SystemActor
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.types import DbSession
from workflows.spec import Role
from workflows.text import N_

_hasher = PasswordHasher()
# Tests create many users: cheap parameters there only (TestConfig.ARGON2_FAST).
_fast_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_DUMMY = _hasher.hash("not-a-real-password")  # noqa: S106  # equalises timing for unknown emails


def hasher(fast: bool = False) -> PasswordHasher:
    return _fast_hasher if fast else _hasher


def create_user(session: DbSession, *, email: str, name: str, role: str, password: str,
                actor: Any = None, fast: bool = False) -> User:
    """Create a staff account (audited) and commit."""
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
    try:
        user = User(email=email, name=name.strip() or email, role=role,
                    password_hash=hasher(fast).hash(password), active=True)
        session.add(user)
        session.flush()
        audit.record(session, subject_type="user", subject_id=user.id, subject_ref=email,
                     actor=actor or SystemActor("create-user"), action="create_user",
                     data={"email": email, "role": role})
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
            _hasher.verify(_DUMMY, password)
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


def update_user(session: DbSession, user: User, actor: Any, *, role: str | None = None,
                active: bool | None = None, require_2fa: bool | None = None) -> User:
    """Change a staff account's role, activity or 2FA requirement (audited with old and new
    values); commits. None leaves a field as it is.

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
    if not changes:
        return user
    try:
        for field, change in changes.items():
            setattr(user, field, change["new"])
        audit.record(session, subject_type="user", subject_id=user.id, subject_ref=user.email,
                     actor=actor, action="update_user", data=changes)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return user


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
                   fast: bool = False) -> None:
    """Set a new password chosen by the administrator (audited, the password never); commits."""
    if len(password) < 10:
        raise InvalidData({"password": N_("Use at least 10 characters.")})  # noqa: S105 - a message
    try:
        user.password_hash = hasher(fast).hash(password)
        audit.record(session, subject_type="user", subject_id=user.id, subject_ref=user.email,
                     actor=actor, action="reset_password", data={})
        session.commit()
    except BaseException:
        session.rollback()
        raise

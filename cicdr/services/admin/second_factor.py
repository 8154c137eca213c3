"""Staff second factor: time-based one-time codes (TOTP, RFC 6238) with pyotp.

- A code is accepted in its own 30-second step or one step either side (phone clocks drift),
  and only once: the step of the last accepted code is stored (`users.totp_last_step`) and a
  code of that step or an earlier one is refused, so a code seen over a shoulder cannot be
  replayed. The check and the update are one conditional UPDATE, so two requests racing with the
  same code cannot both pass.
- While someone enrols, the secret offered is derived from the server's SECRET_KEY and a random
  nonce kept in their session: the session cookie (signed, not encrypted) never carries the
  secret itself, and nothing is written to the database until a code from the app confirms it.
- Secrets never reach the audit log: enrolment and resets are recorded as "enrolled: yes/no".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from typing import Any

import pyotp
from sqlalchemy import or_, update

from cicdr.models import User
from cicdr.services import audit
from cicdr.services.admin import four_eyes
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.types import DbSession, whole_number
from workflows.text import N_

ISSUER = "CICDR"
DIGITS = 6
DRIFT_STEPS = 1  # accept the previous and the next 30-second step too
WRONG_CODE = (N_("The code is not right, or it was already used. Enter the 6-digit code your "
                 "authenticator app shows now."))


def new_nonce() -> str:
    """A random value kept in the session while someone enrols (see `enrolment_secret`)."""
    return secrets.token_urlsafe(16)


def enrolment_secret(server_key: str | bytes, user_id: int, nonce: str) -> str:
    """The base32 secret offered to `user_id` for this enrolment attempt (160 bits)."""
    key = server_key.encode() if isinstance(server_key, str) else server_key
    digest = hmac.new(key, f"cicdr-totp-enrol:{user_id}:{nonce}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()[:20]).decode()


def provisioning_uri(secret: str, email: str) -> str:
    """The otpauth:// URI authenticator apps read (as text or as a QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code is `code` (within the drift window), or None."""
    code = "".join(code.split())
    if len(code) != DIGITS or whole_number(code, 10**DIGITS) is None:
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(time.time() if now is None else now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def check_code(session: DbSession, user: User, code: str, *, now: float | None = None) -> bool:
    """Whether `code` is a valid, unused code of `user`; accepting it spends it (commits)."""
    if user.totp_secret is None:
        return False
    step = matching_step(user.totp_secret, code, now)
    if step is None:
        return False
    spent = session.execute(
        update(User).where(User.id == user.id, or_(User.totp_last_step.is_(None),
                                                   User.totp_last_step < step))
        .values(totp_last_step=step).execution_options(synchronize_session="fetch"))
    if getattr(spent, "rowcount", 0) != 1:  # replayed, or beaten to it by a racing request
        session.rollback()
        return False
    session.commit()
    return True


def enrol(session: DbSession, user: User, secret: str, code: str, *,
          now: float | None = None) -> None:
    """Store `secret` as the user's second factor once `code` proves the app has it (audited,
    the secret never); commits. Raises InvalidData when the code does not match."""
    step = matching_step(secret, code, now)
    if step is None:
        raise InvalidData({"code": WRONG_CODE})
    try:
        was = user.totp_secret is not None
        user.totp_secret, user.totp_last_step = secret, step
        audit.record(session, subject_type="user", subject_id=user.id, subject_ref=user.email,
                     actor=user, action="enrol_2fa",
                     data={"totp_enrolled": {"old": was, "new": True}})
        session.commit()
    except BaseException:
        session.rollback()
        raise


def reset(session: DbSession, user: User, actor: Any) -> bool:
    """Remove the user's second factor (a lost phone); audited; commits. Returns whether it
    applies now: for an account of a guarded role it waits for a second person's approval.

    If 2FA is required for the account, the person enrols again at their next sign-in."""
    if user.totp_secret is None:
        raise InvalidData({"totp": N_("%(email)s has no second factor to reset.",
                                      email=user.email)})
    if four_eyes.guarded(user):
        try:
            four_eyes.ask(session, user, actor, "reset_2fa")
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return False
    try:
        user.totp_secret, user.totp_last_step = None, None
        user.end_sessions()
        audit.record(session, subject_type="user", subject_id=user.id, subject_ref=user.email,
                     actor=actor, action="reset_2fa",
                     data={"totp_enrolled": {"old": True, "new": False}})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return True

"""Staff accounts and their role (domain.md section 2)."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, DateTime, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from cicdr.extensions import Model
from cicdr.models.base import utcnow
from workflows.spec import Role


class User(UserMixin, Model):
    """A staff member. One role per account keeps separation of duties legible."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN {tuple(Role.STAFF)!r}", name="role_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, never the password
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Second factor (TOTP, RFC 6238). The base32 secret is None until the person enrols; it is
    # never shown again after enrolment nor written to the audit log.
    totp_secret: Mapped[str | None] = mapped_column(String(32))
    # The time step (30-second window number) of the last accepted code: a code is refused
    # unless its step is later, so an observed code cannot be replayed.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # Set by an administrator: the person must enrol a second factor before using anything.
    require_2fa: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Raised by sign-out, a password or second-factor reset, a role change and deactivation: a
    # staff session carries the generation it was opened in (`get_id`), and the user loader
    # refuses any other, so every open session of the person ends at once.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The language of the staff pages for this person: Portuguese unless they chose English.
    language: Mapped[str] = mapped_column(String(2), default="pt", server_default="pt")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        """What Flask-Login keeps in the session: the id and the session generation."""
        return f"{self.id}:{self.session_generation or 0}"

    def end_sessions(self) -> None:
        """End every open session of this account (committed with the caller's change)."""
        self.session_generation = (self.session_generation or 0) + 1

    @property
    def has_2fa(self) -> bool:
        """Whether a second factor is enrolled (a code is asked at every sign-in)."""
        return self.totp_secret is not None

    @property
    def label(self) -> str:
        """How the user is named in the audit log."""
        return f"{self.name} <{self.email}>"

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"

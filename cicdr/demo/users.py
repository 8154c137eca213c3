"""The demo accounts: one or two per role, all with the documented demo password."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from cicdr.models import User
from cicdr.services.admin.accounts import create_user
from cicdr.services.core.types import DbSession

DEMO_PASSWORD = "demo-cicdr-2026"  # noqa: S105 - documented demo password, demo data only

DEMO_USERS: list[tuple[str, str, str]] = [
    ("officer@demo.cicdr.pt", "Ana Tavares", "officer"),
    ("officer2@demo.cicdr.pt", "Bruno Costa", "officer"),
    ("president@demo.cicdr.pt", "Helena Marques", "president"),
    ("commissioner@demo.cicdr.pt", "Rui Fonseca", "commissioner"),
    ("commissioner2@demo.cicdr.pt", "Marta Lobo", "commissioner"),
    ("auditor@demo.cicdr.pt", "Carla Neves", "auditor"),
    ("admin@demo.cicdr.pt", "Tiago Reis", "admin"),
]


@dataclass(frozen=True)
class Staff:
    """The demo accounts the stories act as, by role."""

    officers: tuple[User, ...]
    president: User
    commissioners: tuple[User, ...]

    @classmethod
    def of(cls, users: dict[str, User]) -> Staff:
        """Group the accounts `ensure_users` returned by role."""
        def by_role(role: str) -> tuple[User, ...]:
            return tuple(users[email] for email, _name, r in DEMO_USERS if r == role)

        return cls(by_role("officer"), by_role("president")[0], by_role("commissioner"))


def ensure_users(session: DbSession, *, fast: bool) -> dict[str, User]:
    """The demo accounts by e-mail, created when missing (so the seed is safe to re-run)."""
    users = {}
    for email, name, role in DEMO_USERS:
        user = session.scalar(select(User).where(func.lower(User.email) == email))
        if user is None:
            user = create_user(session, email=email, name=name, role=role,
                               password=DEMO_PASSWORD, fast=fast)
        users[email] = user
    return users

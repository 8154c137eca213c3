"""Who acts: a staff user, the complainant (by reference and code) or the system."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workflows.spec import Role


@dataclass(frozen=True)
class ComplainantActor:
    """The person who filed a complaint, authenticated by its reference and access code."""

    reference: str
    id: None = None
    role: str = Role.COMPLAINANT

    @property
    def label(self) -> str:
        return f"complainant of {self.reference}"


@dataclass(frozen=True)
class SystemActor:
    """Scheduled work (finality, prescription, closing)."""

    job: str = "system"
    id: None = None
    role: str = Role.SYSTEM

    @property
    def label(self) -> str:
        return f"system ({self.job})"


SYSTEM = SystemActor()


def actor_label(actor: Any) -> str:
    """How an actor is written in the audit log."""
    return str(getattr(actor, "label", None) or getattr(actor, "email", None) or actor.role)

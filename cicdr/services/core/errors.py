"""Domain errors raised by services; views turn them into messages, never into a 500."""

from __future__ import annotations

from workflows.spec import InvalidData, TransitionDenied, WorkflowError
from workflows.text import N_

__all__ = ["Conflict", "InvalidData", "NotFound", "ServiceError", "TransitionDenied",
           "WorkflowError"]


class ServiceError(WorkflowError):
    """Base of the service layer's own errors."""


class Conflict(ServiceError):
    """Someone else changed the record since it was read: reload and try again."""

    def __init__(self, what: str) -> None:
        super().__init__(N_("%(what)s was changed by someone else in the meantime. Reload the "
                            "page to see the change, then try again.", what=what))


class NotFound(ServiceError):
    """The record asked for does not exist (or is not visible to this actor)."""

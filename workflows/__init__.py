"""The legal core: CICDR's three workflows, deadlines, prescription and sanctions.

Pure Python: importing this package never imports Flask or SQLAlchemy (a test checks it). A
subject is any object with a `state` attribute, a `WORKFLOW` name (`complaint`, `proceeding`,
`referral`) and the facts its workflow's guards read (see each workflow module's docstring).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workflows.engine import Option, TransitionRecord, Workflow
from workflows.spec import Actor, InvalidData, Role, TransitionDenied, WorkflowError


def workflows() -> dict[str, Workflow]:
    """The three workflows by name."""
    from workflows import complaint, proceeding, referral

    return {w.name: w for w in (complaint.WORKFLOW, proceeding.WORKFLOW, referral.WORKFLOW)}


def workflow_for(subject: Any) -> Workflow:
    """The workflow that governs a subject, from its `WORKFLOW` name."""
    return workflows()[subject.WORKFLOW]


def available_triggers(subject: Any, user: Actor, today: date | None = None) -> list[Option]:
    """What `user` may fire on `subject` now, and each blocked trigger with its reason."""
    return workflow_for(subject).options(subject, user, today or date.today())


__all__ = [
    "Actor",
    "InvalidData",
    "Option",
    "Role",
    "TransitionDenied",
    "TransitionRecord",
    "Workflow",
    "WorkflowError",
    "available_triggers",
    "workflow_for",
    "workflows",
]

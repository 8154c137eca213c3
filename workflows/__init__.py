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
from workflows.tables import LegalTables


def workflows() -> dict[str, Workflow]:
    """The three workflows by name."""
    from workflows import complaint, proceeding, referral

    return {w.name: w for w in (complaint.WORKFLOW, proceeding.WORKFLOW, referral.WORKFLOW)}


def workflow_for(subject: Any) -> Workflow:
    """The workflow that governs a subject, from its `WORKFLOW` name."""
    return workflows()[subject.WORKFLOW]


def available_triggers(subject: Any, user: Actor, today: date | None = None, *,
                       tables: LegalTables | None = None) -> list[Option]:
    """What `user` may fire on `subject` on `today`, and each blocked trigger with its reason,
    under the legal tables `tables` (the default tables when None).

    The legal core never reads the clock: `today` must be given (None raises TypeError)."""
    if today is None:
        raise TypeError("available_triggers needs today's date: the legal core never reads "
                        "the clock.")
    return workflow_for(subject).options(subject, user, today, tables=tables)


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

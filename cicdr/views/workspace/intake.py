"""Officers register complaints received by e-mail, post, telephone or in person."""

from __future__ import annotations

from typing import Any

from cicdr.views import complaint_form as wizard
from cicdr.views.workspace.blueprint import bp, require_role
from workflows.spec import Role


@bp.get("/new-complaint")
def new_complaint() -> Any:
    """Register a complaint received by e-mail, post, telephone or in person."""
    require_role(Role.OFFICER)
    return wizard.start(wizard.STAFF)


@bp.route("/new-complaint/<step>", methods=["GET", "POST"])
def new_complaint_step(step: str) -> Any:
    """One step of the complaint form, as the officer registering it."""
    require_role(Role.OFFICER)
    return wizard.step(wizard.STAFF, step)


@bp.get("/new-complaint/done")
def new_complaint_step_done() -> Any:
    """The reference and access code to pass on to the complainant."""
    require_role(Role.OFFICER)
    return wizard.done(wizard.STAFF)


@bp.get("/new-complaint/done/code.txt")
def new_complaint_step_done_text() -> Any:
    require_role(Role.OFFICER)
    return wizard.done_text(wizard.STAFF)

"""Messages with the complainant and internal notes on a complaint page.

Two routes that write, and a template global that gives `workspace/_messages.html` what it
shows, so the case page (`cases.render_case`) needs no change to include them. Also the
blueprint's delivery of the e-mail that a request's change queued (after its commit).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cicdr.extensions import db
from cicdr.forms.messages import ComplainantMessageForm, NoteForm
from cicdr.i18n import tr_all
from cicdr.models import Complaint
from cicdr.services.casework import messages
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.notify import events
from cicdr.views.workspace.blueprint import bp, get_case_or_404, require_role
from cicdr.views.workspace.cases import render_case

FORMS: dict[str, Any] = {"message": ComplainantMessageForm, "note": NoteForm}
Service = Callable[..., Any]


@dataclass(frozen=True)
class Panel:
    """What the messages partial shows for one complaint and the signed-in user."""

    conversation: list[messages.StaffMessage]
    notes: list[messages.StaffMessage]
    forms: dict[str, Any]
    can_write: bool  # to the complainant
    can_note: bool
    emailed: bool  # whether the complainant is told of a new message by e-mail


@bp.app_template_global()
def messages_panel(subject: Complaint) -> Panel:
    """Messages and notes of `subject`, with the forms this user may use (none for auditors);
    a form sent with an error comes back with what was typed."""
    kept = g.get("messages_forms", {})
    forms = {name: kept.get(name) or cls(prefix=name) for name, cls in FORMS.items()}
    open_ = subject.anonymised_at is None
    return Panel(conversation=messages.conversation(db.session, subject),
                 notes=messages.notes(db.session, subject), forms=forms,
                 can_write=open_ and current_user.role in messages.WRITERS,
                 can_note=open_ and current_user.role in messages.NOTE_TAKERS,
                 emailed=events.complainant_address(subject) is not None)


@bp.post("/complaints/<key>/messages")
def write_message(key: str) -> Any:
    """Write to the complainant (officer or president); they read it on the follow-up page."""
    require_role(*messages.WRITERS)
    return _save(get_case_or_404("complaints", key), "message",
                 messages.write_to_complainant, _("Message sent to the complainant."))


@bp.post("/complaints/<key>/notes")
def add_note(key: str) -> Any:
    """Add an internal note (officer, president or commissioner); staff only."""
    require_role(*messages.NOTE_TAKERS)
    return _save(get_case_or_404("complaints", key), "note", messages.add_note,
                 _("Internal note added."))


def _save(complaint: Complaint, name: str, service: Service, done: str) -> Any:
    """Run `service` with the form's text; on a problem, show the page again with the text."""
    form = FORMS[name](prefix=name)
    status = 422
    if not form.validate_on_submit():
        form.body.errors = [_("The form expired. Send it again.")]
    else:
        try:
            service(db.session, complaint, form.body.data or "", current_user)
        except InvalidData as exc:
            form.body.errors = list(exc.errors.values())
        except TransitionDenied as exc:
            form.body.errors, status = [exc.reason], 403
        else:
            flash(done, "success")
            return redirect(url_for("workspace.case", kind="complaints",
                                    key=complaint.reference) + f"#{name}s")
    g.messages_forms = {name: form}
    flash(_("Not saved:") + " " + tr_all(form.body.errors), "error")
    return render_case(complaint, status=status)

"""The confirmation page of an irreversible step, without JavaScript.

An irreversible trigger (`workflows.irreversible`) is fired in two posts. The first, from the
action's form, is checked like a firing (`transition.validate`: errors go back to the form,
422) and, when valid, answered with this page: the consequence in words, what was entered in
words, the same data in hidden fields (with a fresh CSRF token and the version the user saw),
a Confirm button, a button to change what was entered, and a Go back link that changes
nothing. Only the second post, carrying `confirmed=1`, fires the trigger, and its audit event
records the consequence that was confirmed. The bulk joins use the same page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from cicdr.extensions import db
from cicdr.i18n import tr
from cicdr.services.audit import access
from cicdr.services.casework.bulk import JoinPlan
from cicdr.services.engine.transition import describe
from workflows import labels
from workflows.spec import Trigger

CONFIRMED = "confirmed"  # the field of the second post (the Confirm button)
EDIT = "edit"  # the field of the "change what I entered" button
_CONTROL = {"csrf_token", CONFIRMED, EDIT}


def confirmed() -> bool:
    """Whether this post is the confirmation (the Confirm button of the page)."""
    return request.form.get(CONFIRMED) == "1"


def editing() -> bool:
    """Whether this post asks to go back to the form with what was entered."""
    return request.form.get(EDIT) == "1"


def carried() -> list[tuple[str, str]]:
    """What the first post carried, to post again from the page (not its control fields)."""
    return [(k, v) for k, v in request.form.items(multi=True) if k not in _CONTROL]


def render(*, title: str, consequence: str, rows: Sequence[tuple[str, str]], action: str,
           back: str, trigger: str, subject: Any = None, items: Iterable[str] = ()) -> Any:
    """The confirmation page (200) of `trigger` on `subject` (None: on the `items`, the
    references of the cases concerned): `rows` say what was entered (translated by the caller);
    the title, the consequence and the case's name are translated here. A page showing a case's
    contents is a read on record, like the case page (an access record, not an event of the
    case: only the confirmed firing adds one)."""
    page = render_template("workspace/confirm.html", title=tr(title), consequence=tr(consequence),
                           rows=list(rows), action=action, back=back, carried=carried(),
                           subject_name=tr(describe(subject)) if subject is not None else None,
                           items=list(items))
    if subject is not None:
        access.record(db.session, current_user, access.VIEW, subject=subject,
                      endpoint=request.path, data={"confirmation": trigger})
    return page, 200


def join_rows(plan: JoinPlan) -> list[tuple[str, str]]:
    """What a join of complaints into one proceeding was asked to do, in words."""
    if plan.proceeding is not None:
        return [(_("Proceeding they join"), plan.proceeding)]
    name = plan.instructor.name if plan.instructor is not None else "—"
    return [(_("Instructor of the new proceeding"), name)]


def action_rows(subject: Any, spec: Trigger, form: Any,
                data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What was entered in an action's form, as (label, words) in the order of its fields, in
    the reader's language."""
    rows: list[tuple[str, str]] = []
    for f in spec.fields:
        if f.kind == "decisions":
            names = {str(r.id): r.name for r in getattr(subject, "respondents", [])}
            for rid, decision in (data.get("decisions") or {}).items():
                rows.append((names.get(rid, rid), decision_words(decision)))
            continue
        rows.append((str(tr(f.label)), _shown(form[f.name])))
    return rows


def _shown(field: Any) -> str:
    """A parsed form field's value as a person reads it: the label of a chosen option."""
    if field.type in ("SelectField", "CheckboxesField"):
        chosen = [str(opt.label.text) for opt in field if opt.checked and opt.data != ""]
        return ", ".join(chosen) or "—"
    value = field.data
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.type == "DecimalField":
        return f"EUR {value}"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def decision_words(decision: Any) -> str:
    """One respondent's proposed decision in words: outcome, amount, accessory sanctions."""
    text = str(tr(labels.label("outcome", decision.outcome)))
    if decision.amount is not None:
        text += f", EUR {decision.amount}"
    extras = [_("%(kind)s (%(months)s months)", kind=tr(labels.label("accessory", a.kind)),
                months=a.months) if a.months else str(tr(labels.label("accessory", a.kind)))
              for a in decision.accessories]
    return text + ("; " + ", ".join(extras) if extras else "")

"""One form per workflow trigger, built from the trigger's declared fields.

The forms only parse: each declared field becomes an input of its type with its choices, and
nothing else. They carry no validators, because the workflow validates the data when the trigger
is fired (`Workflow.clean` and the trigger's checks); a view shows its InvalidData messages on
these fields. `submitted` hands the workflow what was typed, raw where it did not parse, so a bad
value gets the workflow's message for that field rather than a silent None.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)

from cicdr.i18n import tr
from cicdr.request_tables import tables
from cicdr.services.core.types import whole_number
from workflows import sanctions
from workflows.labels import label
from workflows.spec import Field, Trigger


def _choices(f: Field) -> list[SelectChoice]:
    """The field's codes under their names: the vocabulary's labels, else the legal core's."""
    labels = tables().vocabularies.get(f.vocabulary or "", {})
    return [SelectChoice("", "—")] + [
        SelectChoice(c, labels.get(c) or str(tr(label("choice", c)))) for c in f.choices]


def _label(f: Field) -> Any:
    """The field's label, translated when the form is shown."""
    return LazyString(tr, f.label)


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (rendered in a fieldset by `render_field`)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _wtf_field(f: Field, users: list[tuple[str, str]],
               choices: dict[str, list[tuple[str, str]]]) -> Any:
    """The input of one declared field: its type and choices, no validators (see above)."""
    shown = {"render_kw": {"required": True}} if f.required else {}  # said to the user only
    if f.kind == "documents":
        return CheckboxesField(_label(f), choices=[SelectChoice(k, v)
                                                 for k, v in choices.get("documents", [])],
                               **shown)
    if f.kind in ("deadline", "respondent"):
        return SelectField(_label(f), choices=[SelectChoice("", "—")] + [
            SelectChoice(k, v) for k, v in choices.get(f.kind, [])], **shown)
    if f.kind == "date":
        return DateField(_label(f), **shown)
    if f.kind == "choice":
        return SelectField(_label(f), choices=_choices(f), **shown)
    if f.kind == "user":
        return SelectField(_label(f), choices=[SelectChoice("", "—"),
                                             *(SelectChoice(k, v) for k, v in users)], **shown)
    if f.kind == "amount":
        return DecimalField(_label(f), places=2, **shown)
    if f.kind == "reference":
        return StringField(_label(f), **shown)
    return TextAreaField(_label(f), **shown)


def action_form(trigger: Trigger, users: list[tuple[str, str]], formdata: Any = None,
                choices: dict[str, list[tuple[str, str]]] | None = None) -> FlaskForm:
    """A CSRF-protected form asking for exactly the data `trigger` requires; `users` are the
    choices of its staff fields, `choices` those of its other fields by kind (documents,
    deadline)."""
    attrs: dict[str, Any] = {"version": HiddenField(_l("Version"))}
    for f in trigger.fields:
        if f.kind != "decisions":
            attrs[f.name] = _wtf_field(f, users, choices or {})
    form_class = type(f"{trigger.name.title()}Form", (FlaskForm,), attrs)
    return form_class(formdata=formdata, prefix=trigger.name)


def submitted(form: FlaskForm, trigger: Trigger) -> dict[str, Any]:
    """The data for `trigger` from its posted form: each declared field's parsed value, or the
    text as typed when it did not parse (a date like 31/02), for the workflow to refuse."""
    data: dict[str, Any] = {}
    for f in trigger.fields:
        if f.kind == "decisions":
            continue
        field = form[f.name]
        data[f.name] = field.raw_data[0] if field.process_errors and field.raw_data \
            else field.data
    return data


def decisions_from(formdata: Any, prefix: str, respondent_ids: list[str]) -> dict[str, Any]:
    """Read the per-respondent decision inputs into ProposedDecision objects."""
    decisions = {}
    for rid in respondent_ids:
        key = f"{prefix}-decision-{rid}"
        outcome = formdata.get(f"{key}-outcome", "")
        if not outcome:
            continue
        amount_raw = formdata.get(f"{key}-amount", "").strip().replace(",", ".")
        try:
            amount = Decimal(amount_raw) if amount_raw else None
        except ArithmeticError:
            amount = Decimal("-1")  # refused with the bounds by the validator
        accessories = []
        for kind in sanctions.ACCESSORY_KINDS:
            if not formdata.get(f"{key}-acc-{kind}"):
                continue
            months_raw = formdata.get(f"{key}-acc-{kind}-months", "").strip()
            # A duration that is not a whole number is refused with the rule by the validator.
            months = whole_number(months_raw, 10_000)
            months = months if months is not None else (-1 if months_raw else None)
            accessories.append(sanctions.Accessory(kind, months))
        decisions[rid] = sanctions.ProposedDecision(outcome, amount, tuple(accessories))
    return decisions

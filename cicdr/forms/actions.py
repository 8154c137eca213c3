"""One form per workflow trigger, built from the trigger's declared fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Optional

from workflows import sanctions
from workflows.spec import Field, Trigger
from workflows.vocabularies import VOCABULARIES

BODY_LABELS = VOCABULARIES["body"]


def _choices(f: Field) -> list[SelectChoice]:
    labels = VOCABULARIES.get(f.vocabulary or "", {})
    return [SelectChoice("", "—")] + [SelectChoice(c, labels.get(c, c.replace("_", " ")))
                                      for c in f.choices]


def _wtf_field(f: Field, users: list[tuple[str, str]]) -> Any:
    check = [DataRequired()] if f.required else [Optional()]
    if f.kind == "date":
        return DateField(f.label, validators=check)
    if f.kind == "choice":
        return SelectField(f.label, choices=_choices(f), validators=check)
    if f.kind == "user":
        return SelectField(f.label, choices=[SelectChoice("", "—"),
                                             *(SelectChoice(k, v) for k, v in users)],
                           validators=check)
    if f.kind == "amount":
        return DecimalField(f.label, places=2, validators=check)
    if f.kind == "reference":
        return StringField(f.label, validators=check)
    return TextAreaField(f.label, validators=check)


def action_form(trigger: Trigger, users: list[tuple[str, str]],
                formdata: Any = None) -> FlaskForm:
    """A CSRF-protected form asking for exactly the data `trigger` requires."""
    attrs: dict[str, Any] = {"version": HiddenField()}
    for f in trigger.fields:
        if f.kind != "decisions":
            attrs[f.name] = _wtf_field(f, users)
    form_class = type(f"{trigger.name.title()}Form", (FlaskForm,), attrs)
    return form_class(formdata=formdata, prefix=trigger.name)


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
        kind = formdata.get(f"{key}-accessory", "")
        if kind:
            months_raw = formdata.get(f"{key}-months", "").strip()
            months = int(months_raw) if months_raw.isdigit() else None
            accessories.append(sanctions.Accessory(kind, months))
        decisions[rid] = sanctions.ProposedDecision(outcome, amount, tuple(accessories))
    return decisions

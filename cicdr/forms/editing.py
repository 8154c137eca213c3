"""Staff forms that classify or correct a case's facts (no workflow state change)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from cicdr.request_tables import tables

REPORT_FIELDS = ("victim_kind", "victim_sex", "expression")


def _choices(vocabulary: str, blank: bool = False) -> list[SelectChoice]:
    options = [SelectChoice(code, label) for code, label in tables().labels(vocabulary).items()]
    return ([SelectChoice("", "—")] if blank else []) + options


class ClassificationForm(FlaskForm):
    """Triage: where, when, in which context, which practice and grounds."""

    version = HiddenField(_l("Version"))
    facts_date = DateField(_l("Date of the facts"), validators=[DataRequired()])
    district = SelectField(_l("District"))
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    context = SelectField(_l("Context"))
    practice = SelectField(_l("Practice (Lei 93/2017 art. 4(2))"), validators=[Optional()])
    # The annual report's codes (issue 13); empty: not known.
    victim_kind = SelectField(_l("Victim: a person, a group or a community"),
                              validators=[Optional()])
    victim_sex = SelectField(_l("Victim's sex (an individual)"), validators=[Optional()])
    expression = SelectField(_l("Expression of the ground (coded)"), validators=[Optional()])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices at construction time: the administrator may have changed the vocabularies.
        self.district.choices = _choices("district")
        self.context.choices = _choices("context")
        self.practice.choices = _choices("practice", True)
        self.victim_kind.choices = _choices("victim_kind", True)
        self.victim_sex.choices = _choices("sex", True)
        self.expression.choices = _choices("expression", True)


def classification_form(subject: Any = None, formdata: Any = None) -> ClassificationForm:
    """The form with one checkbox and one expression field per ground, filled from `subject`."""
    attrs: dict[str, Any] = {}
    for code, label in tables().labels("ground").items():
        attrs[f"ground_{code}"] = BooleanField(label)
        attrs[f"expression_{code}"] = StringField(
            _l("%(ground)s: in the complainant's words", ground=label),
            validators=[Optional(), Length(max=200)])
    form_class = type("ClassifyForm", (ClassificationForm,), attrs)
    form = form_class(formdata=formdata, prefix="classify")
    if formdata is None and subject is not None:
        form.version.data = subject.version
        for name in ("facts_date", "district", "place", "context", "practice"):
            getattr(form, name).data = getattr(subject, name)
        for name in REPORT_FIELDS:
            getattr(form, name).data = getattr(subject, name) or ""
        for g in subject.grounds:
            getattr(form, f"ground_{g.ground}").data = True
            getattr(form, f"expression_{g.ground}").data = g.expression
    return form


def report_of(form: Any) -> dict[str, str | None]:
    """The report codes chosen (None when left empty)."""
    return {name: getattr(form, name).data or None for name in REPORT_FIELDS}


def grounds_of(form: Any) -> dict[str, str | None]:
    """The chosen grounds with their expressions."""
    return {code: (getattr(form, f"expression_{code}").data or "").strip() or None
            for code in tables().labels("ground") if getattr(form, f"ground_{code}").data}


class RespondentForm(FlaskForm):
    """A respondent of a complaint: a person, a company, a public body or a police force."""

    version = HiddenField(_l("Version"))
    kind = SelectField(_l("Kind"))
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    security_force = SelectField(_l("Police force"), validators=[Optional()])
    unit = StringField(_l("Unit or station"), validators=[Optional(), Length(max=200)])
    officer_identification = StringField(_l("Officer (name or number)"),
                                         validators=[Optional(), Length(max=200)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices("respondent_kind")
        self.security_force.choices = _choices("security_force", True)


def respondent_form(party: Any = None, version: int | None = None, formdata: Any = None,
                    prefix: str = "respondent-new") -> RespondentForm:
    """The respondent form, filled from `party` when editing one."""
    form = RespondentForm(formdata=formdata, prefix=prefix)
    if formdata is None:
        form.version.data = version
        if party is not None:
            for name in ("kind", "name", "security_force", "unit", "officer_identification"):
                getattr(form, name).data = getattr(party, name)
    return form


class ArguidoForm(FlaskForm):
    """A respondent of a proceeding: name, kind and whether negligence or attempt is alleged."""

    version = HiddenField(_l("Version"))
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"))
    negligent = BooleanField(_l("Negligence or attempt (halves the fine's bounds)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices("respondent_kind")


def arguido_form(respondent: Any, version: int | None = None,
                 formdata: Any = None) -> ArguidoForm:
    """The form of one arguido, filled from the record unless re-shown with what was typed."""
    form = ArguidoForm(formdata=formdata, prefix=f"arguido-{respondent.id}")
    if formdata is None:
        form.version.data = version
        form.name.data, form.kind.data = respondent.name, respondent.kind
        form.negligent.data = respondent.negligent
    return form


TEXT_LIMIT = 20_000  # as services/casework/respondent_texts.MAX_LENGTH


def _text(label: Any, description: Any) -> TextAreaField:
    """A text of the accusation or the decision (`label`, `description`: lazy translations)."""
    return TextAreaField(label, description=description,
                         validators=[Optional(), Length(max=TEXT_LIMIT)],
                         render_kw={"rows": 6})


class RespondentTextsForm(FlaskForm):
    """The instructor's texts for one respondent: the accusation and the decision."""

    version = HiddenField(_l("Version"))
    facts_charged = _text(_l("Facts charged"), _l("The facts imputed to this respondent, in your "
                                                  "own words: who did what, when and where (not "
                                                  "the complaint's text)."))
    norms = _text(_l("Norms violated"), _l("e.g. Lei n.º 93/2017, art. 4.º, n.º 2, alínea c), "
                                           "and art. 16.º, n.º 1."))
    facts_proven = _text(_l("Facts proven"), _l("The facts the decision holds as proven."))
    facts_not_proven = _text(_l("Facts not proven"), _l("Leave empty when none."))
    evidence = _text(_l("Evidence and its assessment"), _l("Each piece of evidence and what it "
                                                           "showed, the defence's included."))
    reasons = _text(_l("Reasons"), _l("The legal reasoning, the measure of the sanction, and why "
                                      "the defence's arguments and evidence were rejected."))


def respondent_texts_form(respondent: Any, version: int | None = None,
                          formdata: Any = None) -> RespondentTextsForm:
    """The texts form of one respondent, filled from the record unless re-shown as typed."""
    form = RespondentTextsForm(formdata=formdata, prefix=f"texts-{respondent.id}")
    if formdata is None:
        form.version.data = version
        for name in RESPONDENT_TEXTS:
            getattr(form, name).data = getattr(respondent, name) or ""
    return form


RESPONDENT_TEXTS = ("facts_charged", "norms", "facts_proven", "facts_not_proven", "evidence",
                    "reasons")

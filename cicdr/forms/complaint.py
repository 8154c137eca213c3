"""The complaint form, one form per step; every label, hint and message is translated.

The choices are the canonical codes of domain.md section 6, labelled in plain words for people
who do not know the law; districts keep their Portuguese names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import current_app
from flask_babel import format_date
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    MultipleFileField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
    widgets,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from cicdr.forms.choices import per_tables
from cicdr.forms.lazy import lazy_gettext as _l
from cicdr.forms.report_codes import ReportCodesMixin
from cicdr.i18n import LANGUAGES
from cicdr.request_tables import tables

# Who is complaining -> (origin, kind of the complainant party).
COMPLAINANT_TYPES: dict[str, tuple[str, str]] = {
    "victim": ("queixa", "natural_person"),
    "third_party": ("denuncia", "natural_person"),
    "association": ("denuncia", "private_legal_person"),
    "public_entity": ("participacao", "public_entity"),
}
COMPLAINANT_TYPE_LABELS = {
    "victim": _l("I was discriminated against"),
    "third_party": _l("I saw or know of discrimination against someone else"),
    "association": _l("I represent an association or organisation"),
    "public_entity": _l("I represent a public body"),
}
CONTACT_CHANNELS = {
    "email": _l("E-mail"),
    "phone": _l("Telephone"),
    "post": _l("Letter"),
    "portal": _l("Only on the follow-up page (no contact details)"),
}
GROUNDS = {
    "racial_ethnic_origin": _l("Racial or ethnic origin (for example Roma, Black, Asian)"),
    "colour": _l("Skin colour"),
    "nationality": _l("Nationality"),
    "ancestry": _l("Ancestry or family origin"),
    "territory_of_origin": _l("Country or region of origin"),
    "language": _l("Language or accent"),
}
CONTEXTS = {
    "internet_social_media": _l("Internet and social media"),
    "traditional_media": _l("Newspapers, radio or television"),
    "commerce": _l("A shop, restaurant, bar or club"),
    "neighbourhood": _l("Neighbours"),
    "social_private_life": _l("Social or private life"),
    "labour": _l("Work"),
    "education": _l("School or university"),
    "health": _l("Health care"),
    "housing": _l("Housing (renting or buying a home)"),
    "security_forces": _l("Police or other security force"),
    "public_services": _l("A public service"),
    "private_services": _l("A private service (bank, insurance, other)"),
    "transport": _l("Transport"),
    "local_authorities": _l("A municipality or parish council"),
    "sport": _l("Sport"),
    "other": _l("Somewhere else"),
}
# Police stops, searches and identity checks because of appearance are a practice of a public
# agent limiting a right (art. 4(2)(i)): their own choice, because people would not recognise
# them in the law's words, recorded as practice `i` (PRACTICE_CODES).
PROFILING = "i_profiling"
PRACTICE_CODES = {PROFILING: "i"}
PRACTICES = {
    "": _l("I am not sure"),
    "a": _l("I was refused goods or a service"),
    "b": _l("My business or economic activity was blocked or limited"),
    "c": _l("I was refused a home to rent or buy, or given worse terms"),
    "d": _l("I was refused entry to a place open to the public"),
    "e": _l("I was refused health care or given less of it"),
    "f": _l("I was refused a place at a school or given less access"),
    "g": _l("Pupils were separated into classes by origin"),
    "h": _l("I was kept from cultural activities"),
    "i": _l("A public body or public worker limited my rights"),
    PROFILING: _l("The police stopped me, searched me or asked for my papers because of how "
                  "I look (ethnic profiling)"),
    "j": _l("Someone threatened, insulted or humiliated in public (also online)"),
}
RESPONDENT_KINDS = {
    "natural_person": _l("A person"),
    "private_legal_person": _l("A company, shop or private organisation"),
    "public_entity": _l("A public body or service"),
    "security_force": _l("The police or another security force"),
}
SECURITY_FORCES = {
    "psp": _l("PSP (Public Security Police)"),
    "gnr": _l("GNR (National Republican Guard)"),
    "pj": _l("PJ (Judicial Police)"),
    "municipal_police": _l("Municipal police"),
    "maritime_police": _l("Maritime police"),
    "aima": _l("AIMA (migration agency)"),
    "prison_guard": _l("Prison guards"),
    "other": _l("Another force"),
}
DISTRICT_EXTRA = {"abroad": _l("Outside Portugal"), "online": _l("Online (internet)"),
                  "unknown": _l("I do not know")}


def _choices(labels: dict[str, Any], blank: Any = None) -> list[SelectChoice]:
    return ([SelectChoice("", blank)] if blank is not None else []) + \
        [SelectChoice(code, label) for code, label in labels.items()]


def _active(vocabulary: str, labels: Callable[[], dict[str, Any]],
            blank: Any = None) -> Callable[[], list[SelectChoice]]:
    """Choices of the legal tables in force: the administrator may deactivate a code (or
    relabel one) while the server runs, and a deactivated code must not be offered. Built
    once per tables (the labels translate when shown), not each time a form is built."""
    return per_tables(lambda current: _choices(
        {code: label for code, label in labels().items()
         if current.is_active(vocabulary, code)}, blank))


def staff_channels() -> dict[str, Any]:
    return {code: label for code, label in tables().labels("channel").items()
            if code != "online"}


def districts() -> dict[str, Any]:
    return {code: DISTRICT_EXTRA.get(code, name)
            for code, name in tables().labels("district").items()}


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def earliest_facts_date() -> date:
    """The earliest date of facts the form accepts (CICDR_EARLIEST_FACTS_DATE, default
    2000-01-01): older facts are almost always a typing slip (1900 for 2000), and facts that
    old are long prescribed anyway."""
    raw = str(current_app.config.get("EARLIEST_FACTS_DATE") or "2000-01-01")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return date(2000, 1, 1)


def _plausible_date(form: Any, field: Any) -> None:
    """Facts neither in the future nor before the earliest date accepted."""
    if field.data and field.data > date.today():
        raise ValidationError(_l("The date of the facts cannot be in the future."))
    earliest = earliest_facts_date()
    if field.data and field.data < earliest:
        raise ValidationError(_l("The date of the facts cannot be before %(date)s. Check the "
                                 "year.", date=format_date(earliest)))


class AboutYouForm(FlaskForm):
    """Step 1: who is complaining and how CICDR can reach them."""

    complainant_type = RadioField(
        _l("Who is complaining?"), choices=_choices(COMPLAINANT_TYPE_LABELS),
        validators=[InputRequired(_l("Say who is complaining."))])
    anonymous = BooleanField(
        _l("I want to complain without giving my name"),
        description=_l("CICDR can still act on the facts, but it cannot contact you or tell "
                       "you the outcome except on the follow-up page."))
    name = StringField(_l("Your name, or the name of the organisation"),
                       validators=[Length(max=200)])
    email = StringField(_l("E-mail"), validators=[
        Optional(), Email(_l("Enter an e-mail address like name@example.com.")),
        Length(max=254)])
    phone = StringField(_l("Telephone"), validators=[Length(max=40)])
    address = TextAreaField(_l("Postal address"), validators=[Length(max=500)])
    preferred_language = SelectField(
        _l("In which language should CICDR write to you?"),
        choices=[SelectChoice(code, name, render_kw={"lang": code})
                 for code, name in LANGUAGES.items()], validators=[Optional()],
        description=_l("CICDR answers in Portuguese or English, and will try your language."))
    contact_channel = RadioField(_l("How should CICDR contact you?"),
                                 choices=_choices(CONTACT_CHANNELS), validators=[Optional()])
    channel = SelectField(_l("How the complaint reached CICDR"),  # staff entry only
                          choices=_active("channel", staff_channels, "—"),
                          validators=[DataRequired(_l("Choose how the complaint reached "
                                                      "CICDR."))])

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if self.anonymous.data:
            return ok
        if not (self.name.data or "").strip():
            self.name.errors.append(_l("Enter your name, or choose to complain without it."))
            ok = False
        need = {"email": self.email, "phone": self.phone, "post": self.address}
        channel = self.contact_channel.data
        if not channel:
            self.contact_channel.errors.append(_l("Choose how CICDR should contact you."))
            ok = False
        elif channel in need and not (need[channel].data or "").strip():
            need[channel].errors.append({
                "email": _l("Enter your e-mail address, or choose another way to be contacted."),
                "phone": _l("Enter your telephone number, or choose another way to be "
                            "contacted."),
                "post": _l("Enter your postal address, or choose another way to be "
                           "contacted.")}[channel])
            ok = False
        return ok


class FactsForm(FlaskForm):
    """Step 2: what happened, when and where."""

    facts_date = DateField(_l("When did it happen?"), format=["%Y-%m-%d", "%d/%m/%Y"],
                           invalid_value_message=_l("Enter the date as day, month and year, "
                                                    "for example 25/03/2026."),
                           validators=[
        InputRequired(_l("Enter the date of the facts (an approximate date is fine).")),
        _plausible_date],
        description=_l("If you do not know the exact day, give an approximate date and say so "
                       "in the description."))
    district = SelectField(_l("Where did it happen?"),
                           choices=_active("district", districts, _l("Choose a district")),
                           validators=[DataRequired(_l("Choose the district, or Online."))])
    place = StringField(_l("Municipality and place, or web address"),
                        validators=[Length(max=200)],
                        description=_l("For example: Amadora, Reboleira station; or the link "
                                      "to the post."))
    context = SelectField(_l("In what situation?"),
                          choices=_active("context", lambda: CONTEXTS, _l("Choose a situation")),
                          validators=[DataRequired(_l("Choose the situation."))])
    practice = RadioField(_l("What did they do?"), choices=_choices(PRACTICES),
                          validators=[Optional()], default="")
    description = TextAreaField(
        _l("Describe what happened"),
        validators=[InputRequired(_l("Describe what happened.")),
                    Length(min=20, message=_l("Describe what happened (at least 20 "
                                              "characters).")),
                    Length(max=20000, message=_l("The description is too long (at most 20,000 "
                                                 "characters)."))],
        description=_l("In your own words: who did what, what was said, who saw it."))


class GroundsForm(ReportCodesMixin, FlaskForm):
    """Step 3: why the person thinks they were treated so (several may apply), each with an
    optional expression in their own words (`expression_<ground>`); then the optional coded
    questions of the annual report (`ReportCodesMixin`)."""

    grounds = MultiCheckboxField(
        _l("Why do you think you were treated this way?"),
        choices=_active("ground", lambda: GROUNDS),
        validators=[DataRequired(_l("Choose at least one reason."))],
        description=_l("Choose all that apply."))

    def expression(self, ground: str) -> Any:
        return self[f"expression_{ground}"]


# One label per reason, so that a screen reader announces which reason each box is about.
EXPRESSION_LABELS = {
    "racial_ethnic_origin": _l("Your words about origin (optional)"),
    "colour": _l("Your words about skin colour (optional)"),
    "nationality": _l("Your words about nationality (optional)"),
    "ancestry": _l("Your words about ancestry (optional)"),
    "territory_of_origin": _l("Your words about country or region of origin (optional)"),
    "language": _l("Your words about language or accent (optional)"),
}
for _ground in GROUNDS:
    setattr(GroundsForm, f"expression_{_ground}", StringField(
        EXPRESSION_LABELS[_ground], validators=[Length(max=200)],
        description=_l("For example: because I am Roma; because of my Brazilian accent.")))


class RespondentForm(Form):
    """One person or body who discriminated."""

    kind = SelectField(_l("Who was it?"), choices=_choices(RESPONDENT_KINDS, _l("Choose")),
                       validators=[DataRequired(_l("Say who it was."))])
    name = StringField(_l("Name, if you know it"), validators=[Length(max=200)])
    security_force = SelectField(_l("Which force?"),
                                 choices=_active("security_force", lambda: SECURITY_FORCES,
                                                 _l("Choose")),
                                 validators=[Optional()])
    unit = StringField(_l("Unit or police station, if you know it"),
                       validators=[Length(max=200)])
    # Ticked: the respondent is the identified officer (a natural person, with their own fine
    # bounds), named in `name`, numbered in `officer_identification` (domain.md 3.1).
    identified = BooleanField(_l("I can identify the officer"),
                              description=_l("Give their name above and, if you know it, "
                                             "their number below."))
    officer_identification = StringField(_l("Officer's name or number, if you know it"),
                                         validators=[Length(max=200)])

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if self.kind.data == "security_force" and not self.security_force.data:
            self.security_force.errors = [*self.security_force.errors,
                                          _l("Choose which force.")]
            ok = False
        if self.kind.data == "security_force" and self.identified.data and not (
                (self.name.data or "").strip() or (self.officer_identification.data or "").strip()):
            self.name.errors = [*self.name.errors, _l("Give the officer's name or number.")]
            ok = False
        return ok


class PersonForm(Form):
    """A victim or witness: whatever the complainant knows."""

    name = StringField(_l("Name"), validators=[Length(max=200)])
    contact = StringField(_l("Telephone or e-mail, if you know it"),
                          validators=[Length(max=254)])


MAX_RESPONDENTS, MAX_PEOPLE = 5, 10


class RespondentsForm(FlaskForm):
    """Step 4: who did it."""

    # Labels of their own (never shown: each field of an entry has its label), so WTForms does
    # not look the entries' generated names ("Respondents-0") up in the catalogue.
    respondents = FieldList(FormField(RespondentForm, label=_l("Who did it")),
                            label=_l("Who did it"), min_entries=1,
                            max_entries=MAX_RESPONDENTS)


class PeopleForm(FlaskForm):
    """Step 5: other victims and witnesses (optional)."""

    victims = FieldList(FormField(PersonForm, label=_l("Victim")), label=_l("Other victims"),
                        min_entries=0, max_entries=MAX_PEOPLE)
    witnesses = FieldList(FormField(PersonForm, label=_l("Witness")), label=_l("Witnesses"),
                          min_entries=0, max_entries=MAX_PEOPLE)


class EvidenceForm(FlaskForm):
    """Step 6: evidence files (optional; checked by services.uploads)."""

    files = MultipleFileField(
        _l("Add files"),
        description=_l("Photos, screenshots, PDF or office documents, audio or video. Up to 10 "
                       "files, 20 MB each, 50 MB in all."))


class ReviewForm(FlaskForm):
    """Step 7: check everything, then consent and send."""

    withhold_identity = BooleanField(
        _l("Do not show my identity to the person or body I complain about"),
        description=_l("CICDR will hide your name and contacts in what it sends them. If the "
                       "case goes to court, a judge may still order them shown."))
    consent = BooleanField(
        _l("I confirm that what I wrote is true to the best of my knowledge, and I agree that "
           "CICDR processes this information, including sensitive data such as ethnic origin, "
           "to handle my complaint."),
        validators=[DataRequired(_l("Tick the box to confirm and agree, or CICDR cannot "
                                    "receive the complaint."))])
    # A trap for robots: hidden from people and assistive technology, so only bots fill it.
    website = StringField(_l("Leave this field empty"), validators=[Optional()])


STEPS: tuple[tuple[str, Any, Any], ...] = (  # (slug, title, form class)
    ("about-you", _l("About you"), AboutYouForm),
    ("what-happened", _l("What happened"), FactsForm),
    ("why", _l("Why"), GroundsForm),
    ("who-did-it", _l("Who did it"), RespondentsForm),
    ("people", _l("Victims and witnesses"), PeopleForm),
    ("evidence", _l("Evidence"), EvidenceForm),
    ("review", _l("Check and send"), ReviewForm),
)

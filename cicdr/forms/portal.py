"""Forms of the public portal; every label and message is translated."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, MultipleFileField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length


class FollowForm(FlaskForm):
    """Sign in to a complaint with its reference and access code."""

    reference = StringField(_l("Reference"), validators=[
        DataRequired(_l("Enter the reference of your complaint.")), Length(max=20)],
        description=_l("For example QN-2026-00123."))
    code = StringField(_l("Access code"), validators=[
        DataRequired(_l("Enter your access code.")), Length(max=40)],
        description=_l("The secret code you received when you filed the complaint."))


class MessageForm(FlaskForm):
    """A message, an answer to a request, or a comment: the same shape."""

    body = TextAreaField(_l("Your message"), validators=[
        DataRequired(_l("Write your message.")),
        Length(max=5000, message=_l("Your message is too long."))])


class WithdrawForm(FlaskForm):
    """Withdraw the complaint, with an explicit confirmation."""

    confirm = BooleanField(_l("I want to withdraw my complaint."), validators=[
        DataRequired(_l("Tick the box to confirm."))])


class EvidenceForm(FlaskForm):
    """More evidence for a complaint already filed."""

    files = MultipleFileField(_l("Files"), validators=[
        DataRequired(_l("Choose at least one file."))],
        description=_l("Photos, screenshots, PDF or office documents, audio or video. Up to 10 "
                       "files, 20 MB each, 50 MB in all."))


class LostCodeForm(FlaskForm):
    """Ask for a new access code: the complaint's reference and the e-mail address given."""

    reference = StringField(_l("Reference"), validators=[
        DataRequired(_l("Enter the reference of your complaint.")),
        Length(max=20, message=_l("A reference has at most 20 characters."))],
        description=_l("For example QN-2026-00123."))
    email = StringField(_l("The e-mail address you gave with the complaint"),
                        filters=[lambda value: value.strip() if value else value], validators=[
        DataRequired(_l("Enter the e-mail address you gave with the complaint.")),
        Email(_l("Enter an e-mail address like name@example.com.")),
        Length(max=254, message=_l("An e-mail address has at most 254 characters."))])

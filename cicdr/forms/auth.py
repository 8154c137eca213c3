"""Sign-in forms: password, then the second factor's code."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    """Staff sign-in."""

    # autocomplete: password managers fill them, and WCAG 1.3.5 (identify input purpose).
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)],
                             render_kw={"autocomplete": "current-password"})


class CodeForm(FlaskForm):
    """The 6-digit code of an authenticator app (signing in, or confirming enrolment)."""

    code = StringField(
        _l("6-digit code from your authenticator app"),
        validators=[DataRequired(_l("Enter the 6-digit code your authenticator app shows.")),
                    Length(max=12, message=_l("Enter the 6 digits only."))],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric",
                   "pattern": "[0-9 ]*", "size": 8})

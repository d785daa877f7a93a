"""Forms for logging in and setting passwords."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length


class LoginForm(FlaskForm):
    """Log in with email and password."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])
    remember = BooleanField(_l("Stay logged in on this device"))
    submit = SubmitField(_l("Log in"))


class SetPasswordForm(FlaskForm):
    """Choose a password (from an invitation or reset link)."""

    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=12, max=128, message=_l(
                                 "The password must have at least 12 characters (and at most 128)."))],
                             description=_l("At least 12 characters, not a common password. "
                                            "A short sentence is easy to remember."))
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))])
    submit = SubmitField(_l("Set password"))


class ForgotPasswordForm(FlaskForm):
    """Ask for a password-reset link."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    submit = SubmitField(_l("Send me a link"))

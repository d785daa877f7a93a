"""Forms: register a platform (coordinators) and choose activities to place (deep linking)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional

from bridge.core.forms import MultiCheckboxField, choices
from bridge.modules.lti.util import TARGETS


class PlatformForm(FlaskForm):
    """Register or edit an LTI platform (the values come from Moodle's tool details)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)],
                       description=_l("How coordinators recognise the platform, e.g. “Moodle of the city”."))
    issuer = StringField(_l("Platform ID (issuer)"),
                         validators=[DataRequired(), URL(require_tld=False), Length(max=255)])
    client_id = StringField(_l("Client ID"), validators=[DataRequired(), Length(max=255)])
    deployment_ids = TextAreaField(_l("Deployment IDs"), validators=[DataRequired()],
                                   description=_l("One per line or separated by commas."))
    auth_login_url = StringField(_l("Authentication request URL"),
                                 validators=[DataRequired(), URL(require_tld=False), Length(max=500)])
    auth_token_url = StringField(_l("Access token URL"),
                                 validators=[Optional(), URL(require_tld=False), Length(max=500)])
    jwks_url = StringField(_l("Public keyset URL"),
                           validators=[DataRequired(), URL(require_tld=False), Length(max=500)])
    emails_verified = BooleanField(_l("The platform verifies e-mail addresses (match people by e-mail)"))
    jit_enabled = BooleanField(_l("Create unknown users on their first launch (without any companion role)"))
    submit = SubmitField(_l("Save"))

    def data_for_operation(self) -> dict:
        """Return the cleaned data for create_platform/update_platform."""
        ids = self.deployment_ids.data.replace(",", "\n").split()
        return {"name": self.name.data.strip(), "issuer": self.issuer.data.strip().rstrip("/"),
                "client_id": self.client_id.data.strip(), "deployment_ids": ids,
                "auth_login_url": self.auth_login_url.data.strip(),
                "auth_token_url": (self.auth_token_url.data or "").strip(),
                "jwks_url": self.jwks_url.data.strip(), "emails_verified": self.emails_verified.data,
                "jit_enabled": self.jit_enabled.data}

    def fill_from(self, platform) -> None:
        """Fill the form from a platform (on GET)."""
        for name in ("name", "issuer", "client_id", "auth_login_url", "auth_token_url", "jwks_url",
                     "emails_verified", "jit_enabled"):
            getattr(self, name).data = getattr(platform, name)
        self.deployment_ids.data = "\n".join(platform.deployment_ids)


class DeleteForm(FlaskForm):
    """Confirm removing a platform."""

    submit = SubmitField(_l("Remove"))


PRESENTATION_LABELS = {
    "window": _l("In a new window (works in every browser)"),
    "iframe": _l("Inside the Moodle page (needs cookies allowed in frames)"),
}


class DeepLinkForm(FlaskForm):
    """Choose which companion activities to add to the course, and how they open."""

    class Meta:
        csrf = False  # inside Moodle's frame the session cookie may be missing; the signed context protects it

    context = HiddenField()
    targets = MultiCheckboxField(_l("Activities to add"),
                                 choices=lambda: choices((k, str(v[1])) for k, v in TARGETS.items()))
    presentation = RadioField(_l("Open the activity"), default="window",
                              choices=lambda: choices((k, str(v)) for k, v in PRESENTATION_LABELS.items()))
    submit = SubmitField(_l("Add to the course"))

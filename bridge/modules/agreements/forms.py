"""Forms of the agreements domain: template editor, draft editor, signing and scan upload."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, SubmitField, TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from bridge.core.forms import choices
from bridge.modules.agreements.util import SECTION_LABELS, SECTIONS


def _section_form(required: bool):
    class SectionsForm(FlaskForm):
        submit = SubmitField(_l("Save"))

        def sections(self):
            """Return the section fields in document order."""
            return [self[key] for key in SECTIONS]

    for key in SECTIONS:
        validators = [Length(max=5000)] + ([DataRequired()] if required else [])
        setattr(SectionsForm, key, TextAreaField(_l(SECTION_LABELS[key]), validators=validators,
                                                 render_kw={"rows": 5}))
    return SectionsForm


TemplateForm = _section_form(required=True)


class AgreementForm(_section_form(required=False)):
    start_on = DateField(_l("Start date"), validators=[Optional()])
    duration_months = IntegerField(_l("Planned duration in months"), validators=[Optional(), NumberRange(1, 36)],
                                   description=_l("To extend the tandem, raise the duration and save; the extension "
                                                  "applies once both have signed the new version."))
    meeting_rhythm = StringField(_l("Meeting rhythm (e.g. every three weeks)"), validators=[Length(max=200)])

    def terms(self):
        """Return the structured term fields."""
        return [self.start_on, self.duration_months, self.meeting_rhythm]


class StartForm(FlaskForm):
    language = SelectField(_l("Language of the agreement"),
                           choices=lambda: choices([("en", "English"), ("de", "Deutsch")]))
    submit = SubmitField(_l("Draft our agreement from the template"))


class SignForm(FlaskForm):
    number = HiddenField()
    typed_name = StringField(_l("Type your full name to sign"), validators=[DataRequired(), Length(max=200)])
    confirm = BooleanField(_l("I have read this version and agree to it."))
    submit = SubmitField(_l("Sign this version"))


class ScanForm(FlaskForm):
    file = FileField(_l("Scan of the printed agreement signed by both (PDF, PNG or JPEG)"))
    submit = SubmitField(_l("Upload the signed scan"))


class ActionForm(FlaskForm):
    """A form that carries only the CSRF token (for buttons)."""

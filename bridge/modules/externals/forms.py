"""Forms of the externals domain: the public application, the template editor and the review."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, HiddenField, RadioField, SelectField, StringField, SubmitField, \
    TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from bridge.core.forms import LEVELS, MentorFields, add_competence_fields, choices
from bridge.core.errors import ValidationFailed
from bridge.modules.externals.util import KIND_LABELS, check_cv
from bridge.modules.pairing.models import MODES, SLOTS
from bridge.modules.pairing.util import MODE_LABELS, SLOT_LABELS

TEXT = 2000
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class ApplicationForm(MentorFields):
    """The public application: the mentor profile plus identity, organisation, CV and consent."""

    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    organisation = StringField(_l("Your organisation"), validators=[DataRequired(), Length(max=200)],
                               description=_l("Employer, association or, if self-employed, your profession."))
    cv = FileField(_l("Your CV (PDF, at most 5 MB)"),
                   validators=[FileRequired(_l("Please attach your CV as a PDF file."))],
                   render_kw={"accept": ".pdf,application/pdf"})
    consent = BooleanField(_l("I agree that my data and CV are processed to review my application, as "
                              "described above."))
    website = StringField(_l("Website (leave this field empty)"), validators=[Optional()])
    started = HiddenField()
    submit = SubmitField(_l("Send my application"))

    def validate_cv(self, field):
        """Check the CV (a PDF within the size limit) with the other fields, so every problem shows at once."""
        try:
            check_cv(field.data)
        except ValidationFailed as exc:
            raise ValidationError(exc.message) from None
        finally:
            if getattr(field.data, "stream", None) is not None:
                field.data.stream.seek(0)

    def slot_choices(self):
        return choices((s, _l(SLOT_LABELS[s])) for s in SLOTS)

    def mode_choices(self):
        return choices((m, _l(MODE_LABELS[m])) for m in MODES)

    def question_fields(self):
        """Return the fields of the organisation's own questions."""
        return [f for f in self if f.name.startswith("q_")]

    def data_for_operation(self, form_data, locale: str) -> dict:
        """Return the plain data for submit_application."""
        return {"first_name": self.first_name.data, "last_name": self.last_name.data, "email": self.email.data,
                "organisation": self.organisation.data, "languages": list(self.languages.data or []),
                "competences": self.posted_competences(form_data), **self.mentor_data(),
                "availability": list(self.availability.data or []), "modes": list(self.modes.data or []),
                "consent": self.consent.data, "locale": locale,
                "answers": {int(f.name[2:]): f.data for f in self.question_fields()}}


add_competence_fields(ApplicationForm, LEVELS)


def _question_field(question):
    label = question.label
    validators = [Optional()]
    if question.kind == "choice":
        return SelectField(label, choices=choices([("", _l("please choose"))] + [(o, o) for o in question.options]),
                           validators=validators, validate_choice=False)
    if question.kind == "yesno":
        return RadioField(label, choices=choices(YES_NO), validators=validators)
    return TextAreaField(label, validators=validators)


def application_form_class(template):
    """Return the application form class with the template's questions added."""
    fields = {f"q_{q.id}": _question_field(q) for q in (template.questions if template else [])}
    return type("TemplatedApplicationForm", (ApplicationForm,), fields)


class QuestionForm(FlaskForm):
    """Add a question to the application template."""

    label = StringField(_l("Question"), validators=[DataRequired(), Length(max=300)])
    kind = SelectField(_l("Kind of answer"), choices=lambda: choices((k, _l(v)) for k, v in KIND_LABELS.items()))
    options = TextAreaField(_l("Options (for a choice: one per line)"), validators=[Optional(), Length(max=TEXT)])
    required = BooleanField(_l("An answer is required"))
    submit = SubmitField(_l("Add the question"))


class NoteForm(FlaskForm):
    """A comment or a request for more information."""

    body = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=TEXT)])
    submit = SubmitField(_l("Save"))


class RejectForm(FlaskForm):
    """Reject an application with a reason."""

    reason = TextAreaField(_l("Reason (sent to the applicant)"), validators=[DataRequired(), Length(max=TEXT)])
    submit = SubmitField(_l("Reject the application"))


class AdviserForm(FlaskForm):
    """Let an external professional advise a tandem (choices filled in by the view)."""

    pair_id = SelectField(_l("Tandem"), validators=[DataRequired()], validate_choice=False)
    person_id = SelectField(_l("External professional"), validators=[DataRequired()], validate_choice=False)
    submit = SubmitField(_l("Add the adviser"))

"""Forms of the workspace: upload, session report, confirmation, message and ending."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from bridge.core.competences import competence_keys, competence_label
from bridge.core.forms import MultiCheckboxField, choices
from bridge.modules.mentoring.util import MODE_LABELS, RATING_LABELS


def _ratings(blank):
    return lambda: choices([("", blank)] + [(str(k), _l(v)) for k, v in RATING_LABELS.items()])


class UploadForm(FlaskForm):
    file = FileField(_l("Document (PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG)"))
    submit = SubmitField(_l("Upload"))


class SessionForm(FlaskForm):
    held_on = DateField(_l("Date of the meeting"), validators=[InputRequired()])
    duration_minutes = IntegerField(_l("Duration in minutes"), validators=[InputRequired(), NumberRange(5, 600)])
    mode = SelectField(_l("How did you meet?"), validators=[DataRequired()],
                       choices=lambda: choices((k, _l(v)) for k, v in MODE_LABELS.items()))
    competences = MultiCheckboxField(_l("Competences worked on"), validators=[Optional()],
                                     choices=lambda: choices((k, competence_label(k)) for k in competence_keys()))
    topics = TextAreaField(_l("Topics"), validators=[DataRequired(), Length(max=4000)], render_kw={"rows": 3})
    notes = TextAreaField(_l("Notes"), validators=[Length(max=4000)], render_kw={"rows": 4})
    next_steps = TextAreaField(_l("Agreed next steps"), validators=[Length(max=4000)], render_kw={"rows": 3})
    rating = SelectField(_l("Your rating of the session"), validators=[Optional()], choices=_ratings(_l("no rating")))
    submit = SubmitField(_l("Save the session report"))


class ConfirmForm(FlaskForm):
    rating = SelectField(_l("Your rating of the session"), validators=[DataRequired()],
                         choices=_ratings(_l("please choose")))
    comment = TextAreaField(_l("Your comment"), validators=[Length(max=1000)], render_kw={"rows": 2})
    submit = SubmitField(_l("Confirm the report"))


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Your message"), validators=[DataRequired(), Length(max=5000)], render_kw={"rows": 4})
    submit = SubmitField(_l("Send"))


class CompleteForm(FlaskForm):
    comment = TextAreaField(_l("Comment; a coordinator approving an early completion or an override gives the reason "
                               "here"), validators=[Length(max=1000)], render_kw={"rows": 2})
    override = BooleanField(_l("Complete although final evaluations are missing (coordinators only)"))
    submit = SubmitField(_l("Mark the tandem as completed"))


class EndForm(FlaskForm):
    reason = TextAreaField(_l("Reason for ending early"), validators=[DataRequired(), Length(max=1000)],
                           render_kw={"rows": 2})
    submit = SubmitField(_l("End the tandem early"))


class ActionForm(FlaskForm):
    """A form that carries only the CSRF token (for buttons)."""

"""Forms of the community area."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField, HiddenField, RadioField, SelectField, StringField, SubmitField,
    TextAreaField, URLField,
)
from wtforms.validators import URL, DataRequired, Length, Optional

from bridge.core.competences import competences
from bridge.core.forms import MultiCheckboxField, choices
from bridge.modules.community import util
from bridge.modules.people.picker import PeopleField, PeopleSearchForm, PersonField

MARKDOWN_HINT = _l("Markdown works: *italic*, **bold**, lists, [links](https://example.org). HTML is shown as text.")
LONG = 20000


def competence_choices(locale: str = "en"):
    """Return the nine competences as choices in the locale."""
    return choices((c.key, c.label(locale[:2])) for c in competences())


def split_tags(text: str | None) -> list[str]:
    """Return the comma-separated free tags of a text field."""
    return [t for t in (text or "").split(",") if t.strip()]


class QuestionForm(FlaskForm):
    """Ask or edit a question."""

    title = StringField(_l("Your question in one sentence"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Details"), description=MARKDOWN_HINT, validators=[Optional(), Length(max=LONG)])
    competences = MultiCheckboxField(_l("Competences it is about"), validators=[Optional()])
    free_tags = StringField(_l("Other tags"), description=_l("Separate tags with commas, e.g. interpreters, letters"),
                            validators=[Optional(), Length(max=300)])
    workshop_id = HiddenField()
    submit = SubmitField(_l("Post question"))

    def data_for_operation(self, lang: str) -> dict:
        """Return the cleaned data for ask_question/edit_question."""
        return {"title": self.title.data, "body": self.body.data or "", "lang": lang,
                "tags": list(self.competences.data or []) + split_tags(self.free_tags.data)}


class AnswerForm(FlaskForm):
    """Write or edit an answer."""

    body = TextAreaField(_l("Your answer"), description=MARKDOWN_HINT,
                         validators=[DataRequired(), Length(max=LONG)])
    submit = SubmitField(_l("Post answer"))


class MergeForm(FlaskForm):
    """Merge a duplicate question into another."""

    target = SelectField(_l("Keep this question"), coerce=int, validate_choice=False,
                         validators=[DataRequired()])
    submit = SubmitField(_l("Merge"))


class QuestionSearchForm(FlaskForm):
    """Filter the Q&A list (GET, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    tag = SelectField(_l("Tag"), validators=[Optional()], validate_choice=False)
    department = StringField(_l("Department of the asker"), validators=[Optional(), Length(max=120)])


class PracticeForm(FlaskForm):
    """The good-practice template."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Type"), choices=choices(util.KIND_LABELS.items()))
    context = TextAreaField(_l("Context"), description=_l("Where and with whom did this happen?"),
                            validators=[Optional(), Length(max=LONG)])
    challenge = TextAreaField(_l("Challenge"), description=_l("What problem or need did you face?"),
                              validators=[Optional(), Length(max=LONG)])
    approach = TextAreaField(_l("Approach"), description=_l("What did you do, step by step?"),
                             validators=[Optional(), Length(max=LONG)])
    tools_used = TextAreaField(_l("Tools used"), validators=[Optional(), Length(max=LONG)])
    outcome = TextAreaField(_l("Outcome"), validators=[Optional(), Length(max=LONG)])
    evidence = TextAreaField(_l("Evidence"), description=_l("How do you know it worked?"),
                             validators=[Optional(), Length(max=LONG)])
    transferability = TextAreaField(_l("Transferability"),
                                    description=_l("How could other departments or pairs use it?"),
                                    validators=[Optional(), Length(max=LONG)])
    department = StringField(_l("Department"), validators=[Optional(), Length(max=120)])
    competences = MultiCheckboxField(_l("Competences"), validators=[Optional()])
    workshop_id = HiddenField()
    submit = SubmitField(_l("Save draft"))


class ReviewForm(FlaskForm):
    """A coordinator's decision on a submitted practice."""

    decision = RadioField(_l("Decision"), choices=choices([("publish", _l("Publish")),
                                                           ("return", _l("Return to the author"))]),
                          validators=[DataRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Save decision"))


class ReuseForm(FlaskForm):
    """Say that one applied a practice."""

    note = TextAreaField(_l("How did you apply it?"), validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("I applied this"))


class PracticeSearchForm(FlaskForm):
    """Filter the library (GET, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    competence = SelectField(_l("Competence"), validators=[Optional()], validate_choice=False)
    department = StringField(_l("Department"), validators=[Optional(), Length(max=120)])


class WorkshopForm(PeopleSearchForm):
    """Plan a workshop."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Format"), default="workshop",
                       choices=choices([("workshop", _l("Workshop")), ("webinar", _l("Webinar (online)"))]))
    starts_at = DateTimeLocalField(_l("Date and time"), validators=[DataRequired()])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    online_link = URLField(_l("Online link"), validators=[Optional(), URL(require_tld=False), Length(max=500)])
    recording_link = URLField(_l("Recording"), description=_l("Link to the recording, once there is one."),
                              validators=[Optional(), URL(require_tld=False), Length(max=500)])
    materials = TextAreaField(_l("Materials"), description=MARKDOWN_HINT, validators=[Optional(), Length(max=LONG)])
    facilitator_id = PersonField(_l("Facilitator"), groups=("external", "mentor", "coordinator"),
                                 blank=_l("No facilitator yet"),
                                 invalid=_l("Choose an active external professional, mentor or coordinator."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=LONG)])
    outcomes = TextAreaField(_l("Outcomes"), description=MARKDOWN_HINT, validators=[Optional(), Length(max=LONG)])
    submit = SubmitField(_l("Save workshop"))


class InviteForm(PeopleSearchForm):
    """Invite people to a workshop (the view excludes those invited already)."""

    people = PeopleField(_l("People to invite"), validators=[DataRequired()],
                         invalid=_l("Choose active people who are not invited yet."))
    submit = SubmitField(_l("Invite and send mail"))


class AttendanceForm(FlaskForm):
    """Record who attended."""

    attended = MultiCheckboxField(_l("Attended"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Save attendance"))


class WorkshopScenariosForm(FlaskForm):
    """Choose the scenarios discussed."""

    scenarios = MultiCheckboxField(_l("Scenarios discussed"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Save scenarios"))


class ScenarioForm(FlaskForm):
    """A real-case scenario."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    situation = TextAreaField(_l("Situation"), description=MARKDOWN_HINT,
                              validators=[DataRequired(), Length(max=LONG)])
    questions = TextAreaField(_l("Questions for discussion"), validators=[Optional(), Length(max=LONG)])
    approaches = TextAreaField(_l("Possible approaches"), validators=[Optional(), Length(max=LONG)])
    competences = MultiCheckboxField(_l("Competences"), validators=[Optional()])
    submit = SubmitField(_l("Save scenario"))

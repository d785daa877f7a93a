"""Forms for job-shadowing activities."""
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from bridge.core.competences import competence_keys, competence_label
from bridge.core.forms import MultiCheckboxField, choices
from bridge.modules.people.picker import PeopleSearchForm, PersonField
from bridge.modules.people.picker import register_group
from bridge.modules.shadowing.operations import qualified_condition
from bridge.modules.shadowing.util import CHECKLIST

TEXT = 5000
register_group("shadower", qualified_condition)


def _competence_choices():
    return choices((k, LazyString(lambda k=k: competence_label(k))) for k in competence_keys())


def _checklist_choices():
    return choices((key, _l(text)) for _group, _label, items in CHECKLIST for key, text in items)


class ActivityForm(PeopleSearchForm):
    """Record a job-shadowing activity (coordinators)."""

    shadower_id = PersonField(_l("Shadower (trainer or trained colleague who observes)"),
                              validators=[DataRequired()], groups=("shadower",), blank=_l("choose a person"),
                              invalid=_l("Choose an active trainer or a person who has completed the three "
                                         "training modules."),
                              description=_l("Only people with the trainer role or the three training modules "
                                             "completed are listed."))
    host_id = PersonField(_l("Host (the colleague who is observed at work)"), validators=[DataRequired()],
                          blank=_l("choose a person"), invalid=_l("Choose an active person."))
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day (if more than one day)"), validators=[Optional()])
    focus_competences = MultiCheckboxField(_l("Focus competences"), choices=_competence_choices,
                                           validators=[Optional()])
    submit = SubmitField(_l("Record the activity"))


class OutcomeForm(FlaskForm):
    """Observations, feedback and the trainer's checklist."""

    observations = TextAreaField(_l("Observations"), validators=[Optional(), Length(max=TEXT)],
                                 description=_l("What was seen and heard, in relation to the focus competences."))
    feedback = TextAreaField(_l("Feedback given"), validators=[Optional(), Length(max=TEXT)])
    checklist = MultiCheckboxField(_l("Checklist for trainers"), choices=_checklist_choices, validators=[Optional()])
    submit = SubmitField(_l("Save"))

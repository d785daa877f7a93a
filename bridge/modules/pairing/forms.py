"""Forms of the pairing domain: profiles, checklist, constraints, runs, review and tandems."""
from flask_babel import LazyString, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, IntegerField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from bridge.core.competences import competence_keys, competence_label
from bridge.core.db import db
from bridge.core.forms import MultiCheckboxField, choices, language_choices
from bridge.modules.pairing.engine.types import Weights
from bridge.modules.pairing.models import MODES, SLOTS
from bridge.modules.pairing.util import CATEGORY_LABELS, DEPARTMENT_PREFERENCE_LABELS, MODE_LABELS, SLOT_LABELS
from bridge.modules.people.models import Person, PersonRole

PREFIX = "comp_"
TEXT = 2000
PRIORITIES = [("", _l("not a goal")), ("1", _l("1 – nice to have")), ("2", _l("2 – important")),
              ("3", _l("3 – essential"))]
LEVELS = [("", _l("not declared")), ("1", _l("1 – basic")), ("2", _l("2 – good")), ("3", _l("3 – strong")),
          ("4", _l("4 – expert"))]
SCALE = [("", _l("not given")), ("1", _l("1 – I prefer small, careful steps")), ("2", "2"), ("3", "3"),
         ("4", "4"), ("5", _l("5 – I actively drive change"))]


def people_choices(role: str | None = None, exclude: Person | None = None, blank=None):
    """Return choices of active people (optionally with a role), by last name."""
    stmt = db.select(Person).where(Person.archived_at.is_(None)).order_by(Person.last_name, Person.first_name)
    if role:
        stmt = stmt.where(Person.role_links.any(PersonRole.role == role))
    people = [(str(p.id), f"{p.last_name}, {p.first_name}") for p in db.session.scalars(stmt)
              if exclude is None or p.id != exclude.id]
    return choices(([("", blank)] if blank is not None else []) + people)


def _label(key: str) -> LazyString:
    return LazyString(lambda: competence_label(key))


class _ProfileBase(FlaskForm):
    languages = SelectMultipleField(_l("Languages you speak"), choices=language_choices, validators=[Optional()])
    department = StringField(_l("Department"), validators=[Optional(), Length(max=120)])
    availability = MultiCheckboxField(_l("When can you meet?"), validators=[Optional()],
                                      choices=lambda: choices((s, _l(SLOT_LABELS[s])) for s in SLOTS))
    modes = MultiCheckboxField(_l("How can you meet?"), validators=[Optional()],
                               choices=lambda: choices((m, _l(MODE_LABELS[m])) for m in MODES))
    line_manager_id = SelectField(_l("Your line manager"), validators=[Optional()],
                                  description=_l("So that nobody is paired with their own line manager."))
    submit = SubmitField(_l("Save profile"))

    def __init__(self, person: Person, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_manager_id.choices = people_choices(exclude=person, blank=_l("none in the programme"))

    def competence_fields(self):
        """Return the competence fields in the order of the competence list."""
        return [self[PREFIX + key] for key in competence_keys()]

    def common_data(self, form_data) -> dict:
        """Return the data every profile shares; competences come from every posted comp_ field."""
        return {"competences": {k[len(PREFIX):]: v for k, v in form_data.items() if k.startswith(PREFIX)},
                "languages": list(self.languages.data or []), "department": self.department.data,
                "availability": list(self.availability.data or []), "modes": list(self.modes.data or []),
                "line_manager_id": self.line_manager_id.data or None}


class MenteeProfileForm(_ProfileBase):
    """A mentee's mentoring profile."""

    goals = TextAreaField(_l("Your goals and objectives"), validators=[DataRequired(), Length(max=TEXT)],
                          description=_l("What do you want to achieve with the mentoring?"))
    preferred_language = SelectField(_l("Preferred language for the mentoring"), validators=[Optional()],
                                     choices=lambda: choices([("", _l("no preference"))]) + language_choices())
    preferred_traits = TextAreaField(_l("What would you like in a mentor? (optional)"),
                                     validators=[Optional(), Length(max=TEXT)])

    def data_for_operation(self, form_data) -> dict:
        """Return the cleaned data for save_mentee_profile."""
        return {**self.common_data(form_data), "goals": self.goals.data,
                "preferred_language": self.preferred_language.data or None,
                "preferred_traits": self.preferred_traits.data}


class MentorProfileForm(_ProfileBase):
    """A mentor's mentoring profile."""

    experience_years = IntegerField(_l("Years of experience in work with migrants"),
                                    validators=[InputRequired(), NumberRange(min=0, max=60)])
    work_areas = TextAreaField(_l("Areas of work with migrants"), validators=[Optional(), Length(max=TEXT)])
    know_how = TextAreaField(_l("Your know-how"), validators=[Optional(), Length(max=TEXT)],
                             description=_l("Methods, topics and experience you can pass on."))
    willingness_statement = TextAreaField(_l("Your willingness to bring about change"),
                                          validators=[Optional(), Length(max=TEXT)])
    willingness_scale = SelectField(_l("How strongly do you want to bring about change?"),
                                    choices=choices(SCALE), validators=[Optional()])
    capacity = IntegerField(_l("How many mentees can you take at once?"),
                            validators=[InputRequired(), NumberRange(min=0, max=10)],
                            description=_l("0 means you take no new mentee for now."))
    conflict_ids = SelectMultipleField(_l("People you must not be paired with (conflicts of interest)"),
                                       validators=[Optional()])

    def __init__(self, person: Person, *args, **kwargs):
        super().__init__(person, *args, **kwargs)
        self.conflict_ids.choices = people_choices(exclude=person)

    def data_for_operation(self, form_data) -> dict:
        """Return the cleaned data for save_mentor_profile."""
        return {**self.common_data(form_data), "experience_years": self.experience_years.data,
                "work_areas": self.work_areas.data, "know_how": self.know_how.data,
                "willingness_statement": self.willingness_statement.data,
                "willingness_scale": int(self.willingness_scale.data) if self.willingness_scale.data else None,
                "capacity": self.capacity.data, "conflict_ids": list(self.conflict_ids.data or [])}


for _key in competence_keys():
    setattr(MenteeProfileForm, PREFIX + _key, SelectField(_label(_key), choices=choices(PRIORITIES),
                                                          validators=[Optional()]))
    setattr(MentorProfileForm, PREFIX + _key, SelectField(_label(_key), choices=choices(LEVELS),
                                                          validators=[Optional()]))


class WeightsForm(FlaskForm):
    """The weights of the five criteria for a matching run."""

    competence = FloatField(_l("Competences"), default=Weights.competence,
                            validators=[InputRequired(), NumberRange(min=0, max=10)])
    availability = FloatField(_l("Availability"), default=Weights.availability,
                              validators=[InputRequired(), NumberRange(min=0, max=10)])
    experience = FloatField(_l("Experience"), default=Weights.experience,
                            validators=[InputRequired(), NumberRange(min=0, max=10)])
    department = FloatField(_l("Department"), default=Weights.department,
                            validators=[InputRequired(), NumberRange(min=0, max=10)])
    languages = FloatField(_l("Languages"), default=Weights.languages,
                           validators=[InputRequired(), NumberRange(min=0, max=10)])
    department_preference = SelectField(_l("Department preference"), default=Weights.department_preference,
                                        choices=lambda: choices((k, _l(v)) for k, v in
                                                                DEPARTMENT_PREFERENCE_LABELS.items()))
    submit = SubmitField(_l("Run matching"))

    def weights(self) -> dict:
        """Return the weights as plain values for the engine."""
        names = ("competence", "availability", "experience", "department", "languages")
        return {**{n: self[n].data for n in names}, "department_preference": self.department_preference.data}


class ProcedureForm(FlaskForm):
    """Add an internal procedure to the checklist."""

    title = StringField(_l("Procedure"), validators=[DataRequired(), Length(max=200)])
    category = SelectField(_l("Kind"), choices=lambda: choices((k, _l(v)) for k, v in CATEGORY_LABELS.items()))
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=TEXT)])
    submit = SubmitField(_l("Add to the checklist"))


class ReasonForm(FlaskForm):
    """A reason, required (exemptions, offline tandems)."""

    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=TEXT)])
    submit = SubmitField(_l("Save"))


class CommentForm(FlaskForm):
    """An optional comment on a decision."""

    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=TEXT)])
    submit = SubmitField(_l("Save"))


class PairChoiceForm(FlaskForm):
    """A mentor and a mentee, with a comment (pins, exclusions, offline tandems)."""

    mentor_id = SelectField(_l("Mentor"), validators=[DataRequired()])
    mentee_id = SelectField(_l("Mentee"), validators=[DataRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=TEXT)])
    submit = SubmitField(_l("Add"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mentor_id.choices = people_choices("mentor", blank=_l("choose a mentor"))
        self.mentee_id.choices = people_choices("mentee", blank=_l("choose a mentee"))

    def chosen_people(self) -> tuple[Person | None, Person | None]:
        """Return the mentor and mentee the validated form names."""
        return db.session.get(Person, int(self.mentor_id.data)), db.session.get(Person, int(self.mentee_id.data))


class OfflinePairForm(PairChoiceForm):
    """A tandem decided in a meeting, with the reason."""

    comment = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=TEXT)],
                            description=_l("For example: decided in the coordination meeting of 3 March."))
    submit = SubmitField(_l("Record the tandem"))


class ReplaceForm(FlaskForm):
    """Replace a proposal's mentor by hand."""

    mentor_id = SelectField(_l("Other mentor"), validators=[DataRequired()])
    comment = TextAreaField(_l("Why?"), validators=[DataRequired(), Length(max=TEXT)])
    submit = SubmitField(_l("Replace"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mentor_id.choices = people_choices("mentor", blank=_l("choose a mentor"))


class TransitionForm(FlaskForm):
    """Move a tandem to its next state."""

    to_state = SelectField(_l("New state"), validators=[DataRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=TEXT)],
                            description=_l("Required when a tandem ends early."))
    submit = SubmitField(_l("Change state"))

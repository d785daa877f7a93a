"""Forms of the pairing domain: profiles, checklist, constraints, runs, review and tandems."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from bridge.core.forms import LEVELS, MentorFields, ProfileFields, add_competence_fields, choices, language_choices
from bridge.modules.pairing.engine.types import Weights
from bridge.modules.pairing.models import MODES, SLOTS
from bridge.modules.pairing.operations.profiles import people_by_ids
from bridge.modules.pairing.util import CATEGORY_LABELS, DEPARTMENT_PREFERENCE_LABELS, MODE_LABELS, SLOT_LABELS
from bridge.modules.people.picker import PeopleSearchForm, PersonField, search_attributes
from bridge.modules.people.models import Person

TEXT = 2000
PRIORITIES = [("", _l("not a goal")), ("1", _l("1 – nice to have")), ("2", _l("2 – important")),
              ("3", _l("3 – essential"))]


def slot_choices():
    """Return the meeting-time choices."""
    return choices((s, _l(SLOT_LABELS[s])) for s in SLOTS)


def mode_choices():
    """Return the meeting-mode choices."""
    return choices((m, _l(MODE_LABELS[m])) for m in MODES)


class _ProfileBase(ProfileFields):
    department = StringField(_l("Department"), validators=[Optional(), Length(max=120)])
    line_manager_id = SelectField(_l("Your line manager"), validators=[Optional()],
                                  description=_l("So that nobody is paired with their own line manager. "
                                                 "Search by name."))
    line_manager_query = StringField(_l("Find a person by name"), validators=[Optional(), Length(max=100)])
    line_manager_search = SubmitField(_l("Search"))
    submit = SubmitField(_l("Save profile"))
    # fields whose people are found by a name search (never listed in full): field -> (query, button)
    PEOPLE_SEARCH = {"line_manager_id": ("line_manager_query", "line_manager_search")}

    def __init__(self, person: Person, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.offer_people()

    def searched_field(self) -> str | None:
        """Return the field whose "Search" button was pressed (a page without JavaScript), or None."""
        return next((name for name, (_q, button) in self.PEOPLE_SEARCH.items() if self[button].data), None)

    def search_query(self, name: str) -> str:
        """Return the text typed into the search box of a people field."""
        return self[self.PEOPLE_SEARCH[name][0]].data or ""

    def offer_people(self, field_name: str | None = None, found=()) -> None:
        """Offer the chosen people of each search field, plus the people found for one of them."""
        for name in self.PEOPLE_SEARCH:
            field = self[name]
            values = field.data if isinstance(field.data, list) else [field.data]
            chosen = people_by_ids(values or [], exclude=self.person)
            people = {p.id: p for p in [*chosen, *(found if name == field_name else ())]}
            options = [(str(p.id), f"{p.last_name}, {p.first_name}") for p in people.values()]
            if not isinstance(field, SelectMultipleField):
                options.insert(0, ("", _l("none in the programme")))
            field.choices = choices(options)
            field.render_kw = search_attributes()

    def slot_choices(self):
        return slot_choices()

    def mode_choices(self):
        return mode_choices()

    def common_data(self, form_data) -> dict:
        """Return the data every profile shares; competences come from every posted comp_ field."""
        return {"competences": self.posted_competences(form_data),
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


class MentorProfileForm(_ProfileBase, MentorFields):
    """A mentor's mentoring profile."""

    conflict_ids = SelectMultipleField(_l("People you must not be paired with (conflicts of interest)"),
                                       validators=[Optional()],
                                       description=_l("For example family members or close friends. Search by name."))
    conflict_query = StringField(_l("Find a person by name"), validators=[Optional(), Length(max=100)])
    conflict_search = SubmitField(_l("Search"))
    PEOPLE_SEARCH = {**_ProfileBase.PEOPLE_SEARCH, "conflict_ids": ("conflict_query", "conflict_search")}

    def data_for_operation(self, form_data) -> dict:
        """Return the cleaned data for save_mentor_profile."""
        return {**self.common_data(form_data), **self.mentor_data(),
                "conflict_ids": list(self.conflict_ids.data or [])}


add_competence_fields(MenteeProfileForm, PRIORITIES)
add_competence_fields(MentorProfileForm, LEVELS)


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


def mentor_field(label=_l("Mentor")) -> PersonField:
    """Return a required choice of an active mentor, found by name."""
    return PersonField(label, validators=[DataRequired()], groups=("mentor",), blank=_l("choose a mentor"),
                       invalid=_l("Choose an active person with the mentor role."))


class PairChoiceForm(PeopleSearchForm):
    """A mentor and a mentee, with a comment (pins, exclusions, offline tandems)."""

    mentor_id = mentor_field()
    mentee_id = PersonField(_l("Mentee"), validators=[DataRequired()], groups=("mentee",), blank=_l("choose a mentee"),
                            invalid=_l("Choose an active person with the mentee role."))
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=TEXT)])
    submit = SubmitField(_l("Add"))

    def chosen_people(self) -> tuple[Person | None, Person | None]:
        """Return the mentor and mentee the validated form names."""
        return self.mentor_id.person, self.mentee_id.person


class OfflinePairForm(PairChoiceForm):
    """A tandem decided in a meeting, with the reason."""

    comment = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=TEXT)],
                            description=_l("For example: decided in the coordination meeting of 3 March."))
    procedures_reason = TextAreaField(
        _l("Why the tandem goes ahead with the procedures checklist incomplete"),
        validators=[Optional(), Length(max=TEXT)],
        description=_l("Only needed while the internal procedures checklist is not complete."))
    exception_reason = TextAreaField(
        _l("Line-manager exception: written justification"), validators=[Optional(), Length(max=TEXT)],
        description=_l("Only when one is the other's line manager and the pair is still wanted (for example in a "
                       "small department). The exception is recorded and counted."))
    submit = SubmitField(_l("Record the tandem"))


class ReplaceForm(PeopleSearchForm):
    """Replace a proposal's mentor by hand."""

    mentor_id = mentor_field(_l("Other mentor"))
    comment = TextAreaField(_l("Why?"), validators=[DataRequired(), Length(max=TEXT)])
    exception_reason = TextAreaField(
        _l("Line-manager exception: written justification"), validators=[Optional(), Length(max=TEXT)],
        description=_l("Only when one is the other's line manager and the pair is still wanted (for example in a "
                       "small department). The exception is recorded and counted."))
    submit = SubmitField(_l("Replace"))


class TransitionForm(FlaskForm):
    """Move a tandem to its next state."""

    to_state = SelectField(_l("New state"), validators=[DataRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=TEXT)],
                            description=_l("Required when a tandem ends early."))
    submit = SubmitField(_l("Change state"))

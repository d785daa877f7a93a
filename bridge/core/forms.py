"""Shared form helpers, and the fields of a mentoring profile that several domains' forms share."""
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from bridge.core.competences import competence_keys, competence_label
from bridge.core.languages import language_names


def searchable() -> dict:
    """Return the attributes that make a multiple choice a searchable list (bridge/static/select.js, Tom Select)."""
    return {"data-enhance": "search", "data-no-results": _l("No match")}


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes for a multiple choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def apply_domain_error(form: FlaskForm, exc) -> bool:
    """Attach a domain error to the field it names (or each of its `field_errors`); return whether attached."""
    named = getattr(exc, "field_errors", None) or ({exc.field: exc.message} if exc.field else {})
    attached = False
    for name, message in named.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = list(field.errors) + [message]
            attached = True
    return attached


def choices(pairs) -> list[SelectChoice]:
    """Return select choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices() -> list[SelectChoice]:
    """Return the language choices, labelled in the current language."""
    return choices(language_names().items())


COMPETENCE_PREFIX = "comp_"
TEXT = 2000
LEVELS = [("", _l("not declared")), ("1", _l("1 – basic")), ("2", _l("2 – good")), ("3", _l("3 – strong")),
          ("4", _l("4 – expert"))]
SCALE = [("", _l("not given")), ("1", _l("1 – I prefer small, careful steps")), ("2", "2"), ("3", "3"),
         ("4", "4"), ("5", _l("5 – I actively drive change"))]


def add_competence_fields(form_class, levels) -> None:
    """Give a form class one select field per competence (comp_<key>), with the given level choices."""
    for key in competence_keys():
        label = LazyString(lambda key=key: competence_label(key))
        setattr(form_class, COMPETENCE_PREFIX + key, SelectField(label, choices=choices(levels),
                                                                 validators=[Optional()]))


class ProfileFields(FlaskForm):
    """Fields every mentoring profile has; the domain's form gives the slot and mode choices."""

    languages = SelectMultipleField(_l("Languages you speak"), choices=language_choices, validators=[Optional()],
                                    render_kw=searchable())
    availability = MultiCheckboxField(_l("When can you meet?"), validators=[Optional()])
    modes = MultiCheckboxField(_l("How can you meet?"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.availability.choices = self.slot_choices()
        self.modes.choices = self.mode_choices()

    def slot_choices(self) -> list[SelectChoice]:
        """Return the choices of meeting times (given by the domain's form)."""
        return []

    def mode_choices(self) -> list[SelectChoice]:
        """Return the choices of meeting modes (given by the domain's form)."""
        return []

    def competence_fields(self):
        """Return the competence fields in the order of the competence list."""
        return [self[COMPETENCE_PREFIX + key] for key in competence_keys()]

    def posted_competences(self, form_data) -> dict:
        """Return {competence key: posted value} from every comp_ field of the posted data."""
        return {k[len(COMPETENCE_PREFIX):]: v for k, v in form_data.items() if k.startswith(COMPETENCE_PREFIX)}


class MentorFields(ProfileFields):
    """The fields of a mentor's profile, shared by a mentor's own form and the external application."""

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

    def mentor_data(self) -> dict:
        """Return the mentor-specific values as plain data."""
        return {"experience_years": self.experience_years.data, "work_areas": self.work_areas.data,
                "know_how": self.know_how.data, "willingness_statement": self.willingness_statement.data,
                "willingness_scale": int(self.willingness_scale.data) if self.willingness_scale.data else None,
                "capacity": self.capacity.data}

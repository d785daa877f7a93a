"""Forms for people, and the fields that choose people by name."""
from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import EmailField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import Choice
from wtforms.utils import unset_value
from wtforms.validators import DataRequired, Email, Length, Optional, StopValidation

from bridge.core.forms import MultiCheckboxField, choices, language_choices, searchable
from bridge.core.roles import Role
from bridge.modules.people.picker import SEARCH_MIN_CHARS, chosen_people, name_matches, person_ids

ROLE_LABELS = {
    Role.COORDINATOR.value: _l("Coordinator"),
    Role.MENTOR.value: _l("Mentor"),
    Role.MENTEE.value: _l("Mentee"),
    Role.EXTERNAL.value: _l("External professional"),
    Role.MANAGEMENT.value: _l("Department head / management"),
    Role.TRAINER.value: _l("Trainer"),
}


def role_badges(role_names) -> Markup:
    """Return a badge per role, in the order of the role keys, each labelled in the current language (the template
    filter role_badges: one call per person instead of an included template per badge)."""
    return Markup(" ").join(Markup('<span class="badge text-bg-light border">%s</span>') % ROLE_LABELS.get(r, r)
                            for r in sorted(role_names))


class PersonForm(FlaskForm):
    """Create or edit a person (coordinators)."""

    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)])
    department = StringField(_l("Department"), validators=[Optional(), Length(max=120)])
    languages = SelectMultipleField(_l("Languages"), choices=language_choices, validators=[Optional()],
                                    render_kw=searchable())
    roles = MultiCheckboxField(_l("Roles"), choices=choices(ROLE_LABELS.items()), validators=[Optional()])
    submit = SubmitField(_l("Save"))

    def data_for_operation(self) -> dict:
        """Return the cleaned data for create_person/update_person."""
        return {
            "first_name": self.first_name.data.strip(),
            "last_name": self.last_name.data.strip(),
            "email": self.email.data,
            "department": (self.department.data or "").strip() or None,
            "languages": list(self.languages.data or []),
            "roles": list(self.roles.data or []),
        }


class ProfileForm(FlaskForm):
    """What everyone may change about themselves."""

    department = StringField(_l("Department"), validators=[Optional(), Length(max=120)])
    languages = SelectMultipleField(_l("Languages you speak"), choices=language_choices, validators=[Optional()],
                                    render_kw=searchable())
    preferred_locale = SelectField(_l("Language of this site and of mails"),
                                   choices=choices([("en", "English"), ("de", "Deutsch")]))
    submit = SubmitField(_l("Save"))


class SearchForm(FlaskForm):
    """Filter the people list (GET, no CSRF needed)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    role = SelectField(_l("Role"), choices=choices([("", _l("All roles"))] + list(ROLE_LABELS.items())),
                       validators=[Optional()])
    status = SelectField(_l("Status"), choices=choices([("active", _l("Active")), ("archived", _l("Archived")),
                                                        ("all", _l("All"))]), validators=[Optional()])


def search_attributes(groups=()) -> dict:
    """Return the attributes that make a list of people search by name as one types (bridge/static/select.js)."""
    return {"data-search-url": url_for("people.search", role=list(groups) or None),
            "data-min-chars": str(SEARCH_MIN_CHARS), "data-no-results": _l("No match"),
            "data-min-chars-text": _l("Type at least %(n)s letters of a name.", n=SEARCH_MIN_CHARS)}


class _PeopleChoice:
    """What PersonField and PeopleField share: the page lists only the chosen people (and, without JavaScript, the
    people found for the name typed into the field's own search box, {name}-query); the posted ids are checked by a
    query (active, of the field's groups, not excluded), never against a list of everyone."""

    def _setup(self, groups, invalid, blank=None):
        self.groups, self.invalid, self.blank = tuple(groups), invalid, blank
        self.exclude_ids: set[int] = set()  # people who may not be chosen (for example those invited already)
        self.query, self.search_pressed, self.found, self.malformed = "", False, None, False
        self._chosen = ((), [])

    def process(self, formdata, data=unset_value, extra_filters=None):
        """Read the ids, and the search box and its button when the form was posted."""
        super().process(formdata, data, extra_filters)
        if formdata is not None:
            self.query = " ".join((formdata.get(f"{self.name}-query") or "").split())[:100]
            self.search_pressed = bool(formdata.get(f"{self.name}-search"))

    def _ids(self) -> list[int]:
        raise NotImplementedError

    def chosen(self) -> list:
        """Return the chosen people who may be chosen (one query per change of the ids)."""
        key = (tuple(sorted(self._ids())), tuple(sorted(self.exclude_ids)))
        if self._chosen[0] != key:
            self._chosen = (key, chosen_people(key[0], self.groups, self.exclude_ids) if key[0] else [])
        return self._chosen[1]

    def pre_validate(self, form):
        """Refuse malformed ids and anyone who may not be chosen, with the field's message."""
        if self.malformed or len(self.chosen()) < len(set(self._ids())):
            raise StopValidation(self.invalid)

    def search(self) -> None:
        """Find the people whose name starts with the text in the search box (a page without JavaScript)."""
        self.found = name_matches(self.query, self.groups, self.exclude_ids)

    def search_result(self) -> str:
        """Return what the search found, in words."""
        if len(self.query) < SEARCH_MIN_CHARS:
            return _l("Type at least %(n)s letters of a name.", n=SEARCH_MIN_CHARS)
        if not self.found:
            return _l("No match")
        return ngettext("%(num)d person found: choose in the list.", "%(num)d people found: choose in the list.",
                        len(self.found))

    def iter_choices(self):
        chosen = self.chosen()
        selected = {p.id for p in chosen}
        people = {p.id: p for p in [*chosen, *(self.found or ())]}
        options = [Choice("", self.blank, not selected, {})] if self.blank is not None else []
        return options + [Choice(str(p.id), f"{p.last_name}, {p.first_name}", p.id in selected, {})
                          for p in people.values()]

    def has_groups(self):
        return False

    def __call__(self, **kwargs):
        return super().__call__(**{**search_attributes(self.groups), **kwargs})


class PersonField(_PeopleChoice, SelectField):
    """One person chosen by name (data: the id or None); `groups` limits the choice to roles or named groups."""

    def __init__(self, label=None, validators=None, groups=(), blank=None, invalid=_l("Choose an active person."),
                 **kwargs):
        super().__init__(label, validators, validate_choice=False, **kwargs)
        self._setup(groups, invalid, blank)

    def process_data(self, value):
        ids, self.malformed = person_ids([value] if value not in (None, "", 0) else [])
        self.data = min(ids) if ids else None

    def process_formdata(self, valuelist):
        values = [v for v in valuelist if v not in (None, "", "0")][:1]  # 0: "nobody" in older pages
        ids, self.malformed = person_ids(values)
        self.data = min(ids) if ids else None

    def _ids(self) -> list[int]:
        return [self.data] if self.data else []

    @property
    def person(self):
        """Return the chosen person (after validation), or None."""
        chosen = self.chosen()
        return chosen[0] if chosen else None


class PeopleField(_PeopleChoice, SelectMultipleField):
    """Several people chosen by name (data: their ids); `groups` limits the choice to roles or named groups."""

    def __init__(self, label=None, validators=None, groups=(), invalid=_l("Choose active people."), **kwargs):
        super().__init__(label, validators, validate_choice=False, **kwargs)
        self._setup(groups, invalid)

    def process_data(self, value):
        ids, self.malformed = person_ids(value or [])
        self.data = sorted(ids)

    def process_formdata(self, valuelist):
        ids, self.malformed = person_ids(valuelist)
        self.data = sorted(ids)

    def _ids(self) -> list[int]:
        return list(self.data or [])


class PeopleSearchForm(FlaskForm):
    """A form with fields that choose people by name: a press on one of their "Search" buttons (a page without
    JavaScript) searches the names typed into their boxes and brings the form back, instead of sending it."""

    def people_fields(self) -> list:
        """Return the form's fields that choose people."""
        return [field for field in self if isinstance(field, _PeopleChoice)]

    def searching(self) -> bool:
        """Return whether a "Search" button sent the form."""
        return any(field.search_pressed for field in self.people_fields())

    def validate(self, extra_validators=None):
        if not self.searching():
            return super().validate(extra_validators)
        for field in self.people_fields():
            if field.search_pressed or field.query:
                field.search()
        return False

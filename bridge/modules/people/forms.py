"""Forms for people, and the fields that choose people by name."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import EmailField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from bridge.core.forms import MultiCheckboxField, choices, language_choices, searchable
from bridge.core.roles import Role

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

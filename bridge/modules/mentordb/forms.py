"""The filter form of the mentor database."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional

from bridge.core.competences import competence_keys, competence_label
from bridge.core.forms import choices, language_choices
from bridge.modules.pairing.models import SLOTS
from bridge.modules.pairing.util import SLOT_LABELS


class MentorFilterForm(FlaskForm):
    """Search and filter mentors (sent by GET, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name"), validators=[Optional(), Length(max=100)])
    competence = SelectField(_l("Competence"), validators=[Optional()],
                             choices=lambda: choices([("", _l("any"))] + [(k, competence_label(k))
                                                                          for k in competence_keys()]))
    language = SelectField(_l("Language"), validators=[Optional()],
                           choices=lambda: choices([("", _l("any"))]) + language_choices())
    department = StringField(_l("Department or organisation"), validators=[Optional(), Length(max=120)])
    slot = SelectField(_l("Available at"), validators=[Optional()],
                       choices=lambda: choices([("", _l("any time"))] + [(s, _l(SLOT_LABELS[s])) for s in SLOTS]))
    kind = SelectField(_l("Internal or external"), validators=[Optional()],
                       choices=lambda: choices([("", _l("both")), ("internal", _l("internal")),
                                                ("external", _l("external"))]))
    capacity = BooleanField(_l("Only mentors with a free place"))
    former_mentee = BooleanField(_l("Only former mentees"))
    submit = SubmitField(_l("Filter"))

    def filters(self) -> dict:
        """Return the valid filters as plain values."""
        return {name: self[name].data for name in ("q", "competence", "language", "department", "slot", "kind",
                                                   "capacity", "former_mentee")
                if self[name].data and not self[name].errors}

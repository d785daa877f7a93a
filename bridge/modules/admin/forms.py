"""Forms for coordinator operations."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SubmitField
from wtforms.validators import DataRequired

from bridge.core.forms import choices


class SyncStartForm(FlaskForm):
    """Start a Moodle sync run."""

    kind = SelectField(_l("What to synchronise"), validators=[DataRequired()], choices=choices([
        ("nightly", _l("Everything (people, enrolments, completions)")),
        ("users", _l("People and enrolments only")),
        ("completions", _l("Completions and grades only")),
    ]))
    full = BooleanField(_l("Full reconciliation (everyone, not only recent activity; recommended weekly)"))
    dry_run = BooleanField(_l("Dry run: show what would change, change nothing"))
    submit = SubmitField(_l("Start sync"))


class ProbeForm(FlaskForm):
    """Test the connection to Moodle (the capability probe)."""

    submit = SubmitField(_l("Test connection"))

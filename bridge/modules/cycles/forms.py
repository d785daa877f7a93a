"""Forms for cycles and complaint figures."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional


class CycleForm(FlaskForm):
    """Create a cycle."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)],
                       description=_l("For example the years it covers, such as 2027/28."))
    starts_on = DateField(_l("Start date"), validators=[DataRequired()])
    ends_on = DateField(_l("End date"), validators=[DataRequired()])
    submit = SubmitField(_l("Create cycle"))


class CycleEditForm(FlaskForm):
    """Correct a cycle's name and dates (not once it is closed)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
    starts_on = DateField(_l("Start date"), validators=[DataRequired()])
    ends_on = DateField(_l("End date"), validators=[DataRequired()])
    submit = SubmitField(_l("Save"))


class CloseCycleForm(FlaskForm):
    """Close the current cycle and start the next one."""

    next_cycle = SelectField(_l("Next cycle"), coerce=int, validators=[InputRequired()])
    move_open_tandems = BooleanField(_l("Move the open tandems into the next cycle"))
    submit = SubmitField(_l("Close the cycle"))


class ComplaintForm(FlaskForm):
    """Enter the number of complaints or incidents in a period."""

    period_start = DateField(_l("Period from"), validators=[DataRequired()])
    period_end = DateField(_l("Period to"), validators=[DataRequired()])
    department = StringField(_l("Department"), validators=[Optional(), Length(max=120)],
                             description=_l("Leave empty for the whole organisation."))
    count = IntegerField(_l("Complaints and incidents"), validators=[InputRequired(), NumberRange(0, 1_000_000)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)],
                         description=_l("Where the figure comes from, e.g. the complaints office."))
    submit = SubmitField(_l("Save figure"))

"""WTForms built from a form definition, and the coordinator's export, edit and filter forms."""
from functools import cached_property

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from bridge.core.forms import choices
from bridge.modules.evaluation.models import EvaluationForm

MAX_TEXT = 4000


def _likert(item: dict, locale: str) -> RadioField:
    anchors = item.get(f"anchors_{locale}") or item["anchors_en"]
    options = choices((str(n), f"{n} – {label}") for n, label in enumerate(anchors, start=1))
    validators = [InputRequired(message=_l("Please choose an answer."))] if item["required"] else [Optional()]
    return RadioField(item.get(f"text_{locale}") or item["text_en"], choices=options, validators=validators)


def _text(item: dict, locale: str) -> TextAreaField:
    validators = [DataRequired(message=_l("Please answer this question."))] if item["required"] else [Optional()]
    validators.append(Length(max=MAX_TEXT, message=_l("Please keep the answer under 4000 characters.")))
    return TextAreaField(item.get(f"text_{locale}") or item["text_en"], validators=validators)


def build_answer_form(definition: EvaluationForm, locale: str, respondents=None) -> FlaskForm:
    """Return a form with one field per item of the definition (field names are the item keys).

    With respondents (people), the form also asks whose paper response a coordinator is entering.
    """

    class AnswerForm(FlaskForm):
        pass

    if respondents:
        AnswerForm.respondent = SelectField(
            _l("Filled in on paper by"), choices=choices([("", "—")] + [(str(p.id), p.full_name) for p in respondents]),
            validators=[DataRequired(message=_l("Choose the tandem member who filled in the paper form."))])

    for item in definition.items:
        field = _likert(item, locale) if item["kind"] == "likert" else _text(item, locale)
        setattr(AnswerForm, f"item_{item['key']}", field)
    return AnswerForm()


def answers_from(form: FlaskForm, definition: EvaluationForm) -> dict:
    """Return {item key: raw answer} from a submitted answer form."""
    return {item["key"]: getattr(form, f"item_{item['key']}").data or "" for item in definition.items}


class DefinitionForm(FlaskForm):
    """A coordinator's edit of a form definition (YAML)."""

    source = TextAreaField(_l("Form definition (YAML)"), validators=[DataRequired(), Length(max=100_000)],
                           render_kw={"rows": 30, "spellcheck": "false"})


class ExportForm(FlaskForm):
    """Filters of the evaluation export (sent as a GET query)."""

    class Meta:
        csrf = False

    date_from = DateField(_l("Submitted from"), validators=[Optional()])
    date_to = DateField(_l("Submitted until"), validators=[Optional()])
    department = SelectField(_l("Department"), validators=[Optional()])
    form = SelectField(_l("Form"), validators=[Optional()])
    state = SelectField(_l("Tandem state"), validators=[Optional()])
    anonymous = BooleanField(_l("Anonymous (no names)"))


class PrepareExportForm(ExportForm):
    """The export's filters, posted to have the file prepared in the background."""

    class Meta:
        @cached_property
        def csrf(self):  # the app's setting again (the GET filters switch the token off)
            return current_app.config.get("WTF_CSRF_ENABLED", True)

    xlsx = SubmitField(_l("Prepare the Excel workbook"))
    csv = SubmitField(_l("Prepare the responses as CSV"))

    @property
    def format(self) -> str:
        """Return the format of the button pressed (xlsx unless the CSV button was)."""
        return "csv" if self.csv.data else "xlsx"


class DashboardForm(FlaskForm):
    """Filters of the impact dashboard (sent as a GET query): a period and a department."""

    class Meta:
        csrf = False

    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("Until"), validators=[Optional()])
    department = SelectField(_l("Department"), validators=[Optional()])

    def validate_date_to(self, field):
        """The period must not end before it starts."""
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end of the period must not be before its start."))

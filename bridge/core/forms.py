"""Shared form helpers."""
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from bridge.core.languages import LANGUAGES


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
    return choices((code, str(name)) for code, name in LANGUAGES.items())

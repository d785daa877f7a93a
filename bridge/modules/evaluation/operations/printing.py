"""Printable evaluation forms: a blank PDF of any form version (to fill in by hand) and a filled copy of a response."""
from flask import render_template
from flask_babel import force_locale

from bridge.core.pdf import html_to_pdf
from bridge.modules.evaluation.models import EvaluationForm, EvaluationResponse


def blank_pdf(form: EvaluationForm, locale: str) -> bytes:
    """Return the form version as a PDF with empty boxes and lines, in the language."""
    with force_locale(locale):
        html = render_template("evaluation/print.html", definition=form, response=None, answers={}, locale=locale)
    return html_to_pdf(html)


def response_pdf(response: EvaluationResponse, locale: str, named: bool = True) -> bytes:
    """Return a filled copy of a response (with its form version), in the language; `named` False leaves out
    who answered and their tandem (anonymous forms, for readers other than the respondent)."""
    with force_locale(locale):
        html = render_template("evaluation/print.html", definition=response.form, response=response,
                               answers={a.item_key: a for a in response.answers}, locale=locale,
                               named=named)
    return html_to_pdf(html)

"""`qser export evaluations` and `qser evaluations load-forms|remind`."""
import sys
import time
from datetime import date, datetime, timezone

import click
from flask.cli import with_appcontext

from bridge.core.db import db, utcnow


@click.group("evaluations")
def evaluations():
    """Manage evaluation forms and reminders."""


@evaluations.command("load-forms")
@with_appcontext
def load_forms_command():
    """Load the shipped YAML forms (new forms, or new versions where a file changed)."""
    from bridge.modules.evaluation.operations.definitions import load_forms

    added = load_forms()
    db.session.commit()
    click.echo(f"Evaluation forms: {len(added)} added or updated"
               + (f" ({', '.join(f'{f.key} v{f.version}' for f in added)})." if added else "."))


@evaluations.command("remind")
@click.option("--now", "now_text", envvar="QSER_REMINDERS_NOW", default=None,
              help="Pretend it is this ISO date/time (UTC), for tests and catch-up runs.")
@with_appcontext
def remind(now_text):
    """Mail tandem members whose evaluations are due (once per form and person)."""
    from bridge.modules.evaluation.operations.schedule import send_reminders

    try:
        now = datetime.fromisoformat(now_text).replace(tzinfo=timezone.utc) if now_text else utcnow()
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO date/time: {now_text}", param_hint="--now") from exc
    counts = send_reminders(now)
    db.session.commit()
    click.echo(f"Evaluation reminders: {counts['checked']} tandems checked, {counts['mails']} mails sent.")


@click.group("export")
def export():
    """Export data to spreadsheets."""


def _day(_ctx, _param, value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise click.BadParameter("use the form YYYY-MM-DD") from exc


@export.command("evaluations")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True))
@click.option("--anonymous", is_flag=True, help="Leave out every name.")
@click.option("--from", "date_from", callback=_day, help="Responses submitted on or after this day.")
@click.option("--to", "date_to", callback=_day, help="Responses submitted on or before this day.")
@click.option("--department", default=None, help="Only people of this department.")
@click.option("--form", "form_key", default=None, help="Only this form (key, e.g. midterm).")
@click.option("--state", default=None, help="Only tandems in this state.")
@with_appcontext
def export_evaluations(out, anonymous, date_from, date_to, department, form_key, state):
    """Write the evaluation workbook (Responses, Pairs, Sessions, Summary, Read me) to a file."""
    from bridge.core.spreadsheets import generate_xlsx
    from bridge.modules.evaluation.operations.definitions import ensure_forms
    from bridge.modules.evaluation.operations.export_columns import README
    from bridge.modules.evaluation.operations.export_data import ExportFilter, build_sheets

    started = time.perf_counter()
    ensure_forms()
    db.session.commit()
    filters = ExportFilter(date_from, date_to, department, form_key, state, anonymous)
    try:
        data = generate_xlsx(build_sheets(filters), README)
        with open(out, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        click.echo(f"Error: cannot write {out}: {exc}", err=True)
        sys.exit(2)
    click.echo(f"Evaluations exported to {out} ({len(data):,} bytes) in {time.perf_counter() - started:.1f} s.")

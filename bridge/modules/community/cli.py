"""The `qser qa` and `qser scenarios` commands: load Q&A entries and workshop scenarios from YAML."""
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from bridge.core.db import db


@click.group("qa")
def qa_group():
    """Manage the Q&A area."""


@qa_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def import_command(file: Path):
    """Import questions and answers from a YAML file (entries keyed by id; safe to repeat)."""
    from bridge.modules.community.operations.importer import ImportProblem, import_qa

    try:
        created, updated = import_qa(file)
    except ImportProblem as exc:
        db.session.rollback()
        for problem in exc.problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(2)
    db.session.commit()
    click.echo(f"{created} questions created, {updated} updated (counting each language).")


@click.group("scenarios")
def scenarios_group():
    """Manage the workshop scenario library."""


@scenarios_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def import_scenarios_command(file: Path):
    """Import real-case scenarios from a YAML file (entries keyed by id, EN and DE; safe to repeat).

    The starter set is bridge/modules/community/data/scenarios.yaml.
    """
    from bridge.modules.community.operations.importer import ImportProblem, import_scenarios

    try:
        created = import_scenarios(file)
    except ImportProblem as exc:
        db.session.rollback()
        for problem in exc.problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(2)
    db.session.commit()
    click.echo(f"{created} scenarios created (counting each language); the others were updated.")

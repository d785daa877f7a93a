"""The `oer` command group: build and validate course packages (attached as `qser oer`)."""
from __future__ import annotations

import time
from pathlib import Path

import click

from .content import default_oer_dir, load_modules, validate_all
from .errors import InvalidContent, SchemasMissing
from .manifest import build_manifest
from .questionbank import FORMATS, filename, to_gift, to_moodle_xml
from .package import build_package, package_sha256, write_package
from .standards import STANDARDS
from .validate import manifest_errors, package_errors

oer_dir_option = click.option(
    "--oer-dir", type=click.Path(file_okay=False, path_type=Path), envvar="QSER_OER_DIR",
    default=default_oer_dir, show_default="<repo>/oer", help="Content root (module folders).")


@click.group("oer")
def oer() -> None:
    """Build and check the OER course packages (SCORM 1.2/2004, IMS CP/CC)."""


@oer.command("build")
@oer_dir_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("dist"), show_default=True, help="Folder for the zips.")
@click.option("--standard", "standards", multiple=True, type=click.Choice(STANDARDS),
              help="Standard to build (repeatable; default: all).")
@click.option("--lang", "langs", multiple=True,
              help="Language to build (repeatable; default: all).")
@click.option("--module", "module_ids", multiple=True, help="Module id (repeatable; default: all).")
def build(oer_dir: Path, out_dir: Path, standards, langs, module_ids) -> None:
    """Write one zip per module, language and standard, printing each sha256."""
    modules = _select(_load(oer_dir), module_ids)
    jobs = [(m, lang, std) for m in modules for lang in m.languages
            if not langs or lang in langs for std in (standards or STANDARDS)]
    if not jobs:
        raise click.ClickException("nothing to build: no module has the requested languages")
    started = time.perf_counter()
    for number, (module, lang, standard) in enumerate(jobs, start=1):
        path = write_package(module, lang, standard, out_dir)
        size = path.stat().st_size
        click.echo(f"[{number}/{len(jobs)}] {path}  {size:,} bytes  "
                   f"sha256 {package_sha256(module, lang, standard)}")
    elapsed = time.perf_counter() - started
    click.echo(f"wrote {len(jobs)} package(s) to {out_dir} in {elapsed:.2f} s")


@oer.command("export-questions")
@oer_dir_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True,
              help="Moodle XML or GIFT question-bank file.")
@click.option("--lang", required=True, help="Language of the questions (en, de).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Folder for the files (one per module).")
@click.option("--module", "module_ids", multiple=True, help="Module id (repeatable; default: all).")
def export_questions(oer_dir: Path, fmt: str, lang: str, out_dir: Path, module_ids) -> None:
    """Write each module's quiz as a Moodle question bank (category per module)."""
    modules = [m for m in _select(_load(oer_dir), module_ids) if lang in m.languages]
    if not modules:
        raise click.ClickException(f"no module has language {lang!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    for module in modules:
        path = out_dir / filename(module, lang, fmt)
        if fmt == "gift":
            path.write_text(to_gift(module, lang), encoding="utf-8")
        else:
            path.write_bytes(to_moodle_xml(module, lang))
        count = len(module.translation(lang).quiz.questions)
        click.echo(f"{path}  {count} questions")
    click.echo(f"wrote {len(modules)} question bank(s) to {out_dir}")


@oer.command("validate")
@oer_dir_option
def validate(oer_dir: Path) -> None:
    """Check the content and every manifest against the XSDs; exit 1 on any problem."""
    errors = validate_all(oer_dir)
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if errors:
        raise click.ClickException(f"{len(errors)} content error(s) in {oer_dir}")
    modules = load_modules(oer_dir)
    if not modules:
        raise click.ClickException(f"no modules found in {oer_dir}")
    problems = 0
    for module in modules:
        for lang in module.languages:
            problems += _check_packages(module, lang)
    if problems:
        raise click.ClickException(f"{problems} package problem(s)")
    click.echo(f"ok: {len(modules)} module(s), content and manifests valid")


def _check_packages(module, lang: str) -> int:
    """Validate the manifest and zip of every standard for one module language."""
    problems = 0
    for standard in STANDARDS:
        try:
            found = manifest_errors(build_manifest(module, lang, standard), standard)
            found += package_errors(build_package(module, lang, standard), standard)
        except SchemasMissing as exc:
            raise click.ClickException(str(exc)) from None
        label = f"{module.id} [{lang}] {standard}"
        for message in dict.fromkeys(found):
            click.echo(f"error: {label}: {message}", err=True)
        click.echo(f"{'FAIL' if found else 'ok  '} {label}")
        problems += len(found)
    return problems


def _load(oer_dir: Path) -> list:
    """Load all modules or exit with every content error listed."""
    try:
        return load_modules(oer_dir)
    except InvalidContent as exc:
        for error in exc.errors:
            click.echo(f"error: {error}", err=True)
        raise click.ClickException(f"{len(exc.errors)} content error(s); nothing built") from None


def _select(modules: list, module_ids) -> list:
    """Return the modules named in `module_ids` (all when empty), failing on unknown ids."""
    if not module_ids:
        return modules
    known = {m.id: m for m in modules}
    unknown = [mid for mid in module_ids if mid not in known]
    if unknown:
        raise click.ClickException(f"unknown module(s): {', '.join(unknown)} "
                                   f"(known: {', '.join(known) or 'none'})")
    return [known[mid] for mid in module_ids]


def main() -> None:
    """Run the `oer` group on its own (`python -m scorm_packages.cli`)."""
    oer()


if __name__ == "__main__":
    main()

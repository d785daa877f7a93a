"""Load Q&A entries and scenarios from YAML files, idempotently (keyed by each entry's `id`)."""
from pathlib import Path

import yaml

from bridge.core.competences import competence_keys
from bridge.core.db import db
from bridge.core.vocabulary import expand
from bridge.core.errors import ValidationFailed
from bridge.modules.community.models import Answer, Question, Scenario
from bridge.modules.community.operations.qa import get_tags, normalise_tags

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STARTER_FILE = DATA_DIR / "qa_starter.yaml"
SCENARIOS_FILE = DATA_DIR / "scenarios.yaml"
LANGS = ("en", "de")
QA_FIELDS = ("title", "question", "answer")
SCENARIO_FIELDS = ("title", "situation", "questions", "approaches")


class ImportProblem(Exception):
    """The file cannot be imported; `problems` lists what is wrong, entry by entry."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_entries(path: Path) -> list:
    """Return the list of entries in a YAML file, or raise ImportProblem."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ImportProblem([f"{path}: cannot be read as YAML ({exc.__class__.__name__}: {exc})"]) from exc
    if not isinstance(data, list) or not data:
        raise ImportProblem([f"{path}: expected a non-empty list of entries"])
    return data


def _entry_problems(index: int, entry, fields, seen: set) -> list[str]:
    where = f"entry {index}"
    if not isinstance(entry, dict):
        return [f"{where}: expected a mapping with id, en and de"]
    key = entry.get("id")
    where = f"entry {index} (id={key})"
    problems = []
    if not isinstance(key, str) or not key.strip() or len(key) > 80:
        problems.append(f"entry {index}: `id` must be a text of 1 to 80 characters")
    elif key in seen:
        problems.append(f"{where}: duplicate id")
    seen.add(key)
    for lang in LANGS:
        block = entry.get(lang)
        if not isinstance(block, dict):
            problems.append(f"{where}: missing `{lang}` block")
            continue
        problems += [f"{where}: `{lang}.{f}` is missing or empty" for f in fields
                     if not isinstance(block.get(f), str) or not block[f].strip()]
    return problems


def _tag_problems(index: int, entry) -> list[str]:
    tags = entry.get("tags", []) if isinstance(entry, dict) else []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        return [f"entry {index}: `tags` must be a list of texts"]
    try:
        normalise_tags(tags)
    except ValidationFailed:
        return [f"entry {index}: invalid tag in {tags}"]
    return []


def _competence_problems(index: int, entry) -> list[str]:
    keys = entry.get("competences", []) if isinstance(entry, dict) else []
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        return [f"entry {index}: `competences` must be a list of competence keys"]
    unknown = sorted(set(keys) - set(competence_keys()))
    if unknown:
        return [f"entry {index}: unknown competence(s) {', '.join(unknown)} "
                f"(known: {', '.join(competence_keys())})"]
    return []


def validate(path: Path, entries: list, fields=QA_FIELDS) -> None:
    """Raise ImportProblem listing every invalid entry."""
    seen: set = set()
    problems = []
    for index, entry in enumerate(entries, start=1):
        problems += _entry_problems(index, entry, fields, seen)
        if fields is QA_FIELDS:
            problems += _tag_problems(index, entry)
        else:
            problems += _competence_problems(index, entry)
    if problems:
        raise ImportProblem([f"{path}: {p}" for p in problems])


def _upsert(model, key: str, lang: str, **values):
    row = db.session.scalar(db.select(model).where(model.import_key == key, model.lang == lang))
    created = row is None
    if created:
        row = model(import_key=key, lang=lang)
        db.session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    return row, created


def import_qa(path: Path) -> tuple[int, int]:
    """Import Q&A entries (one question and answer per language); return (created, updated)."""
    entries = read_entries(path)
    validate(path, entries)
    created = updated = 0
    for entry in entries:
        for lang in LANGS:
            block = entry[lang]
            question, new = _upsert(Question, entry["id"], lang, title=block["title"].strip()[:200],
                                    body=block["question"].strip())
            question.tags = get_tags(entry.get("tags", []))
            db.session.flush()
            _upsert(Answer, entry["id"], lang, body=expand(block["answer"].strip(), lang),
                    question_id=question.id)
            created, updated = created + new, updated + (not new)
    db.session.flush()
    return created, updated


def import_scenarios(path: Path) -> int:
    """Import scenarios (one row per language, tagged by competence); return how many were new."""
    entries = read_entries(path)
    validate(path, entries, SCENARIO_FIELDS)
    created = 0
    order = competence_keys()
    for entry in entries:
        keys = set(entry.get("competences") or [])
        for lang in LANGS:
            values = {f: entry[lang][f].strip() for f in SCENARIO_FIELDS}
            if len(values["title"]) > 200:
                values["title"] = values["title"][:200]
            created += _upsert(Scenario, entry["id"], lang, competences=[k for k in order if k in keys], **values)[1]
    db.session.flush()
    return created

"""Form definitions as YAML: parse and check them, load the defaults, save edited versions."""
import re
from pathlib import Path

import yaml

from bridge.core import audit, cache
from bridge.core.db import db, insert_or_skip
from bridge.core.errors import N_, ValidationFailed
from bridge.core.yamltext import load_text
from bridge.modules.evaluation.models import ASPECTS, Audience, EvaluationForm, FormType
from bridge.modules.evaluation.util import VISIBILITY_DEFAULTS, VISIBILITY_LABELS

FORMS_DIR = Path(__file__).resolve().parents[1] / "data" / "forms"
KEY_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
KINDS = ("likert", "text")


def _invalid(msgid: str, **params):
    return ValidationFailed(msgid, field="source", **params)


def _pair_of(data, name: str) -> tuple[str, str]:
    value = data.get(name) or {}
    if not isinstance(value, dict) or not str(value.get("en", "")).strip():
        raise _invalid(N_("The form needs an English %(name)s."), name=name)
    return str(value["en"]).strip(), str(value.get("de") or value["en"]).strip()


def _anchors(data: dict, item: dict, scale: int) -> dict:
    anchors = item.get("anchors") or data.get("anchors") or {}
    result = {}
    for lang in ("en", "de"):
        labels = [str(a) for a in (anchors.get(lang) or anchors.get("en") or [])]
        if len(labels) != scale:
            raise _invalid(N_("Item %(key)s needs %(scale)s anchor labels."), key=item.get("key"), scale=scale)
        result[f"anchors_{lang}"] = labels
    return result


def _item(data: dict, raw: dict, seen: set) -> dict:
    if not isinstance(raw, dict):
        raise _invalid(N_("Every item must be a mapping with key, aspect, kind and text."))
    key, aspect, kind = str(raw.get("key", "")), str(raw.get("aspect", "")), raw.get("kind", "likert")
    if not KEY_RE.match(key) or key in seen:
        raise _invalid(N_("Item key %(key)s is missing, malformed or used twice."), key=key)
    if aspect not in ASPECTS:
        raise _invalid(N_("Item %(key)s has an unknown aspect; use a to f."), key=key)
    if kind not in KINDS:
        raise _invalid(N_("Item %(key)s has an unknown kind; use likert or text."), key=key)
    seen.add(key)
    text_en, text_de = _pair_of(raw, "text")
    item = {"key": key, "aspect": aspect, "kind": kind, "required": bool(raw.get("required", False)),
            "text_en": text_en, "text_de": text_de}
    if kind == "likert":
        item["scale"] = int(raw.get("scale", 5))
        item.update(_anchors(data, raw, item["scale"]))
    return item


def parse(source: str) -> dict:
    """Parse and check a YAML form definition; return the normalised fields of a form."""
    try:
        data = load_text(source)
    except yaml.YAMLError as exc:
        raise _invalid(N_("The definition is not valid YAML: %(error)s"), error=str(exc).splitlines()[0]) from exc
    if not isinstance(data, dict):
        raise _invalid(N_("The definition must be a YAML mapping."))
    if data.get("type") not in {t.value for t in FormType} or data.get("audience") not in {a.value for a in Audience}:
        raise _invalid(N_("The definition needs a known type and audience."))
    title_en, title_de = _pair_of(data, "title")
    intro = data.get("intro") or {}
    seen: set = set()
    items = [_item(data, raw, seen) for raw in data.get("items") or []]
    if not items:
        raise _invalid(N_("The form needs at least one item."))
    visibility = data.get("visibility", VISIBILITY_DEFAULTS[data["type"]])
    if visibility not in VISIBILITY_LABELS:
        raise _invalid(N_("Unknown visibility: use members, mutual, coordinator or anonymous."))
    return {"visibility": visibility, "key": str(data.get("key", "")), "type": data["type"], "audience": data["audience"],
            "title_en": title_en, "title_de": title_de, "intro_en": str(intro.get("en", "")),
            "intro_de": str(intro.get("de", "")), "items": items}


def latest(key: str) -> EvaluationForm | None:
    """Return the newest version of a form."""
    return db.session.scalar(db.select(EvaluationForm).where(EvaluationForm.key == key)
                             .order_by(EvaluationForm.version.desc()).limit(1))


def _add_version(fields: dict, source: str, author=None) -> EvaluationForm:
    current = latest(fields["key"])
    form = EvaluationForm(**fields, version=(current.version + 1) if current else 1, source=source,
                          author_id=getattr(author, "id", None))
    db.session.add(form)
    db.session.flush()
    return form


def load_forms() -> list[EvaluationForm]:
    """Load the shipped YAML forms: add a form or a new version where the file changed; return the additions."""
    added = []
    for path in sorted(FORMS_DIR.glob("*.yaml")):
        source = path.read_text(encoding="utf-8")
        fields = parse(source)
        current = latest(fields["key"])
        if current is None or (current.author_id is None and current.source != source):
            added.append(_add_version(fields, source))
    return added


def ensure_forms() -> list[str]:
    """Load the shipped forms the first time evaluation is used; return the keys added.

    Parallel first requests both try: insert-or-skip on (key, version) lets exactly one of them add each form. Whether
    forms exist is asked once per transaction (a page's request hook and its tandems' due dates both ask).
    """
    if cache.per_transaction("forms_exist", lambda: db.session.scalar(
            db.select(EvaluationForm.id).limit(1)) is not None):
        return []
    added = []
    for path in sorted(FORMS_DIR.glob("*.yaml")):
        source = path.read_text(encoding="utf-8")
        fields = parse(source)
        if insert_or_skip(EvaluationForm, {**fields, "version": 1, "source": source}, ["key", "version"]):
            added.append(fields["key"])
    return added


def save_version(actor, form: EvaluationForm, source: str) -> EvaluationForm:
    """Save an edited definition of a form as its next version (the key and type stay)."""
    fields = parse(source)
    if fields["key"] != form.key or fields["type"] != form.type:
        raise _invalid(N_("The key and type of a form cannot change; create a new form instead."))
    new = _add_version(fields, source, author=actor)
    audit.record(actor, "evaluation.form_version", new, f"{form.key} v{new.version}")
    return new


def all_latest() -> list[EvaluationForm]:
    """Return the newest version of every form, by key (one query)."""
    newest = (db.select(EvaluationForm.key, db.func.max(EvaluationForm.version).label("version"))
              .group_by(EvaluationForm.key).subquery())
    return list(db.session.scalars(
        db.select(EvaluationForm)
        .join(newest, db.and_(EvaluationForm.key == newest.c.key, EvaluationForm.version == newest.c.version))
        .order_by(EvaluationForm.key)))

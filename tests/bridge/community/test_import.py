import yaml
from click.testing import CliRunner

from bridge.cli import main
from bridge.modules.community.operations.importer import SCENARIOS_FILE, STARTER_FILE, import_scenarios
from bridge.modules.community.models import Answer, Question, Scenario


def _invoke(app, *args):
    return CliRunner().invoke(main, list(args), obj=_script_info(app), catch_exceptions=False)


def _script_info(app):
    from flask.cli import ScriptInfo

    return ScriptInfo(create_app=lambda: app)


def _counts(db):
    return tuple(db.session.scalar(db.select(db.func.count()).select_from(m)) for m in (Question, Answer))


def test_starter_set_is_bilingual_and_substantial():
    entries = yaml.safe_load(STARTER_FILE.read_text(encoding="utf-8"))
    assert 15 <= len(entries) <= 25
    for entry in entries:
        assert entry["tags"]
        for lang in ("en", "de"):
            assert len(entry[lang]["answer"]) > 300, entry["id"]


def test_import_is_idempotent(app, db):
    entries = yaml.safe_load(STARTER_FILE.read_text(encoding="utf-8"))
    result = _invoke(app, "qa", "import", str(STARTER_FILE))
    assert result.exit_code == 0, result.output
    assert _counts(db) == (2 * len(entries), 2 * len(entries))
    again = _invoke(app, "qa", "import", str(STARTER_FILE))
    assert again.exit_code == 0 and "0 questions created" in again.output
    db.session.expire_all()
    assert _counts(db) == (2 * len(entries), 2 * len(entries))


def test_imported_posts_follow_the_interface_language(app, client, login_as, db):
    _invoke(app, "qa", "import", str(STARTER_FILE))
    login_as("mentee")
    english = client.get("/community/qa/?q=interpreter", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "How do I work well with an interpreter" in english and "Wie arbeite ich" not in english
    client.post("/language", data={"locale": "de", "next": "/"})
    german = client.get("/community/qa/?q=dolmetsch").get_data(as_text=True)
    assert "Wie arbeite ich gut mit einer Dolmetscherin" in german and "How do I work well" not in german


def _write(tmp_path, data, text=None):
    path = tmp_path / "qa.yaml"
    path.write_text(text if text is not None else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _entry(**overrides):
    entry = {"id": "x1", "tags": ["self_awareness"],
             "en": {"title": "T", "question": "Q", "answer": "A"}, "de": {"title": "T", "question": "F", "answer": "A"}}
    entry.update(overrides)
    return entry


def test_import_reports_invalid_entries_and_writes_nothing(app, db, tmp_path):
    bad = [_entry(), _entry(), _entry(id="x2", de={"title": "", "question": "F", "answer": "A"}),
           _entry(id="x3", tags="oops"), "just text", _entry(id="x4", en=None)]
    result = CliRunner().invoke(main, ["qa", "import", str(_write(tmp_path, bad))],
                                                obj=_script_info(app))
    assert result.exit_code == 2
    assert "qa.yaml: entry 2 (id=x1): duplicate id" in result.stderr
    assert "entry 3 (id=x2): `de.title` is missing or empty" in result.stderr
    assert "entry 4: `tags` must be a list of texts" in result.stderr
    assert "entry 5: expected a mapping" in result.stderr
    assert "entry 6 (id=x4): missing `en` block" in result.stderr
    assert _counts(db) == (0, 0)


def test_import_rejects_unreadable_files(app, db, tmp_path):
    for path in (_write(tmp_path, None, text="a: [unclosed"), _write(tmp_path, None, text="{}"),
                 tmp_path / "missing.yaml"):
        result = CliRunner().invoke(main, ["qa", "import", str(path)], obj=_script_info(app))
        assert result.exit_code == 2 and "Error:" in result.stderr
    assert _counts(db) == (0, 0)


def test_demo_scenarios_load_once(app, db):
    import_scenarios(SCENARIOS_FILE)
    import_scenarios(SCENARIOS_FILE)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Scenario.id))) == 20  # 10 scenarios in EN and DE

"""`qser backup` and `qser restore`: a round trip with uploads on each database; restore refuses a non-empty one."""
import io
import json
import tarfile
from pathlib import Path

import pytest

from bridge import create_app
from tests.conftest import create_pg_database, drop_pg_database, test_config


@pytest.fixture
def empty_target(app, tmp_path):
    """Return an app on a new, empty database (same backend) with its own storage folder."""
    if app.config["DB_BACKEND"] == "postgresql":
        url = create_pg_database("qser_restore")
    else:
        url = f"sqlite:///{tmp_path / 'restored.sqlite'}"
    target = create_app(test_config(url, tmp_path / "target"))
    yield target
    with target.app_context():
        target.extensions["sqlalchemy"].engine.dispose()
    if app.config["DB_BACKEND"] == "postgresql":
        drop_pg_database(url)


def _invoke(app, *args):
    """Run a qser command against app (its own app context, not the test's)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def _uploads(app) -> dict:
    storage = Path(app.config["STORAGE_DIR"])
    (storage / "documents").mkdir(parents=True, exist_ok=True)
    files = {"documents/agreement.pdf": b"%PDF-1.4 tandem agreement", "cv.docx": bytes(range(256)) * 10}
    for name, data in files.items():
        (storage / name).write_bytes(data)
    return files


def test_backup_and_restore_round_trip_with_uploads(app, db, make_person, empty_target, tmp_path):
    email = make_person(roles=["mentor"], first_name="Jürgen").email
    files = _uploads(app)
    archive = tmp_path / "backup.tar.gz"
    result = app.test_cli_runner().invoke(args=["backup", "--out", str(archive)])
    assert result.exit_code == 0, result.output
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["backend"] == app.config["DB_BACKEND"]
    assert sorted(manifest["files"]) == sorted(f"files/{name}" for name in files)

    result = _invoke(empty_target, "restore", str(archive))
    assert result.exit_code == 0, result.output
    with empty_target.app_context():
        from bridge.core.db import db as target_db
        from bridge.core.health import current_revisions
        from bridge.modules.people.models import Person

        restored = target_db.session.execute(target_db.select(Person)).scalar_one()
        assert (restored.email, restored.first_name) == (email, "Jürgen")
        assert current_revisions() == manifest["revision"]
        target_db.session.remove()
    storage = Path(empty_target.config["STORAGE_DIR"])
    assert {name: (storage / name).read_bytes() for name in files} == files

    again = _invoke(empty_target, "restore", str(archive))
    assert again.exit_code == 2 and "not empty" in again.output


def test_restore_refuses_a_damaged_archive(app, db, make_person, empty_target, tmp_path):
    make_person()
    archive = tmp_path / "backup.tar.gz"
    assert app.test_cli_runner().invoke(args=["backup", "--out", str(archive)]).exit_code == 0
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("database"):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    result = _invoke(empty_target, "restore", str(damaged))
    assert result.exit_code == 2 and "Checksum mismatch" in result.output


def test_restore_refuses_a_file_that_is_no_backup(app, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    result = app.test_cli_runner().invoke(args=["restore", str(junk)])
    assert result.exit_code == 2 and "Error:" in result.output


def test_pg_dump_version_is_read_from_its_banner():
    from bridge.core.backup import _tool_major

    assert _tool_major("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n") == 15
    assert _tool_major("pg_dump (PostgreSQL) 17.2") == 17

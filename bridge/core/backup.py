"""Backups: the database (pg_dump, or SQLite's online backup API) and the uploaded files in one archive.

The archive (.tar.gz) holds `manifest.json` (backend, revision, time, sha256 of every member),
`database.dump` (PostgreSQL custom format) or `database.sqlite`, and the uploads under `files/`.
A restore checks every checksum first and only writes into an empty database and storage folder.
"""
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app
from sqlalchemy.engine import make_url

from bridge.core.db import db
from bridge.core.storage import LocalStorage, storage

FORMAT = 1
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite"}


class BackupError(RuntimeError):
    """The backup or restore cannot be done (the message says why)."""


def sha256(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backend() -> str:
    """Return the database backend of the app: postgresql or sqlite."""
    name = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()
    if name not in DUMPS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {name}.")
    return name


def _libpq() -> tuple[str, dict]:
    """Return a libpq URL (without password) and an environment carrying the password."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return url.set(password=None).render_as_string(hide_password=False), env


def _run(args: list[str], env: dict) -> None:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"{args[0]} is not installed (apt-get install postgresql-client).") from None
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[:500]}")


def _tool_major(version: str) -> int:
    """Return the major version from `pg_dump --version` ("pg_dump (PostgreSQL) 15.20 (Debian ...)")."""
    match = re.search(r"\)\s*(\d+)", version)
    if not match:
        raise BackupError(f"Cannot read the pg_dump version from {version!r}.")
    return int(match.group(1))


def check_pg_dump() -> None:
    """Refuse a pg_dump older than the server (it could not read the server's catalogue)."""
    try:
        tool = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout
    except (FileNotFoundError, subprocess.CalledProcessError):
        raise BackupError("pg_dump is not installed (apt-get install postgresql-client).") from None
    server = db.session.execute(db.text("SHOW server_version_num")).scalar_one()
    if _tool_major(tool) < int(server) // 10000:
        raise BackupError(f"pg_dump ({tool.strip()}) is older than the server ({server}); install a matching "
                          "postgresql-client.")


def dump_database(target: Path) -> None:
    """Write the database to target (pg_dump custom format, or a consistent SQLite copy)."""
    if backend() == "postgresql":
        check_pg_dump()
        url, env = _libpq()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={target}", url], env)
        return
    source = sqlite3.connect(make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).database)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _uploads() -> list[str]:
    """Return the names of the stored files (local folder or object store: bridge.core.storage)."""
    return list(storage().names())


def _fetch_uploads(into: Path) -> dict[str, Path]:
    """Return archive member -> file of every stored file (files of an object store are downloaded into `into`)."""
    store, members = storage(), {}
    for name in _uploads():
        if isinstance(store, LocalStorage):
            path = store.path(name)
        else:
            path = into / "files" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with store.open(name) as source, path.open("wb") as target:
                shutil.copyfileobj(source, target)
        members[f"files/{name}"] = path
    return members


def create(out: Path) -> dict:
    """Write a backup archive to out and return its manifest."""
    from bridge.core.health import current_revisions

    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / DUMPS[backend()]
        dump_database(dump)
        members = {dump.name: dump}
        members.update(_fetch_uploads(Path(tmp)))
        manifest = {"format": FORMAT, "backend": backend(), "revision": current_revisions(),
                    "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "database": dump.name,
                    "files": [name for name in members if name.startswith("files/")],
                    "checksums": {name: sha256(path) for name, path in members.items()}}
        (Path(tmp) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(tmp) / "manifest.json", arcname="manifest.json")
            for name, path in members.items():
                archive.add(path, arcname=name)
        partial.replace(out)
    return manifest


def _extract(archive_path: Path, into: Path) -> dict:
    """Extract the archive safely and verify every checksum; return the manifest."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(into, filter="data")
        manifest = json.loads((into / "manifest.json").read_text())
    except (tarfile.TarError, OSError, ValueError) as exc:
        raise BackupError(f"{archive_path} is not a Q-SER backup archive ({exc}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["checksums"].items():
        member = into / name
        if not member.resolve().is_relative_to(into.resolve()) or not member.is_file() or sha256(member) != expected:
            raise BackupError(f"Checksum mismatch for {name}: the archive is damaged.")
    return manifest


def _refuse_non_empty() -> None:
    tables = db.inspect(db.engine).get_table_names()
    if tables:
        raise BackupError(f"The database is not empty ({len(tables)} tables); restore only into an empty one.")
    if _uploads():
        raise BackupError("The file storage is not empty; restore only into an empty one.")


def restore_database(dump: Path) -> None:
    """Load a dump into the (empty) configured database."""
    db.session.remove()
    db.engine.dispose()
    if backend() == "postgresql":
        url, env = _libpq()
        _run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", f"--dbname={url}", str(dump)], env)
        return
    source = sqlite3.connect(dump)
    target = sqlite3.connect(make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).database)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def restore(archive_path: Path) -> dict:
    """Restore an archive into the empty database and storage folder; return its manifest."""
    _refuse_non_empty()
    with tempfile.TemporaryDirectory() as tmp:
        manifest = _extract(archive_path, Path(tmp))
        if manifest["backend"] != backend():
            raise BackupError(f"This backup is of a {manifest['backend']} database; the configured database "
                              f"is {backend()}.")
        restore_database(Path(tmp) / manifest["database"])
        for name in manifest["files"]:
            storage().put(name.removeprefix("files/"), (Path(tmp) / name).read_bytes())
    return manifest

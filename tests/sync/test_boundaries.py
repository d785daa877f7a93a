"""The sync's boundary: bridge/ reaches sync.jobs only through the admin sync adapter."""
import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
ADAPTER = ROOT / "bridge" / "modules" / "admin" / "operations.py"


def imported_modules(path):
    """Return the dotted names a Python file imports."""
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_only_the_adapter_imports_sync_jobs():
    """No module of bridge/ but admin/operations.py imports sync.jobs."""
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "bridge").rglob("*.py")
                 if path != ADAPTER and any(name == "sync.jobs" or name.startswith("sync.jobs.")
                                            for name in imported_modules(path))]
    assert offenders == []


def test_sync_run_is_owned_by_sync():
    """SyncRun is defined in sync/models.py; bridge/models.py imports it from there."""
    assert "from sync.models import SyncRun" in (ROOT / "bridge" / "models.py").read_text()
    assert not (ROOT / "bridge" / "modules" / "admin" / "models.py").exists()

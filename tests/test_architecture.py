"""The architecture, checked by walking the import graph with `ast` (docs/architecture.md)."""
import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = ROOT / "bridge" / "modules"
LAYOUT = {"__init__", "models", "forms", "views", "operations", "util", "cli", "data"}
EXTRA = {"pairing": {"engine"}, "people": {"picker"}}  # the person picker other domains' forms use
SYNC_ADAPTER = Path("bridge/modules/admin/operations.py")
FRAMEWORKS = ("flask", "flask_babel", "flask_login", "flask_wtf", "sqlalchemy", "bridge")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _domain_files():
    for path in sorted(MODULES.rglob("*.py")):
        yield path.relative_to(MODULES).parts[0], path


def _imported_domains(module: str) -> tuple[str, str] | None:
    parts = module.split(".")
    if parts[:2] == ["bridge", "modules"] and len(parts) >= 3:
        return parts[2], parts[3] if len(parts) > 3 else ""
    return None


def test_domains_keep_the_layout():
    strays = []
    for domain_dir in sorted(p for p in MODULES.iterdir() if p.is_dir() and p.name != "__pycache__"):
        allowed = LAYOUT | EXTRA.get(domain_dir.name, set())
        for entry in domain_dir.iterdir():
            if entry.name == "__pycache__":
                continue
            if entry.stem not in allowed:
                strays.append(str(entry.relative_to(ROOT)))
    assert strays == [], f"outside the domain layout (docs/architecture.md): {strays}"


def test_no_cross_domain_import_of_views_or_forms():
    bad = []
    for domain, path in _domain_files():
        for module in _imports(path):
            target = _imported_domains(module)
            if target and target[0] != domain and target[1] in ("views", "forms"):
                bad.append(f"{path.relative_to(ROOT)} imports {module}")
    assert sorted(set(bad)) == []


def test_sync_jobs_only_through_the_sync_adapter():
    bad = [f"{path.relative_to(ROOT)} imports {module}"
           for path in sorted((ROOT / "bridge").rglob("*.py")) for module in _imports(path)
           if module.startswith("sync.jobs") and path.relative_to(ROOT) != SYNC_ADAPTER]
    assert bad == []


def _domain_graph() -> dict[str, set[str]]:
    graph = defaultdict(set)
    for domain, path in _domain_files():
        for module in _imports(path):
            target = _imported_domains(module)
            if target and target[0] != domain:
                graph[domain].add(target[0])
    return graph


def _cycle_from(graph, start):
    stack = [(start, [start])]
    while stack:
        node, trail = stack.pop()
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return trail + [start]
            if nxt not in trail:
                stack.append((nxt, trail + [nxt]))
    return None


def test_no_cycle_between_domains():
    graph = _domain_graph()
    cycles = {" -> ".join(c) for d in sorted(graph) if (c := _cycle_from(graph, d))}
    assert cycles == set()


def test_pairing_engine_is_framework_free():
    bad = [f"{path.relative_to(ROOT)} imports {module}"
           for path in sorted((MODULES / "pairing" / "engine").rglob("*.py")) for module in _imports(path)
           if module.split(".")[0] in FRAMEWORKS and not module.startswith("bridge.modules.pairing.engine")]
    assert bad == []


def test_no_reexport_fronts():
    """Operations are imported from where they live: no `operations` module that only re-exports others."""
    fronts = []
    candidates = list(MODULES.glob("*/operations/__init__.py")) + list(MODULES.glob("*/operations.py"))
    for path in sorted(candidates):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        body = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
        if body and all(isinstance(n, (ast.Import, ast.ImportFrom, ast.Assign)) for n in body):
            fronts.append(str(path.relative_to(ROOT)))
    assert fronts == []


def test_the_checks_can_fail(tmp_path):
    """The cycle finder and the import reader see what they are meant to see."""
    assert _cycle_from({"a": {"b"}, "b": {"a"}}, "a") == ["a", "b", "a"]
    assert _cycle_from({"a": {"b"}, "b": set()}, "a") is None
    sample = tmp_path / "x.py"
    sample.write_text("from bridge.modules.people.forms import PersonForm\nimport sync.jobs.nightly\n")
    assert {"bridge.modules.people.forms", "sync.jobs.nightly"} <= _imports(sample)
    assert _imported_domains("bridge.modules.people.forms.PersonForm") == ("people", "forms")

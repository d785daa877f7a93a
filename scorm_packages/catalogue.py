"""A cached list of modules that is reloaded only when a file under oer/ changes."""
from __future__ import annotations

import threading
from pathlib import Path

from .content import default_oer_dir, load_modules
from .model import Module

_cache: dict[Path, tuple[tuple, list[Module]]] = {}
_lock = threading.Lock()


def signature(oer_dir: Path) -> tuple:
    """Return (path, size, mtime) of every file under `oer_dir`: cheap change detection."""
    found = []
    for path in sorted(oer_dir.rglob("*")):
        if path.is_file():
            info = path.stat()
            found.append((path.relative_to(oer_dir).as_posix(), info.st_size, info.st_mtime_ns))
    return tuple(found)


def catalogue(oer_dir: Path | str | None = None) -> list[Module]:
    """Return all modules sorted by order; raise InvalidContent if any content is broken."""
    root = Path(oer_dir or default_oer_dir()).resolve()
    current = signature(root)
    with _lock:
        cached = _cache.get(root)
    if cached and cached[0] == current:
        return list(cached[1])
    modules = load_modules(root)
    with _lock:
        _cache[root] = (current, modules)
    return list(modules)


def find_module(module_id: str, oer_dir: Path | str | None = None) -> Module:
    """Return the module with `module_id`, or raise KeyError."""
    for module in catalogue(oer_dir):
        if module.id == module_id:
            return module
    raise KeyError(f"no module with id {module_id!r}")

"""Case-insensitive text matching that also folds non-ASCII letters (Ü, É) on SQLite.

SQLite's lower() only folds ASCII, so on SQLite `ulower` calls a Python function registered on
every new connection; PostgreSQL's lower() already handles Unicode.
"""
import sqlite3

from sqlalchemy import String, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction


class ulower(GenericFunction):  # noqa: N801  (SQL function names are lowercase)
    """lower() that folds every letter, on each backend."""

    type = String()
    inherit_cache = True


@compiles(ulower)
def _compile_default(element, compiler, **kw):
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(ulower, "sqlite")
def _compile_sqlite(element, compiler, **kw):
    return f"qser_ulower({compiler.process(element.clauses, **kw)})"


@event.listens_for(Engine, "connect")
def _register_sqlite_function(dbapi_connection, _record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("qser_ulower", 1, lambda s: s.lower() if isinstance(s, str) else s,
                                         deterministic=True)


def contains_text(column, text: str):
    """Return a clause: the column contains the text, ignoring case (LIKE wildcards are literal)."""
    return ulower(column).contains(text.strip().lower(), autoescape=True)

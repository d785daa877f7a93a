"""Conditions on JSON columns that run in the database, on SQLite and PostgreSQL alike.

A list column (["de", "en"]) is searched for one element, a dict column ({"key": 3}) for a key with a
true value, so lists can be filtered and paginated in SQL instead of loading every row into Python.
"""
from sqlalchemy import Boolean, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class json_list_contains(FunctionElement):  # noqa: N801  (a SQL construct, named like a function)
    """True when a JSON list column holds the given string: json_list_contains(column, value)."""

    type = Boolean()
    inherit_cache = True
    name = "json_list_contains"


@compiles(json_list_contains, "postgresql")
def _contains_postgresql(element, compiler, **kw):
    column, value = list(element.clauses)
    return (f"(CAST({compiler.process(column, **kw)} AS JSONB) @> "
            f"jsonb_build_array(CAST({compiler.process(value, **kw)} AS TEXT)))")


@compiles(json_list_contains)
def _contains_sqlite(element, compiler, **kw):
    column, value = list(element.clauses)
    return (f"EXISTS (SELECT 1 FROM json_each({compiler.process(column, **kw)}) "
            f"WHERE json_each.value = {compiler.process(value, **kw)})")


def json_key_level(column, key: str):
    """Return the integer stored under key in a JSON object column (NULL when absent)."""
    return func.coalesce(column[key].as_integer(), 0)

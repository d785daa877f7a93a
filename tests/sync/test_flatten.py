"""The parameter flattener produces exactly the PHP-array form Moodle decodes."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.client import flatten_params
from tests.fake_moodle.schema import unflatten

keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.text(max_size=20), st.floats(allow_nan=False, allow_infinity=False))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)),
                      max_leaves=25)


def expected(value):
    """Return what Moodle should decode: strings, 1/0 for booleans, no None, no empty containers."""
    if isinstance(value, dict):
        out = {k: expected(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not None}
    if isinstance(value, list):
        items = [expected(v) for v in value]
        return [v for v in items if v is not None]
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def prune(value):
    """Drop empty containers, which have no form representation."""
    if isinstance(value, dict):
        out = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ({}, [])}
    if isinstance(value, list):
        return [v for v in (prune(v) for v in value) if v not in ({}, [])]
    return value


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, values, max_size=5))
def test_flatten_round_trips_through_moodle_decoding(params):
    """Whatever nesting, decoding the flattened form gives back the (normalised) parameters."""
    assert unflatten(flatten_params(params).items()) == prune(expected(params))


def test_flatten_nested_users_with_customfields():
    """Nested lists of dicts get one key per leaf, booleans become 1/0 and None disappears."""
    flat = flatten_params({"users": [{"username": "ada", "createpassword": True, "city": None,
                                      "customfields": [{"type": "dept", "value": "HR"}]}]})
    assert flat == {"users[0][username]": "ada", "users[0][createpassword]": "1",
                    "users[0][customfields][0][type]": "dept",
                    "users[0][customfields][0][value]": "HR"}


def test_flatten_rejects_values_moodle_cannot_receive():
    """A top-level list or an unknown type is a programming error, not silently sent."""
    with pytest.raises(TypeError):
        flatten_params([1, 2])
    with pytest.raises(TypeError):
        flatten_params({"when": object()})

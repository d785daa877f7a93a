"""Per-object permissions: one policy per model, registered here, asked with `can(person, action, obj)`.

Each domain declares the policy of its models in its `util` module with `@policy(Model)`: a function
`(person, action, obj) -> bool` that knows every action on that model ("view", "edit", "sign", ...).
`obj` may also be the model class itself, for actions on no particular object ("create", "post").
Views call `require(...)`, templates call `can(...)`; nobody writes an ad-hoc check.
"""
from collections.abc import Callable

from bridge.core.errors import N_, PermissionDenied

_POLICIES: dict[type, Callable] = {}
DENIED = N_("You do not have permission to open this page.")


def policy(model: type):
    """Register the function deciding who may do what with objects of the model."""

    def decorator(fn):
        _POLICIES[model] = fn
        return fn

    return decorator


def registered_models() -> list[type]:
    """Return the models that have a policy."""
    return list(_POLICIES)


def can(person, action: str, obj) -> bool:
    """Return whether the person may do the action with the object (or the model class)."""
    if person is None or not getattr(person, "is_active", False):
        return False
    model = obj if isinstance(obj, type) else type(obj)
    rule = _POLICIES.get(model)
    if rule is None:
        raise LookupError(f"no permission policy registered for {model.__name__}")
    return bool(rule(person, action, obj))


def require(person, action: str, obj, message: str = DENIED):
    """Raise PermissionDenied unless the person may do the action; return obj."""
    if not can(person, action, obj):
        raise PermissionDenied(message)
    return obj

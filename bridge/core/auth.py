"""Role checks and object-level permissions, in one place."""
from collections.abc import Callable
from functools import wraps

from flask_login import current_user, login_required

from bridge.core.errors import N_, PermissionDenied
from bridge.core.roles import Role

_VIEW_RULES: dict[type, Callable] = {}
_EDIT_RULES: dict[type, Callable] = {}


def role_required(*roles: Role | str):
    """Allow the view only to logged-in people holding one of the roles."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.person.has_role(*roles):
                raise PermissionDenied(N_("You do not have permission to open this page."))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def view_rule(model: type):
    """Register who may view objects of a model (domains extend this)."""

    def decorator(fn):
        _VIEW_RULES[model] = fn
        return fn

    return decorator


def edit_rule(model: type):
    """Register who may change objects of a model."""

    def decorator(fn):
        _EDIT_RULES[model] = fn
        return fn

    return decorator


def is_coordinator(person) -> bool:
    """Return whether the person is an active coordinator."""
    return person is not None and person.is_active and person.has_role(Role.COORDINATOR)


def can_view(person, obj) -> bool:
    """Return whether the person may see the object (coordinators see everything)."""
    if person is None or not person.is_active:
        return False
    if is_coordinator(person):
        return True
    rule = _VIEW_RULES.get(type(obj))
    return bool(rule and rule(person, obj))


def can_edit(person, obj) -> bool:
    """Return whether the person may change the object."""
    if person is None or not person.is_active:
        return False
    if is_coordinator(person):
        return True
    rule = _EDIT_RULES.get(type(obj))
    return bool(rule and rule(person, obj))


def require_view(person, obj):
    """Raise PermissionDenied unless the person may see the object; return it."""
    if not can_view(person, obj):
        raise PermissionDenied(N_("You do not have permission to open this page."))
    return obj


def require_edit(person, obj):
    """Raise PermissionDenied unless the person may change the object; return it."""
    if not can_edit(person, obj):
        raise PermissionDenied(N_("You do not have permission to change this."))
    return obj

"""Role checks for views (object-level permissions are in bridge.core.permissions)."""
from functools import wraps

from flask_login import current_user, login_required

from bridge.core.errors import N_, PermissionDenied
from bridge.core.roles import Role


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


def is_coordinator(person) -> bool:
    """Return whether the person is an active coordinator."""
    return person is not None and person.is_active and person.has_role(Role.COORDINATOR)

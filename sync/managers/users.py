"""Users: look up by field in bulk, create in all-or-nothing batches, update, suspend."""
from dataclasses import dataclass

from sync.managers.base import Manager, chunk_size, chunked, from_dict

LOOKUP_FIELDS = ("id", "idnumber", "username", "email")


@dataclass(frozen=True)
class MoodleUser:
    """A Moodle account as returned by the user functions."""

    id: int
    username: str = ""
    firstname: str = ""
    lastname: str = ""
    email: str = ""
    idnumber: str = ""
    department: str = ""
    auth: str = "manual"
    suspended: bool = False


@dataclass(frozen=True)
class UserWarning:
    """A per-record warning of core_user_update_users (the call itself succeeded)."""

    itemid: int
    warningcode: str
    message: str


class UserManager(Manager):
    """core_user_get_users_by_field, core_user_create_users, core_user_update_users."""

    def get_by_field(self, field, values):
        """Return the accounts whose field equals one of values (chunked, sorted by id)."""
        if field not in LOOKUP_FIELDS:
            raise ValueError(f"cannot look users up by {field!r}")
        found = []
        for chunk in chunked(values, chunk_size(1)):
            body = self.call("core_user_get_users_by_field", {"field": field, "values": chunk})
            found.extend(from_dict(MoodleUser, user) for user in body or [])
        return sorted(found, key=lambda user: user.id)

    def search(self, criteria):
        """Return accounts matching all criteria ({key: value}; email is case-insensitive)."""
        body = self.call("core_user_get_users",
                         {"criteria": [{"key": k, "value": v} for k, v in criteria.items()]})
        return [from_dict(MoodleUser, user) for user in body.get("users", [])]

    def create(self, users):
        """Create accounts in one call (Moodle rolls the whole batch back on any error)."""
        body = self.call("core_user_create_users", {"users": list(users)})
        return {item["username"]: int(item["id"]) for item in body}

    def update(self, users):
        """Update accounts in one call and return the per-record warnings."""
        body = self.call("core_user_update_users", {"users": list(users)}) or {}
        return [UserWarning(int(w.get("itemid") or 0), w.get("warningcode", ""),
                            w.get("message", "")) for w in body.get("warnings", [])]

    def suspend(self, userids, suspended=True):
        """Suspend (or reactivate) accounts; never deletes."""
        return self.update({"id": int(uid), "suspended": suspended} for uid in userids)

"""Course groups (core_group_create_groups, core_group_add_group_members, core_group_delete_group_members)."""
from dataclasses import dataclass

from sync.managers.base import Manager, chunk_size, chunked, from_dict


@dataclass(frozen=True)
class Group:
    """A course group."""

    id: int
    courseid: int
    name: str
    idnumber: str = ""
    description: str = ""


class GroupManager(Manager):
    """Create groups and add members (members must be enrolled in the course)."""

    def create(self, courseid, names, idnumbers=None):
        """Create groups in a course and return them (a duplicate name fails the whole call)."""
        idnumbers = idnumbers or [""] * len(names)
        groups = [{"courseid": int(courseid), "name": name, "description": "", "idnumber": idn}
                  for name, idn in zip(names, idnumbers)]
        body = self.call("core_group_create_groups", {"groups": groups})
        return [from_dict(Group, g) for g in body]

    def add_members(self, groupid, userids):
        """Add users to a group, in chunks."""
        for chunk in chunked(userids, chunk_size(2)):
            members = [{"groupid": int(groupid), "userid": int(u)} for u in chunk]
            self.call("core_group_add_group_members", {"members": members})

    def remove_members(self, groupid, userids):
        """Remove users from a group, in chunks (users who are not members are skipped by Moodle)."""
        for chunk in chunked(userids, chunk_size(2)):
            members = [{"groupid": int(groupid), "userid": int(u)} for u in chunk]
            self.call("core_group_delete_group_members", {"members": members})

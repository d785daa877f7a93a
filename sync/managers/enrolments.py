"""Enrolments: manual enrol (an upsert), unenrol, and the paged course roster."""
from dataclasses import asdict, dataclass

from sync.batch import map_concurrently
from sync.managers.base import Manager, chunk_size, chunked, from_dict

ROSTER_FIELDS = "id,idnumber,email,lastcourseaccess,roles"


@dataclass(frozen=True)
class Enrolment:
    """The full desired state of one manual enrolment (Moodle resets omitted fields)."""

    userid: int
    courseid: int
    roleid: int = 5
    timestart: int = 0
    timeend: int = 0
    suspend: bool = False


@dataclass(frozen=True)
class EnrolledUser:
    """One roster entry of core_enrol_get_enrolled_users."""

    id: int
    fullname: str = ""
    idnumber: str = ""
    email: str = ""
    lastcourseaccess: int = 0
    roles: tuple = ()

    @property
    def roleids(self):
        """Return the ids of the user's roles in the course."""
        return {int(role["roleid"]) for role in self.roles}


class EnrolmentManager(Manager):
    """enrol_manual_enrol_users, enrol_manual_unenrol_users, core_enrol_get_enrolled_users."""

    def enrol(self, enrolments, size=None):
        """Send every enrolment with all its fields, in chunks; return the number of calls."""
        calls = 0
        for chunk in chunked(enrolments, chunk_size(6, size)):
            self.call("enrol_manual_enrol_users", {"enrolments": [asdict(e) for e in chunk]})
            calls += 1
        return calls

    def unenrol(self, userids, courseid):
        """Remove manual enrolments of users from a course."""
        for chunk in chunked(userids, chunk_size(2)):
            self.call("enrol_manual_unenrol_users",
                      {"enrolments": [{"userid": u, "courseid": courseid} for u in chunk]})

    def roster_page(self, courseid, limitfrom, limitnumber, userfields=ROSTER_FIELDS):
        """Return one page of the course's enrolled users, ordered by user id."""
        options = [{"name": "userfields", "value": userfields},
                   {"name": "limitfrom", "value": limitfrom},
                   {"name": "limitnumber", "value": limitnumber}]
        body = self.call("core_enrol_get_enrolled_users",
                         {"courseid": courseid, "options": options})
        return [from_dict(EnrolledUser, {**u, "roles": tuple(u.get("roles", ()))}) for u in body]

    def roster(self, courseid, page_size=500, userfields=ROSTER_FIELDS):
        """Yield every enrolled user of a course: the first page, then further pages in parallel."""
        starts = [0]
        while starts:
            pages = map_concurrently(self.client, lambda client, start: self.roster_page(
                courseid, start, page_size, userfields), starts)
            for page in pages:
                yield from page
                if len(page) < page_size:
                    return
            after = starts[-1] + page_size
            starts = [after + n * page_size for n in range(self.client.concurrency)]

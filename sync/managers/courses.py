"""Courses: resolve configured course references (ids or shortnames); their SCORM activities."""
from dataclasses import dataclass

from sync.exceptions import MoodleConfigError
from sync.managers.base import Manager, from_dict


@dataclass(frozen=True)
class Course:
    """A Moodle course, as much as the sync needs of it."""

    id: int
    shortname: str = ""
    fullname: str = ""
    idnumber: str = ""
    enablecompletion: int = 0


class CourseManager(Manager):
    """core_course_get_courses_by_field, mod_scorm_get_scorms_by_courses."""

    def scorms(self, courseids):
        """Return the SCORM activities (raw dicts) of the given courses."""
        body = self.call("mod_scorm_get_scorms_by_courses",
                         {"courseids": [int(c) for c in courseids]})
        return body.get("scorms", [])

    def get_by_field(self, field, value):
        """Return the courses matching field=value."""
        body = self.call("core_course_get_courses_by_field", {"field": field, "value": value})
        return [from_dict(Course, course) for course in body.get("courses", [])]

    def resolve(self, reference):
        """Return the course a configured reference (numeric id or shortname) names."""
        reference = str(reference).strip()
        field = "id" if reference.isdigit() else "shortname"
        courses = self.get_by_field(field, reference)
        if not courses:
            raise MoodleConfigError(f"QSER_MOODLE_COURSES names course {reference!r}, "
                                    "which the token cannot see in Moodle")
        return courses[0]

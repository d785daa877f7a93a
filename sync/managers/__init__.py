"""Managers per Moodle area, attached to a MoodleClient as attributes (client.users, ...)."""
from sync.managers.completion import CompletionManager
from sync.managers.courses import CourseManager
from sync.managers.enrolments import EnrolmentManager
from sync.managers.forums import ForumManager
from sync.managers.grades import GradeManager
from sync.managers.groups import GroupManager
from sync.managers.messages import MessageManager
from sync.managers.quizzes import QuizManager
from sync.managers.site import SiteManager
from sync.managers.users import UserManager

MANAGERS = {
    "site": SiteManager,
    "users": UserManager,
    "courses": CourseManager,
    "enrolments": EnrolmentManager,
    "completion": CompletionManager,
    "grades": GradeManager,
    "groups": GroupManager,
    "messages": MessageManager,
    "forums": ForumManager,
    "quizzes": QuizManager,
}


def attach_managers(client):
    """Give the client one manager per Moodle area."""
    for name, cls in MANAGERS.items():
        setattr(client, name, cls(client))

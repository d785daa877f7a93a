"""Who may do what in the community area (its permission policies), and the labels its pages show.

Everyone logged in may read the Q&A area, the good-practice library and the scenario library.
Posting (asking, answering, writing practices, marking reuse) needs one of the programme roles;
people without a role (staff who only take the courses) read only.
"""
import re

from flask_babel import lazy_gettext as _l

from bridge.core.auth import is_coordinator
from bridge.core.errors import N_
from bridge.core.permissions import policy
from bridge.core.roles import Role
from bridge.modules.community.models import Answer, GoodPractice, Question, Scenario, Workshop

CONTRIBUTOR_ROLES = (Role.COORDINATOR, Role.MENTOR, Role.MENTEE, Role.EXTERNAL)
TAG_PATTERN = re.compile(r"^[\w][\w .+-]{0,39}$", re.UNICODE)
POST_DENIED = N_("Only mentors, mentees, external professionals and coordinators can post here.")
CHANGE_DENIED = N_("You do not have permission to change this.")

STATE_LABELS = {"draft": _l("Draft"), "submitted": _l("Submitted for review"), "published": _l("Published"),
                "reused": _l("Published and reused")}
KIND_LABELS = {"practice": _l("Good practice"), "case_study": _l("Case study")}


def is_contributor(person) -> bool:
    """Return whether the person holds a role that may post in the community area."""
    return person.has_role(*CONTRIBUTOR_ROLES)


def _author_or_coordinator(person, post) -> bool:
    return is_coordinator(person) or (is_contributor(person) and post.author_id == person.id)


@policy(Question)
def question_policy(person, action: str, question) -> bool:
    """Contributors ask and answer; authors edit; the asker accepts; coordinators moderate."""
    if action in ("create", "answer"):
        return is_contributor(person)
    if action == "view":
        return question.hidden_at is None or is_coordinator(person)
    if action == "edit":
        return _author_or_coordinator(person, question)
    if action == "accept":
        return is_coordinator(person) or (is_contributor(person) and question.author_id == person.id)
    return action == "moderate" and is_coordinator(person)


@policy(Answer)
def answer_policy(person, action: str, answer) -> bool:
    """Authors edit their answers; coordinators edit and moderate all."""
    if action == "edit":
        return _author_or_coordinator(person, answer)
    return action == "moderate" and is_coordinator(person)


@policy(GoodPractice)
def practice_policy(person, action: str, practice) -> bool:
    """Contributors write and reuse; public practices are read by all; coordinators review."""
    if action in ("create", "reuse"):
        return is_contributor(person)
    if action == "view":
        return practice.is_public or is_coordinator(person) or practice.author_id == person.id
    if action == "edit":
        return _author_or_coordinator(person, practice)
    return action == "review" and is_coordinator(person)


@policy(Workshop)
def workshop_policy(person, action: str, workshop) -> bool:
    """Coordinators manage workshops; the facilitator chooses scenarios; invitees see theirs."""
    if is_coordinator(person):
        return action in ("create", "manage", "view", "facilitate")
    if action == "view":
        return workshop.facilitator_id == person.id or any(p.person_id == person.id for p in workshop.participants)
    return action == "facilitate" and workshop.facilitator_id == person.id


@policy(Scenario)
def scenario_policy(person, action: str, scenario) -> bool:
    """Everyone reads scenarios; coordinators and external professionals write them."""
    if action == "view":
        return True
    return action in ("create", "edit") and (is_coordinator(person) or person.has_role(Role.EXTERNAL))

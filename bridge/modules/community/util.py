"""Who may do what in the community area, and the labels its pages show.

Everyone logged in may read the Q&A area, the good-practice library and the scenario library.
Posting (asking, answering, writing practices, marking reuse) needs one of the programme roles;
people without a role (staff who only take the courses) read only.
"""
import re

from flask_babel import lazy_gettext as _l

from bridge.core.auth import is_coordinator
from bridge.core.errors import N_, PermissionDenied
from bridge.core.roles import Role

CONTRIBUTOR_ROLES = (Role.COORDINATOR, Role.MENTOR, Role.MENTEE, Role.EXTERNAL)
TAG_PATTERN = re.compile(r"^[\w][\w .+-]{0,39}$", re.UNICODE)

STATE_LABELS = {"draft": _l("Draft"), "submitted": _l("Submitted for review"), "published": _l("Published"),
                "reused": _l("Published and reused")}
KIND_LABELS = {"practice": _l("Good practice"), "case_study": _l("Case study")}


def deny(message: str = N_("You do not have permission to change this.")):
    """Raise PermissionDenied with a message."""
    raise PermissionDenied(message)


def can_contribute(person) -> bool:
    """Return whether the person may post in the community area."""
    return person is not None and person.is_active and person.has_role(*CONTRIBUTOR_ROLES)


def can_edit_post(person, post) -> bool:
    """Return whether the person may edit a question, answer or practice."""
    return is_coordinator(person) or (can_contribute(person) and post.author_id == person.id)


def require_contributor(person) -> None:
    """Raise unless the person may post."""
    if not can_contribute(person):
        deny(N_("Only mentors, mentees, external professionals and coordinators can post here."))


def require_post_editor(person, post) -> None:
    """Raise unless the person may edit the post."""
    if not can_edit_post(person, post):
        deny()


def require_coordinator(person) -> None:
    """Raise unless the person is a coordinator."""
    if not is_coordinator(person):
        deny()


def can_edit_scenarios(person) -> bool:
    """Return whether the person may write scenarios (coordinators and external professionals)."""
    return is_coordinator(person) or (person.is_active and person.has_role(Role.EXTERNAL))


def can_view_workshop(person, workshop) -> bool:
    """Return whether the person may see the workshop (coordinators, its facilitator, invitees)."""
    if is_coordinator(person):
        return True
    return workshop.facilitator_id == person.id or any(p.person_id == person.id for p in workshop.participants)


def can_facilitate(person, workshop) -> bool:
    """Return whether the person organises the workshop's content (coordinators and its facilitator)."""
    return is_coordinator(person) or workshop.facilitator_id == person.id

"""The main navigation, as data: one menu per role, at most MAX_TOP_LEVEL entries, grouped by task.

A menu is a tuple of entries; an entry is a `Link` (one page) or a `Group` (a labelled list of links,
shown as a <details> menu). `MENUS` holds one menu per role, in priority order: a person with several
roles gets the menu of the first role they hold, and the entries of their other roles' menus that it lacks
(added into the group of the same key, or at the top level while there is room, else into the personal
menu). Adding a role's menu is one entry in `MENUS`, e.g.::

    "management": (OVERVIEW, REPORTS),

Tests read `MENUS` and `menu_for()` to check the size of every menu and that no entry leads to an error.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

MAX_TOP_LEVEL = 6


@dataclass(frozen=True)
class Link:
    """One page in the navigation."""

    key: str
    label: object
    endpoint: str


@dataclass(frozen=True)
class Group:
    """A labelled group of links (a grouped menu)."""

    key: str
    label: object
    children: tuple[Link, ...]


# --- Entries shared by several menus -----------------------------------------------------------------
OVERVIEW = Link("overview", _l("Overview"), "home.index")
MY_TANDEM = Link("my_tandem", _l("My tandem"), "mentoring.mine")
MY_EVALUATIONS = Link("my_evaluations", _l("Evaluations"), "evaluation.index")
MY_MENTORING_PROFILE = Link("mentoring_profile", _l("My mentoring profile"), "pairing.profile")
TRAINING = Link("training", _l("Training catalogue"), "training.catalogue")
SHADOWING = Link("shadowing", _l("Job shadowing"), "shadowing.index")
QUESTIONS = Link("questions", _l("Q&A"), "community.questions")
PRACTICES = Link("practices", _l("Good practices"), "community.practices")
WORKSHOPS = Link("workshops", _l("Workshops"), "community.workshops")
MENTORS = Link("mentors", _l("Mentors"), "mentordb.index")

LEARNING = Group("learning", _l("Training"), (TRAINING, SHADOWING))
COMMUNITY = Group("community", _l("Community"), (QUESTIONS, PRACTICES, WORKSHOPS, MENTORS))
CYCLE_REPORT = Link("cycle_report", _l("Cycle report"), "cycles.reports")
REPORTS = Group("reports", _l("Reports"), (
    CYCLE_REPORT,
    Link("impact", _l("Impact dashboard"), "evaluation.impact"),
    Link("evaluation_export", _l("Export evaluations"), "evaluation.export"),
))

COORDINATOR_MENU = (
    OVERVIEW,
    Group("programme", _l("Programme"), (
        Link("people", _l("People"), "people.index"),
        Link("applications", _l("Applications"), "externals.queue"),
        TRAINING,
        SHADOWING,
        Link("agreement_templates", _l("Agreement templates"), "agreements.templates"),
        Link("evaluation_forms", _l("Evaluation forms"), "evaluation.forms"),
        Link("cycles", _l("Cycles"), "cycles.index"),
        Link("complaints", _l("Complaints and incidents"), "cycles.complaints"),
    )),
    Group("tandems", _l("Tandems"), (
        Link("matching", _l("Pairing"), "pairing.index"),
        Link("tandems", _l("All tandems"), "pairing.pairs"),
        MY_EVALUATIONS,
    )),
    COMMUNITY,
    REPORTS,
    Group("administration", _l("Administration"), (
        Link("sync", _l("Moodle sync"), "admin.sync_runs"),
        Link("jobs", _l("Background jobs"), "admin.job_queue"),
        Link("lti", _l("Moodle single sign-on"), "lti.admin_index"),
        Link("audit", _l("Audit log"), "admin.audit_log"),
    )),
)
MEMBER_MENU = (OVERVIEW, MY_TANDEM, MY_EVALUATIONS, LEARNING, COMMUNITY)
# Department heads and management: the aggregated reports only (their home page is the report).
MANAGEMENT_MENU = (CYCLE_REPORT,)
EXTERNAL_MENU = (OVERVIEW, MY_TANDEM, Group("community", _l("Community"), (QUESTIONS, PRACTICES, WORKSHOPS)))

# One menu per role, in priority order (the first role a person holds decides the structure).
MENUS = {
    "coordinator": COORDINATOR_MENU,
    "external": EXTERNAL_MENU,
    "mentor": MEMBER_MENU,
    "mentee": MEMBER_MENU,
    "management": MANAGEMENT_MENU,
}
# The personal menu (under the person's name), per role; everyone gets "My profile".
PERSONAL = {
    "mentor": (MY_MENTORING_PROFILE,),
    "mentee": (MY_MENTORING_PROFILE,),
}
MY_PROFILE = Link("my_profile", _l("My profile"), "people.me")
NO_ROLE_MENU = (OVERVIEW, LEARNING, COMMUNITY)


def _keys(entries) -> set[str]:
    keys = set()
    for entry in entries:
        keys.add(entry.key)
        if isinstance(entry, Group):
            keys.update(child.key for child in entry.children)
    return keys


def menu_for(roles) -> tuple[list, list]:
    """Return (main menu, personal menu) for a set of role names (see the module's docstring)."""
    held = [role for role in MENUS if role in set(roles)]
    if not held:
        return list(NO_ROLE_MENU), [MY_PROFILE]
    main = list(MENUS[held[0]])
    personal = [MY_PROFILE]
    for role in held[1:]:
        for entry in MENUS[role]:
            _merge(main, personal, entry)
    for role in held:
        for entry in PERSONAL.get(role, ()):
            if entry.key not in _keys(main) | _keys(personal):
                personal.append(entry)
    return main, personal


def _merge(main: list, personal: list, entry) -> None:
    """Add what entry offers that the menu lacks: into the group of the same key, at the top, or personal."""
    present = _keys(main) | _keys(personal)
    if isinstance(entry, Group):
        new = tuple(child for child in entry.children if child.key not in present)
        if not new:
            return
        for index, existing in enumerate(main):
            if isinstance(existing, Group) and existing.key == entry.key:
                main[index] = Group(existing.key, existing.label, existing.children + new)
                return
        if len(main) < MAX_TOP_LEVEL:
            main.append(Group(entry.key, entry.label, new))
        else:
            personal.extend(new)
    elif entry.key not in present:
        (main if len(main) < MAX_TOP_LEVEL else personal).append(entry)


def endpoints(entries) -> list[str]:
    """Return the endpoints of every link in the entries (groups unfolded)."""
    out = []
    for entry in entries:
        out.extend(child.endpoint for child in entry.children) if isinstance(entry, Group) else out.append(
            entry.endpoint)
    return out

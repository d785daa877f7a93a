"""Who may see people: coordinators everyone (see core.auth), everyone else themselves."""
from bridge.core.auth import edit_rule, view_rule
from bridge.modules.people.models import Person


@view_rule(Person)
def view_person(viewer: Person, person: Person) -> bool:
    """Allow people to see their own record."""
    return viewer.id == person.id


@edit_rule(Person)
def edit_person(editor: Person, person: Person) -> bool:
    """Allow people to edit their own profile."""
    return editor.id == person.id

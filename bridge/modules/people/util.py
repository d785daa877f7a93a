"""Who may see and change a person's record."""
from bridge.core.auth import is_coordinator
from bridge.core.permissions import policy
from bridge.modules.people.models import Person


@policy(Person)
def person_policy(actor: Person, action: str, person: Person) -> bool:
    """Coordinators see and edit everyone; everyone else sees and edits their own record."""
    if action in ("view", "edit"):
        return is_coordinator(actor) or actor.id == person.id
    return False

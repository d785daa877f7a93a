"""Helper for the tests proving that a failing commit drops the outside effects an operation registered."""
import pytest
from sqlalchemy.exc import IntegrityError

from bridge.modules.people.models import Person


def fail_commit(db, existing: Person) -> None:
    """Make the pending transaction fail at commit (a duplicate email), then roll back and commit nothing."""
    db.session.add(Person(first_name="Dup", last_name="Licate", email=existing.email))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.commit()

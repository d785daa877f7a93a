"""Demo data in one place: the fictional municipality of Lindenau, loaded by `qser demo`.

`organisation` creates the people, their training and logins and loads the rest; `profiles` holds the
mentoring profiles and the procedures checklist; the workshop scenarios come from the community data.
"""


def existing_logins() -> list[tuple[str, str]]:
    """Return (role, email) of every demo login present in the database: the organisation's and the
    department head's (printed by `qser demo` and `qser run`)."""
    from bridge.demo import cycles, organisation

    return organisation.existing_logins() + cycles.existing_logins(organisation.DEMO_PASSWORD)

"""The roles a person can hold."""
import enum


class Role(str, enum.Enum):
    """A role in the mentoring programme."""

    COORDINATOR = "coordinator"
    MENTOR = "mentor"
    MENTEE = "mentee"
    EXTERNAL = "external"
    MANAGEMENT = "management"  # department heads and management: aggregated reports only
    TRAINER = "trainer"  # runs job shadowing (set by coordinators on the person's page)


ROLE_VALUES = [r.value for r in Role]

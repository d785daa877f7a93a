"""People: every human the programme knows, and the roles they hold."""
import secrets
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import TimestampMixin, db
from bridge.core.roles import Role


def new_idnumber() -> str:
    """Return a new stable external key (used as Moodle's idnumber)."""
    return f"qser-{secrets.token_hex(6)}"


def full_name(first_name: str, last_name: str) -> str:
    """Return a person's name as pages show it ("Anna Müller"), also for rows read without the entity."""
    return f"{first_name} {last_name}".strip()


class Person(TimestampMixin, db.Model):
    """One human: staff member, mentor, mentee, external professional or coordinator."""

    __tablename__ = "people"
    # Lists are ordered by name: the index serves a page without sorting everyone (issue 15). On PostgreSQL a
    # trigram index (migration 5b7e2c9d4f18) serves the name/email/department search.
    __table_args__ = (Index("ix_people_name", "last_name", "first_name", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), unique=True)  # always stored lowercase
    department: Mapped[str | None] = mapped_column(String(120))
    languages: Mapped[list] = mapped_column(JSON, default=list)
    idnumber: Mapped[str] = mapped_column(String(100), unique=True, default=new_idnumber)
    moodle_user_id: Mapped[int | None] = mapped_column(unique=True)
    consent_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]
    preferred_locale: Mapped[str | None] = mapped_column(String(5))

    role_links: Mapped[list["PersonRole"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )
    account: Mapped["Account | None"] = relationship(  # noqa: F821
        back_populates="person", uselist=False, lazy="selectin"
    )

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.last_name)

    @property
    def role_names(self) -> set[str]:
        return {link.role for link in self.role_links}

    @property
    def is_active(self) -> bool:
        return self.archived_at is None

    def has_role(self, *roles: str | Role) -> bool:
        """Return whether the person holds any of the roles."""
        wanted = {r.value if isinstance(r, Role) else r for r in roles}
        return bool(self.role_names & wanted)

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.email}>"


class PersonRole(db.Model):
    """A role held by a person."""

    __tablename__ = "person_roles"
    __table_args__ = (Index("ix_person_roles_role", "role", "person_id"),)  # everyone holding a role

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    person: Mapped[Person] = relationship(back_populates="role_links")

"""Login credentials and one-time links."""
import enum
import time
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import TimestampMixin, db, utcnow
from bridge.modules.people.models import Person


class Account(UserMixin, TimestampMixin, db.Model):
    """The local login of a person (argon2 password hash)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    last_login_at: Mapped[datetime | None]
    session_version: Mapped[int] = mapped_column(default=1)

    person: Mapped[Person] = relationship(back_populates="account", lazy="joined")

    def get_id(self) -> str:
        """Return the session id: account, session version (bumped to log out everywhere) and issue time."""
        return f"{self.id}:{self.session_version}:{int(time.time())}"

    @property
    def is_active(self) -> bool:
        return self.person.is_active and self.password_hash is not None


class TokenPurpose(str, enum.Enum):
    """What a one-time link is for."""

    INVITE = "invite"
    RESET = "reset"


class OneTimeToken(db.Model):
    """A one-time link (only its sha256 is stored)."""

    __tablename__ = "one_time_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    person: Mapped[Person] = relationship()

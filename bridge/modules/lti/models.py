"""LTI 1.3 platforms, the tool's key pairs, pending logins and the launch log."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import TimestampMixin, db, utcnow


class LtiPlatform(TimestampMixin, db.Model):
    """A registered LTI platform (a Moodle site) that may launch the companion."""

    __tablename__ = "lti_platforms"
    __table_args__ = (UniqueConstraint("issuer", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    issuer: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(255))
    deployment_ids: Mapped[list] = mapped_column(JSON, default=list)
    auth_login_url: Mapped[str] = mapped_column(String(500))
    auth_token_url: Mapped[str] = mapped_column(String(500), default="")
    jwks_url: Mapped[str] = mapped_column(String(500))
    jit_enabled: Mapped[bool] = mapped_column(default=False)
    emails_verified: Mapped[bool] = mapped_column(default=False)

    def __repr__(self) -> str:
        return f"<LtiPlatform {self.id} {self.issuer}>"


class LtiToolKey(db.Model):
    """One RSA key pair of the tool; the private key is encrypted with the app's secret key."""

    __tablename__ = "lti_tool_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    kid: Mapped[str] = mapped_column(String(64), unique=True)
    private_key_encrypted: Mapped[str] = mapped_column(Text)
    public_jwk: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None]


class LtiLoginState(db.Model):
    """The state and nonce issued at login initiation; used once by the launch that follows."""

    __tablename__ = "lti_login_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(64), unique=True)
    nonce: Mapped[str] = mapped_column(String(64), unique=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    used_at: Mapped[datetime | None]

    platform: Mapped[LtiPlatform] = relationship()


class LtiLaunch(db.Model):
    """One launch attempt: platform, person, time, target and result (for the admin page)."""

    __tablename__ = "lti_launches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("lti_platforms.id", ondelete="SET NULL"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    subject: Mapped[str] = mapped_column(String(255), default="")
    message_type: Mapped[str] = mapped_column(String(40), default="")
    target: Mapped[str] = mapped_column(String(40), default="")
    result: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(String(500), default="")
    # The course it came from, and its roster service (NRPS) when the platform offers one.
    context_id: Mapped[str] = mapped_column(String(255), default="")
    context_title: Mapped[str] = mapped_column(String(255), default="")
    nrps_url: Mapped[str] = mapped_column(String(500), default="")
    product: Mapped[str] = mapped_column(String(40), default="")

    platform: Mapped[LtiPlatform | None] = relationship()
    person = relationship("Person")

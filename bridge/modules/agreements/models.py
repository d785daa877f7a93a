"""Agreement templates, a tandem's agreement with its versions, signatures and signed scans."""
import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bridge.core.db import db, utcnow
from bridge.modules.people.models import Person


class AgreementState(str, enum.Enum):
    """A draft can be edited; a signed agreement is in force and changes only through a new version."""

    DRAFT = "draft"
    SIGNED = "signed"


class AgreementTemplate(db.Model):
    """One saved version of the organisation's agreement template in one language."""

    __tablename__ = "agreement_templates"
    __table_args__ = (UniqueConstraint("language", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(5))
    number: Mapped[int]
    sections: Mapped[dict] = mapped_column(JSON, default=dict)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Person | None] = relationship()


class Agreement(db.Model):
    """The written agreement of one tandem."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), unique=True)
    language: Mapped[str] = mapped_column(String(5))
    template_id: Mapped[int | None] = mapped_column(ForeignKey("agreement_templates.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(10), default=AgreementState.DRAFT.value)
    signed_number: Mapped[int | None]  # the version in force (the last one both signed)
    signed_at: Mapped[datetime | None]
    # Set when the duration of an agreement from before the structured fields could not be read: a coordinator checks.
    duration_flagged: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    pair = relationship("Pair")
    versions: Mapped[list["AgreementVersion"]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementVersion.number")
    scans: Mapped[list["AgreementScan"]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementScan.id")

    @property
    def latest(self) -> "AgreementVersion | None":
        return self.versions[-1] if self.versions else None

    @property
    def signed_version(self) -> "AgreementVersion | None":
        return next((v for v in self.versions if v.number == self.signed_number), None)


class AgreementVersion(db.Model):
    """One saved, never changed version of an agreement's text, with its SHA-256 fingerprint."""

    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    sha256: Mapped[str] = mapped_column(String(64))
    # The structured terms (also inside content, so the fingerprint covers them, for versions saved since they exist).
    start_on: Mapped[date | None]
    duration_months: Mapped[int | None]
    meeting_rhythm: Mapped[str] = mapped_column(String(200), default="", server_default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    agreement: Mapped[Agreement] = relationship(back_populates="versions")
    author: Mapped[Person | None] = relationship()
    signatures: Mapped[list["AgreementSignature"]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="AgreementSignature.id")


class AgreementSignature(db.Model):
    """A party's signature in the app: who, when, the typed name and the fingerprint they signed."""

    __tablename__ = "agreement_signatures"
    __table_args__ = (UniqueConstraint("version_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    typed_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(default=utcnow)

    version: Mapped[AgreementVersion] = relationship(back_populates="signatures")
    person: Mapped[Person] = relationship()


class AgreementScan(db.Model):
    """A scan of the printed and signed paper, uploaded by a party and confirmed by a coordinator."""

    __tablename__ = "agreement_scans"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id", ondelete="CASCADE"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    original_name: Mapped[str] = mapped_column(String(200))
    storage_name: Mapped[str] = mapped_column(String(200))
    mimetype: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None]

    agreement: Mapped[Agreement] = relationship(back_populates="scans")
    version: Mapped[AgreementVersion] = relationship()
    uploaded_by: Mapped[Person | None] = relationship(foreign_keys=[uploaded_by_id])
    confirmed_by: Mapped[Person | None] = relationship(foreign_keys=[confirmed_by_id])

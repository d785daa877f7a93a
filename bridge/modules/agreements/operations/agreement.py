"""Operations on agreements: templates, drafting versions, fingerprints, signatures and signed scans."""
import hashlib
import json
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from flask_babel import gettext

from bridge.core import audit, uploads
from bridge.core.db import db, utcnow
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.core.permissions import require
from bridge.modules.agreements.models import (
    Agreement, AgreementScan, AgreementSignature, AgreementState, AgreementTemplate, AgreementVersion,
)
from bridge.modules.agreements.util import (
    LANGUAGES, MEMBERS_ONLY, PAIR_SECTIONS, SECTION_LABELS, SECTIONS, SIGN_REQUIRED,
)
from bridge.modules.pairing.operations import pairs as pairing
from bridge.modules.pairing.util import require_member, require_open
from bridge.modules.pairing.models import FINAL_STATES, MenteeProfile, Pair, PairState

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[1] / "data" / "default_templates.yaml"
MAX_SECTION = 5000
MAX_MONTHS = 36


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationFailed(N_("Unknown language."), field="language")
    return language


def _clean_sections(data: dict, required=()) -> dict:
    sections = {}
    for key in SECTIONS:
        text = (data.get(key) or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_SECTION:
            raise ValidationFailed(N_("Please keep this under %(n)s characters."), field=key, n=MAX_SECTION)
        if key in required and not text:
            raise ValidationFailed(N_("Please fill in this section."), field=key)
        sections[key] = text
    return sections


@cache
def default_templates() -> dict:
    """Return the built-in template sections per language (from data/default_templates.yaml)."""
    return yaml.safe_load(DEFAULT_TEMPLATES.read_text(encoding="utf-8"))


def latest_template(language: str) -> AgreementTemplate | None:
    """Return the newest saved template in the language, or None if only the default exists."""
    return db.session.scalar(db.select(AgreementTemplate).where(AgreementTemplate.language == language)
                             .order_by(AgreementTemplate.number.desc()).limit(1))


def template_sections(language: str) -> dict:
    """Return the sections of the current template in the language (the built-in default if never edited)."""
    saved = latest_template(_check_language(language))
    return dict(saved.sections) if saved else dict(default_templates()[language])


def save_template(actor, language: str, data: dict) -> AgreementTemplate:
    """Save a new version of the template in the language."""
    sections = _clean_sections(data, required=SECTIONS)
    previous = latest_template(_check_language(language))
    template = AgreementTemplate(language=language, number=(previous.number + 1) if previous else 1,
                                 sections=sections, author_id=actor.id)
    db.session.add(template)
    db.session.flush()
    audit.record(actor, "agreement.template_saved", template, f"{language} v{template.number}", language=language,
                 version=template.number)
    return template


def canonical(content: dict) -> bytes:
    """Return the canonical serialisation of version content (sorted keys, NFC text, UTF-8)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return unicodedata.normalize("NFC", text).encode("utf-8")


def fingerprint(content: dict) -> str:
    """Return the SHA-256 fingerprint of version content."""
    return hashlib.sha256(canonical(content)).hexdigest()


def verify(version: AgreementVersion) -> bool:
    """Return whether a stored version still matches its fingerprint."""
    return fingerprint(version.content) == version.sha256


def _content(agreement: Agreement, number: int, sections: dict, terms: dict) -> dict:
    pair = agreement.pair
    return {"agreement": agreement.id, "pair": pair.id, "number": number, "language": agreement.language,
            "mentor": pair.mentor.full_name, "mentee": pair.mentee.full_name, "sections": sections,
            "terms": {"start_on": terms["start_on"].isoformat() if terms["start_on"] else None,
                      "duration_months": terms["duration_months"], "meeting_rhythm": terms["meeting_rhythm"]}}


def clean_terms(data: dict) -> dict:
    """Return the structured terms (start date, planned months, meeting rhythm), checked."""
    start, months = data.get("start_on"), data.get("duration_months")
    if start is not None and not isinstance(start, date):
        raise ValidationFailed(N_("Please enter a valid date."), field="start_on")
    if months is not None and (not isinstance(months, int) or not 1 <= months <= MAX_MONTHS):
        raise ValidationFailed(N_("Please enter a number of months from 1 to %(n)s."), field="duration_months",
                               n=MAX_MONTHS)
    rhythm = " ".join((data.get("meeting_rhythm") or "").split())
    if len(rhythm) > 200:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field="meeting_rhythm", n=200)
    return {"start_on": start, "duration_months": months, "meeting_rhythm": rhythm}


def terms_of(version: AgreementVersion | None) -> dict:
    """Return the structured terms of a version (empty ones for none)."""
    if version is None:
        return {"start_on": None, "duration_months": None, "meeting_rhythm": ""}
    return {"start_on": version.start_on, "duration_months": version.duration_months,
            "meeting_rhythm": version.meeting_rhythm or ""}


def flagged_agreements() -> list[Agreement]:
    """Return the agreements of current tandems whose old free-text duration could not be read (to check)."""
    return list(db.session.scalars(db.select(Agreement).join(Pair, Pair.id == Agreement.pair_id).where(
        Agreement.duration_flagged.is_(True), Pair.state.not_in(FINAL_STATES)).order_by(Agreement.id)))


def count_flagged_agreements() -> int:
    """Return how many agreements of current tandems wait for a coordinator to settle their duration."""
    return db.session.scalar(db.select(db.func.count(Agreement.id)).join(Pair, Pair.id == Agreement.pair_id).where(
        Agreement.duration_flagged.is_(True), Pair.state.not_in(FINAL_STATES))) or 0


def find_agreement(pair: Pair) -> Agreement | None:
    """Return the tandem's agreement, or None if none was drafted yet."""
    return db.session.scalar(db.select(Agreement).where(Agreement.pair_id == pair.id))


def _add_version(actor, agreement: Agreement, sections: dict, terms: dict) -> AgreementVersion:
    number = (agreement.latest.number + 1) if agreement.latest else 1
    content = _content(agreement, number, sections, terms)
    version = AgreementVersion(number=number, content=content, sha256=fingerprint(content), author_id=actor.id,
                               **terms)
    agreement.versions.append(version)
    db.session.flush()
    audit.record(actor, "agreement.version_saved", agreement, f"v{number}", version=number, sha256=version.sha256)
    return version


def start_agreement(actor, pair: Pair, language: str) -> Agreement:
    """Draft the tandem's agreement from the current template (the mentee's profile goals prefilled)."""
    require_member(actor, pair)
    require_open(pair)
    if find_agreement(pair) is not None:
        raise Conflict(N_("This tandem already has an agreement."))
    sections = template_sections(language)
    profile = db.session.scalar(db.select(MenteeProfile).where(MenteeProfile.person_id == pair.mentee_id))
    for key in PAIR_SECTIONS:
        sections[key] = ""
    sections["goals"] = profile.goals if profile else ""
    template = latest_template(language)
    agreement = Agreement(pair=pair, language=language, template_id=template.id if template else None)
    db.session.add(agreement)
    db.session.flush()
    _add_version(actor, agreement, sections, terms_of(None))
    return agreement


def save_version(actor, agreement: Agreement, data: dict) -> AgreementVersion:
    """Save the edited text as a new version (signed versions never change); unchanged text saves nothing."""
    require(actor, "edit", agreement, MEMBERS_ONLY)
    require_open(agreement.pair)
    sections, terms = _clean_sections(data), clean_terms(data)
    if agreement.latest is not None and (agreement.latest.content["sections"], terms_of(agreement.latest)) == (
            sections, terms):
        return agreement.latest
    agreement.state = AgreementState.DRAFT.value
    if terms["duration_months"]:
        agreement.duration_flagged = False
    return _add_version(actor, agreement, sections, terms)


def reset_to_template(actor, agreement: Agreement) -> AgreementVersion:
    """Save a new draft version with the current template's text; the tandem's own sections and terms stay."""
    require(actor, "edit", agreement, MEMBERS_ONLY)
    require_open(agreement.pair)
    if agreement.state == AgreementState.SIGNED.value:
        raise Conflict(N_("A signed agreement is not reset; edit it to propose a new version."))
    sections = template_sections(agreement.language)
    sections.update({key: agreement.latest.content["sections"].get(key, "") for key in PAIR_SECTIONS})
    version = _add_version(actor, agreement, sections, terms_of(agreement.latest))
    audit.record(actor, "agreement.reset_to_template", agreement, f"v{version.number}", version=version.number)
    return version


def missing_terms(version: AgreementVersion) -> list[str]:
    """Return the labels (msgids) of what must be filled in before the version can be signed."""
    sections = version.content.get("sections", {})
    missing = [SECTION_LABELS[key] for key in SIGN_REQUIRED if not (sections.get(key) or "").strip()]
    if not version.duration_months or not version.start_on:
        missing.append(N_("Start date and planned duration"))
    return missing


def _check_typed_name(actor, typed_name: str) -> str:
    def fold(text):
        return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()

    if fold(typed_name) != fold(actor.full_name):
        raise ValidationFailed(N_("Please type your full name exactly as shown: %(name)s."), field="typed_name",
                               name=actor.full_name)
    return " ".join(typed_name.split())


def _check_signable(agreement: Agreement, number: int) -> AgreementVersion:
    version = agreement.latest
    if version is None or version.number != number:
        raise Conflict(N_("The agreement has changed meanwhile. Please read the current version before signing."))
    if agreement.state == AgreementState.SIGNED.value and agreement.signed_number == number:
        raise Conflict(N_("This version is already signed by both."))
    if not verify(version):
        raise Conflict(N_("This version does not match its fingerprint and cannot be signed. "
                          "Please tell your coordinator."))
    missing = missing_terms(version)
    if missing:
        raise Conflict(N_("This version cannot be signed yet. Please fill in first: %(missing)s."),
                       missing=", ".join(gettext(label) for label in missing))
    return version


def sign(actor, agreement: Agreement, number: int, typed_name: str, confirmed: bool) -> AgreementSignature:
    """Sign the current version with the typed full name; when both have signed, the agreement is in force."""
    require(actor, "sign", agreement, MEMBERS_ONLY)
    require_open(agreement.pair)
    version = _check_signable(agreement, number)
    if not confirmed:
        raise ValidationFailed(N_("Please confirm that you have read and agree to this version."),
                               field="confirm")
    typed = _check_typed_name(actor, typed_name)
    if any(s.person_id == actor.id for s in version.signatures):
        raise Conflict(N_("You have already signed this version."))
    signature = AgreementSignature(person_id=actor.id, typed_name=typed, sha256=version.sha256)
    version.signatures.append(signature)
    db.session.flush()
    audit.record(actor, "agreement.signed", agreement, f"v{version.number}", version=version.number,
                 sha256=version.sha256)
    if {s.person_id for s in version.signatures} >= {agreement.pair.mentor_id, agreement.pair.mentee_id}:
        _put_in_force(actor, agreement, version)
    return signature


def _put_in_force(actor, agreement: Agreement, version: AgreementVersion) -> None:
    agreement.state, agreement.signed_number = AgreementState.SIGNED.value, version.number
    agreement.signed_at = utcnow()
    if agreement.pair.state == PairState.INTRODUCED.value:
        pairing.transition(agreement.pair, PairState.AGREED, actor, event="agreement.signed",
                           event_params={"version": version.number})
    db.session.flush()


def upload_scan(actor, agreement: Agreement, file_storage, max_bytes: int) -> AgreementScan:
    """Store a scan of the printed, signed paper for the current version (a coordinator confirms it)."""
    require(actor, "upload_scan", agreement, MEMBERS_ONLY)
    require_open(agreement.pair)
    kind, mimetype, data = uploads.check_upload(file_storage, uploads.SCANS, max_bytes)
    scan = AgreementScan(version=agreement.latest, uploaded_by_id=actor.id, mimetype=mimetype, size=len(data),
                         original_name=uploads.display_name(file_storage.filename, kind),
                         sha256=uploads.sha256_hex(data),
                         storage_name=uploads.store(data, f"pairs/{agreement.pair_id}"))
    agreement.scans.append(scan)
    db.session.flush()
    audit.record(actor, "agreement.scan_uploaded", agreement, scan.original_name, sha256=scan.sha256)
    return scan


def confirm_scan(actor, scan: AgreementScan) -> AgreementScan:
    """Confirm that a scan shows the current version signed by both; the agreement is then in force."""
    require(actor, "confirm", scan, N_("Only a coordinator can confirm a signed scan."))
    agreement = scan.agreement
    require_open(agreement.pair)
    if scan.confirmed_at is not None:
        raise Conflict(N_("This scan is already confirmed."))
    _check_signable(agreement, scan.version.number)
    scan.confirmed_by_id, scan.confirmed_at = actor.id, utcnow()
    audit.record(actor, "agreement.scan_confirmed", agreement, scan.original_name, version=scan.version.number)
    _put_in_force(actor, agreement, scan.version)
    return scan

"""Workshop and scenario operations: plan, invite, record attendance, link scenarios."""
import sqlalchemy as sa
from sqlalchemy import or_

from bridge.core import audit
from bridge.core.auth import is_coordinator
from bridge.core.competences import competence_keys
from bridge.core.db import db, utcnow
from bridge.core.effects import after_commit
from bridge.core.errors import N_, ValidationFailed
from bridge.core.permissions import require
from bridge.core.mail import send_mail
from bridge.core.roles import Role
from bridge.modules.community import util
from bridge.modules.community.models import Scenario, Workshop, WorkshopParticipant
from bridge.modules.people.models import Person

WORKSHOP_FIELDS = ("title", "kind", "starts_at", "place", "online_link", "recording_link", "materials", "description",
                   "outcomes")
KINDS = ("workshop", "webinar")
SCENARIO_FIELDS = ("title", "situation", "questions", "approaches")


def _facilitator(person_id) -> Person | None:
    if not person_id:
        return None
    person = db.session.get(Person, person_id)
    if person is None or not person.is_active or not person.has_role(Role.EXTERNAL, Role.MENTOR,
                                                                     Role.COORDINATOR):
        raise ValidationFailed(N_("Choose an active external professional, mentor or coordinator."),
                               field="facilitator_id")
    return person


def _apply_workshop(workshop: Workshop, data: dict) -> None:
    kind = data.get("kind") or "workshop"
    if kind not in KINDS:
        raise ValidationFailed(N_("Choose workshop or webinar."), field="kind")
    if kind == "webinar" and not (data.get("online_link") or "").strip():
        raise ValidationFailed(N_("A webinar needs the online link participants join with."), field="online_link")
    if not (data.get("place") or "").strip() and not (data.get("online_link") or "").strip():
        raise ValidationFailed(N_("Give a place or an online link."), field="place")
    facilitator = _facilitator(data.get("facilitator_id"))
    for name in WORKSHOP_FIELDS:
        if name in data:
            setattr(workshop, name, data[name] if data[name] is not None else "")
    workshop.facilitator_id = facilitator.id if facilitator else None


def save_workshop(actor, workshop: Workshop | None, data: dict) -> Workshop:
    """Create or change a workshop (coordinators)."""
    require(actor, "manage", workshop or Workshop, util.CHANGE_DENIED)
    created = workshop is None
    workshop = workshop or Workshop()
    _apply_workshop(workshop, data)
    db.session.add(workshop)
    db.session.flush()
    audit.record(actor, "workshop.created" if created else "workshop.updated", workshop, workshop.title)
    return workshop


def invite(actor, workshop: Workshop, people: list[Person]) -> list[Person]:
    """Invite people who are not invited yet and mail them; return the newly invited."""
    require(actor, "manage", workshop, util.CHANGE_DENIED)
    known = {p.person_id for p in workshop.participants}
    new = [p for p in people if p.id not in known and p.is_active]
    for person in new:
        workshop.participants.append(WorkshopParticipant(person_id=person.id, invited_at=utcnow()))
    db.session.flush()
    for person in new:
        after_commit(mail_invitation, workshop.id, person.id)
    audit.record(actor, "workshop.invited", workshop, workshop.title, people=[p.id for p in new])
    return new


def mail_invitation(workshop_id: int, person_id: int) -> None:
    """Mail one person their workshop invitation (runs after the commit)."""
    workshop, person = db.session.get(Workshop, workshop_id), db.session.get(Person, person_id)
    if workshop is not None and person is not None:
        send_mail(person, N_("Invitation to a workshop"), "mail/community_workshop_invite.txt",
                  workshop=workshop, person=person)


def record_attendance(actor, workshop: Workshop, attended_ids: set[int]) -> None:
    """Record who attended: every invited person is marked present or absent."""
    require(actor, "manage", workshop, util.CHANGE_DENIED)
    for participant in workshop.participants:
        participant.attended = participant.person_id in attended_ids
    db.session.flush()
    audit.record(actor, "workshop.attendance", workshop, workshop.title, attended=sorted(attended_ids))


def set_scenarios(actor, workshop: Workshop, scenarios: list[Scenario]) -> None:
    """Set the scenarios discussed at the workshop (coordinators and its facilitator)."""
    require(actor, "facilitate", workshop, util.CHANGE_DENIED)
    workshop.scenarios = scenarios
    db.session.flush()
    audit.record(actor, "workshop.scenarios", workshop, workshop.title, scenarios=[s.id for s in scenarios])


def workshops_for(person):
    """Return a select statement for the workshops the person may see, latest first."""
    stmt = db.select(Workshop).order_by(Workshop.starts_at.desc(), Workshop.id.desc())
    if is_coordinator(person):
        return stmt
    return stmt.where(or_(Workshop.facilitator_id == person.id,
                          Workshop.participants.any(WorkshopParticipant.person_id == person.id)))


def save_scenario(actor, scenario: Scenario | None, data: dict, lang: str) -> Scenario:
    """Create or change a scenario (coordinators and external professionals)."""
    require(actor, "edit", scenario or Scenario, util.CHANGE_DENIED)
    created = scenario is None
    scenario = scenario or Scenario(author_id=actor.id, lang=lang)
    for name in SCENARIO_FIELDS:
        setattr(scenario, name, (data.get(name) or "").strip())
    scenario.competences = check_competences(data.get("competences") or [])
    db.session.add(scenario)
    db.session.flush()
    audit.record(actor, "scenario.created" if created else "scenario.updated", scenario, scenario.title)
    return scenario


def check_competences(keys) -> list[str]:
    """Return the competence keys in file order, or raise ValidationFailed naming the unknown ones."""
    known = competence_keys()
    unknown = sorted(set(keys) - set(known))
    if unknown:
        raise ValidationFailed(N_("Unknown competence: %(keys)s"), field="competences", keys=", ".join(unknown))
    return [key for key in known if key in set(keys)]


def scenarios_for(locale: str, competence: str = ""):
    """Return a select statement for the scenarios shown in the interface language (about a competence)."""
    stmt = db.select(Scenario).where(or_(Scenario.import_key.is_(None), Scenario.lang == locale))
    if competence:
        stmt = stmt.where(sa.cast(Scenario.competences, sa.String).contains(f'"{competence}"', autoescape=True))
    return stmt.order_by(Scenario.title, Scenario.id)

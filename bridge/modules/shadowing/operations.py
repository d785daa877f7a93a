"""Operations on job-shadowing activities: record, update, and who may see them."""
from bridge.core import audit
from bridge.core.auth import is_coordinator
from bridge.core.competences import competence_keys
from bridge.core.db import db
from bridge.core.errors import N_, ValidationFailed
from bridge.core.roles import Role
from bridge.modules.people.models import Person, PersonRole
from bridge.modules.shadowing.models import JobShadowingActivity
from bridge.modules.training.models import TrainingRecord
from bridge.modules.training.util import trained_people
from bridge.modules.shadowing.util import ITEM_KEYS

MAX_TEXT = 5000


def _person(value, field: str) -> Person:
    person = db.session.get(Person, int(value)) if str(value or "").isdigit() else None
    if person is None or not person.is_active:
        raise ValidationFailed(N_("This person is not known."), field=field)
    return person


def qualified_condition():
    """Return the SQL condition: a trainer, or someone with the three training modules done."""
    trainer = Person.role_links.any(PersonRole.role == Role.TRAINER.value)
    return db.or_(trainer, Person.id.in_(trained_people()))


def may_shadow(person: Person | None) -> bool:
    """Return whether the person may be the shadower: an active trainer, or someone with the three modules done."""
    if person is None or not person.is_active:
        return False
    return person.has_role(Role.TRAINER) or db.session.scalar(
        db.select(db.func.count()).select_from(trained_people().where(TrainingRecord.person_id == person.id)
                                               .subquery())) > 0


def _check_details(data: dict) -> dict:
    shadower, host = _person(data.get("shadower_id"), "shadower_id"), _person(data.get("host_id"), "host_id")
    if not may_shadow(shadower):
        raise ValidationFailed(N_("%(name)s cannot be the shadower: the shadower must hold the trainer role or have "
                                  "completed the three training modules."), field="shadower_id",
                               name=shadower.full_name)
    if shadower.id == host.id:
        raise ValidationFailed(N_("The shadower and the host must be different people."), field="host_id")
    if data.get("end_date") and data["end_date"] < data["start_date"]:
        raise ValidationFailed(N_("The last day cannot be before the first day."), field="end_date")
    unknown = set(data.get("focus_competences") or []) - set(competence_keys())
    if unknown:
        raise ValidationFailed(N_("Unknown competence: %(keys)s"), field="focus_competences",
                               keys=", ".join(sorted(unknown)))
    return {"shadower_id": shadower.id, "host_id": host.id, "start_date": data["start_date"],
            "end_date": data.get("end_date"),
            "focus_competences": [k for k in competence_keys() if k in (data.get("focus_competences") or [])]}


def create_activity(actor, data: dict) -> JobShadowingActivity:
    """Record a planned or held job-shadowing activity."""
    activity = JobShadowingActivity(**_check_details(data), created_by_id=actor.id, checklist={})
    db.session.add(activity)
    db.session.flush()
    audit.record(actor, "shadowing.created", activity, f"{activity.shadower.full_name} → {activity.host.full_name}")
    return activity


def _text(data: dict, field: str) -> str:
    text = (data.get(field) or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationFailed(N_("Please keep this under %(n)s characters."), field=field, n=MAX_TEXT)
    return text


def record_outcome(actor, activity: JobShadowingActivity, data: dict) -> JobShadowingActivity:
    """Save the observations, the feedback given and the ticked checklist items."""
    unknown = set(data.get("checklist") or []) - set(ITEM_KEYS)
    if unknown:
        raise ValidationFailed(N_("Unknown checklist item: %(keys)s"), field="checklist",
                               keys=", ".join(sorted(unknown)))
    activity.observations = _text(data, "observations")
    activity.feedback = _text(data, "feedback")
    activity.checklist = {key: True for key in ITEM_KEYS if key in (data.get("checklist") or [])}
    db.session.flush()
    audit.record(actor, "shadowing.updated", activity, f"{activity.shadower.full_name} → {activity.host.full_name}")
    return activity


def activities_for(person: Person):
    """Return the activities the person may see, newest first."""
    stmt = db.select(JobShadowingActivity).order_by(JobShadowingActivity.start_date.desc(),
                                                    JobShadowingActivity.id.desc())
    if not is_coordinator(person):
        stmt = stmt.where((JobShadowingActivity.shadower_id == person.id) | (JobShadowingActivity.host_id == person.id))
    return list(db.session.scalars(stmt))

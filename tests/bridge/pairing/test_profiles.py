"""Profile operations: validation, saving, completeness, and the competence list."""
import pytest

from bridge.core.audit import AuditEvent
from bridge.core.competences import competence_keys, competence_label
from bridge.core.errors import ValidationFailed
from bridge.modules.pairing.engine.types import COMPETENCE_KEYS
from bridge.modules.pairing.models import MenteeProfile, MentorProfile
from bridge.modules.pairing.operations.profiles import profile_completeness, save_mentee_profile, save_mentor_profile


def test_competence_loader_agrees_with_engine_and_has_german_labels():
    assert competence_keys() == COMPETENCE_KEYS
    assert competence_label("self_awareness", "en") == "Self-awareness"
    assert competence_label("self_awareness", "de") == "Selbsterkenntnis"
    assert competence_label("no_such_key", "de") == "no_such_key"


def test_save_mentee_profile_stores_values_in_canonical_order(db, make_person):
    person = make_person(roles=["mentee"])
    profile = save_mentee_profile(person, {
        "goals": "  Learn  ", "competences": {"adaptability": "3", "commitment": "", "self_awareness": 1},
        "availability": ["wed-pm", "mon-am"], "modes": ["onsite", "online"], "preferred_language": "de",
        "languages": ["en", "de"], "department": " Jobcenter "})
    db.session.commit()
    assert profile.goals == "Learn"
    assert profile.competences == {"adaptability": 3, "self_awareness": 1}
    assert profile.availability == ["mon-am", "wed-pm"] and profile.modes == ["online", "onsite"]
    assert person.department == "Jobcenter" and set(person.languages) == {"de", "en"}
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "pairing.mentee_profile_saved"))


@pytest.mark.parametrize("data,field", [
    ({"competences": {"juggling": 2}}, "competences"),
    ({"competences": {"adaptability": 4}}, "competences"),
    ({"competences": {"adaptability": "x"}}, "competences"),
    ({"availability": ["sun-am"]}, "availability"),
    ({"modes": ["telepathy"]}, "modes"),
    ({"goals": "x" * 2001}, "goals"),
    ({"preferred_language": "xx"}, "preferred_language"),
    ({"languages": ["xx"]}, "languages"),
    ({"department": "d" * 121}, "department"),
    ({"line_manager_id": 999999}, "line_manager_id"),
])
def test_save_mentee_profile_rejects_bad_input(db, make_person, data, field):
    person = make_person(roles=["mentee"])
    with pytest.raises(ValidationFailed) as info:
        save_mentee_profile(person, data)
    assert info.value.field == field


def test_save_profile_rejects_oneself_as_line_manager(db, make_person):
    person = make_person(roles=["mentee"])
    with pytest.raises(ValidationFailed, match="yourself"):
        save_mentee_profile(person, {"line_manager_id": person.id})


@pytest.mark.parametrize("data,field", [
    ({"competences": {"adaptability": 5}}, "competences"),
    ({"capacity": 11}, "capacity"),
    ({"capacity": -1}, "capacity"),
    ({"capacity": None}, "capacity"),
    ({"experience_years": 61}, "experience_years"),
    ({"willingness_scale": 6}, "willingness_scale"),
    ({"know_how": "k" * 2001}, "know_how"),
    ({"conflict_ids": [999999]}, "conflict_ids"),
])
def test_save_mentor_profile_rejects_bad_input(db, make_person, data, field):
    person = make_person(roles=["mentor"])
    with pytest.raises(ValidationFailed) as info:
        save_mentor_profile(person, data)
    assert info.value.field == field


def test_save_mentor_profile_replaces_declared_conflicts(db, make_person):
    mentor, first, second = make_person(roles=["mentor"]), make_person(), make_person()
    profile = save_mentor_profile(mentor, {"conflict_ids": [first.id, str(second.id)], "capacity": 2})
    db.session.commit()
    assert profile.conflict_ids == sorted([first.id, second.id])
    save_mentor_profile(mentor, {"conflict_ids": [second.id]})
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(MentorProfile, profile.id).conflict_ids == [second.id]


def test_profile_completeness_without_profile_lists_everything(db, make_person):
    person = make_person(roles=["mentee"], department=None, languages=[])
    percent, missing = profile_completeness(person)
    assert percent == 0 and "Goals and objectives" in missing and "Languages" in missing


def test_profile_completeness_reports_what_is_missing(db, make_person):
    person = make_person(roles=["mentee"])
    save_mentee_profile(person, {"goals": "Grow", "competences": {"adaptability": 2}, "availability": ["mon-am"]})
    percent, missing = profile_completeness(person, "mentee")
    assert missing == ["Meeting modes (online or on-site)"]
    assert percent == 83


def test_profile_completeness_full_mentor(make_mentor):
    assert profile_completeness(make_mentor()) == (100, [])


def test_profile_completeness_counts_both_profiles_for_mentee_who_mentors(make_mentor, make_mentee, db):
    person = make_mentor(roles=["mentor", "mentee"])
    percent, missing = profile_completeness(person)
    assert "Goals and objectives" in missing and 0 < percent < 100
    assert db.session.scalar(db.select(MenteeProfile)) is None

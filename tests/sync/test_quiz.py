"""Moodle quiz grades (mod_quiz) beside the SCORM activities: read, judged, and the wrong paths."""
import pytest

from bridge.modules.pairing.operations.eligibility import count_eligible_mentors, is_eligible
from bridge.modules.training.models import TrainingRecord
from tests.sync.helpers import ACTIVITIES, COURSE

QUIZZES = {"multiculturalism": 21, "diversity": 22, "intercultural-communication": 23}
T = 1795829197


def seed_quizzes(state, gradepass=8.0):
    """Add one quiz per module to the OER course: out of 10, grade to pass 8 (0: none)."""
    for n, cmid in enumerate(QUIZZES.values(), start=1):
        state.add_module(cmid=cmid, courseid=COURSE, modname="quiz", instance=n,
                         name=f"Quiz {n}", tracking=2, grademax=10, gradepass=gradepass)


def quiz_records(db, person):
    """Return {module: (quiz_status, quiz_score)} of a person's records."""
    rows = db.session.scalars(db.select(TrainingRecord).where(TrainingRecord.person_id == person.id))
    return {r.module_id: (r.quiz_status, r.quiz_score) for r in rows}


@pytest.fixture
def mentors(sync_run, make_person, oer):
    """Two linked mentors enrolled in the OER course, with quizzes in it; both opened the course."""
    people = [make_person(roles=["mentor"], password=None) for _ in range(2)]
    sync_run("users")
    seed_quizzes(oer.state)
    for person in people:
        oer.state.touch(COURSE, person.moodle_user_id, oer.state.now() - 3600)
    return people


def pull(sync_run, **options):
    """Run a full completions pull that also reads the quizzes."""
    return sync_run("completions", full=True, settings={"quizzes": dict(QUIZZES)}, **options)


def test_quiz_at_or_above_the_grade_to_pass_is_passed(sync_run, mentors, oer, db):
    """Best grade 9/10 with 8 to pass: passed, 90 %; exactly 8: passed too."""
    uid = mentors[0].moodle_user_id
    oer.state.set_grade(21, uid, 9, T)
    oer.state.set_grade(22, uid, 8, T)
    run = pull(sync_run)
    got = quiz_records(db, mentors[0])
    assert run.status == "succeeded"
    assert got["multiculturalism"] == ("passed", 90.0)
    assert got["diversity"] == ("passed", 80.0)
    assert got["intercultural-communication"] == (None, None)


def test_quiz_attempt_below_the_grade_to_pass_is_failed(sync_run, mentors, oer, db, app):
    """7.5/10 with 8 to pass is failed, and does not make a mentor eligible through the quiz."""
    uid = mentors[0].moodle_user_id
    oer.state.set_grade(21, uid, 10, T)
    oer.state.set_grade(22, uid, 10, T)
    oer.state.set_grade(23, uid, 7.5, T)
    pull(sync_run)
    assert quiz_records(db, mentors[0])["intercultural-communication"] == ("failed", 75.0)
    assert not is_eligible(mentors[0]).ok


def test_quiz_passes_make_a_mentor_eligible_unless_the_gate_is_scorm(sync_run, mentors, oer, db,
                                                                      app):
    """All three quizzes passed, no SCORM: eligible with scorm_or_quiz and quiz, not with scorm."""
    uid = mentors[0].moodle_user_id
    for cmid in QUIZZES.values():
        oer.state.set_grade(cmid, uid, 9, T)
    pull(sync_run)
    assert is_eligible(mentors[0]).ok and count_eligible_mentors() == 1
    app.config["TRAINING_GATE"] = "quiz"
    assert is_eligible(mentors[0]).ok and count_eligible_mentors() == 1
    app.config["TRAINING_GATE"] = "scorm"
    assert not is_eligible(mentors[0]).ok and count_eligible_mentors() == 0


def test_scorm_passes_do_not_count_when_the_gate_is_the_quiz(sync_run, mentors, oer, db, app):
    """Three SCORM passes: eligible by default, not when only the quiz is the gate."""
    uid = mentors[1].moodle_user_id
    for cmid in ACTIVITIES.values():
        oer.state.set_completion(cmid, uid, 2, T)
        oer.state.set_grade(cmid, uid, 95, T)
    pull(sync_run)
    assert is_eligible(mentors[1]).ok
    app.config["TRAINING_GATE"] = "quiz"
    assert not is_eligible(mentors[1]).ok and count_eligible_mentors() == 0


def test_quiz_grade_of_an_unknown_user_is_not_stored(sync_run, mentors, oer, db):
    """A Moodle user the bridge does not know has a quiz grade: no record, nobody asked for it."""
    stranger = oer.state.add_user(username="stranger", firstname="S", lastname="T",
                                  email="stranger@example.org")
    oer.state.enrol(stranger.id, COURSE)
    oer.state.set_grade(21, stranger.id, 10, T)
    oer.reset_counters()
    run = pull(sync_run)
    assert run.status == "succeeded"
    assert db.session.scalar(db.select(db.func.count(TrainingRecord.id)).where(
        TrainingRecord.quiz_status.is_not(None))) == 0


def test_quiz_grade_for_a_user_gone_from_moodle_is_an_error_of_that_person(sync_run, mentors,
                                                                          oer, db):
    """The quiz answers invaliduser for one person: their error is recorded, the other is stored."""
    gone, kept = mentors[0].moodle_user_id, mentors[1].moodle_user_id
    oer.state.set_grade(21, kept, 9, T)
    oer.state.vanishing.add(gone)
    run = pull(sync_run)
    assert run.status == "partial"
    assert [e["errorcode"] for e in run.errors] == ["invaliduser"]
    assert mentors[0].email in run.errors[0]["record"]
    assert quiz_records(db, mentors[1])["multiculturalism"] == ("passed", 90.0)


def test_quiz_not_in_the_course_is_reported_and_the_rest_is_read(sync_run, mentors, oer, db):
    """QSER_MOODLE_QUIZZES names a course module that is no quiz: reported; SCORM still pulled."""
    uid = mentors[0].moodle_user_id
    oer.state.set_completion(11, uid, 2, T)
    oer.state.set_grade(11, uid, 90, T)
    oer.state.set_grade(22, uid, 9, T)
    quizzes = {**QUIZZES, "multiculturalism": 99}
    run = sync_run("completions", full=True, settings={"quizzes": quizzes})
    assert run.status == "partial"
    assert [e["errorcode"] for e in run.errors] == ["quiznotfound"]
    assert "99" in run.errors[0]["message"] and "multiculturalism" in run.errors[0]["message"]
    got = db.session.scalar(db.select(TrainingRecord).where(
        TrainingRecord.person_id == mentors[0].id, TrainingRecord.module_id == "multiculturalism"))
    assert (got.status, got.quiz_status) == ("passed", None)
    assert quiz_records(db, mentors[0])["diversity"] == ("passed", 90.0)


def test_quiz_without_a_grade_to_pass_cannot_pass_anyone(sync_run, make_person, oer, db):
    """No grade to pass and no pass/fail completion: score kept, no status, reported once."""
    people = [make_person(roles=["mentor"], password=None) for _ in range(2)]
    sync_run("users")
    seed_quizzes(oer.state, gradepass=0)
    for person in people:
        oer.state.touch(COURSE, person.moodle_user_id, oer.state.now() - 60)
        oer.state.set_grade(21, person.moodle_user_id, 10, T)
    run = pull(sync_run)
    assert [e["errorcode"] for e in run.errors] == ["nogradetopass"]
    assert quiz_records(db, people[0])["multiculturalism"] == (None, 100.0)


def test_quiz_is_not_read_again_when_nothing_changed(sync_run, mentors, oer, db):
    """An incremental pull reads the quizzes of the recently active learner only."""
    oer.state.set_grade(21, mentors[0].moodle_user_id, 9, T)
    oer.state.touch(COURSE, mentors[1].moodle_user_id, oer.state.now())
    pull(sync_run)
    oer.reset_counters()
    sync_run("completions", settings={"quizzes": dict(QUIZZES)})
    assert oer.calls["mod_quiz_get_user_best_grade"] == len(QUIZZES)
    assert quiz_records(db, mentors[0])["multiculturalism"] == ("passed", 90.0)


def test_quiz_functions_are_required_only_when_quizzes_are_configured(sync_run, mentors, oer):
    """Without the quiz functions in the service: a run with quizzes fails naming them."""
    oer.state.service -= {"mod_quiz_get_user_best_grade"}
    assert sync_run("completions", full=True).status == "succeeded"
    run = pull(sync_run)
    assert run.status == "failed" and "mod_quiz_get_user_best_grade" in run.message


def test_quiz_pass_is_dated_when_first_read_and_the_date_kept_until_it_is_no_longer_passed(sync_run, mentors, oer,
                                                                                           db):
    """quiz_passed_at: set by the run that first reads a pass, kept by later runs (a regrade above the mark
    included), cleared when a regrade takes the pass away; the dashboard and the report date a quiz pass by it."""
    uid = mentors[0].moodle_user_id

    def record():
        db.session.expire_all()
        return db.session.scalar(db.select(TrainingRecord).where(TrainingRecord.person_id == mentors[0].id,
                                                                 TrainingRecord.module_id == "multiculturalism"))

    oer.state.set_grade(21, uid, 7, T)
    pull(sync_run)
    assert record().quiz_status == "failed" and record().quiz_passed_at is None
    oer.state.set_grade(21, uid, 9, T)
    pull(sync_run)
    first = record().quiz_passed_at
    assert record().quiz_status == "passed" and first is not None
    oer.state.set_grade(21, uid, 10, T)
    pull(sync_run)
    assert record().quiz_score == 100.0 and record().quiz_passed_at == first and record().quiz_read_at >= first
    oer.state.set_grade(21, uid, 5, T)
    pull(sync_run)
    assert record().quiz_status == "failed" and record().quiz_passed_at is None

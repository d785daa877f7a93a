"""The demo organisation has realistic profiles, a done checklist and a programme in motion that fills every page."""
from bridge.demo import organisation as demo
from bridge.modules.agreements.models import Agreement
from bridge.modules.community.models.practices import GoodPractice
from bridge.modules.community.models.qa import Answer, Question
from bridge.modules.community.models.workshops import Workshop
from bridge.modules.evaluation.models import EvaluationResponse
from bridge.modules.externals.models import ApplicationState, ExternalApplication
from bridge.modules.mentoring.models import MentoringSession, Message
from bridge.modules.pairing.models import (MatchRun, MenteeProfile, MentorConflict, MentorProfile, Pair, PairState,
                                           ProcedureItem)
from bridge.modules.pairing.operations.eligibility import procedures_complete
from bridge.modules.people.operations import find_by_email
from bridge.modules.shadowing.models import JobShadowingActivity

LOGINS = dict(demo_logins := [("coordinator", "katrin.vogel@lindenau.example"),
                              ("external", "rahel.tesfaye@lindenau.example"),
                              ("mentee", "lena.fischer@lindenau.example"),
                              ("mentor", "aylin.demir@lindenau.example"),
                              ("staff", "petra.koenig@lindenau.example")])


def count(db, model, *where):
    return db.session.scalar(db.select(db.func.count()).select_from(model).where(*where))


def test_demo_profiles_checklist_and_matching(app, db):
    assert demo.load() == demo_logins
    # ten internal and external mentors, plus the accepted applicant; one declared conflict
    assert (count(db, MentorProfile), count(db, MenteeProfile), count(db, MentorConflict)) == (11, 20, 1)
    assert procedures_complete() and count(db, ProcedureItem) == 4
    capacities = [p.capacity for p in db.session.scalars(db.select(MentorProfile))]
    assert min(capacities) >= 1 and max(capacities) <= 3
    managed = db.session.scalars(db.select(MenteeProfile).where(MenteeProfile.line_manager_id.is_not(None))).all()
    assert len(managed) >= 3
    # the demo leaves a draft run for the mentees without an open tandem; it respects line managers
    run = db.session.scalars(db.select(MatchRun)).one()
    paired = {p.mentee_id for p in db.session.scalars(db.select(Pair).where(Pair.state.in_(
        ("proposed", "introduced", "agreed", "active"))))}
    proposed = {(p.mentee_id, p.mentor_id) for p in run.proposals}
    assert len(proposed) >= 6
    assert not proposed & {(m.person_id, m.line_manager_id) for m in managed}
    assert not {mentee for mentee, _ in proposed} & paired


def test_every_printed_login_has_a_workspace_with_content(app, db):
    demo.load()
    for role in ("mentor", "mentee", "external"):
        person = find_by_email(LOGINS[role])
        pairs = db.session.scalars(db.select(Pair).where(
            (Pair.mentor_id == person.id) | (Pair.mentee_id == person.id), Pair.state == "active")).all()
        assert pairs, role
        assert count(db, MentoringSession, MentoringSession.pair_id == pairs[0].id) >= 3
        assert count(db, Message, Message.pair_id == pairs[0].id) >= 5
    aylin, lena = find_by_email(LOGINS["mentor"]), find_by_email(LOGINS["mentee"])
    shared = db.session.scalars(db.select(Pair).where(Pair.mentor_id == aylin.id, Pair.mentee_id == lena.id)).one()
    assert shared.state == "active"
    # a session of the printed mentee's tandem waits for her confirmation
    assert count(db, MentoringSession, MentoringSession.pair_id == shared.id,
                 MentoringSession.confirmed_at.is_(None)) == 1


def test_the_programme_has_every_state_and_content(app, db):
    demo.load()
    states = {p.state for p in db.session.scalars(db.select(Pair))}
    assert states == {s.value for s in PairState}
    for pair in db.session.scalars(db.select(Pair).where(Pair.state.in_(("agreed", "active", "completed")))):
        agreement = db.session.scalar(db.select(Agreement).where(Agreement.pair_id == pair.id))
        assert agreement is not None and agreement.state == "signed"
    # sessions spread over six months
    days = [s.held_on for s in db.session.scalars(db.select(MentoringSession))]
    assert (max(days) - min(days)).days >= 180
    keys = {r.form_key for r in db.session.scalars(db.select(EvaluationResponse))}
    assert {"midterm", "final-mentor", "final-mentee", "mutual"} <= keys
    assert count(db, Question) >= 4 and count(db, Answer) >= 3
    assert count(db, GoodPractice, GoodPractice.state == "published") >= 2
    workshops = db.session.scalars(db.select(Workshop)).all()
    assert len(workshops) >= 3 and all(w.scenarios for w in workshops)
    assert count(db, JobShadowingActivity) >= 3
    application_states = {a.state for a in db.session.scalars(db.select(ExternalApplication))}
    assert application_states == {s.value for s in ApplicationState}


def test_demo_is_deterministic(app, db):
    def snapshot():
        pairs = sorted((p.mentor.email, p.mentee.email, p.state, p.started_at.date() if p.started_at else None)
                       for p in db.session.scalars(db.select(Pair)))
        sessions = sorted((s.pair.mentee.email, s.held_on, s.topics, s.confirmed_at is not None)
                          for s in db.session.scalars(db.select(MentoringSession)))
        answers = sorted((r.form_key, r.pair.mentee.email, r.role,
                          tuple(sorted((a.item_key, a.value, a.text) for a in r.answers)))
                         for r in db.session.scalars(db.select(EvaluationResponse)))
        run = db.session.scalars(db.select(MatchRun)).one()
        proposals = sorted((p.mentee.email, p.mentor.email) for p in run.proposals)
        return pairs, sessions, answers, proposals

    demo.load()
    first = snapshot()
    for table in reversed(db.metadata.sorted_tables):  # empty the database, then load again
        db.session.execute(table.delete())
    db.session.commit()
    demo.load()
    assert snapshot() == first


def test_demo_load_again_adds_no_duplicates(app, db):
    demo.load()
    before = (count(db, Pair), count(db, MentoringSession), count(db, ExternalApplication), count(db, Question))
    demo.load(force=True)
    assert (count(db, MentorProfile), count(db, MenteeProfile), count(db, ProcedureItem)) == (11, 20, 4)
    assert (count(db, Pair), count(db, MentoringSession), count(db, ExternalApplication),
            count(db, Question)) == before

"""The demo organisation has realistic profiles and a done checklist, so matching makes sensible proposals."""
from bridge.demo import organisation as demo
from bridge.modules.pairing.models import MenteeProfile, MentorConflict, MentorProfile, ProcedureItem
from bridge.modules.pairing.operations.eligibility import procedures_complete
from bridge.modules.pairing.operations.matching import run_matching
from bridge.modules.people.operations import find_by_email


def count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_demo_profiles_checklist_and_matching(app, db):
    demo.load()
    assert (count(db, MentorProfile), count(db, MenteeProfile), count(db, MentorConflict)) == (10, 20, 1)
    assert procedures_complete() and count(db, ProcedureItem) == 4
    capacities = [p.capacity for p in db.session.scalars(db.select(MentorProfile))]
    assert min(capacities) >= 1 and max(capacities) <= 3
    managed = db.session.scalars(db.select(MenteeProfile).where(MenteeProfile.line_manager_id.is_not(None))).all()
    assert len(managed) >= 3
    run = run_matching(find_by_email("katrin.vogel@lindenau.example"))
    assert run.summary["matched"] >= 18
    pairs = {(p.mentee_id, p.mentor_id) for p in run.proposals}
    assert not pairs & {(m.person_id, m.line_manager_id) for m in managed}
    lena = find_by_email("lena.fischer@lindenau.example")
    assert lena.id in {mentee for mentee, _ in pairs}


def test_demo_load_again_adds_no_duplicates(app, db):
    demo.load()
    demo.load(force=True)
    assert (count(db, MentorProfile), count(db, MenteeProfile), count(db, ProcedureItem)) == (10, 20, 4)

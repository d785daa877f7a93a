"""Push users: create, link (idnumber, then email), update, suspend, isolate refused records."""
from bridge.core.db import utcnow
from tests.sync.helpers import COURSE, moodle_user


def test_push_creates_accounts_for_active_people_with_roles(sync_run, make_person, oer, db):
    """Active people with a role get one account each and are enrolled; others are left alone."""
    people = [make_person(roles=["mentee"]) for _ in range(3)]
    outsider = make_person(roles=[])
    run = sync_run("users")
    assert run.status == "succeeded"
    assert run.counts["created"] == 3 and run.counts["enrolled"] == 3
    for person in people:
        account = moodle_user(oer, person)
        assert account.email == person.email and person.moodle_user_id == account.id
        assert oer.state.enrolments[(COURSE, account.id)].roleids == {5}
    assert moodle_user(oer, outsider) is None


def test_push_uses_array_calls(sync_run, make_person, oer):
    """120 new people: about three requests per 100 users (lookups, creates, enrolment)."""
    for _ in range(120):
        make_person(roles=["mentee"], password=None)
    oer.reset_counters()
    sync_run("users", settings={"batch_size": 100})
    user_requests = oer.requests - oer.calls["core_webservice_get_site_info"] - \
        oer.calls["core_course_get_courses_by_field"]
    assert user_requests <= 3 * 120 / 100 + 2


def test_push_links_existing_accounts_instead_of_duplicating(sync_run, make_person, oer):
    """An account with the person's idnumber, or with their email, is linked, not re-created."""
    by_idnumber = make_person(roles=["mentor"])
    by_email = make_person(roles=["mentee"])
    old = oer.state.add_user(username="legacy1", firstname="X", lastname="Y",
                             email="old@example.org", idnumber=by_idnumber.idnumber)
    same_mail = oer.state.add_user(username="legacy2", firstname="A", lastname="B",
                                   email=by_email.email)
    run = sync_run("users")
    assert run.counts["linked"] == 2 and run.counts["created"] == 0
    assert by_idnumber.moodle_user_id == old.id and by_email.moodle_user_id == same_mail.id
    assert same_mail.idnumber == by_email.idnumber and old.email == by_idnumber.email
    assert len(oer.state.users) == 2


def test_push_updates_changed_profiles(sync_run, make_person, oer, db):
    """A changed name reaches Moodle on the next push, counted as updated."""
    person = make_person(roles=["mentee"])
    sync_run("users")
    person.last_name = "Renamed"
    db.session.commit()
    run = sync_run("users")
    assert run.counts["updated"] == 1 and moodle_user(oer, person).lastname == "Renamed"


def test_push_suspends_archived_people_and_never_deletes(sync_run, make_person, oer, db):
    """Archiving suspends the account and the enrolment; the account stays."""
    person = make_person(roles=["mentee"])
    sync_run("users")
    person.archived_at = utcnow()
    db.session.commit()
    run = sync_run("users")
    account = moodle_user(oer, person)
    assert run.counts["suspended"] == 1 and account.suspended
    assert oer.state.enrolments[(COURSE, account.id)].status == 1
    assert sync_run("users").counts["suspended"] == 0


def test_refused_record_is_isolated_and_the_rest_created(sync_run, make_person, oer):
    """A create batch fails whole in Moodle; the bad record is found, recorded, the rest created."""
    people = [make_person(roles=["mentee"]) for _ in range(5)]
    oer.state.add_user(username=people[2].email, firstname="Other", lastname="User",
                       email="someone.else@example.org", idnumber="foreign")
    run = sync_run("users")
    assert run.status == "partial" and run.counts["created"] == 4
    assert [e["record"] for e in run.errors] == [f"person {people[2].id} <{people[2].email}>"]
    assert run.errors[0]["errorcode"] == "invalidparameter"
    assert people[2].moodle_user_id is None
    assert all(p.moodle_user_id for i, p in enumerate(people) if i != 2)


def test_email_match_with_foreign_idnumber_is_reported_not_linked(sync_run, make_person, oer):
    """An account with the email but another idnumber is someone else's key: report, do not link."""
    person = make_person(roles=["mentee"])
    oer.state.add_user(username="hr.import", firstname="A", lastname="B", email=person.email,
                       idnumber="HR-4711")
    run = sync_run("users")
    assert run.errors[0]["errorcode"] == "idnumberconflict"
    assert person.moodle_user_id is None and run.counts["created"] == 0


def test_enrol_sends_full_state_and_reactivates(sync_run, make_person, oer):
    """A suspended, time-limited enrolment becomes active and open-ended again."""
    person = make_person(roles=["mentee"])
    sync_run("users")
    enrolment = oer.state.enrolments[(COURSE, person.moodle_user_id)]
    enrolment.status, enrolment.timeend = 1, 1700000000
    sync_run("users")
    enrolment = oer.state.enrolments[(COURSE, person.moodle_user_id)]
    assert (enrolment.status, enrolment.timestart, enrolment.timeend) == (0, 0, 0)

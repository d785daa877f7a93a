"""Managers return typed results for each Moodle area."""
import pytest

from sync.exceptions import MoodleConfigError, MoodleWSError
from sync.managers.enrolments import Enrolment
from tests.fake_moodle.seed import seed_lab


def test_courses_resolve_ids_and_shortnames(moodle, fake_moodle):
    """A shortname or an id names a course; an unknown one is a configuration error."""
    seed_lab(fake_moodle.state)
    assert moodle.courses.resolve("QSER-OER").id == 2 and moodle.courses.resolve("2").shortname
    with pytest.raises(MoodleConfigError):
        moodle.courses.resolve("NO-SUCH-COURSE")


def test_roster_pages_through_every_enrolled_user(moodle, fake_moodle):
    """Paging with limitfrom/limitnumber returns each enrolled user once, in id order.

    After the first page, pages are read `concurrency` (2) at a time: 0 | 2, 4 | 6, 8.
    """
    seed_lab(fake_moodle.state)
    roster = list(moodle.enrolments.roster(2, page_size=2))
    assert [u.id for u in roster] == [4, 5, 6, 7, 8, 9, 10]
    assert roster[5].lastcourseaccess == 1795829278 and roster[2].roleids == {3}
    assert fake_moodle.calls["core_enrol_get_enrolled_users"] == 5


def test_enrol_is_an_upsert(moodle, fake_moodle):
    """Enrolling twice keeps one enrolment; the last call's fields win."""
    seed_lab(fake_moodle.state)
    moodle.enrolments.enrol([Enrolment(userid=2, courseid=2, timeend=1900000000)])
    moodle.enrolments.enrol([Enrolment(userid=2, courseid=2)])
    assert fake_moodle.state.enrolments[(2, 2)].timeend == 0
    assert len(fake_moodle.state.course_enrolments(2)) == 8


def test_grades_for_the_whole_course_in_one_call(moodle, fake_moodle):
    """userid 0 returns every student's activity grades, as percentages."""
    seed_lab(fake_moodle.state)
    grades = moodle.grades.course(2)
    assert set(grades) == {4, 5, 7, 8, 9, 10}
    assert grades[4][1].percentage == 100.0 and grades[5][1].percentage is None


def test_groups_and_members(moodle, fake_moodle):
    """Groups are created in a course; only enrolled users can join."""
    seed_lab(fake_moodle.state)
    group = moodle.groups.create(2, ["Mentors 2026"])[0]
    moodle.groups.add_members(group.id, [4, 9])
    assert fake_moodle.state.groups[group.id].members == {4, 9}
    with pytest.raises(MoodleWSError):
        moodle.groups.add_members(group.id, [2])


def test_messages_report_refusals_per_message(moodle, fake_moodle):
    """An unknown recipient is a refused message (msgid -1), not an exception."""
    seed_lab(fake_moodle.state)
    sent = moodle.messages.send([(4, "Welcome", "m1"), (999999, "Hello?", "m2")])
    assert [m.ok for m in sent] == [True, False] and sent[1].errormessage

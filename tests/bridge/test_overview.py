"""The overview as a to-do list per role: counts that link to the filtered lists, next steps, few queries."""
import re
from datetime import timedelta

from sqlalchemy import event

from bridge.core.db import utcnow
from bridge.modules.agreements.models import Agreement, AgreementVersion
from bridge.modules.mentoring.models import MentoringSession
from bridge.modules.pairing.models import MatchProposal, MatchRun
from tests.bridge.externals.helpers import make_application
from tests.bridge.mentoring.conftest import login, make_tandem  # noqa: F401
from tests.bridge.pairing.conftest import make_mentee, make_mentor, train  # noqa: F401


def _todo(page: str, key: str):
    """Return (count, href, text) of the to-do with this key, or None."""
    match = re.search(rf'data-todo="{key}">\s*(?:<span[^>]*>(\d+)</span>)?\s*<a href="([^"]+)">([^<]+)</a>', page)
    return (int(match[1]) if match[1] else None, match[2].replace("&amp;", "&"), match[3]) if match else None


def _quiet(make_tandem, days=40):  # noqa: F811
    pair = make_tandem(state="active")
    pair.started_at = utcnow() - timedelta(days=days)
    return pair


def _programme(db, make_tandem, make_person, app):  # noqa: F811
    """Two quiet tandems (one overdue with its mid-term), one with an unsigned agreement, a draft run, applications."""
    old, quiet = _quiet(make_tandem, days=120), _quiet(make_tandem)
    lively = _quiet(make_tandem)
    db.session.add(MentoringSession(pair_id=lively.id, author_id=lively.mentor_id, held_on=utcnow().date(),
                                    duration_minutes=60, mode="online"))
    unsigned = make_tandem(state="introduced")
    agreement = Agreement(pair_id=unsigned.id, language="en")
    agreement.versions.append(AgreementVersion(number=1, content={}, sha256="-"))
    db.session.add(agreement)
    run = MatchRun(status="draft")
    run.proposals = [MatchProposal(mentee_id=unsigned.mentee_id, mentor_id=unsigned.mentor_id, status="proposed")
                     for _ in range(3)]
    db.session.add(run)
    db.session.commit()
    make_application(app, db, email="one@example.org")
    make_application(app, db, email="two@example.org")
    return {"old": old, "quiet": quiet, "lively": lively, "unsigned": unsigned, "run": run}


def test_coordinator_overview_counts_link_to_filtered_lists(app, client, db, make_tandem, make_person,
                                                            login_as):  # noqa: F811
    made = _programme(db, make_tandem, make_person, app)
    login_as("coordinator")
    page = client.get("/").get_data(as_text=True)
    assert _todo(page, "applications")[:2] == (2, "/applications/?state=submitted")
    assert _todo(page, "proposals")[:2] == (3, f"/pairing/runs/{made['run'].id}")
    quiet = _todo(page, "quiet")
    assert quiet[0] == 2 and "30 days" in quiet[2]
    assert _todo(page, "unsigned")[:2] == (1, "/pairing/pairs?attention=unsigned")
    assert _todo(page, "overdue")[0] == 1
    assert _todo(page, "sync") is None  # no failed run: not mentioned

    listing = client.get(quiet[1]).get_data(as_text=True)
    shown = set(re.findall(r'href="/pairing/pairs/(\d+)"', listing))
    assert shown == {str(made["old"].id), str(made["quiet"].id)}
    assert 'data-attention="quiet"' in listing
    overdue = set(re.findall(r'href="/pairing/pairs/(\d+)"', client.get(_todo(page, "overdue")[1]).get_data(
        as_text=True)))
    assert overdue == {str(made["old"].id)}
    unsigned = set(re.findall(r'href="/pairing/pairs/(\d+)"', client.get("/pairing/pairs?attention=unsigned")
                              .get_data(as_text=True)))
    assert unsigned == {str(made["unsigned"].id)}
    assert client.get("/pairing/pairs?attention=nonsense").status_code == 200


def test_empty_overview_says_what_to_do_next(client, login_as):
    login_as("coordinator")
    page = client.get("/").get_data(as_text=True)
    assert 'data-todo="none"' in page and "Nothing is waiting for you." in page


def test_coordinator_overview_queries_do_not_grow_with_the_programme(app, client, db, make_tandem, make_person,
                                                                      login_as):  # noqa: F811
    login_as("coordinator")
    _programme(db, make_tandem, make_person, app)

    def queries():
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    small = queries()
    for _ in range(6):
        _quiet(make_tandem, days=200)
    db.session.commit()
    assert queries() == small


def test_member_overview_lists_their_to_dos(client, db, make_tandem, make_mentor, login):  # noqa: F811
    mentor = make_mentor()
    pair = make_tandem(state="active", mentor=mentor)
    pair.started_at = utcnow() - timedelta(days=120)  # the mid-term evaluation is due
    agreement = Agreement(pair_id=pair.id, language="en")
    agreement.versions.append(AgreementVersion(number=1, content={}, sha256="-"))
    db.session.add(agreement)
    db.session.add(MentoringSession(pair_id=pair.id, author_id=pair.mentee_id, held_on=utcnow().date(),
                                    duration_minutes=45, mode="online"))
    db.session.commit()
    login(mentor)
    page = client.get("/").get_data(as_text=True)
    assert _todo(page, "sign")[1] == f"/pairs/{pair.id}/agreement"
    assert _todo(page, "confirm")[:2] == (1, f"/pairs/{pair.id}/sessions")
    assert _todo(page, "evaluation")[1].startswith(f"/evaluations/pairs/{pair.id}/")
    assert 'data-next="profile"' not in page  # the profile is complete
    assert "Complete my mentoring profile" not in page and "Complete your mentoring profile" not in page
    assert 'data-next="cycle"' in page


def test_incomplete_profile_is_a_next_step_until_complete(client, make_person, login):  # noqa: F811
    mentee = login(make_person(roles=["mentee"]))
    page = client.get("/").get_data(as_text=True)
    assert 'data-next="profile"' in page and 'data-next="wait"' in page
    assert mentee is not None


def test_external_sees_their_application_state(app, client, db, make_person, login):  # noqa: F811
    application = make_application(app, db, email="ext@example.org")
    person = make_person(roles=["mentor", "external"], email="ext@example.org")
    application.state, application.person_id = "accepted", person.id
    db.session.commit()
    login(person)
    page = client.get("/").get_data(as_text=True)
    assert "Your application" in page and "was accepted" in page


def test_invited_people_see_their_next_webinar_and_workshop_not_past_or_others(client, db, make_person, login):  # noqa: F811
    from bridge.modules.community.models.workshops import Workshop, WorkshopParticipant

    external = login(make_person(roles=["external"]))
    other = make_person(roles=["mentee"])
    now = utcnow()
    rows = [Workshop(title="Interpreting online", kind="webinar", starts_at=now + timedelta(days=3),
                     online_link="https://video.example.org/w"),
            Workshop(title="Case work", starts_at=now + timedelta(days=9), place="Rathaus"),
            Workshop(title="Last year's session", starts_at=now - timedelta(days=9), place="Rathaus"),
            Workshop(title="Not invited", starts_at=now + timedelta(days=2), place="Rathaus")]
    db.session.add_all(rows)
    db.session.flush()
    for workshop in rows[:3]:
        db.session.add(WorkshopParticipant(workshop_id=workshop.id, person_id=external.id, invited_at=now))
    db.session.add(WorkshopParticipant(workshop_id=rows[3].id, person_id=other.id, invited_at=now))
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert page.count('data-next="workshop"') == 2
    assert "Interpreting online" in page and "join online" in page and "Case work" in page
    assert page.index("Interpreting online") < page.index("Case work")  # the next one first
    assert "Last year" not in page and "Not invited" not in page
    assert client.get(f"/community/workshops/{rows[0].id}").status_code == 200  # the link opens for the invited

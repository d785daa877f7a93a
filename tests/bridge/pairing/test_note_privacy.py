"""Coordinator notes never reach the tandem's members: every page they can open is walked."""
import pytest

from bridge.modules.pairing.models import PairSource
from bridge.modules.pairing.operations.pairs import create_pair, transition
from tests.bridge.mentoring.conftest import login  # noqa: F401

NOTES = ("Lena asked for Aylin; same office.", "Confirmed after the steering meeting.", "Override: forms on paper.")


@pytest.fixture
def noted_pair(db, coordinator, make_mentor, make_mentee):
    """Return an active tandem with a match reason, a confirm comment and an override note of a coordinator."""
    pair = create_pair(coordinator, make_mentor(), make_mentee(), PairSource.MANUAL, NOTES[0])
    transition(pair, "introduced", coordinator, NOTES[1])
    transition(pair, "agreed", coordinator, NOTES[2])
    transition(pair, "active", pair.mentor, "Our first session")
    db.session.commit()
    return pair


def _member_pages(app, pair) -> list[str]:
    """Return every GET page that takes no argument or only the tandem's id."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and set(rule.arguments) <= {"pair_id"} and not rule.rule.startswith("/static"):
            urls.append(rule.rule.replace("<int:pair_id>", str(pair.id)))
    return sorted(set(urls))


def test_no_member_page_shows_a_coordinator_note(app, client, login, noted_pair, coordinator):
    pages = _member_pages(app, noted_pair)
    assert f"/pairs/{noted_pair.id}/" in pages and f"/pairing/pairs/{noted_pair.id}" in pages
    opened = 0
    for member in (noted_pair.mentor, noted_pair.mentee):
        login(member)
        for url in pages:
            resp = client.get(url)
            if resp.status_code == 200:
                opened += 1
                body = resp.get_data().decode("utf-8", "replace")  # some pages are files (PDF, spreadsheets)
                assert not [note for note in NOTES if note in body], url
    assert opened > 20
    login(coordinator)
    page = client.get(f"/pairing/pairs/{noted_pair.id}").get_data(as_text=True)
    assert all(note in page for note in NOTES)


def test_members_own_comments_stay_in_the_history(noted_pair):
    assert [t.comment for t in noted_pair.transitions] == ["", "", "", "Our first session"]
    assert [n.kind for n in noted_pair.notes] == ["match_reason", "transition", "transition"]


def test_offline_reasons_and_exceptions_stay_with_the_coordinators(app, client, login, db, coordinator,
                                                                   make_mentor, make_mentee):
    """The offline reason, the reason for an open checklist and a line-manager justification are coordinator notes."""
    from bridge.modules.pairing.models import MatchProposal, ProcedureItem
    from bridge.modules.pairing.operations.profiles import save_mentee_profile
    from bridge.modules.pairing.operations.review import record_offline_pair

    private = ("Decided with the head of unit on 3 March.", "Staff council meets next week.",
               "Only two caseworkers in the branch office.")
    db.session.add(ProcedureItem(title="Staff council informed", category="legal"))
    mentor, mentee = make_mentor(), make_mentee()
    save_mentee_profile(mentee, {"line_manager_id": mentor.id})
    pair = record_offline_pair(coordinator, mentor, mentee, private[0], procedures_reason=private[1],
                               exception_reason=private[2])
    db.session.commit()
    proposal = db.session.scalar(db.select(MatchProposal).where(MatchProposal.run_id == pair.run_id))
    pages = _member_pages(app, pair) + [f"/pairing/runs/{pair.run_id}", f"/pairing/proposals/{proposal.id}"]
    for member in (mentor, mentee):
        login(member)
        for url in pages:
            resp = client.get(url)
            body = resp.get_data().decode("utf-8", "replace")
            assert not [text for text in private if text in body], url
    login(coordinator)
    report = client.get(f"/pairing/runs/{pair.run_id}").get_data(as_text=True)
    assert all(text in report for text in private)
    assert all(text in client.get(f"/pairing/pairs/{pair.id}").get_data(as_text=True) for text in private)

"""The number of SQL queries per page does not grow with the number of people (no query per row)."""
import pytest

from bridge.modules.pairing.models import Pair, PairTransition
from tests.bridge.querycount import get_counted

PAGES = ["/", "/people/?q=Person", "/pairing/", "/pairing/pairs", "/mentors/", "/evaluations/",
         "/evaluations/dashboard", "/pairing/eligibility", "/advisers/"]

# A paginated list adds one COUNT query once it has more than one page (a constant, not one per row); the eligibility
# page pages its mentors and its mentees.
PAGINATED = {"/people/?q=Person": 1, "/pairing/pairs": 1, "/mentors/": 1, "/pairing/eligibility": 2}


def _programme(db, make_person, people: int) -> None:
    """Create people/2 active tandems."""
    for _ in range(people // 2):
        mentor = make_person(roles=["mentor"], password=None)
        mentee = make_person(roles=["mentee"], password=None)
        _pair(db, mentor, mentee)


def _pair(db, mentor, mentee) -> Pair:
    pair = Pair(mentor_id=mentor.id, mentee_id=mentee.id, state="active", source="manual")
    pair.transitions.append(PairTransition(from_state=None, to_state="active"))
    db.session.add(pair)
    db.session.commit()
    return pair


def _queries(app, client, url: str) -> int:
    return get_counted(app, client, url)[0]


@pytest.mark.slow
def test_queries_per_page_do_not_grow_with_people(app, db, client, login_as, make_person):
    login_as("coordinator")
    _programme(db, make_person, 8)
    mentor, mentee = make_person(roles=["mentor"]), make_person(roles=["mentee"], password=None)
    pair = _pair(db, mentor, mentee)
    member = app.test_client()
    with member.session_transaction() as session:
        session["_user_id"], session["_fresh"] = mentor.account.get_id(), True
    pages = [(client, url) for url in PAGES] + [(member, f"/pairs/{pair.id}/"), (member, "/evaluations/")]
    for who, url in pages:  # first use creates reference data (evaluation forms): not counted
        _queries(app, who, url)
    small = [_queries(app, who, url) for who, url in pages]
    _programme(db, make_person, 190)
    large = [_queries(app, who, url) for who, url in pages]
    allowed = [n + PAGINATED.get(url, 0) for (_who, url), n in zip(pages, small)]
    assert [url for (_who, url), a, b in zip(pages, allowed, large) if b > a] == []

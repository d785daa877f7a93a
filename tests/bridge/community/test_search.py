"""Search results equal a selection computed independently in the test."""
import re

import pytest

from bridge.core.db import utcnow
from bridge.modules.community.models import GoodPractice, PracticeState, Question
from bridge.modules.community.operations.qa import get_tags

WORDS = ["Interpreter", "letter", "Feedback", "burnout", "100%_sure", "Ümlaut"]
DEPARTMENTS = ["Job centre", "Registry", "job CENTRE"]


@pytest.fixture
def questions(db, make_person):
    people = [make_person(roles=["mentee"], department=d) for d in DEPARTMENTS]
    rows = []
    for i in range(36):
        q = Question(author_id=people[i % 3].id, title=f"Q{i} about {WORDS[i % 6]}", body=f"body {WORDS[(i + 2) % 6]}",
                     lang="en" if i % 4 else "de", import_key=f"k{i}" if i % 5 == 0 else None,
                     hidden_at=utcnow() if i % 7 == 3 else None)
        q.tags = get_tags(["self_awareness"] if i % 2 else ["letters"])
        db.session.add(q)
        rows.append(q)
    db.session.commit()
    return rows


def _expected(rows, locale, text="", tag="", department=""):
    def keep(q):
        if q.hidden_at is not None or q.merged_into_id is not None:
            return False
        if q.import_key is not None and q.lang != locale:
            return False
        if text and text.lower() not in q.title.lower() and text.lower() not in q.body.lower():
            return False
        if tag and tag not in {t.name for t in q.tags}:
            return False
        return not department or (q.author.department or "").lower() == department.lower()

    return sorted(q.id for q in rows if keep(q))


def _ids_from_pages(client, url, pattern):
    found, page = [], 1
    while True:
        html = client.get(f"{url}&page={page}").get_data(as_text=True)
        ids = [int(x) for x in re.findall(pattern, html)]
        if not ids:
            return sorted(found)
        found += ids
        page += 1


@pytest.mark.parametrize(("text", "tag", "department"), [
    ("", "", ""), ("interpreter", "", ""), ("LETTER", "letters", ""), ("100%_", "", ""), ("ümlaut", "", ""),
    ("", "self_awareness", "job centre"), ("feedback", "", "Registry"), ("nothing matches", "", ""),
])
def test_question_search_matches_independent_selection(client, login_as, questions, text, tag, department):
    login_as("mentor")
    url = f"/community/qa/?q={text.replace('%', '%25')}&tag={tag}&department={department}"
    found = _ids_from_pages(client, url, r'<h2 class="h5 mb-1"><a href="/community/qa/(\d+)"')
    assert found == _expected(questions, "en", text, tag, department)


@pytest.fixture
def practices(db, make_person):
    author = make_person(roles=["mentor"])
    rows = []
    for i in range(30):
        p = GoodPractice(author_id=author.id, title=f"P{i} {WORDS[i % 6]}", approach=f"step {WORDS[(i + 1) % 6]}",
                         department=DEPARTMENTS[i % 3], competences=["adaptability"] if i % 2 else [],
                         state=list(PracticeState)[i % 4])
        db.session.add(p)
        rows.append(p)
    db.session.commit()
    return rows


@pytest.mark.parametrize(("text", "competence", "department"), [
    ("", "", ""), ("feedback", "", ""), ("", "adaptability", ""), ("STEP", "", "job centre"), ("100%", "", ""),
])
def test_practice_search_matches_independent_selection(client, login_as, practices, text, competence, department):
    login_as("mentee")
    url = f"/community/practices/?q={text.replace('%', '%25')}&competence={competence}&department={department}"

    def keep(p):
        blob = " ".join([p.title, p.context, p.challenge, p.approach, p.tools_used, p.outcome, p.evidence,
                         p.transferability]).lower()
        return (p.state in (PracticeState.PUBLISHED, PracticeState.REUSED) and text.lower() in blob
                and (not competence or competence in p.competences)
                and (not department or p.department.lower() == department.lower()))

    found = _ids_from_pages(client, url, r'<h3 class="h5 mb-1"><a href="/community/practices/(\d+)"')
    assert found == sorted(p.id for p in practices if keep(p))


def test_empty_programme_invites_the_first_question_and_an_empty_search_says_why(client, login_as):
    login_as("mentee")
    page = client.get("/community/qa/").get_data(as_text=True)
    assert 'id="no-questions"' in page and "No question matches" not in page
    searched = client.get("/community/qa/?q=interpreter").get_data(as_text=True)
    assert "No question matches" in searched and 'id="no-questions"' not in searched

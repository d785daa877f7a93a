"""The SCORM runtime in headless Chromium against scorm-again as the LMS (SCORM 1.2 and 2004).

A learner pages through (the SCO document is never reloaded), fails the quiz, leaves, comes
back to the bookmarked quiz page with the answers kept, then passes. The test reads what the
LMS recorded straight from the scorm-again API's cmi data.
"""
import json
import re

import pytest

from .lms_harness import build_site, serve

pytestmark = pytest.mark.browser

WRONG = {"q1": [0], "q2": [0], "q3": [0], "q4": [0], "q5": [0, 1], "q6": [0], "q7": [0],
         "q8": [0]}
RIGHT = {**WRONG, "q2": [0, 1], "q3": [1], "q6": [1]}
MODELS = {
    "scorm12": {"pkg": "en-scorm12", "init": "LMSInitialize", "finish": "LMSFinish",
                "commit": "LMSCommit"},
    "scorm2004": {"pkg": "de-scorm2004", "init": "Initialize", "finish": "Terminate",
                  "commit": "Commit"},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, fixture_module):
    """Serve the harness with the fixture's en SCORM 1.2 and de SCORM 2004 packages."""
    root = tmp_path_factory.mktemp("lms-site")
    build_site(root, fixture_module, [("en", "scorm12"), ("de", "scorm2004")])
    with serve(root) as base:
        yield base


@pytest.fixture
def context(chromium):
    """Return a fresh browser context, closed after the test."""
    ctx = chromium.new_context(viewport={"width": 1100, "height": 900})
    yield ctx
    ctx.close()


def launch(context, site, standard, saved=None):
    """Open the LMS page with the package and wait until the SCO has initialised."""
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    if saved is not None:
        page.add_init_script(f"window.QSER_SAVED = {json.dumps(saved)};")
    model = MODELS[standard]
    page.goto(f"{site}/lms.html?standard={standard}&pkg={model['pkg']}&launch=index.html")
    page.wait_for_function(f"window.lmsCalls.indexOf('{model['init']}') >= 0")
    page.wait_for_function("window.frames[0].document.documentElement.classList.contains('js')")
    return page, errors


def sco(page):
    """Return the SCO's frame."""
    return page.frame_locator("#sco")


def visible_page(page) -> str:
    """Return the data-page of the one section that is shown."""
    return page.frames[1].evaluate(
        "Array.from(document.querySelectorAll('.qser-page'))"
        ".filter(s => !s.hidden).map(s => s.dataset.page).join(',')")


def answer(page, answers: dict) -> None:
    """Tick exactly the given option indexes per question and check the answers."""
    frame = sco(page)
    for qid, chosen in answers.items():
        options = frame.locator(f"#q-{qid} input")
        for index in range(options.count()):
            option = options.nth(index)
            if index in chosen:
                option.check()
            elif option.get_attribute("type") == "checkbox":
                option.uncheck()
    frame.locator("#quiz-form button[type=submit]").click()


def checked_answers(page) -> dict:
    """Return the ticked option indexes per question as shown in the SCO."""
    return page.frames[1].evaluate("""() => {
        const out = {};
        document.querySelectorAll('fieldset.question').forEach(fs => {
          const on = [...fs.querySelectorAll('input')].filter(i => i.checked).map(i => +i.value);
          if (on.length) out[fs.dataset.question] = on;
        });
        return out; }""")


def last_set(page, element: str) -> str:
    """Return the last value the SCO set for `element` (as the LMS received it)."""
    values = [value for name, value in page.evaluate("lmsSets") if name == element]
    assert values, f"{element} was never set"
    return values[-1]


def close(page, standard):
    """Unload the SCO as an LMS does and wait for LMSFinish/Terminate."""
    page.evaluate("closeSco()")
    page.wait_for_function(f"window.lmsCalls.indexOf('{MODELS[standard]['finish']}') >= 0")
    return page.evaluate("cmi()")


def page_through(page, standard) -> None:
    """Go to page 2 with Next and to the quiz with the contents, without reloading the SCO."""
    frame = page.frames[1]
    frame.evaluate("window.qserMarker = 42")
    sco(page).locator("section:not([hidden]) .pager-next").click()
    assert visible_page(page) == "02-" + ("what-is-culture" if standard == "scorm12"
                                          else "was-ist-kultur")
    sco(page).locator(".toc a[data-goto='quiz']").click()
    assert visible_page(page) == "quiz"
    assert frame.evaluate("window.qserMarker") == 42, "the SCO document was reloaded"


def test_scorm12_tracks_pages_score_status_and_resumes(context, site):
    page, errors = launch(context, site, "scorm12")
    core = page.evaluate("cmi()")["core"]
    assert (core["lesson_status"], core["lesson_location"]) == ("incomplete", "01-welcome")
    assert sco(page).locator("#qser-status").is_hidden()
    page_through(page, "scorm12")
    assert page.evaluate("cmi()")["core"]["lesson_location"] == "quiz"
    answer(page, WRONG)
    cmi = page.evaluate("cmi()")
    assert cmi["core"]["lesson_status"] == "failed" and cmi["core"]["exit"] == "suspend"
    assert cmi["core"]["score"] == {"raw": "63", "min": "0", "max": "100"}
    assert json.loads(cmi["suspend_data"])["a"] == WRONG and "LMSCommit" in page.evaluate(
        "lmsCalls")
    cmi = close(page, "scorm12")
    assert re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", last_set(page, "cmi.core.session_time"))
    assert errors == [] and page.evaluate("lmsErrors") == []
    saved = {"core": {"lesson_location": cmi["core"]["lesson_location"], "entry": "resume",
                      "lesson_status": cmi["core"]["lesson_status"],
                      "score": cmi["core"]["score"]},
             "suspend_data": cmi["suspend_data"], "student_data": {"mastery_score": "75"}}
    page.close()
    resume_and_pass(context, site, "scorm12", saved)


def test_scorm2004_tracks_completion_success_score_and_resumes(context, site):
    page, errors = launch(context, site, "scorm2004")
    cmi = page.evaluate("cmi()")
    assert (cmi["completion_status"], cmi["success_status"]) == ("incomplete", "unknown")
    assert cmi["location"] == "01-willkommen"
    page_through(page, "scorm2004")
    answer(page, WRONG)
    cmi = page.evaluate("cmi()")
    assert (cmi["completion_status"], cmi["success_status"], cmi["exit"]) == (
        "completed", "failed", "suspend")
    assert (cmi["score"]["raw"], cmi["score"]["scaled"]) == ("63", "0.63")
    assert (cmi["score"]["min"], cmi["score"]["max"]) == ("0", "100")
    cmi = close(page, "scorm2004")
    assert re.fullmatch(r"PT\d+H\d+M\d+\.\d{2}S", last_set(page, "cmi.session_time"))
    assert errors == [] and page.evaluate("lmsErrors") == []
    saved = {"location": cmi["location"], "suspend_data": cmi["suspend_data"],
             "entry": "resume", "completion_status": "completed", "success_status": "failed",
             "scaled_passing_score": "0.75"}
    page.close()
    resume_and_pass(context, site, "scorm2004", saved)


def resume_and_pass(context, site, standard, saved):
    """Relaunch with saved data: back on the quiz with answers kept; then pass."""
    page, errors = launch(context, site, standard, saved)
    assert visible_page(page) == "quiz"
    assert checked_answers(page) == WRONG
    assert "63" in sco(page).locator("#quiz-result").inner_text()
    answer(page, RIGHT)
    cmi = page.evaluate("cmi()")
    if standard == "scorm12":
        assert (cmi["core"]["lesson_status"], cmi["core"]["score"]["raw"]) == ("passed", "100")
        assert cmi["core"]["exit"] == ""
    else:
        assert (cmi["success_status"], cmi["score"]["scaled"], cmi["exit"]) == (
            "passed", "1", "normal")
        assert interaction_results(cmi) == ["correct"] * 8
    close(page, standard)
    assert errors == [] and page.evaluate("lmsErrors") == []


def interaction_results(cmi) -> list:
    """Return the `result` of each SCORM 2004 interaction in the cmi JSON."""
    interactions = cmi["interactions"]
    items = interactions.get("childArray", interactions) if isinstance(interactions, dict) \
        else interactions
    if isinstance(items, dict):
        items = [items[key] for key in sorted(items, key=int) if key.isdigit()]
    return [item["result"] for item in items]


def test_harness_reports_lms_errors(context, site):
    page, _ = launch(context, site, "scorm12")
    assert page.evaluate("lmsErrors") == []
    page.evaluate("lms.LMSSetValue('cmi.core.lesson_status', 'finished')")
    assert any("405" in message for message in page.evaluate("lmsErrors"))


ATTEMPTS_LEFT = {"scorm12": "Attempts left: {n}.", "scorm2004": "Verbleibende Versuche: {n}."}
PATTERN = {"scorm12": "cmi.interactions.{n}.correct_responses.0.pattern",
           "scorm2004": "cmi.interactions.{n}.correct_responses.0.pattern"}


def shown_feedback(page) -> list:
    """Return the ids of the option feedback paragraphs that are visible or marked right."""
    return page.frames[1].evaluate(
        "[...document.querySelectorAll('.feedback')]"
        ".filter(p => !p.hidden || p.textContent || p.classList.contains('is-right')).map(p => p.id)")


def patterns_sent(page) -> list:
    """Return the correct-response patterns the SCO sent to the LMS."""
    return [name for name, _ in page.evaluate("lmsSets") if name.endswith(".pattern")]


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_attempts_report_wrong_questions_but_not_the_key_until_the_last(context, site, standard):
    page, errors = launch(context, site, standard)
    sco(page).locator(".toc a[data-goto='quiz']").click()
    for attempt in (1, 2):
        answer(page, WRONG)
        result = sco(page).locator("#quiz-result").inner_text()
        assert "63" in result and ATTEMPTS_LEFT[standard].format(n=3 - attempt) in result
        assert sco(page).locator("#q-q2 .verdict.is-wrong").is_visible()
        assert sco(page).locator("#q-q1 .verdict.is-right").is_visible()
        assert shown_feedback(page) == [] and patterns_sent(page) == []
    answer(page, WRONG)
    assert sco(page).locator("#q-q2-0-feedback").is_visible()
    assert sco(page).locator("#q-q2-0-feedback.is-right").inner_text().strip() != ""
    assert sco(page).locator("#q-q3-0-feedback.is-wrong").is_visible()
    assert sco(page).locator("#q-q1-0").is_disabled()
    assert sco(page).locator("#quiz-form button[type=submit]").is_disabled()
    assert len(patterns_sent(page)) == 8
    data = json.loads(page.evaluate("cmi()")["suspend_data"])
    assert data["n"] == 3 and data["c"] == 1
    assert errors == [] and page.evaluate("lmsErrors") == []


def test_passing_shows_option_feedback_at_once(context, site):
    page, errors = launch(context, site, "scorm12")
    sco(page).locator(".toc a[data-goto='quiz']").click()
    answer(page, RIGHT)
    assert page.evaluate("cmi()")["core"]["lesson_status"] == "passed"
    assert sco(page).locator("#q-q3-1-feedback.is-right").is_visible()
    assert sco(page).locator("#q-q3-1").is_disabled()
    assert errors == []


def test_page_holds_no_plain_answer_key(context, site, fixture_module):
    page, _ = launch(context, site, "scorm12")
    frame = page.frames[1]
    html = frame.content()
    assert frame.evaluate("document.querySelectorAll('[data-correct]').length") == 0
    assert shown_feedback(page) == []
    for question in fixture_module.translation("en").quiz.questions:
        for option in question.options:
            assert len(option.feedback) <= 20 or option.feedback not in html


@pytest.mark.parametrize("text", ["", "abc", "Grüße „Mentee“ 🙂", "x" * 55, "y" * 56, "z" * 200])
def test_runtime_sha256_matches_python(context, site, text):
    import hashlib

    page, _ = launch(context, site, "scorm12")
    got = page.frames[1].evaluate("t => QSERKey.sha256hex(t)", text)
    assert got == hashlib.sha256(text.encode("utf-8")).hexdigest()

"""Activities found, not hand-mapped: found, missing and ambiguous OER packages."""
from sync.discovery import package_of
from tests.sync.helpers import COURSE

URL = "https://bridge.example.org/oer/{module}/{lang}/scorm12.zip"


def add_package(state, cmid, module, lang="en", by_url=True):
    """Add a SCORM activity holding one of our packages (by URL or as an uploaded file)."""
    reference = URL.format(module=module, lang=lang) if by_url else f"{module}-{lang}-scorm12.zip"
    state.add_module(cmid=cmid, courseid=COURSE, modname="scorm", instance=cmid, name=module,
                     grademax=100, scormtype="localsync" if by_url else "local",
                     reference=reference)


def test_package_of_reads_urls_and_file_names():
    """The bridge's package URL and its download file name both name the module."""
    assert package_of({"reference": URL.format(module="diversity", lang="de")}) == (
        "diversity", "de")
    assert package_of({"reference": "x.zip", "packageurl": "https://m/pluginfile.php/1/mod_scorm/"
                       "package/0/multiculturalism-en-scorm2004.zip"}) == ("multiculturalism", "en")
    assert package_of({"reference": "https://elsewhere.org/course.zip"}) is None


def test_activities_are_found_and_read(sync_run, make_person, oer, db):
    """Without QSER_MOODLE_ACTIVITIES the sync reads the activities it found."""
    for n, module in enumerate(("multiculturalism", "diversity", "intercultural-communication")):
        add_package(oer.state, 21 + n, module, by_url=n != 1)
    person = make_person(roles=["mentee"], password=None)
    sync_run("users")
    oer.state.set_completion(22, person.moodle_user_id, 1)
    run = sync_run("completions", full=True, settings={"activities": {}})
    assert run.status == "succeeded"
    assert {a["module"]: (a["cmid"], a["status"]) for a in run.activities} == {
        "multiculturalism": (21, "found"), "diversity": (22, "found"),
        "intercultural-communication": (23, "found")}
    assert run.counts["completions_changed"] == 3


def test_missing_and_ambiguous_modules_are_reported(sync_run, oer):
    """A module in two activities and one in none are errors that say what to set."""
    add_package(oer.state, 21, "multiculturalism")
    add_package(oer.state, 22, "diversity", "en")
    add_package(oer.state, 23, "diversity", "de")
    run = sync_run("completions", full=True, settings={"activities": {}})
    assert run.status == "partial"
    messages = " ".join(e["message"] for e in run.errors)
    assert "no SCORM activity of module 'intercultural-communication'" in messages
    assert "module 'diversity' is in 2 activities (cmid 22 (en" in messages
    assert "QSER_MOODLE_ACTIVITIES=diversity=<cmid>" in messages
    statuses = {(a["module"], a["status"]) for a in run.activities}
    assert statuses == {("multiculturalism", "found"), ("diversity", "ambiguous"),
                        ("intercultural-communication", "missing")}


def test_configured_activities_win(sync_run, oer):
    """A configured module is not looked up; the others still are."""
    add_package(oer.state, 22, "diversity", "en")
    add_package(oer.state, 23, "diversity", "de")
    add_package(oer.state, 24, "intercultural-communication")
    run = sync_run("completions", full=True, settings={"activities": {"multiculturalism": 11,
                                                                      "diversity": 12}})
    assert run.status == "succeeded"
    assert {(a["module"], a["cmid"], a["status"]) for a in run.activities} == {
        ("multiculturalism", 11, "configured"), ("diversity", 12, "configured"),
        ("intercultural-communication", 24, "found")}


def test_sync_page_shows_what_was_found(client, login_as, sync_run, oer):
    """The coordinator's sync page lists the activities of the last run."""
    add_package(oer.state, 21, "multiculturalism")
    sync_run("completions", full=True, settings={"activities": {}})
    login_as("coordinator")
    page = client.get("/admin/sync").get_data(as_text=True)
    assert "OER activities in Moodle" in page and "cmid 21" in page and "missing" in page

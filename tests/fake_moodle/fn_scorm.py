"""Fake mod_scorm_get_scorms_by_courses with Moodle 4.5's fields (more with manageactivities)."""
from tests.fake_moodle.schema import Opt

SCORMS = {"courseids": Opt(["int"], [])}
# Fields Moodle adds when the web-service user has moodle/course:manageactivities.
MANAGER_FIELDS = {"updatefreq": 0, "options": "", "completionstatusrequired": 4,
                  "completionscorerequired": None, "completionstatusallscos": 0,
                  "autocommit": False, "timemodified": 0}


def _scorm(state, module):
    """Return one scorms[] entry for a SCORM course module."""
    localsync = module.scormtype == "localsync"
    entry = {"id": module.instance, "coursemodule": module.cmid, "course": module.courseid,
             "name": module.name, "intro": "", "introformat": 1, "introfiles": []}
    if state.ws_manages_activities:
        entry.update({"section": 1, "visible": True, "groupmode": 0, "groupingid": 0})
    entry.update({"lang": "", "packagesize": 0 if localsync else 1200})
    if not localsync:
        entry["packageurl"] = (f"{state.siteurl}/webservice/pluginfile.php/{module.cmid}/"
                               f"mod_scorm/package/0/{module.reference}")
    entry.update({
        "version": "SCORM_1.2", "maxgrade": module.grademax or 100, "grademethod": 1,
        "whatgrade": 0, "maxattempt": 0, "forcecompleted": False, "forcenewattempt": 0,
        "lastattemptlock": False, "displayattemptstatus": 1, "displaycoursestructure": False,
        "sha1hash": f"{module.cmid:040x}", "md5hash": "", "revision": 1, "launch": module.cmid,
        "skipview": 0, "hidebrowse": False, "hidetoc": 0, "nav": 1, "navpositionleft": -100,
        "navpositiontop": -100, "auto": False, "popup": 0, "width": 100, "height": 500,
        "timeopen": 0, "timeclose": 0, "scormtype": module.scormtype,
        "reference": module.reference, "protectpackagedownloads": False})
    if state.ws_manages_activities:
        entry.update({**MANAGER_FIELDS, "updatefreq": 3 if localsync else 0})
    return entry


def scorms_by_courses(state, params):
    """Return the SCORM activities of the given courses (unknown courses are skipped)."""
    courseids = params["courseids"] or sorted(state.courses)
    modules = [m for cid in courseids for m in state.course_modules(cid) if m.modname == "scorm"]
    return {"scorms": [_scorm(state, m) for m in modules],
            "options": [{"name": "scormstandard", "value": "0"}], "warnings": []}


FUNCTIONS = {"mod_scorm_get_scorms_by_courses": (SCORMS, scorms_by_courses)}

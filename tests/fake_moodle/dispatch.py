"""Route a web-service call to the fake function: token, service and parameter checks first."""
import json
import threading

from tests.fake_moodle import fn_courses, fn_forums, fn_progress, fn_quiz, fn_roster, fn_scorm, fn_users
from tests.fake_moodle.errors import (FakeMoodleError, access_exception, invalid_parameter,
                                      invalid_token, missing_record)
from tests.fake_moodle.schema import Opt, validate

BATCH = "tool_mobile_call_external_functions"
MOBILE = {"requests": [{"function": "str", "arguments": Opt("str", "{}"), "settingraw": Opt("bool"),
                        "settingfilter": Opt("bool"), "settingfileurl": Opt("bool"),
                        "settinglang": Opt("str")}]}
# Real functions the fake does not implement: calling them gives accessexception, not invalidrecord.
# The cost meter of the request being served (set by the server when it models costs).
METER = threading.local()
ELSEWHERE = {"core_course_update_courses", "core_course_delete_courses", "core_user_delete_users",
             "core_course_create_courses", "core_cohort_create_cohorts"}


def site_info(state, params):
    """Return core_webservice_get_site_info for the web-service user and its service."""
    return {
        "sitename": "Fake Moodle", "username": "qser_ws", "firstname": "QSER",
        "lastname": "Integration",
        "fullname": "QSER Integration", "lang": "en", "userid": state.ws_userid,
        "siteurl": state.siteurl, "userpictureurl": f"{state.siteurl}/u/f1",
        "functions": [{"name": n, "version": "2024100705.01"} for n in sorted(state.service)],
        "downloadfiles": 1, "uploadfiles": 0, "release": "4.5.5+ (Build: 20250613)",
        "version": "2024100705.01", "mobilecssurl": "",
        "advancedfeatures": [{"name": "enablecompletion", "value": 1}],
        "usercanmanageownfiles": True, "userquota": 104857600, "usermaxuploadfilesize": 67108864,
        "userhomepage": 1, "userprivateaccesskey": "fakeprivatekey", "siteid": 1,
        "sitecalendartype": "gregorian", "usercalendartype": "gregorian", "userissiteadmin": False,
        "theme": "boost", "limitconcurrentlogins": 0, "policyagreed": 0}


def call_external_functions(state, params):
    """Run inner calls in order; the first failing one is the last answer (no rollback)."""
    responses = []
    for request in params["requests"]:
        try:
            args = json.loads(request["arguments"])
        except ValueError:
            args = {}
        try:
            if request["function"] not in state.service:
                raise access_exception(request["function"])
            result = run(state, request["function"], args if isinstance(args, dict) else {})
        except FakeMoodleError as exc:
            responses.append({"error": True, "exception": exc.inner_json(state.siteurl)})
            break
        responses.append({"error": False, "data": None if result is None else json.dumps(result)})
    return {"responses": responses}


FUNCTIONS = {
    "core_webservice_get_site_info": ({}, site_info),
    BATCH: (MOBILE, call_external_functions),
    **fn_users.FUNCTIONS, **fn_courses.FUNCTIONS, **fn_roster.FUNCTIONS, **fn_progress.FUNCTIONS,
    **fn_scorm.FUNCTIONS, **fn_forums.FUNCTIONS, **fn_quiz.FUNCTIONS,
}


def run(state, wsfunction, params):
    """Check the service allows wsfunction, validate params and run it."""
    if wsfunction not in FUNCTIONS and wsfunction not in ELSEWHERE:
        raise missing_record("external_functions",
                             "SELECT * FROM {external_functions} WHERE name = ?")
    if wsfunction not in state.service:
        raise access_exception(wsfunction)
    spec, function = FUNCTIONS[wsfunction]
    result = function(state, validate(spec, params))
    model = getattr(METER, "model", None)
    if model is not None:
        METER.seconds += model.call_cost(wsfunction, params, result)
    return result


def handle(state, form):
    """Answer one REST request body (already unflattened) as Moodle would."""
    if form.pop("wstoken", "") != state.token or not state.token:
        raise invalid_token()
    form.pop("moodlewsrestformat", None)
    wsfunction = form.pop("wsfunction", None)
    if not wsfunction:
        raise invalid_parameter("wsfunction => Missing required parameter")
    with state.lock:
        return run(state, wsfunction, form)

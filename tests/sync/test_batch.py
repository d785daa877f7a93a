"""Many per-user calls: batched through tool_mobile, resumed after inner errors, or concurrent."""
import pytest

from sync.batch import run_calls
from sync.exceptions import MoodleAuthError
from tests.fake_moodle.seed import seed_lab


def completion_calls(moodle, userids):
    """Return one completion Call per user of the lab course."""
    return [moodle.completion.activities_call(2, uid) for uid in userids]


def test_batched_and_concurrent_runs_give_the_same_results(moodle, fake_moodle):
    """Both strategies return one parsed result per call, in order."""
    seed_lab(fake_moodle.state)
    calls = completion_calls(moodle, [4, 5, 9, 7])
    batched = run_calls(moodle, calls, batching=True)
    single = run_calls(moodle, calls, batching=False)
    assert [r.value for r in batched] == [r.value for r in single]
    assert batched[0].value[1].state == 1 and batched[1].value[1].state == 0


def test_batches_carry_many_calls_per_request(moodle, fake_moodle):
    """Seven calls with batch_size 3 take three HTTP requests; one per call without batching."""
    seed_lab(fake_moodle.state)
    calls = completion_calls(moodle, [4, 5, 9, 7, 8, 10, 4])
    run_calls(moodle, calls, batching=True)
    assert fake_moodle.requests == 3
    fake_moodle.reset_counters()
    run_calls(moodle, calls, batching=False)
    assert fake_moodle.requests == 7


def test_an_inner_error_is_isolated_and_the_rest_resumed(moodle, fake_moodle):
    """The failing call gets its error; the calls after it run in a new batch request."""
    seed_lab(fake_moodle.state)
    results = run_calls(moodle, completion_calls(moodle, [4, 999999, 9]), batching=True)
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error.errorcode == "invaliduser"
    assert fake_moodle.requests == 2


def test_inner_function_outside_the_service_stops_the_run(moodle, fake_moodle):
    """An inner accessexception is a configuration problem: MoodleAuthError, not a record error."""
    seed_lab(fake_moodle.state)
    fake_moodle.state.service.discard("gradereport_user_get_grade_items")
    with pytest.raises(MoodleAuthError):
        run_calls(moodle, [moodle.grades.user_call(2, 4)], batching=True)


def test_null_inner_results_are_decoded(moodle, fake_moodle):
    """An inner call returning null (enrol) gives value None, not an error."""
    from sync.batch import Call
    seed_lab(fake_moodle.state)
    enrolments = [{"roleid": 5, "userid": 4, "courseid": 2}]
    call = Call("enrol_manual_enrol_users", {"enrolments": enrolments})
    assert run_calls(moodle, [call], batching=True)[0].ok

"""Fault rules: throttling, 5xx, latency, answers dropped after commit, stuck transitions."""

import threading
import time

import pytest
from alibabacloud_cbn20170912 import models as cbn_models
from alibabacloud_tea_openapi.exceptions import ServerException, ThrottlingException
from darabonba.exceptions import UnretryableException

from conftest import UID1


def create_cen(core, name="n", token=None):
    cbn = core.client("cbn", UID1)
    return cbn.create_cen(cbn_models.CreateCenRequest(name=name, client_token=token)).body.cen_id


def whoami(core):
    return core.client("sts", UID1).get_caller_identity().body.account_id


def set_faults(core, rules):
    status, body = core.admin("POST", "/_emulator/faults", rules)
    assert status == 200, body
    return body


def test_throttle_is_a_throttling_exception_with_retry_after(core):
    set_faults(core, [{"fault": "throttle", "product": "sts", "count": 2, "retry_after_ms": 1500}])
    for _ in range(2):
        with pytest.raises(ThrottlingException) as info:
            whoami(core)
        assert info.value.code == "Throttling.User"
        assert info.value.status_code == 400
        assert info.value.retry_after == 1500
    assert whoami(core) == UID1


def test_internal_error_is_a_500(core):
    set_faults(core, [{"fault": "internal_error", "action": "GetCaller*", "count": 1}])
    with pytest.raises(ServerException) as info:
        whoami(core)
    assert (info.value.code, info.value.status_code) == ("InternalError", 500)
    assert whoami(core) == UID1


def test_unavailable_is_a_503(core):
    set_faults(core, [{"fault": "unavailable", "count": 1}])
    with pytest.raises(ServerException) as info:
        whoami(core)
    assert (info.value.code, info.value.status_code) == ("ServiceUnavailable", 503)


def test_rules_match_product_and_action_globs(core):
    set_faults(core, [{"fault": "internal_error", "product": "cbn", "action": "Create*"}])
    assert whoami(core) == UID1
    with pytest.raises(ServerException):
        create_cen(core)
    assert core.world.records("cen") == []


def test_a_failing_fault_runs_no_handler(core):
    set_faults(core, [{"fault": "throttle"}])
    with pytest.raises(ThrottlingException):
        create_cen(core)
    assert core.seen == []
    assert core.calls()[-1]["outcome"] == "Throttling.User"


def outcomes(core, calls):
    got = []
    for _ in range(calls):
        try:
            whoami(core)
            got.append("ok")
        except ServerException:
            got.append("err")
    return got


def test_rate_rules_are_reproducible_with_the_same_seed(core, emulator_factory):
    other = emulator_factory(seed={"accounts": [{"uid": UID1, "access_keys": [{"id": "AK1", "secret": "SK1"}]}]},
                             handlers=dict((k, v) for k, v in core.emu.handlers.items() if k[0] == "sts"))
    doc = {"seed": 7, "rules": [{"fault": "internal_error", "rate": 0.5}]}
    set_faults(core, doc)
    set_faults(other, doc)
    first = outcomes(core, 16)
    assert "ok" in first and "err" in first
    assert outcomes(other, 16) == first


def test_latency_delays_the_call_without_holding_the_world(core):
    set_faults(core, [{"fault": "latency", "product": "cbn", "seconds": 1.0}])
    done = {}

    def slow():
        start = time.monotonic()
        done["id"] = create_cen(core)
        done["took"] = time.monotonic() - start

    thread = threading.Thread(target=slow)
    thread.start()
    while core.emu.faults.describe()[0]["fired"] == 0:  # the slow call is now sleeping
        time.sleep(0.01)
    assert whoami(core) == UID1
    assert core.seen == []  # the other call was served while the slow one had not reached its handler
    thread.join()
    assert done["took"] >= 1.0
    assert [name for name, _p in core.seen] == ["CreateCen"]


def test_drop_after_commit_keeps_the_write_and_a_retry_with_the_token_gets_the_same_id(core):
    set_faults(core, [{"fault": "drop_after_commit", "action": "CreateCen", "count": 1}])
    with pytest.raises(UnretryableException):
        create_cen(core, token="tok-9")
    (cen,) = core.world.records("cen")
    assert create_cen(core, token="tok-9") == cen["CenId"]
    assert len(core.world.records("cen")) == 1
    dropped = [c for c in core.calls(writes=True) if c.get("dropped")]
    assert len(dropped) == 1


def test_once_drops_the_first_answer_of_every_request_and_lets_its_retry_through(core):
    set_faults(core, [{"fault": "drop_after_commit", "action": "CreateCen", "once": True}])
    ids = []
    for token in ("tok-a", "tok-b"):
        with pytest.raises(UnretryableException):
            create_cen(core, token=token)
        ids.append(create_cen(core, token=token))
    assert sorted(ids) == sorted(c["CenId"] for c in core.world.records("cen"))
    assert [c.get("dropped", False) for c in core.calls(writes=True)] == [True, False, True, False]
    assert core.admin("GET", "/_emulator/faults")[1]["rules"][0]["fired"] == 2


def test_once_throttles_each_distinct_request_once(core):
    set_faults(core, [{"fault": "throttle", "product": "cbn", "once": True, "retry_after_ms": 10}])
    cbn = core.client("cbn", UID1)
    for name in ("a", "b"):
        request = cbn_models.DescribeCensRequest(filter=[cbn_models.DescribeCensRequestFilter(key="Name", value=[name])])
        with pytest.raises(ThrottlingException):
            cbn.describe_cens(request)
        cbn.describe_cens(request)
    assert [c["outcome"] for c in core.calls()] == ["Throttling.User", "ok", "Throttling.User", "ok"]


def test_drop_after_commit_ignores_reads(core):
    set_faults(core, [{"fault": "drop_after_commit"}])
    assert whoami(core) == UID1
    core.client("cbn", UID1).describe_cens(cbn_models.DescribeCensRequest())


def test_stuck_keeps_transitions_pending_until_the_rule_goes(core):
    set_faults(core, [{"fault": "stuck", "resource": "cen"}])
    cen_id = create_cen(core)
    assert core.world.get("cen", cen_id)["Status"] == "Creating"
    assert core.admin("GET", "/_emulator/state")[1]["frozen"] == ["cen"]
    set_faults(core, [])
    assert core.world.get("cen", cen_id)["Status"] == "Active"


def test_faults_can_be_read_back_with_their_fired_counts(core):
    set_faults(core, [{"fault": "throttle", "count": 1}])
    with pytest.raises(ThrottlingException):
        whoami(core)
    status, body = core.admin("GET", "/_emulator/faults")
    assert status == 200
    assert body["rules"] == [{"fault": "throttle", "count": 1, "fired": 1}]


def test_empty_list_clears_the_rules(core):
    set_faults(core, [{"fault": "throttle"}])
    set_faults(core, [])
    assert whoami(core) == UID1


@pytest.mark.parametrize("rules", [
    [{"fault": "explode"}],
    [{"fault": "throttle", "rate": 2}],
    [{"fault": "throttle", "rate": 0.5, "count": 1}],
    [{"fault": "latency"}],
    [{"fault": "stuck"}],
    [{"fault": "throttle", "colour": "red"}],
    [{"fault": "throttle", "once": "yes"}],
    [{"fault": "latency", "seconds": 1, "once": True}],
    {"rules": "nope"},
])
def test_invalid_rules_are_refused_and_change_nothing(core, rules):
    set_faults(core, [{"fault": "throttle", "count": 0}])
    status, body = core.admin("POST", "/_emulator/faults", rules)
    assert status == 400 and body["Code"] == "InvalidParameter"
    assert core.admin("GET", "/_emulator/faults")[1]["rules"] == [{"fault": "throttle", "count": 0, "fired": 0}]


def test_faults_given_at_start_are_in_force(emulator_factory):
    run = emulator_factory(seed={"accounts": [{"uid": UID1, "access_keys": [{"id": "AK1", "secret": "SK1"}]}]},
                           faults_doc=[{"fault": "unavailable", "count": 1}])
    with pytest.raises(ServerException):
        run.client("sts", UID1).get_caller_identity()
    assert run.client("sts", UID1).get_caller_identity().body.account_id == UID1

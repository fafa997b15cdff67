"""The admin API: state, call log, reset, and who may use it."""

import json

from alibabacloud_cbn20170912 import models as cbn_models
from alibabacloud_sts20150401 import models as sts_models

from alicloud_emulator import server
from alicloud_emulator.server import _is_loopback
from conftest import ACCOUNTS_SEED, SEED, UID1, UID2, core_handlers


def create_cen(run, who=UID1, name="n"):
    return run.client("cbn", who).create_cen(cbn_models.CreateCenRequest(name=name)).body.cen_id


def test_state_lists_tables_with_owner_region_and_pending_transitions(emulator_factory):
    handlers, _seen = core_handlers()
    run = emulator_factory(seed=ACCOUNTS_SEED, handlers=handlers, transition_seconds=600)
    cen_id = create_cen(run)
    status, state = run.admin("GET", "/_emulator/state")
    assert status == 200
    record = state["tables"]["cen"][cen_id]
    assert record["Status"] == "Creating" and record["_account"] == UID1
    (pending,) = state["pending"]
    assert (pending["kind"], pending["id"], pending["set"]) == ("cen", cen_id, {"Status": "Active"})
    assert pending["due"].endswith("Z")


def test_state_shows_accounts_and_key_ids_but_no_secrets(core):
    creds = core.client("sts", UID2).assume_role(sts_models.AssumeRoleRequest(
        role_arn="acs:ram::%s:role/ops" % UID1, role_session_name="s1")).body.credentials
    status, state = core.admin("GET", "/_emulator/state")
    assert status == 200
    assert state["accounts"][UID1]["roles"] == {"ops": {"trusted": [UID2]}}
    assert sorted(state["accounts"][UID1]["access_key_ids"]) == sorted(["AK1", creds.access_key_id])
    text = json.dumps(state)
    for secret in ("SK1", "SK2", creds.access_key_secret, creds.security_token):
        assert secret not in text


def test_seeded_networks_are_in_the_state(emulator):
    state = emulator.admin("GET", "/_emulator/state")[1]
    for vpc in SEED["vpcs"]:
        assert state["tables"]["vpc"][vpc["id"]]["_account"] == vpc["account"]
        assert state["tables"]["vpc"][vpc["id"]]["_region"] == vpc["region"]
    assert "vbr-a1" in state["tables"]["vbr"]


def test_call_log_records_account_product_action_outcome_and_write_flag(core):
    core.client("sts", UID2).get_caller_identity()
    create_cen(core)
    calls = core.calls()
    assert [(c["account"], c["product"], c["action"], c["outcome"], c["write"]) for c in calls] == [
        (UID2, "sts", "GetCallerIdentity", "ok", False),
        (UID1, "cbn", "CreateCen", "ok", True),
    ]
    assert all(c["time"].endswith("Z") and c["request_id"] for c in calls)
    assert [c["seq"] for c in calls] == [1, 2]


def test_call_log_filters_writes_and_sequence(core):
    core.client("sts", UID1).get_caller_identity()
    create_cen(core)
    core.client("sts", UID1).get_caller_identity()
    create_cen(core)
    assert [c["action"] for c in core.calls(writes=True)] == ["CreateCen", "CreateCen"]
    status, body = core.admin("GET", "/_emulator/calls?since=2")
    assert status == 200 and [c["seq"] for c in body["calls"]] == [3, 4]


def test_reset_goes_back_to_the_seed(core):
    create_cen(core)
    core.client("sts", UID2).assume_role(sts_models.AssumeRoleRequest(
        role_arn="acs:ram::%s:role/ops" % UID1, role_session_name="s1"))
    status, _body = core.admin("POST", "/_emulator/reset")
    assert status == 200
    state = core.admin("GET", "/_emulator/state")[1]
    assert state["tables"] == {}
    assert sorted(state["accounts"][UID1]["access_key_ids"]) == ["AK1"]
    assert core.calls() == []
    assert core.client("sts", UID1).get_caller_identity().body.account_id == UID1


def test_reset_restores_seeded_networks(emulator):
    with emulator.world.lock:
        emulator.world.delete("vpc", "vpc-a1")
    emulator.admin("POST", "/_emulator/reset")
    assert "vpc-a1" in emulator.admin("GET", "/_emulator/state")[1]["tables"]["vpc"]


def test_reset_keeps_the_fault_rules(core):
    core.admin("POST", "/_emulator/faults", [{"fault": "stuck", "resource": "cen"}])
    core.admin("POST", "/_emulator/reset")
    assert core.admin("GET", "/_emulator/state")[1]["frozen"] == ["cen"]


def test_unknown_admin_endpoint_is_404(core):
    status, body = core.admin("GET", "/_emulator/nothing")
    assert status == 404 and body["Code"] == "NotFound"


def test_bad_since_is_refused(core):
    assert core.admin("GET", "/_emulator/calls?since=x")[0] == 400


def test_admin_api_is_loopback_only():
    assert _is_loopback("127.0.0.1") and _is_loopback("127.3.2.1") and _is_loopback("::1")
    assert _is_loopback("::ffff:127.0.0.1")
    assert not _is_loopback("10.0.0.5") and not _is_loopback("192.168.1.1") and not _is_loopback("::ffff:10.0.0.5")


def test_admin_api_refuses_other_clients_but_the_api_still_answers(core, monkeypatch):
    monkeypatch.setattr(server, "_is_loopback", lambda address: False)
    status, body = core.admin("GET", "/_emulator/state")
    assert status == 403 and body["Code"] == "Forbidden"
    assert core.client("sts", UID1).get_caller_identity().body.account_id == UID1

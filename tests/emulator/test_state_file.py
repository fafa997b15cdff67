"""--state-file persistence, and the command line that runs the emulator as a process."""

import json
import os
import signal
import subprocess
import sys

import pytest
import yaml
from alibabacloud_cbn20170912 import models as cbn_models
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_tea_openapi.exceptions import ServerException

from conftest import ACCOUNTS_SEED, UID1, UID2, core_handlers, make_client

CLI = [sys.executable, "-m", "alicloud_emulator"]


def start_core(emulator_factory, state_file, transition_seconds=0):
    handlers, _seen = core_handlers()
    return emulator_factory(seed=ACCOUNTS_SEED, handlers=handlers, state_file=str(state_file),
                            transition_seconds=transition_seconds)


def create_cen(run, name="n", token=None):
    return run.client("cbn", UID1).create_cen(cbn_models.CreateCenRequest(name=name, client_token=token)).body.cen_id


def assume(client):
    return client.assume_role(sts_models.AssumeRoleRequest(
        role_arn="acs:ram::%s:role/ops" % UID1, role_session_name="s1")).body.credentials


def test_every_write_is_saved_to_the_state_file(emulator_factory, tmp_path):
    state_file = tmp_path / "state.json"
    run = start_core(emulator_factory, state_file)
    cen_id = create_cen(run)
    saved = json.loads(state_file.read_text())
    assert saved["tables"]["cen"][cen_id]["Name"] == "n"
    assert [name for name in os.listdir(tmp_path)] == ["state.json"]  # no temporary files left behind


def test_a_restart_loses_nothing(emulator_factory, tmp_path):
    state_file = tmp_path / "state.json"
    first = start_core(emulator_factory, state_file, transition_seconds=600)
    cen_id = create_cen(first, token="tok-1")
    creds = assume(first.client("sts", UID2))
    first.stop()

    second = start_core(emulator_factory, state_file, transition_seconds=600)
    assert second.world.get("cen", cen_id)["Status"] == "Creating"
    assert second.world.is_pending("cen", cen_id)
    assert create_cen(second, token="tok-1") == cen_id  # the ClientToken is remembered too
    assert len(second.world.records("cen")) == 1
    sts = second.client("sts", (creds.access_key_id, creds.access_key_secret, creds.security_token))
    assert sts.get_caller_identity().body.identity_type == "AssumedRoleUser"
    assert create_cen(second) != cen_id  # new ids do not collide with old ones


def test_the_state_file_wins_over_the_seed_and_reset_goes_back_to_the_seed(emulator_factory, tmp_path):
    state_file = tmp_path / "state.json"
    first = start_core(emulator_factory, state_file)
    create_cen(first)
    first.stop()
    second = start_core(emulator_factory, state_file)
    assert len(second.world.records("cen")) == 1
    second.admin("POST", "/_emulator/reset")
    assert json.loads(state_file.read_text())["tables"] == {}


def test_an_unreadable_state_file_version_is_refused(emulator_factory, tmp_path):
    state_file = tmp_path / "state.json"
    state_file.write_text(json.dumps({"version": 99}))
    with pytest.raises(ValueError):
        start_core(emulator_factory, state_file)


# ------------------------------------------------------------------ the CLI
class Process(object):
    def __init__(self, tmp_path, *extra, seed=None):
        seed_file = tmp_path / "world.yml"
        seed_file.write_text(yaml.safe_dump(seed or ACCOUNTS_SEED))
        env = dict(os.environ)
        for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            env.pop(name, None)
        self.proc = subprocess.Popen(CLI + ["serve", "--port", "0", "--seed", str(seed_file)] + list(extra),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.line = self.proc.stdout.readline().strip()
        assert self.line.startswith("listening on http://127.0.0.1:"), self.proc.stderr.read()
        self.endpoint = self.line[len("listening on http://"):]

    def client(self, product, who):
        return make_client(self.endpoint, product, who)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=30)


def test_cli_serves_until_sigterm_and_a_restart_keeps_the_state(tmp_path):
    state_file = tmp_path / "state.json"
    first = Process(tmp_path, "--state-file", str(state_file))
    try:
        creds = assume(first.client("sts", UID2))
    finally:
        assert first.stop() == 0
    second = Process(tmp_path, "--state-file", str(state_file))
    try:
        sts = second.client("sts", (creds.access_key_id, creds.access_key_secret, creds.security_token))
        assert sts.get_caller_identity().body.account_id == UID1
    finally:
        assert second.stop() == 0


def test_cli_loads_fault_rules_from_a_file(tmp_path):
    faults = tmp_path / "faults.yml"
    faults.write_text(yaml.safe_dump({"seed": 1, "rules": [{"fault": "unavailable", "product": "sts", "count": 1}]}))
    proc = Process(tmp_path, "--faults", str(faults), "--transition-seconds", "0")
    try:
        with pytest.raises(ServerException):
            proc.client("sts", UID1).get_caller_identity()
        assert proc.client("sts", UID1).get_caller_identity().body.account_id == UID1
    finally:
        assert proc.stop() == 0


@pytest.mark.parametrize("seed,message", [
    ({"accounts": [{"uid": "abc"}]}, "uid must be digits"),
    ({"accounts": [{"uid": UID1}], "vpcs": [{"id": "vpc-x", "account": UID1, "region": "mars-1", "cidr": "10.0.0.0/16"}]}, "unknown region"),
    ({"accounts": [{"uid": UID1}], "vpcs": [{"id": "vpc-x", "account": UID2, "region": "cn-hangzhou", "cidr": "10.0.0.0/16"}]},
     "not in accounts"),
    ({"planets": []}, "unknown seed keys"),
    ({"accounts": [{"uid": UID1}], "vpcs": [{"id": "vpc-x", "account": UID1, "region": "cn-hangzhou"}]},
     "cidr is required"),
    ({"accounts": [{"uid": UID1}], "vbrs": [{"id": "vbr-x", "account": UID1, "region": "cn-hangzhou", "vlan": 3}]},
     "unknown keys vlan"),
    ({"accounts": [{"uid": UID1}, {"uid": UID1}]}, "given twice"),
])
def test_cli_refuses_a_bad_seed_with_a_message(tmp_path, seed, message):
    seed_file = tmp_path / "bad.yml"
    seed_file.write_text(yaml.safe_dump(seed))
    done = subprocess.run(CLI + ["serve", "--port", "0", "--seed", str(seed_file)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode != 0
    assert message in done.stderr
    assert "listening" not in done.stdout


def test_cli_help_documents_every_option():
    done = subprocess.run(CLI + ["serve", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    for option in ("--host", "--port", "--seed", "--state-file", "--transition-seconds", "--faults"):
        assert option in done.stdout

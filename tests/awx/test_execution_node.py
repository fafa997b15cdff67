# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An inventory sync and a job run the way an AWX control node hands them to a remote
execution node (``ansible-runner transmit``, ``worker`` in the execution environment,
``process``; fixture ``run_on_node``), with the credential type's injectors.

The inventory source is the plugin alicloud.interconnect.vpcs (tests/awx/job/project/
vpcs.alicloud.yml: two member accounts, each through its role). AWX runs
``ansible-inventory --list --export`` for the sync and keeps the result; a job then gets
that inventory as a script printing it. The job reads every VPC in its own account.
Every event comes back, in order, and no event, output or artifact holds a secret."""

import json
import os
import sys

from test_runner import CENTRAL, CENTRAL_SECRET, NETWORK_A, NETWORK_B, central_credential

# The emulator's VPCs of the member accounts (tests/awx/seed.yml), by host name.
VPCS = {"neta": ("vpc-neta", NETWORK_A, "cn-hangzhou", "10.31.0.0/16"),
        "netb": ("vpc-netb", NETWORK_B, "cn-shanghai", "10.32.0.0/16")}
# The file ansible-inventory writes on the execution node; it comes back with the artifacts.
OUTPUT = "inventory.json"


def artifact_files(job):
    """path -> text of every file the job's artifacts hold on the control side."""
    found = {}
    for directory, _subdirectories, names in os.walk(str(job.data_dir / "artifacts")):
        for name in names:
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8", errors="replace") as handle:
                found[path] = handle.read()
    return found


def assert_whole_and_secret_free(job, *secrets):
    """Events numbered 1..N with nothing missing; no secret in an event, the output or an artifact.

    The one exception is ansible-runner's ``command`` artifact: the command and the environment
    it ran with, the credential's variables included, as env/envvars has them. AWX does not keep
    it (it stores the environment with the values of secret-looking names hidden) and removes
    the private data dir after the job."""
    counters = [event["counter"] for event in job.events]
    assert counters == list(range(1, len(counters) + 1))
    assert all(event.get("uuid") and "stdout" in event for event in job.events)
    files = artifact_files(job)
    assert "status" in [os.path.basename(path) for path in files]
    for secret in secrets:
        assert secret not in job.stored_output()
        assert [os.path.basename(path) for path, text in files.items() if secret in text] == ["command"]
    return [event["event"] for event in job.events]


def sync(run_on_node, emulator):
    """The inventory update of an AWX inventory source with the vpcs plugin; its exported inventory."""
    job = run_on_node(central_credential(emulator), binary="ansible-inventory",
                      ident="sync",
                      cmdline="--list --export -i {runner}/project/vpcs.alicloud.yml --output {runner}/artifacts/sync/"
                      + OUTPUT)
    assert job.status == "successful", job.stdout
    (path,) = [p for p in artifact_files(job) if p.endswith(os.sep + OUTPUT)]
    assert_whole_and_secret_free(job, CENTRAL_SECRET)
    with open(path, encoding="utf-8") as handle:
        return job, json.load(handle)


def test_the_sync_on_an_execution_node_finds_every_members_vpc_through_its_role(run_on_node, emulator):
    job, inventory = sync(run_on_node, emulator)

    hostvars = inventory["_meta"]["hostvars"]
    assert sorted(hostvars) == sorted(VPCS)
    for host, (vpc_id, account, region, cidr) in VPCS.items():
        # ansible-inventory marks the values that came from the API unsafe (not templated): AWX keeps the mark.
        variables = dict((name, value["__ansible_unsafe"] if isinstance(value, dict) and "__ansible_unsafe" in value
                          else value) for name, value in hostvars[host].items())
        assert (variables["network_instance_id"], variables["network_account_id"], variables["network_region"],
                variables["cidr_block"], variables["network_instance_type"]) == (vpc_id, account, region, cidr, "VPC")
        assert variables["alicloud_role_arn"] == "acs:ram::%s:role/network-admin" % account
    assert inventory["account_network_a"]["hosts"] == ["neta"]
    assert inventory["account_network_b"]["hosts"] == ["netb"]
    # The central credential assumed each member's role; each member read its own VPCs.
    calls = emulator.calls()
    assert sorted(c["account"] for c in calls if c["action"] == "AssumeRole") == [CENTRAL, CENTRAL]
    assert set(c["account"] for c in calls if c["action"] == "DescribeVpcs") == {NETWORK_A, NETWORK_B}
    assert not [c for c in calls if c["write"]]


def script(inventory):
    """The inventory as AWX hands it to a job: an executable that prints it."""
    return "#!/usr/bin/env python3\nprint(%r)\n" % json.dumps(inventory)


def test_a_job_on_the_synced_inventory_reads_each_vpc_in_its_account_and_its_events_come_back_whole(
        run_on_node, emulator):
    inventory = sync(run_on_node, emulator)[1]
    before = len(emulator.calls())

    job = run_on_node(central_credential(emulator), playbook="vpcs.yml", inventory_files={"hosts": script(inventory)},
                      ident="job", verbosity=3)

    assert job.status == "successful", job.stdout
    assert job.stats["ok"] == {"neta": 2, "netb": 2} and job.stats["failures"] == {}
    kinds = assert_whole_and_secret_free(job, CENTRAL_SECRET)
    playbook_events = [kind for kind in kinds if kind != "verbose"]  # -vvv adds lines outside any task
    assert playbook_events[0] == "playbook_on_start" and playbook_events[-1] == "playbook_on_stats"
    assert {"playbook_on_play_start", "playbook_on_task_start", "runner_on_start", "runner_on_ok"} <= set(kinds)
    stats = [e for e in job.events if e["event"] == "playbook_on_stats"][0]["event_data"]
    assert stats["ok"] == {"neta": 2, "netb": 2}
    found = job.results("Read the VPC through its account's role")
    for host, (vpc_id, account, region, _cidr) in VPCS.items():
        (vpc,) = found[host]["vpcs"]
        assert (vpc["vpc_id"], str(vpc["owner_id"]), vpc["region_id"]) == (vpc_id, account, region)
    # -vvv puts every module's arguments in the events: the role, the region, never a key.
    assert '"module_args": {' in job.stdout
    job_calls = emulator.calls()[before:]
    assert sorted((c["account"], c["action"]) for c in job_calls if c["action"] != "GetCallerIdentity") == sorted(
        [(CENTRAL, "AssumeRole"), (CENTRAL, "AssumeRole"), (NETWORK_A, "DescribeVpcs"), (NETWORK_B, "DescribeVpcs")])


def test_the_worker_runs_in_the_execution_environment_not_the_control_nodes_python(run_on_node, emulator):
    job = run_on_node(central_credential(emulator), binary="python3", cmdline="-c 'import sys; print(sys.prefix)'",
                      ident="where")
    assert job.status == "successful", job.stdout
    prefix = job.stdout.strip().splitlines()[-1]
    assert prefix != sys.prefix and os.sep + os.path.join(".tmp", "awx-ee") + os.sep in prefix

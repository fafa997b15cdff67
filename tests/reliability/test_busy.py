"""Case 3: 20 members attached to one CEN at once, while the CEN takes one operation at a time.

The emulator refuses an attach while another attachment of the CEN is in transition
(``Operation.Blocking``), as the service does. Two ways users attach many members at
once must both get all 20 attached with no failed task and a bounded number of
retries: 20 hosts with ``--forks 20``, one cen_attachment task each; and one
cen_attachment task with the batch option ``instances`` (what the cen_network role
uses), which attaches the members one at a time, each after the last has settled,
so the CEN never refuses it. Both must end in the same state: one CEN with the 20
VPCs attached.
"""

import pytest

import harness

HUB = dict(alicloud_access_key="RELHUBKEY", alicloud_secret_key="rel-hub-secret-7f3a")
MEMBERS = [("vpc-busy%02d" % n, "cn-hangzhou" if n <= 10 else "cn-shanghai") for n in range(1, 21)]
MIN_PAUSE = 0.1  # seconds: the shortest pause retries.busy_pause takes between two attempts on a busy CEN (0.2 s x 0.5 jitter)


def defaults():
    return {"group/alicloud.interconnect.all": dict(HUB, alicloud_region="cn-hangzhou")}


def create_cen_play():
    return {"name": "the CEN", "hosts": "localhost", "gather_facts": False, "module_defaults": defaults(),
            "tasks": [{"name": "create the CEN", "alicloud.interconnect.cen_instance": {"name": "busy-cen"},
                       "register": "cen"}]}


def forks_playbook(path):
    attach = {"name": "attach my VPC", "alicloud.interconnect.cen_attachment": {
        "cen_id": "{{ hostvars['localhost'].cen.cen_id }}", "instance_id": "{{ vpc_id }}",
        "instance_region": "{{ vpc_region }}", "wait_timeout": 240}}
    members = {"name": "every member at once", "hosts": "members", "gather_facts": False,
               "module_defaults": defaults(), "tasks": [attach]}
    return harness.write_playbook(path, [create_cen_play(), members])


def batch_playbook(path):
    play = create_cen_play()
    play["tasks"].append({"name": "attach every VPC in one task", "alicloud.interconnect.cen_attachment": {
        "cen_id": "{{ cen.cen_id }}", "wait_timeout": 240,
        "instances": [{"instance_id": vpc, "instance_region": region} for vpc, region in MEMBERS]}})
    return harness.write_playbook(path, [play])


def inventory(path):
    hosts = dict(("member-%02d" % n, {"vpc_id": vpc, "vpc_region": region})
                 for n, (vpc, region) in enumerate(MEMBERS, 1))
    doc = {"all": {"hosts": {"localhost": {"ansible_connection": "local"}},
                   "children": {"members": {"hosts": hosts}},
                   "vars": {"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}}}
    return harness.write_playbook(path, doc)


def attach_calls(emulator, run):
    return [c for c in emulator.calls(since=run.first_seq) if c["action"] == "AttachCenChildInstance"
            and c["seq"] <= run.last_seq]


def check(emulator, run, world_seed, refused):
    """All 20 attached to the one CEN, and the busy answers (expected when ``refused``) were retried with
    pauses, not in a spin."""
    harness.assert_converged(run, emulator)
    state = emulator.settled_state()
    (cen,) = state["tables"]["cen"].values()
    attached = sorted(a["ChildInstanceId"] for a in state["tables"]["cen_attachment"].values()
                      if a["CenId"] == cen["CenId"] and a["Status"] == "Attached")
    assert attached == [vpc for vpc, _region in MEMBERS]
    calls = attach_calls(emulator, run)
    busy = [c for c in calls if c["outcome"] == "Operation.Blocking"]
    others = [c for c in calls if c["outcome"] not in ("ok", "Operation.Blocking")]
    assert not others, "\n".join(harness.describe_call(c) for c in others)
    assert len([c for c in calls if c["outcome"] == "ok"]) == len(MEMBERS)
    if refused:
        assert busy, "no attach was refused as busy: the case did not exercise the one-operation rule"
    else:
        assert not busy, "%d attaches refused as busy: the batch sent one while another was in transition" % len(busy)
    bound = len(MEMBERS) * (1 + run.seconds / MIN_PAUSE)
    assert len(calls) <= bound, "%d attach calls in %.1f s: retries faster than one per %.1f s per member" % (
        len(calls), run.seconds, MIN_PAUSE)
    return harness.shape(state, harness.seed_ids(world_seed)), len(busy)


@pytest.mark.timeout(600)
def test_twenty_members_at_once_with_forks_and_with_the_batch(world, ansible, world_seed, tmp_path, figures):
    forks_run = ansible.run(forks_playbook(str(tmp_path / "forks.yml")), "forks 20",
                            inventory=inventory(str(tmp_path / "hosts.yml")), forks=20, timeout=400)
    forks_shape, forks_busy = check(world, forks_run, world_seed, refused=True)

    world.reset()
    batch_run = ansible.run(batch_playbook(str(tmp_path / "batch.yml")), "batch", timeout=400)
    batch_shape, batch_busy = check(world, batch_run, world_seed, refused=False)

    diff = harness.shape_diff(forks_shape, batch_shape)
    assert not diff, diff
    figures["busy resources"] = dict(members=len(MEMBERS), forks20_busy_refusals=forks_busy,
                                     forks20_seconds=round(forks_run.seconds, 1), batch_busy_refusals=batch_busy,
                                     batch_seconds=round(batch_run.seconds, 1))

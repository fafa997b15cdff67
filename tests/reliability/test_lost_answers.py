"""Answers lost after the service did the work, and answers slower than the SDK waits by default.

The emulator's ``drop_after_commit`` fault runs a write, saves it, then closes the
connection without an answer. A create is safe to repeat (same ClientToken, same
answer); a write that takes no token is not: repeated, ConnectRouterInterface finds the
interface already connecting and DeactivateRouterInterface finds it already
deactivating, and both are refused (``IncorrectRIStatus``). Session.call reads the
resource back after a lost answer (the ``done`` its caller gives) and counts the write
done when the resource shows it, so the playbook converges with each write sent once.

Both cases run a router-interface peering up and down in one account: create the
initiator, the acceptor, connect; run the connect again (nothing changes); then delete
both sides (the initiator is deactivated first). The second case loses the first answer
of every write of the run that takes no ClientToken, the first only those of connect and
deactivate (the refusals of issue 16).

A third case makes every DescribeCens answer take 11 s, longer than the SDK's default read
timeout (10 s): a CEN is still created and awaited, because a call waits for its answer
as long as the task's wait_timeout instead of timing out and trying again, each attempt as
slow as the last, until its retries ran out long before the wait_timeout.
"""

import collections

import pytest

import harness

HUB = dict(alicloud_access_key="RELHUBKEY", alicloud_secret_key="rel-hub-secret-7f3a")
SIDES = dict(alicloud_region="cn-shanghai", opposite_region="cn-shanghai")
INITIATOR = dict(SIDES, vpc_id="vpc-busy17", role="initiator", spec="Mini.2")
CONNECT = dict(INITIATOR, opposite_interface_id="{{ acceptor.router_interface_id }}")
ACCEPTOR = dict(SIDES, vpc_id="vpc-busy18", role="acceptor", opposite_interface_id="{{ initiator.router_interface_id }}")
# The router-interface writes of this playbook that take no ClientToken.
UNTOKENED = ["ModifyRouterInterfaceAttribute", "ConnectRouterInterface", "DeactivateRouterInterface"]


def task(name, args, register=None):
    found = {"name": name, "alicloud.interconnect.router_interface": dict(args)}
    if register:
        found["register"] = register
    return found


def playbook(path):
    tasks = [
        task("create the initiator", dict(INITIATOR, opposite_vpc_id="vpc-busy18"), "initiator"),
        task("create the acceptor", ACCEPTOR, "acceptor"),
        task("connect", CONNECT, "connected"),
        {"name": "the pair is Active", "ansible.builtin.assert": {"that": [
            "connected is changed", "connected.router_interface.status == 'Active'"]}},
        task("connect again", CONNECT, "again"),
        {"name": "nothing to do", "ansible.builtin.assert": {"that": ["again is not changed"]}},
        task("delete the initiator", dict(router_interface_id="{{ initiator.router_interface_id }}",
                                          alicloud_region="cn-shanghai", state="absent"), "deleted"),
        {"name": "the initiator was deleted", "ansible.builtin.assert": {"that": ["deleted is changed"]}},
        task("delete the acceptor", dict(router_interface_id="{{ acceptor.router_interface_id }}",
                                         alicloud_region="cn-shanghai", state="absent")),
    ]
    play = {"name": "a router-interface peering up and down", "hosts": "localhost", "gather_facts": False,
            "module_defaults": {"group/alicloud.interconnect.all": HUB}, "tasks": tasks}
    return harness.write_playbook(path, [play])


def run_with_lost_answers(world, ansible, tmp_path, actions):
    world.set_faults([{"fault": "drop_after_commit", "action": action, "once": True} for action in actions])
    run = ansible.run(playbook(str(tmp_path / "peering.yml")), "lost answers of %s" % ", ".join(actions))
    harness.assert_converged(run, world)
    writes = [c for c in world.calls(writes=True, since=run.first_seq) if c["seq"] <= run.last_seq]
    dropped = sorted(c["action"] for c in writes if c.get("dropped"))
    assert dropped == sorted(actions), "answers dropped: %s, expected one of each of %s" % (dropped, actions)
    sent = collections.Counter(c["action"] for c in writes)
    twice = dict((action, n) for action, n in sent.items() if action in actions and n != 1)
    assert not twice, "writes sent more than once after a lost answer: %s\n%s" % (twice, harness.explain(run, world))
    left = world.settled_state()["tables"].get("router_interface", {})
    assert not left, "router interfaces left behind: %s" % sorted(left)
    return run


@pytest.mark.timeout(180)
def test_a_lost_answer_of_connect_and_of_deactivate_does_not_fail_the_peering(world, ansible, tmp_path):
    run_with_lost_answers(world, ansible, tmp_path, ["ConnectRouterInterface", "DeactivateRouterInterface"])


@pytest.mark.timeout(180)
def test_every_untokened_router_interface_write_survives_a_lost_answer(world, ansible, tmp_path):
    run_with_lost_answers(world, ansible, tmp_path, UNTOKENED)


SLOW = 11  # seconds: longer than the SDK's default read timeout of 10 s


@pytest.mark.timeout(180)
def test_a_slow_api_does_not_fail_a_task_before_its_wait_timeout(world, ansible, tmp_path):
    world.set_faults([{"fault": "latency", "action": "DescribeCens", "seconds": SLOW}])
    play = {"name": "a CEN on a slow API", "hosts": "localhost", "gather_facts": False,
            "module_defaults": {"group/alicloud.interconnect.all": dict(HUB, alicloud_region="cn-hangzhou")},
            "tasks": [{"name": "create a CEN", "alicloud.interconnect.cen_instance": {"name": "slow-cen"},
                       "register": "made"},
                      {"name": "it is Active", "ansible.builtin.assert": {"that": [
                          "made is changed", "made.cen.status == 'Active'"]}}]}
    run = ansible.run(harness.write_playbook(str(tmp_path / "slow.yml"), [play]), "a slow API")
    harness.assert_converged(run, world)
    (rule,) = world.faults()
    assert rule["fired"] >= 2, "the latency fault fired %s times: the case did not exercise a slow API" % rule["fired"]
    creates = [c for c in world.calls(writes=True) if c["action"] == "CreateCen"]
    assert len(creates) == 1

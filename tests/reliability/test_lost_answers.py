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

A third case does the same for the other writes without a token across products: a CEN
modified, attached to two VPCs, given a package and an inter-region limit, a transit-router
grant from the member account, a VpcPeer connection accepted by the member (a write with a
token, replayed) and routed through, then all of it removed again; each of those writes
loses its first answer, is sent once (a limit's removal may go once more, see
REPEATS_ALLOWED), and the world ends as it began.

A fourth case makes every DescribeCens answer take 11 s, longer than the SDK's default read
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


MEMBER = dict(alicloud_access_key="RELMEMBERKEY", alicloud_secret_key="rel-member-secret-9c1d")
HUB_UID, MEMBER_UID = "1000000000000001", "1000000000000002"
# The writes without a token of the cross-product playbook (each loses its first answer and is sent once) ...
UNTOKENED_ACROSS = ["ModifyCenAttribute", "AttachCenChildInstance", "AssociateCenBandwidthPackage",
                    "SetCenInterRegionBandwidthLimit", "GrantInstanceToTransitRouter", "DeleteRouteEntry",
                    "RevokeInstanceFromTransitRouter", "UnassociateCenBandwidthPackage", "DetachCenChildInstance",
                    "DeleteCen"]
# ... and one with a token (its repeat is answered from the token).
TOKENED_ACROSS = ["AcceptVpcPeerConnection"]
# A limit removed (SetCenInterRegionBandwidthLimit 0) reads back as done only once the limit is gone: until then it
# is Modifying, as a limit being set is, so the removal may go out once more, an identical write the CEN accepts.
REPEATS_ALLOWED = {"SetCenInterRegionBandwidthLimit": 1}


def step(name, module, args, register=None, keys=None):
    found = {"name": name, "alicloud.interconnect." + module: dict(args, **(keys or {}))}
    if register:
        found["register"] = register
    return found


def across_playbook(path):
    cen = "{{ cen.cen_id }}"
    members = [dict(instance_id="vpc-hubhz", instance_region="cn-hangzhou"),
               dict(instance_id="vpc-hubsv", instance_region="us-west-1")]
    limit = dict(cen_id=cen, local_region="cn-hangzhou", opposite_region="us-west-1")
    package = dict(name="lost-bwp", bandwidth=10, geographic_region_a="China", geographic_region_b="North-America")
    grant = dict(cen_id=cen, cen_owner_id=HUB_UID, instance_id="vpc-memhz", instance_region="cn-hangzhou")
    peer = dict(alicloud_region="cn-shanghai", vpc_id="vpc-hubsh", accepting_vpc_id="vpc-memsh",
                accepting_owner_id=MEMBER_UID, accepting_region="cn-shanghai", name="lost-peer")
    route = dict(alicloud_region="cn-shanghai", vpc_id="vpc-hubsh", destination_cidr="10.5.0.0/16",
                 next_hop_type="VpcPeer", next_hop_id="{{ peer.peer_connection_id }}")
    tasks = [
        step("create a CEN", "cen_instance", dict(name="lost-cen"), "cen"),
        step("describe it", "cen_instance", dict(cen_id=cen, description="changed after a lost answer")),
        step("attach two VPCs", "cen_attachment", dict(cen_id=cen, instances=members)),
        step("buy a package for the CEN", "cen_bandwidth_package", dict(package, cen_id=cen)),
        step("set a limit", "cen_bandwidth_limit", dict(limit, bandwidth_limit=5)),
        step("grant a member VPC", "transit_router_grant", grant, keys=MEMBER),
        step("ask the member to peer", "vpc_peer_connection", peer, "peer"),
        step("the member accepts", "vpc_peer_connection",
             dict(alicloud_region="cn-shanghai", peer_connection_id="{{ peer.peer_connection_id }}",
                  state="accepted"), keys=MEMBER),
        step("route through the peering", "vpc_route_entry", route),
        step("remove the route", "vpc_route_entry", dict(route, state="absent")),
        step("remove the peering", "vpc_peer_connection",
             dict(alicloud_region="cn-shanghai", peer_connection_id="{{ peer.peer_connection_id }}", state="absent")),
        step("revoke the grant", "transit_router_grant", dict(grant, state="absent"), keys=MEMBER),
        step("remove the limit", "cen_bandwidth_limit", dict(limit, state="absent")),
        step("release the package", "cen_bandwidth_package", dict(package, state="absent")),
        step("detach the VPCs", "cen_attachment", dict(cen_id=cen, instances=members, state="absent")),
        step("delete the CEN", "cen_instance", dict(cen_id=cen, state="absent")),
    ]
    play = {"name": "every product, up and down", "hosts": "localhost", "gather_facts": False,
            "module_defaults": {"group/alicloud.interconnect.all": dict(HUB, alicloud_region="cn-hangzhou")},
            "tasks": tasks}
    return harness.write_playbook(path, [play])


@pytest.mark.timeout(300)
def test_every_untokened_write_across_products_survives_a_lost_answer(world, ansible, world_seed, tmp_path):
    stable = harness.seed_ids(world_seed)
    seed_shape = harness.shape(world.settled_state(), stable)
    world.set_faults([{"fault": "drop_after_commit", "action": action, "once": True}
                      for action in UNTOKENED_ACROSS + TOKENED_ACROSS])
    run = ansible.run(across_playbook(str(tmp_path / "across.yml")), "lost answers across products")
    harness.assert_converged(run, world)
    writes = [c for c in world.calls(writes=True, since=run.first_seq) if c["seq"] <= run.last_seq]
    problems = []
    for action in UNTOKENED_ACROSS + TOKENED_ACROSS:
        calls = [c for c in writes if c["action"] == action]
        dropped = [c for c in calls if c.get("dropped")]
        replayed = [c for c in calls if c.get("replayed")]
        if not dropped:
            problems.append("%s: no answer was dropped (%d calls)" % (action, len(calls)))
        elif action in TOKENED_ACROSS and len(replayed) != len(dropped):
            problems.append("%s: %d answers dropped, %d repeats answered from the ClientToken"
                            % (action, len(dropped), len(replayed)))
        elif action in UNTOKENED_ACROSS and not len(dropped) <= len(calls) <= len(dropped) + REPEATS_ALLOWED.get(
                action, 0):
            problems.append("%s: sent %d times for %d lost answers (read back, it must not be sent again)"
                            % (action, len(calls), len(dropped)))
    assert not problems, "\n".join(problems) + "\n" + harness.explain(run, world)
    diff = harness.shape_diff(seed_shape, harness.shape(world.settled_state(), stable))
    assert not diff, diff

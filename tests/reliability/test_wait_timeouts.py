"""Case 6: a transition that never settles fails within wait_timeout, naming the resource and its state.

One playbook walks every module that waits: create a CEN, attach a VPC, set an
inter-region limit, peer two VPCs (VpcPeer), route through the peering, connect a pair
of router interfaces, create a transit router, attach a VPC to it, join it to the
router of another region, give it a route table and a static route, delete a CEN.
Before each waiting step the playbook makes that resource kind ``stuck`` in the
emulator (its transitions never settle) and runs the step with ``wait_timeout: 2``;
the step must fail with a WaitTimeout message that names the resource and the state it
is stuck in, with ``changed: true`` and the ids of what it wrote, after at least 2 s and
well before a stuck wait could hang a run. Then the playbook lifts the fault and runs
the step again, which converges. The final state must equal the same playbook's run
without faults: a timeout leaves nothing half-built that a re-run does not finish.
"""

import os
import re

import pytest

import harness

WAIT = 2  # the wait_timeout of the steps that time out
SLACK = 20  # seconds a timed-out step may take beyond WAIT (process start, polling, a loaded CI machine)
HUB = dict(alicloud_access_key="RELHUBKEY", alicloud_secret_key="rel-hub-secret-7f3a")

# (step, module, arguments, the kind made stuck, the state it is stuck in, register)
STEPS = [
    ("create a CEN", "cen_instance", dict(name="wt-cen"), "cen", "Creating", "cen"),
    ("attach a VPC", "cen_attachment",
     dict(cen_id="{{ cen.cen_id }}", instance_id="vpc-hubhz", instance_region="cn-hangzhou"),
     "cen_attachment", "Attaching", None),
    ("set a limit", "cen_bandwidth_limit",
     dict(cen_id="{{ cen.cen_id }}", local_region="cn-hangzhou", opposite_region="us-west-1", bandwidth_limit=5),
     "cen_limit", "Modifying", None),
    ("peer two VPCs", "vpc_peer_connection",
     dict(alicloud_region="cn-shanghai", vpc_id="vpc-busy19", accepting_vpc_id="vpc-busy20", name="wt-peer"),
     "vpc_peer", "Creating", "peer"),
    ("route through the peering", "vpc_route_entry",
     dict(alicloud_region="cn-shanghai", vpc_id="vpc-busy19", destination_cidr="10.120.0.0/16",
          next_hop_type="VpcPeer", next_hop_id="{{ peer.peer_connection_id }}"),
     "route_entry", "Pending", None),
    ("connect router interfaces", "router_interface",
     dict(alicloud_region="cn-shanghai", vpc_id="vpc-busy17", role="initiator", spec="Mini.2",
          opposite_interface_id="{{ acceptor.router_interface_id }}", opposite_region="cn-shanghai"),
     "router_interface", "Connecting", None),
    ("create a transit router", "transit_router", dict(cen_id="{{ cen.cen_id }}", name="wt-tr"),
     "transit_router", "Creating", "tr"),
    ("attach a VPC to the transit router", "transit_router_vpc_attachment",
     dict(transit_router_id="{{ tr.transit_router_id }}", vpc_id="vpc-trhz", name="wt-trhz",
          zone_mappings=[dict(vswitch_id="vsw-trhzj"), dict(vswitch_id="vsw-trhzk")]),
     "tr_attachment", "Attaching", "trhz"),
    ("join two transit routers", "transit_router_peer_attachment",
     dict(transit_router_id="{{ tr.transit_router_id }}", peer_region="cn-shanghai", name="wt-hz-sh"),
     "tr_attachment", "Attaching", None),
    ("create a route table", "transit_router_route_table",
     dict(transit_router_id="{{ tr.transit_router_id }}", name="wt-rt"), "tr_route_table", "Creating", None),
    ("route through the transit router", "transit_router_route_entry",
     dict(transit_router_id="{{ tr.transit_router_id }}", destination_cidr="10.60.0.0/16",
          next_hop_id="{{ trhz.transit_router_attachment_id }}", name="wt-route"),
     "tr_route_entry", "Creating", None),
    ("delete a CEN", "cen_instance", dict(name="wt-doomed", state="absent"), "cen", "Deleting", None),
]

# Steps without faults that the waiting steps need, keyed by the step they precede.
BEFORE = {
    "set a limit": [
        ("attach the Silicon Valley VPC", "cen_attachment",
         dict(cen_id="{{ cen.cen_id }}", instance_id="vpc-hubsv", instance_region="us-west-1"), None),
        ("buy a China - North America package", "cen_bandwidth_package",
         dict(name="wt-bwp", bandwidth=10, geographic_region_a="China", geographic_region_b="North-America",
              cen_id="{{ cen.cen_id }}"), None),
    ],
    "connect router interfaces": [
        ("create the initiator", "router_interface",
         dict(alicloud_region="cn-shanghai", vpc_id="vpc-busy17", role="initiator", spec="Mini.2",
              opposite_vpc_id="vpc-busy18", opposite_region="cn-shanghai"), "initiator"),
        ("create the acceptor", "router_interface",
         dict(alicloud_region="cn-shanghai", vpc_id="vpc-busy18", role="acceptor",
              opposite_interface_id="{{ initiator.router_interface_id }}", opposite_region="cn-shanghai"),
         "acceptor"),
    ],
    "join two transit routers": [
        ("create the Shanghai transit router", "transit_router",
         dict(cen_id="{{ cen.cen_id }}", region="cn-shanghai", name="wt-trsh"), None),
    ],
    "delete a CEN": [("create the CEN to delete", "cen_instance", dict(name="wt-doomed"), None)],
}


def faults_task(name, rules):
    return {"name": name, "emulator_faults": {"rules": rules}}


def module_task(name, module, args, register=None, **extra):
    task = {"name": name, "alicloud.interconnect." + module: dict(args)}
    if register:
        task["register"] = register
    task.update(extra)
    return task


def playbook(path, inject):
    tasks = []
    for name, module, args, kind, _state, register in STEPS:
        for before in BEFORE.get(name, []):
            tasks.append(module_task(*before))
        if inject:
            tasks.append(faults_task("make %s stuck" % kind, [{"fault": "stuck", "resource": kind}]))
            tasks.append(module_task("%s: times out" % name, module, dict(args, wait_timeout=WAIT),
                                     ignore_errors=True))
            tasks.append(faults_task("let %s settle" % kind, []))
        tasks.append(module_task("%s: converges" % name, module, args, register))
    play = {"name": "every waiting step", "hosts": "localhost", "gather_facts": False,
            "module_defaults": {"group/alicloud.interconnect.all": dict(HUB, alicloud_region="cn-hangzhou")},
            "tasks": tasks}
    return harness.write_playbook(path, [play])


@pytest.mark.timeout(300)
def test_stuck_transitions_time_out_clearly_and_a_rerun_converges(world, ansible, world_seed, tmp_path):
    baseline = ansible.run(playbook(str(tmp_path / "fault-free.yml"), False), "fault-free")
    harness.assert_converged(baseline, world)
    expected = harness.shape(world.settled_state(), harness.seed_ids(world_seed))

    world.reset()
    run = ansible.run(playbook(str(tmp_path / "stuck.yml"), True), "stuck transitions")
    harness.assert_converged(run, world)
    problems = []
    for name, module, _args, kind, state, _register in STEPS:
        result = run.by_name("%s: times out" % name)[0]
        body = result["result"]
        msg = body.get("msg", "")
        if result["status"] != "failed" or body.get("code") != "WaitTimeout":
            problems.append("%s (%s): expected a WaitTimeout failure, got %s: %s" % (name, module, result["status"], msg))
            continue
        waited = re.search(r"wait_timeout \(([0-9.]+) seconds for the whole task\) ran out", msg)
        if not waited or float(waited.group(1)) > WAIT or state not in msg:
            problems.append("%s (%s): the message does not name the wait and the state %s: %s" % (name, module, state, msg))
        if not any(word in msg for word in _resource_words(kind)):
            problems.append("%s (%s): the message does not name the %s: %s" % (name, module, kind, msg))
        if body.get("changed") is not True or not any(key.endswith("_id") and body[key] for key in body):
            problems.append("%s (%s): a timeout after a write must say changed: true and name the ids, got changed=%s, "
                            "keys %s" % (name, module, body.get("changed"), sorted(body)))
        if not WAIT <= result["seconds"] <= WAIT + SLACK:
            problems.append("%s (%s): failed after %.1f s, not within %d-%d s"
                            % (name, module, result["seconds"], WAIT, WAIT + SLACK))
    assert not problems, "\n".join(problems) + "\n" + harness.explain(run, world)
    diff = harness.shape_diff(expected, harness.shape(world.settled_state(), harness.seed_ids(world_seed)))
    assert not diff, diff + "\n" + harness.explain(run, world)


def _resource_words(kind):
    return {
        "cen": ["CEN cen-"],
        "cen_attachment": ["vpc-hubhz"],
        "cen_limit": ["cn-hangzhou", "us-west-1"],
        "vpc_peer": ["pcc-"],
        "route_entry": ["route entry rte-", "10.120.0.0/16"],
        "router_interface": ["router interface ri-"],
        "transit_router": ["transit router tr-"],
        "tr_attachment": ["attachment tr-attach-"],  # a VPC or an inter-region attachment
        "tr_route_table": ["route table vtb-"],
        "tr_route_entry": ["route to 10.60.0.0/16 in vtb-"],
    }[kind]


@pytest.mark.timeout(10)
def test_every_waiting_module_has_a_step():
    """Every module with wait_timeout has a step here, but cen_bandwidth_package: a package's
    status changes at once (Idle <-> InUse), so there is no transition to get stuck in."""
    waiting = set()
    modules = os.path.join(harness.ROOT, "plugins", "modules")
    for name in os.listdir(modules):
        with open(os.path.join(modules, name), encoding="utf-8") as stream:
            if "WAIT_ARGUMENT_SPEC" in stream.read():
                waiting.add(name[:-3])
    assert waiting <= set(step[1] for step in STEPS) | {"cen_bandwidth_package"}

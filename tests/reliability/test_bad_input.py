"""Case 7: bad input never gets through.

A matrix of invalid inputs across every module and both roles -- wrong types, values
out of range, unknown ids and regions, malformed CIDR blocks, conflicting options,
bandwidth over the package, missing or wrong credentials, a role that does not trust
the caller. Each runs as one task of one playbook against a world where a CEN with
two VPCs, a bandwidth package, a limit and two transit routers already exist. Each
must fail with a message that names the option or the API code at fault, and the
emulator must log no write call at all while the matrix runs: no create, no refused
attempt, nothing.
The state after the matrix must be the state the setup left.
"""

import json
import os

import pytest

import harness

HUB_UID, MEMBER_UID = "1000000000000001", "1000000000000002"
HUB = dict(alicloud_access_key="RELHUBKEY", alicloud_secret_key="rel-hub-secret-7f3a")
MEMBER = dict(alicloud_access_key="RELMEMBERKEY", alicloud_secret_key="rel-member-secret-9c1d")
HUB_KEYS_ROLE = dict(access_key="RELHUBKEY", secret_key="rel-hub-secret-7f3a")  # as the roles take them
NO_CEN = "cen-doesnotexist00000"

# The world the matrix runs in (built without faults first).
SETUP = [
    ("cen_instance", dict(name="bi-cen")),
    ("cen_instance", dict(name="bi-other")),
    ("cen_attachment", dict(cen_id="{{ cen }}", instances=[
        dict(instance_id="vpc-hubhz", instance_region="cn-hangzhou"),
        dict(instance_id="vpc-hubsv", instance_region="us-west-1")])),
    ("cen_bandwidth_package", dict(name="bi-bwp", bandwidth=10, geographic_region_a="China",
                                   geographic_region_b="North-America", cen_id="{{ cen }}")),
    ("cen_bandwidth_limit", dict(cen_id="{{ cen }}", local_region="cn-hangzhou", opposite_region="us-west-1",
                                 bandwidth_limit=5)),
    ("transit_router", dict(cen_id="{{ cen }}", name="bi-tr")),
    ("transit_router", dict(cen_id="{{ cen }}", region="cn-shanghai", name="bi-trsh")),
    ("vpc_peer_connection", dict(vpc_id="vpc-busy06", accepting_vpc_id="vpc-busy07", name="bi-peer")),
    ("vpc_route_entry", dict(vpc_id="vpc-busy06", destination_cidr="10.107.0.0/16", next_hop_type="VpcPeer",
                             next_hop_id="{{ peer }}")),
]

# (target, arguments, words of which the message must hold one). Targets are a module,
# "credentials:<module>" (a module without the play's credentials), or "role:<name>".
CASES = [
    # -- credentials and identity (account_info, and a resource module) ----------------------
    ("credentials:account_info", dict(alicloud_access_key="RELHUBKEY", alicloud_secret_key="wrong"),
     ["SignatureDoesNotMatch"]),
    ("credentials:account_info", dict(alicloud_access_key="NOSUCHKEY", alicloud_secret_key="wrong"),
     ["InvalidAccessKeyId.NotFound"]),
    ("credentials:account_info", dict(alicloud_access_key="RELHUBKEY"), ["alicloud_secret_key"]),
    ("credentials:account_info", dict(alicloud_security_token="token-without-keys"), ["alicloud_security_token"]),
    ("credentials:account_info", dict(), ["alicloud_access_key"]),
    ("credentials:account_info", dict(HUB, alicloud_assume_role=dict(role_arn="acs:ram::%s:role/audit" % MEMBER_UID)),
     ["NoPermission"]),
    ("credentials:account_info", dict(HUB, alicloud_assume_role=dict(role_arn="not-an-arn")), ["RoleArn", "role_arn"]),
    ("credentials:account_info", dict(HUB, alicloud_assume_role=dict(role_arn="acs:ram::%s:role/ops" % HUB_UID,
                                                                     session_expiration=60)),
     ["DurationSeconds", "session_expiration"]),
    ("credentials:account_info", dict(profile="nosuchprofile", shared_credentials_file="{{ credentials_file }}"),
     ["nosuchprofile"]),
    ("credentials:account_info", dict(HUB, alicloud_endpoint="ftp://127.0.0.1:1"), ["alicloud_endpoint"]),
    ("credentials:cen_instance", dict(MEMBER, name="bi-stolen", alicloud_security_token="forged"),
     ["InvalidSecurityToken.MismatchWithAccessKey"]),
    # -- cen_instance ---------------------------------------------------------------------------
    ("cen_instance", dict(), ["name", "cen_id"]),
    ("cen_instance", dict(name="x" * 129), ["name"]),
    ("cen_instance", dict(name="bi-new", description="https://example.com"), ["description"]),
    ("cen_instance", dict(name="bi-new", protection_level="FULL"), ["protection_level"]),
    ("cen_instance", dict(name="bi-new", tags={"acs:owner": "me"}), ["tags", "acs:owner"]),
    ("cen_instance", dict(name="bi-new", wait_timeout="soon"), ["wait_timeout"]),
    ("cen_instance", dict(name="bi-new", colour="blue"), ["colour"]),
    ("cen_instance", dict(cen_id="vpc-hubhz", description="x"), ["cen_id"]),
    ("cen_instance", dict(cen_id=NO_CEN, description="x"), ["ParameterCenInstanceId", NO_CEN]),
    ("cen_instance_info", dict(filters={"Colour": "blue"}), ["filters", "Colour"]),
    # -- cen_attachment / cen_attachment_info ---------------------------------------------------
    ("cen_attachment", dict(cen_id=NO_CEN, instance_id="vpc-hubsh", instance_region="cn-shanghai"),
     ["ParameterCenInstanceId", NO_CEN]),
    ("cen_attachment", dict(cen_id="{{ cen }}", instance_id="vpc-hubsh", instance_region="cn-shanghai",
                            instance_type="ECS"), ["instance_type"]),
    ("cen_attachment", dict(cen_id="{{ cen }}", instance_id="vpc-hubsh", instances=[dict(instance_id="vpc-busy01")]),
     ["instance_id", "instances"]),
    ("cen_attachment", dict(cen_id="{{ cen }}", instance_id="vpc-nosuchvpc0", instance_region="cn-shanghai"),
     ["vpc-nosuchvpc0"]),
    ("cen_attachment", dict(cen_id="{{ cen }}", instance_id="vpc-hubsh", instance_region="cn-nowhere"),
     ["instance_region", "cn-nowhere", "InvalidRegionId.NotFound"]),
    ("cen_attachment", dict(cen_id="{{ cen }}", instance_id="vpc-memhz", instance_region="cn-hangzhou",
                            instance_owner_id=MEMBER_UID), ["Forbbiden.AttachChildInstanceAcrossUid", "grant"]),
    ("cen_attachment", dict(cen_id="{{ cen }}", instance_id="vpc-hubsh", instance_region="cn-shanghai",
                            instance_owner_id="owner-one"), ["instance_owner_id"]),
    ("cen_attachment", dict(cen_id="{{ cen }}", instance_id="vpc-hubsh", instance_region="cn-shanghai",
                            purge_instances=True), ["purge_instances"]),
    ("cen_attachment", dict(cen_id="{{ other }}", instance_id="vpc-hubhz", instance_region="cn-hangzhou"),
     ["ChildInstanceAlreadyAttached", "attached"]),
    ("cen_attachment_info", dict(instance_type="VPC"), ["cen_id"]),
    # -- cen_grant ------------------------------------------------------------------------------
    ("cen_grant", dict(cen_id="{{ cen }}", instance_id="vpc-hubsh", alicloud_region="cn-shanghai"), ["cen_owner_id"]),
    ("cen_grant", dict(cen_id="{{ cen }}", cen_owner_id="12ab", instance_id="vpc-hubsh", alicloud_region="cn-shanghai"),
     ["cen_owner_id"]),
    ("cen_grant", dict(cen_id="{{ cen }}", cen_owner_id=HUB_UID, instance_id="vpc-memhz", alicloud_region="cn-hangzhou"),
     ["vpc-memhz"]),
    # -- cen_bandwidth_package ------------------------------------------------------------------
    ("cen_bandwidth_package", dict(name="bi-bwp2", bandwidth=1, geographic_region_a="China",
                                   geographic_region_b="Europe"), ["bandwidth"]),
    ("cen_bandwidth_package", dict(name="bi-bwp2", bandwidth=20000, geographic_region_a="China",
                                   geographic_region_b="Europe"), ["bandwidth"]),
    ("cen_bandwidth_package", dict(name="bi-bwp2", bandwidth=10, geographic_region_a="Mars",
                                   geographic_region_b="Europe"), ["geographic_region_a"]),
    ("cen_bandwidth_package", dict(name="bi-bwp2", bandwidth=10, geographic_region_a="China"),
     ["geographic_region_b"]),
    ("cen_bandwidth_package", dict(name="bi-bwp2", bandwidth=10, geographic_region_a="China",
                                   geographic_region_b="Europe", charge_type="Free"), ["charge_type"]),
    ("cen_bandwidth_package", dict(name="bi-bwp2", bandwidth=10, geographic_region_a="China",
                                   geographic_region_b="Europe", charge_type="PrePaid", pricing_cycle="Month",
                                   period=5), ["period"]),
    ("cen_bandwidth_package", dict(name="bi-bwp", bandwidth=4), ["bandwidth"]),
    ("cen_bandwidth_package_info", dict(bandwidth_package_ids="cenbwp-1,cenbwp-2", filters=[1]), ["filters"]),
    # -- cen_bandwidth_limit --------------------------------------------------------------------
    ("cen_bandwidth_limit", dict(cen_id="{{ cen }}", local_region="cn-hangzhou", opposite_region="us-west-1",
                                 bandwidth_limit=50), ["bandwidth_limit", "ParameterIllegal.BandwidthLimit"]),
    ("cen_bandwidth_limit", dict(cen_id="{{ cen }}", local_region="cn-hangzhou", opposite_region="us-west-1",
                                 bandwidth_limit=-5), ["bandwidth_limit"]),
    ("cen_bandwidth_limit", dict(cen_id="{{ cen }}", local_region="cn-hangzhou", opposite_region="cn-hangzhou",
                                 bandwidth_limit=5), ["opposite_region", "local_region"]),
    ("cen_bandwidth_limit", dict(cen_id="{{ cen }}", local_region="xx-nowhere-1", opposite_region="us-west-1",
                                 bandwidth_limit=5), ["local_region", "xx-nowhere-1"]),
    ("cen_bandwidth_limit", dict(cen_id="{{ cen }}", local_region="cn-hangzhou", opposite_region="us-west-1"),
     ["bandwidth_limit"]),
    ("cen_bandwidth_limit", dict(cen_id="{{ cen }}", local_region="cn-hangzhou", opposite_region="eu-central-1",
                                 bandwidth_limit=5), ["eu-central-1", "package", "attached"]),
    # -- router_interface / router_interface_info -----------------------------------------------
    ("router_interface", dict(vpc_id="vpc-busy01", role="initiator", spec="Huge.9", opposite_vpc_id="vpc-busy02",
                              opposite_region="cn-hangzhou"), ["spec"]),
    ("router_interface", dict(vpc_id="vpc-busy01", role="boss", opposite_vpc_id="vpc-busy02",
                              opposite_region="cn-hangzhou"), ["role"]),
    ("router_interface", dict(vpc_id="vpc-busy01", router_id="vrt-x", role="initiator", spec="Mini.2"),
     ["vpc_id", "router_id"]),
    ("router_interface", dict(vpc_id="vpc-busy01", role="initiator", opposite_vpc_id="vpc-busy02",
                              opposite_region="cn-hangzhou"), ["spec"]),
    ("router_interface", dict(vpc_id="vpc-busy01", role="initiator", spec="Mini.2", opposite_vpc_id="vpc-busy02",
                              opposite_region="mars-north-1"),
     ["opposite_region", "mars-north-1", "InvalidRegionId.NotFound"]),
    ("router_interface", dict(vpc_id="vpc-busy01", role="initiator", spec="Mini.2", opposite_vpc_id="vpc-busy02",
                              opposite_region="cn-hangzhou", opposite_cidr_blocks=["10.102.0.0/33"]),
     ["opposite_cidr_blocks", "10.102.0.0/33"]),
    ("router_interface", dict(vpc_id="vpc-nosuchvpc0", role="initiator", spec="Mini.2", opposite_vpc_id="vpc-busy02",
                              opposite_region="cn-hangzhou"), ["vpc-nosuchvpc0"]),
    ("router_interface_info", dict(filters={"Colour": "blue"}), ["filters", "Colour"]),
    # -- vpc_route_entry ------------------------------------------------------------------------
    ("vpc_route_entry", dict(vpc_id="vpc-busy01", destination_cidr="10.0.0.300/16", next_hop_id="ri-x"),
     ["destination_cidr"]),
    ("vpc_route_entry", dict(vpc_id="vpc-busy01", destination_cidr="10.102.0.0/16"), ["next_hop_id"]),
    ("vpc_route_entry", dict(vpc_id="vpc-busy01", route_table_id="vtb-x", destination_cidr="10.102.0.0/16",
                             next_hop_id="ri-x"), ["vpc_id", "route_table_id"]),
    ("vpc_route_entry", dict(vpc_id="vpc-busy01", destination_cidr="10.102.0.0/16",
                             next_hop_id="ri-doesnotexist000000"), ["ri-doesnotexist000000", "next_hop_id"]),
    # The route to 10.107.0.0/16 exists: replacing its next hop with one that does not exist keeps it.
    ("vpc_route_entry", dict(vpc_id="vpc-busy06", destination_cidr="10.107.0.0/16", next_hop_type="VpcPeer",
                             next_hop_id="pcc-doesnotexist00000"), ["pcc-doesnotexist00000"]),
    # -- vpc_peer_connection / _info, vpc_info --------------------------------------------------
    ("vpc_peer_connection", dict(vpc_id="vpc-busy01"), ["accepting_vpc_id"]),
    ("vpc_peer_connection", dict(vpc_id="vpc-busy01", accepting_vpc_id="vpc-busy02", bandwidth="fast"),
     ["bandwidth"]),
    ("vpc_peer_connection", dict(vpc_id="vpc-busy01", accepting_vpc_id="vpc-busy02", link_type="Diamond"),
     ["link_type"]),
    ("vpc_peer_connection", dict(vpc_id="vpc-busy01", accepting_vpc_id="vpc-busy01"),
     ["accepting_vpc_id", "vpc-busy01"]),
    ("vpc_peer_connection", dict(vpc_id="vpc-busy01", accepting_vpc_id="vpc-memsh", accepting_owner_id=MEMBER_UID,
                                 accepting_region="cn-shanghai", accepting_cidr_blocks=["10.5.0.0/33"]),
     ["accepting_cidr_blocks", "10.5.0.0/33"]),
    ("vpc_peer_connection_info", dict(status=["Sleeping"]), ["status"]),
    ("vpc_info", dict(cidr_block="10.0.0.0/99"), ["cidr_block"]),
    # -- interconnect_info -----------------------------------------------------------------------
    ("interconnect_info", dict(pairs=[dict(source="vpc-busy01")]), ["target"]),
    ("interconnect_info", dict(pairs=[dict(source="vpc-busy01", target="vpc-doesnotexist0000")]),
     ["pairs[0].target", "vpc-doesnotexist0000"]),
    ("interconnect_info", dict(accounts=[dict(HUB_KEYS_ROLE, name="hub", account_id=MEMBER_UID)]),
     ["account hub", MEMBER_UID]),
    # -- transit routers: the router, its service, attachments and grants; vswitch_info ------------
    ("transit_router", dict(cen_id="{{ cen }}", region="cn-nowhere-9"), ["region", "cn-nowhere-9"]),
    ("transit_router", dict(cen_id="{{ cen }}", name="https://hz"), ["name"]),
    ("transit_router", dict(cen_id="cen_bad", name="bi-tr"), ["cen_id"]),
    ("transit_router_info", dict(transit_router_ids=["tr_bad"]), ["transit_router_ids"]),
    ("transit_router_info", dict(region="hangzhou"), ["region"]),
    ("transit_router_service", dict(state="absent"), ["state"]),
    ("transit_router_vpc_attachment", dict(cen_id="{{ cen }}", vpc_id="vpc-trhz"), ["zone_mappings"]),
    ("transit_router_vpc_attachment", dict(cen_id="{{ cen }}", vpc_id="vpc-trhz",
                                           zone_mappings=[dict(vswitch_id="vsw-trshm")]),
     ["zone_mappings", "vsw-trshm"]),
    ("transit_router_vpc_attachment", dict(cen_id="{{ cen }}", vpc_id="vpc-trhz", route_table_id="vtb-notthere",
                                           zone_mappings=[dict(vswitch_id="vsw-trhzj")]), ["route_table_id"]),
    ("transit_router_vpc_attachment", dict(cen_id="{{ cen }}", region="cn-beijing", vpc_id="vpc-trsh",
                                           zone_mappings=[dict(vswitch_id="vsw-trshm")]),
     ["has no transit router of CEN"]),
    ("transit_router_vpc_attachment", dict(cen_id="{{ cen }}", vpc_id="vpc-memhz", vpc_owner_id=MEMBER_UID,
                                           zone_mappings=[dict(vswitch_id="vsw-trhzj")]), ["vpc_owner_id"]),
    ("transit_router_peer_attachment", dict(cen_id="{{ cen }}", peer_region="cn-beijing"),
     ["peer_region", "cn-beijing"]),
    ("transit_router_peer_attachment", dict(cen_id="{{ cen }}", peer_region="cn-hangzhou"), ["both in cn-hangzhou"]),
    ("transit_router_peer_attachment", dict(cen_id="{{ cen }}", peer_region="cn-shanghai", bandwidth=0), ["bandwidth"]),
    ("transit_router_peer_attachment", dict(cen_id="{{ cen }}", peer_region="cn-shanghai",
                                            bandwidth_type="BandwidthPackage", bandwidth=5), ["bandwidth_package_id"]),
    ("transit_router_grant", dict(cen_id="{{ cen }}", instance_id="vpc-hubsh", instance_region="cn-shanghai"),
     ["cen_owner_id"]),
    ("transit_router_grant", dict(cen_id="{{ cen }}", cen_owner_id=MEMBER_UID, instance_id="vbr-hubhz"),
     ["instance_id"]),
    ("transit_router_grant", dict(cen_id="{{ cen }}", cen_owner_id=MEMBER_UID, instance_id="vpc-memhz"),
     ["vpc-memhz"]),
    ("transit_router_route_table", dict(transit_router_id="tr_1", name="bi-rt"), ["transit_router_id"]),
    ("transit_router_route_table", dict(transit_router_id="{{ tr }}", route_table_id="vtb-notthere"),
     ["route_table_id", "vtb-notthere"]),
    ("transit_router_route_table", dict(transit_router_id="{{ tr }}", name="bi-rt",
                                        propagations=["tr-attach-notthere"]), ["tr-attach-notthere"]),
    ("transit_router_route_table", dict(transit_router_id="{{ tr }}", system=True, state="absent"), ["system"]),
    ("transit_router_route_entry", dict(transit_router_id="{{ tr }}", destination_cidr="10.60.0.1/16",
                                        next_hop_type="BlackHole"), ["destination_cidr"]),
    ("transit_router_route_entry", dict(transit_router_id="{{ tr }}", destination_cidr="10.60.0.0/16",
                                        next_hop_id="tr-attach-notthere"), ["next_hop_id", "tr-attach-notthere"]),
    ("transit_router_route_entry", dict(transit_router_id="{{ tr }}", destination_cidr="10.60.0.0/16"),
     ["next_hop_id"]),
    ("transit_router_route_entry", dict(route_table_id="vtb-notthere", destination_cidr="10.60.0.0/16",
                                        next_hop_type="BlackHole"), ["route_table_id", "vtb-notthere"]),
    ("transit_router_route_table_info", dict(transit_router_id="{{ tr }}", route_table_ids=["vtb_1"]),
     ["route_table_ids"]),
    ("transit_router_route_table_info", dict(transit_router_id="{{ tr }}", type="Shared"), ["type"]),
    ("transit_router_attachment_info", dict(), ["transit_router_id", "cen_id"]),
    ("transit_router_attachment_info", dict(cen_id="{{ cen }}", attachment_ids=["attach-1"]), ["attachment_ids"]),
    ("vswitch_info", dict(vpc_id="vsw-trhzj"), ["vpc_id"]),
    ("vswitch_info", dict(zone_id="cn-shanghai-m"), ["zone_id"]),
    # -- roles ----------------------------------------------------------------------------------
    ("role:cen_network", dict(cen_network_owner_account_id=HUB_UID, cen_network_accounts=[dict(account_id=HUB_UID)]),
     ["cen_network_name"]),
    ("role:cen_network", dict(cen_network_name="bi-role", cen_network_state="gone", cen_network_owner_account_id=HUB_UID,
                              cen_network_accounts=[dict(HUB_KEYS_ROLE, account_id=HUB_UID)]), ["cen_network_state"]),
    ("role:cen_network", dict(cen_network_name="bi-role", cen_network_owner_account_id=HUB_UID,
                              cen_network_accounts=[dict(HUB_KEYS_ROLE, account_id=HUB_UID)],
                              cen_network_members=[dict(instance_id="vpc-busy03", vpc_name="busy-03",
                                                        region="cn-hangzhou")]), ["instance_id", "vpc_name"]),
    ("role:cen_network", dict(cen_network_name="bi-role", cen_network_owner_account_id=HUB_UID,
                              cen_network_accounts=[dict(HUB_KEYS_ROLE, account_id=HUB_UID)],
                              cen_network_members=[dict(instance_id="vpc-memhz", region="cn-hangzhou",
                                                        account_id=MEMBER_UID)]), ["vpc-memhz", MEMBER_UID]),
    ("role:cen_network", dict(cen_network_name="bi-role", cen_network_owner_account_id=HUB_UID,
                              cen_network_accounts=[dict(HUB_KEYS_ROLE, account_id=HUB_UID),
                                                    dict(HUB_KEYS_ROLE, account_id=MEMBER_UID)],
                              cen_network_members=[dict(instance_id="vpc-memhz", region="cn-hangzhou",
                                                        account_id=MEMBER_UID)]), [MEMBER_UID]),
    ("role:cen_network", dict(cen_network_name="bi-role", cen_network_owner_account_id=HUB_UID,
                              cen_network_accounts=[dict(HUB_KEYS_ROLE, account_id=HUB_UID)],
                              cen_network_members=[dict(instance_id="vpc-busy03", region="cn-hangzhou"),
                                                   dict(instance_id="vpc-hubsv", region="us-west-1")],
                              cen_network_bandwidth_limits=[dict(local_region="cn-hangzhou",
                                                                 opposite_region="eu-central-1", bandwidth_limit=5)]),
     ["eu-central-1"]),
    ("role:vpc_peering", dict(vpc_peering_name="bi-peer", vpc_peering_method="tunnel",
                              vpc_peering_initiator=dict(HUB_KEYS_ROLE, vpc_id="vpc-busy04", region="cn-hangzhou"),
                              vpc_peering_acceptor=dict(HUB_KEYS_ROLE, vpc_id="vpc-busy05", region="cn-hangzhou")),
     ["vpc_peering_method"]),
    ("role:vpc_peering", dict(vpc_peering_name="bi-peer",
                              vpc_peering_initiator=dict(HUB_KEYS_ROLE, vpc_id="vpc-busy04", region="cn-hangzhou"),
                              vpc_peering_acceptor=dict(HUB_KEYS_ROLE, vpc_id="vpc-busy04", region="cn-hangzhou")),
     ["same VPC", "two VPCs"]),
    ("role:vpc_peering", dict(vpc_peering_name="bi-peer", vpc_peering_spec="Huge.9",
                              vpc_peering_initiator=dict(HUB_KEYS_ROLE, vpc_id="vpc-busy04", region="cn-hangzhou"),
                              vpc_peering_acceptor=dict(HUB_KEYS_ROLE, vpc_id="vpc-busy05", region="cn-hangzhou")),
     ["vpc_peering_spec"]),
    ("role:vpc_peering", dict(vpc_peering_name="bi-peer",
                              vpc_peering_initiator=dict(vpc_id="vpc-busy04", region="cn-hangzhou"),
                              vpc_peering_acceptor=dict(HUB_KEYS_ROLE, vpc_id="vpc-busy05", region="cn-hangzhou")),
     ["access_key"]),
    ("role:vpc_peering", dict(vpc_peering_name="bi-peer", vpc_peering_method="vpc_peer",
                              vpc_peering_initiator=dict(HUB_KEYS_ROLE, vpc_id="vpc-busy04", region="cn-hangzhou"),
                              vpc_peering_acceptor=dict(HUB_KEYS_ROLE, vpc_name="no-such-name", region="cn-hangzhou")),
     ["no-such-name"]),
]


def task_name(index, target):
    return "case %02d: %s" % (index, target.split(":")[-1])


def case_tasks(index, target, args):
    name = task_name(index, target)
    if target.startswith("role:"):
        return {"name": name, "block": [{"name": name + " (role)",
                                         "ansible.builtin.include_role": {"name": "alicloud.interconnect." + target[5:]},
                                         "vars": args}],
                "rescue": [{"name": name + " (failure)",
                            "ansible.builtin.set_fact": {"bad_input_failure": "{{ ansible_failed_result }}"}}]}
    return {"name": name, "alicloud.interconnect." + target.split(":")[-1]: args, "ignore_errors": True}


def play(name, tasks, credentials=None):
    defaults = dict(credentials or {}, alicloud_region="cn-hangzhou")
    return {"name": name, "hosts": "localhost", "gather_facts": False,
            "module_defaults": {"group/alicloud.interconnect.all": defaults}, "tasks": tasks}


def setup_playbook(path):
    tasks = [{"name": "setup %d: %s" % (i, module), "alicloud.interconnect." + module: args}
             for i, (module, args) in enumerate(SETUP)]
    tasks[0]["register"] = "first"
    tasks[-2]["register"] = "peering"
    for task in tasks[1:]:
        for value in task.values():
            if isinstance(value, dict) and value.get("cen_id") == "{{ cen }}":
                value["cen_id"] = "{{ first.cen_id }}"
            if isinstance(value, dict) and value.get("next_hop_id") == "{{ peer }}":
                value["next_hop_id"] = "{{ peering.peer_connection_id }}"
    return harness.write_playbook(path, [play("setup", tasks, HUB)])


def matrix_playbook(path):
    without = [case_tasks(i, t, a) for i, (t, a, _w) in enumerate(CASES) if t.startswith("credentials:")]
    with_hub = [case_tasks(i, t, a) for i, (t, a, _w) in enumerate(CASES) if not t.startswith("credentials:")]
    return harness.write_playbook(path, [play("bad credentials", without), play("bad input", with_hub, HUB)])


def credentials_file(tmp_path):
    """An aliyun CLI configuration with one profile (ops-team), for the profile case."""
    path = tmp_path / "aliyun-config.json"
    path.write_text(json.dumps({"current": "ops-team", "profiles": [
        {"name": "ops-team", "mode": "AK", "access_key_id": "RELHUBKEY", "access_key_secret": "rel-hub-secret-7f3a",
         "region_id": "cn-hangzhou"}]}))
    return str(path)


def failure_of(run, index, target):
    """The failed result of a case, or None when it did not fail."""
    name = task_name(index, target)
    if target.startswith("role:"):
        rescued = [r for r in run.results if r["task"] == name + " (failure)"]
        return rescued[0]["result"]["ansible_facts"]["bad_input_failure"] if rescued else None
    result = run.by_name(name)[0]
    return result["result"] if result["status"] == "failed" else None


@pytest.mark.timeout(10)
def test_targets_cover_every_module_and_role():
    modules = set(name[:-3] for name in os.listdir(os.path.join(harness.ROOT, "plugins", "modules"))
                  if name.endswith(".py") and not name.startswith("_"))
    roles = set("role:" + name for name in os.listdir(os.path.join(harness.ROOT, "roles")))
    covered = set(target.split(":")[-1] if not target.startswith("role:") else target for target, _a, _w in CASES)
    assert modules | roles <= covered
    assert len(CASES) >= 40


@pytest.mark.timeout(300)
def test_every_bad_input_fails_naming_the_option_or_code_without_writing(world, ansible, tmp_path, world_seed):
    setup = ansible.run(setup_playbook(str(tmp_path / "setup.yml")), "setup")
    harness.assert_converged(setup, world)
    before = world.settled_state()
    cens = dict((c["Name"], c["CenId"]) for c in before["tables"]["cen"].values())
    routers = dict((r["TransitRouterName"], r["TransitRouterId"]) for r in before["tables"]["transit_router"].values())

    run = ansible.run(matrix_playbook(str(tmp_path / "matrix.yml")), "bad input",
                      extra_vars=dict(cen=cens["bi-cen"], other=cens["bi-other"], tr=routers["bi-tr"],
                                      credentials_file=credentials_file(tmp_path)))
    problems = []
    request_ids = {}
    for index, (target, args, words) in enumerate(CASES):
        failure = failure_of(run, index, target)
        label = "%s %s" % (task_name(index, target), sorted(args))
        if failure is None:
            problems.append("%s: did not fail" % label)
            continue
        request_ids[failure.get("request_id")] = label
        # A loop's failure says "One or more items failed"; its items say why.
        msg = " | ".join(str(r.get("msg", "")) for r in [failure] + failure.get("results", []) if r.get("failed")
                         or r is failure)
        if not any(word in msg or word == failure.get("code") for word in words):
            problems.append("%s: the message names none of %s: %s" % (label, words, msg[:600]))
    writes = [c for c in world.calls(writes=True, since=run.first_seq) if c["seq"] <= run.last_seq]
    for call in writes:
        problems.append("a write during the matrix: %s%s" % (
            harness.describe_call(call), " (%s)" % request_ids[call["request_id"]] if call["request_id"] in request_ids
            else ""))
    assert not problems, "\n".join(problems)
    after = world.settled_state()
    diff = harness.shape_diff(harness.shape(before, harness.seed_ids(world_seed)),
                              harness.shape(after, harness.seed_ids(world_seed)))
    assert not diff, diff

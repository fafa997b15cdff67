"""vSwitches (VPC 2016-04-28) through the official VPC SDK client: CreateVSwitch,
DeleteVSwitch, DescribeVSwitches, DescribeVSwitchAttributes, and vSwitches in seeds.

The ``env`` fixture (a seeded emulator on a fake clock) comes from test_vpc.py.
"""

import json
import re

import pytest
from conftest import SEED, UID1, UID2
from test_vpc import HZ, SH, TRANSITION, Clock, Env, env  # noqa: F401  pylint: disable=unused-import

from alicloud_emulator.seed import SeedError
from alicloud_emulator.services.vpc import shared as vpc_shared

# The test seed with two vSwitches in VPC vpc-a1, in two zones where transit routers are available.
VSWITCHES = [
    {"id": "vsw-a1j", "vpc": "vpc-a1", "zone": "cn-hangzhou-j", "cidr": "10.0.1.0/24", "name": "a1-j"},
    {"id": "vsw-a1k", "vpc": "vpc-a1", "zone": "cn-hangzhou-k", "cidr": "10.0.2.0/24"},
]
SEEDED = dict(SEED, vswitches=VSWITCHES)


@pytest.fixture
def seeded(emulator_factory):
    clock = Clock()
    return Env(emulator_factory(seed=SEEDED, transition_seconds=TRANSITION, clock=clock), clock)


# =============================================================================== operations
def vswitch(env, vpc_id="vpc-a1", zone="cn-hangzhou-h", settle=True, who=UID1, **params):
    vsw_id = env.call(who, "CreateVSwitch", VpcId=vpc_id, ZoneId=zone, **params)["VSwitchId"]
    if settle:
        env.settle()
    return vsw_id


def test_a_vswitch_is_pending_then_available_and_adds_its_system_route(env):
    vsw_id = vswitch(
        env,
        CidrBlock="10.0.1.0/24",
        VSwitchName="web",
        Description="web tier",
        settle=False,
        Tag=[{"Key": "tier", "Value": "web"}],
    )
    assert re.match(r"^vsw-[0-9a-z]{20}$", vsw_id)
    attr = env.call(UID1, "DescribeVSwitchAttributes", VSwitchId=vsw_id)
    assert attr["Status"] == "Pending"
    env.refused(
        UID1,
        "CreateVSwitch",
        "OperationDenied.OtherSubnetCreating",
        VpcId="vpc-a1",
        ZoneId="cn-hangzhou-h",
        CidrBlock="10.0.2.0/24",
    )
    env.refused(UID1, "DeleteVSwitch", "IncorrectVSwitchStatus", VSwitchId=vsw_id)
    env.settle()
    attr = env.call(UID1, "DescribeVSwitchAttributes", VSwitchId=vsw_id, RegionId=HZ)
    assert (attr["Status"], attr["VpcId"], attr["ZoneId"], attr["CidrBlock"]) == (
        "Available",
        "vpc-a1",
        "cn-hangzhou-h",
        "10.0.1.0/24",
    )
    assert (attr["VSwitchName"], attr["Description"], attr["AvailableIpAddressCount"], attr["OwnerId"]) == (
        "web",
        "web tier",
        252,
        int(UID1),
    )
    assert attr["RouteTable"] == {"RouteTableId": env.table_of("vpc-a1"), "RouteTableType": "System"}
    assert attr["Tags"] == {"Tag": [{"Key": "tier", "Value": "web"}]}
    assert env.vpc("vpc-a1")["VSwitchIds"] == {"VSwitchId": [vsw_id]}
    system = env.entries(env.table_of("vpc-a1"), RouteEntryType="System")
    assert [(e["DestinationCidrBlock"], e["NextHops"]["NextHop"][0]["NextHopType"]) for e in system] == [
        ("100.64.0.0/10", "service"),
        ("10.0.1.0/24", "local"),
    ]
    tables = env.call(UID1, "DescribeRouteTables", RouteTableId=env.table_of("vpc-a1"))["RouteTables"]["RouteTable"]
    assert tables[0]["VSwitchIds"] == {"VSwitchId": [vsw_id]}


def test_a_vswitch_can_take_the_first_free_block_of_a_mask(env):
    first = vswitch(env, CidrMask=24)
    second = vswitch(env, CidrMask=24)
    cidrs = [env.call(UID1, "DescribeVSwitchAttributes", VSwitchId=v)["CidrBlock"] for v in (first, second)]
    assert cidrs == ["10.0.0.0/24", "10.0.1.0/24"]
    env.refused(
        UID1, "CreateVSwitch", "InvalidCirdrBlock.MaskLength", VpcId="vpc-a1", ZoneId="cn-hangzhou-h", CidrMask=15
    )


@pytest.mark.parametrize(
    "who, params, code, status",
    [
        (UID2, {}, "InvalidVpcId.NotFound", 404),
        (UID1, {"RegionId": SH}, "InvalidVpcId.NotFound", 404),
        (UID1, {"ZoneId": "cn-shanghai-b"}, "InvalidZoneId.NotFound", 404),
        (UID1, {"ZoneId": "hangzhou"}, "InvalidZoneId.NotFound", 404),
        (UID1, {"ZoneId": "cn-hangzhou-z"}, "InvalidZoneId.NotFound", 404),
        (UID1, {"CidrBlock": "10.1.0.0/24"}, "InvalidParameter", 400),
        (UID1, {"CidrBlock": "10.0.0.0/30"}, "InvalidCirdrBlock.MaskLength", 400),
        (UID1, {"CidrBlock": "10.0.0.1/24"}, "InvalidCidrBlock.Malformed", 400),
        (UID1, {"CidrBlock": None}, "MissingParameter", 400),
        (UID1, {"Ipv6CidrBlock": 12}, "OperationFailed.VpcIpv6Disabled", 400),
        (UID1, {"VSwitchName": "http://x"}, "InvalidVSwitchName.Malformed", 400),
        (UID1, {"Description": "d" * 257}, "InvalidVSwitchDiscription.Malformed", 400),
    ],
)
def test_create_vswitch_refusals(env, who, params, code, status):
    request = dict({"VpcId": "vpc-a1", "ZoneId": "cn-hangzhou-h", "CidrBlock": "10.0.0.0/24"}, **params)
    env.refused(who, "CreateVSwitch", code, status, **{k: v for k, v in request.items() if v is not None})


def test_vswitches_do_not_overlap_each_other_or_custom_routes(env):
    vswitch(env, CidrBlock="10.0.0.0/24")
    env.refused(
        UID1,
        "CreateVSwitch",
        "InvalidCidrBlock.Overlapped",
        VpcId="vpc-a1",
        ZoneId="cn-hangzhou-h",
        CidrBlock="10.0.0.0/23",
    )
    env.refused(
        UID1,
        "CreateRouteEntry",
        "InvalidCidrBlock",
        RouteTableId=env.table_of("vpc-a1"),
        DestinationCidrBlock="10.0.0.128/25",
        NextHopType="RouterInterface",
        NextHopId=env.ri("vpc-a1", SH),
    )
    env.route(env.table_of("vpc-a1"), "10.0.8.0/24", "RouterInterface", env.ri("vpc-a1", SH))
    env.refused(
        UID1,
        "CreateVSwitch",
        "RouteConflict.AlreadyExist",
        VpcId="vpc-a1",
        ZoneId="cn-hangzhou-h",
        CidrBlock="10.0.8.0/22",
    )


def test_a_vswitch_holds_its_vpc_and_its_cidr_block(env):
    vsw_id = vswitch(env, CidrBlock="10.0.4.0/24")
    env.refused(UID1, "DeleteVpc", "DependencyViolation.VSwitch", VpcId="vpc-a1")
    env.refused(UID1, "ModifyVpcAttribute", "IllegalCidrBlock", VpcId="vpc-a1", CidrBlock="10.0.0.0/22")
    env.refused(UID2, "DeleteVSwitch", "InvalidVSwitchId.NotFound", 404, VSwitchId=vsw_id)
    env.refused(UID1, "DeleteVSwitch", "DryRunOperation", VSwitchId=vsw_id, DryRun=True)
    env.call(UID1, "DeleteVSwitch", VSwitchId=vsw_id)
    assert env.call(UID1, "DescribeVSwitchAttributes", VSwitchId=vsw_id)["Status"] == "Pending"
    env.refused(UID1, "DeleteVSwitch", "IncorrectVSwitchStatus", VSwitchId=vsw_id)
    env.refused(UID1, "DeleteVpc", "DependencyViolation.VSwitch", VpcId="vpc-a1")
    assert [e["DestinationCidrBlock"] for e in env.entries(env.table_of("vpc-a1"))] == ["100.64.0.0/10"]
    env.settle()
    assert env.error(UID1, "DescribeVSwitchAttributes", VSwitchId=vsw_id) == ("InvalidVSwitchId.NotFound", 400)
    env.call(UID1, "DeleteVpc", VpcId="vpc-a1")


def test_describe_vswitches_filters_pages_and_isolates(env):
    web = vswitch(env, CidrBlock="10.0.1.0/24", VSwitchName="web", Tag=[{"Key": "tier", "Value": "web"}])
    db = vswitch(env, CidrBlock="10.0.2.0/24", zone="cn-hangzhou-i", VSwitchName="db")
    other = vswitch(env, "vpc-a2", "cn-shanghai-b", CidrBlock="10.1.1.0/24")

    def ids(who=UID1, **params):
        return [v["VSwitchId"] for v in env.call(who, "DescribeVSwitches", **params)["VSwitches"]["VSwitch"]]

    assert ids(RegionId=HZ) == [web, db]
    assert ids(VpcId="vpc-a2") == [other]
    assert ids(RegionId=HZ, ZoneId="cn-hangzhou-i") == [db]
    assert ids(RegionId=HZ, VSwitchName="web") == [web]
    assert ids(RegionId=HZ, VSwitchId=db) == [db]
    assert ids(RegionId=HZ, Tag=[{"Key": "tier"}]) == [web]
    assert ids(RegionId=HZ, IsDefault=True) == []
    assert ids(RegionId=HZ, VSwitchOwnerId=int(UID2)) == []
    assert ids(UID2, RegionId=HZ) == []
    assert ids(RegionId=HZ, PageSize=1, PageNumber=2) == [db]
    assert env.error(UID1, "DescribeVSwitches") == ("MissingParameter", 400)
    assert env.error(UID1, "DescribeVSwitches", RegionId=HZ, DryRun=True) == ("DryRunOperation", 400)
    env.call(
        UID1, "TagResources", RegionId=HZ, ResourceType="VSWITCH", ResourceId=[db], Tag=[{"Key": "tier", "Value": "db"}]
    )
    rows = env.call(UID1, "ListTagResources", RegionId=HZ, ResourceType="VSWITCH", Tag=[{"Key": "tier"}])
    assert sorted((r["ResourceId"], r["TagValue"]) for r in rows["TagResources"]["TagResource"]) == sorted(
        [(web, "web"), (db, "db")]
    )


def test_vswitch_creation_waits_for_its_vpc_and_route_table(env):
    fresh = env.new_vpc(settle=False)
    env.refused(UID1, "CreateVSwitch", "IncorrectVpcStatus", VpcId=fresh, ZoneId="cn-hangzhou-h", CidrMask=24)
    env.route(env.table_of("vpc-a1"), "10.8.0.0/16", "RouterInterface", env.ri("vpc-a1", SH), settle=False)
    env.refused(UID1, "CreateVSwitch", "IncorrectRouteEntryStatus", VpcId="vpc-a1", ZoneId="cn-hangzhou-h", CidrMask=24)
    env.settle()
    vsw_id = vswitch(env, CidrMask=24)
    env.route(env.table_of("vpc-a1"), "10.9.0.0/16", "RouterInterface", env.ri("vpc-a1", SH), settle=False)
    env.refused(UID1, "DeleteVSwitch", "IncorrectRouteEntryStatus", VSwitchId=vsw_id, RegionId=HZ)
    assert env.error(UID1, "DescribeVSwitchAttributes", VSwitchId=vsw_id, DryRun=True) == ("DryRunOperation", 400)


def test_a_small_vpc_runs_out_of_vswitch_blocks(env):
    small = env.new_vpc(cidr="192.168.0.0/28")
    vswitch(env, small, CidrMask=29)
    vswitch(env, small, CidrMask=29)
    env.refused(UID1, "CreateVSwitch", "InvalidCidrBlock.Overlapped", VpcId=small, ZoneId="cn-hangzhou-h", CidrMask=29)



def test_describe_vswitches_pages_as_documented(env):
    made = [vswitch(env, CidrBlock="10.0.%d.0/24" % i) for i in range(3)]
    page = env.call(UID1, "DescribeVSwitches", RegionId=HZ, PageSize=2, PageNumber=2)
    assert [v["VSwitchId"] for v in page["VSwitches"]["VSwitch"]] == made[2:]
    assert (page["TotalCount"], page["PageNumber"], page["PageSize"]) == (3, 2, 2)
    first = env.call(UID1, "DescribeVSwitches", RegionId=HZ)
    assert (len(first["VSwitches"]["VSwitch"]), first["PageNumber"], first["PageSize"]) == (3, 1, 10)
    assert env.error(UID1, "DescribeVSwitches", RegionId=HZ, PageSize=51) == ("InvalidParameter", 400)
    assert env.error(UID1, "DescribeVSwitches", RegionId=HZ, PageNumber=0) == ("InvalidParameter", 400)


def test_no_vswitch_is_deleted_while_another_of_its_vpc_is_being_created_or_deleted(env):
    first = vswitch(env, CidrBlock="10.0.1.0/24")
    second = vswitch(env, CidrBlock="10.0.2.0/24", settle=False)
    env.refused(UID1, "DeleteVSwitch", "IncorrectVSwitchStatus", VSwitchId=first)
    env.settle()
    env.call(UID1, "DeleteVSwitch", VSwitchId=second)
    env.refused(UID1, "DeleteVSwitch", "IncorrectVSwitchStatus", VSwitchId=first)
    other_vpc = vswitch(env, "vpc-a2", "cn-shanghai-b", CidrBlock="10.1.1.0/24")
    env.call(UID1, "DeleteVSwitch", VSwitchId=other_vpc)
    env.settle()
    env.call(UID1, "DeleteVSwitch", VSwitchId=first)


def test_a_vswitch_in_use_by_another_product_cannot_be_deleted(env, monkeypatch):
    vsw_id = vswitch(env, CidrBlock="10.0.1.0/24")
    monkeypatch.setattr(
        vpc_shared, "VSWITCH_USERS", [lambda world, found: "tr-attach-x" if found == vsw_id else None]
    )
    env.refused(UID1, "DeleteVSwitch", "DependencyViolation", VSwitchId=vsw_id)
    other = vswitch(env, CidrBlock="10.0.2.0/24")
    env.call(UID1, "DeleteVSwitch", VSwitchId=other)
    env.settle()
    monkeypatch.setattr(vpc_shared, "VSWITCH_USERS", [])
    env.call(UID1, "DeleteVSwitch", VSwitchId=vsw_id)


# =============================================================================== seeds
def test_seeded_vswitches_are_available_in_their_zones_with_their_routes(seeded):
    listed = seeded.call(UID1, "DescribeVSwitches", VpcId="vpc-a1")["VSwitches"]["VSwitch"]
    assert [(v["VSwitchId"], v["ZoneId"], v["CidrBlock"], v["VSwitchName"], v["Status"]) for v in listed] == [
        ("vsw-a1j", "cn-hangzhou-j", "10.0.1.0/24", "a1-j", "Available"),
        ("vsw-a1k", "cn-hangzhou-k", "10.0.2.0/24", "", "Available"),
    ]
    assert listed[0]["OwnerId"] == int(UID1) and listed[0]["RouteTable"]["RouteTableType"] == "System"
    assert seeded.vpc("vpc-a1")["VSwitchIds"] == {"VSwitchId": ["vsw-a1j", "vsw-a1k"]}
    local = [e["DestinationCidrBlock"] for e in seeded.entries(seeded.table_of("vpc-a1"), RouteEntryType="System")]
    assert local == ["100.64.0.0/10", "10.0.1.0/24", "10.0.2.0/24"]
    assert seeded.call(UID2, "DescribeVSwitches", RegionId=HZ)["VSwitches"]["VSwitch"] == []
    assert sorted(seeded.running.admin("GET", "/_emulator/state")[1]["tables"]["vswitch"]) == ["vsw-a1j", "vsw-a1k"]


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"id": "vsw-A1"}, r"vswitches\[2\]: id 'vsw-A1' is not a valid VSW id"),
        ({"id": "vpc-x"}, r"vswitches\[2\]: id 'vpc-x' is not a valid VSW id"),
        ({"id": "vsw-a1j"}, r"vswitches\[2\]: id vsw-a1j is given twice"),
        ({"vpc": "vpc-zz"}, r"vswitches\[2\]: vpc 'vpc-zz' is not in vpcs"),
        ({"zone": "cn-shanghai-b"}, r"zone 'cn-shanghai-b' is not a zone of cn-hangzhou \(its zones: cn-hangzhou-b, "),
        ({"zone": "cn-hangzhou-z"}, r"zone 'cn-hangzhou-z' is not a zone of cn-hangzhou"),
        ({"cidr": None}, r"vswitches\[2\]: cidr is required"),
        ({"cidr": "10.1.0.0/24"}, r"cidr '10.1.0.0/24' does not fit VPC vpc-a1 \(10.0.0.0/16\): InvalidParameter"),
        ({"cidr": "10.0.1.128/25"}, r"does not fit VPC vpc-a1 .*InvalidCidrBlock.Overlapped"),
        ({"cidr": "10.0.3.1/24"}, r"InvalidCidrBlock.Malformed"),
        ({"cidr": "10.0.3.0/30"}, r"InvalidCirdrBlock.MaskLength"),
        ({"account": UID1}, r"vswitches\[2\]: unknown keys account"),
    ],
)
def test_the_seed_loader_refuses_unusable_vswitches(emulator_factory, entry, message):
    bad = dict({"id": "vsw-a1x", "vpc": "vpc-a1", "zone": "cn-hangzhou-i", "cidr": "10.0.3.0/24"}, **entry)
    bad = {key: value for key, value in bad.items() if value is not None}
    with pytest.raises(SeedError, match=message):
        emulator_factory(seed=dict(SEEDED, vswitches=VSWITCHES + [bad]))


def test_vswitches_survive_a_restart_with_a_state_file(emulator_factory, tmp_path):
    state = str(tmp_path / "state.json")
    clock = Clock()
    first = Env(emulator_factory(seed=SEEDED, state_file=state, transition_seconds=TRANSITION, clock=clock), clock)
    made = vswitch(first, zone="cn-hangzhou-i", CidrBlock="10.0.3.0/24", VSwitchName="made")
    first.call(UID1, "DeleteVSwitch", VSwitchId="vsw-a1k")
    first.running.stop()
    with open(state) as handle:
        assert sorted(json.load(handle)["tables"]["vswitch"]) == sorted(["vsw-a1j", "vsw-a1k", made])
    second = Env(emulator_factory(seed=SEEDED, state_file=state, transition_seconds=TRANSITION, clock=clock), clock)
    assert second.call(UID1, "DescribeVSwitchAttributes", VSwitchId=made)["VSwitchName"] == "made"
    assert second.call(UID1, "DescribeVSwitchAttributes", VSwitchId="vsw-a1k")["Status"] == "Pending"
    second.settle()
    listed = second.call(UID1, "DescribeVSwitches", VpcId="vpc-a1")["VSwitches"]["VSwitch"]
    assert [v["VSwitchId"] for v in listed] == ["vsw-a1j", made]

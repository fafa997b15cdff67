"""The emulator's VPC service driven through the official VPC SDK client: VPCs,
vRouters, route tables and entries, VBRs, regions, CEN grants and tags.

Transitions run on a fake clock: ``env.settle()`` moves it past the transition
time, so every state machine is walked step by step without sleeping.
``env.refused(...)`` checks a refusal's code and HTTP status and that the world
did not change. The ``env`` fixture and ``Env`` are shared with the router
interface and VpcPeer tests.
"""

import copy
import re
import time
import typing

import pytest
from alibabacloud_cbn20170912 import models as cbn_models
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_vpc20160428 import models as vpc_models
from alibabacloud_vpcpeer20220101 import models as peer_models
from conftest import SEED, UID1, UID2, make_client

from alicloud_emulator import catalog
from alicloud_emulator.seed import SeedError

TRANSITION = 10.0
HZ, SH = "cn-hangzhou", "cn-shanghai"
TIME_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
MODELS = {"vpc": vpc_models, "vpcpeer": peer_models, "cbn": cbn_models}


class Clock(object):
    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now


class Env(object):
    """One seeded emulator on a fake clock, and helpers to call it as either account."""

    def __init__(self, running, clock):
        self.running = running
        self.world = running.world
        self.clock = clock
        self._clients = {}
        self._catalog = catalog.load()

    def client(self, product, who):
        if (product, who) not in self._clients:
            self._clients[(product, who)] = make_client(self.running.endpoint, product, who)
        return self._clients[(product, who)]

    def call(self, who, action, product="vpc", **params):
        """Call an operation with wire-named parameters through the SDK; the response body as a dict."""
        client = self.client(product, who)
        method = self._catalog.get(product, action).sdk_method
        hints = typing.get_type_hints(getattr(type(client), method + "_with_options"))
        request = (hints.get("request") or hints.get("tmp_req"))().from_map(params)
        return getattr(client, method)(request).body.to_map()

    def peer(self, who, action, **params):
        return self.call(who, action, product="vpcpeer", **params)

    def cbn(self, who, action, **params):
        return self.call(who, action, product="cbn", **params)

    def error(self, who, action, product="vpc", **params):
        """Call an operation that must fail: ``(code, http status)``."""
        with pytest.raises(ClientException) as info:
            self.call(who, action, product=product, **params)
        return info.value.code, info.value.status_code

    def snapshot(self):
        with self.world.lock:
            self.world.tick()
            tables = {kind: table for kind, table in self.world.tables.items() if table}
            return copy.deepcopy((tables, self.world.pending))

    def refused(self, who, action, code, status=400, product="vpc", **params):
        """The call fails with ``code``/``status`` and changes nothing."""
        before = self.snapshot()
        assert self.error(who, action, product=product, **params) == (code, status)
        assert self.snapshot() == before

    def settle(self):
        self.clock.now += TRANSITION + 1

    # ------------------------------------------------------------ shortcuts
    def vpc(self, vpc_id, who=UID1, region=HZ):
        found = self.call(who, "DescribeVpcs", RegionId=region, VpcId=vpc_id)["Vpcs"]["Vpc"]
        return found[0] if found else None

    def router_of(self, vpc_id):
        return self.world.get("vpc", vpc_id)["VRouterId"]

    def table_of(self, vpc_id):
        return self.world.get("vpc", vpc_id)["RouteTableId"]

    def new_vpc(self, who=UID1, region=HZ, cidr="192.168.0.0/16", settle=True, **params):
        vpc_id = self.call(who, "CreateVpc", RegionId=region, CidrBlock=cidr, **params)["VpcId"]
        if settle:
            self.settle()
        return vpc_id

    def entries(self, table_id, who=UID1, region=HZ, **params):
        found = self.call(who, "DescribeRouteEntryList", RegionId=region, RouteTableId=table_id, **params)
        return found["RouteEntrys"]["RouteEntry"]

    def route(self, table_id, dest, hop_type, hop_id, who=UID1, region=HZ, settle=True, **params):
        entry_id = self.call(
            who,
            "CreateRouteEntry",
            RegionId=region,
            RouteTableId=table_id,
            DestinationCidrBlock=dest,
            NextHopType=hop_type,
            NextHopId=hop_id,
            **params
        )["RouteEntryId"]
        if settle:
            self.settle()
        return entry_id

    def ri(self, vpc_id, opposite_region, who=UID1, region=HZ, role="InitiatingSide", spec=None, **params):
        spec = spec or ("Mini.2" if role == "InitiatingSide" else "Negative")
        return self.call(
            who,
            "CreateRouterInterface",
            RegionId=region,
            Role=role,
            Spec=spec,
            RouterType="VRouter",
            RouterId=self.router_of(vpc_id),
            OppositeRegionId=opposite_region,
            **params
        )["RouterInterfaceId"]

    def describe_ri(self, ri_id, who=UID1, region=HZ):
        return self.call(who, "DescribeRouterInterfaceAttribute", RegionId=region, InstanceId=ri_id)

    def pcc(self, vpc_id, accepting_vpc, accepting_region, who=UID1, region=HZ, accepter=UID1, settle=True, **params):
        instance_id = self.peer(
            who,
            "CreateVpcPeerConnection",
            RegionId=region,
            VpcId=vpc_id,
            AcceptingVpcId=accepting_vpc,
            AcceptingRegionId=accepting_region,
            AcceptingAliUid=int(accepter),
            **params
        )["InstanceId"]
        if settle:
            self.settle()
        return instance_id

    def cen(self, who=UID1):
        cen_id = self.cbn(who, "CreateCen", Name="core")["CenId"]
        self.settle()
        return cen_id

    def attach(self, cen_id, instance, region=HZ, who=UID1, **params):
        self.cbn(
            who,
            "AttachCenChildInstance",
            CenId=cen_id,
            ChildInstanceId=instance,
            ChildInstanceType="VPC",
            ChildInstanceRegionId=region,
            **params
        )


@pytest.fixture
def env(emulator_factory):
    clock = Clock()
    running = emulator_factory(seed=SEED, transition_seconds=TRANSITION, clock=clock)
    return Env(running, clock)


# =============================================================================== VPCs
def test_a_seeded_vpc_has_its_vrouter_system_route_table_and_system_route(env):
    vpc = env.vpc("vpc-a1")
    assert (vpc["VpcId"], vpc["VpcName"], vpc["CidrBlock"], vpc["Status"]) == (
        "vpc-a1",
        "a1",
        "10.0.0.0/16",
        "Available",
    )
    assert (vpc["RegionId"], vpc["OwnerId"], vpc["IsDefault"], vpc["CenStatus"]) == (HZ, int(UID1), False, "Detached")
    router_id, table_id = vpc["VRouterId"], env.table_of("vpc-a1")
    assert re.match(r"^vrt-[0-9a-z]{20}$", router_id) and re.match(r"^vtb-[0-9a-z]{20}$", table_id)
    assert vpc["RouterTableIds"] == {"RouterTableIds": [table_id]}
    assert vpc["VSwitchIds"] == {"VSwitchId": []}
    routers = env.call(UID1, "DescribeVRouters", RegionId=HZ, VRouterId=router_id)["VRouters"]["VRouter"]
    assert routers[0]["VpcId"] == "vpc-a1" and routers[0]["RouteTableIds"] == {"RouteTableId": [table_id]}
    tables = env.call(UID1, "DescribeRouteTables", RegionId=HZ, VRouterId=router_id)["RouteTables"]["RouteTable"]
    assert [(t["RouteTableId"], t["RouteTableType"], t["VRouterId"]) for t in tables] == [
        (table_id, "System", router_id)
    ]
    system = tables[0]["RouteEntrys"]["RouteEntry"]
    assert [(e["DestinationCidrBlock"], e["Type"], e["Status"], e["NextHopType"]) for e in system] == [
        ("100.64.0.0/10", "System", "Available", "service")
    ]
    listed = env.call(UID1, "DescribeRouteTableList", RegionId=HZ, VpcId="vpc-a1")["RouterTableList"]
    assert [
        (t["RouteTableId"], t["RouterId"], t["RouterType"], t["OwnerId"]) for t in listed["RouterTableListType"]
    ] == [(table_id, router_id, "VRouter", int(UID1))]
    assert [e["Type"] for e in env.entries(table_id, RouteEntryType="System")] == ["System"]


def test_create_vpc_is_pending_then_available_and_busy_meanwhile(env):
    created = env.call(
        UID1,
        "CreateVpc",
        RegionId=HZ,
        CidrBlock="192.168.0.0/16",
        VpcName="web",
        Description="the web tier",
        Tag=[{"Key": "env", "Value": "dev"}],
    )
    vpc_id = created["VpcId"]
    assert re.match(r"^vpc-[0-9a-z]{20}$", vpc_id)
    assert created["VRouterId"] == env.router_of(vpc_id) and created["RouteTableId"] == env.table_of(vpc_id)
    assert created["ResourceGroupId"].startswith("rg-")
    attr = env.call(UID1, "DescribeVpcAttribute", RegionId=HZ, VpcId=vpc_id)
    assert attr["Status"] == "Pending"
    env.refused(UID1, "ModifyVpcAttribute", "IncorrectVpcStatus", VpcId=vpc_id, VpcName="x")
    env.refused(UID1, "DeleteVpc", "IncorrectVpcStatus", VpcId=vpc_id)
    env.settle()
    attr = env.call(UID1, "DescribeVpcAttribute", RegionId=HZ, VpcId=vpc_id)
    assert (attr["Status"], attr["VpcName"], attr["Description"], attr["CidrBlock"]) == (
        "Available",
        "web",
        "the web tier",
        "192.168.0.0/16",
    )
    assert attr["Tags"] == {"Tag": [{"Key": "env", "Value": "dev"}]}
    assert attr["OwnerId"] == int(UID1) and TIME_RE.match(attr["CreationTime"])
    assert attr["AssociatedCens"] == {"AssociatedCen": []}


def test_create_vpc_defaults_to_172_16_0_0_12(env):
    vpc_id = env.call(UID1, "CreateVpc", RegionId=HZ)["VpcId"]
    assert env.vpc(vpc_id)["CidrBlock"] == "172.16.0.0/12"


@pytest.mark.parametrize(
    "cidr",
    [
        "10.0.0.0/7",
        "10.0.0.0/29",
        "10.0.0.1/16",
        "100.64.0.0/16",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "224.0.0.0/8",
        "fd00::/48",
        "not-a-cidr",
    ],
)
def test_create_vpc_refuses_an_unusable_cidr_block(env, cidr):
    env.refused(UID1, "CreateVpc", "InvalidParameter", RegionId=HZ, CidrBlock=cidr)


@pytest.mark.parametrize(
    "params, code, status",
    [
        ({"RegionId": "xx-nowhere-1"}, "InvalidRegionId.NotFound", 404),
        ({"RegionId": HZ, "VpcName": "http://web"}, "InvalidVpcName.Malformed", 400),
        ({"RegionId": HZ, "VpcName": "n" * 129}, "InvalidVpcName.Malformed", 400),
        ({"RegionId": HZ, "Description": "d" * 257}, "InvalidVpcDiscription.Malformed", 400),
        ({"RegionId": HZ, "EnableIpv6": True}, "OperationUnsupported.Ipv6Feature", 400),
        ({"RegionId": HZ, "UserCidr": "10.0.0.0/8,11.0.0.0/8,12.0.0.0/8,13.0.0.0/8"}, "InvalidUserCidr.Quota", 400),
        ({"RegionId": HZ, "UserCidr": "100.64.0.0/12"}, "InvalidUserCidr.Malformed", 400),
        ({"RegionId": HZ, "Tag": [{"Key": "aliyun:x", "Value": "v"}]}, "InvalidTagKey", 400),
        ({"RegionId": HZ, "Tag": [{"Key": "k%d" % i, "Value": "v"} for i in range(21)]}, "NumberExceed.Tags", 400),
        ({"RegionId": HZ, "DryRun": True}, "DryRunOperation", 400),
        ({"RegionId": HZ, "Tag": [{"Key": "k", "Value": "aliyun-x"}]}, "InvalidTagValue", 400),
        ({"RegionId": HZ, "UserCidr": "10.0.0.1/8"}, "IllegalParam.UserCidr", 400),
        ({"RegionId": HZ, "Ipv4IpamPoolId": "ipam-pool-x"}, "UnsupportedFeature.IPAM", 400),
        ({"RegionId": HZ, "ResourceGroupId": "group"}, "InvalidResourceGroupId", 400),
    ],
)
def test_create_vpc_refusals(env, params, code, status):
    env.refused(UID1, "CreateVpc", code, status, **params)


def test_create_vpc_keeps_user_cidrs_and_dns_hostname(env):
    vpc_id = env.new_vpc(UserCidr="10.0.0.0/8,172.16.0.0/12", EnableDnsHostname=True)
    attr = env.call(UID1, "DescribeVpcAttribute", RegionId=HZ, VpcId=vpc_id)
    assert attr["UserCidrs"] == {"UserCidr": ["10.0.0.0/8", "172.16.0.0/12"]}
    assert attr["DnsHostnameStatus"] == "ENABLED"


def test_describe_vpcs_filters_by_ids_name_tags_and_scopes_to_region_and_account(env):
    tagged = env.new_vpc(VpcName="tagged", Tag=[{"Key": "team", "Value": "net"}])
    names = lambda **params: sorted(v["VpcId"] for v in env.call(UID1, "DescribeVpcs", **params)["Vpcs"]["Vpc"])
    assert names(RegionId=HZ) == sorted(["vpc-a1", tagged])
    assert names(RegionId=SH) == ["vpc-a2"]
    assert names(RegionId=HZ, VpcId="vpc-a1,vpc-a2,vpc-b1") == ["vpc-a1"]
    assert names(RegionId=HZ, VpcName="tagged") == [tagged]
    assert names(RegionId=HZ, Tag=[{"Key": "team", "Value": "net"}]) == [tagged]
    assert names(RegionId=HZ, Tag=[{"Key": "team", "Value": "ops"}]) == []
    assert names(RegionId=HZ, Tag=[{"Key": "team"}]) == [tagged]
    assert names(RegionId=HZ, IsDefault=True) == []
    assert names(RegionId=HZ, VpcOwnerId=int(UID2)) == []
    assert names(RegionId=HZ, VpcOwnerId=int(UID1)) == sorted(["vpc-a1", tagged])
    assert names(RegionId=HZ, EnableIpv6=True) == []
    assert names(RegionId=HZ, DhcpOptionsSetId="dopt-1") == []
    assert names(RegionId=HZ, ResourceGroupId=env.vpc("vpc-a1")["ResourceGroupId"]) == sorted(["vpc-a1", tagged])
    assert names(RegionId=HZ, ResourceGroupId="rg-other") == []
    assert env.error(UID1, "DescribeVpcs", RegionId=HZ, DryRun=True) == ("DryRunOperation", 400)
    other = env.call(UID2, "DescribeVpcs", RegionId=HZ, VpcId="vpc-a1,vpc-b1")["Vpcs"]["Vpc"]
    assert [v["VpcId"] for v in other] == ["vpc-b1"]
    assert env.error(UID1, "DescribeVpcs", RegionId="xx-nowhere-1") == ("InvalidRegionId.NotFound", 404)
    too_many = ",".join("vpc-%d" % i for i in range(21))
    assert env.error(UID1, "DescribeVpcs", RegionId=HZ, VpcId=too_many) == ("InvalidParameter", 400)


def test_describe_vpcs_pages(env):
    created = [env.new_vpc(cidr="192.168.%d.0/24" % i, settle=False) for i in range(4)]
    everything = ["vpc-a1"] + created
    first = env.call(UID1, "DescribeVpcs", RegionId=HZ, PageSize=2)
    second = env.call(UID1, "DescribeVpcs", RegionId=HZ, PageSize=2, PageNumber=2)
    third = env.call(UID1, "DescribeVpcs", RegionId=HZ, PageSize=2, PageNumber=3)
    assert (first["TotalCount"], first["PageSize"], first["PageNumber"], second["PageNumber"]) == (5, 2, 1, 2)
    listed = [v["VpcId"] for page in (first, second, third) for v in page["Vpcs"]["Vpc"]]
    assert listed == everything
    assert env.call(UID1, "DescribeVpcs", RegionId=HZ)["PageSize"] == 10
    assert env.error(UID1, "DescribeVpcs", RegionId=HZ, PageSize=51) == ("InvalidParameter", 400)
    assert env.error(UID1, "DescribeVpcs", RegionId=HZ, PageNumber=0) == ("InvalidParameter", 400)


def test_describe_vpc_attribute_sees_only_the_callers_vpc_in_its_region(env):
    assert env.error(UID2, "DescribeVpcAttribute", RegionId=HZ, VpcId="vpc-a1") == ("InvalidVpcId.NotFound", 404)
    assert env.error(UID1, "DescribeVpcAttribute", RegionId=SH, VpcId="vpc-a1") == ("InvalidVpcId.NotFound", 404)
    assert env.error(UID1, "DescribeVpcAttribute", RegionId=HZ, VpcId="vpc-a1", DryRun=True) == ("DryRunOperation", 400)


def test_modify_vpc_attribute_changes_name_description_cidr_and_dns(env):
    env.call(
        UID1,
        "ModifyVpcAttribute",
        VpcId="vpc-a1",
        VpcName="renamed",
        Description="new words",
        CidrBlock="10.0.0.0/15",
        EnableDnsHostname=True,
    )
    attr = env.call(UID1, "DescribeVpcAttribute", RegionId=HZ, VpcId="vpc-a1")
    assert (attr["VpcName"], attr["Description"], attr["CidrBlock"], attr["DnsHostnameStatus"]) == (
        "renamed",
        "new words",
        "10.0.0.0/15",
        "ENABLED",
    )


@pytest.mark.parametrize(
    "who, params, code",
    [
        (UID2, {"VpcId": "vpc-a1", "VpcName": "x"}, "InvalidVpcId.NotFound"),
        (UID1, {"VpcId": "vpc-a1", "RegionId": SH, "VpcName": "x"}, "InvalidVpcId.NotFound"),
        (UID1, {"VpcId": "vpc-a1", "VpcName": "https://x"}, "InvalidVpcName.Malformed"),
        (UID1, {"VpcId": "vpc-a1", "Description": ""}, "InvalidVpcDiscription.Malformed"),
        (UID1, {"VpcId": "vpc-a1", "CidrBlock": "10.9.0.0/16"}, "InvalidCidrBlock.Malformed"),
        (UID1, {"VpcId": "vpc-a1", "CidrBlock": "10.0.0.0/33"}, "InvalidCidrBlock.Malformed"),
        (UID1, {"VpcId": "vpc-a1", "EnableIPv6": True}, "OperationUnsupported.Ipv6Feature"),
    ],
)
def test_modify_vpc_attribute_refusals(env, who, params, code):
    env.refused(who, "ModifyVpcAttribute", code, **params)


def test_delete_vpc_goes_deleting_then_takes_router_tables_routes_and_grants_along(env):
    vpc_id = env.new_vpc()
    router_id, table_id = env.router_of(vpc_id), env.table_of(vpc_id)
    env.call(
        UID1,
        "GrantInstanceToCen",
        RegionId=HZ,
        InstanceId=vpc_id,
        InstanceType="VPC",
        CenId="cen-abc",
        CenOwnerId=int(UID2),
    )
    env.call(UID1, "DeleteVpc", VpcId=vpc_id, RegionId=HZ)
    assert env.vpc(vpc_id)["Status"] == "Deleting"
    env.refused(UID1, "DeleteVpc", "IncorrectVpcStatus", VpcId=vpc_id)
    env.refused(
        UID1,
        "RevokeInstanceFromCen",
        "IncorrectStatus",
        RegionId=HZ,
        InstanceId=vpc_id,
        InstanceType="VPC",
        CenId="cen-abc",
        CenOwnerId=int(UID2),
    )
    env.settle()
    assert env.vpc(vpc_id) is None
    assert env.error(UID1, "DescribeVpcAttribute", RegionId=HZ, VpcId=vpc_id) == ("InvalidVpcId.NotFound", 404)
    assert env.call(UID1, "DescribeVRouters", RegionId=HZ, VRouterId=router_id)["VRouters"]["VRouter"] == []
    assert env.error(UID1, "DescribeRouteEntryList", RegionId=HZ, RouteTableId=table_id) == (
        "InvalidRouteTableId.NotFound",
        404,
    )
    assert all(e["RouteTableId"] != table_id for e in env.world.table("route_entry").values())
    assert env.world.table("grant") == {}


def test_delete_vpc_refuses_another_accounts_vpc_and_a_dry_run(env):
    env.refused(UID2, "DeleteVpc", "InvalidVpcId.NotFound", 404, VpcId="vpc-a1")
    env.refused(UID1, "DeleteVpc", "InvalidVpcId.NotFound", 404, VpcId="vpc-a1", RegionId=SH)
    env.refused(UID1, "DeleteVpc", "DryRunOperation", VpcId="vpc-a1", DryRun=True)


def test_delete_vpc_refuses_while_router_interfaces_routes_peers_or_cen_attachments_exist(env):
    ri_id = env.ri("vpc-a1", SH)
    env.refused(UID1, "DeleteVpc", "DependencyViolation.RouterInterface", VpcId="vpc-a1")
    env.call(UID1, "DeleteRouterInterface", RegionId=HZ, RouterInterfaceId=ri_id)
    env.settle()
    pcc_id = env.pcc("vpc-a1", "vpc-a2", SH)
    entry_id = env.route(env.table_of("vpc-a1"), "10.1.0.0/16", "VpcPeer", pcc_id)
    env.refused(UID1, "DeleteVpc", "DependencyViolation.RouteEntry", VpcId="vpc-a1")
    env.call(UID1, "DeleteRouteEntry", RouteEntryId=entry_id)
    env.settle()
    env.refused(UID1, "DeleteVpc", "OperationDenied.VpcPeerExists", VpcId="vpc-a1")
    env.peer(UID1, "DeleteVpcPeerConnection", InstanceId=pcc_id)
    env.settle()
    cen_id = env.cen()
    env.attach(cen_id, "vpc-a1")
    env.settle()
    env.refused(UID1, "DeleteVpc", "IncorrectStatus.cbnStatus", VpcId="vpc-a1")
    env.cbn(
        UID1,
        "DetachCenChildInstance",
        CenId=cen_id,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
    )
    env.settle()
    env.call(UID1, "DeleteVpc", VpcId="vpc-a1")
    env.settle()
    assert env.vpc("vpc-a1") is None


def test_cen_status_and_associated_cens_follow_the_cbn_attachment(env):
    cen_id = env.cen()
    env.attach(cen_id, "vpc-a1")
    assert env.vpc("vpc-a1")["CenStatus"] == "Detached"
    env.settle()
    assert env.vpc("vpc-a1")["CenStatus"] == "Attached"
    attr = env.call(UID1, "DescribeVpcAttribute", RegionId=HZ, VpcId="vpc-a1")
    assert attr["AssociatedCens"] == {
        "AssociatedCen": [{"CenId": cen_id, "CenOwnerId": int(UID1), "CenStatus": "Attached"}]
    }
    assert env.vpc("vpc-a2", region=SH)["CenStatus"] == "Detached"


# =============================================================================== vRouters, VBRs, regions
def test_describe_vrouters_lists_the_callers_routers_in_the_region_by_page(env):
    env.new_vpc(cidr="192.168.0.0/24", settle=False)
    env.new_vpc(cidr="192.168.1.0/24", settle=False)
    found = env.call(UID1, "DescribeVRouters", RegionId=HZ, PageSize=2)
    assert (found["TotalCount"], len(found["VRouters"]["VRouter"])) == (3, 2)
    assert [r["VpcId"] for r in env.call(UID1, "DescribeVRouters", RegionId=SH)["VRouters"]["VRouter"]] == ["vpc-a2"]
    router = env.router_of("vpc-a1")
    assert env.call(UID2, "DescribeVRouters", RegionId=HZ, VRouterId=router)["VRouters"]["VRouter"] == []
    assert env.error(UID1, "DescribeVRouters", RegionId="xx-nowhere-1") == ("InvalidRegionId.NotFound", 404)


def test_describe_virtual_border_routers_shows_the_seeded_vbr_to_its_owner(env):
    vbrs = env.call(UID1, "DescribeVirtualBorderRouters", RegionId=HZ)["VirtualBorderRouterSet"][
        "VirtualBorderRouterType"
    ]
    assert len(vbrs) == 1
    vbr = vbrs[0]
    assert (vbr["VbrId"], vbr["Status"], vbr["Type"]) == ("vbr-a1", "active", "pconn")
    assert vbr["AccessPointId"].startswith("ap-cn-hangzhou") and vbr["RouteTableId"].startswith("vtb-")
    assert vbr["AssociatedCens"] == {"AssociatedCen": []} and vbr["Tags"] == {"Tags": []}
    filtered = lambda key, value: env.call(
        UID1, "DescribeVirtualBorderRouters", RegionId=HZ, Filter=[{"Key": key, "Value": [value]}]
    )["VirtualBorderRouterSet"]["VirtualBorderRouterType"]
    assert [v["VbrId"] for v in filtered("VbrId", "vbr-a1")] == ["vbr-a1"]
    assert filtered("Status", "terminated") == []
    by_group = env.call(UID1, "DescribeVirtualBorderRouters", RegionId=HZ, ResourceGroupId="rg-other")
    assert by_group["TotalCount"] == 0
    assert env.call(UID2, "DescribeVirtualBorderRouters", RegionId=HZ)["TotalCount"] == 0
    assert env.call(UID1, "DescribeVirtualBorderRouters", RegionId=SH)["TotalCount"] == 0
    assert env.error(UID1, "DescribeVirtualBorderRouters", RegionId=HZ, Filter=[{"Key": "Colour", "Value": ["x"]}]) == (
        "InvalidFilterKey.ValueNotSupported",
        404,
    )
    tables = env.call(UID1, "DescribeRouteTables", RouterId="vbr-a1", RouterType="VBR")["RouteTables"]["RouteTable"]
    assert [t["RouteTableId"] for t in tables] == [vbr["RouteTableId"]]


def test_describe_regions_lists_the_public_regions_with_names_and_endpoints(env):
    english = {r["RegionId"]: r for r in env.call(UID1, "DescribeRegions", AcceptLanguage="en-US")["Regions"]["Region"]}
    assert english[HZ] == {"RegionId": HZ, "LocalName": "China (Hangzhou)", "RegionEndpoint": "vpc.aliyuncs.com"}
    assert english["us-west-1"]["RegionEndpoint"] == "vpc.us-west-1.aliyuncs.com"
    assert len(english) >= 30
    chinese = {r["RegionId"]: r for r in env.call(UID1, "DescribeRegions")["Regions"]["Region"]}
    assert chinese[HZ]["LocalName"] == "华东1（杭州）"


# =============================================================================== CEN grants
def test_grant_writes_the_grant_record_and_both_sides_see_it_until_revoked(env):
    cen_id = env.cen(UID1)
    env.call(
        UID2,
        "GrantInstanceToCen",
        RegionId=HZ,
        InstanceId="vpc-b1",
        InstanceType="VPC",
        CenId=cen_id,
        CenOwnerId=int(UID1),
    )
    record = env.world.get("grant", "vpc-b1|%s" % cen_id)
    assert {k: v for k, v in record.items() if k != "CreationTime"} == {
        "ChildInstanceId": "vpc-b1",
        "ChildInstanceType": "VPC",
        "ChildInstanceRegionId": HZ,
        "ChildInstanceOwnerId": int(UID2),
        "CenId": cen_id,
        "CenOwnerId": int(UID1),
        "_account": UID2,
        "_region": HZ,
    }
    assert TIME_RE.match(record["CreationTime"])
    rules = env.call(UID2, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="vpc-b1", InstanceType="VPC")
    assert rules["TotalCount"] == 1
    assert rules["CenGrantRules"]["CbnGrantRule"] == [
        {"CenInstanceId": cen_id, "CenOwnerId": int(UID1), "CreationTime": record["CreationTime"]}
    ]
    assert (
        env.call(UID1, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="vpc-b1", InstanceType="VPC")["TotalCount"]
        == 0
    )
    cbn_view = env.cbn(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC")["GrantRules"]["GrantRule"]
    assert [(g["ChildInstanceId"], g["ChildInstanceOwnerId"]) for g in cbn_view] == [("vpc-b1", int(UID2))]
    # the CEN owner may now attach the other account's VPC; the grant cannot go while it is attached
    env.attach(cen_id, "vpc-b1", ChildInstanceOwnerId=int(UID2))
    env.settle()
    env.refused(
        UID2,
        "RevokeInstanceFromCen",
        "IncorrectStatus",
        RegionId=HZ,
        InstanceId="vpc-b1",
        InstanceType="VPC",
        CenId=cen_id,
        CenOwnerId=int(UID1),
    )
    env.cbn(
        UID1,
        "DetachCenChildInstance",
        CenId=cen_id,
        ChildInstanceId="vpc-b1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
        ChildInstanceOwnerId=int(UID2),
    )
    env.settle()
    env.call(
        UID2,
        "RevokeInstanceFromCen",
        RegionId=HZ,
        InstanceId="vpc-b1",
        InstanceType="VPC",
        CenId=cen_id,
        CenOwnerId=int(UID1),
    )
    assert (
        env.call(UID2, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="vpc-b1", InstanceType="VPC")[
            "CenGrantRules"
        ]["CbnGrantRule"]
        == []
    )
    env.refused(
        UID2,
        "RevokeInstanceFromCen",
        "InvalidInstanceId.NotFound",
        404,
        RegionId=HZ,
        InstanceId="vpc-b1",
        InstanceType="VPC",
        CenId=cen_id,
        CenOwnerId=int(UID1),
    )


GRANT = {
    "RegionId": HZ,
    "InstanceId": "vpc-b1",
    "InstanceType": "VPC",
    "CenId": "cen-0123456789abcdefgh",
    "CenOwnerId": int(UID1),
}


@pytest.mark.parametrize(
    "changes, code, status",
    [
        ({"InstanceId": "vpc-a1"}, "InvalidInstanceId.NotFound", 404),
        ({"InstanceId": "vpc-nope"}, "InvalidInstanceId.NotFound", 404),
        ({"RegionId": SH}, "InvalidInstanceId.NotFound", 404),
        ({"RegionId": "xx-nowhere-1"}, "InvalidRegionId.NotFound", 404),
        ({"InstanceType": "CCN"}, "InstanceType.Invalid", 404),
        ({"InstanceType": "ECS"}, "InstanceType.Invalid", 404),
        ({"CenId": "vpc-b1"}, "IllegalParam.CenInstanceId", 400),
        ({"CenId": ""}, "MissingParam.CenInstanceId", 400),
        ({"CenOwnerId": 1999999999999999}, "InvalidParameter", 400),
    ],
)
def test_grant_refusals(env, changes, code, status):
    env.refused(UID2, "GrantInstanceToCen", code, status, **dict(GRANT, **changes))


def test_a_grant_cannot_be_repeated(env):
    env.call(UID2, "GrantInstanceToCen", **GRANT)
    env.refused(UID2, "GrantInstanceToCen", "ResourceAlreadyExist.GrantRule", **GRANT)


def test_a_vbr_can_be_granted_to_the_owners_own_cen_only(env):
    vbr = dict(GRANT, InstanceId="vbr-a1", InstanceType="VBR")
    env.refused(UID1, "GrantInstanceToCen", "Invalid.Grant", **dict(vbr, CenOwnerId=int(UID2)))
    env.refused(UID2, "GrantInstanceToCen", "InvalidVbr.NotFound", 404, **vbr)
    env.call(UID1, "GrantInstanceToCen", **vbr)
    rules = env.call(UID1, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="vbr-a1", InstanceType="VBR")
    assert [r["CenInstanceId"] for r in rules["CenGrantRules"]["CbnGrantRule"]] == [GRANT["CenId"]]


def test_grant_refuses_a_vpc_in_transition(env):
    vpc_id = env.new_vpc(settle=False)
    env.refused(UID1, "GrantInstanceToCen", "IncorrectStatus", **dict(GRANT, InstanceId=vpc_id, CenOwnerId=int(UID2)))


def test_revoke_refuses_what_was_never_granted_or_is_someone_elses(env):
    env.call(UID2, "GrantInstanceToCen", **GRANT)
    env.refused(
        UID2, "RevokeInstanceFromCen", "InvalidInstanceId.NotFound", 404, **dict(GRANT, CenId="cen-other0000000000000")
    )
    env.refused(UID2, "RevokeInstanceFromCen", "InvalidInstanceId.NotFound", 404, **dict(GRANT, CenOwnerId=int(UID2)))
    env.refused(UID1, "RevokeInstanceFromCen", "InvalidInstanceId.NotFound", 404, **GRANT)


def test_grant_rules_need_a_network_instance_type(env):
    assert env.error(UID2, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="vpc-b1", InstanceType="ECS") == (
        "InstanceType.Invalid",
        404,
    )
    assert (
        env.call(UID2, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="ccn-1", InstanceType="CCN")["TotalCount"]
        == 0
    )


def test_grant_rules_page(env):
    for index in range(3):
        env.call(UID2, "GrantInstanceToCen", **dict(GRANT, CenId="cen-%020d" % index))
    first = env.call(UID2, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="vpc-b1", InstanceType="VPC", PageSize=2)
    second = env.call(
        UID2, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="vpc-b1", InstanceType="VPC", PageSize=2, PageNumber=2
    )
    assert first["TotalCount"] == 3
    cens = [r["CenInstanceId"] for page in (first, second) for r in page["CenGrantRules"]["CbnGrantRule"]]
    assert cens == ["cen-%020d" % i for i in range(3)]


# =============================================================================== route entries
def test_a_route_entry_is_pending_then_available_and_blocks_its_table_meanwhile(env):
    table = env.table_of("vpc-a1")
    ri_id = env.ri("vpc-a1", SH)
    entry_id = env.route(
        table, "10.1.0.0/16", "RouterInterface", ri_id, settle=False, RouteEntryName="to-a2", Description="peer"
    )
    assert re.match(r"^rte-[0-9a-z]{20}$", entry_id)
    [entry] = env.entries(table, RouteEntryType="Custom")
    assert (entry["RouteEntryId"], entry["Status"], entry["Type"], entry["DestinationCidrBlock"]) == (
        entry_id,
        "Pending",
        "Custom",
        "10.1.0.0/16",
    )
    assert (entry["RouteEntryName"], entry["Description"], entry["IpVersion"]) == ("to-a2", "peer", "ipv4")
    assert entry["NextHops"]["NextHop"] == [
        {
            "NextHopType": "RouterInterface",
            "NextHopId": ri_id,
            "Enabled": 1,
            "NextHopRegionId": SH,
            "NextHopRelatedInfo": {"InstanceId": "", "InstanceType": "", "RegionId": SH},
        }
    ]
    env.refused(
        UID1,
        "CreateRouteEntry",
        "IncorrectRouteEntryStatus",
        RouteTableId=table,
        DestinationCidrBlock="10.9.0.0/16",
        NextHopType="RouterInterface",
        NextHopId=ri_id,
    )
    env.refused(UID1, "DeleteRouteEntry", "IncorrectRouteEntryStatus", RouteEntryId=entry_id)
    env.settle()
    [entry] = env.entries(table, RouteEntryType="Custom")
    assert entry["Status"] == "Available"
    tables = env.call(UID1, "DescribeRouteTables", RouteTableId=table, Type="Custom")["RouteTables"]["RouteTable"]
    [shown] = tables[0]["RouteEntrys"]["RouteEntry"]
    assert (shown["InstanceId"], shown["NextHopType"], shown["Status"]) == (ri_id, "RouterInterface", "Available")


def test_a_duplicate_destination_is_refused_even_with_another_next_hop(env):
    table = env.table_of("vpc-a1")
    first, second = env.ri("vpc-a1", SH), env.ri("vpc-a1", SH)
    env.route(table, "10.1.0.0/16", "RouterInterface", first)
    env.refused(
        UID1,
        "CreateRouteEntry",
        "RouterEntryConflict.Duplicated",
        RouteTableId=table,
        DestinationCidrBlock="10.1.0.0/16",
        NextHopType="RouterInterface",
        NextHopId=second,
    )


@pytest.mark.parametrize(
    "changes, code, status",
    [
        ({"RouteTableId": "vtb-nope"}, "InvalidRouteTableId.NotFound", 404),
        ({"RegionId": SH}, "InvalidRouteTableId.NotFound", 404),
        ({"RegionId": "xx-nowhere-1"}, "InvalidRegionId.NotFound", 404),
        ({"DestinationCidrBlock": "10.1.0.1/16"}, "InvalidCidrBlock.Malformed", 400),
        ({"DestinationCidrBlock": "ten"}, "InvalidCidrBlock.Malformed", 400),
        ({"DestinationCidrBlock": "100.64.1.0/24"}, "InvalidCidrBlock", 400),
        ({"DestinationCidrBlock": "fd00::/64"}, "OperationDenied.VpcIpv6NotEnabled", 400),
        ({"NextHopType": "Instance", "NextHopId": "i-bp1abc"}, "InvalidNextHopId.NotFound", 404),
        ({"NextHopType": "Teleporter"}, "InvalidNextHopType", 400),
        ({"NextHopId": "ri-nope"}, "InvalidNextHopId.NotFound", 404),
        ({"NextHopId": None}, "MissingParameter", 400),
        ({"NextHopType": "VpcPeer", "NextHopId": "pcc-nope"}, "ResourceNotFound.VpcPeer", 400),
        ({"RouteEntryName": "http://x"}, "InvalidRouteEntryName.Malformed", 400),
        ({"Description": "d" * 257}, "InvalidDescription.Malformed", 400),
        (
            {"NextHopList": [{"NextHopType": "RouterInterface", "NextHopId": "ri-x"}]},
            "InvalidNexthopTypeAndList.BothNotNull",
            400,
        ),
        ({"DryRun": True}, "DryRunOperation", 400),
    ],
)
def test_create_route_entry_refusals(env, changes, code, status):
    ri_id = env.ri("vpc-a1", SH)
    params = {
        "RouteTableId": env.table_of("vpc-a1"),
        "DestinationCidrBlock": "10.1.0.0/16",
        "NextHopType": "RouterInterface",
        "NextHopId": ri_id,
    }
    params.update(changes)
    env.refused(UID1, "CreateRouteEntry", code, status, **{k: v for k, v in params.items() if v is not None})


def test_a_next_hop_must_be_the_callers_and_sit_on_the_tables_router(env):
    other_router_ri = env.ri("vpc-a2", HZ, region=SH)
    other_account_ri = env.ri("vpc-b1", SH, who=UID2)
    vbr_ri = env.call(
        UID1,
        "CreateRouterInterface",
        RegionId=HZ,
        Role="InitiatingSide",
        Spec="Mini.2",
        RouterType="VBR",
        RouterId="vbr-a1",
        OppositeRegionId=HZ,
    )["RouterInterfaceId"]
    for hop in (other_router_ri, other_account_ri, vbr_ri):
        env.refused(
            UID1,
            "CreateRouteEntry",
            "InvalidNextHopId.NotFound",
            404,
            RouteTableId=env.table_of("vpc-a1"),
            DestinationCidrBlock="10.1.0.0/16",
            NextHopType="RouterInterface",
            NextHopId=hop,
        )
    env.refused(
        UID2,
        "CreateRouteEntry",
        "InvalidRouteTableId.NotFound",
        404,
        RouteTableId=env.table_of("vpc-a1"),
        DestinationCidrBlock="10.1.0.0/16",
        NextHopType="RouterInterface",
        NextHopId=other_account_ri,
    )
    vbr_table = env.world.get("vbr", "vbr-a1")["RouteTableId"]
    env.route(vbr_table, "10.0.0.0/16", "RouterInterface", vbr_ri)
    assert [e["DestinationCidrBlock"] for e in env.entries(vbr_table)] == ["10.0.0.0/16"]


def test_a_route_to_a_router_interface_in_transition_is_refused(env):
    ri_id = env.ri("vpc-a1", SH)
    env.call(UID1, "DeleteRouterInterface", RegionId=HZ, RouterInterfaceId=ri_id)
    env.refused(
        UID1,
        "CreateRouteEntry",
        "IncorrectStatus.RouterInterface",
        RouteTableId=env.table_of("vpc-a1"),
        DestinationCidrBlock="10.1.0.0/16",
        NextHopType="RouterInterface",
        NextHopId=ri_id,
    )


def test_a_route_to_a_vpc_peer_needs_an_activated_connection_of_this_vpc(env):
    table = env.table_of("vpc-a1")
    waiting = env.pcc("vpc-a1", "vpc-b1", HZ, accepter=UID2)
    env.refused(
        UID1,
        "CreateRouteEntry",
        "IncorrectStatus.VpcPeer",
        RouteTableId=table,
        DestinationCidrBlock="10.2.0.0/16",
        NextHopType="VpcPeer",
        NextHopId=waiting,
    )
    env.refused(
        UID2,
        "CreateRouteEntry",
        "IncorrectStatus.VpcPeer",
        RouteTableId=env.table_of("vpc-b1"),
        DestinationCidrBlock="10.0.0.0/16",
        NextHopType="VpcPeer",
        NextHopId=waiting,
    )
    other_vpc = env.new_vpc()
    env.refused(
        UID1,
        "CreateRouteEntry",
        "ResourceNotFound.VpcPeer",
        RouteTableId=env.table_of(other_vpc),
        DestinationCidrBlock="10.2.0.0/16",
        NextHopType="VpcPeer",
        NextHopId=waiting,
    )
    active = env.pcc("vpc-a1", "vpc-a2", SH)
    entry_id = env.route(table, "10.1.0.0/16", "VpcPeer", active)
    [entry] = env.entries(table, NextHopType="VpcPeer")
    assert entry["RouteEntryId"] == entry_id
    assert entry["NextHops"]["NextHop"][0]["NextHopRelatedInfo"] == {
        "InstanceId": "vpc-a2",
        "InstanceType": "VPC",
        "RegionId": SH,
    }
    env.route(env.table_of("vpc-a2"), "10.0.0.0/16", "VpcPeer", active, region=SH)
    [back] = env.entries(env.table_of("vpc-a2"), region=SH, NextHopId=active)
    assert back["NextHops"]["NextHop"][0]["NextHopRelatedInfo"]["InstanceId"] == "vpc-a1"


def test_delete_route_entry_by_id_or_by_table_destination_and_next_hop(env):
    table = env.table_of("vpc-a1")
    ri_id = env.ri("vpc-a1", SH)
    first = env.route(table, "10.1.0.0/16", "RouterInterface", ri_id)
    env.route(table, "10.3.0.0/16", "RouterInterface", ri_id)
    env.call(UID1, "DeleteRouteEntry", RouteEntryId=first)
    assert [e["Status"] for e in env.entries(table, RouteEntryId=first)] == ["Deleting"]
    env.settle()
    assert env.entries(table, RouteEntryId=first) == []
    env.refused(
        UID1,
        "DeleteRouteEntry",
        "InvalidRouteEntry.NotFound",
        404,
        RouteTableId=table,
        DestinationCidrBlock="10.3.0.0/16",
        NextHopId="ri-other",
    )
    env.call(UID1, "DeleteRouteEntry", RouteTableId=table, DestinationCidrBlock="10.3.0.0/16", NextHopId=ri_id)
    env.settle()
    assert env.entries(table, RouteEntryType="Custom") == []


@pytest.mark.parametrize(
    "who, params, code, status",
    [
        (UID1, {"RouteEntryId": "rte-nope"}, "InvalidRouteEntry.NotFound", 404),
        (UID2, {"RouteEntryId": "CUSTOM"}, "InvalidRouteEntry.NotFound", 404),
        (UID1, {"RouteEntryId": "SYSTEM"}, "InvalidRouteEntry.NotFound", 404),
        (UID1, {"RouteTableId": "TABLE", "DestinationCidrBlock": "100.64.0.0/10"}, "InvalidRouteEntry.NotFound", 404),
        (UID1, {"RouteTableId": "TABLE"}, "MissingParameter", 400),
        (UID1, {"DestinationCidrBlock": "10.1.0.0/16"}, "MissingParameter", 400),
        (
            UID1,
            {"RouteTableId": "vtb-nope", "DestinationCidrBlock": "10.1.0.0/16"},
            "InvalidRouteTableId.NotFound",
            404,
        ),
        (UID1, {"RouteEntryId": "CUSTOM", "DryRun": True}, "DryRunOperation", 400),
    ],
)
def test_delete_route_entry_refusals(env, who, params, code, status):
    table = env.table_of("vpc-a1")
    custom = env.route(table, "10.1.0.0/16", "RouterInterface", env.ri("vpc-a1", SH))
    system = env.entries(table, RouteEntryType="System")[0]["RouteEntryId"]
    names = {"CUSTOM": custom, "SYSTEM": system, "TABLE": table}
    env.refused(who, "DeleteRouteEntry", code, status, **{k: names.get(v, v) for k, v in params.items()})


def test_an_ecmp_route_spreads_over_router_interfaces(env):
    table = env.table_of("vpc-a1")
    first, second = env.ri("vpc-a1", SH), env.ri("vpc-a1", SH)
    hops = [
        {"NextHopType": "RouterInterface", "NextHopId": first, "Weight": 10},
        {"NextHopType": "RouterInterface", "NextHopId": second, "Weight": 20},
    ]
    env.refused(
        UID1,
        "CreateRouteEntry",
        "InvalidNexthopListSize",
        RouteTableId=table,
        DestinationCidrBlock="10.1.0.0/16",
        NextHopList=hops[:1],
    )
    env.refused(
        UID1,
        "CreateRouteEntry",
        "Duplicated.VpcNextHop",
        RouteTableId=table,
        DestinationCidrBlock="10.1.0.0/16",
        NextHopList=[hops[0], hops[0]],
    )
    env.refused(
        UID1,
        "CreateRouteEntry",
        "InvalidNextHopType",
        RouteTableId=table,
        DestinationCidrBlock="10.1.0.0/16",
        NextHopList=[hops[0], {"NextHopType": "Instance", "NextHopId": "i-1"}],
    )
    env.refused(
        UID1,
        "CreateRouteEntry",
        "INVALID_WEIGHT_PARAM",
        RouteTableId=table,
        DestinationCidrBlock="10.1.0.0/16",
        NextHopList=[hops[0], dict(hops[1], Weight=256)],
    )
    env.call(UID1, "CreateRouteEntry", RouteTableId=table, DestinationCidrBlock="10.1.0.0/16", NextHopList=hops)
    env.settle()
    [entry] = env.entries(table, RouteEntryType="Custom")
    assert [(h["NextHopId"], h["Weight"]) for h in entry["NextHops"]["NextHop"]] == [(first, 10), (second, 20)]
    shown = env.call(UID1, "DescribeRouteTables", RouteTableId=table, Type="Custom")["RouteTables"]["RouteTable"]
    assert [(e["NextHopType"], e["InstanceId"]) for e in shown[0]["RouteEntrys"]["RouteEntry"]] == [("", "")]
    assert [e["RouteEntryId"] for e in env.entries(table, NextHopId=second)] == [entry["RouteEntryId"]]
    env.refused(
        UID1,
        "DeleteRouteEntry",
        "InvalidRouteEntry.NotFound",
        404,
        RouteTableId=table,
        DestinationCidrBlock="10.1.0.0/16",
        NextHopList=hops[:1],
    )
    env.call(UID1, "DeleteRouteEntry", RouteTableId=table, DestinationCidrBlock="10.1.0.0/16", NextHopList=hops)
    env.settle()
    assert env.entries(table, RouteEntryType="Custom") == []


def test_describe_route_entry_list_pages_with_next_token_and_filters(env):
    table = env.table_of("vpc-a1")
    ri_id = env.ri("vpc-a1", SH)
    for index in range(4):
        env.route(table, "10.%d.0.0/16" % (10 + index), "RouterInterface", ri_id)
    seen, token, pages = [], None, 0
    while True:
        params = {"MaxResult": 2}
        if token:
            params["NextToken"] = token
        found = env.call(UID1, "DescribeRouteEntryList", RegionId=HZ, RouteTableId=table, **params)
        assert found["TotalCount"] == 5
        seen += [e["DestinationCidrBlock"] for e in found["RouteEntrys"]["RouteEntry"]]
        token, pages = found.get("NextToken"), pages + 1
        if not token:
            break
    assert pages == 3
    assert seen == ["100.64.0.0/10"] + ["10.%d.0.0/16" % (10 + i) for i in range(4)]
    assert [e["DestinationCidrBlock"] for e in env.entries(table, DestinationCidrBlock="10.12.0.0/16")] == [
        "10.12.0.0/16"
    ]
    assert len(env.entries(table, DestCidrBlockList=["10.10.0.0/16", "10.11.0.0/16"])) == 2
    assert env.entries(table, IpVersion="IPv6") == []
    assert env.entries(table, ServiceType="TR") == []
    assert len(env.entries(table, IpVersion="IPv4", MaxResult=100)) == 5
    assert env.error(UID1, "DescribeRouteEntryList", RegionId=HZ, RouteTableId=table, NextToken="zz") == (
        "IllegalParam.NextToken",
        400,
    )
    assert env.error(UID1, "DescribeRouteEntryList", RegionId=HZ, RouteTableId=table, MaxResult=101) == (
        "InvalidParameter",
        400,
    )
    assert env.error(UID2, "DescribeRouteEntryList", RegionId=HZ, RouteTableId=table) == (
        "InvalidRouteTableId.NotFound",
        404,
    )


def test_describe_route_tables_filters_by_name_and_resource_group(env):
    table = env.table_of("vpc-a1")
    group = env.world.get("route_table", table)["ResourceGroupId"]
    found = env.call(UID1, "DescribeRouteTables", RouteTableId=table, ResourceGroupId=group)["RouteTables"]
    assert [t["RouteTableId"] for t in found["RouteTable"]] == [table]
    assert env.call(UID1, "DescribeRouteTables", RouteTableId=table, ResourceGroupId="rg-other")["TotalCount"] == 0
    assert env.call(UID1, "DescribeRouteTables", RouteTableName="main")["TotalCount"] == 0


def test_route_entries_wait_for_a_vpc_in_transition(env):
    vpc_id = env.new_vpc(settle=False)
    ri_table = env.table_of(vpc_id)
    env.refused(
        UID1,
        "CreateRouteEntry",
        "IncorrectVpcStatus",
        RouteTableId=ri_table,
        DestinationCidrBlock="10.1.0.0/16",
        NextHopType="RouterInterface",
        NextHopId="ri-any",
    )


def test_delete_route_entry_refuses_an_id_from_another_table(env):
    entry_id = env.route(env.table_of("vpc-a1"), "10.1.0.0/16", "RouterInterface", env.ri("vpc-a1", SH))
    other = env.new_vpc()
    env.refused(
        UID1,
        "DeleteRouteEntry",
        "InvalidRouteEntry.NotFound",
        404,
        RouteEntryId=entry_id,
        RouteTableId=env.table_of(other),
    )


def test_describe_route_tables_needs_a_router_or_table_and_scopes_to_the_caller(env):
    assert env.error(UID1, "DescribeRouteTables", RegionId=HZ) == ("MissingParameter", 400)
    router = env.router_of("vpc-a1")
    assert env.error(UID1, "DescribeRouteTables", VRouterId=router, RouterId=router) == ("InvalidParameter", 400)
    assert env.call(UID2, "DescribeRouteTables", VRouterId=router)["RouteTables"]["RouteTable"] == []
    assert env.call(UID1, "DescribeRouteTables", RegionId=SH, VRouterId=router)["TotalCount"] == 0
    listed = env.call(UID1, "DescribeRouteTableList", RegionId=HZ, RouteTableType="System")
    assert sorted(t["RouterType"] for t in listed["RouterTableList"]["RouterTableListType"]) == ["VBR", "VRouter"]


# =============================================================================== tags
def test_tag_untag_and_list_tags_of_vpcs(env):
    env.call(
        UID1,
        "TagResources",
        RegionId=HZ,
        ResourceType="VPC",
        ResourceId=["vpc-a1"],
        Tag=[{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "net"}],
    )
    env.call(
        UID1,
        "TagResources",
        RegionId=HZ,
        ResourceType="vpc",
        ResourceId=["vpc-a1"],
        Tag=[{"Key": "env", "Value": "stage"}],
    )
    rows = env.call(UID1, "ListTagResources", RegionId=HZ, ResourceType="VPC", ResourceId=["vpc-a1"])
    assert rows["TagResources"]["TagResource"] == [
        {"ResourceId": "vpc-a1", "ResourceType": "VPC", "TagKey": "env", "TagValue": "stage"},
        {"ResourceId": "vpc-a1", "ResourceType": "VPC", "TagKey": "team", "TagValue": "net"},
    ]
    by_tag = env.call(UID1, "ListTagResources", RegionId=HZ, ResourceType="VPC", Tag=[{"Key": "team"}])
    assert {r["ResourceId"] for r in by_tag["TagResources"]["TagResource"]} == {"vpc-a1"}
    assert env.vpc("vpc-a1")["Tags"] == {"Tag": [{"Key": "env", "Value": "stage"}, {"Key": "team", "Value": "net"}]}
    env.call(UID1, "UnTagResources", RegionId=HZ, ResourceType="VPC", ResourceId=["vpc-a1"], TagKey=["env"])
    assert env.vpc("vpc-a1")["Tags"] == {"Tag": [{"Key": "team", "Value": "net"}]}
    env.call(UID1, "UnTagResources", RegionId=HZ, ResourceType="VPC", ResourceId=["vpc-a1"], All=True)
    assert env.vpc("vpc-a1")["Tags"] == {"Tag": []}


def test_list_tag_resources_pages(env):
    env.call(
        UID1,
        "TagResources",
        RegionId=HZ,
        ResourceType="VPC",
        ResourceId=["vpc-a1"],
        Tag=[{"Key": "k%d" % i, "Value": "v"} for i in range(3)],
    )
    first = env.call(UID1, "ListTagResources", RegionId=HZ, ResourceType="VPC", ResourceId=["vpc-a1"], MaxResults=2)
    second = env.call(
        UID1,
        "ListTagResources",
        RegionId=HZ,
        ResourceType="VPC",
        ResourceId=["vpc-a1"],
        MaxResults=2,
        NextToken=first["NextToken"],
    )
    keys = [r["TagKey"] for page in (first, second) for r in page["TagResources"]["TagResource"]]
    assert keys == ["k0", "k1", "k2"] and not second.get("NextToken")


@pytest.mark.parametrize(
    "who, action, params, code",
    [
        (
            UID1,
            "TagResources",
            {"ResourceType": "EIP", "ResourceId": ["vpc-a1"], "Tag": [{"Key": "a", "Value": "b"}]},
            "InvalidInstanceType.NotFound",
        ),
        (
            UID2,
            "TagResources",
            {"ResourceType": "VPC", "ResourceId": ["vpc-a1"], "Tag": [{"Key": "a", "Value": "b"}]},
            "InvalidInstanceIds.NotFound",
        ),
        (
            UID1,
            "TagResources",
            {"ResourceType": "VPC", "ResourceId": ["vpc-a1", "vpc-a2"], "Tag": [{"Key": "a", "Value": "b"}]},
            "InvalidInstanceIds.NotFound",
        ),
        (
            UID1,
            "TagResources",
            {"ResourceType": "VPC", "ResourceId": ["vpc-a1"], "Tag": [{"Key": "acs:x", "Value": "b"}]},
            "InvalidTagKey",
        ),
        (
            UID1,
            "TagResources",
            {
                "ResourceType": "VPC",
                "ResourceId": ["vpc-a1"],
                "Tag": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}],
            },
            "Forbidden.TagKey.Duplicated",
        ),
        (
            UID1,
            "TagResources",
            {
                "ResourceType": "VPC",
                "ResourceId": ["vpc-a1"],
                "Tag": [{"Key": "k%d" % i, "Value": "v"} for i in range(21)],
            },
            "NumberExceed.Tags",
        ),
        (UID1, "UnTagResources", {"ResourceType": "VPC", "ResourceId": ["vpc-a1"]}, "MissingParameter"),
        (UID1, "ListTagResources", {"ResourceType": "VPC"}, "BothEmpty.TagsAndResources"),
    ],
)
def test_tag_refusals(env, who, action, params, code):
    env.refused(who, action, code, RegionId=HZ, **params)


def test_a_resource_holds_at_most_twenty_tags(env):
    env.call(
        UID1,
        "TagResources",
        RegionId=HZ,
        ResourceType="VPC",
        ResourceId=["vpc-a1"],
        Tag=[{"Key": "k%d" % i, "Value": "v"} for i in range(20)],
    )
    env.refused(
        UID1,
        "TagResources",
        "NumberExceed.Tags",
        RegionId=HZ,
        ResourceType="VPC",
        ResourceId=["vpc-a1"],
        Tag=[{"Key": "one-more", "Value": "v"}],
    )


def test_route_tables_take_tags_too(env):
    table = env.table_of("vpc-a1")
    env.call(
        UID1,
        "TagResources",
        RegionId=HZ,
        ResourceType="ROUTETABLE",
        ResourceId=[table],
        Tag=[{"Key": "tier", "Value": "core"}],
    )
    listed = env.call(UID1, "DescribeRouteTableList", RegionId=HZ, Tag=[{"Key": "tier", "Value": "core"}])
    [shown] = listed["RouterTableList"]["RouterTableListType"]
    assert shown["RouteTableId"] == table and shown["Tags"] == {"Tag": [{"Key": "tier", "Value": "core"}]}


# =============================================================================== more tag rules
def test_tag_calls_take_at_most_fifty_resources_and_twenty_keys(env):
    ids = ["vpc-%02d" % i for i in range(51)]
    tag = [{"Key": "a", "Value": "b"}]
    env.refused(
        UID1, "TagResources", "NumberExceed.ResourceIds", RegionId=HZ, ResourceType="VPC", ResourceId=ids, Tag=tag
    )
    env.refused(UID1, "ListTagResources", "NumberExceed.ResourceIds", RegionId=HZ, ResourceType="VPC", ResourceId=ids)
    env.refused(
        UID1,
        "UnTagResources",
        "NumberExceed.Tags",
        RegionId=HZ,
        ResourceType="VPC",
        ResourceId=["vpc-a1"],
        TagKey=["k%d" % i for i in range(21)],
    )
    env.refused(UID1, "ListTagResources", "InvalidInstanceType.NotFound", RegionId=HZ, ResourceType="EIP", Tag=tag)


def test_list_tag_resources_filters_by_resource_and_tag(env):
    other = env.new_vpc()
    env.call(
        UID1, "TagResources", RegionId=HZ, ResourceType="VPC", ResourceId=["vpc-a1"], Tag=[{"Key": "env", "Value": "a"}]
    )
    env.call(
        UID1, "TagResources", RegionId=HZ, ResourceType="VPC", ResourceId=[other], Tag=[{"Key": "env", "Value": "b"}]
    )
    rows = lambda **params: [
        (r["ResourceId"], r["TagValue"])
        for r in env.call(UID1, "ListTagResources", RegionId=HZ, ResourceType="VPC", **params)["TagResources"][
            "TagResource"
        ]
    ]
    assert rows(ResourceId=[other]) == [(other, "b")]
    assert rows(Tag=[{"Key": "env", "Value": "a"}]) == [("vpc-a1", "a")]
    assert rows(ResourceId=[other], Tag=[{"Key": "env", "Value": "a"}]) == []


# =============================================================================== seeds
@pytest.mark.parametrize(
    "vpcs, vbrs, message",
    [
        ([{"id": "vpc-x", "account": UID1, "region": HZ, "cidr": "10.0.0.0/7"}], [], "not a usable VPC CIDR"),
        ([{"id": "vpc-x", "account": UID1, "region": HZ, "cidr": "100.64.0.0/16"}], [], "not a usable VPC CIDR"),
        (
            [{"id": "vpc-x", "account": UID1, "region": HZ, "cidr": "10.0.0.0/16"}] * 2,
            [],
            r"vpcs\[1\]: id vpc-x is given twice",
        ),
        ([], [{"id": "vbr-x", "account": UID1, "region": HZ}] * 2, r"vbrs\[1\]: id vbr-x is given twice"),
    ],
)
def test_the_seed_loader_refuses_unusable_networks(emulator_factory, vpcs, vbrs, message):
    with pytest.raises(SeedError, match=message):
        emulator_factory(seed={"accounts": SEED["accounts"], "vpcs": vpcs, "vbrs": vbrs})


@pytest.mark.parametrize(
    "key, bad_id, prefix",
    [
        ("vpcs", "vpc-hz-core", "vpc"),
        ("vpcs", "vpc-HzCore", "vpc"),
        ("vpcs", "vpc-", "vpc"),
        ("vpcs", "hzcore", "vpc"),
        ("vpcs", "vbr-abc", "vpc"),
        ("vbrs", "vbr-dc_link", "vbr"),
        ("vbrs", "vpc-abc", "vbr"),
    ],
)
def test_seed_ids_follow_the_clouds_rule(emulator_factory, key, bad_id, prefix):
    entry = {"id": bad_id, "account": UID1, "region": HZ}
    if key == "vpcs":
        entry["cidr"] = "10.9.0.0/16"
    seed = {"accounts": SEED["accounts"], "vpcs": [], "vbrs": [], key: [entry]}
    expected = r"%s\[0\]: id '%s' is not a valid %s id: .* %s-<lower-case letters and digits>" % (
        key, bad_id, prefix.upper(), prefix)
    with pytest.raises(SeedError, match=expected):
        emulator_factory(seed=seed)


def test_seed_ids_of_lower_case_letters_and_digits_load(emulator_factory):
    vpcs = [{"id": "vpc-hzcore1", "account": UID1, "region": HZ, "cidr": "10.9.0.0/16"}]
    running = emulator_factory(seed={"accounts": SEED["accounts"], "vpcs": vpcs, "vbrs": []})
    assert running.world.get("vpc", "vpc-hzcore1")["Status"] == "Available"


def test_seeded_vpc_tags_are_the_vpcs_tags(emulator_factory):
    vpcs = [{"id": "vpc-tagged", "account": UID1, "region": HZ, "cidr": "10.9.0.0/16", "tags": {"cen": "rollout"}}]
    running = emulator_factory(seed={"accounts": SEED["accounts"], "vpcs": vpcs, "vbrs": []})
    assert running.world.get("vpc", "vpc-tagged")["_tags"] == {"cen": "rollout"}


@pytest.mark.parametrize("tags, message", [(["cen"], "tags must be a mapping"), ({"aliyun:x": "y"}, "tags: InvalidTagKey")])
def test_the_seed_loader_refuses_unusable_vpc_tags(emulator_factory, tags, message):
    vpcs = [{"id": "vpc-tagged", "account": UID1, "region": HZ, "cidr": "10.9.0.0/16", "tags": tags}]
    with pytest.raises(SeedError, match=r"vpcs\[0\]: " + message):
        emulator_factory(seed={"accounts": SEED["accounts"], "vpcs": vpcs, "vbrs": []})


def test_vpc_records_survive_a_restart_with_a_state_file(emulator_factory, tmp_path):
    state = str(tmp_path / "state.json")
    clock = Clock()
    first = Env(emulator_factory(seed=SEED, state_file=state, transition_seconds=TRANSITION, clock=clock), clock)
    vpc_id = first.new_vpc(Tag=[{"Key": "env", "Value": "dev"}])
    ri_id = first.ri(vpc_id, SH)
    entry_id = first.route(first.table_of(vpc_id), "10.1.0.0/16", "RouterInterface", ri_id)
    pcc_id = first.pcc("vpc-a1", "vpc-b1", HZ, accepter=UID2)
    first.call(UID2, "GrantInstanceToCen", **GRANT)
    first.running.stop()
    second = Env(emulator_factory(seed=SEED, state_file=state, transition_seconds=TRANSITION, clock=clock), clock)
    assert second.vpc(vpc_id)["Tags"] == {"Tag": [{"Key": "env", "Value": "dev"}]}
    assert second.describe_ri(ri_id)["Status"] == "Idle"
    assert [e["RouteEntryId"] for e in second.entries(second.table_of(vpc_id), RouteEntryType="Custom")] == [entry_id]
    assert second.peer(UID2, "GetVpcPeerConnectionAttribute", InstanceId=pcc_id)["Status"] == "Accepting"
    assert (
        second.call(UID2, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="vpc-b1", InstanceType="VPC")["TotalCount"]
        == 1
    )

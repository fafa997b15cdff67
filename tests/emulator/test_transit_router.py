"""Transit routers (CBN 2017-09-12, Enterprise Edition) driven through the official CBN SDK:
the service gate, routers, VPC attachments, grants.

Transitions run on a fake clock (``env.settle()``), as in test_cbn.py, whose Env this reuses.
"""

import re

import pytest
from alibabacloud_cbn20170912 import models as cbn_models
from alibabacloud_tea_openapi.exceptions import ClientException
from darabonba.exceptions import UnretryableException
from alibabacloud_vpc20160428 import models as vpc_models
from conftest import SEED, UID1, UID2
from test_cbn import Clock, Env

from alicloud_emulator import catalog, registry
from alicloud_emulator.seed import SeedError

TRANSITION = 10.0
HZ, SH = "cn-hangzhou", "cn-shanghai"
MINUTE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\dZ$")
SECOND_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
CATALOG = catalog.load()

# The transit-router family (DESIGN section 9); the writes take ClientToken (the registry's write=True).
TR_OPERATIONS = (
    "CheckTransitRouterService",
    "OpenTransitRouterService",
    "ListTransitRouterAvailableResource",
    "CreateTransitRouter",
    "UpdateTransitRouter",
    "DeleteTransitRouter",
    "ListTransitRouters",
    "CreateTransitRouterVpcAttachment",
    "UpdateTransitRouterVpcAttachmentAttribute",
    "UpdateTransitRouterVpcAttachmentZones",
    "DeleteTransitRouterVpcAttachment",
    "ListTransitRouterVpcAttachments",
    "GrantInstanceToTransitRouter",
    "RevokeInstanceFromTransitRouter",
    "ModifyGrantInstanceToTransitRouter",
    "ListGrantVSwitchesToCen",
    "CreateTransitRouterRouteTable",
    "UpdateTransitRouterRouteTable",
    "DeleteTransitRouterRouteTable",
    "ListTransitRouterRouteTables",
    "AssociateTransitRouterAttachmentWithRouteTable",
    "DissociateTransitRouterAttachmentFromRouteTable",
    "ReplaceTransitRouterRouteTableAssociation",
    "ListTransitRouterRouteTableAssociations",
    "EnableTransitRouterRouteTablePropagation",
    "DisableTransitRouterRouteTablePropagation",
    "ListTransitRouterRouteTablePropagations",
    "CreateTransitRouterPeerAttachment",
    "UpdateTransitRouterPeerAttachmentAttribute",
    "DeleteTransitRouterPeerAttachment",
    "ListTransitRouterPeerAttachments",
    "CreateTransitRouterRouteEntry",
    "UpdateTransitRouterRouteEntry",
    "DeleteTransitRouterRouteEntry",
    "ListTransitRouterRouteEntries",
)
WRITE_PREFIXES = (
    "Open",
    "Create",
    "Update",
    "Delete",
    "Grant",
    "Revoke",
    "Modify",
    "Associate",
    "Dissociate",
    "Replace",
    "Enable",
    "Disable",
)


# vSwitches: vpc-a1 in two zones with transit routers and one (g) without; more Hangzhou VPCs of UID1.
# A third account has not opened the transit-router service.
UID3 = "1000000000000003"
AK3 = ("AK3", "SK3")
SEED_TR = dict(
    SEED,
    accounts=SEED["accounts"]
    + [{"uid": UID3, "access_keys": [{"id": "AK3", "secret": "SK3"}], "transit_router_service": False}],
    vpcs=SEED["vpcs"]
    + [
        {"id": "vpc-a4", "account": UID1, "region": HZ, "cidr": "10.4.0.0/16"},
        {"id": "vpc-a5", "account": UID1, "region": HZ, "cidr": "10.5.0.0/16"},
        {"id": "vpc-c1", "account": UID3, "region": HZ, "cidr": "10.6.0.0/16"},
    ],
    vswitches=[
        {"id": "vsw-a1h", "vpc": "vpc-a1", "zone": "cn-hangzhou-h", "cidr": "10.0.1.0/24"},
        {"id": "vsw-a1j", "vpc": "vpc-a1", "zone": "cn-hangzhou-j", "cidr": "10.0.2.0/24"},
        {"id": "vsw-a1k", "vpc": "vpc-a1", "zone": "cn-hangzhou-k", "cidr": "10.0.4.0/24"},
        {"id": "vsw-a1g", "vpc": "vpc-a1", "zone": "cn-hangzhou-g", "cidr": "10.0.3.0/24"},
        {"id": "vsw-a2b", "vpc": "vpc-a2", "zone": "cn-shanghai-b", "cidr": "10.1.1.0/24"},
        {"id": "vsw-b1h", "vpc": "vpc-b1", "zone": "cn-hangzhou-h", "cidr": "10.2.1.0/24"},
        {"id": "vsw-a4h", "vpc": "vpc-a4", "zone": "cn-hangzhou-h", "cidr": "10.4.1.0/24"},
        {"id": "vsw-a5h", "vpc": "vpc-a5", "zone": "cn-hangzhou-h", "cidr": "10.5.1.0/24"},
        {"id": "vsw-c1h", "vpc": "vpc-c1", "zone": "cn-hangzhou-h", "cidr": "10.6.1.0/24"},
    ],
)
A1_ZONES = [("cn-hangzhou-h", "vsw-a1h"), ("cn-hangzhou-j", "vsw-a1j")]


class TrEnv(Env):
    """Env with transit-router shortcuts."""

    def router(self, cen_id, region=HZ, who=UID1, settle=True, **params):
        tr_id = self.call(who, "CreateTransitRouter", CenId=cen_id, RegionId=region, **params)["TransitRouterId"]
        if settle:
            self.settle()
        return tr_id

    def routers(self, who=UID1, **params):
        return self.call(who, "ListTransitRouters", **params)["TransitRouters"]

    def describe_router(self, tr_id, who=UID1):
        found = self.routers(who, TransitRouterId=tr_id)
        return found[0] if found else None

    def system_table(self, tr_id, who=UID1):
        (table,) = self.call(
            who, "ListTransitRouterRouteTables", TransitRouterId=tr_id, TransitRouterRouteTableType="System"
        )["TransitRouterRouteTables"]
        return table["TransitRouterRouteTableId"]

    def vpc_attach(self, tr_id, vpc_id, zones, who=UID1, settle=True, **params):
        mappings = [{"ZoneId": zone, "VSwitchId": vsw} for zone, vsw in zones]
        att_id = self.call(
            who,
            "CreateTransitRouterVpcAttachment",
            TransitRouterId=tr_id,
            VpcId=vpc_id,
            ZoneMappings=mappings,
            **params
        )["TransitRouterAttachmentId"]
        if settle:
            self.settle()
        return att_id

    def grant_vpc(self, who, vpc_id, cen_id):
        """``who`` grants CEN ``cen_id`` of UID1 its VPC ``vpc_id`` (in Hangzhou)."""
        self.call(
            who,
            "GrantInstanceToTransitRouter",
            CenId=cen_id,
            CenOwnerId=int(UID1),
            InstanceId=vpc_id,
            InstanceType="VPC",
            RegionId=HZ,
        )

    def grant_vswitches(self, who=UID1, **params):
        """ListGrantVSwitchesToCen (whose SDK method name Env's snake-casing does not find)."""
        request = cbn_models.ListGrantVSwitchesToCenRequest().from_map(params)
        return self.client("cbn", who).list_grant_vswitches_to_cen(request).body.to_map()["VSwitches"]

    def vpc_attachments(self, who=UID1, **params):
        return self.call(who, "ListTransitRouterVpcAttachments", **params)["TransitRouterAttachments"]

    def describe_attachment(self, att_id, who=UID1):
        found = self.vpc_attachments(who, TransitRouterAttachmentId=att_id)
        return found[0] if found else None


@pytest.fixture
def env(emulator_factory):
    clock = Clock()
    return TrEnv(emulator_factory(seed=SEED_TR, transition_seconds=TRANSITION, clock=clock), clock)


@pytest.fixture
def hz(env):
    """A CEN with an Active router in Hangzhou; vpc-a1's zone mappings."""
    cen_id = env.cen()
    return cen_id, env.router(cen_id), A1_ZONES


# =============================================================================== the service
def test_seeded_accounts_have_the_service_open_and_opening_twice_is_refused(env):
    assert env.call(UID1, "CheckTransitRouterService")["Enabled"] == "true"
    assert env.error(UID1, "OpenTransitRouterService") == ("Order.Opened", 400)


def test_an_account_without_the_service_creates_nothing_until_it_opens_it(env):
    assert "Enabled" not in env.call(AK3, "CheckTransitRouterService")
    cen_id = env.cen(AK3)
    before = env.tables()
    closed = ("Forbbiden.TransitRouterServiceNotOpen", 400)
    assert env.error(AK3, "CreateTransitRouter", CenId=cen_id, RegionId=HZ) == closed
    assert (
        env.error(
            AK3,
            "CreateTransitRouterVpcAttachment",
            CenId=cen_id,
            RegionId=HZ,
            VpcId="vpc-c1",
            ZoneMappings=[{"ZoneId": "cn-hangzhou-h", "VSwitchId": "vsw-c1h"}],
        )
        == closed
    )
    assert env.tables() == before
    assert env.running.admin("GET", "/_emulator/state")[1]["accounts"][UID3]["transit_router_service"] is False
    assert re.match(r"^[0-9]+$", env.call(AK3, "OpenTransitRouterService")["OrderId"])
    assert env.call(AK3, "CheckTransitRouterService")["Enabled"] == "true"
    assert env.running.admin("GET", "/_emulator/state")[1]["accounts"][UID3]["transit_router_service"] is True
    env.router(cen_id, who=AK3)


def test_a_vpc_whose_owner_has_not_opened_the_service_cannot_attach(env, hz):
    cen_id, tr_id, _zones = hz
    env.grant_vpc(AK3, "vpc-c1", cen_id)
    request = dict(
        TransitRouterId=tr_id,
        VpcId="vpc-c1",
        VpcOwnerId=int(UID3),
        ZoneMappings=[{"ZoneId": "cn-hangzhou-h", "VSwitchId": "vsw-c1h"}],
    )
    assert env.error(UID1, "CreateTransitRouterVpcAttachment", **request) == (
        "Forbidden.ResourceOwnerTransitRouterServiceNotOpen",
        400,
    )
    env.call(AK3, "OpenTransitRouterService")
    env.call(UID1, "CreateTransitRouterVpcAttachment", **request)


def test_available_zones_are_the_regions_transit_router_zones(env):
    answer = env.call(UID1, "ListTransitRouterAvailableResource", RegionId=HZ)
    assert answer["AvailableZones"] == ["cn-hangzhou-%s" % z for z in "bhijk"]
    assert answer["MasterZones"] == answer["SlaveZones"] == answer["AvailableZones"]
    assert env.error(UID1, "ListTransitRouterAvailableResource", RegionId="xx-nowhere-1") == (
        "IllegalParam.RegionId",
        400,
    )


def test_a_seed_may_narrow_a_regions_transit_router_zones(emulator_factory):
    seed = dict(
        SEED_TR,
        regions=[
            {"id": "cn-wuhan-lr", "transit_router_zones": []},
            {"id": HZ, "transit_router_zones": ["cn-hangzhou-h"]},
        ],
    )
    clock = Clock()
    env = TrEnv(emulator_factory(seed=seed, transition_seconds=TRANSITION, clock=clock), clock)
    assert env.call(UID1, "ListTransitRouterAvailableResource", RegionId="cn-wuhan-lr")["AvailableZones"] == []
    assert env.call(UID1, "ListTransitRouterAvailableResource", RegionId=HZ)["AvailableZones"] == ["cn-hangzhou-h"]
    assert env.call(UID1, "ListTransitRouterAvailableResource", RegionId=SH)["AvailableZones"][0] == "cn-shanghai-b"
    tr_id = env.router(env.cen())
    before = env.tables()
    refused = env.error(
        UID1,
        "CreateTransitRouterVpcAttachment",
        TransitRouterId=tr_id,
        VpcId="vpc-a1",
        ZoneMappings=[{"ZoneId": zone, "VSwitchId": vsw} for zone, vsw in A1_ZONES],
    )
    assert refused == ("IllegalParam.ZoneId", 400) and env.tables() == before
    env.vpc_attach(tr_id, "vpc-a1", A1_ZONES[:1])
    env.call(UID1, "CreateTransitRouter", CenId=env.cen(), RegionId="cn-wuhan-lr")
    env.running.admin("POST", "/_emulator/reset")
    assert env.call(UID1, "ListTransitRouterAvailableResource", RegionId="cn-wuhan-lr")["AvailableZones"] == []


def test_narrowed_zones_survive_a_restart_with_a_state_file(emulator_factory, tmp_path):
    seed = dict(SEED_TR, regions=[{"id": HZ, "transit_router_zones": ["cn-hangzhou-k"]}])
    state = str(tmp_path / "state.json")
    emulator_factory(seed=seed, state_file=state).stop()  # the seeded world is saved at start
    second = Env(emulator_factory(seed=SEED_TR, state_file=state), Clock())
    assert second.call(UID1, "ListTransitRouterAvailableResource", RegionId=HZ)["AvailableZones"] == ["cn-hangzhou-k"]


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"id": "xx-nowhere-1", "transit_router_zones": []}, r"regions\[0\]: unknown region 'xx-nowhere-1'"),
        ({"id": HZ, "transit_router_zones": ["cn-shanghai-b"]}, r"regions\[0\]: transit_router_zones must be a list "
         r"of zones of cn-hangzhou \(its zones: cn-hangzhou-b, "),
        ({"id": HZ}, r"regions\[0\]: transit_router_zones must be a list"),
        ({"id": HZ, "transit_router_zones": [], "zones": []}, r"regions\[0\]: unknown keys zones"),
    ],
)
def test_the_seed_loader_refuses_unusable_region_entries(emulator_factory, entry, message):
    with pytest.raises(SeedError, match=message):
        emulator_factory(seed=dict(SEED_TR, regions=[entry]))


# =============================================================================== routers
def test_create_router_walks_creating_to_active_with_its_system_table(env):
    cen_id = env.cen()
    tr_id = env.call(
        UID1,
        "CreateTransitRouter",
        CenId=cen_id,
        RegionId=HZ,
        TransitRouterName="hz",
        TransitRouterDescription="the hub",
        Tag=[{"Key": "env", "Value": "dev"}],
        TransitRouterCidrList=[{"Cidr": "192.168.0.0/16"}],
    )["TransitRouterId"]
    assert re.match(r"^tr-[0-9a-z]{20}$", tr_id)
    tr = env.describe_router(tr_id)
    assert tr["Status"] == "Creating"
    (table,) = env.call(UID1, "ListTransitRouterRouteTables", TransitRouterId=tr_id)["TransitRouterRouteTables"]
    assert (table["TransitRouterRouteTableType"], table["TransitRouterRouteTableStatus"]) == ("System", "Creating")
    env.settle()
    tr = env.describe_router(tr_id)
    assert tr["Status"] == "Active"
    assert (tr["CenId"], tr["RegionId"], tr["Type"], tr["AliUid"]) == (cen_id, HZ, "Enterprise", int(UID1))
    assert (tr["TransitRouterName"], tr["TransitRouterDescription"]) == ("hz", "the hub")
    assert tr["Tags"] == [{"Key": "env", "Value": "dev"}]
    assert tr["TransitRouterCidrList"][0]["Cidr"] == "192.168.0.0/16"
    assert tr["TransitRouterCidrList"][0]["PublishCidrRoute"] is True
    assert MINUTE_RE.match(tr["CreationTime"])
    assert re.match(r"^vtb-", env.system_table(tr_id))


@pytest.mark.parametrize(
    "params, code",
    [
        ({"RegionId": "xx-nowhere-1"}, "IllegalParam.RegionId"),
        ({"TransitRouterName": "n" * 129}, "InvalidParameter"),
        ({"TransitRouterDescription": "https://x"}, "InvalidParameter"),
        ({"TransitRouterCidrList": [{"Cidr": "10.0.0.0/8"}]}, "IllegalParam.Cidr"),
        ({"TransitRouterCidrList": [{"Cidr": "10.0.0.0/16"}, {"Cidr": "10.0.1.0/24"}]}, "OverLappingExist.Cidr"),
        ({"CenId": "cen-nosuchcen"}, "InvalidCenId.NotFound"),
        ({"Tag": [{"Key": "acs:x", "Value": "v"}]}, "InvalidTagKey"),
    ],
)
def test_create_router_refusals_write_nothing(env, params, code):
    cen_id = env.cen()
    before = env.tables()
    assert env.error(UID1, "CreateTransitRouter", **dict({"CenId": cen_id, "RegionId": HZ}, **params)) == (code, 400)
    assert env.tables() == before


def test_one_router_per_region_per_cen(env):
    cen_id = env.cen()
    env.router(cen_id)
    assert env.error(UID1, "CreateTransitRouter", CenId=cen_id, RegionId=HZ) == (
        "InstanceExist.TransitRouterInstance",
        400,
    )
    env.router(cen_id, SH)
    env.router(env.cen(), HZ)  # another CEN may have its own
    assert len(env.routers()) == 3


def test_dry_run_and_client_token(env):
    cen_id = env.cen()
    before = env.tables()
    assert env.error(UID1, "CreateTransitRouter", CenId=cen_id, RegionId=HZ, DryRun=True) == ("DryRunOperation", 400)
    assert env.tables() == before
    first = env.router(cen_id, ClientToken="tok-1", settle=False)
    assert env.router(cen_id, ClientToken="tok-1", settle=False) == first
    assert len(env.routers()) == 1
    assert env.error(UID1, "CreateTransitRouter", CenId=cen_id, RegionId=SH, ClientToken="tok-1") == (
        "IdempotentParameterMismatch",
        400,
    )


def test_a_creating_router_takes_no_writes_and_a_busy_one_takes_one_at_a_time(env):
    cen_id = env.cen()
    tr_id = env.router(cen_id, settle=False)
    before = env.tables()
    creating = ("IncorrectStatus.TransitRouterInstance", 400)
    assert env.error(UID1, "UpdateTransitRouter", TransitRouterId=tr_id, RegionId=HZ, TransitRouterName="x") == creating
    assert env.error(UID1, "DeleteTransitRouter", TransitRouterId=tr_id) == creating
    assert env.error(UID1, "CreateTransitRouterRouteTable", TransitRouterId=tr_id) == creating
    assert env.tables() == before
    env.settle()
    env.call(UID1, "UpdateTransitRouter", TransitRouterId=tr_id, RegionId=HZ, TransitRouterName="x")
    assert env.describe_router(tr_id)["Status"] == "Modifying"
    before = env.tables()
    blocked = ("Operation.Blocking", 400)
    assert env.error(UID1, "UpdateTransitRouter", TransitRouterId=tr_id, RegionId=HZ, TransitRouterName="y") == blocked
    assert env.error(UID1, "CreateTransitRouterRouteTable", TransitRouterId=tr_id) == blocked
    assert env.error(UID1, "DeleteTransitRouter", TransitRouterId=tr_id) == blocked
    assert env.tables() == before
    env.settle()
    tr = env.describe_router(tr_id)
    assert (tr["Status"], tr["TransitRouterName"]) == ("Active", "x")


def test_update_router_refusals(env):
    tr_id = env.router(env.cen())
    assert env.error(UID1, "UpdateTransitRouter", TransitRouterId="tr-nosuch", RegionId=HZ) == (
        "InvalidTransitRouterId.NotFound",
        400,
    )
    assert env.error(UID1, "UpdateTransitRouter", TransitRouterId=tr_id, RegionId=SH) == ("IllegalParam.RegionId", 400)
    assert env.error(UID1, "UpdateTransitRouter", TransitRouterId=tr_id, RegionId=HZ, DryRun=True) == (
        "DryRunOperation",
        400,
    )
    assert env.describe_router(tr_id)["Status"] == "Active"


def test_delete_router_walks_deleting_to_gone_with_its_system_table(env):
    tr_id = env.router(env.cen())
    assert env.error(UID1, "DeleteTransitRouter", TransitRouterId=tr_id, DryRun=True) == ("DryRunOperation", 400)
    env.call(UID1, "DeleteTransitRouter", TransitRouterId=tr_id)
    assert env.describe_router(tr_id)["Status"] == "Deleting"
    env.settle()
    assert env.describe_router(tr_id) is None
    assert env.call(UID1, "ListTransitRouterRouteTables", TransitRouterId=tr_id)["TransitRouterRouteTables"] == []
    assert env.error(UID1, "DeleteTransitRouter", TransitRouterId=tr_id) == (
        "InvalidTransitRouterInstance.NotFound",
        400,
    )


def test_delete_router_is_refused_while_attachments_or_custom_tables_remain(env, hz):
    _cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones)
    assert env.error(UID1, "DeleteTransitRouter", TransitRouterId=tr_id) == (
        "InvalidOperation.AttachedChildInstanceExist",
        400,
    )
    env.call(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id)
    env.settle()
    env.call(UID1, "CreateTransitRouterRouteTable", TransitRouterId=tr_id)
    env.settle()
    assert env.error(UID1, "DeleteTransitRouter", TransitRouterId=tr_id) == ("OperationFailed.DeleteTransitRouter", 400)


def test_list_routers_pages_and_filters(env):
    cens = [env.cen() for _ in range(3)]
    ids = [env.router(cen_id, settle=False, TransitRouterName="r%d" % i) for i, cen_id in enumerate(cens)]
    env.settle()
    page = env.call(UID1, "ListTransitRouters", PageSize=2, PageNumber=2)
    assert (page["TotalCount"], page["PageNumber"], page["PageSize"]) == (3, 2, 2)
    assert [tr["TransitRouterId"] for tr in page["TransitRouters"]] == ids[2:]
    assert [tr["TransitRouterId"] for tr in env.routers(CenId=cens[1])] == [ids[1]]
    assert [tr["TransitRouterId"] for tr in env.routers(TransitRouterName="r0")] == [ids[0]]
    assert env.routers(RegionId=SH) == []
    assert env.routers(Type="Basic") == []
    assert env.error(UID1, "ListTransitRouters", PageSize=51) == ("InvalidParameter", 400)


def test_accounts_see_and_touch_only_their_own_routers(env):
    cen_id = env.cen()
    tr_id = env.router(cen_id)
    assert env.routers(UID2) == []
    assert env.error(UID2, "CreateTransitRouter", CenId=cen_id, RegionId=SH) == ("InvalidCenId.NotFound", 400)
    assert env.error(UID2, "DeleteTransitRouter", TransitRouterId=tr_id) == (
        "InvalidTransitRouterInstance.NotFound",
        400,
    )
    assert env.call(UID2, "ListTransitRouterRouteTables", TransitRouterId=tr_id)["TransitRouterRouteTables"] == []


# =============================================================================== VPC attachments
def test_vpc_attachment_walks_attaching_to_attached(env, hz):
    cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(
        tr_id, "vpc-a1", zones, settle=False, TransitRouterAttachmentName="a1", AutoPublishRouteEnabled=True
    )
    assert re.match(r"^tr-attach-[0-9a-z]{16}$", att_id)
    att = env.describe_attachment(att_id)
    assert att["Status"] == "Attaching"
    env.settle()
    att = env.describe_attachment(att_id)
    assert att["Status"] == "Attached"
    assert (att["CenId"], att["TransitRouterId"], att["VpcId"], att["VpcOwnerId"], att["VpcRegionId"]) == (
        cen_id,
        tr_id,
        "vpc-a1",
        int(UID1),
        HZ,
    )
    assert (att["ResourceType"], att["ChargeType"], att["AutoPublishRouteEnabled"]) == ("VPC", "POSTPAY", True)
    assert att["TransitRouterAttachmentName"] == "a1"
    assert [(z["ZoneId"], z["VSwitchId"]) for z in att["ZoneMappings"]] == zones
    assert all(z["NetworkInterfaceId"].startswith("eni-") for z in att["ZoneMappings"])
    assert SECOND_RE.match(att["CreationTime"])


def test_vpc_attachment_with_cen_and_region_creates_the_router(env):
    cen_id = env.cen()
    vsw = "vsw-a2b"
    att_id = env.call(
        UID1,
        "CreateTransitRouterVpcAttachment",
        CenId=cen_id,
        RegionId=SH,
        VpcId="vpc-a2",
        ZoneMappings=[{"ZoneId": "cn-shanghai-b", "VSwitchId": vsw}],
    )["TransitRouterAttachmentId"]
    (tr,) = env.routers(CenId=cen_id)
    assert (tr["RegionId"], tr["Status"]) == (SH, "Creating")
    env.settle()
    assert env.describe_router(tr["TransitRouterId"])["Status"] == "Active"
    assert env.describe_attachment(att_id)["TransitRouterId"] == tr["TransitRouterId"]
    assert env.system_table(tr["TransitRouterId"])
    assert env.error(
        UID1,
        "CreateTransitRouterVpcAttachment",
        CenId=cen_id,
        VpcId="vpc-a2",
        ZoneMappings=[{"ZoneId": "cn-shanghai-b", "VSwitchId": vsw}],
    ) == ("MissingParam.CenIdOrRegionId", 400)


def test_vpc_attachment_refusals_write_nothing(env, hz):
    _cen_id, tr_id, zones = hz
    vsw_g = "vsw-a1g"
    (zone_h, vsw_h), (_zone_j, vsw_j) = zones
    cases = [
        ({"VpcId": "vpc-nosuch"}, ("InvalidVpcId.NotFound", 404)),
        ({"VpcId": "vpc-a2"}, ("InvalidVpcId.NotFound", 404)),  # another region
        ({"ZoneMappings": []}, ("MissingParameter", 400)),
        ({"ZoneMappings": [{"ZoneId": "cn-hangzhou-g", "VSwitchId": vsw_g}]}, ("IllegalParam.ZoneId", 400)),
        ({"ZoneMappings": [{"ZoneId": "cn-shanghai-b", "VSwitchId": vsw_h}]}, ("IllegalParam.ZoneId", 400)),
        ({"ZoneMappings": [{"ZoneId": zone_h, "VSwitchId": vsw_j}]}, ("IllegalParam.VSwitchId", 400)),
        ({"ZoneMappings": [{"ZoneId": zone_h, "VSwitchId": "vsw-nosuch"}]}, ("InvalidVSwitchId.NotFound", 404)),
        ({"ZoneMappings": [{"ZoneId": zone_h, "VSwitchId": vsw_h}] * 2}, ("Duplicated.ZoneMapping", 400)),
        ({"ChargeType": "PREPAY"}, ("IllegalParam.ChargeType", 400)),
        ({"TransitRouterAttachmentName": "n" * 129}, ("InvalidParameter", 400)),
        ({"TransitRouterVPCAttachmentOptions": {"ipv6Support": "maybe"}}, ("IllegalParam.Ipv6Support", 400)),
        ({"TransitRouterId": "tr-nosuch"}, ("InvalidTransitRouterId.NotFound", 400)),
        ({"RegionId": SH}, ("IllegalParam.TransitRouterRegionId", 400)),
        ({"VpcOwnerId": int(UID2), "VpcId": "vpc-b1"}, ("Forbbiden.AttachChildInstanceAcrossUid", 409)),
        ({"DryRun": True}, ("DryRunOperation", 400)),
    ]
    before = env.tables()
    for params, expected in cases:
        request = dict(
            {"TransitRouterId": tr_id, "VpcId": "vpc-a1", "ZoneMappings": [{"ZoneId": zone_h, "VSwitchId": vsw_h}]},
            **params
        )
        assert env.error(UID1, "CreateTransitRouterVpcAttachment", **request) == expected, params
    assert env.tables() == before


def test_a_vpc_attaches_once_per_router_and_one_operation_at_a_time(env, hz):
    _cen_id, tr_id, zones = hz
    env.vpc_attach(tr_id, "vpc-a1", zones[:1], settle=False)
    blocked = ("Operation.Blocking", 400)
    vsw = "vsw-a1k"
    assert (
        env.error(
            UID1,
            "CreateTransitRouterVpcAttachment",
            TransitRouterId=tr_id,
            VpcId="vpc-a1",
            ZoneMappings=[{"ZoneId": "cn-hangzhou-k", "VSwitchId": vsw}],
        )
        == blocked
    )
    env.settle()
    assert env.error(
        UID1,
        "CreateTransitRouterVpcAttachment",
        TransitRouterId=tr_id,
        VpcId="vpc-a1",
        ZoneMappings=[{"ZoneId": "cn-hangzhou-k", "VSwitchId": vsw}],
    ) == ("InvalidOperation.ChildInstanceAlreadyAttached", 409)


def test_update_vpc_attachment_attribute_and_zones(env, hz):
    _cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones[:1])
    env.call(
        UID1,
        "UpdateTransitRouterVpcAttachmentAttribute",
        TransitRouterAttachmentId=att_id,
        TransitRouterAttachmentName="renamed",
        AutoPublishRouteEnabled=True,
    )
    assert env.describe_attachment(att_id)["Status"] == "Modifying"
    assert env.error(
        UID1,
        "UpdateTransitRouterVpcAttachmentAttribute",
        TransitRouterAttachmentId=att_id,
        TransitRouterAttachmentName="x",
    ) == ("Operation.Blocking", 400)
    env.settle()
    att = env.describe_attachment(att_id)
    assert (att["Status"], att["TransitRouterAttachmentName"], att["AutoPublishRouteEnabled"]) == (
        "Attached",
        "renamed",
        True,
    )

    zone_j, vsw_j = zones[1]
    env.call(
        UID1,
        "UpdateTransitRouterVpcAttachmentZones",
        TransitRouterAttachmentId=att_id,
        AddZoneMappings=[{"ZoneId": zone_j, "VSwitchId": vsw_j}],
        RemoveZoneMappings=[{"ZoneId": zones[0][0]}],
    )
    assert env.describe_attachment(att_id)["Status"] == "Modifying"
    env.settle()
    assert [(z["ZoneId"], z["VSwitchId"]) for z in env.describe_attachment(att_id)["ZoneMappings"]] == [(zone_j, vsw_j)]
    before = env.tables()
    for params, code in [
        ({"RemoveZoneMappings": [{"ZoneId": zone_j}]}, "IllegalParam.ZoneMappings"),  # none would be left
        ({"RemoveZoneMappings": [{"ZoneId": "cn-hangzhou-k"}]}, "IllegalParam.ZoneMappings"),
        ({"AddZoneMappings": [{"ZoneId": zone_j, "VSwitchId": vsw_j}]}, "Duplicated.ZoneMapping"),
        ({"AddZoneMappings": [{"ZoneId": "cn-hangzhou-g", "VSwitchId": vsw_j}]}, "IllegalParam.ZoneId"),
        ({"AddZoneMappings": [{"ZoneId": zones[0][0], "VSwitchId": zones[0][1]}], "DryRun": True}, "DryRunOperation"),
    ]:
        assert env.error(UID1, "UpdateTransitRouterVpcAttachmentZones", TransitRouterAttachmentId=att_id, **params) == (
            code,
            400,
        ), params
    assert env.error(
        UID1, "UpdateTransitRouterVpcAttachmentAttribute", TransitRouterAttachmentId="tr-attach-nosuch"
    ) == ("InvalidTransitRouterAttachmentId.NotFound", 400)
    assert env.tables() == before


def test_delete_vpc_attachment_walks_detaching_to_gone(env, hz):
    _cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones)
    assert env.error(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id, DryRun=True) == (
        "DryRunOperation",
        400,
    )
    env.call(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id)
    assert env.describe_attachment(att_id)["Status"] == "Detaching"
    env.settle()
    assert env.describe_attachment(att_id) is None
    assert env.error(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id) == (
        "InvalidTransitRouterAttachmentId.NotFound",
        400,
    )


def test_delete_vpc_attachment_is_refused_while_tables_use_it_unless_forced(env, hz):
    _cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones)
    table_id = env.system_table(tr_id)
    link = {"TransitRouterAttachmentId": att_id, "TransitRouterRouteTableId": table_id}
    env.call(UID1, "AssociateTransitRouterAttachmentWithRouteTable", **link)
    env.settle()
    assert env.error(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id) == (
        "OperationFailed.RouteTableAssociationExist",
        400,
    )
    env.call(UID1, "DissociateTransitRouterAttachmentFromRouteTable", **link)
    env.settle()
    env.call(UID1, "EnableTransitRouterRouteTablePropagation", **link)
    env.settle()
    assert env.error(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id) == (
        "OperationFailed.RouteTablePropagationExist",
        400,
    )
    env.call(UID1, "AssociateTransitRouterAttachmentWithRouteTable", **link)
    env.settle()
    env.call(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id, Force=True)
    assert (
        env.call(UID1, "ListTransitRouterRouteTableAssociations", TransitRouterRouteTableId=table_id)[
            "TransitRouterAssociations"
        ]
        == []
    )
    assert (
        env.call(UID1, "ListTransitRouterRouteTablePropagations", TransitRouterRouteTableId=table_id)[
            "TransitRouterPropagations"
        ]
        == []
    )
    env.settle()
    assert env.describe_attachment(att_id) is None


def test_list_vpc_attachments_pages_with_next_token(env, hz):
    cen_id, tr_id, zones = hz
    vpcs = [("vpc-a4", "vsw-a4h"), ("vpc-a5", "vsw-a5h")]
    atts = [env.vpc_attach(tr_id, "vpc-a1", zones)]
    for vpc_id, vsw in vpcs:
        atts.append(env.vpc_attach(tr_id, vpc_id, [("cn-hangzhou-h", vsw)]))
    first = env.call(UID1, "ListTransitRouterVpcAttachments", TransitRouterId=tr_id, MaxResults=2)
    assert (first["TotalCount"], first["MaxResults"]) == (3, 2)
    second = env.call(
        UID1, "ListTransitRouterVpcAttachments", TransitRouterId=tr_id, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [
        a["TransitRouterAttachmentId"] for a in first["TransitRouterAttachments"] + second["TransitRouterAttachments"]
    ] == atts
    assert second["NextToken"] == ""
    assert [a["TransitRouterAttachmentId"] for a in env.vpc_attachments(VpcId="vpc-a1")] == atts[:1]
    assert env.vpc_attachments(CenId=cen_id, RegionId=SH) == []
    assert env.vpc_attachments(UID2) == []
    assert env.error(UID1, "ListTransitRouterVpcAttachments", NextToken="bogus") == ("InvalidParameter", 400)


# =============================================================================== cross-account
def test_cross_account_attach_needs_the_owners_grant(env, hz):
    cen_id, tr_id, _zones = hz
    vsw = "vsw-b1h"
    request = dict(
        TransitRouterId=tr_id,
        VpcId="vpc-b1",
        VpcOwnerId=int(UID2),
        ZoneMappings=[{"ZoneId": "cn-hangzhou-h", "VSwitchId": vsw}],
    )
    assert env.error(UID1, "CreateTransitRouterVpcAttachment", **request) == (
        "Forbbiden.AttachChildInstanceAcrossUid",
        409,
    )
    # the CEN owner sees no vSwitches of a VPC not granted to it
    listing = dict(CenId=cen_id, RegionId=HZ, VpcId="vpc-b1")
    assert env.grant_vswitches(**listing) == []
    grant = dict(CenId=cen_id, CenOwnerId=int(UID1), InstanceId="vpc-b1", InstanceType="VPC", RegionId=HZ)
    env.call(UID2, "GrantInstanceToTransitRouter", **grant)
    assert env.error(UID2, "GrantInstanceToTransitRouter", **grant) == ("ResourceAlreadyExist.GrantRule", 400)
    assert env.grant_vswitches(**listing) == [
        {"VSwitchId": vsw, "VSwitchName": "", "VpcId": "vpc-b1", "ZoneId": "cn-hangzhou-h"}
    ]
    (rule,) = env.call(UID2, "DescribeGrantRulesToResource", ProductType="VPC", ResourceId="vpc-b1")["GrantRules"]
    assert (rule["CenId"], rule["CenOwnerId"]) == (cen_id, int(UID1))
    (rule,) = env.call(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC")["GrantRules"]["GrantRule"]
    assert (rule["ChildInstanceId"], rule["ChildInstanceOwnerId"]) == ("vpc-b1", int(UID2))

    att_id = env.call(UID1, "CreateTransitRouterVpcAttachment", **request)["TransitRouterAttachmentId"]
    env.settle()
    assert env.describe_attachment(att_id)["VpcOwnerId"] == int(UID2)
    assert env.vpc_attachments(UID2) == []  # the attachment is the CEN owner's
    revoke = dict(grant)
    del revoke["RegionId"]
    assert env.error(UID2, "RevokeInstanceFromTransitRouter", **revoke) == ("IncorrectStatus", 400)
    env.call(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id)
    env.settle()
    env.call(UID2, "RevokeInstanceFromTransitRouter", **revoke)
    assert env.error(UID2, "RevokeInstanceFromTransitRouter", **revoke) == ("InvalidInstanceId.NotFound", 404)
    assert env.error(UID1, "CreateTransitRouterVpcAttachment", **request) == (
        "Forbbiden.AttachChildInstanceAcrossUid",
        409,
    )


def test_grant_refusals(env):
    cen_id = env.cen()
    base = dict(CenId=cen_id, CenOwnerId=int(UID1), InstanceId="vpc-b1", InstanceType="VPC", RegionId=HZ)
    before = env.tables()
    for params, expected in [
        ({"InstanceId": "vpc-a1"}, ("InvalidInstanceId.NotFound", 404)),  # not the caller's
        ({"RegionId": SH}, ("InvalidInstanceId.NotFound", 404)),
        ({"InstanceType": "VPN", "InstanceId": "vpn-x"}, ("InvalidInstanceId.NotFound", 404)),
        ({"InstanceType": "Bogus"}, ("InvalidParameter", 400)),
        ({"OrderType": "PayByNobody"}, ("InvalidParameter", 400)),
        ({"CenOwnerId": 42}, ("InvalidParameter", 400)),
    ]:
        assert env.error(UID2, "GrantInstanceToTransitRouter", **dict(base, **params)) == expected, params
    assert env.tables() == before
    env.call(UID2, "GrantInstanceToTransitRouter", **base)
    env.call(
        UID2, "ModifyGrantInstanceToTransitRouter", CenId=cen_id, InstanceId="vpc-b1", OrderType="PayByResourceOwner"
    )
    assert env.world.get("grant", "vpc-b1|%s" % cen_id)["OrderType"] == "PayByResourceOwner"
    assert env.error(
        UID1, "ModifyGrantInstanceToTransitRouter", CenId=cen_id, InstanceId="vpc-b1", OrderType="PayByCenOwner"
    ) == ("InvalidInstanceId.NotFound", 404)


# =============================================================================== route tables
def test_custom_route_tables_walk_their_states(env, hz):
    _cen_id, tr_id, _zones = hz
    table_id = env.call(
        UID1,
        "CreateTransitRouterRouteTable",
        TransitRouterId=tr_id,
        TransitRouterRouteTableName="blue",
        RouteTableOptions={"MultiRegionECMP": "enable"},
    )["TransitRouterRouteTableId"]
    tables = env.call(
        UID1, "ListTransitRouterRouteTables", TransitRouterId=tr_id, TransitRouterRouteTableType="Custom"
    )["TransitRouterRouteTables"]
    assert [(t["TransitRouterRouteTableId"], t["TransitRouterRouteTableStatus"]) for t in tables] == [
        (table_id, "Creating")
    ]
    env.settle()
    env.call(
        UID1, "UpdateTransitRouterRouteTable", TransitRouterRouteTableId=table_id, TransitRouterRouteTableName="green"
    )
    env.settle()
    (table,) = env.call(UID1, "ListTransitRouterRouteTables", TransitRouterRouteTableIds=[table_id])[
        "TransitRouterRouteTables"
    ]
    assert (table["TransitRouterRouteTableName"], table["TransitRouterRouteTableStatus"]) == ("green", "Active")
    assert table["RouteTableOptions"] == {"MultiRegionECMP": "enable"}
    assert env.error(UID1, "DeleteTransitRouterRouteTable", TransitRouterRouteTableId=env.system_table(tr_id)) == (
        "IllegalParam.TransitRouterRouteTableId",
        400,
    )
    env.call(UID1, "DeleteTransitRouterRouteTable", TransitRouterRouteTableId=table_id)
    env.settle()
    assert (
        env.call(UID1, "ListTransitRouterRouteTables", TransitRouterRouteTableIds=[table_id])[
            "TransitRouterRouteTables"
        ]
        == []
    )


def test_associations_one_table_per_attachment_and_propagations(env, hz):
    _cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones)
    system = env.system_table(tr_id)
    custom = env.call(UID1, "CreateTransitRouterRouteTable", TransitRouterId=tr_id)["TransitRouterRouteTableId"]
    env.settle()
    link = {"TransitRouterAttachmentId": att_id, "TransitRouterRouteTableId": system}
    assert env.error(UID1, "AssociateTransitRouterAttachmentWithRouteTable", DryRun=True, **link) == (
        "DryRunOperation",
        400,
    )
    env.call(UID1, "AssociateTransitRouterAttachmentWithRouteTable", **link)
    (assoc,) = env.call(UID1, "ListTransitRouterRouteTableAssociations", TransitRouterAttachmentId=att_id)[
        "TransitRouterAssociations"
    ]
    assert assoc == dict(link, Status="Associating", ResourceId="vpc-a1", ResourceType="VPC")
    env.settle()
    assert env.error(
        UID1,
        "AssociateTransitRouterAttachmentWithRouteTable",
        TransitRouterAttachmentId=att_id,
        TransitRouterRouteTableId=custom,
    ) == ("OperationFailed.RouteTableAssociationExist", 400)
    env.call(
        UID1,
        "ReplaceTransitRouterRouteTableAssociation",
        TransitRouterAttachmentId=att_id,
        TransitRouterRouteTableId=custom,
    )
    env.settle()
    (assoc,) = env.call(UID1, "ListTransitRouterRouteTableAssociations", TransitRouterAttachmentId=att_id)[
        "TransitRouterAssociations"
    ]
    assert (assoc["TransitRouterRouteTableId"], assoc["Status"]) == (custom, "Active")
    # an attachment propagates into several tables
    for table_id in (system, custom):
        env.call(
            UID1,
            "EnableTransitRouterRouteTablePropagation",
            TransitRouterAttachmentId=att_id,
            TransitRouterRouteTableId=table_id,
        )
        props = env.call(UID1, "ListTransitRouterRouteTablePropagations", TransitRouterRouteTableId=table_id)
        assert [p["Status"] for p in props["TransitRouterPropagations"]] == ["Enabling"]
        env.settle()
    assert env.error(UID1, "EnableTransitRouterRouteTablePropagation", **link) == (
        "OperationFailed.RouteTablePropagationExist",
        400,
    )
    assert env.error(UID1, "DeleteTransitRouterRouteTable", TransitRouterRouteTableId=custom) == (
        "OperationFailed.RouteTableAssociationExist",
        400,
    )
    env.call(UID1, "DisableTransitRouterRouteTablePropagation", **link)
    props = env.call(UID1, "ListTransitRouterRouteTablePropagations", TransitRouterRouteTableId=system)
    assert [p["Status"] for p in props["TransitRouterPropagations"]] == ["Disabling"]
    env.settle()
    assert (
        env.call(UID1, "ListTransitRouterRouteTablePropagations", TransitRouterRouteTableId=system)[
            "TransitRouterPropagations"
        ]
        == []
    )


def test_link_refusals(env, hz):
    _cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones)
    other_tr = env.router(env.cen())
    foreign = env.system_table(other_tr)
    before = env.tables()
    for action in ("AssociateTransitRouterAttachmentWithRouteTable", "EnableTransitRouterRouteTablePropagation"):
        assert env.error(UID1, action, TransitRouterAttachmentId=att_id, TransitRouterRouteTableId="vtb-nosuch") == (
            "InvalidRouteTableId.NotFound",
            404,
        )
        assert env.error(
            UID1, action, TransitRouterAttachmentId="tr-attach-nosuch", TransitRouterRouteTableId=foreign
        ) == ("InvalidAttachmentId.NotFound", 404)
        assert env.error(UID1, action, TransitRouterAttachmentId=att_id, TransitRouterRouteTableId=foreign) == (
            "IllegalParam.TransitRouterTableId",
            400,
        )
        assert env.error(UID2, action, TransitRouterAttachmentId=att_id, TransitRouterRouteTableId=foreign) == (
            "InvalidRouteTableId.NotFound",
            404,
        )
    for action in ("DissociateTransitRouterAttachmentFromRouteTable", "DisableTransitRouterRouteTablePropagation"):
        assert env.error(
            UID1, action, TransitRouterAttachmentId=att_id, TransitRouterRouteTableId=env.system_table(tr_id)
        ) == ("InvalidParameter", 400)
    assert env.tables() == before


# =============================================================================== around the service
def test_a_vswitch_holding_an_attachments_interface_cannot_be_deleted(env, hz):
    _cen_id, tr_id, zones = hz
    env.vpc_attach(tr_id, "vpc-a1", zones)
    request = vpc_models.DeleteVSwitchRequest(region_id=HZ, v_switch_id="vsw-a1h")
    with pytest.raises(ClientException) as info:
        env.client("vpc", UID1).delete_vswitch(request)
    assert info.value.code == "DependencyViolation"


def test_a_stuck_fault_keeps_routers_creating(env):
    status, _body = env.running.admin("POST", "/_emulator/faults", [{"fault": "stuck", "resource": "transit_router"}])
    assert status == 200
    tr_id = env.router(env.cen())
    assert env.describe_router(tr_id)["Status"] == "Creating"
    assert env.system_table(tr_id)  # other kinds still settle
    env.running.admin("POST", "/_emulator/faults", [])
    assert env.describe_router(tr_id)["Status"] == "Active"


def test_a_dropped_attach_answer_is_retried_with_its_client_token(env, hz):
    _cen_id, tr_id, zones = hz
    rule = {"fault": "drop_after_commit", "action": "CreateTransitRouterVpcAttachment", "count": 1}
    env.running.admin("POST", "/_emulator/faults", [rule])
    with pytest.raises(UnretryableException):
        env.vpc_attach(tr_id, "vpc-a1", zones, settle=False, ClientToken="attach-a1")
    (att,) = env.vpc_attachments()
    assert env.vpc_attach(tr_id, "vpc-a1", zones, ClientToken="attach-a1") == att["TransitRouterAttachmentId"]
    assert len(env.vpc_attachments()) == 1


def test_transit_router_state_survives_a_restart(emulator_factory, tmp_path):
    clock = Clock()
    options = dict(seed=SEED_TR, state_file=str(tmp_path / "state.json"), transition_seconds=TRANSITION, clock=clock)
    first = TrEnv(emulator_factory(**options), clock)
    first.call(AK3, "OpenTransitRouterService")
    cen_id = first.cen()
    tr_id = first.router(cen_id, TransitRouterName="hz")
    att_id = first.vpc_attach(tr_id, "vpc-a1", A1_ZONES)
    table_id = first.system_table(tr_id)
    first.call(
        UID1,
        "AssociateTransitRouterAttachmentWithRouteTable",
        TransitRouterAttachmentId=att_id,
        TransitRouterRouteTableId=table_id,
    )

    second = TrEnv(emulator_factory(**options), clock)
    assert second.call(AK3, "CheckTransitRouterService")["Enabled"] == "true"
    assert second.describe_router(tr_id)["TransitRouterName"] == "hz"
    assert [(z["ZoneId"], z["VSwitchId"]) for z in second.describe_attachment(att_id)["ZoneMappings"]] == A1_ZONES
    (assoc,) = second.call(UID1, "ListTransitRouterRouteTableAssociations", TransitRouterRouteTableId=table_id)[
        "TransitRouterAssociations"
    ]
    assert assoc["Status"] == "Associating"
    second.settle()
    (assoc,) = second.call(UID1, "ListTransitRouterRouteTableAssociations", TransitRouterRouteTableId=table_id)[
        "TransitRouterAssociations"
    ]
    assert assoc["Status"] == "Active"


def test_every_transit_router_operation_has_a_handler_and_a_catalog_spec():
    handlers = registry.load_services()
    for name in TR_OPERATIONS:
        op = CATALOG.get("cbn", name)
        assert op is not None and op.response_model is not None, name
        assert ("cbn", name) in handlers, name
        assert handlers[("cbn", name)].write == name.startswith(WRITE_PREFIXES), name


# =============================================================================== the CEN and the VPC around it
def test_delete_cen_takes_its_idle_routers_and_refuses_busy_ones(env, hz):
    cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones)
    assert env.error(UID1, "DeleteCen", CenId=cen_id) == ("InvalidOperation.AttachedChildInstanceExist", 400)
    env.call(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id)
    env.settle()
    table_id = env.call(UID1, "CreateTransitRouterRouteTable", TransitRouterId=tr_id)["TransitRouterRouteTableId"]
    env.settle()
    assert env.error(UID1, "DeleteCen", CenId=cen_id) == ("OperationFailed.DeleteCenWithCustomRouteTable", 400)
    env.call(UID1, "DeleteTransitRouterRouteTable", TransitRouterRouteTableId=table_id)
    env.settle()
    route = dict(
        TransitRouterRouteTableId=env.system_table(tr_id),
        TransitRouterRouteEntryDestinationCidrBlock="192.168.0.0/16",
        TransitRouterRouteEntryNextHopType="BlackHole",
    )
    entry_id = env.call(UID1, "CreateTransitRouterRouteEntry", **route)["TransitRouterRouteEntryId"]
    env.settle()
    assert env.error(UID1, "DeleteCen", CenId=cen_id) == ("OperationFailed.DeleteCenWithRouteEntry", 400)
    env.call(UID1, "DeleteTransitRouterRouteEntry", TransitRouterRouteEntryId=entry_id)
    env.settle()
    env.call(UID1, "DeleteCen", CenId=cen_id)
    assert env.describe_router(tr_id)["Status"] == "Deleting"
    env.settle()
    assert env.routers() == [] and env.describe_cen(cen_id) is None


def test_a_vpc_attached_to_a_router_is_attached_for_the_vpc_service(env, hz):
    cen_id, tr_id, _zones = hz
    env.grant_vpc(UID2, "vpc-b1", cen_id)
    env.vpc_attach(tr_id, "vpc-b1", [("cn-hangzhou-h", "vsw-b1h")], VpcOwnerId=int(UID2))
    (vpc,) = env.vpc_call(UID2, "DescribeVpcs", RegionId=HZ, VpcId="vpc-b1")["Vpcs"]["Vpc"]
    assert vpc["CenStatus"] == "Attached"
    with pytest.raises(ClientException) as info:
        env.vpc_call(
            UID2,
            "RevokeInstanceFromCen",
            RegionId=HZ,
            InstanceId="vpc-b1",
            InstanceType="VPC",
            CenId=cen_id,
            CenOwnerId=int(UID1),
        )
    assert info.value.code == "IncorrectStatus"
    env.call(
        UID2, "ModifyGrantInstanceToTransitRouter", CenId=cen_id, InstanceId="vpc-b1", OrderType="PayByResourceOwner"
    )
    (rule,) = env.call(UID2, "DescribeGrantRulesToResource", ProductType="VPC", ResourceId="vpc-b1")["GrantRules"]
    assert (rule["OrderType"], rule["EffectiveOrderType"]) == ("PayByResourceOwner", "PayByResourceOwner")

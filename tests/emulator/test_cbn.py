"""The emulator's CBN service driven through the official CBN (and VPC) SDK clients.

Transitions run on a fake clock: ``env.settle()`` moves it past the transition
time, so every state machine is walked step by step without sleeping.
"""

import re
import time

import pytest
from alibabacloud_cbn20170912 import models as cbn_models
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_vpc20160428 import models as vpc_models
from conftest import SEED, UID1, UID2, make_client

TRANSITION = 10.0
HZ, SH, US = "cn-hangzhou", "cn-shanghai", "us-west-1"
MINUTE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\dZ$")


class Clock(object):
    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class Env(object):
    """One emulator on a fake clock, and helpers to call it as either account."""

    def __init__(self, running, clock):
        self.running = running
        self.world = running.world
        self.clock = clock
        self._clients = {}

    def client(self, product, who):
        if (product, who) not in self._clients:
            self._clients[(product, who)] = make_client(self.running.endpoint, product, who)
        return self._clients[(product, who)]

    def call(self, who, action, **params):
        """Call a CBN operation with wire-named parameters; the response body as a dict."""
        return self._call("cbn", cbn_models, who, action, params)

    def vpc_call(self, who, action, **params):
        return self._call("vpc", vpc_models, who, action, params)

    def _call(self, product, models, who, action, params):
        request = getattr(models, action + "Request")().from_map(params)
        response = getattr(self.client(product, who), _snake(action))(request)
        return response.body.to_map()

    def error(self, who, action, **params):
        """Call an operation that must fail: ``(code, http status)``."""
        with pytest.raises(ClientException) as info:
            self.call(who, action, **params)
        return info.value.code, info.value.status_code

    def settle(self):
        self.clock.now += TRANSITION + 1

    def tables(self):
        """A deep copy of every table, to compare before and after a refused call."""
        with self.world.lock:
            self.world.tick()
            return {
                kind: {rid: dict(rec) for rid, rec in table.items()}
                for kind, table in self.world.tables.items()
                if table
            }

    # ------------------------------------------------------------ shortcuts
    def cen(self, who=UID1, settle=True, **params):
        cen_id = self.call(who, "CreateCen", **params)["CenId"]
        if settle:
            self.settle()
        return cen_id

    def describe_cen(self, cen_id, who=UID1):
        cens = self.call(who, "DescribeCens", Filter=[{"Key": "CenId", "Value": [cen_id]}])["Cens"]["Cen"]
        return cens[0] if cens else None

    def attach(self, cen_id, instance, region, itype="VPC", who=UID1, settle=True, **extra):
        self.call(
            who,
            "AttachCenChildInstance",
            CenId=cen_id,
            ChildInstanceId=instance,
            ChildInstanceType=itype,
            ChildInstanceRegionId=region,
            **extra
        )
        if settle:
            self.settle()

    def attachments(self, cen_id, who=UID1, **params):
        return self.call(who, "DescribeCenAttachedChildInstances", CenId=cen_id, **params)["ChildInstances"][
            "ChildInstance"
        ]

    def bwp(self, who=UID1, bandwidth=10, area_a="China", area_b="North-America", **params):
        return self.call(
            who,
            "CreateCenBandwidthPackage",
            Bandwidth=bandwidth,
            GeographicRegionAId=area_a,
            GeographicRegionBId=area_b,
            **params
        )["CenBandwidthPackageId"]

    def describe_bwp(self, bwp_id, who=UID1, **params):
        found = self.call(
            who, "DescribeCenBandwidthPackages", Filter=[{"Key": "CenBandwidthPackageId", "Value": [bwp_id]}], **params
        )
        packages = found["CenBandwidthPackages"]["CenBandwidthPackage"]
        return packages[0] if packages else None

    def limits(self, cen_id, who=UID1):
        found = self.call(who, "DescribeCenInterRegionBandwidthLimits", CenId=cen_id)
        return found["CenInterRegionBandwidthLimits"]["CenInterRegionBandwidthLimit"]

    def set_limit(self, cen_id, local, opposite, limit, settle=True):
        self.call(
            UID1,
            "SetCenInterRegionBandwidthLimit",
            CenId=cen_id,
            LocalRegionId=local,
            OppositeRegionId=opposite,
            BandwidthLimit=limit,
        )
        if settle:
            self.settle()

    def grant(self, instance, region, cen_id, owner=UID2, cen_owner=UID1):
        """The instance owner grants the CEN through the VPC API; the clock moves a minute on."""
        self.vpc_call(
            owner,
            "GrantInstanceToCen",
            RegionId=region,
            InstanceId=instance,
            InstanceType="VPC",
            CenId=cen_id,
            CenOwnerId=int(cen_owner),
        )
        self.clock.now += 60


SEED_CBN = dict(
    SEED,
    vpcs=SEED["vpcs"]
    + [
        {"id": "vpc-a3", "account": UID1, "region": US, "cidr": "10.4.0.0/16", "name": "a3"},
        {"id": "vpc-a4", "account": UID1, "region": HZ, "cidr": "10.5.0.0/16", "name": "a4"},
    ],
    vbrs=[{"id": "vbr-a1", "account": UID1, "region": HZ, "name": "vbr one"}],
)


@pytest.fixture
def env(emulator_factory):
    clock = Clock()
    return Env(emulator_factory(seed=SEED_CBN, transition_seconds=TRANSITION, clock=clock), clock)


# =============================================================================== CEN instances
def test_create_cen_is_creating_then_active_with_its_attributes(env):
    cen_id = env.call(
        UID1, "CreateCen", Name="core", Description="the core network", Tag=[{"Key": "env", "Value": "dev"}]
    )["CenId"]
    assert re.match(r"^cen-[0-9a-z]{18}$", cen_id)
    cen = env.describe_cen(cen_id)
    assert cen["Status"] == "Creating"
    env.settle()
    cen = env.describe_cen(cen_id)
    assert cen["Status"] == "Active"
    assert (cen["Name"], cen["Description"], cen["ProtectionLevel"]) == ("core", "the core network", "REDUCED")
    assert MINUTE_RE.match(cen["CreationTime"])
    assert cen["Tags"] == {"Tag": [{"Key": "env", "Value": "dev"}]}
    assert cen["CenBandwidthPackageIds"] == {"CenBandwidthPackageId": []}
    assert cen["ResourceGroupId"].startswith("rg-")
    assert cen["Ipv6Level"] == "DISABLED"


@pytest.mark.parametrize(
    "params, code",
    [
        ({"Name": "n" * 129}, "InvalidParameter"),
        ({"Name": "http://example.com"}, "InvalidParameter"),
        ({"Description": "d" * 257}, "InvalidParameter"),
        ({"Description": "https://example.com"}, "InvalidParameter"),
        ({"ProtectionLevel": "FULL"}, "InvalidParameter"),
        ({"Tag": [{"Key": "k%d" % i, "Value": "v"} for i in range(21)]}, "InvalidParameter"),
        ({"Tag": [{"Key": "aliyun-owner", "Value": "v"}]}, "InvalidTagKey"),
        ({"Tag": [{"Key": "acs:owner", "Value": "v"}]}, "InvalidTagKey"),
        ({"Tag": [{"Key": "k" * 65, "Value": "v"}]}, "InvalidTagKey"),
        ({"Tag": [{"Key": "k", "Value": "aliyun-x"}]}, "InvalidTagValue"),
        ({"Tag": [{"Key": "k", "Value": "v" * 129}]}, "InvalidTagValue"),
        ({"Tag": [{"Key": "k", "Value": "a"}, {"Key": "k", "Value": "b"}]}, "InvalidParameter"),
    ],
)
def test_create_cen_refuses_invalid_input_and_creates_nothing(env, params, code):
    assert env.error(UID1, "CreateCen", **params) == (code, 400)
    assert env.call(UID1, "DescribeCens")["TotalCount"] == 0


def test_create_cen_accepts_the_limits(env):
    cen_id = env.cen(
        Name="n" * 128,
        Description="d" * 256,
        ProtectionLevel="REDUCED",
        Tag=[{"Key": "k%d" % i, "Value": "v" * 128} for i in range(20)],
    )
    assert len(env.describe_cen(cen_id)["Tags"]["Tag"]) == 20


def test_a_creating_cen_accepts_queries_only(env):
    cen_id = env.cen(settle=False)
    before = env.tables()
    assert env.error(UID1, "ModifyCenAttribute", CenId=cen_id, Name="x") == ("InvalidOperation.CenInstanceStatus", 400)
    assert env.error(UID1, "DeleteCen", CenId=cen_id) == ("InvalidOperation.CenInstanceStatus", 400)
    assert env.error(
        UID1,
        "AttachCenChildInstance",
        CenId=cen_id,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
    ) == ("InvalidOperation.CenInstanceStatus", 400)
    assert env.error(
        UID1, "TagResources", ResourceType="cen", ResourceId=[cen_id], Tag=[{"Key": "a", "Value": "b"}]
    ) == ("InvalidOperation.CenInstanceStatus", 400)
    assert env.tables() == before
    env.settle()
    env.call(UID1, "ModifyCenAttribute", CenId=cen_id, Name="x")


def test_modify_cen_attribute_walks_modifying_to_active(env):
    cen_id = env.cen(Name="old", Description="old text")
    env.call(UID1, "ModifyCenAttribute", CenId=cen_id, Name="new", ProtectionLevel="REDUCED")
    cen = env.describe_cen(cen_id)
    assert (cen["Status"], cen["Name"], cen["Description"]) == ("Modifying", "new", "old text")
    before = env.tables()
    assert env.error(UID1, "ModifyCenAttribute", CenId=cen_id, Name="again") == ("Operation.Blocking", 400)
    assert env.error(
        UID1,
        "AttachCenChildInstance",
        CenId=cen_id,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
    ) == ("Operation.Blocking", 400)
    assert env.error(UID1, "DeleteCen", CenId=cen_id) == ("Operation.Blocking", 400)
    assert env.tables() == before
    env.settle()
    assert env.describe_cen(cen_id)["Status"] == "Active"
    env.call(UID1, "ModifyCenAttribute", CenId=cen_id, Description="")
    env.settle()
    assert env.describe_cen(cen_id)["Description"] == ""


def test_modify_cen_attribute_refusals(env):
    cen_id = env.cen(Name="keep")
    before = env.tables()
    assert env.error(UID1, "ModifyCenAttribute", CenId=cen_id, ProtectionLevel="FULL") == (
        "InvalidOperation.EnhanceProtectionLevel",
        400,
    )
    assert env.error(UID1, "ModifyCenAttribute", CenId=cen_id, ProtectionLevel="OTHER") == ("InvalidParameter", 400)
    assert env.error(UID1, "ModifyCenAttribute", CenId=cen_id, Name="https://x") == ("InvalidParameter", 400)
    assert env.error(UID1, "ModifyCenAttribute", CenId="cen-missing", Name="x") == ("ParameterCenInstanceId", 400)
    assert env.tables() == before


def test_delete_cen_walks_deleting_to_gone(env):
    cen_id = env.cen()
    env.call(UID1, "DeleteCen", CenId=cen_id)
    assert env.describe_cen(cen_id)["Status"] == "Deleting"
    assert env.error(UID1, "DeleteCen", CenId=cen_id) == ("InvalidOperation.CenInstanceStatus", 400)
    assert env.error(UID1, "ModifyCenAttribute", CenId=cen_id, Name="x") == ("InvalidOperation.CenInstanceStatus", 400)
    env.settle()
    assert env.describe_cen(cen_id) is None
    assert env.error(UID1, "DeleteCen", CenId=cen_id) == ("ParameterCenInstanceId", 400)


def test_delete_cen_is_refused_while_instances_are_attached(env):
    cen_id = env.cen()
    env.attach(cen_id, "vpc-a1", HZ)
    before = env.tables()
    assert env.error(UID1, "DeleteCen", CenId=cen_id) == ("InvalidOperation.AttachedChildInstanceExist", 400)
    assert env.tables() == before
    assert env.describe_cen(cen_id)["Status"] == "Active"


def test_delete_cen_is_refused_while_a_bandwidth_package_is_associated(env):
    cen_id = env.cen()
    bwp_id = env.bwp()
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    before = env.tables()
    assert env.error(UID1, "DeleteCen", CenId=cen_id) == ("InvalidOperation.CenBandwidthPackageAssociated", 400)
    assert env.tables() == before


def test_describe_cens_pages_filters_and_counts(env):
    ids = [env.cen(settle=False, Name="net-%02d" % i) for i in range(12)]
    env.settle()
    first = env.call(UID1, "DescribeCens")
    assert (first["PageNumber"], first["PageSize"], first["TotalCount"]) == (1, 10, 12)
    assert [c["CenId"] for c in first["Cens"]["Cen"]] == ids[:10]
    second = env.call(UID1, "DescribeCens", PageNumber=3, PageSize=5)
    assert [c["CenId"] for c in second["Cens"]["Cen"]] == ids[10:]
    assert env.call(UID1, "DescribeCens", PageSize=50)["TotalCount"] == 12
    for bad in ({"PageSize": 51}, {"PageSize": 0}, {"PageNumber": 0}):
        assert env.error(UID1, "DescribeCens", **bad) == ("InvalidParameter", 400)

    def names(**params):
        return sorted(c["Name"] for c in env.call(UID1, "DescribeCens", **params)["Cens"]["Cen"])

    # OR among the values of one filter, AND between filters.
    assert names(Filter=[{"Key": "CenId", "Value": [ids[0], ids[3]]}]) == ["net-00", "net-03"]
    assert names(Filter=[{"Key": "CenId", "Value": [ids[0], ids[3]]}, {"Key": "Name", "Value": ["net-03"]}]) == [
        "net-03"
    ]
    assert names(Filter=[{"Key": "Name", "Value": ["nothing"]}]) == []
    group = first["Cens"]["Cen"][0]["ResourceGroupId"]
    assert env.call(UID1, "DescribeCens", ResourceGroupId=group)["TotalCount"] == 12
    assert env.call(UID1, "DescribeCens", ResourceGroupId="rg-other")["TotalCount"] == 0
    assert env.error(UID1, "DescribeCens", Filter=[{"Key": "Status", "Value": ["Active"]}]) == ("InvalidParameter", 400)
    six = [{"Key": "Name", "Value": ["net-01"]}] * 6
    assert env.error(UID1, "DescribeCens", Filter=six) == ("InvalidParameter", 400)
    assert env.error(UID1, "DescribeCens", Filter=[{"Key": "Name", "Value": ["a", "b", "c", "d", "e", "f"]}]) == (
        "InvalidParameter",
        400,
    )


def test_describe_cens_tag_filter(env):
    env.cen(Name="dev", Tag=[{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "net"}])
    env.cen(Name="prod", Tag=[{"Key": "env", "Value": "prod"}])
    env.cen(Name="bare")

    def names(tags):
        return sorted(c["Name"] for c in env.call(UID1, "DescribeCens", Tag=tags)["Cens"]["Cen"])

    assert names([{"Key": "env", "Value": "dev"}]) == ["dev"]
    assert names([{"Key": "env"}]) == ["dev", "prod"]
    assert names([{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "net"}]) == ["dev"]
    assert names([{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "net"}]) == []


def test_accounts_see_and_touch_only_their_own_cens(env):
    cen_id = env.cen(Name="mine")
    env.attach(cen_id, "vpc-a1", HZ)
    bwp_id = env.bwp()
    assert env.call(UID2, "DescribeCens")["TotalCount"] == 0
    assert env.describe_cen(cen_id, who=UID2) is None
    before = env.tables()
    missing = ("ParameterCenInstanceId", 400)
    assert env.error(UID2, "ModifyCenAttribute", CenId=cen_id, Name="theirs") == missing
    assert env.error(UID2, "DeleteCen", CenId=cen_id) == missing
    assert (
        env.error(
            UID2,
            "AttachCenChildInstance",
            CenId=cen_id,
            ChildInstanceId="vpc-b1",
            ChildInstanceType="VPC",
            ChildInstanceRegionId=HZ,
        )
        == missing
    )
    assert (
        env.error(
            UID2,
            "DetachCenChildInstance",
            CenId=cen_id,
            ChildInstanceId="vpc-a1",
            ChildInstanceType="VPC",
            ChildInstanceRegionId=HZ,
        )
        == missing
    )
    assert env.error(UID2, "DescribeCenAttachedChildInstances", CenId=cen_id) == missing
    assert (
        env.error(UID2, "TagResources", ResourceType="cen", ResourceId=[cen_id], Tag=[{"Key": "a", "Value": "b"}])
        == missing
    )
    assert env.error(UID2, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC") == missing
    assert env.error(UID2, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id) == missing
    assert (
        env.error(
            UID2,
            "SetCenInterRegionBandwidthLimit",
            CenId=cen_id,
            LocalRegionId=HZ,
            OppositeRegionId=US,
            BandwidthLimit=1,
        )
        == missing
    )
    own_cen = env.cen(who=UID2)
    assert env.error(UID2, "AssociateCenBandwidthPackage", CenId=own_cen, CenBandwidthPackageId=bwp_id) == (
        "ParameterBwpInstanceId",
        400,
    )
    assert env.error(UID2, "DeleteCenBandwidthPackage", CenBandwidthPackageId=bwp_id) == ("ParameterBwpInstanceId", 400)
    assert env.call(UID2, "DescribeCenBandwidthPackages")["TotalCount"] == 0
    assert env.call(UID2, "DescribeCenInterRegionBandwidthLimits")["TotalCount"] == 0
    after = env.tables()
    after["cen"].pop(own_cen)
    assert after == before


# =============================================================================== tags
def test_tag_untag_and_list_tags(env):
    cen_a = env.cen(Tag=[{"Key": "env", "Value": "dev"}])
    cen_b = env.cen()
    env.call(
        UID1,
        "TagResources",
        ResourceType="cen",
        ResourceId=[cen_a, cen_b],
        Tag=[{"Key": "team", "Value": "net"}, {"Key": "env", "Value": "prod"}],
    )
    rows = env.call(UID1, "ListTagResources", ResourceType="cen", ResourceId=[cen_a])["TagResources"]["TagResource"]
    assert sorted((r["ResourceId"], r["TagKey"], r["TagValue"]) for r in rows) == [
        (cen_a, "env", "prod"),
        (cen_a, "team", "net"),
    ]
    by_tag = env.call(UID1, "ListTagResources", ResourceType="cen", Tag=[{"Key": "team", "Value": "net"}])
    assert {r["ResourceId"] for r in by_tag["TagResources"]["TagResource"]} == {cen_a, cen_b}

    page1 = env.call(UID1, "ListTagResources", ResourceType="cen", PageSize=3)
    assert len(page1["TagResources"]["TagResource"]) == 3 and page1["NextToken"]
    page2 = env.call(UID1, "ListTagResources", ResourceType="cen", PageSize=3, NextToken=page1["NextToken"])
    assert len(page2["TagResources"]["TagResource"]) == 1 and not page2["NextToken"]
    assert env.error(UID1, "ListTagResources", ResourceType="cen", NextToken="bogus") == ("InvalidParameter", 400)

    env.call(UID1, "UntagResources", ResourceType="cen", ResourceId=[cen_a], TagKey=["env"])
    assert env.describe_cen(cen_a)["Tags"]["Tag"] == [{"Key": "team", "Value": "net"}]
    env.call(UID1, "UntagResources", ResourceType="cen", ResourceId=[cen_b], All=True)
    assert env.describe_cen(cen_b)["Tags"]["Tag"] == []


def test_tag_refusals_write_nothing(env):
    cen_id = env.cen(Tag=[{"Key": "k%d" % i, "Value": "v"} for i in range(19)])
    before = env.tables()
    assert env.error(
        UID1,
        "TagResources",
        ResourceType="cen",
        ResourceId=[cen_id],
        Tag=[{"Key": "x", "Value": "1"}, {"Key": "y", "Value": "2"}],
    ) == ("InvalidParameter", 400)
    assert env.error(
        UID1, "TagResources", ResourceType="cen", ResourceId=[cen_id, "cen-missing"], Tag=[{"Key": "x", "Value": "1"}]
    ) == ("ParameterCenInstanceId", 400)
    assert env.error(
        UID1, "TagResources", ResourceType="cen", ResourceId=[cen_id], Tag=[{"Key": "aliyun:x", "Value": "1"}]
    ) == ("InvalidTagKey", 400)
    assert env.error(
        UID1, "TagResources", ResourceType="Vpc", ResourceId=[cen_id], Tag=[{"Key": "x", "Value": "1"}]
    ) == ("InvalidParameter", 400)
    assert env.error(UID1, "UntagResources", ResourceType="cen", ResourceId=[cen_id]) == ("MissingParameter", 400)
    assert env.tables() == before


def test_bandwidth_packages_take_tags(env):
    bwp_id = env.bwp(Tag=[{"Key": "cost", "Value": "a"}])
    env.call(
        UID1, "TagResources", ResourceType="BandwidthPackage", ResourceId=[bwp_id], Tag=[{"Key": "env", "Value": "x"}]
    )
    assert env.describe_bwp(bwp_id)["Tags"]["Tag"] == [{"Key": "cost", "Value": "a"}, {"Key": "env", "Value": "x"}]
    tagged = env.call(UID1, "DescribeCenBandwidthPackages", Tag=[{"Key": "env", "Value": "x"}])
    assert tagged["TotalCount"] == 1


# =============================================================================== attachments
def test_attach_and_detach_walk_their_states(env):
    cen_id = env.cen()
    env.attach(cen_id, "vpc-a1", HZ, settle=False)
    attribute = dict(CenId=cen_id, ChildInstanceId="vpc-a1", ChildInstanceType="VPC", ChildInstanceRegionId=HZ)
    assert env.call(UID1, "DescribeCenAttachedChildInstanceAttribute", **attribute)["Status"] == "Attaching"
    env.settle()
    found = env.call(UID1, "DescribeCenAttachedChildInstanceAttribute", **attribute)
    assert found["Status"] == "Attached"
    assert found["ChildInstanceOwnerId"] == int(UID1)
    assert found["ChildInstanceName"] == "a1"
    assert found["ChildInstanceAttributes"]["CidrBlock"] == "10.0.0.0/16"
    assert MINUTE_RE.match(found["ChildInstanceAttachTime"])
    [listed] = env.attachments(cen_id)
    assert (
        listed["ChildInstanceId"],
        listed["ChildInstanceType"],
        listed["ChildInstanceRegionId"],
        listed["Status"],
        listed["ChildInstanceOwnerId"],
    ) == ("vpc-a1", "VPC", HZ, "Attached", int(UID1))

    env.call(UID1, "DetachCenChildInstance", **attribute)
    assert env.attachments(cen_id)[0]["Status"] == "Detaching"
    env.settle()
    assert env.attachments(cen_id) == []
    assert env.error(UID1, "DescribeCenAttachedChildInstanceAttribute", **attribute) == ("ParameterInstanceId", 400)


def test_attach_a_vbr(env):
    cen_id = env.cen()
    env.attach(cen_id, "vbr-a1", HZ, itype="VBR")
    found = env.call(
        UID1,
        "DescribeCenAttachedChildInstanceAttribute",
        CenId=cen_id,
        ChildInstanceId="vbr-a1",
        ChildInstanceType="VBR",
        ChildInstanceRegionId=HZ,
    )
    assert (found["Status"], found["ChildInstanceName"]) == ("Attached", "vbr one")


@pytest.mark.parametrize(
    "instance, itype, region, extra, code",
    [
        ("vpc-a1", "ECS", HZ, {}, "ParameterIllegal.ChildInstanceType"),
        ("vpc-nope", "VPC", HZ, {}, "ParameterInstanceId"),
        ("vpc-a1", "VPC", SH, {}, "ParameterInstanceId"),
        ("vpc-a1", "VBR", HZ, {}, "ParameterInstanceId"),
        ("vpc-a1", "VPC", "mars-1", {}, "IllegalParam.RegionId"),
        ("vpc-b1", "VPC", HZ, {}, "ParameterInstanceId"),
    ],
)
def test_attach_refuses_unknown_instances(env, instance, itype, region, extra, code):
    cen_id = env.cen()
    before = env.tables()
    assert env.error(
        UID1,
        "AttachCenChildInstance",
        CenId=cen_id,
        ChildInstanceId=instance,
        ChildInstanceType=itype,
        ChildInstanceRegionId=region,
        **extra
    ) == (code, 400)
    assert env.tables() == before


def test_attach_refuses_an_instance_attached_elsewhere(env):
    first, second = env.cen(), env.cen()
    env.attach(first, "vpc-a1", HZ)
    before = env.tables()
    assert env.error(
        UID1,
        "AttachCenChildInstance",
        CenId=second,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
    ) == ("InvalidOperation.ChildInstanceAlreadyAttached", 409)
    assert env.error(
        UID1,
        "AttachCenChildInstance",
        CenId=first,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
    ) == ("InvalidOperation.ChildInstanceAlreadyAttached", 409)
    assert env.tables() == before


def test_attach_refuses_a_vpc_with_router_interfaces(env):
    cen_id = env.cen()
    [vpc] = env.vpc_call(UID1, "DescribeVpcs", RegionId=HZ, VpcId="vpc-a4")["Vpcs"]["Vpc"]
    env.vpc_call(
        UID1,
        "CreateRouterInterface",
        RegionId=HZ,
        Role="InitiatingSide",
        RouterType="VRouter",
        RouterId=vpc["VRouterId"],
        OppositeRegionId=SH,
        Spec="Mini.2",
    )
    before = env.tables()
    attach = dict(CenId=cen_id, ChildInstanceId="vpc-a4", ChildInstanceType="VPC", ChildInstanceRegionId=HZ)
    assert env.error(UID1, "AttachCenChildInstance", **attach) == ("InvalidOperation.ChildInstanceRIAlreadyExist", 409)
    assert env.tables() == before
    env.attach(cen_id, "vpc-a1", HZ)  # a VPC without router interfaces attaches


def test_attach_refuses_a_vpc_that_is_not_available(env):
    cen_id = env.cen()
    vpc_id = env.vpc_call(UID1, "CreateVpc", RegionId=HZ, CidrBlock="192.168.0.0/16")["VpcId"]
    attach = dict(CenId=cen_id, ChildInstanceId=vpc_id, ChildInstanceType="VPC", ChildInstanceRegionId=HZ)
    assert env.error(UID1, "AttachCenChildInstance", **attach) == ("OperationFailed.InvalidVpcStatus", 400)
    assert env.attachments(cen_id) == []
    env.settle()
    env.attach(cen_id, vpc_id, HZ)
    assert env.attachments(cen_id)[0]["Status"] == "Attached"


def test_one_operation_at_a_time_per_cen(env):
    cen_id, other = env.cen(), env.cen()
    env.attach(cen_id, "vpc-a1", HZ, settle=False)
    before = env.tables()
    blocked = ("Operation.Blocking", 400)
    assert (
        env.error(
            UID1,
            "AttachCenChildInstance",
            CenId=cen_id,
            ChildInstanceId="vpc-a2",
            ChildInstanceType="VPC",
            ChildInstanceRegionId=SH,
        )
        == blocked
    )
    assert (
        env.error(
            UID1,
            "DetachCenChildInstance",
            CenId=cen_id,
            ChildInstanceId="vpc-a1",
            ChildInstanceType="VPC",
            ChildInstanceRegionId=HZ,
        )
        == blocked
    )
    assert env.error(UID1, "ModifyCenAttribute", CenId=cen_id, Name="x") == blocked
    assert env.tables() == before
    env.attach(other, "vpc-a2", SH, settle=False)  # another CEN is not blocked
    env.settle()
    env.call(
        UID1,
        "DetachCenChildInstance",
        CenId=cen_id,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
    )
    assert (
        env.error(
            UID1,
            "AttachCenChildInstance",
            CenId=cen_id,
            ChildInstanceId="vpc-a4",
            ChildInstanceType="VPC",
            ChildInstanceRegionId=HZ,
        )
        == blocked
    )
    env.settle()
    env.attach(cen_id, "vpc-a4", HZ)
    assert [a["ChildInstanceId"] for a in env.attachments(cen_id)] == ["vpc-a4"]


def test_cross_account_attach_needs_the_owners_grant(env):
    cen_id = env.cen()
    other_cen = env.cen()
    attach = dict(
        CenId=cen_id,
        ChildInstanceId="vpc-b1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
        ChildInstanceOwnerId=int(UID2),
    )
    before = env.tables()
    assert env.error(UID1, "AttachCenChildInstance", **attach) == ("Forbbiden.AttachChildInstanceAcrossUid", 409)
    assert env.tables() == before
    env.grant("vpc-b1", HZ, other_cen)  # a grant to another CEN does not count
    assert env.error(UID1, "AttachCenChildInstance", **attach) == ("Forbbiden.AttachChildInstanceAcrossUid", 409)
    env.grant("vpc-b1", HZ, cen_id)
    env.call(UID1, "AttachCenChildInstance", **attach)
    env.settle()
    [found] = env.attachments(cen_id)
    assert (found["ChildInstanceId"], found["ChildInstanceOwnerId"], found["Status"]) == (
        "vpc-b1",
        int(UID2),
        "Attached",
    )
    # The owner of the VPC does not see the CEN; the CEN owner does not own the VPC.
    assert env.call(UID2, "DescribeCens")["TotalCount"] == 0


def test_grant_rules_as_seen_from_the_cen_and_the_resource(env):
    cen_id = env.cen()
    granted_at = int(env.clock.now)
    env.grant("vpc-b1", HZ, cen_id)
    env.grant("vpc-b2", SH, cen_id)
    rules = env.call(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC")
    assert rules["TotalCount"] == 2 and rules["MaxResults"] == 2
    first = rules["GrantRules"]["GrantRule"][0]
    assert (first["CenId"], first["CenOwnerId"], first["ChildInstanceId"], first["ChildInstanceOwnerId"]) == (
        cen_id,
        int(UID1),
        "vpc-b1",
        int(UID2),
    )
    assert (first["ChildInstanceType"], first["ChildInstanceRegionId"]) == ("VPC", HZ)
    assert first["CreateTime"] == granted_at * 1000
    one = env.call(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC", ChildInstanceId="vpc-b2")
    assert [r["ChildInstanceRegionId"] for r in one["GrantRules"]["GrantRule"]] == [SH]
    by_region = env.call(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC", RegionId=HZ)
    assert [r["ChildInstanceId"] for r in by_region["GrantRules"]["GrantRule"]] == ["vpc-b1"]
    by_owner = env.call(
        UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC", ChildInstanceOwnerId=int(UID1)
    )
    assert by_owner["TotalCount"] == 0
    assert env.call(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VBR")["TotalCount"] == 0
    # The emulator's VPCs have no IPv6: asking for IPv6-enabled ones finds none.
    assert (
        env.call(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC", EnabledIpv6=True)["TotalCount"] == 0
    )
    assert (
        env.call(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC", EnabledIpv6=False)["TotalCount"] == 2
    )
    batch = env.call(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC", MaxResults=1)
    assert batch["MaxResults"] == 1 and batch["NextToken"]
    assert [r["ChildInstanceId"] for r in batch["GrantRules"]["GrantRule"]] == ["vpc-b1"]
    rest = env.call(
        UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="VPC", MaxResults=1, NextToken=batch["NextToken"]
    )
    assert [r["ChildInstanceId"] for r in rest["GrantRules"]["GrantRule"]] == ["vpc-b2"] and not rest["NextToken"]
    assert env.error(UID1, "DescribeGrantRulesToCen", CenId=cen_id, ProductType="ECS") == ("InvalidParameter", 400)

    [vpc_side] = env.vpc_call(UID2, "DescribeGrantRulesToCen", RegionId=HZ, InstanceId="vpc-b1", InstanceType="VPC")[
        "CenGrantRules"
    ]["CbnGrantRule"]
    to_resource = env.call(UID2, "DescribeGrantRulesToResource", ResourceId="vpc-b1", ProductType="VPC")
    assert [(r["CenId"], r["CenOwnerId"], r["CreateTime"]) for r in to_resource["GrantRules"]] == [
        (cen_id, int(UID1), vpc_side["CreationTime"])
    ]
    assert env.call(UID1, "DescribeGrantRulesToResource", ResourceId="vpc-b1", ProductType="VPC")["TotalCount"] == 0
    expressconnect = env.call(UID2, "DescribeGrantRulesToResource", ResourceId="vpc-b1", ProductType="ExpressConnect")
    assert expressconnect["TotalCount"] == 0
    env.grant("vpc-b1", HZ, env.cen())
    batch = env.call(UID2, "DescribeGrantRulesToResource", ResourceId="vpc-b1", ProductType="VPC", MaxResults=1)
    assert (batch["TotalCount"], batch["MaxResults"], [r["CenId"] for r in batch["GrantRules"]]) == (2, 1, [cen_id])
    assert batch["NextToken"]
    assert env.error(UID2, "DescribeGrantRulesToResource", ResourceId="vpc-b1", ProductType="ECS") == (
        "InvalidParameter",
        400,
    )


def test_detach_refusals(env):
    cen_id = env.cen()
    env.attach(cen_id, "vpc-a1", HZ)
    before = env.tables()
    detach = dict(CenId=cen_id, ChildInstanceType="VPC", ChildInstanceRegionId=HZ)
    assert env.error(UID1, "DetachCenChildInstance", ChildInstanceId="vpc-a4", **detach) == ("ParameterInstanceId", 400)
    assert env.error(
        UID1,
        "DetachCenChildInstance",
        CenId=cen_id,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VBR",
        ChildInstanceRegionId=HZ,
    ) == ("ParameterInstanceId", 400)
    assert env.error(
        UID1,
        "DetachCenChildInstance",
        CenId=cen_id,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=SH,
    ) == ("ParameterInstanceId", 400)
    assert env.error(
        UID1, "DetachCenChildInstance", ChildInstanceId="vpc-a1", ChildInstanceOwnerId=int(UID2), **detach
    ) == ("ParameterInstanceId", 400)
    assert env.error(
        UID1,
        "DetachCenChildInstance",
        CenId="cen-missing",
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
    ) == ("ParameterCenInstanceId", 400)
    assert env.tables() == before


def test_the_instance_owner_may_detach_from_another_accounts_cen(env):
    cen_id = env.cen()
    env.grant("vpc-b1", HZ, cen_id)
    env.attach(cen_id, "vpc-b1", HZ, ChildInstanceOwnerId=int(UID2))
    detach = dict(CenId=cen_id, ChildInstanceType="VPC", ChildInstanceRegionId=HZ, CenOwnerId=int(UID1))
    assert env.error(UID2, "DetachCenChildInstance", ChildInstanceId="vpc-a1", **detach) == (
        "ParameterCenInstanceId",
        400,
    )
    env.call(UID2, "DetachCenChildInstance", ChildInstanceId="vpc-b1", **detach)
    env.settle()
    assert env.attachments(cen_id) == []


def test_describe_attached_child_instances_filters_and_pages(env):
    cen_id = env.cen()
    for instance, region, itype in (
        ("vpc-a1", HZ, "VPC"),
        ("vpc-a2", SH, "VPC"),
        ("vpc-a3", US, "VPC"),
        ("vbr-a1", HZ, "VBR"),
    ):
        env.attach(cen_id, instance, region, itype=itype)
    assert len(env.attachments(cen_id)) == 4
    assert sorted(a["ChildInstanceId"] for a in env.attachments(cen_id, ChildInstanceRegionId=HZ)) == [
        "vbr-a1",
        "vpc-a1",
    ]
    assert [a["ChildInstanceId"] for a in env.attachments(cen_id, ChildInstanceType="VBR")] == ["vbr-a1"]
    paged = env.call(UID1, "DescribeCenAttachedChildInstances", CenId=cen_id, PageSize=3, PageNumber=2)
    assert (paged["TotalCount"], paged["PageNumber"], paged["PageSize"]) == (4, 2, 3)
    assert len(paged["ChildInstances"]["ChildInstance"]) == 1
    assert env.error(UID1, "DescribeCenAttachedChildInstances", CenId=cen_id, PageSize=100) == ("InvalidParameter", 400)


def test_describe_child_instance_regions(env):
    english = env.call(UID1, "DescribeChildInstanceRegions", ProductType="VPC", AcceptLanguage="en-US")
    names = {r["RegionId"]: r["LocalName"] for r in english["Regions"]["Region"]}
    assert names[HZ] == "China (Hangzhou)" and US in names
    chinese = env.call(UID1, "DescribeChildInstanceRegions")
    assert {r["RegionId"]: r["LocalName"] for r in chinese["Regions"]["Region"]}[HZ] == "华东1（杭州）"
    assert env.error(UID1, "DescribeChildInstanceRegions", ProductType="ECS") == ("InvalidParameter", 400)
    assert env.error(UID1, "DescribeChildInstanceRegions", AcceptLanguage="fr-FR") == ("InvalidParameter", 400)


# =============================================================================== bandwidth packages
def test_create_a_postpay_bandwidth_package(env):
    created = env.call(
        UID1,
        "CreateCenBandwidthPackage",
        Bandwidth=20,
        GeographicRegionAId="North-America",
        GeographicRegionBId="China",
        Name="na-cn",
        Description="across the pacific",
    )
    assert re.match(r"^cenbwp-[0-9a-z]{17}$", created["CenBandwidthPackageId"])
    assert created["CenBandwidthPackageOrderId"].isdigit()
    bwp = env.describe_bwp(created["CenBandwidthPackageId"])
    assert (bwp["Status"], bwp["BusinessStatus"], bwp["Bandwidth"], bwp["BandwidthPackageChargeType"]) == (
        "Idle",
        "Normal",
        20,
        "POSTPAY",
    )
    assert (bwp["GeographicRegionAId"], bwp["GeographicRegionBId"], bwp["GeographicSpanId"]) == (
        "north-america",
        "china",
        "china_north-america",
    )
    assert bwp["IsCrossBorder"] is True
    assert (bwp["Name"], bwp["Description"]) == ("na-cn", "across the pacific")
    assert bwp["CenIds"] == {"CenId": []}
    assert bwp["OrginInterRegionBandwidthLimits"] == {"OrginInterRegionBandwidthLimit": []}
    assert bwp.get("ExpiredTime") is None
    inside = env.describe_bwp(env.bwp(area_a="China", area_b="China"))
    assert (inside["GeographicSpanId"], inside["IsCrossBorder"]) == ("china_china", False)


@pytest.mark.parametrize(
    "params, code",
    [
        ({"Bandwidth": 1}, "InvalidParameter"),
        ({"Bandwidth": 10001}, "InvalidParameter"),
        ({"GeographicRegionAId": "Mars"}, "InvalidParameter"),
        ({"BandwidthPackageChargeType": "SPOT"}, "UnSupported.ChargeType"),
        ({"BandwidthPackageChargeType": "PREPAY", "Period": 4}, "InvalidParameter"),
        ({"BandwidthPackageChargeType": "PREPAY", "PricingCycle": "Year", "Period": 6}, "InvalidParameter"),
        ({"BandwidthPackageChargeType": "PREPAY", "PricingCycle": "Week"}, "InvalidParameter"),
        ({"Name": "http://x"}, "InvalidParameter"),
    ],
)
def test_create_bandwidth_package_refusals_create_nothing(env, params, code):
    request = dict(Bandwidth=10, GeographicRegionAId="China", GeographicRegionBId="Europe")
    request.update(params)
    assert env.error(UID1, "CreateCenBandwidthPackage", **request) == (code, 400)
    assert env.call(UID1, "DescribeCenBandwidthPackages")["TotalCount"] == 0


def test_a_prepay_package_cannot_be_released_inside_its_term(env):
    bwp_id = env.bwp(BandwidthPackageChargeType="PREPAY", PricingCycle="Month", Period=2, AutoRenew=True, AutoPay=True)
    bwp = env.describe_bwp(bwp_id)
    assert bwp["BandwidthPackageChargeType"] == "PREPAY"
    created = time.strptime(bwp["CreationTime"], "%Y-%m-%dT%H:%MZ")
    expires = time.strptime(bwp["ExpiredTime"], "%Y-%m-%dT%H:%MZ")
    assert (expires.tm_year * 12 + expires.tm_mon) - (created.tm_year * 12 + created.tm_mon) == 2
    assert env.error(UID1, "DeleteCenBandwidthPackage", CenBandwidthPackageId=bwp_id) == ("Forbidden.Release", 403)
    assert env.describe_bwp(bwp_id) is not None
    env.clock.now += 63 * 86400
    env.call(UID1, "DeleteCenBandwidthPackage", CenBandwidthPackageId=bwp_id)
    assert env.describe_bwp(bwp_id) is None


def test_associate_and_unassociate_a_package(env):
    cen_id = env.cen()
    bwp_id = env.bwp()
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    bwp = env.describe_bwp(bwp_id)
    assert (bwp["Status"], bwp["CenIds"]) == ("InUse", {"CenId": [cen_id]})
    assert env.describe_cen(cen_id)["CenBandwidthPackageIds"] == {"CenBandwidthPackageId": [bwp_id]}

    before = env.tables()
    assert env.error(UID1, "DeleteCenBandwidthPackage", CenBandwidthPackageId=bwp_id) == (
        "InvalidOperation.BwpInstanceStatus",
        403,
    )
    same_span = env.bwp(area_a="North-America", area_b="China")
    assert env.error(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=same_span) == (
        "InvalidOperation.BwpForGeoSpanAlreadyAssociated",
        409,
    )
    other_cen = env.cen()
    assert env.error(UID1, "AssociateCenBandwidthPackage", CenId=other_cen, CenBandwidthPackageId=bwp_id) == (
        "InvalidOperation.BwpInstanceStatus",
        403,
    )
    assert env.error(UID1, "UnassociateCenBandwidthPackage", CenId=other_cen, CenBandwidthPackageId=bwp_id) == (
        "InvalidOperation.BwpInstanceStatus",
        403,
    )
    after = env.tables()
    after["cen"].pop(other_cen)
    after["cen_bwp"].pop(same_span)
    assert after == before

    europe = env.bwp(area_a="China", area_b="Europe")  # another span is fine
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=europe)
    assert env.describe_cen(cen_id)["CenBandwidthPackageIds"]["CenBandwidthPackageId"] == sorted([bwp_id, europe])

    env.call(UID1, "UnassociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    bwp = env.describe_bwp(bwp_id)
    assert (bwp["Status"], bwp["CenIds"]) == ("Idle", {"CenId": []})
    env.call(UID1, "DeleteCenBandwidthPackage", CenBandwidthPackageId=bwp_id)
    assert env.describe_bwp(bwp_id) is None
    assert env.error(UID1, "DeleteCenBandwidthPackage", CenBandwidthPackageId=bwp_id) == ("ParameterBwpInstanceId", 400)


def test_unassociate_is_refused_while_limits_remain(env):
    cen_id = env.cen()
    bwp_id = env.bwp()
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    env.set_limit(cen_id, HZ, US, 5)
    before = env.tables()
    assert env.error(UID1, "UnassociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id) == (
        "InvalidOperation.CenBandwidthLimitsNotZero",
        400,
    )
    assert env.tables() == before
    env.set_limit(cen_id, US, HZ, 0, settle=False)
    assert env.error(UID1, "UnassociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id) == (
        "InvalidOperation.CenBandwidthLimitsNotZero",
        400,
    )
    env.settle()
    env.call(UID1, "UnassociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    assert env.describe_bwp(bwp_id)["Status"] == "Idle"


def test_modify_package_attribute_and_spec(env):
    cen_id = env.cen()
    bwp_id = env.bwp(bandwidth=10, Name="old")
    env.call(UID1, "ModifyCenBandwidthPackageAttribute", CenBandwidthPackageId=bwp_id, Name="new", Description="d")
    bwp = env.describe_bwp(bwp_id)
    assert (bwp["Name"], bwp["Description"]) == ("new", "d")
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    env.set_limit(cen_id, HZ, US, 6)
    before = env.tables()
    for bad in (5, 1, 10001):
        assert env.error(UID1, "ModifyCenBandwidthPackageSpec", CenBandwidthPackageId=bwp_id, Bandwidth=bad) == (
            "InvalidParameter",
            400,
        )
    assert env.error(UID1, "ModifyCenBandwidthPackageSpec", CenBandwidthPackageId=bwp_id) == ("MissingParameter", 400)
    assert env.error(UID1, "ModifyCenBandwidthPackageAttribute", CenBandwidthPackageId=bwp_id, Name="https://x") == (
        "InvalidParameter",
        400,
    )
    assert env.error(UID1, "ModifyCenBandwidthPackageSpec", CenBandwidthPackageId="cenbwp-missing", Bandwidth=8) == (
        "ParameterBwpInstanceId",
        400,
    )
    assert env.tables() == before
    env.call(UID1, "ModifyCenBandwidthPackageSpec", CenBandwidthPackageId=bwp_id, Bandwidth=6)
    assert env.describe_bwp(bwp_id)["Bandwidth"] == 6


def test_describe_bandwidth_packages_filters_and_pages(env):
    cen_id = env.cen()
    in_use = env.bwp(Name="used")
    idle = env.bwp(area_a="Europe", area_b="Asia-Pacific", Name="spare")
    env.bwp(area_a="Australia", area_b="Middle-East", Name="far")
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=in_use)

    def ids(**params):
        found = env.call(UID1, "DescribeCenBandwidthPackages", **params)["CenBandwidthPackages"]["CenBandwidthPackage"]
        return sorted(b["CenBandwidthPackageId"] for b in found)

    assert ids(Filter=[{"Key": "CenId", "Value": [cen_id]}]) == [in_use]
    assert ids(Filter=[{"Key": "Status", "Value": ["Idle"]}, {"Key": "Name", "Value": ["spare"]}]) == [idle]
    assert ids(Filter=[{"Key": "Status", "Value": ["InUse"]}, {"Key": "Name", "Value": ["spare"]}]) == []
    assert ids(
        Filter=[{"Key": "Status", "Value": ["InUse"]}, {"Key": "Name", "Value": ["spare"]}], IsOrKey=True
    ) == sorted([in_use, idle])
    assert env.error(UID1, "DescribeCenBandwidthPackages", Filter=[{"Key": "Bandwidth", "Value": ["10"]}]) == (
        "InvalidParameter",
        400,
    )
    group = env.describe_bwp(idle)["ResourceGroupId"]
    assert env.call(UID1, "DescribeCenBandwidthPackages", ResourceGroupId=group)["TotalCount"] == 3
    assert env.call(UID1, "DescribeCenBandwidthPackages", ResourceGroupId="rg-other")["TotalCount"] == 0
    paged = env.call(UID1, "DescribeCenBandwidthPackages", PageSize=2, PageNumber=2)
    assert (paged["TotalCount"], len(paged["CenBandwidthPackages"]["CenBandwidthPackage"])) == (3, 1)
    assert env.describe_bwp(idle, IncludeReservationData=True)["HasReservationData"] == "false"
    assert env.describe_bwp(idle).get("HasReservationData") is None


def test_geographic_spans_membership_and_remaining_bandwidth(env):
    spans = env.call(UID1, "DescribeCenGeographicSpans", PageSize=50)
    assert spans["TotalCount"] == 21
    one = env.call(UID1, "DescribeCenGeographicSpans", GeographicSpanId="china_north-america")
    assert one["GeographicSpanModels"]["GeographicSpanModel"] == [
        {"GeographicSpanId": "china_north-america", "LocalGeoRegionId": "china", "OppositeGeoRegionId": "north-america"}
    ]
    members = env.call(UID1, "DescribeGeographicRegionMembership", GeographicRegionId="north-america", PageSize=50)
    assert {r["RegionId"] for r in members["RegionIds"]["RegionId"]} == {"us-west-1", "us-east-1", "na-south-1"}
    assert env.error(UID1, "DescribeGeographicRegionMembership", GeographicRegionId="atlantis") == (
        "InvalidParameter",
        400,
    )

    cen_id = env.cen()
    remaining = dict(CenId=cen_id, GeographicRegionAId="North-America", GeographicRegionBId="China")
    assert env.call(UID1, "DescribeCenGeographicSpanRemainingBandwidth", **remaining)["RemainingBandwidth"] == 0
    bwp_id = env.bwp(bandwidth=10)
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    env.set_limit(cen_id, HZ, US, 3)
    assert env.call(UID1, "DescribeCenGeographicSpanRemainingBandwidth", **remaining)["RemainingBandwidth"] == 7


# =============================================================================== inter-region limits
def test_limit_walks_modifying_active_and_removal(env):
    cen_id = env.cen()
    bwp_id = env.bwp(bandwidth=10)
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    env.set_limit(cen_id, HZ, US, 4, settle=False)
    [limit] = env.limits(cen_id)
    assert (limit["Status"], limit["BandwidthLimit"], limit["LocalRegionId"], limit["OppositeRegionId"]) == (
        "Modifying",
        4,
        HZ,
        US,
    )
    assert (limit["GeographicSpanId"], limit["BandwidthPackageId"], limit["BandwidthType"]) == (
        "china_north-america",
        bwp_id,
        "BandwidthPackage",
    )
    env.settle()
    assert env.limits(cen_id)[0]["Status"] == "Active"
    assert env.describe_bwp(bwp_id)["OrginInterRegionBandwidthLimits"]["OrginInterRegionBandwidthLimit"] == [
        {"LocalRegionId": HZ, "OppositeRegionId": US, "BandwidthLimit": "4", "GeographicSpanId": "china_north-america"}
    ]

    env.set_limit(cen_id, US, HZ, 7)  # the same pair, named the other way round
    [limit] = env.limits(cen_id)
    assert (limit["BandwidthLimit"], limit["LocalRegionId"], limit["Status"]) == (7, HZ, "Active")

    env.set_limit(cen_id, US, HZ, 0, settle=False)
    assert env.limits(cen_id)[0]["Status"] == "Modifying"
    env.settle()
    assert env.limits(cen_id) == []
    env.set_limit(cen_id, US, HZ, 0)  # removing an absent limit is a no-op
    assert env.limits(cen_id) == []


def test_limit_refusals_write_nothing(env):
    cen_id = env.cen()
    bwp_id = env.bwp(bandwidth=10)
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    env.set_limit(cen_id, HZ, US, 6)
    before = env.tables()

    def refused(local, opposite, limit, **extra):
        return env.error(
            UID1,
            "SetCenInterRegionBandwidthLimit",
            CenId=cen_id,
            LocalRegionId=local,
            OppositeRegionId=opposite,
            BandwidthLimit=limit,
            **extra
        )

    assert refused(HZ, "eu-central-1", 2) == ("InvalidParameter", 400)  # no package for china_europe
    assert refused(HZ, HZ, 2) == ("InvalidParameter", 400)
    assert refused(HZ, "mars-1", 2) == ("ParameterIllegal.RegionId", 400)
    assert refused(SH, US, 11) == ("ParameterIllegal.BandwidthLimit", 400)  # above the package
    assert refused(SH, US, 5) == ("ParameterIllegal.BandwidthLimit", 400)  # 6 + 5 > 10
    assert refused(SH, US, -1) == ("ParameterIllegal.BandwidthLimit", 400)
    assert refused(SH, US, 2, BandwidthType="DataTransfer") == ("InvalidParameter", 400)
    assert env.tables() == before
    env.set_limit(cen_id, SH, US, 4)  # 6 + 4 fits exactly
    env.set_limit(cen_id, US, HZ, 5)  # lowering one frees bandwidth for the other
    env.set_limit(cen_id, SH, US, 5)
    assert sorted(lim["BandwidthLimit"] for lim in env.limits(cen_id)) == [5, 5]


def test_a_modifying_limit_blocks_the_cen(env):
    cen_id = env.cen()
    bwp_id = env.bwp(bandwidth=10)
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    env.set_limit(cen_id, HZ, US, 3, settle=False)
    before = env.tables()
    assert env.error(
        UID1, "SetCenInterRegionBandwidthLimit", CenId=cen_id, LocalRegionId=HZ, OppositeRegionId=US, BandwidthLimit=4
    ) == ("Operation.Blocking", 400)
    assert env.error(
        UID1,
        "AttachCenChildInstance",
        CenId=cen_id,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId=HZ,
    ) == ("Operation.Blocking", 400)
    assert env.tables() == before
    env.settle()
    env.set_limit(cen_id, HZ, US, 4)
    assert env.limits(cen_id)[0]["BandwidthLimit"] == 4


def test_describe_limits_by_region_and_across_cens(env):
    cen_a, cen_b = env.cen(), env.cen()
    for cen_id in (cen_a, cen_b):
        bwp_id = env.bwp(bandwidth=20)
        env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    env.set_limit(cen_a, HZ, US, 2)
    env.set_limit(cen_a, SH, US, 2)
    env.set_limit(cen_b, SH, US, 2)
    everything = env.call(UID1, "DescribeCenInterRegionBandwidthLimits")
    assert everything["TotalCount"] == 3
    in_hz = env.call(UID1, "DescribeCenInterRegionBandwidthLimits", TrRegionId=HZ)
    assert [lim["CenId"] for lim in in_hz["CenInterRegionBandwidthLimits"]["CenInterRegionBandwidthLimit"]] == [cen_a]
    paged = env.call(UID1, "DescribeCenInterRegionBandwidthLimits", PageSize=2, PageNumber=2)
    assert len(paged["CenInterRegionBandwidthLimits"]["CenInterRegionBandwidthLimit"]) == 1


def test_cbn_state_survives_a_restart(emulator_factory, tmp_path):
    clock = Clock()
    options = dict(seed=SEED_CBN, state_file=str(tmp_path / "state.json"), transition_seconds=TRANSITION, clock=clock)
    first = Env(emulator_factory(**options), clock)
    cen_ids = [first.cen(Name="n%d" % i, Tag=[{"Key": "i", "Value": str(i)}]) for i in range(3)]
    first.attach(cen_ids[0], "vpc-a1", HZ)
    bwp_id = first.bwp()
    first.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_ids[0], CenBandwidthPackageId=bwp_id)
    first.set_limit(cen_ids[0], HZ, US, 5, settle=False)

    second = Env(emulator_factory(**options), clock)
    assert [c["CenId"] for c in second.call(UID1, "DescribeCens")["Cens"]["Cen"]] == cen_ids
    assert second.describe_cen(cen_ids[2])["Tags"]["Tag"] == [{"Key": "i", "Value": "2"}]
    assert second.attachments(cen_ids[0])[0]["Status"] == "Attached"
    assert second.describe_bwp(bwp_id)["CenIds"] == {"CenId": [cen_ids[0]]}
    assert second.limits(cen_ids[0])[0]["Status"] == "Modifying"
    second.settle()
    assert second.limits(cen_ids[0])[0]["Status"] == "Active"

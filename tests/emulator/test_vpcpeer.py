"""The emulator's VpcPeer service (2022-01-01) through the official VpcPeer SDK
client: same-account and cross-account peering (accept and reject), modify,
delete (with and without routes), queries from both sides, tags and resource
groups. Every VpcPeer error is HTTP 400."""

import re

import pytest
from conftest import UID1, UID2
from test_vpc import HZ, SH, TIME_RE, env  # noqa: F401  pylint: disable=unused-import


def get(env, instance_id, who=UID1):
    return env.peer(who, "GetVpcPeerConnectionAttribute", InstanceId=instance_id)


def listed(env, who=UID1, **params):
    found = env.peer(who, "ListVpcPeerConnections", **params)
    return [c["InstanceId"] for c in found["VpcPeerConnects"]]


# =============================================================================== lifecycle
def test_same_account_inter_region_peering_is_creating_then_activated(env):
    instance_id = env.pcc("vpc-a1", "vpc-a2", SH, settle=False, Name="hz-sh", Description="two regions")
    assert re.match(r"^pcc-[0-9a-z]{20}$", instance_id)
    pcc = get(env, instance_id)
    assert pcc["Status"] == "Creating"
    env.refused(
        UID1, "ModifyVpcPeerConnection", "IncorrectStatus.VpcPeer", product="vpcpeer", InstanceId=instance_id, Name="x1"
    )
    env.refused(UID1, "DeleteVpcPeerConnection", "IncorrectStatus.VpcPeer", product="vpcpeer", InstanceId=instance_id)
    env.settle()
    pcc = get(env, instance_id)
    assert (pcc["Status"], pcc["BizStatus"], pcc["Name"], pcc["Description"]) == (
        "Activated",
        "Normal",
        "hz-sh",
        "two regions",
    )
    assert (pcc["OwnerId"], pcc["AcceptingOwnerUid"], pcc["RegionId"], pcc["AcceptingRegionId"]) == (
        int(UID1),
        int(UID1),
        HZ,
        SH,
    )
    assert (pcc["Bandwidth"], pcc["LinkType"]) == (1024, "Gold")
    assert pcc["Vpc"] == {"VpcId": "vpc-a1", "Ipv4Cidrs": ["10.0.0.0/16"], "Ipv6Cidrs": []}
    assert pcc["AcceptingVpc"] == {"VpcId": "vpc-a2", "Ipv4Cidrs": ["10.1.0.0/16"], "Ipv6Cidrs": []}
    assert TIME_RE.match(pcc["GmtCreate"]) and "GmtExpired" not in pcc
    assert pcc["ResourceGroupId"].startswith("rg-") and pcc["Tags"] == []
    env.refused(UID1, "AcceptVpcPeerConnection", "IncorrectStatus.VpcPeer", product="vpcpeer", InstanceId=instance_id)


def test_an_intra_region_peering_has_unlimited_bandwidth_and_overlapping_cidrs_are_allowed(env):
    twin = env.new_vpc(cidr="10.0.0.0/16")
    instance_id = env.pcc("vpc-a1", twin, HZ)
    pcc = get(env, instance_id)
    assert (pcc["Status"], pcc["Bandwidth"], pcc["LinkType"]) == ("Activated", -1, "")
    assert pcc["AcceptingVpc"]["Ipv4Cidrs"] == pcc["Vpc"]["Ipv4Cidrs"] == ["10.0.0.0/16"]


def test_cross_account_peering_waits_for_the_accepter_then_carries_routes_on_both_sides(env):
    instance_id = env.pcc("vpc-a1", "vpc-b1", HZ, accepter=UID2, Tag=[{"Key": "side", "Value": "requester"}])
    pcc = get(env, instance_id)
    assert pcc["Status"] == "Accepting" and TIME_RE.match(pcc["GmtExpired"])
    assert get(env, instance_id, UID2)["Status"] == "Accepting"
    assert listed(env, UID2) == [instance_id] and listed(env, UID1) == [instance_id]
    # the requester cannot answer for the accepter
    env.refused(
        UID1, "AcceptVpcPeerConnection", "ResourceNotFound.InstanceId", product="vpcpeer", InstanceId=instance_id
    )
    env.refused(
        UID1, "RejectVpcPeerConnection", "ResourceNotFound.InstanceId", product="vpcpeer", InstanceId=instance_id
    )
    env.refused(
        UID2, "AcceptVpcPeerConnection", "DryRunOperation", product="vpcpeer", InstanceId=instance_id, DryRun=True
    )
    env.peer(
        UID2,
        "AcceptVpcPeerConnection",
        InstanceId=instance_id,
        ResourceGroupId="rg-accepter",
        Tag=[{"Key": "side", "Value": "accepter"}],
    )
    assert get(env, instance_id, UID2)["Status"] == "Updating"
    env.refused(UID2, "AcceptVpcPeerConnection", "IncorrectStatus.VpcPeer", product="vpcpeer", InstanceId=instance_id)
    env.settle()
    mine, theirs = get(env, instance_id), get(env, instance_id, UID2)
    assert mine["Status"] == theirs["Status"] == "Activated" and "GmtExpired" not in mine
    assert mine["Tags"] == [{"Key": "side", "Value": "requester"}]
    assert theirs["Tags"] == [{"Key": "side", "Value": "accepter"}]
    assert theirs["ResourceGroupId"] == "rg-accepter" and mine["ResourceGroupId"] != "rg-accepter"
    there = env.route(env.table_of("vpc-a1"), "10.2.0.0/16", "VpcPeer", instance_id)
    back = env.route(env.table_of("vpc-b1"), "10.0.0.0/16", "VpcPeer", instance_id, who=UID2)
    env.refused(
        UID1, "DeleteVpcPeerConnection", "OperationDenied.RouteEntryExist", product="vpcpeer", InstanceId=instance_id
    )
    env.call(UID1, "DeleteRouteEntry", RouteEntryId=there)
    env.call(UID2, "DeleteRouteEntry", RouteEntryId=back)
    env.settle()
    env.peer(UID2, "DeleteVpcPeerConnection", InstanceId=instance_id)
    assert get(env, instance_id)["Status"] == "Deleting"
    env.settle()
    env.refused(
        UID1, "GetVpcPeerConnectionAttribute", "ResourceNotFound.InstanceId", product="vpcpeer", InstanceId=instance_id
    )
    assert listed(env, UID2) == []


def test_a_rejected_peering_stays_rejected_until_deleted(env):
    instance_id = env.pcc("vpc-a2", "vpc-b2", SH, region=SH, accepter=UID2)
    env.refused(
        UID2, "RejectVpcPeerConnection", "DryRunOperation", product="vpcpeer", InstanceId=instance_id, DryRun=True
    )
    env.peer(UID2, "RejectVpcPeerConnection", InstanceId=instance_id)
    assert get(env, instance_id)["Status"] == get(env, instance_id, UID2)["Status"] == "Rejected"
    env.refused(UID2, "AcceptVpcPeerConnection", "IncorrectStatus.VpcPeer", product="vpcpeer", InstanceId=instance_id)
    env.refused(UID2, "RejectVpcPeerConnection", "IncorrectStatus.VpcPeer", product="vpcpeer", InstanceId=instance_id)
    env.refused(
        UID1, "ModifyVpcPeerConnection", "IncorrectStatus.VpcPeer", product="vpcpeer", InstanceId=instance_id, Name="x1"
    )
    # a rejected request no longer blocks a new one between the same VPCs
    again = env.pcc("vpc-a2", "vpc-b2", SH, region=SH, accepter=UID2)
    assert again != instance_id
    env.peer(UID1, "DeleteVpcPeerConnection", InstanceId=instance_id)
    env.settle()
    assert listed(env) == [again]


def test_force_delete_takes_the_routes_of_both_sides_along(env):
    instance_id = env.pcc("vpc-a1", "vpc-b1", HZ, accepter=UID2)
    env.peer(UID2, "AcceptVpcPeerConnection", InstanceId=instance_id)
    env.settle()
    env.route(env.table_of("vpc-a1"), "10.2.0.0/16", "VpcPeer", instance_id)
    env.route(env.table_of("vpc-b1"), "10.0.0.0/16", "VpcPeer", instance_id, who=UID2)
    env.refused(
        UID1,
        "DeleteVpcPeerConnection",
        "DryRunOperation",
        product="vpcpeer",
        InstanceId=instance_id,
        Force=True,
        DryRun=True,
    )
    env.peer(UID1, "DeleteVpcPeerConnection", InstanceId=instance_id, Force=True)
    assert env.entries(env.table_of("vpc-a1"), RouteEntryType="Custom") == []
    assert env.entries(env.table_of("vpc-b1"), who=UID2, RouteEntryType="Custom") == []
    env.settle()
    assert listed(env) == []


CREATE = {
    "RegionId": HZ,
    "VpcId": "vpc-a1",
    "AcceptingVpcId": "vpc-b1",
    "AcceptingRegionId": HZ,
    "AcceptingAliUid": int(UID2),
}


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"VpcId": "vpc-b1"}, "ResourceNotFound.VpcId"),
        ({"VpcId": "vpc-nope"}, "ResourceNotFound.VpcId"),
        ({"RegionId": SH}, "ResourceNotFound.VpcId"),
        ({"AcceptingVpcId": "vpc-nope"}, "ResourceNotFound.AcceptingVpcId"),
        ({"AcceptingAliUid": int(UID1)}, "ResourceNotFound.AcceptingVpcId"),
        ({"AcceptingAliUid": 1999999999999999}, "ResourceNotFound.AcceptingVpcId"),
        ({"AcceptingRegionId": SH}, "ResourceNotFound.AcceptingVpcId"),
        ({"AcceptingVpcId": "vpc-a1", "AcceptingAliUid": int(UID1)}, "IllegalParam.AcceptingVpcId"),
        ({"RegionId": "xx-nowhere-1"}, "UnsupportedRegion"),
        ({"AcceptingRegionId": "xx-nowhere-1"}, "UnsupportedRegion"),
        ({"Bandwidth": 100}, "IllegalParam.Bandwidth"),
        ({"LinkType": "Platinum"}, "IllegalParam.LinkType"),
        ({"Name": "1st"}, "IllegalParam.Name"),
        ({"Name": "a"}, "IllegalParam.Name"),
        ({"Description": "http://peer"}, "IllegalParam.Description"),
        ({"ResourceGroupId": "group"}, "InvalidResourceGroupId"),
        ({"Tag": [{"Key": "aliyun", "Value": "x"}]}, "InvalidTagKey"),
        ({"DryRun": True}, "DryRunOperation"),
    ],
)
def test_create_refusals(env, changes, code):
    env.refused(UID1, "CreateVpcPeerConnection", code, product="vpcpeer", **dict(CREATE, **changes))


def test_inter_region_bandwidth_and_link_type_are_checked(env):
    params = dict(CREATE, AcceptingVpcId="vpc-b2", AcceptingRegionId=SH)
    env.refused(
        UID1, "CreateVpcPeerConnection", "IllegalParam.Bandwidth", product="vpcpeer", **dict(params, Bandwidth=0)
    )
    env.refused(
        UID1, "CreateVpcPeerConnection", "IllegalParam.LinkType", product="vpcpeer", **dict(params, LinkType="Bronze")
    )
    instance_id = env.peer(UID1, "CreateVpcPeerConnection", Bandwidth=200, LinkType="Platinum", **params)["InstanceId"]
    assert (get(env, instance_id)["Bandwidth"], get(env, instance_id)["LinkType"]) == (200, "Platinum")


def test_only_one_live_connection_joins_two_vpcs(env):
    env.pcc("vpc-a1", "vpc-b1", HZ, accepter=UID2)
    env.refused(UID1, "CreateVpcPeerConnection", "ResourceAlreadyExist.VpcPeer", product="vpcpeer", **CREATE)
    env.refused(
        UID2,
        "CreateVpcPeerConnection",
        "ResourceAlreadyExist.VpcPeer",
        product="vpcpeer",
        RegionId=HZ,
        VpcId="vpc-b1",
        AcceptingVpcId="vpc-a1",
        AcceptingRegionId=HZ,
        AcceptingAliUid=int(UID1),
    )


def test_vpcs_in_transition_cannot_be_peered(env):
    fresh = env.new_vpc(settle=False)
    env.refused(UID1, "CreateVpcPeerConnection", "IncorrectStatus.Vpc", product="vpcpeer", **dict(CREATE, VpcId=fresh))
    theirs = env.new_vpc(who=UID2, settle=False)
    env.refused(
        UID1,
        "CreateVpcPeerConnection",
        "IncorrectStatus.AcceptingVpc",
        product="vpcpeer",
        **dict(CREATE, AcceptingVpcId=theirs)
    )


def test_modify_changes_name_description_and_bandwidth_through_updating(env):
    instance_id = env.pcc("vpc-a1", "vpc-a2", SH)
    env.peer(
        UID1,
        "ModifyVpcPeerConnection",
        InstanceId=instance_id,
        Name="renamed",
        Description="new",
        Bandwidth=300,
        LinkType="Platinum",
    )
    pcc = get(env, instance_id)
    assert (pcc["Status"], pcc["Name"], pcc["Description"], pcc["Bandwidth"], pcc["LinkType"]) == (
        "Updating",
        "renamed",
        "new",
        300,
        "Platinum",
    )
    env.refused(
        UID1,
        "ModifyVpcPeerConnection",
        "IncorrectStatus.VpcPeer",
        product="vpcpeer",
        InstanceId=instance_id,
        Name="again",
    )
    env.settle()
    assert get(env, instance_id)["Status"] == "Activated"


def test_modify_refusals(env):
    intra = env.pcc("vpc-a1", env.new_vpc(), HZ)
    env.refused(
        UID1,
        "ModifyVpcPeerConnection",
        "OperationFailed.BandwidthCannotBeChangedInSameRegion",
        product="vpcpeer",
        InstanceId=intra,
        Bandwidth=100,
    )
    env.refused(
        UID1, "ModifyVpcPeerConnection", "IllegalParam.Name", product="vpcpeer", InstanceId=intra, Name="https://x"
    )
    env.refused(
        UID1, "ModifyVpcPeerConnection", "IllegalParam.Description", product="vpcpeer", InstanceId=intra, Description=""
    )
    env.refused(
        UID1,
        "ModifyVpcPeerConnection",
        "DryRunOperation",
        product="vpcpeer",
        InstanceId=intra,
        Name="fine",
        DryRun=True,
    )
    env.refused(
        UID2,
        "ModifyVpcPeerConnection",
        "ResourceNotFound.InstanceId",
        product="vpcpeer",
        InstanceId=intra,
        Name="theirs",
    )
    env.refused(
        UID1,
        "ModifyVpcPeerConnection",
        "ResourceNotFound.InstanceId",
        product="vpcpeer",
        InstanceId="pcc-nope",
        Name="none",
    )


def test_a_third_party_sees_nothing(env):
    instance_id = env.pcc("vpc-a1", "vpc-a2", SH)
    for action, extra in (
        ("GetVpcPeerConnectionAttribute", {}),
        ("DeleteVpcPeerConnection", {}),
        ("AcceptVpcPeerConnection", {}),
        ("RejectVpcPeerConnection", {}),
    ):
        env.refused(UID2, action, "ResourceNotFound.InstanceId", product="vpcpeer", InstanceId=instance_id, **extra)
    assert listed(env, UID2) == []


# =============================================================================== queries
def test_list_filters_by_vpc_ends_name_id_region_and_pages(env):
    hz_sh = env.pcc("vpc-a1", "vpc-a2", SH, Name="hz-sh")
    local = env.new_vpc()
    hz_hz = env.pcc("vpc-a1", local, HZ, Name="hz-hz")
    cross = env.pcc("vpc-a2", "vpc-b2", SH, region=SH, accepter=UID2, Name="cross")
    assert listed(env) == [hz_sh, hz_hz, cross]
    assert listed(env, VpcId=["vpc-a1"]) == [hz_sh, hz_hz]
    assert listed(env, VpcId=["vpc-a2"]) == [hz_sh, cross]
    assert listed(env, VpcId=["vpc-a2", "vpc-a1"]) == [hz_sh]
    assert listed(env, VpcId=[local, "vpc-a2"]) == []
    assert listed(env, Name="cross") == [cross]
    assert listed(env, InstanceId=hz_hz) == [hz_hz]
    assert listed(env, RegionId=HZ) == [hz_sh, hz_hz]
    assert listed(env, RegionId=SH) == [cross]
    assert listed(env, UID2, RegionId=SH) == [cross]
    assert listed(env, UID2, RegionId=HZ) == []
    first = env.peer(UID1, "ListVpcPeerConnections", MaxResults=2)
    second = env.peer(UID1, "ListVpcPeerConnections", MaxResults=2, NextToken=first["NextToken"])
    assert (first["TotalCount"], first["MaxResults"]) == (3, 2) and not second.get("NextToken")
    assert [c["InstanceId"] for page in (first, second) for c in page["VpcPeerConnects"]] == [hz_sh, hz_hz, cross]
    assert env.peer(UID1, "ListVpcPeerConnections")["MaxResults"] == 20
    assert env.error(UID1, "ListVpcPeerConnections", product="vpcpeer", MaxResults=101) == ("InvalidParameter", 400)
    assert env.error(UID1, "ListVpcPeerConnections", product="vpcpeer", NextToken="bogus") == (
        "IllegalParam.NextToken",
        400,
    )
    assert env.error(UID1, "ListVpcPeerConnections", product="vpcpeer", VpcId=["a", "b", "c"]) == (
        "IllegalParam.VpcId",
        400,
    )
    assert env.error(UID1, "ListVpcPeerConnections", product="vpcpeer", RegionId="xx-nowhere-1") == (
        "UnsupportedRegion",
        400,
    )


# =============================================================================== tags and resource groups
def test_each_side_tags_its_own_view(env):
    instance_id = env.pcc("vpc-a1", "vpc-b1", HZ, accepter=UID2)
    env.peer(
        UID1,
        "TagResources",
        RegionId=HZ,
        ResourceType="PeerConnection",
        ResourceId=[instance_id],
        Tag=[{"Key": "owner", "Value": "a"}, {"Key": "env", "Value": "dev"}],
    )
    env.peer(
        UID2,
        "TagResources",
        RegionId=HZ,
        ResourceType="PeerConnection",
        ResourceId=[instance_id],
        Tag=[{"Key": "owner", "Value": "b"}],
    )
    rows = env.peer(UID1, "ListTagResources", RegionId=HZ, ResourceType="PeerConnection", ResourceId=[instance_id])[
        "TagResources"
    ]
    assert rows == [
        {
            "ResourceId": instance_id,
            "ResourceType": "PeerConnection",
            "RegionNo": HZ,
            "TagKey": "env",
            "TagValue": "dev",
        },
        {
            "ResourceId": instance_id,
            "ResourceType": "PeerConnection",
            "RegionNo": HZ,
            "TagKey": "owner",
            "TagValue": "a",
        },
    ]
    theirs = env.peer(UID2, "ListTagResources", RegionId=HZ, ResourceType="PeerConnection", Tag=[{"Key": "owner"}])[
        "TagResources"
    ]
    assert [(r["TagKey"], r["TagValue"]) for r in theirs] == [("owner", "b")]
    assert listed(env, Tags=[{"Key": "env", "Value": "dev"}]) == [instance_id]
    assert listed(env, UID2, Tags=[{"Key": "env", "Value": "dev"}]) == []
    env.peer(
        UID1, "UnTagResources", RegionId=HZ, ResourceType="PeerConnection", ResourceId=[instance_id], TagKey=["env"]
    )
    assert get(env, instance_id)["Tags"] == [{"Key": "owner", "Value": "a"}]
    env.peer(UID1, "UnTagResources", RegionId=HZ, ResourceType="PeerConnection", ResourceId=[instance_id], All=True)
    assert get(env, instance_id)["Tags"] == [] and get(env, instance_id, UID2)["Tags"] == [
        {"Key": "owner", "Value": "b"}
    ]


@pytest.mark.parametrize(
    "who, action, params, code",
    [
        (
            UID1,
            "TagResources",
            {"ResourceType": "VPC", "Tag": [{"Key": "a", "Value": "b"}]},
            "InvalidInstanceType.NotFound",
        ),
        (UID1, "TagResources", {"RegionId": SH, "Tag": [{"Key": "a", "Value": "b"}]}, "InvalidInstanceIds.NotFound"),
        (UID2, "TagResources", {"Tag": [{"Key": "a", "Value": "b"}]}, "InvalidInstanceIds.NotFound"),
        (UID1, "TagResources", {"Tag": [{"Key": "acs:a", "Value": "b"}]}, "InvalidTagKey"),
        (UID1, "TagResources", {"Tag": [{"Key": "k%d" % i, "Value": "v"} for i in range(21)]}, "NumberExceed.Tags"),
        (UID1, "UnTagResources", {}, "MissingParameter"),
        (UID1, "ListTagResources", {"ResourceId": []}, "BothEmpty.TagsAndResources"),
        (UID1, "ListTagResources", {"ResourceType": "Vpc"}, "InvalidInstanceType.NotFound"),
    ],
)
def test_tag_refusals(env, who, action, params, code):
    instance_id = env.pcc("vpc-a1", "vpc-a2", SH)
    base = {"RegionId": HZ, "ResourceType": "PeerConnection", "ResourceId": [instance_id]}
    base.update(params)
    if not base["ResourceId"]:
        del base["ResourceId"]
    env.refused(who, action, code, product="vpcpeer", **base)


def test_move_resource_group_moves_the_callers_view(env):
    instance_id = env.pcc("vpc-a1", "vpc-b1", HZ, accepter=UID2)
    moved = env.peer(
        UID1,
        "MoveResourceGroup",
        RegionId=HZ,
        ResourceType="PeerConnection",
        ResourceId=instance_id,
        NewResourceGroupId="rg-team",
    )
    assert moved["Success"] is True
    assert get(env, instance_id)["ResourceGroupId"] == "rg-team"
    assert get(env, instance_id, UID2)["ResourceGroupId"] != "rg-team"
    assert (
        listed(env, ResourceGroupId="rg-team") == [instance_id] and listed(env, UID2, ResourceGroupId="rg-team") == []
    )
    env.refused(
        UID1,
        "MoveResourceGroup",
        "OperationFailed.NotExist.ResourceGroup",
        product="vpcpeer",
        RegionId=HZ,
        ResourceType="PeerConnection",
        ResourceId=instance_id,
        NewResourceGroupId="team",
    )
    env.refused(
        UID1,
        "MoveResourceGroup",
        "ResourceNotFound.VpcPeer",
        product="vpcpeer",
        RegionId=SH,
        ResourceType="PeerConnection",
        ResourceId=instance_id,
        NewResourceGroupId="rg-x",
    )
    env.refused(
        UID1,
        "MoveResourceGroup",
        "InvalidInstanceType.NotFound",
        product="vpcpeer",
        RegionId=HZ,
        ResourceType="VPC",
        ResourceId=instance_id,
        NewResourceGroupId="rg-x",
    )


def test_more_tag_limits_and_list_filters(env):
    mine = env.pcc("vpc-a1", "vpc-a2", SH)
    other = env.pcc("vpc-a1", env.new_vpc(), HZ)
    theirs = env.pcc("vpc-b1", "vpc-b2", SH, who=UID2, accepter=UID2)
    for who, instance_id in ((UID1, mine), (UID1, other), (UID2, theirs)):
        env.peer(
            who,
            "TagResources",
            RegionId=HZ,
            ResourceType="PeerConnection",
            ResourceId=[instance_id],
            Tag=[{"Key": "env", "Value": "x" if instance_id == mine else "y"}],
        )
    rows = env.peer(UID1, "ListTagResources", RegionId=HZ, ResourceType="PeerConnection", Tag=[{"Key": "env"}])
    assert sorted(r["ResourceId"] for r in rows["TagResources"]) == sorted([mine, other])
    rows = env.peer(UID1, "ListTagResources", RegionId=HZ, ResourceType="PeerConnection", ResourceId=[mine, theirs])
    assert [r["ResourceId"] for r in rows["TagResources"]] == [mine]
    rows = env.peer(
        UID1, "ListTagResources", RegionId=HZ, ResourceType="PeerConnection", Tag=[{"Key": "env", "Value": "x"}]
    )
    assert [r["ResourceId"] for r in rows["TagResources"]] == [mine]
    assert (
        env.peer(UID1, "ListTagResources", RegionId=SH, ResourceType="PeerConnection", Tag=[{"Key": "env"}])[
            "TagResources"
        ]
        == []
    )
    ids = ["pcc-%02d" % i for i in range(51)]
    for action in ("TagResources", "ListTagResources"):
        env.refused(
            UID1,
            action,
            "NumberExceed.ResourceIds",
            product="vpcpeer",
            RegionId=HZ,
            ResourceType="PeerConnection",
            ResourceId=ids,
            Tag=[{"Key": "a", "Value": "b"}],
        )
    env.refused(
        UID1,
        "UnTagResources",
        "NumberExceed.Tags",
        product="vpcpeer",
        RegionId=HZ,
        ResourceType="PeerConnection",
        ResourceId=[mine],
        TagKey=["k%d" % i for i in range(21)],
    )


def test_a_description_starts_with_a_letter_on_create(env):
    env.refused(
        UID1,
        "CreateVpcPeerConnection",
        "IllegalParam.Description",
        product="vpcpeer",
        **dict(CREATE, Description="2 regions")
    )

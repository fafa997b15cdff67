"""Transit-router routing through the official SDKs: inter-region (peer) attachments, learned
and static routes, and the VPC side (routes to an attachment, routes a router publishes).
"""

import pytest
from alibabacloud_tea_openapi.exceptions import ClientException
from conftest import UID1, UID2
from test_transit_router import A1_ZONES, HZ, SH, env, hz  # noqa: F401  (fixtures)

SH_ZONES = [("cn-shanghai-b", "vsw-a2b")]
A4_ZONES = [("cn-hangzhou-h", "vsw-a4h")]


def link(env, att_id, table_id, who=UID1):
    """Associate the attachment with the table and propagate it there."""
    ids = dict(TransitRouterAttachmentId=att_id, TransitRouterRouteTableId=table_id)
    env.call(who, "AssociateTransitRouterAttachmentWithRouteTable", **ids)
    env.settle()
    env.call(who, "EnableTransitRouterRouteTablePropagation", **ids)
    env.settle()


def routes(env, table_id, **params):
    found = env.call(UID1, "ListTransitRouterRouteEntries", TransitRouterRouteTableId=table_id, **params)
    return found["TransitRouterRouteEntries"]


def peer(env, tr_id, peer_id, settle=True, **params):
    att_id = env.call(
        UID1, "CreateTransitRouterPeerAttachment", TransitRouterId=tr_id, PeerTransitRouterId=peer_id, **params
    )["TransitRouterAttachmentId"]
    if settle:
        env.settle()
    return att_id


def peers(env, **params):
    return env.call(UID1, "ListTransitRouterPeerAttachments", **params)["TransitRouterAttachments"]


@pytest.fixture
def two(env, hz):
    """Routers in Hangzhou and Shanghai of one CEN."""
    cen_id, tr_hz, _zones = hz
    return cen_id, tr_hz, env.router(cen_id, SH)


def china_package(env, cen_id, bandwidth=10):
    bwp_id = env.bwp(bandwidth=bandwidth, area_a="China", area_b="China")
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id)
    return bwp_id


# =============================================================================== peer attachments
def test_a_data_transfer_peer_attachment_walks_its_states(env, two):
    cen_id, tr_hz, tr_sh = two
    att_id = peer(env, tr_hz, tr_sh, settle=False, Bandwidth=20, TransitRouterAttachmentName="hz-sh")
    (att,) = peers(env, TransitRouterId=tr_hz)
    assert att["Status"] == "Attaching"
    env.settle()
    (att,) = peers(env, TransitRouterAttachmentId=att_id)
    assert att["Status"] == "Attached"
    assert (att["CenId"], att["RegionId"], att["PeerTransitRouterId"], att["PeerTransitRouterRegionId"]) == (
        cen_id,
        HZ,
        tr_sh,
        SH,
    )
    assert (att["BandwidthType"], att["Bandwidth"], att["DefaultLinkType"], att["ResourceType"]) == (
        "DataTransfer",
        20,
        "Gold",
        "TR",
    )
    assert (att["GeographicSpanId"], att["PeerTransitRouterOwnerId"]) == ("china_china", int(UID1))
    assert peers(env, TransitRouterId=tr_sh) == []  # listed from its local router
    env.call(UID1, "UpdateTransitRouterPeerAttachmentAttribute", TransitRouterAttachmentId=att_id, Bandwidth=50)
    assert peers(env)[0]["Status"] == "Modifying"
    env.settle()
    assert (peers(env)[0]["Status"], peers(env)[0]["Bandwidth"]) == ("Attached", 50)
    assert env.error(UID1, "DeleteTransitRouterPeerAttachment", TransitRouterAttachmentId=att_id, DryRun=True) == (
        "DryRunOperation",
        400,
    )
    env.call(UID1, "DeleteTransitRouterPeerAttachment", TransitRouterAttachmentId=att_id)
    assert peers(env)[0]["Status"] == "Detaching"
    env.settle()
    assert peers(env) == []
    assert env.vpc_attachments() == []  # VPC listings never show inter-region attachments


def test_a_peer_attachment_busies_both_routers(env, two):
    _cen_id, tr_hz, tr_sh = two
    peer(env, tr_hz, tr_sh, settle=False)
    assert env.error(UID1, "CreateTransitRouterRouteTable", TransitRouterId=tr_sh) == ("Operation.Blocking", 400)


def test_peer_attachment_refusals_write_nothing(env, two):
    cen_id, tr_hz, tr_sh = two
    other_cen_tr = env.router(env.cen(), SH)
    tr_hz2 = env.router(env.cen(), HZ)
    wrong_span = env.bwp(area_a="China", area_b="North-America")
    env.call(UID1, "AssociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=wrong_span)
    idle = env.bwp(area_a="China", area_b="China")
    before = env.tables()
    cases = [
        ({"PeerTransitRouterId": "tr-nosuch"}, "InvalidPeerTransitRouterId.NotFound"),
        ({"PeerTransitRouterId": other_cen_tr}, "InvalidPeerTransitRouterId.NotFound"),
        ({"PeerTransitRouterId": tr_hz}, "IllegalParam.PeerTransitRouterId"),
        ({"PeerTransitRouterRegionId": HZ}, "IllegalParam.PeerRegionId"),
        ({"TransitRouterId": tr_hz2}, "InvalidPeerTransitRouterId.NotFound"),
        ({"BandwidthType": "Free"}, "IllegalParam.BandwidthType"),
        ({"Bandwidth": 0}, "IllegalParam.Bandwidth"),
        ({"DefaultLinkType": "Silver"}, "ParameterIllegal.CdtDefaultLinkTypeOnlySupportPlatinumOrGold"),
        ({"BandwidthType": "BandwidthPackage", "Bandwidth": 1}, "IllegalParam.CenBandwidthPackageId"),
        ({"CenBandwidthPackageId": idle, "Bandwidth": 1}, "InvalidOperation.BwpNotAssociated"),
        ({"CenBandwidthPackageId": wrong_span, "Bandwidth": 1}, "InvalidOperation.BwpNotAssociated"),
        ({"TransitRouterId": None, "CenId": cen_id}, "MissingParam.CenIdOrRegionId"),
        ({"DryRun": True}, "DryRunOperation"),
    ]
    for params, code in cases:
        request = dict({"TransitRouterId": tr_hz, "PeerTransitRouterId": tr_sh}, **params)
        request = {k: v for k, v in request.items() if v is not None}
        assert env.error(UID1, "CreateTransitRouterPeerAttachment", **request) == (code, 400), params
    assert env.tables() == before


def test_a_bandwidth_package_peer_attachment_takes_what_the_package_has_left(env, two):
    cen_id, tr_hz, tr_sh = two
    bwp_id = china_package(env, cen_id, bandwidth=10)
    base = dict(TransitRouterId=tr_hz, PeerTransitRouterId=tr_sh, CenBandwidthPackageId=bwp_id)
    assert env.error(UID1, "CreateTransitRouterPeerAttachment", **base) == ("MissingParam.Bandwidth", 400)
    assert env.error(UID1, "CreateTransitRouterPeerAttachment", DefaultLinkType="Platinum", Bandwidth=1, **base) == (
        "ParameterIllegal.BandwidthPackageDefaultLinkTypeOnlySupportGold",
        400,
    )
    att_id = peer(env, tr_hz, tr_sh, CenBandwidthPackageId=bwp_id, Bandwidth=6)
    (att,) = peers(env)
    assert (att["BandwidthType"], att["CenBandwidthPackageId"], att["Bandwidth"]) == ("BandwidthPackage", bwp_id, 6)
    assert env.error(UID1, "CreateTransitRouterPeerAttachment", Bandwidth=5, **base) == (
        "InvalidOperation.BwpBandwidthExceeded",
        400,
    )
    assert env.error(
        UID1, "UpdateTransitRouterPeerAttachmentAttribute", TransitRouterAttachmentId=att_id, Bandwidth=11
    ) == (
        "InvalidOperation.BwpBandwidthExceeded",
        400,
    )
    env.call(UID1, "UpdateTransitRouterPeerAttachmentAttribute", TransitRouterAttachmentId=att_id, Bandwidth=10)
    env.settle()
    env.call(
        UID1,
        "UpdateTransitRouterPeerAttachmentAttribute",
        TransitRouterAttachmentId=att_id,
        BandwidthType="DataTransfer",
    )
    env.settle()
    (att,) = peers(env)
    assert (att["BandwidthType"], att["CenBandwidthPackageId"]) == ("DataTransfer", "")
    peer(env, tr_hz, tr_sh, CenBandwidthPackageId=bwp_id, Bandwidth=10)  # the package is free again


def test_peer_attachments_page_with_next_token(env, two):
    _cen_id, tr_hz, tr_sh = two
    ids = [peer(env, tr_hz, tr_sh) for _ in range(3)]
    first = env.call(UID1, "ListTransitRouterPeerAttachments", MaxResults=2)
    second = env.call(UID1, "ListTransitRouterPeerAttachments", MaxResults=2, NextToken=first["NextToken"])
    listed = first["TransitRouterAttachments"] + second["TransitRouterAttachments"]
    assert [a["TransitRouterAttachmentId"] for a in listed] == ids
    assert (first["TotalCount"], second["NextToken"]) == (3, "")
    assert env.call(UID2, "ListTransitRouterPeerAttachments")["TransitRouterAttachments"] == []


# =============================================================================== learned routes
def test_routes_are_learned_from_vpcs_and_across_regions(env, two):
    _cen_id, tr_hz, tr_sh = two
    hz_table, sh_table = env.system_table(tr_hz), env.system_table(tr_sh)
    att_a1 = env.vpc_attach(tr_hz, "vpc-a1", A1_ZONES)
    att_a2 = env.vpc_attach(tr_sh, "vpc-a2", SH_ZONES)
    link(env, att_a1, hz_table)
    link(env, att_a2, sh_table)
    (route,) = routes(env, hz_table)
    assert (route["TransitRouterRouteEntryDestinationCidrBlock"], route["TransitRouterRouteEntryNextHopId"]) == (
        "10.0.0.0/16",
        att_a1,
    )
    assert (route["TransitRouterRouteEntryType"], route["TransitRouterRouteEntryStatus"]) == ("Propagated", "Active")
    assert (route["TransitRouterRouteEntryNextHopResourceType"], route["TransitRouterRouteEntryNextHopResourceId"]) == (
        "VPC",
        "vpc-a1",
    )
    assert route["OperationalMode"] is False

    att_peer = peer(env, tr_hz, tr_sh)
    link(env, att_peer, hz_table)
    # Shanghai has not associated the connection with a table yet: it advertises nothing.
    assert [r["TransitRouterRouteEntryDestinationCidrBlock"] for r in routes(env, hz_table)] == ["10.0.0.0/16"]
    link(env, att_peer, sh_table)
    hz_routes = {r["TransitRouterRouteEntryDestinationCidrBlock"]: r for r in routes(env, hz_table)}
    sh_routes = {r["TransitRouterRouteEntryDestinationCidrBlock"]: r for r in routes(env, sh_table)}
    assert sorted(hz_routes) == sorted(sh_routes) == ["10.0.0.0/16", "10.1.0.0/16"]
    remote = hz_routes["10.1.0.0/16"]
    assert (remote["TransitRouterRouteEntryNextHopId"], remote["TransitRouterRouteEntryNextHopResourceId"]) == (
        att_peer,
        tr_sh,
    )
    assert (
        remote["TransitRouterRouteEntryNextHopResourceType"],
        remote["TransitRouterRouteEntryOriginResourceId"],
    ) == (
        "TR",
        "vpc-a2",
    )
    assert sh_routes["10.0.0.0/16"]["TransitRouterRouteEntryNextHopId"] == att_peer
    # a propagation that is being disabled no longer teaches its routes
    env.call(
        UID1,
        "DisableTransitRouterRouteTablePropagation",
        TransitRouterAttachmentId=att_a2,
        TransitRouterRouteTableId=sh_table,
    )
    assert sorted(r["TransitRouterRouteEntryDestinationCidrBlock"] for r in routes(env, hz_table)) == ["10.0.0.0/16"]


# =============================================================================== static routes
def test_static_routes_walk_their_states_and_filters(env, hz):
    _cen_id, tr_id, zones = hz
    table_id = env.system_table(tr_id)
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones)
    link(env, att_id, table_id)
    hole = env.call(
        UID1,
        "CreateTransitRouterRouteEntry",
        TransitRouterRouteTableId=table_id,
        TransitRouterRouteEntryDestinationCidrBlock="192.168.0.0/16",
        TransitRouterRouteEntryNextHopType="BlackHole",
        TransitRouterRouteEntryName="drop",
    )["TransitRouterRouteEntryId"]
    assert [r["TransitRouterRouteEntryId"] for r in routes(env, table_id, TransitRouterRouteEntryType="Static")] == []
    (creating,) = routes(env, table_id, TransitRouterRouteEntryStatus="All", TransitRouterRouteEntryType="Static")
    assert (creating["TransitRouterRouteEntryId"], creating["TransitRouterRouteEntryStatus"]) == (hole, "Creating")
    env.settle()
    to_vpc = env.call(
        UID1,
        "CreateTransitRouterRouteEntry",
        TransitRouterRouteTableId=table_id,
        TransitRouterRouteEntryDestinationCidrBlock="172.16.0.0/12",
        TransitRouterRouteEntryNextHopType="Attachment",
        TransitRouterRouteEntryNextHopId=att_id,
    )["TransitRouterRouteEntryId"]
    env.settle()
    listed = routes(env, table_id)
    assert [r["TransitRouterRouteEntryDestinationCidrBlock"] for r in listed] == [
        "10.0.0.0/16",
        "172.16.0.0/12",
        "192.168.0.0/16",
    ]
    static = routes(env, table_id, TransitRouterRouteEntryType="Static", TransitRouterRouteEntryNextHopId=att_id)
    assert [(r["TransitRouterRouteEntryId"], r["TransitRouterRouteEntryNextHopResourceId"]) for r in static] == [
        (to_vpc, "vpc-a1")
    ]
    exact = routes(env, table_id, RouteFilter=[{"Key": "PrefixExactMatchCidrs", "Value": ["192.168.0.0/16"]}])
    assert [r["TransitRouterRouteEntryId"] for r in exact] == [hole]
    subnets = routes(env, table_id, RouteFilter=[{"Key": "SubnetOfMatchCidrs", "Value": ["10.0.0.0/8"]}])
    assert [r["TransitRouterRouteEntryDestinationCidrBlock"] for r in subnets] == ["10.0.0.0/16"]
    page = env.call(UID1, "ListTransitRouterRouteEntries", TransitRouterRouteTableId=table_id, MaxResults=2)
    assert (len(page["TransitRouterRouteEntries"]), page["TotalCount"], page["NextToken"]) == (2, 3, "2")

    env.call(UID1, "UpdateTransitRouterRouteEntry", TransitRouterRouteEntryId=hole, TransitRouterRouteEntryName="sink")
    assert routes(env, table_id, TransitRouterRouteEntryNames=["sink"])[0]["TransitRouterRouteEntryId"] == hole
    assert env.error(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id, Force=True) == (
        "OperationFailed.RouteEntryExist",
        400,
    )
    env.call(UID1, "DeleteTransitRouterRouteEntry", TransitRouterRouteEntryId=hole)
    env.settle()
    env.call(
        UID1,
        "DeleteTransitRouterRouteEntry",
        TransitRouterRouteTableId=table_id,
        TransitRouterRouteEntryDestinationCidrBlock="172.16.0.0/12",
        TransitRouterRouteEntryNextHopType="Attachment",
        TransitRouterRouteEntryNextHopId=att_id,
    )
    env.settle()
    assert routes(env, table_id, TransitRouterRouteEntryType="Static") == []


def test_static_route_refusals_write_nothing(env, hz):
    _cen_id, tr_id, zones = hz
    table_id = env.system_table(tr_id)
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones)
    other_att = env.vpc_attach(env.router(env.cen(), HZ), "vpc-a4", A4_ZONES)
    env.call(
        UID1,
        "CreateTransitRouterRouteEntry",
        TransitRouterRouteTableId=table_id,
        TransitRouterRouteEntryDestinationCidrBlock="192.168.0.0/16",
        TransitRouterRouteEntryNextHopType="BlackHole",
    )
    env.settle()
    before = env.tables()
    base = dict(
        TransitRouterRouteTableId=table_id,
        TransitRouterRouteEntryDestinationCidrBlock="172.16.0.0/12",
        TransitRouterRouteEntryNextHopType="Attachment",
        TransitRouterRouteEntryNextHopId=att_id,
    )
    cases = [
        ({"TransitRouterRouteTableId": "vtb-nosuch"}, "InvalidTransitRouterRouteTableId.NotFound"),
        (
            {"TransitRouterRouteEntryDestinationCidrBlock": "172.16.0.1/12"},
            "IllegalParam.TransitRouterDestinationCidrBlock",
        ),
        ({"TransitRouterRouteEntryNextHopType": "Instance"}, "IllegalParam.NextHopType"),
        ({"TransitRouterRouteEntryNextHopType": "BlackHole"}, "ParamExclusive.NextHopTypeBlackHoleAndNextHopId"),
        ({"TransitRouterRouteEntryNextHopId": None}, "MissingParam.TransitRouterRouteEntryNextHopId"),
        ({"TransitRouterRouteEntryNextHopId": other_att}, "InvalidTransitRouterRouteEntryNextHopId.NotFound"),
        ({"TransitRouterRouteEntryName": "http://x"}, "InvalidName"),
        (
            {"TransitRouterRouteEntryDestinationCidrBlock": "192.168.0.0/16"},
            "OperationFailed.CreateRouteEntryWithSameDestinationCidrBlock",
        ),
        ({"DryRun": True}, "DryRunOperation"),
    ]
    for params, code in cases:
        request = {k: v for k, v in dict(base, **params).items() if v is not None}
        assert env.error(UID1, "CreateTransitRouterRouteEntry", **request) == (code, 400), params
    assert env.error(
        UID1,
        "CreateTransitRouterRouteEntry",
        TransitRouterRouteTableId=table_id,
        TransitRouterRouteEntryDestinationCidrBlock="192.168.0.0/16",
        TransitRouterRouteEntryNextHopType="BlackHole",
    ) == ("InstanceExist.TransitRouterRouteEntry", 400)
    assert env.error(
        UID1,
        "DeleteTransitRouterRouteEntry",
        TransitRouterRouteEntryId="rte-nosuch",
        TransitRouterRouteTableId=table_id,
    ) == ("ParamExclusive.RouteEntryIdAndRouteTableIdOrDestCidrBlock", 400)
    assert env.error(UID1, "DeleteTransitRouterRouteEntry", TransitRouterRouteEntryId="rte-nosuch") == (
        "IllegalParam.TransitRouterRouteEntryId",
        400,
    )
    assert env.error(UID2, "ListTransitRouterRouteEntries", TransitRouterRouteTableId=table_id) == (
        "InvalidTransitRouterRouteTableId.NotFound",
        400,
    )
    assert env.tables() == before


# =============================================================================== the VPC side
def vpc_routes(env, vpc_id, who=UID1, region=HZ, **params):
    table_id = env.world.get("vpc", vpc_id)["RouteTableId"]
    found = env.vpc_call(who, "DescribeRouteEntryList", RegionId=region, RouteTableId=table_id, **params)
    return found["RouteEntrys"]["RouteEntry"]


def vpc_route(env, vpc_id, dest, att_id, who=UID1):
    table_id = env.world.get("vpc", vpc_id)["RouteTableId"]
    return env.vpc_call(
        who,
        "CreateRouteEntry",
        RegionId=HZ,
        RouteTableId=table_id,
        DestinationCidrBlock=dest,
        NextHopType="Attachment",
        NextHopId=att_id,
    )["RouteEntryId"]


def test_vpc_routes_to_an_attachment_hold_the_attachment(env, hz):
    _cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones, settle=False)
    with pytest.raises(ClientException) as info:
        vpc_route(env, "vpc-a1", "10.9.0.0/16", att_id)
    assert info.value.code == "IncorrectStatus.Attachment"
    env.settle()
    with pytest.raises(ClientException) as info:
        vpc_route(env, "vpc-a4", "10.9.0.0/16", att_id)  # not vpc-a4's attachment
    assert info.value.code == "InvalidNextHopId.NotFound"
    entry_id = vpc_route(env, "vpc-a1", "10.9.0.0/16", att_id)
    env.settle()
    (entry,) = vpc_routes(env, "vpc-a1", RouteEntryType="Custom")
    assert (entry["RouteEntryId"], entry["NextHops"]["NextHop"][0]["NextHopType"]) == (entry_id, "Attachment")
    assert env.error(UID1, "DeleteTransitRouterVpcAttachment", TransitRouterAttachmentId=att_id, Force=True) == (
        "OperationFailed.AttachmentReferencedVpcRouteEntryExisted",
        400,
    )


def test_the_vpc_owner_routes_to_an_attachment_of_another_accounts_router(env, hz):
    cen_id, tr_id, _zones = hz
    env.grant_vpc(UID2, "vpc-b1", cen_id)
    att_id = env.vpc_attach(tr_id, "vpc-b1", [("cn-hangzhou-h", "vsw-b1h")], VpcOwnerId=int(UID2))
    vpc_route(env, "vpc-b1", "10.0.0.0/16", att_id, who=UID2)
    env.settle()
    assert [e["DestinationCidrBlock"] for e in vpc_routes(env, "vpc-b1", who=UID2, RouteEntryType="Custom")] == [
        "10.0.0.0/16"
    ]


@pytest.fixture
def publishing(env, hz):
    """vpc-a1 and vpc-a4 attached to the Hangzhou router, both associated with its System table and
    propagating into it; only vpc-a1's attachment publishes the router's routes into its VPC.
    Returns (table id, vpc-a1's attachment, vpc-a4's attachment)."""
    _cen_id, tr_id, zones = hz
    table_id = env.system_table(tr_id)
    att_a1 = env.vpc_attach(tr_id, "vpc-a1", zones, AutoPublishRouteEnabled=True)
    att_a4 = env.vpc_attach(tr_id, "vpc-a4", A4_ZONES)
    link(env, att_a1, table_id)
    link(env, att_a4, table_id)
    return table_id, att_a1, att_a4


def test_auto_publish_puts_the_routers_routes_in_the_vpc(env, publishing):
    _table_id, att_a1, _att_a4 = publishing
    (published,) = vpc_routes(env, "vpc-a1", RouteEntryType="CEN")
    assert (published["DestinationCidrBlock"], published["Status"]) == ("10.4.0.0/16", "Available")
    assert published["NextHops"]["NextHop"][0]["NextHopType"] == "Attachment"
    assert published["NextHops"]["NextHop"][0]["NextHopId"] == att_a1
    assert vpc_routes(env, "vpc-a4", RouteEntryType="CEN") == []  # vpc-a4 did not ask for it
    env.call(
        UID1,
        "UpdateTransitRouterVpcAttachmentAttribute",
        TransitRouterAttachmentId=att_a1,
        AutoPublishRouteEnabled=False,
    )
    env.settle()
    assert vpc_routes(env, "vpc-a1", RouteEntryType="CEN") == []


def test_the_admin_state_shows_the_derived_routes(env, publishing):
    table_id, att_a1, att_a4 = publishing
    derived = env.running.admin("GET", "/_emulator/state")[1]["derived_routes"]
    learned = derived["tr_route_table"][table_id]
    hops = sorted((r["TransitRouterRouteEntryDestinationCidrBlock"], r["TransitRouterRouteEntryNextHopId"]) for r in learned)
    assert hops == [
        ("10.0.0.0/16", att_a1),
        ("10.4.0.0/16", att_a4),
    ]
    (published,) = derived["route_table"][env.world.get("vpc", "vpc-a1")["RouteTableId"]]
    assert (published["DestinationCidrBlock"], published["NextHopType"], published["InstanceId"]) == (
        "10.4.0.0/16",
        "Attachment",
        att_a1,
    )
    assert env.world.get("vpc", "vpc-a4")["RouteTableId"] not in derived["route_table"]


def test_a_package_serving_a_peer_attachment_counts_it(env, two):
    cen_id, tr_hz, tr_sh = two
    bwp_id = china_package(env, cen_id, bandwidth=10)
    peer(env, tr_hz, tr_sh, CenBandwidthPackageId=bwp_id, Bandwidth=6)
    span = dict(CenId=cen_id, GeographicRegionAId="China", GeographicRegionBId="China")
    assert env.call(UID1, "DescribeCenGeographicSpanRemainingBandwidth", **span)["RemainingBandwidth"] == 4
    assert env.error(
        UID1, "SetCenInterRegionBandwidthLimit", CenId=cen_id, LocalRegionId=HZ, OppositeRegionId=SH, BandwidthLimit=5
    ) == ("ParameterIllegal.BandwidthLimit", 400)
    assert env.error(UID1, "ModifyCenBandwidthPackageSpec", CenBandwidthPackageId=bwp_id, Bandwidth=5) == (
        "InvalidParameter",
        400,
    )
    assert env.error(UID1, "UnassociateCenBandwidthPackage", CenId=cen_id, CenBandwidthPackageId=bwp_id) == (
        "InvalidOperation.CenBandwidthLimitsNotZero",
        400,
    )

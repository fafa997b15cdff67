"""VpcPeer (2022-01-01): VPC peering connections between two VPCs of one or two
accounts, in one or two regions.

A connection is one ``vpc_peer`` record (id ``pcc-...``) seen by both sides: the
requester (the record's ``_account``, ``RegionId``, ``VpcId``) and the accepter
(``AcceptingOwnerUid``, ``AcceptingRegionId``, ``AcceptingVpcId``). Each side has
its own resource group and tags (``ResourceGroupId``/``_tags`` for the requester,
``_accepter_rg``/``_accepter_tags`` for the accepter).

States: a same-account connection goes Creating -> Activated; a cross-account
one Creating -> Accepting until the accepter calls AcceptVpcPeerConnection
(Updating -> Activated) or RejectVpcPeerConnection (Rejected). Modify goes
Updating -> Activated, Delete goes Deleting -> gone. VpcPeer answers every
error with HTTP 400, not-found included.
"""

import re

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import (
    check_tags,
    default_resource_group,
    dry_run_passed,
    iso_time,
    merged_tags,
    owned,
    tag_list,
    tags_match,
    token_page,
)
from alicloud_emulator.services.vpc.shared import (
    TAGS,
    check_resource_group,
    entries_pointing_to,
    tag_resource_ids,
    untag_keys,
    vpc_is_stable,
)

RESOURCE_TYPE = "PeerConnection"
LINK_TYPES = ("Platinum", "Gold", "Silver")
DEFAULT_INTER_REGION_BANDWIDTH = 1024
UNLIMITED_BANDWIDTH = -1
ACCEPT_WINDOW_SECONDS = 7 * 86400
ENDED_STATES = ("Rejected", "Expired", "Deleted")

_NAME_RE = re.compile(r"^[^\W\d_][\w\-]{1,127}$")


def not_found(instance_id):
    return ApiError("ResourceNotFound.InstanceId", "The specified resource of %s is not found." % instance_id, 400)


def wrong_status(pcc):
    return ApiError(
        "IncorrectStatus.VpcPeer", "The status of %s [%s] is incorrect." % (pcc["InstanceId"], pcc["Status"]), 400
    )


def side(ctx, pcc):
    """'requester', 'accepter' or None: how the caller relates to the connection."""
    if pcc["_account"] == ctx.account:
        return "requester"
    if str(pcc["AcceptingOwnerUid"]) == ctx.account:
        return "accepter"
    return None


def visible(ctx, instance_id):
    """The connection if the caller is one of its two sides, else ResourceNotFound.InstanceId."""
    pcc = ctx.world.get("vpc_peer", instance_id)
    if pcc is None or side(ctx, pcc) is None:
        raise not_found(instance_id)
    return pcc


def busy(ctx, pcc):
    return ctx.world.is_pending("vpc_peer", pcc["InstanceId"])


def view_tags(pcc, who):
    return pcc["_tags"] if who == "requester" else pcc["_accepter_tags"]


def view_region(pcc, who):
    return pcc["RegionId"] if who == "requester" else pcc["AcceptingRegionId"]


def vpc_side(world, vpc_id):
    vpc = world.get("vpc", vpc_id)
    return {"VpcId": vpc_id, "Ipv4Cidrs": [vpc["CidrBlock"]] if vpc else [], "Ipv6Cidrs": []}


def pcc_view(ctx, pcc):
    who = side(ctx, pcc)
    return {
        "InstanceId": pcc["InstanceId"],
        "Name": pcc["Name"],
        "Description": pcc["Description"],
        "OwnerId": int(pcc["_account"]),
        "AcceptingOwnerUid": pcc["AcceptingOwnerUid"],
        "RegionId": pcc["RegionId"],
        "AcceptingRegionId": pcc["AcceptingRegionId"],
        "Bandwidth": pcc["Bandwidth"],
        "LinkType": pcc["LinkType"],
        "Status": pcc["Status"],
        "BizStatus": pcc["BizStatus"],
        "GmtCreate": pcc["GmtCreate"],
        "GmtModified": pcc["GmtModified"],
        "GmtExpired": pcc["GmtExpired"] if pcc["Status"] in ("Accepting", "Expired") else None,
        "ResourceGroupId": pcc["ResourceGroupId"] if who == "requester" else pcc["_accepter_rg"],
        "Vpc": vpc_side(ctx.world, pcc["VpcId"]),
        "AcceptingVpc": vpc_side(ctx.world, pcc["AcceptingVpcId"]),
        "Tags": tag_list(view_tags(pcc, who)),
    }


def check_region(region):
    if not region or not geography.is_known_region(region):
        raise ApiError(
            "UnsupportedRegion", "The feature of VpcPeer is not supported in the region of %s." % region, 400
        )


def check_name(name, low):
    if name is None:
        return
    ok = _NAME_RE.match(name) if low == 2 else 1 <= len(name) <= 128 and not name.startswith(("http://", "https://"))
    if not ok:
        raise ApiError("IllegalParam.Name", "The specified Name is illegal.", 400)


def check_description(description, low):
    if description is None:
        return
    bad = not low <= len(description) <= 256 or description.startswith(("http://", "https://"))
    if low == 2 and description and not description[0].isalpha():
        bad = True
    if bad:
        raise ApiError("IllegalParam.Description", "The specified Description is illegal.", 400)


def check_bandwidth(bandwidth, inter_region, modify=False):
    if bandwidth is None:
        return
    if not inter_region:
        if modify:
            raise ApiError(
                "OperationFailed.BandwidthCannotBeChangedInSameRegion",
                "The operation failed because the bandwidth cannot be changed in the same region.",
                400,
            )
        raise ApiError("IllegalParam.Bandwidth", "Bandwidth can be set only on an inter-region connection.", 400)
    if bandwidth < 1:
        raise ApiError("IllegalParam.Bandwidth", "The specified Bandwidth is illegal.", 400)


def check_link_type(link_type, inter_region):
    if link_type is None:
        return
    if link_type not in LINK_TYPES or not inter_region:
        raise ApiError("IllegalParam.LinkType", "The specified LinkType is illegal.", 400)


# ------------------------------------------------------------------ lifecycle
@action("vpcpeer", "CreateVpcPeerConnection", write=True)
def create_vpc_peer_connection(ctx, p):
    world = ctx.world
    region, accepting_region = p["RegionId"], p["AcceptingRegionId"]
    check_region(region)
    check_region(accepting_region)
    inter_region = region != accepting_region
    check_name(p.get("Name"), 2)
    check_description(p.get("Description"), 2)
    check_bandwidth(p.get("Bandwidth"), inter_region)
    check_link_type(p.get("LinkType"), inter_region)
    check_resource_group(p.get("ResourceGroupId"))
    tags = check_tags(p.get("Tag"), TAGS)
    vpc = owned(ctx, "vpc", p["VpcId"], region)
    if vpc is None:
        raise ApiError("ResourceNotFound.VpcId", "The specified resource of VpcId [%s] is not found." % p["VpcId"], 400)
    accepter = str(p["AcceptingAliUid"])
    accepting = world.get("vpc", p["AcceptingVpcId"])
    if accepting is None or accepting["_account"] != accepter or accepting["_region"] != accepting_region:
        raise ApiError(
            "ResourceNotFound.AcceptingVpcId",
            "The specified resource of AcceptingVpcId [%s] is not found." % p["AcceptingVpcId"],
            400,
        )
    if accepting["VpcId"] == vpc["VpcId"]:
        raise ApiError("IllegalParam.AcceptingVpcId", "A VPC cannot be peered with itself.", 400)
    if not vpc_is_stable(world, vpc):
        raise ApiError(
            "IncorrectStatus.Vpc", "The status of %s [%s] is incorrect." % (vpc["VpcId"], vpc["Status"]), 400
        )
    if not vpc_is_stable(world, accepting):
        raise ApiError(
            "IncorrectStatus.AcceptingVpc",
            "The status of %s [%s] is incorrect." % (accepting["VpcId"], accepting["Status"]),
            400,
        )
    pair = {vpc["VpcId"], accepting["VpcId"]}
    for other in world.table("vpc_peer").values():
        if {other["VpcId"], other["AcceptingVpcId"]} == pair and other["Status"] not in ENDED_STATES:
            raise ApiError(
                "ResourceAlreadyExist.VpcPeer",
                "The specified resource of %s already exists." % other["InstanceId"],
                400,
            )
    if p.get("DryRun"):
        raise dry_run_passed()
    instance_id = world.new_id("pcc")
    now = iso_time(world)
    cross_account = accepter != ctx.account
    if inter_region:
        bandwidth = p.get("Bandwidth") or DEFAULT_INTER_REGION_BANDWIDTH
        link_type = p.get("LinkType") or "Gold"
    else:
        bandwidth, link_type = UNLIMITED_BANDWIDTH, ""
    world.put(
        "vpc_peer",
        instance_id,
        {
            "InstanceId": instance_id,
            "Name": p.get("Name") or "",
            "Description": p.get("Description") or "",
            "VpcId": vpc["VpcId"],
            "RegionId": region,
            "AcceptingVpcId": accepting["VpcId"],
            "AcceptingRegionId": accepting_region,
            "AcceptingOwnerUid": int(accepter),
            "Bandwidth": bandwidth,
            "LinkType": link_type,
            "Status": "Creating",
            "BizStatus": "Normal",
            "GmtCreate": now,
            "GmtModified": now,
            "GmtExpired": iso_time(world, ACCEPT_WINDOW_SECONDS),
            "ResourceGroupId": p.get("ResourceGroupId") or default_resource_group(ctx.account),
            "_tags": tags,
            "_accepter_rg": default_resource_group(accepter),
            "_accepter_tags": {},
        },
        ctx.account,
        region,
    )
    world.schedule("vpc_peer", instance_id, set_fields={"Status": "Accepting" if cross_account else "Activated"})
    return {"InstanceId": instance_id}


def accepter_only(ctx, p):
    """The connection named by an Accept/Reject call: only its accepter may answer it."""
    pcc = ctx.world.get("vpc_peer", p["InstanceId"])
    if pcc is None or str(pcc["AcceptingOwnerUid"]) != ctx.account:
        raise not_found(p["InstanceId"])
    if busy(ctx, pcc) or pcc["Status"] != "Accepting":
        raise wrong_status(pcc)
    return pcc


@action("vpcpeer", "AcceptVpcPeerConnection", write=True)
def accept_vpc_peer_connection(ctx, p):
    world = ctx.world
    pcc = accepter_only(ctx, p)
    check_resource_group(p.get("ResourceGroupId"))
    tags = check_tags(p.get("Tag"), TAGS)
    if p.get("DryRun"):
        raise dry_run_passed()
    pcc.update({"Status": "Updating", "GmtModified": iso_time(world)})
    if p.get("ResourceGroupId"):
        pcc["_accepter_rg"] = p["ResourceGroupId"]
    pcc["_accepter_tags"] = merged_tags(pcc["_accepter_tags"], tags, TAGS.too_many)
    world.schedule("vpc_peer", pcc["InstanceId"], set_fields={"Status": "Activated"})
    return {}


@action("vpcpeer", "RejectVpcPeerConnection", write=True)
def reject_vpc_peer_connection(ctx, p):
    pcc = accepter_only(ctx, p)
    if p.get("DryRun"):
        raise dry_run_passed()
    pcc.update({"Status": "Rejected", "GmtModified": iso_time(ctx.world)})
    return {}


@action("vpcpeer", "ModifyVpcPeerConnection", write=True)
def modify_vpc_peer_connection(ctx, p):
    world = ctx.world
    pcc = visible(ctx, p["InstanceId"])
    if busy(ctx, pcc) or pcc["Status"] != "Activated":
        raise wrong_status(pcc)
    inter_region = pcc["RegionId"] != pcc["AcceptingRegionId"]
    check_name(p.get("Name"), 1)
    check_description(p.get("Description"), 1)
    check_bandwidth(p.get("Bandwidth"), inter_region, modify=True)
    check_link_type(p.get("LinkType"), inter_region)
    if p.get("DryRun"):
        raise dry_run_passed()
    for field in ("Name", "Description", "Bandwidth", "LinkType"):
        if p.get(field) is not None:
            pcc[field] = p[field]
    pcc.update({"Status": "Updating", "GmtModified": iso_time(world)})
    world.schedule("vpc_peer", pcc["InstanceId"], set_fields={"Status": "Activated"})
    return {}


@action("vpcpeer", "DeleteVpcPeerConnection", write=True)
def delete_vpc_peer_connection(ctx, p):
    world = ctx.world
    pcc = visible(ctx, p["InstanceId"])
    if busy(ctx, pcc) or pcc["Status"] in ("Creating", "Updating", "Deleting"):
        raise wrong_status(pcc)
    routes = entries_pointing_to(world, "VpcPeer", pcc["InstanceId"])
    if routes and not p.get("Force"):
        raise ApiError(
            "OperationDenied.RouteEntryExist",
            "The operation is not allowed because of existing routeEntry point to VpcPeer.",
            400,
        )
    if p.get("DryRun"):
        raise dry_run_passed()
    for entry in routes:
        world.delete("route_entry", entry["RouteEntryId"])
    pcc.update({"Status": "Deleting", "GmtModified": iso_time(world)})
    world.schedule("vpc_peer", pcc["InstanceId"], delete=True)
    return {}


# ------------------------------------------------------------------ queries
@action("vpcpeer", "GetVpcPeerConnectionAttribute")
def get_vpc_peer_connection_attribute(ctx, p):
    return pcc_view(ctx, visible(ctx, p["InstanceId"]))


@action("vpcpeer", "ListVpcPeerConnections")
def list_vpc_peer_connections(ctx, p):
    region = p.get("RegionId")
    if region:
        check_region(region)
    vpc_ids = p.get("VpcId") or []
    if len(vpc_ids) > 2:
        raise ApiError("IllegalParam.VpcId", "You can specify at most two VPC IDs.", 400)
    out = []
    for pcc in ctx.world.table("vpc_peer").values():
        who = side(ctx, pcc)
        if who is None:
            continue
        if region and view_region(pcc, who) != region:
            continue
        if p.get("InstanceId") and pcc["InstanceId"] != p["InstanceId"]:
            continue
        if p.get("Name") and pcc["Name"] != p["Name"]:
            continue
        ends = {pcc["VpcId"], pcc["AcceptingVpcId"]}
        if vpc_ids and not set(vpc_ids) <= ends:
            continue
        rg = pcc["ResourceGroupId"] if who == "requester" else pcc["_accepter_rg"]
        if p.get("ResourceGroupId") and rg != p["ResourceGroupId"]:
            continue
        if p.get("Tags") and not tags_match(view_tags(pcc, who), p["Tags"]):
            continue
        out.append(pcc)
    page = token_page(out, p, 20, 100, token_code="IllegalParam.NextToken")
    return {
        "VpcPeerConnects": [pcc_view(ctx, pcc) for pcc in page.items],
        "TotalCount": len(out),
        "NextToken": page.next_token,
        "MaxResults": page.size,
    }


# ------------------------------------------------------------------ tags and resource group
def check_resource_type(resource_type):
    if (resource_type or "").lower() != RESOURCE_TYPE.lower():
        raise ApiError("InvalidInstanceType.NotFound", "The instance type is not found.", 400)


def tag_targets(ctx, p):
    """The connections a tag call names, as (record, side) pairs, all in RegionId for the caller."""
    check_region(p["RegionId"])
    check_resource_type(p["ResourceType"])
    targets = []
    for rid in tag_resource_ids(p):
        pcc = ctx.world.get("vpc_peer", rid)
        who = side(ctx, pcc) if pcc is not None else None
        if who is None or view_region(pcc, who) != p["RegionId"]:
            raise ApiError("InvalidInstanceIds.NotFound", "The instance IDs are not found.", 400)
        targets.append((pcc, who))
    return targets


def set_view_tags(pcc, who, tags):
    pcc["_tags" if who == "requester" else "_accepter_tags"] = tags


@action("vpcpeer", "TagResources", write=True)
def tag_resources(ctx, p):
    targets = tag_targets(ctx, p)
    tags = check_tags(p["Tag"], TAGS)
    merged = [merged_tags(view_tags(pcc, who), tags, TAGS.too_many) for pcc, who in targets]
    for (pcc, who), new in zip(targets, merged):
        set_view_tags(pcc, who, new)
    return {"Success": True}


@action("vpcpeer", "UnTagResources", write=True)
def untag_resources(ctx, p):
    targets = tag_targets(ctx, p)
    keys = untag_keys(p)
    for pcc, who in targets:
        kept = {} if p.get("All") else {k: v for k, v in view_tags(pcc, who).items() if k not in keys}
        set_view_tags(pcc, who, kept)
    return {"Success": True}


@action("vpcpeer", "ListTagResources")
def list_tag_resources(ctx, p):
    check_region(p["RegionId"])
    check_resource_type(p["ResourceType"])
    ids = tag_resource_ids(p, listing=True)
    wanted = p.get("Tag") or []
    check_tags(wanted, TAGS)
    rows = []
    for pcc in ctx.world.table("vpc_peer").values():
        who = side(ctx, pcc)
        if who is None or view_region(pcc, who) != p["RegionId"]:
            continue
        if ids and pcc["InstanceId"] not in ids:
            continue
        tags = view_tags(pcc, who)
        if not tags_match(tags, wanted):
            continue
        for key, value in sorted(tags.items()):
            rows.append(
                {
                    "ResourceId": pcc["InstanceId"],
                    "ResourceType": RESOURCE_TYPE,
                    "RegionNo": view_region(pcc, who),
                    "TagKey": key,
                    "TagValue": value,
                }
            )
    page = token_page(rows, p, 50, 50, token_code="IllegalParam.NextToken")
    return {"TagResources": page.items, "NextToken": page.next_token, "MaxResults": page.size}


@action("vpcpeer", "MoveResourceGroup", write=True)
def move_resource_group(ctx, p):
    check_region(p["RegionId"])
    check_resource_type(p["ResourceType"])
    pcc = ctx.world.get("vpc_peer", p["ResourceId"])
    who = side(ctx, pcc) if pcc is not None else None
    if who is None or view_region(pcc, who) != p["RegionId"]:
        raise ApiError("ResourceNotFound.VpcPeer", "The specified resource of VpcPeer is not found.", 400)
    if not p["NewResourceGroupId"].startswith("rg-"):
        raise ApiError(
            "OperationFailed.NotExist.ResourceGroup", "The operation failed because the resource group not exist.", 400
        )
    pcc["ResourceGroupId" if who == "requester" else "_accepter_rg"] = p["NewResourceGroupId"]
    return {"Success": True}

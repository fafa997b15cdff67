"""VPC attachments (CBN 2017-09-12): CreateTransitRouterVpcAttachment,
UpdateTransitRouterVpcAttachmentAttribute, UpdateTransitRouterVpcAttachmentZones,
DeleteTransitRouterVpcAttachment, ListTransitRouterVpcAttachments.

``Attaching -> Attached``; the two updates ``Modifying -> Attached``; delete ``Detaching ->
gone``. Given CenId + RegionId instead of TransitRouterId, the create makes the region's
transit router too (both settle together). Each zone mapping names a vSwitch of the VPC in a
zone where transit routers are available (one network interface each). Another account's
VPC (VpcOwnerId) attaches only after its owner's GrantInstanceToTransitRouter, and only when
that owner has opened the transit-router service too. Delete is refused while the attachment
is associated with or propagates into a route table (unless Force, which removes those), while
a static transit-router route or a VPC route entry points at it.
"""

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError, invalid
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import check_tags, check_text, iso_time, public
from alicloud_emulator.services.cbn.shared import TAGS, stamp
from alicloud_emulator.services.transit_router.routers import build_router
from alicloud_emulator.services.transit_router.shared import (
    ATTACHMENT,
    available_zones,
    detach,
    dry_run,
    matching,
    named_router,
    own_attachment,
    own_router,
    refuse_referenced,
    require_idle,
    require_service,
    tags_of,
    token_list,
    transition,
)
from alicloud_emulator.services.vpc.shared import VSWITCH_USERS

MAX_ZONES = 10


def attachment_using(world, vswitch_id):
    """The VPC attachment with a network interface in the vSwitch (DeleteVSwitch is refused then), or None."""
    for att in world.table(ATTACHMENT).values():
        if any(m["VSwitchId"] == vswitch_id for m in att.get("ZoneMappings") or []):
            return att["TransitRouterAttachmentId"]
    return None


VSWITCH_USERS.append(attachment_using)


def vpc_attachment_view(att):
    view = public(att)
    view["VpcOwnerId"] = int(att["VpcOwnerId"])
    view["Tags"] = tags_of(att)
    return view


def granted(world, vpc_id, cen, owner):
    """Whether ``owner`` granted CEN ``cen`` (of another account) its VPC ``vpc_id``."""
    grant = world.get("grant", "%s|%s" % (vpc_id, cen["CenId"]))
    return (
        grant is not None
        and grant["ChildInstanceType"] == "VPC"
        and str(grant["ChildInstanceOwnerId"]) == owner
        and str(grant["CenOwnerId"]) == cen["_account"]
    )


def _vpc(world, vpc_id, owner, region):
    vpc = world.get("vpc", vpc_id)
    if vpc is None or vpc["_account"] != owner or vpc["_region"] != region:
        raise ApiError(
            "InvalidVpcId.NotFound", "The VPC %s does not exist in %s for account %s." % (vpc_id, region, owner), 404
        )
    if vpc["Status"] != "Available" or world.is_pending("vpc", vpc_id):
        raise ApiError("IncorrectStatus.Vpc", "The VPC %s is %s." % (vpc_id, vpc["Status"]), 400)
    return vpc


def zone_mappings(world, vpc, region, mappings, name="ZoneMappings"):
    """Checked zone mappings: a vSwitch of the VPC in each named zone, zones where transit routers
    are available, each zone once."""
    out = []
    for index, mapping in enumerate(mappings, 1):
        zone, vsw_id = mapping.get("ZoneId"), mapping.get("VSwitchId")
        if not zone or not vsw_id:
            raise ApiError("IllegalParam.ZoneMappings", "%s.%d needs ZoneId and VSwitchId." % (name, index), 400)
        if geography.zone_region(zone) != region or zone not in available_zones(world, region):
            raise ApiError(
                "IllegalParam.ZoneId", "Transit routers are not available in zone %s of %s." % (zone, region), 400
            )
        if any(m["ZoneId"] == zone for m in out):
            raise ApiError("Duplicated.ZoneMapping", "The zone %s is given twice." % zone, 400)
        vsw = world.get("vswitch", vsw_id)
        if vsw is None or vsw["_account"] != vpc["_account"] or vsw["VpcId"] != vpc["VpcId"]:
            raise ApiError(
                "InvalidVSwitchId.NotFound", "The vSwitch %s does not exist in VPC %s." % (vsw_id, vpc["VpcId"]), 404
            )
        if vsw["ZoneId"] != zone:
            raise ApiError(
                "IllegalParam.VSwitchId", "The vSwitch %s is in zone %s, not %s." % (vsw_id, vsw["ZoneId"], zone), 400
            )
        if vsw["Status"] != "Available" or world.is_pending("vswitch", vsw_id):
            raise ApiError("IncorrectStatus.VpcSwitch", "The vSwitch %s is %s." % (vsw_id, vsw["Status"]), 409)
        out.append({"ZoneId": zone, "VSwitchId": vsw_id})
    return out


def _zone_count(count):
    if not 1 <= count <= MAX_ZONES:
        raise ApiError("IllegalParam.ZoneMappings", "A VPC attachment takes 1 to %d zone mappings." % MAX_ZONES, 400)


def _options(value):
    """TransitRouterVPCAttachmentOptions: ipv6Support enable|disable; no VPC here has IPv6."""
    options = dict(value or {})
    ipv6 = options.get("ipv6Support")
    if ipv6 is not None and ipv6 not in ("enable", "disable"):
        raise ApiError("IllegalParam.Ipv6Support", "ipv6Support must be enable or disable.", 400)
    if ipv6 == "enable":
        raise ApiError("OperationFailed.VSwitchIpv6CidrNotAllocated", "The vSwitches have no IPv6 CIDR block.", 400)
    return options


@action("cbn", "CreateTransitRouterVpcAttachment", write=True)
def create_transit_router_vpc_attachment(ctx, p):
    world = ctx.world
    require_service(ctx)
    tr, cen, region = named_router(ctx, p)
    owner = str(p["VpcOwnerId"]) if p.get("VpcOwnerId") is not None else ctx.account
    if owner != ctx.account and not granted(world, p["VpcId"], cen, owner):
        raise ApiError(
            "Forbbiden.AttachChildInstanceAcrossUid",
            "The account %s has not granted CEN instance %s access to %s." % (owner, cen["CenId"], p["VpcId"]),
            409,
        )
    require_service(ctx, owner)
    if p.get("ChargeType", "POSTPAY") != "POSTPAY":
        raise ApiError("IllegalParam.ChargeType", "ChargeType must be POSTPAY.", 400)
    check_text(p.get("TransitRouterAttachmentName"), "TransitRouterAttachmentName", 128)
    check_text(p.get("TransitRouterAttachmentDescription"), "TransitRouterAttachmentDescription", 256)
    tags = check_tags(p.get("Tag"), TAGS)
    options = _options(p.get("TransitRouterVPCAttachmentOptions"))
    vpc = _vpc(world, p["VpcId"], owner, region)
    _zone_count(len(p["ZoneMappings"]))
    zones = zone_mappings(world, vpc, region, p["ZoneMappings"])
    if tr is not None:
        require_idle(world, tr)
        for att in world.table(ATTACHMENT).values():
            if att["TransitRouterId"] == tr["TransitRouterId"] and att.get("VpcId") == vpc["VpcId"]:
                raise ApiError(
                    "InvalidOperation.ChildInstanceAlreadyAttached",
                    "The VPC %s is already attached to transit router %s." % (vpc["VpcId"], tr["TransitRouterId"]),
                    409,
                )
    dry_run(p)
    if tr is None:
        tr = build_router(world, cen, region)
    att_id = world.new_id("tr-attach", 16)
    att = world.put(
        ATTACHMENT,
        att_id,
        {
            "TransitRouterAttachmentId": att_id,
            "TransitRouterAttachmentName": p.get("TransitRouterAttachmentName", ""),
            "TransitRouterAttachmentDescription": p.get("TransitRouterAttachmentDescription", ""),
            "TransitRouterId": tr["TransitRouterId"],
            "CenId": cen["CenId"],
            "ResourceType": "VPC",
            "VpcId": vpc["VpcId"],
            "VpcOwnerId": owner,
            "VpcRegionId": region,
            "ChargeType": "POSTPAY",
            "AutoPublishRouteEnabled": bool(p.get("AutoPublishRouteEnabled", False)),
            "OrderType": "PayByCenOwner",
            "ManagedService": "",
            "CreationTime": iso_time(world),
            "TransitRouterVPCAttachmentOptions": options,
            "ZoneMappings": [dict(z, NetworkInterfaceId=world.new_id("eni", 20)) for z in zones],
            "_tags": tags,
            "_order": stamp(world),
        },
        ctx.account,
        region,
    )
    transition(world, ATTACHMENT, att_id, att, "Attaching", "Attached")
    return {"TransitRouterAttachmentId": att_id}


def _writable(ctx, p):
    """The caller's VPC attachment named by ``p`` and its router, checked to take a write."""
    att = own_attachment(ctx, p["TransitRouterAttachmentId"], "VPC")
    tr = own_router(ctx, att["TransitRouterId"])
    require_idle(ctx.world, tr)
    return att


@action("cbn", "UpdateTransitRouterVpcAttachmentAttribute", write=True)
def update_transit_router_vpc_attachment_attribute(ctx, p):
    check_text(p.get("TransitRouterAttachmentName"), "TransitRouterAttachmentName", 128)
    check_text(p.get("TransitRouterAttachmentDescription"), "TransitRouterAttachmentDescription", 256)
    if p.get("OrderType") not in (None, "PayByCenOwner", "PayByResourceOwner"):
        raise invalid("OrderType", "must be PayByCenOwner or PayByResourceOwner")
    options = _options(p.get("TransitRouterVPCAttachmentOptions"))
    att = _writable(ctx, p)
    dry_run(p)
    for field in (
        "TransitRouterAttachmentName",
        "TransitRouterAttachmentDescription",
        "AutoPublishRouteEnabled",
        "OrderType",
    ):
        if field in p:
            att[field] = p[field]
    if "TransitRouterVPCAttachmentOptions" in p:
        att["TransitRouterVPCAttachmentOptions"].update(options)
    transition(ctx.world, ATTACHMENT, att["TransitRouterAttachmentId"], att, "Modifying", "Attached")
    return {}


@action("cbn", "UpdateTransitRouterVpcAttachmentZones", write=True)
def update_transit_router_vpc_attachment_zones(ctx, p):
    world = ctx.world
    att = _writable(ctx, p)
    add, remove = p.get("AddZoneMappings") or [], p.get("RemoveZoneMappings") or []
    if len(add) > MAX_ZONES or len(remove) > MAX_ZONES:
        raise ApiError(
            "IllegalParam.ZoneMappings", "Add or remove at most %d zone mappings at a time." % MAX_ZONES, 400
        )
    current = {m["ZoneId"]: m for m in att["ZoneMappings"]}
    for mapping in remove:
        have = current.get(mapping.get("ZoneId"))
        if have is None or (mapping.get("VSwitchId") and mapping["VSwitchId"] != have["VSwitchId"]):
            raise ApiError(
                "IllegalParam.ZoneMappings",
                "The attachment has no zone mapping %s / %s." % (mapping.get("ZoneId"), mapping.get("VSwitchId")),
                400,
            )
        del current[mapping["ZoneId"]]
    vpc = _vpc(world, att["VpcId"], att["VpcOwnerId"], att["VpcRegionId"])
    added = zone_mappings(world, vpc, att["VpcRegionId"], add, "AddZoneMappings")
    for mapping in added:
        if mapping["ZoneId"] in current:
            raise ApiError(
                "Duplicated.ZoneMapping", "The attachment already has a mapping in zone %s." % mapping["ZoneId"], 400
            )
    _zone_count(len(current) + len(added))
    dry_run(p)
    att["ZoneMappings"] = list(current.values()) + [dict(m, NetworkInterfaceId=world.new_id("eni", 20)) for m in added]
    transition(world, ATTACHMENT, att["TransitRouterAttachmentId"], att, "Modifying", "Attached")
    return {}


@action("cbn", "DeleteTransitRouterVpcAttachment", write=True)
def delete_transit_router_vpc_attachment(ctx, p):
    att = _writable(ctx, p)
    refuse_referenced(ctx.world, att, p.get("Force"))
    dry_run(p)
    detach(ctx.world, att)
    return {}


@action("cbn", "ListTransitRouterVpcAttachments")
def list_transit_router_vpc_attachments(ctx, p):
    def keep(att):
        # RegionId names the VPC's region.
        return att["ResourceType"] == "VPC" and not (p.get("RegionId") and att["VpcRegionId"] != p["RegionId"])

    keys = ("CenId", "TransitRouterId", "TransitRouterAttachmentId", "VpcId", "Status", "OrderType")
    found = matching(ctx, ATTACHMENT, p, keys, keep)
    return token_list(found, p, "TransitRouterAttachments", vpc_attachment_view)

"""Inter-region (peer) attachments between two routers of one CEN (CBN 2017-09-12):
CreateTransitRouterPeerAttachment, UpdateTransitRouterPeerAttachmentAttribute,
DeleteTransitRouterPeerAttachment, ListTransitRouterPeerAttachments.

``Attaching -> Attached``; update ``Modifying -> Attached``; delete ``Detaching -> gone``
(refused like a VPC attachment's while route tables or static routes use it; Force removes
associations and propagations). Both routers take one operation at a time.

Bandwidth: ``DataTransfer`` needs no package (``Bandwidth`` is an optional cap);
``BandwidthPackage`` needs ``CenBandwidthPackageId`` of a package associated with the CEN
whose geographic span covers the two regions, and a ``Bandwidth`` that fits in what the
package has left (its Basic-edition limits and other peer attachments count). Without
``BandwidthType`` the attachment is ``BandwidthPackage`` when a package is named, else
``DataTransfer``. ``DefaultLinkType`` is Gold, or Platinum with DataTransfer. The listing
names the attachments whose local router (``TransitRouterId``) is the caller's filter.
"""

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import check_tags, check_text, iso_time, public
from alicloud_emulator.services.cbn.bandwidth_packages import package_used
from alicloud_emulator.services.cbn.shared import TAGS, package_span, stamp
from alicloud_emulator.services.transit_router.shared import (
    ATTACHMENT,
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

BANDWIDTH_TYPES = ("BandwidthPackage", "DataTransfer")
LINK_TYPES = ("Gold", "Platinum")


def peer_attachment_view(att):
    view = public(att)
    view["PeerTransitRouterOwnerId"] = int(att["PeerTransitRouterOwnerId"])
    view["Tags"] = tags_of(att)
    return view


def _peer_router(ctx, local, p):
    peer = ctx.world.get("transit_router", p["PeerTransitRouterId"])
    if peer is None or peer["CenId"] != local["CenId"] or peer["_account"] != local["_account"]:
        raise ApiError(
            "InvalidPeerTransitRouterId.NotFound",
            "The transit router %s is not one of CEN %s." % (p["PeerTransitRouterId"], local["CenId"]),
            400,
        )
    if peer["RegionId"] == local["RegionId"]:
        raise ApiError(
            "IllegalParam.PeerTransitRouterId",
            "An inter-region connection needs routers of two regions; both are in %s." % local["RegionId"],
            400,
        )
    if p.get("PeerTransitRouterRegionId") and p["PeerTransitRouterRegionId"] != peer["RegionId"]:
        raise ApiError(
            "IllegalParam.PeerRegionId",
            "The transit router %s is in %s, not %s."
            % (peer["TransitRouterId"], peer["RegionId"], p["PeerTransitRouterRegionId"]),
            400,
        )
    return peer


def _bandwidth(world, cen_id, regions, settings, skip=None):
    """The checked bandwidth settings ``{BandwidthType, Bandwidth, CenBandwidthPackageId,
    DefaultLinkType}`` of a connection between ``regions`` (``skip``: the attachment being updated)."""
    kind = settings.get("BandwidthType") or (
        "BandwidthPackage" if settings.get("CenBandwidthPackageId") else "DataTransfer"
    )
    if kind not in BANDWIDTH_TYPES:
        raise ApiError("IllegalParam.BandwidthType", "BandwidthType must be BandwidthPackage or DataTransfer.", 400)
    bandwidth = settings.get("Bandwidth")
    if bandwidth is not None and bandwidth < 1:
        raise ApiError("IllegalParam.Bandwidth", "Bandwidth must be 1 Mbit/s or more.", 400)
    link = settings.get("DefaultLinkType") or "Gold"
    if link not in LINK_TYPES:
        raise ApiError(
            "ParameterIllegal.CdtDefaultLinkTypeOnlySupportPlatinumOrGold",
            "DefaultLinkType must be Gold or Platinum.",
            400,
        )
    out = {"BandwidthType": kind, "Bandwidth": bandwidth or 0, "CenBandwidthPackageId": "", "DefaultLinkType": link}
    if kind == "DataTransfer":
        return out
    if link != "Gold":
        raise ApiError(
            "ParameterIllegal.BandwidthPackageDefaultLinkTypeOnlySupportGold",
            "A bandwidth-package connection takes DefaultLinkType Gold only.",
            400,
        )
    bwp = world.get("cen_bwp", settings.get("CenBandwidthPackageId") or "")
    if bwp is None or bwp["_account"] != world.get("cen", cen_id)["_account"]:
        raise ApiError(
            "IllegalParam.CenBandwidthPackageId",
            "The bandwidth package %r does not exist." % settings.get("CenBandwidthPackageId"),
            400,
        )
    if cen_id not in bwp["CenIds"] or package_span(bwp) != geography.region_span(*regions):
        raise ApiError(
            "InvalidOperation.BwpNotAssociated",
            "The CEN %s has no bandwidth package %s for the span of %s and %s."
            % ((cen_id, bwp["CenBandwidthPackageId"]) + tuple(regions)),
            400,
        )
    if bandwidth is None:
        raise ApiError("MissingParam.Bandwidth", "A bandwidth-package connection needs Bandwidth.", 400)
    used = package_used(world, bwp, skip=skip)
    if used + bandwidth > bwp["Bandwidth"]:
        raise ApiError(
            "InvalidOperation.BwpBandwidthExceeded",
            "The bandwidth package %s has %d Mbit/s left." % (bwp["CenBandwidthPackageId"], bwp["Bandwidth"] - used),
            400,
        )
    out["CenBandwidthPackageId"] = bwp["CenBandwidthPackageId"]
    return out


@action("cbn", "CreateTransitRouterPeerAttachment", write=True)
def create_transit_router_peer_attachment(ctx, p):
    world = ctx.world
    require_service(ctx)
    check_text(p.get("TransitRouterAttachmentName"), "TransitRouterAttachmentName", 128)
    check_text(p.get("TransitRouterAttachmentDescription"), "TransitRouterAttachmentDescription", 256)
    tags = check_tags(p.get("Tag"), TAGS)
    local, cen, region = named_router(ctx, p)
    if local is None:
        raise ApiError(
            "InvalidTransitRouterId.NotFound", "The CEN %s has no transit router in %s." % (cen["CenId"], region), 400
        )
    peer = _peer_router(ctx, local, p)
    regions = (local["RegionId"], peer["RegionId"])
    settings = _bandwidth(world, cen["CenId"], regions, p)
    require_idle(world, local)
    require_idle(world, peer)
    dry_run(p)
    att_id = world.new_id("tr-attach", 16)
    att = world.put(
        ATTACHMENT,
        att_id,
        dict(
            settings,
            TransitRouterAttachmentId=att_id,
            TransitRouterAttachmentName=p.get("TransitRouterAttachmentName", ""),
            TransitRouterAttachmentDescription=p.get("TransitRouterAttachmentDescription", ""),
            TransitRouterId=local["TransitRouterId"],
            RegionId=local["RegionId"],
            CenId=cen["CenId"],
            ResourceType="TR",
            PeerTransitRouterId=peer["TransitRouterId"],
            PeerTransitRouterRegionId=peer["RegionId"],
            PeerTransitRouterOwnerId=peer["_account"],
            GeographicSpanId=geography.span_id(*geography.region_span(*regions)),
            AutoPublishRouteEnabled=bool(p.get("AutoPublishRouteEnabled", False)),
            CreationTime=iso_time(world),
            _tags=tags,
            _order=stamp(world),
        ),
        ctx.account,
        local["RegionId"],
    )
    transition(world, ATTACHMENT, att_id, att, "Attaching", "Attached")
    return {"TransitRouterAttachmentId": att_id}


def _writable(ctx, p):
    """The caller's peer attachment named by ``p``, both its routers idle."""
    att = own_attachment(ctx, p["TransitRouterAttachmentId"], "TR")
    for tr_id in (att["TransitRouterId"], att["PeerTransitRouterId"]):
        require_idle(ctx.world, own_router(ctx, tr_id))
    return att


@action("cbn", "UpdateTransitRouterPeerAttachmentAttribute", write=True)
def update_transit_router_peer_attachment_attribute(ctx, p):
    world = ctx.world
    check_text(p.get("TransitRouterAttachmentName"), "TransitRouterAttachmentName", 128)
    check_text(p.get("TransitRouterAttachmentDescription"), "TransitRouterAttachmentDescription", 256)
    att = own_attachment(ctx, p["TransitRouterAttachmentId"], "TR")
    wanted = {key: att[key] for key in ("BandwidthType", "Bandwidth", "CenBandwidthPackageId", "DefaultLinkType")}
    wanted.update({key: p[key] for key in wanted if key in p})
    if not wanted["Bandwidth"]:
        wanted["Bandwidth"] = None
    regions = (att["RegionId"], att["PeerTransitRouterRegionId"])
    settings = _bandwidth(world, att["CenId"], regions, wanted, skip=att)
    _writable(ctx, p)
    dry_run(p)
    att.update(settings)
    for field in ("TransitRouterAttachmentName", "TransitRouterAttachmentDescription", "AutoPublishRouteEnabled"):
        if field in p:
            att[field] = p[field]
    transition(world, ATTACHMENT, att["TransitRouterAttachmentId"], att, "Modifying", "Attached")
    return {}


@action("cbn", "DeleteTransitRouterPeerAttachment", write=True)
def delete_transit_router_peer_attachment(ctx, p):
    att = _writable(ctx, p)
    refuse_referenced(ctx.world, att, p.get("Force"))
    dry_run(p)
    detach(ctx.world, att)
    return {}


@action("cbn", "ListTransitRouterPeerAttachments")
def list_transit_router_peer_attachments(ctx, p):
    keys = ("CenId", "RegionId", "TransitRouterId", "TransitRouterAttachmentId")
    found = matching(ctx, ATTACHMENT, p, keys, keep=lambda att: att["ResourceType"] == "TR")
    return token_list(found, p, "TransitRouterAttachments", peer_attachment_view)

"""Transit routers (CBN 2017-09-12): CreateTransitRouter, UpdateTransitRouter,
DeleteTransitRouter, ListTransitRouters.

One Enterprise Edition transit router per region per CEN. ``Creating -> Active``;
UpdateTransitRouter ``Modifying -> Active``; DeleteTransitRouter ``Deleting -> gone``,
refused while attachments, custom route tables or static routes remain. Each router gets
its System route table, which the create answer does not name (ListTransitRouterRouteTables
finds it) and which goes with the router.
"""

import ipaddress

from alicloud_emulator.errors import ApiError
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import check_tags, check_text, iso_time, page_numbers, public
from alicloud_emulator.services.cbn.shared import TAGS, minute, stamp
from alicloud_emulator.services.transit_router.shared import (
    ROUTER,
    TABLE,
    attachments_of,
    check_region,
    dry_run,
    entries_of_table,
    matching,
    own_active_cen,
    own_router,
    require_idle,
    require_service,
    routers_of_cen,
    tables_of,
    tags_of,
    transition,
)


def router_view(tr):
    view = public(tr)
    view["AliUid"] = int(tr["_account"])
    view["Tags"] = tags_of(tr)
    return view


def _cidr_list(items):
    """TransitRouterCidrList: IPv4 blocks of /16 to /24, not overlapping each other."""
    out = []
    nets = []
    for item in items or []:
        try:
            net = ipaddress.ip_network(item.get("Cidr") or "", strict=True)
        except ValueError:
            net = None
        if net is None or net.version != 4 or not 16 <= net.prefixlen <= 24:
            raise ApiError(
                "IllegalParam.Cidr", "The CIDR block %r is not an IPv4 block of /16 to /24." % item.get("Cidr"), 400
            )
        if any(net.overlaps(other) for other in nets):
            raise ApiError("OverLappingExist.Cidr", "The CIDR block %s overlaps another one of the list." % net, 400)
        check_text(item.get("Name"), "Name", 128)
        check_text(item.get("Description"), "Description", 256)
        nets.append(net)
        out.append(
            {
                "Cidr": str(net),
                "Name": item.get("Name", ""),
                "Description": item.get("Description", ""),
                "PublishCidrRoute": item.get("PublishCidrRoute", True),
            }
        )
    return out


def build_router(world, cen, region, name="", description="", multicast=False, cidrs=None, tags=None):
    """A new transit router (Creating) with its System route table (Creating)."""
    tr_id = world.new_id("tr", 20)
    tr = world.put(
        ROUTER,
        tr_id,
        {
            "TransitRouterId": tr_id,
            "TransitRouterName": name,
            "TransitRouterDescription": description,
            "CenId": cen["CenId"],
            "RegionId": region,
            "Type": "Enterprise",
            "SupportMulticast": bool(multicast),
            "CreationTime": minute(world.now()),
            "TransitRouterCidrList": [dict(c, TransitRouterCidrId=world.new_id("cidr", 20)) for c in cidrs or []],
            "_tags": tags or {},
            "_order": stamp(world),
        },
        cen["_account"],
        region,
    )
    transition(world, ROUTER, tr_id, tr, "Creating", "Active")
    table_id = world.new_id("vtb", 20)
    table = world.put(
        TABLE,
        table_id,
        {
            "TransitRouterRouteTableId": table_id,
            "TransitRouterRouteTableName": "",
            "TransitRouterRouteTableDescription": "",
            "TransitRouterRouteTableType": "System",
            "TransitRouterId": tr_id,
            "RegionId": region,
            "RouteTableOptions": {"MultiRegionECMP": "disable"},
            "CreateTime": iso_time(world),
            "_order": stamp(world),
        },
        cen["_account"],
        region,
    )
    transition(world, TABLE, table_id, table, "Creating", "Active")
    return tr


@action("cbn", "CreateTransitRouter", write=True)
def create_transit_router(ctx, p):
    world = ctx.world
    region = p["RegionId"]
    check_region(region)
    require_service(ctx)
    check_text(p.get("TransitRouterName"), "TransitRouterName", 128)
    check_text(p.get("TransitRouterDescription"), "TransitRouterDescription", 256)
    tags = check_tags(p.get("Tag"), TAGS)
    cidrs = _cidr_list(p.get("TransitRouterCidrList"))
    cen = own_active_cen(ctx, p["CenId"])
    for tr in routers_of_cen(world, cen["CenId"]):
        if tr["RegionId"] == region:
            raise ApiError(
                "InstanceExist.TransitRouterInstance",
                "The CEN instance %s already has transit router %s in %s."
                % (cen["CenId"], tr["TransitRouterId"], region),
                400,
            )
    dry_run(p)
    tr = build_router(
        world,
        cen,
        region,
        name=p.get("TransitRouterName", ""),
        description=p.get("TransitRouterDescription", ""),
        multicast=p.get("SupportMulticast"),
        cidrs=cidrs,
        tags=tags,
    )
    return {"TransitRouterId": tr["TransitRouterId"]}


@action("cbn", "UpdateTransitRouter", write=True)
def update_transit_router(ctx, p):
    world = ctx.world
    tr = own_router(ctx, p["TransitRouterId"])
    if tr["RegionId"] != p["RegionId"]:
        raise ApiError(
            "IllegalParam.RegionId", "The transit router %s is not in %s." % (tr["TransitRouterId"], p["RegionId"]), 400
        )
    check_text(p.get("TransitRouterName"), "TransitRouterName", 128)
    check_text(p.get("TransitRouterDescription"), "TransitRouterDescription", 256)
    require_idle(world, tr)
    dry_run(p)
    for field in ("TransitRouterName", "TransitRouterDescription"):
        if field in p:
            tr[field] = p[field]
    transition(world, ROUTER, tr["TransitRouterId"], tr, "Modifying", "Active")
    return {}


def _refuse_in_use(
    world, tr, table_code="OperationFailed.DeleteTransitRouter", entry_code="OperationFailed.DeleteTransitRouter"
):
    """Refuse deleting a router that is busy or still has connections, custom tables or static routes."""
    require_idle(world, tr)
    tr_id = tr["TransitRouterId"]
    if attachments_of(world, tr_id):
        raise ApiError(
            "InvalidOperation.AttachedChildInstanceExist",
            "The transit router %s still has network instance connections; delete them first." % tr_id,
            400,
        )
    for table in tables_of(world, tr_id):
        if table["TransitRouterRouteTableType"] != "System":
            raise ApiError(
                table_code, "The transit router %s still has custom route tables; delete them first." % tr_id, 400
            )
        if entries_of_table(world, table["TransitRouterRouteTableId"]):
            raise ApiError(entry_code, "The transit router %s still has static routes; delete them first." % tr_id, 400)


def _delete(world, tr):
    transition(world, ROUTER, tr["TransitRouterId"], tr, "Deleting", delete=True)
    for table in tables_of(world, tr["TransitRouterId"]):
        transition(world, TABLE, table["TransitRouterRouteTableId"], table, "Deleting", delete=True)


def cen_routers_deletable(world, cen_id):
    """The routers of a CEN that DeleteCen takes with it, or the refusal: a router busy, with
    connections, custom route tables or static routes (DeleteCen's own codes for the last two)."""
    routers = routers_of_cen(world, cen_id)
    for tr in routers:
        _refuse_in_use(
            world,
            tr,
            table_code="OperationFailed.DeleteCenWithCustomRouteTable",
            entry_code="OperationFailed.DeleteCenWithRouteEntry",
        )
    return routers


def delete_cen_routers(world, routers):
    for tr in routers:
        _delete(world, tr)


@action("cbn", "DeleteTransitRouter", write=True)
def delete_transit_router(ctx, p):
    tr = own_router(ctx, p["TransitRouterId"], code="InvalidTransitRouterInstance.NotFound")
    _refuse_in_use(ctx.world, tr)
    dry_run(p)
    _delete(ctx.world, tr)
    return {}


@action("cbn", "ListTransitRouters")
def list_transit_routers(ctx, p):
    keys = ("CenId", "RegionId", "TransitRouterId", "TransitRouterName", "Status", "Type")
    found = matching(ctx, ROUTER, p, keys, keep=lambda tr: _features_match(tr, p.get("FeatureFilter")))
    number, size = page_numbers(p)
    return {
        "TransitRouters": [router_view(tr) for tr in found[(number - 1) * size : number * size]],
        "TotalCount": len(found),
        "PageNumber": number,
        "PageSize": size,
    }


def _features_match(tr, filters):
    for flt in filters or []:
        if flt.get("Key") == "Multicast" and flt.get("Value"):
            if ("Enabled" if tr["SupportMulticast"] else "Disabled") not in flt["Value"]:
                return False
    return True

"""The transit-router service of an account (CBN 2017-09-12): CheckTransitRouterService,
OpenTransitRouterService, and the zones it serves: ListTransitRouterAvailableResource.

Opening is per account, free and cannot be undone; opening it twice is ``Order.Opened``.
"""

from alicloud_emulator.errors import ApiError
from alicloud_emulator.registry import action
from alicloud_emulator.services.cbn.shared import order_id
from alicloud_emulator.services.transit_router.shared import available_zones, check_region, service_open


@action("cbn", "CheckTransitRouterService")
def check_transit_router_service(ctx, p):
    return {"Enabled": "true"} if service_open(ctx.world, ctx.account) else {}


@action("cbn", "OpenTransitRouterService", write=True)
def open_transit_router_service(ctx, p):
    if service_open(ctx.world, ctx.account):
        raise ApiError("Order.Opened", "The transit router service is already activated for this account.", 400)
    ctx.world.accounts[ctx.account]["transit_router_service"] = True
    return {"OrderId": order_id(ctx.world)}


@action("cbn", "ListTransitRouterAvailableResource")
def list_transit_router_available_resource(ctx, p):
    check_region(p["RegionId"])
    zones = available_zones(ctx.world, p["RegionId"])
    # Every transit router here is an "optimized" one: any available zone may be primary or secondary.
    # Which zones serve multicast is not documented per zone: SupportMulticast lists them all too.
    return {
        "AvailableZones": zones,
        "MasterZones": zones,
        "SlaveZones": zones,
        "SupportMulticast": bool(p.get("SupportMulticast")),
    }

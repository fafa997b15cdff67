"""Transit-router routes (CBN 2017-09-12): CreateTransitRouterRouteEntry,
UpdateTransitRouterRouteEntry, DeleteTransitRouterRouteEntry, ListTransitRouterRouteEntries;
and the routes a router publishes into a VPC (read by the VPC service's DescribeRouteEntryList).

* Static routes (table ``tr_route_entry``): next hop an attachment of the table's router, or
  ``BlackHole``. ``Creating -> Active``; delete ``Deleting -> gone``; an update (name,
  description) takes effect at once.
* Learned routes are derived, never stored: an Active propagation of an Attached VPC attachment
  into a table brings the VPC's CIDR blocks; one of an inter-region attachment brings what the
  router at its other end learned from its own VPC attachments into the table that end
  associates the inter-region attachment with. They are ``Propagated`` and cannot be deleted.
* ListTransitRouterRouteEntries shows Active routes unless ``TransitRouterRouteEntryStatus``
  asks otherwise (``All``: every state).
* A VPC attachment with AutoPublishRouteEnabled makes its router publish the routes of the table
  the attachment is associated with (except those leading back to the attachment and blackholes)
  into the VPC's system route table, as ``CEN`` routes with next hop ``Attachment``; a VPC's own
  route for the same destination wins.
"""

import hashlib
import ipaddress

from alicloud_emulator.errors import ApiError, missing
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import check_text, iso_time, public
from alicloud_emulator.services.transit_router.shared import (
    ASSOCIATION,
    ATTACHMENT,
    ENTRY,
    PROPAGATION,
    TABLE,
    dry_run,
    entries_of_table,
    links_of_attachment,
    links_of_table,
    own_router,
    own_table,
    require_idle,
    token_list,
    transition,
)

HOP_TYPES = ("BlackHole", "Attachment")
ROUTE_FILTERS = ("PrefixExactMatchCidrs", "SubnetOfMatchCidrs", "SupernetOfMatchCidrs")


# ---------------------------------------------------------------------------- learned and published routes
def _route_id(*parts):
    return "rte-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def vpc_cidrs(world, vpc_id):
    vpc = world.get("vpc", vpc_id)
    if vpc is None:
        return []
    secondary = vpc.get("SecondaryCidrBlocks") or []
    if isinstance(secondary, dict):
        secondary = secondary.get("SecondaryCidrBlock") or []
    return [vpc["CidrBlock"]] + list(secondary)


def _active_links(world, kind, table_id):
    return [link for link in links_of_table(world, kind, table_id) if link["Status"] == "Active"]


def _forwarding(world, att):
    return att is not None and att["Status"] in ("Attached", "Modifying")


def _vpc_routes(world, table_id):
    """``[(cidr, vpc attachment)]`` that VPC attachments propagate into table ``table_id``."""
    out = []
    for link in _active_links(world, PROPAGATION, table_id):
        att = world.get(ATTACHMENT, link["TransitRouterAttachmentId"])
        if _forwarding(world, att) and att["ResourceType"] == "VPC":
            out.extend((cidr, att) for cidr in vpc_cidrs(world, att["VpcId"]))
    return out


def learned_routes(world, table):
    """The Propagated routes of a route table, as ListTransitRouterRouteEntries shows them."""
    table_id, tr_id = table["TransitRouterRouteTableId"], table["TransitRouterId"]
    routes = []
    for link in _active_links(world, PROPAGATION, table_id):
        att = world.get(ATTACHMENT, link["TransitRouterAttachmentId"])
        if not _forwarding(world, att):
            continue
        if att["ResourceType"] == "VPC":
            learned = [(cidr, att, "VPC", att["VpcId"]) for cidr in vpc_cidrs(world, att["VpcId"])]
        else:
            other = att["PeerTransitRouterId"] if att["TransitRouterId"] == tr_id else att["TransitRouterId"]
            learned = []
            for assoc in links_of_attachment(world, ASSOCIATION, att["TransitRouterAttachmentId"]):
                if assoc["TransitRouterId"] == other and assoc["Status"] == "Active":
                    learned = [
                        (cidr, origin, "TR", other)
                        for cidr, origin in _vpc_routes(world, assoc["TransitRouterRouteTableId"])
                    ]
        for cidr, origin, hop_type, hop_resource in learned:
            routes.append(
                {
                    "TransitRouterRouteEntryId": _route_id(table_id, cidr, att["TransitRouterAttachmentId"]),
                    "TransitRouterRouteTableId": table_id,
                    "TransitRouterRouteEntryDestinationCidrBlock": cidr,
                    "TransitRouterRouteEntryType": "Propagated",
                    "TransitRouterRouteEntryStatus": "Active",
                    "TransitRouterRouteEntryNextHopType": "Attachment",
                    "TransitRouterRouteEntryNextHopId": att["TransitRouterAttachmentId"],
                    "TransitRouterRouteEntryNextHopResourceId": hop_resource,
                    "TransitRouterRouteEntryNextHopResourceType": hop_type,
                    "TransitRouterRouteEntryOriginResourceId": origin["VpcId"],
                    "TransitRouterRouteEntryOriginResourceType": "VPC",
                    "TransitRouterRouteEntryName": "",
                    "TransitRouterRouteEntryDescription": "",
                    "CreateTime": origin["CreationTime"],
                    "OperationalMode": False,
                    "PathAttributes": {"OriginInstanceId": origin["VpcId"], "OriginInstanceType": "VPC"},
                }
            )
    return routes


def published_routes(world, vpc_table):
    """The routes transit routers publish into a VPC's system route table (VPC route-entry
    records, not stored): see the module's docstring."""
    if vpc_table.get("RouteTableType") != "System" or not vpc_table.get("VpcId"):
        return []
    own = {
        e["DestinationCidrBlock"]
        for e in world.table("route_entry").values()
        if e["RouteTableId"] == vpc_table["RouteTableId"]
    }
    out = []
    for att in world.table(ATTACHMENT).values():
        if att.get("VpcId") != vpc_table["VpcId"] or not att["AutoPublishRouteEnabled"] or not _forwarding(world, att):
            continue
        att_id = att["TransitRouterAttachmentId"]
        for assoc in links_of_attachment(world, ASSOCIATION, att_id):
            if assoc["Status"] != "Active":
                continue
            table = world.get(TABLE, assoc["TransitRouterRouteTableId"])
            for route in routes_of(world, table):
                dest = route["TransitRouterRouteEntryDestinationCidrBlock"]
                hop = route["TransitRouterRouteEntryNextHopId"]
                if route["TransitRouterRouteEntryStatus"] != "Active" or not hop or hop == att_id or dest in own:
                    continue
                own.add(dest)
                out.append(
                    {
                        "RouteEntryId": _route_id(vpc_table["RouteTableId"], dest, att_id),
                        "RouteTableId": vpc_table["RouteTableId"],
                        "DestinationCidrBlock": dest,
                        "Type": "CEN",
                        "Status": "Available",
                        "RouteEntryName": "",
                        "Description": "",
                        "NextHopType": "Attachment",
                        "InstanceId": att_id,
                        "NextHops": [{"NextHopType": "Attachment", "NextHopId": att_id, "Weight": None, "Enabled": 1}],
                        "IpVersion": "ipv4",
                        "GmtModified": route["CreateTime"],
                        "_region": vpc_table["_region"],
                    }
                )
    return out


def routes_of(world, table):
    """Static and learned routes of a table, every state."""
    static = [
        dict(public(e), OperationalMode=True) for e in entries_of_table(world, table["TransitRouterRouteTableId"])
    ]
    return static + learned_routes(world, table)


def derived_routes(world):
    """The routes that are derived, never stored, for the admin state: per transit-router route
    table its learned routes, per VPC route table the routes transit routers publish into it
    (only tables that have some)."""
    tables = world.tables  # read only: world.table() would add the kinds a world lacks
    learned = ((table_id, learned_routes(world, table)) for table_id, table in tables.get(TABLE, {}).items())
    published = ((table_id, published_routes(world, table)) for table_id, table in tables.get("route_table", {}).items())
    return {
        "tr_route_table": {table_id: routes for table_id, routes in learned if routes},
        "route_table": {table_id: routes for table_id, routes in published if routes},
    }


# ---------------------------------------------------------------------------- static routes
def _destination(text):
    try:
        return ipaddress.ip_network(text, strict=True)
    except (TypeError, ValueError):
        raise ApiError(
            "IllegalParam.TransitRouterDestinationCidrBlock", "The destination %r is not a CIDR block." % text, 400
        )


@action("cbn", "CreateTransitRouterRouteEntry", write=True)
def create_transit_router_route_entry(ctx, p):
    world = ctx.world
    dest = _destination(p["TransitRouterRouteEntryDestinationCidrBlock"])
    hop_type, hop_id = p["TransitRouterRouteEntryNextHopType"], p.get("TransitRouterRouteEntryNextHopId")
    if hop_type not in HOP_TYPES:
        raise ApiError("IllegalParam.NextHopType", "The next hop type must be BlackHole or Attachment.", 400)
    if hop_type == "BlackHole" and hop_id:
        raise ApiError(
            "ParamExclusive.NextHopTypeBlackHoleAndNextHopId", "A BlackHole route takes no next hop id.", 400
        )
    if hop_type == "Attachment" and not hop_id:
        raise ApiError(
            "MissingParam.TransitRouterRouteEntryNextHopId", "An Attachment route needs its next hop id.", 400
        )
    check_text(p.get("TransitRouterRouteEntryName"), "TransitRouterRouteEntryName", 128, code="InvalidName")
    check_text(
        p.get("TransitRouterRouteEntryDescription"),
        "TransitRouterRouteEntryDescription",
        256,
        code="InvalidDescription",
    )
    table = own_table(ctx, p["TransitRouterRouteTableId"])
    tr_id = table["TransitRouterId"]
    if hop_id:
        att = world.get(ATTACHMENT, hop_id)
        if (
            att is None
            or att["_account"] != ctx.account
            or tr_id not in (att["TransitRouterId"], att.get("PeerTransitRouterId"))
        ):
            raise ApiError(
                "InvalidTransitRouterRouteEntryNextHopId.NotFound",
                "The attachment %s is not one of transit router %s." % (hop_id, tr_id),
                400,
            )
        if dest.version == 6 and att["ResourceType"] == "VPC":
            raise ApiError(
                "OperationFailed.CreateTransitRouterRouteEntryWithVPCAttachment",
                "IPv6 is not enabled for the VPC attachment %s." % hop_id,
                400,
            )
    for entry in entries_of_table(world, table["TransitRouterRouteTableId"]):
        if ipaddress.ip_network(entry["TransitRouterRouteEntryDestinationCidrBlock"]) != dest:
            continue
        same = (entry["TransitRouterRouteEntryNextHopType"], entry["TransitRouterRouteEntryNextHopId"]) == (
            hop_type,
            hop_id or "",
        )
        raise ApiError(
            (
                "InstanceExist.TransitRouterRouteEntry"
                if same
                else "OperationFailed.CreateRouteEntryWithSameDestinationCidrBlock"
            ),
            "The route table already has a static route to %s." % dest,
            400,
        )
    require_idle(world, own_router(ctx, tr_id))
    dry_run(p)
    hop_resource = _hop_resource(world, hop_id, tr_id)
    entry_id = world.new_id("rte", 20)
    entry = world.put(
        ENTRY,
        entry_id,
        {
            "TransitRouterRouteEntryId": entry_id,
            "TransitRouterRouteTableId": table["TransitRouterRouteTableId"],
            "TransitRouterId": tr_id,
            "TransitRouterRouteEntryDestinationCidrBlock": str(dest),
            "TransitRouterRouteEntryType": "Static",
            "TransitRouterRouteEntryNextHopType": hop_type,
            "TransitRouterRouteEntryNextHopId": hop_id or "",
            "TransitRouterRouteEntryNextHopResourceId": hop_resource[0],
            "TransitRouterRouteEntryNextHopResourceType": hop_resource[1],
            "TransitRouterRouteEntryName": p.get("TransitRouterRouteEntryName", ""),
            "TransitRouterRouteEntryDescription": p.get("TransitRouterRouteEntryDescription", ""),
            "CreateTime": iso_time(world),
        },
        ctx.account,
        table["RegionId"],
    )
    transition(world, ENTRY, entry_id, entry, "Creating", "Active")
    return {"TransitRouterRouteEntryId": entry_id}


def _hop_resource(world, hop_id, tr_id):
    """``(resource id, type)`` behind a next-hop attachment as seen from router ``tr_id``."""
    att = world.get(ATTACHMENT, hop_id) if hop_id else None
    if att is None:
        return "", ""
    if att["ResourceType"] == "VPC":
        return att["VpcId"], "VPC"
    return (att["PeerTransitRouterId"] if att["TransitRouterId"] == tr_id else att["TransitRouterId"]), "TR"


def _entry_not_found(what):
    return ApiError("IllegalParam.TransitRouterRouteEntryId", "The static route %s does not exist." % what, 400)


def _named_entry(ctx, p):
    """The caller's static route named by id, or by table + destination + next hop."""
    by_table = [p.get(k) for k in ("TransitRouterRouteTableId", "TransitRouterRouteEntryDestinationCidrBlock")]
    if p.get("TransitRouterRouteEntryId"):
        if any(by_table):
            raise ApiError(
                "ParamExclusive.RouteEntryIdAndRouteTableIdOrDestCidrBlock",
                "Name the route by TransitRouterRouteEntryId, or by route table and destination, not both.",
                400,
            )
        entry = ctx.world.get(ENTRY, p["TransitRouterRouteEntryId"])
        if entry is None or entry["_account"] != ctx.account:
            raise _entry_not_found(p["TransitRouterRouteEntryId"])
        return entry
    if not by_table[0]:
        raise missing("TransitRouterRouteEntryId")
    if not by_table[1]:
        raise missing("TransitRouterRouteEntryDestinationCidrBlock")
    if not p.get("TransitRouterRouteEntryNextHopType"):
        raise missing("TransitRouterRouteEntryNextHopType")
    table = own_table(ctx, p["TransitRouterRouteTableId"])
    dest = _destination(by_table[1])
    for entry in entries_of_table(ctx.world, table["TransitRouterRouteTableId"]):
        if (
            ipaddress.ip_network(entry["TransitRouterRouteEntryDestinationCidrBlock"]) == dest
            and entry["TransitRouterRouteEntryNextHopType"] == p["TransitRouterRouteEntryNextHopType"]
            and entry["TransitRouterRouteEntryNextHopId"] == (p.get("TransitRouterRouteEntryNextHopId") or "")
        ):
            return entry
    raise _entry_not_found("to %s in %s" % (dest, table["TransitRouterRouteTableId"]))


@action("cbn", "DeleteTransitRouterRouteEntry", write=True)
def delete_transit_router_route_entry(ctx, p):
    entry = _named_entry(ctx, p)
    require_idle(ctx.world, own_router(ctx, entry["TransitRouterId"]))
    dry_run(p)
    transition(ctx.world, ENTRY, entry["TransitRouterRouteEntryId"], entry, "Deleting", delete=True)
    return {}


@action("cbn", "UpdateTransitRouterRouteEntry", write=True)
def update_transit_router_route_entry(ctx, p):
    check_text(p.get("TransitRouterRouteEntryName"), "TransitRouterRouteEntryName", 128, code="InvalidName")
    check_text(
        p.get("TransitRouterRouteEntryDescription"),
        "TransitRouterRouteEntryDescription",
        256,
        code="InvalidDescription",
    )
    entry = _named_entry(ctx, {"TransitRouterRouteEntryId": p["TransitRouterRouteEntryId"]})
    require_idle(ctx.world, own_router(ctx, entry["TransitRouterId"]))
    dry_run(p)
    for field in ("TransitRouterRouteEntryName", "TransitRouterRouteEntryDescription"):
        if field in p:
            entry[field] = p[field]
    return {}


def _route_filter(filters):
    """RouteFilter as ``[(key, [networks])]``."""
    out = []
    for index, flt in enumerate(filters or [], 1):
        if flt.get("Key") not in ROUTE_FILTERS:
            raise ApiError(
                "InvalidParameter",
                "RouteFilter.%d.Key must be one of %s, not %r." % (index, ", ".join(ROUTE_FILTERS), flt.get("Key")),
                400,
            )
        out.append((flt["Key"], [_destination(v) for v in flt.get("Value") or []]))
    return out


def _filter_match(net, key, values):
    if key == "PrefixExactMatchCidrs":
        return net in values
    if key == "SubnetOfMatchCidrs":
        return any(net.version == v.version and net.subnet_of(v) for v in values)
    return any(net.version == v.version and net.supernet_of(v) for v in values)


@action("cbn", "ListTransitRouterRouteEntries")
def list_transit_router_route_entries(ctx, p):
    world = ctx.world
    table = own_table(ctx, p["TransitRouterRouteTableId"])
    status = p.get("TransitRouterRouteEntryStatus") or "Active"
    filters = _route_filter(p.get("RouteFilter"))
    exact = {
        "TransitRouterRouteEntryDestinationCidrBlock": p.get("TransitRouterRouteEntryDestinationCidrBlock"),
        "TransitRouterRouteEntryType": p.get("TransitRouterRouteEntryType"),
        "TransitRouterRouteEntryNextHopType": p.get("TransitRouterRouteEntryNextHopType"),
        "TransitRouterRouteEntryNextHopId": p.get("TransitRouterRouteEntryNextHopId"),
        "TransitRouterRouteEntryNextHopResourceId": p.get("TransitRouterRouteEntryNextHopResourceId"),
        "TransitRouterRouteEntryNextHopResourceType": p.get("TransitRouterRouteEntryNextHopResourceType"),
        "TransitRouterRouteEntryOriginResourceId": p.get("TransitRouterRouteEntryOriginResourceId"),
        "TransitRouterRouteEntryOriginResourceType": p.get("TransitRouterRouteEntryOriginResourceType"),
    }
    found = []
    for route in routes_of(world, table):
        if status != "All" and route["TransitRouterRouteEntryStatus"] != status:
            continue
        if any(value and route.get(key) != value for key, value in exact.items()):
            continue
        if (
            p.get("TransitRouterRouteEntryIds")
            and route["TransitRouterRouteEntryId"] not in p["TransitRouterRouteEntryIds"]
        ):
            continue
        if (
            p.get("TransitRouterRouteEntryNames")
            and route["TransitRouterRouteEntryName"] not in p["TransitRouterRouteEntryNames"]
        ):
            continue
        net = ipaddress.ip_network(route["TransitRouterRouteEntryDestinationCidrBlock"])
        if not all(_filter_match(net, key, values) for key, values in filters):
            continue
        found.append(route)
    found.sort(
        key=lambda r: (
            ipaddress.ip_network(r["TransitRouterRouteEntryDestinationCidrBlock"]).version,
            ipaddress.ip_network(r["TransitRouterRouteEntryDestinationCidrBlock"]),
            r["TransitRouterRouteEntryId"],
        )
    )
    return token_list(found, p, "TransitRouterRouteEntries", dict)

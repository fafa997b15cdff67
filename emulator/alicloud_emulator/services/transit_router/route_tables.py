"""Transit-router route tables (CBN 2017-09-12) and what ties attachments to them.

* Tables: CreateTransitRouterRouteTable, UpdateTransitRouterRouteTable,
  DeleteTransitRouterRouteTable, ListTransitRouterRouteTables. ``Creating -> Active``,
  ``Modifying -> Active``, ``Deleting -> gone``. The System table comes with its router and
  cannot be deleted; a custom table is refused deletion while associations, propagations or
  static routes remain.
* Associated forwarding: AssociateTransitRouterAttachmentWithRouteTable,
  DissociateTransitRouterAttachmentFromRouteTable, ReplaceTransitRouterRouteTableAssociation,
  ListTransitRouterRouteTableAssociations. ``Associating -> Active``, ``Dissociating -> gone``.
  An attachment is associated with one table of a router (an inter-region attachment with one
  table on each of its two routers).
* Route learning: EnableTransitRouterRouteTablePropagation,
  DisableTransitRouterRouteTablePropagation, ListTransitRouterRouteTablePropagations.
  ``Enabling -> Active``, ``Disabling -> gone``; an attachment may propagate into several tables.
"""

from alicloud_emulator.errors import ApiError, invalid
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import check_tags, check_text, iso_time, owned, public
from alicloud_emulator.services.cbn.shared import TAGS, stamp
from alicloud_emulator.services.transit_router.shared import (
    ASSOCIATION,
    ATTACHMENT,
    PROPAGATION,
    TABLE,
    dry_run,
    entries_of_table,
    link_key,
    links_of_attachment,
    links_of_table,
    matching,
    own_router,
    own_table,
    require_idle,
    tags_of,
    token_list,
    transition,
)

MULTI_REGION_ECMP = ("disable", "enable")


def table_view(table):
    view = public(table)
    view["Tags"] = tags_of(table)
    return view


def _ecmp(options):
    value = (options or {}).get("MultiRegionECMP")
    if value is not None and value not in MULTI_REGION_ECMP:
        raise invalid("RouteTableOptions.MultiRegionECMP", "must be disable or enable")
    return value


@action("cbn", "CreateTransitRouterRouteTable", write=True)
def create_transit_router_route_table(ctx, p):
    world = ctx.world
    check_text(p.get("TransitRouterRouteTableName"), "TransitRouterRouteTableName", 128)
    check_text(p.get("TransitRouterRouteTableDescription"), "TransitRouterRouteTableDescription", 256)
    ecmp = _ecmp(p.get("RouteTableOptions"))
    tags = check_tags(p.get("Tag"), TAGS)
    tr = own_router(ctx, p["TransitRouterId"])
    require_idle(world, tr)
    dry_run(p)
    table_id = world.new_id("vtb", 20)
    table = world.put(
        TABLE,
        table_id,
        {
            "TransitRouterRouteTableId": table_id,
            "TransitRouterRouteTableName": p.get("TransitRouterRouteTableName", ""),
            "TransitRouterRouteTableDescription": p.get("TransitRouterRouteTableDescription", ""),
            "TransitRouterRouteTableType": "Custom",
            "TransitRouterId": tr["TransitRouterId"],
            "RegionId": tr["RegionId"],
            "RouteTableOptions": {"MultiRegionECMP": ecmp or "disable"},
            "CreateTime": iso_time(world),
            "_tags": tags,
            "_order": stamp(world),
        },
        ctx.account,
        tr["RegionId"],
    )
    transition(world, TABLE, table_id, table, "Creating", "Active")
    return {"TransitRouterRouteTableId": table_id}


def _writable_table(ctx, table_id):
    table = own_table(ctx, table_id)
    require_idle(ctx.world, own_router(ctx, table["TransitRouterId"]))
    return table


@action("cbn", "UpdateTransitRouterRouteTable", write=True)
def update_transit_router_route_table(ctx, p):
    check_text(p.get("TransitRouterRouteTableName"), "TransitRouterRouteTableName", 128)
    check_text(p.get("TransitRouterRouteTableDescription"), "TransitRouterRouteTableDescription", 256)
    ecmp = _ecmp(p.get("RouteTableOptions"))
    table = _writable_table(ctx, p["TransitRouterRouteTableId"])
    dry_run(p)
    for field in ("TransitRouterRouteTableName", "TransitRouterRouteTableDescription"):
        if field in p:
            table[field] = p[field]
    if ecmp:
        table["RouteTableOptions"] = {"MultiRegionECMP": ecmp}
    transition(ctx.world, TABLE, table["TransitRouterRouteTableId"], table, "Modifying", "Active")
    return {}


@action("cbn", "DeleteTransitRouterRouteTable", write=True)
def delete_transit_router_route_table(ctx, p):
    world = ctx.world
    table = _writable_table(ctx, p["TransitRouterRouteTableId"])
    table_id = table["TransitRouterRouteTableId"]
    if table["TransitRouterRouteTableType"] == "System":
        raise ApiError(
            "IllegalParam.TransitRouterRouteTableId", "The System route table %s cannot be deleted." % table_id, 400
        )
    if links_of_table(world, ASSOCIATION, table_id):
        raise ApiError(
            "OperationFailed.RouteTableAssociationExist", "Attachments are still associated with %s." % table_id, 400
        )
    if links_of_table(world, PROPAGATION, table_id):
        raise ApiError(
            "OperationFailed.RouteTablePropagationExist", "Attachments still propagate into %s." % table_id, 400
        )
    if entries_of_table(world, table_id):
        raise ApiError(
            "OperationFailed.RouteEntryExist", "The route table %s still has static route entries." % table_id, 400
        )
    dry_run(p)
    transition(world, TABLE, table_id, table, "Deleting", delete=True)
    return {}


@action("cbn", "ListTransitRouterRouteTables")
def list_transit_router_route_tables(ctx, p):
    for key in ("TransitRouterRouteTableIds", "TransitRouterRouteTableNames"):
        if len(p.get(key) or []) > 20:
            raise invalid(key, "holds at most 20 values")
    ecmp = _ecmp(p.get("RouteTableOptions"))
    def keep(table):
        return (
            not (p.get("TransitRouterRouteTableIds")
                 and table["TransitRouterRouteTableId"] not in p["TransitRouterRouteTableIds"])
            and not (p.get("TransitRouterRouteTableNames")
                     and table["TransitRouterRouteTableName"] not in p["TransitRouterRouteTableNames"])
            and not (ecmp and table["RouteTableOptions"]["MultiRegionECMP"] != ecmp)
        )

    keys = ("TransitRouterId", "TransitRouterRouteTableType", "TransitRouterRouteTableStatus")
    found = matching(ctx, TABLE, p, keys, keep)
    return token_list(found, p, "TransitRouterRouteTables", table_view)


# ---------------------------------------------------------------------------- associations, propagations
def _link_target(ctx, p):
    """``(attachment, table)`` of an Associate/Dissociate/Enable/Disable call, the router idle."""
    table = owned(
        ctx,
        TABLE,
        p["TransitRouterRouteTableId"],
        error=ApiError(
            "InvalidRouteTableId.NotFound", "The route table %s does not exist." % p["TransitRouterRouteTableId"], 404
        ),
    )
    att = owned(
        ctx,
        ATTACHMENT,
        p["TransitRouterAttachmentId"],
        error=ApiError(
            "InvalidAttachmentId.NotFound", "The attachment %s does not exist." % p["TransitRouterAttachmentId"], 404
        ),
    )
    tr_id = table["TransitRouterId"]
    if tr_id not in (att["TransitRouterId"], att.get("PeerTransitRouterId")):
        raise ApiError(
            "IllegalParam.TransitRouterTableId",
            "The route table %s and the attachment %s belong to different transit routers."
            % (table["TransitRouterRouteTableId"], att["TransitRouterAttachmentId"]),
            400,
        )
    require_idle(ctx.world, own_router(ctx, tr_id))
    return att, table


def _association_on(world, att, tr_id):
    """The attachment's association on router ``tr_id``, or None."""
    for link in links_of_attachment(world, ASSOCIATION, att["TransitRouterAttachmentId"]):
        if world.get(TABLE, link["TransitRouterRouteTableId"])["TransitRouterId"] == tr_id:
            return link
    return None


def _new_link(ctx, kind, att, table, busy, settled):
    key = link_key(att["TransitRouterAttachmentId"], table["TransitRouterRouteTableId"])
    link = ctx.world.put(
        kind,
        key,
        {
            "TransitRouterAttachmentId": att["TransitRouterAttachmentId"],
            "TransitRouterRouteTableId": table["TransitRouterRouteTableId"],
            "TransitRouterId": table["TransitRouterId"],
            "_order": stamp(ctx.world),
        },
        ctx.account,
        table["RegionId"],
    )
    transition(ctx.world, kind, key, link, busy, settled)


@action("cbn", "AssociateTransitRouterAttachmentWithRouteTable", write=True)
def associate_transit_router_attachment_with_route_table(ctx, p):
    att, table = _link_target(ctx, p)
    if _association_on(ctx.world, att, table["TransitRouterId"]) is not None:
        raise ApiError(
            "OperationFailed.RouteTableAssociationExist",
            "The attachment %s is already associated with a route table of this transit router; "
            "use ReplaceTransitRouterRouteTableAssociation." % att["TransitRouterAttachmentId"],
            400,
        )
    dry_run(p)
    _new_link(ctx, ASSOCIATION, att, table, "Associating", "Active")
    return {}


@action("cbn", "ReplaceTransitRouterRouteTableAssociation", write=True)
def replace_transit_router_route_table_association(ctx, p):
    world = ctx.world
    att, table = _link_target(ctx, p)
    current = _association_on(world, att, table["TransitRouterId"])
    if current is None:
        raise ApiError(
            "InvalidParameter",
            "The attachment %s is not associated with any route table." % att["TransitRouterAttachmentId"],
            400,
        )
    if current["TransitRouterRouteTableId"] == table["TransitRouterRouteTableId"]:
        raise ApiError(
            "OperationFailed.RouteTableAssociationExist",
            "The attachment %s is already associated with %s."
            % (att["TransitRouterAttachmentId"], table["TransitRouterRouteTableId"]),
            400,
        )
    dry_run(p)
    world.delete(ASSOCIATION, link_key(att["TransitRouterAttachmentId"], current["TransitRouterRouteTableId"]))
    _new_link(ctx, ASSOCIATION, att, table, "Associating", "Active")
    return {}


def _remove_link(ctx, p, kind, what, status):
    """Take away the attachment's link of ``kind`` (``what`` in errors) with the table, through ``status``."""
    att, table = _link_target(ctx, p)
    key = link_key(att["TransitRouterAttachmentId"], table["TransitRouterRouteTableId"])
    link = ctx.world.get(kind, key)
    if link is None:
        raise ApiError(
            "InvalidParameter",
            "The attachment %s has no %s with route table %s."
            % (att["TransitRouterAttachmentId"], what, table["TransitRouterRouteTableId"]),
            400,
        )
    dry_run(p)
    transition(ctx.world, kind, key, link, status, delete=True)
    return {}


@action("cbn", "DissociateTransitRouterAttachmentFromRouteTable", write=True)
def dissociate_transit_router_attachment_from_route_table(ctx, p):
    return _remove_link(ctx, p, ASSOCIATION, "association", "Dissociating")


@action("cbn", "EnableTransitRouterRouteTablePropagation", write=True)
def enable_transit_router_route_table_propagation(ctx, p):
    att, table = _link_target(ctx, p)
    key = link_key(att["TransitRouterAttachmentId"], table["TransitRouterRouteTableId"])
    if ctx.world.get(PROPAGATION, key) is not None:
        raise ApiError(
            "OperationFailed.RouteTablePropagationExist",
            "The attachment %s already propagates into %s."
            % (att["TransitRouterAttachmentId"], table["TransitRouterRouteTableId"]),
            400,
        )
    dry_run(p)
    _new_link(ctx, PROPAGATION, att, table, "Enabling", "Active")
    return {}


@action("cbn", "DisableTransitRouterRouteTablePropagation", write=True)
def disable_transit_router_route_table_propagation(ctx, p):
    return _remove_link(ctx, p, PROPAGATION, "propagation", "Disabling")


def _link_view(world, link):
    att = world.get(ATTACHMENT, link["TransitRouterAttachmentId"])
    view = {k: link[k] for k in ("TransitRouterAttachmentId", "TransitRouterRouteTableId", "Status")}
    if att["ResourceType"] == "VPC":
        view["ResourceType"], view["ResourceId"] = "VPC", att["VpcId"]
    else:
        # An inter-region attachment leads to the router on its other end.
        other = (
            att["PeerTransitRouterId"] if link["TransitRouterId"] == att["TransitRouterId"] else att["TransitRouterId"]
        )
        view["ResourceType"], view["ResourceId"] = "TR", other
    return view


def _links(ctx, kind, p, member):
    world = ctx.world
    found = []
    for link in world.records(kind, account=ctx.account):
        view = _link_view(world, link)
        if p.get("TransitRouterRouteTableId") and link["TransitRouterRouteTableId"] != p["TransitRouterRouteTableId"]:
            continue
        if p.get("TransitRouterAttachmentId") and link["TransitRouterAttachmentId"] != p["TransitRouterAttachmentId"]:
            continue
        if p.get("TransitRouterAttachmentResourceId") and view["ResourceId"] != p["TransitRouterAttachmentResourceId"]:
            continue
        if (
            p.get("TransitRouterAttachmentResourceType")
            and view["ResourceType"] != p["TransitRouterAttachmentResourceType"]
        ):
            continue
        if p.get("Status") and link["Status"] != p["Status"]:
            continue
        found.append(link)
    found.sort(key=lambda link: link["_order"])
    return token_list(found, p, member, lambda link: _link_view(world, link), default=50)


@action("cbn", "ListTransitRouterRouteTableAssociations")
def list_transit_router_route_table_associations(ctx, p):
    return _links(ctx, ASSOCIATION, p, "TransitRouterAssociations")


@action("cbn", "ListTransitRouterRouteTablePropagations")
def list_transit_router_route_table_propagations(ctx, p):
    own_table(ctx, p["TransitRouterRouteTableId"])
    return _links(ctx, PROPAGATION, p, "TransitRouterPropagations")

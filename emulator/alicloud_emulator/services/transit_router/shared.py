"""What the transit-router kinds share: the service gate, look-ups, the one-operation-at-a-time
rule, the state transitions and the listing helpers.
"""

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError, busy
from alicloud_emulator.services.common import dry_run_passed, owned, tag_list, tags_match, token_page
from alicloud_emulator.services.vpc.shared import entries_pointing_to

# world tables of the transit-router family
ROUTER = "transit_router"
ATTACHMENT = "tr_attachment"  # VPC (ResourceType VPC) and inter-region (ResourceType TR) attachments
TABLE = "tr_route_table"
ASSOCIATION = "tr_association"  # key attachment|table
PROPAGATION = "tr_propagation"  # key attachment|table
ENTRY = "tr_route_entry"  # static entries; propagated ones are derived (route_entries.learned_routes)


# ---------------------------------------------------------------------------- the service gate
def service_open(world, uid):
    """Whether account ``uid`` has opened the transit-router service (seeded accounts have, unless
    the seed says ``transit_router_service: false``)."""
    account = world.accounts.get(str(uid))
    return bool(account) and account.get("transit_router_service", True) is not False


def require_service(ctx, owner=None):
    """Refuse a create by an account that has not opened the service; ``owner`` is the network
    instance's owner, who must have opened it too."""
    if not service_open(ctx.world, ctx.account):
        raise ApiError(
            "Forbbiden.TransitRouterServiceNotOpen",
            "The transit router service is not activated for account %s; call OpenTransitRouterService." % ctx.account,
            400,
        )
    if owner is not None and not service_open(ctx.world, owner):
        raise ApiError(
            "Forbidden.ResourceOwnerTransitRouterServiceNotOpen",
            "The transit router service is not activated for the resource owner %s." % owner,
            400,
        )


def available_zones(world, region):
    """The zones of ``region`` where transit routers are available: geography's, unless the seed
    says otherwise (``regions: [{id, transit_router_zones}]``)."""
    zones = world.transit_router_zones.get(region)
    return list(zones) if zones is not None else geography.transit_router_zones(region)


# ---------------------------------------------------------------------------- errors
def check_region(region):
    if not geography.is_known_region(region):
        raise ApiError("IllegalParam.RegionId", "The region %s is not a region transit routers serve." % region, 400)


def router_not_found(tr_id, code="InvalidTransitRouterId.NotFound"):
    return ApiError(code, "The specified transit router %s does not exist." % tr_id, 400)


def attachment_not_found(attachment_id):
    return ApiError(
        "InvalidTransitRouterAttachmentId.NotFound",
        "The specified transit router attachment %s does not exist." % attachment_id,
        400,
    )


def table_not_found(table_id):
    return ApiError(
        "InvalidTransitRouterRouteTableId.NotFound",
        "The specified transit router route table %s does not exist." % table_id,
        400,
    )


def cen_not_found(cen_id):
    return ApiError("InvalidCenId.NotFound", "The specified CEN instance %s does not exist." % cen_id, 400)


# ---------------------------------------------------------------------------- look-ups
def own_router(ctx, tr_id, code="InvalidTransitRouterId.NotFound"):
    return owned(ctx, ROUTER, tr_id, error=router_not_found(tr_id, code))


def own_attachment(ctx, attachment_id, resource_type=None):
    """The caller's attachment (of ``resource_type`` VPC or TR when given)."""
    att = owned(ctx, ATTACHMENT, attachment_id, error=attachment_not_found(attachment_id))
    if resource_type and att["ResourceType"] != resource_type:
        raise attachment_not_found(attachment_id)
    return att


def own_table(ctx, table_id):
    return owned(ctx, TABLE, table_id, error=table_not_found(table_id))


def own_active_cen(ctx, cen_id):
    """The caller's CEN ``cen_id`` that takes writes (not Creating or Deleting)."""
    cen = owned(ctx, "cen", cen_id, error=cen_not_found(cen_id))
    if cen["Status"] in ("Creating", "Deleting"):
        raise ApiError("IncorrectStatus.CenInstance", "The CEN instance %s is %s." % (cen_id, cen["Status"]), 400)
    return cen


def named_router(ctx, p):
    """``(router or None, cen, region)`` of an attachment create: the router named by
    TransitRouterId, or the one of CenId in RegionId (None when that region has none yet)."""
    world = ctx.world
    if p.get("TransitRouterId"):
        tr = own_router(ctx, p["TransitRouterId"])
        if p.get("RegionId") and p["RegionId"] != tr["RegionId"]:
            raise ApiError(
                "IllegalParam.TransitRouterRegionId",
                "The transit router %s is not in %s." % (tr["TransitRouterId"], p["RegionId"]),
                400,
            )
        return tr, own_active_cen(ctx, tr["CenId"]), tr["RegionId"]
    if not p.get("CenId") or not p.get("RegionId"):
        raise ApiError("MissingParam.CenIdOrRegionId", "Give TransitRouterId, or CenId and RegionId.", 400)
    check_region(p["RegionId"])
    cen = own_active_cen(ctx, p["CenId"])
    for tr in routers_of_cen(world, cen["CenId"]):
        if tr["RegionId"] == p["RegionId"]:
            return tr, cen, tr["RegionId"]
    return None, cen, p["RegionId"]


def routers_of_cen(world, cen_id):
    return [tr for tr in world.table(ROUTER).values() if tr["CenId"] == cen_id]


def attachments_of(world, tr_id):
    """Attachments on transit router ``tr_id``: its own, and inter-region ones whose peer it is."""
    return [
        a
        for a in world.table(ATTACHMENT).values()
        if a["TransitRouterId"] == tr_id or a.get("PeerTransitRouterId") == tr_id
    ]


def tables_of(world, tr_id):
    return [t for t in world.table(TABLE).values() if t["TransitRouterId"] == tr_id]


def links_of_table(world, kind, table_id):
    """Associations or propagations (``kind``) of a route table."""
    return [rec for rec in world.table(kind).values() if rec["TransitRouterRouteTableId"] == table_id]


def links_of_attachment(world, kind, attachment_id):
    return [rec for rec in world.table(kind).values() if rec["TransitRouterAttachmentId"] == attachment_id]


def entries_of_table(world, table_id):
    return [e for e in world.table(ENTRY).values() if e["TransitRouterRouteTableId"] == table_id]


def entries_to(world, attachment_id):
    """Static entries (any table) whose next hop is attachment ``attachment_id``."""
    return [e for e in world.table(ENTRY).values() if e.get("TransitRouterRouteEntryNextHopId") == attachment_id]


def refuse_referenced(world, att, force):
    """Refuse deleting an attachment that routes or route tables still use (Force removes the
    associations and propagations, nothing else)."""
    att_id = att["TransitRouterAttachmentId"]
    if entries_pointing_to(world, "Attachment", att_id):
        raise ApiError(
            "OperationFailed.AttachmentReferencedVpcRouteEntryExisted",
            "VPC route entries still point at attachment %s." % att_id,
            400,
        )
    if entries_to(world, att_id):
        raise ApiError(
            "OperationFailed.RouteEntryExist",
            "Transit router route entries still point at attachment %s." % att_id,
            400,
        )
    if force:
        return
    if links_of_attachment(world, ASSOCIATION, att_id):
        raise ApiError(
            "OperationFailed.RouteTableAssociationExist",
            "The attachment %s is still associated with a route table." % att_id,
            400,
        )
    if links_of_attachment(world, PROPAGATION, att_id):
        raise ApiError(
            "OperationFailed.RouteTablePropagationExist",
            "The attachment %s still propagates into a route table." % att_id,
            400,
        )


def detach(world, att):
    """Remove the attachment's associations and propagations, and start its Detaching."""
    for kind in (ASSOCIATION, PROPAGATION):
        for link in links_of_attachment(world, kind, att["TransitRouterAttachmentId"]):
            world.delete(kind, link_key(link["TransitRouterAttachmentId"], link["TransitRouterRouteTableId"]))
    transition(world, ATTACHMENT, att["TransitRouterAttachmentId"], att, "Detaching", delete=True)


# ---------------------------------------------------------------------------- one operation at a time
def _busy_records(world, tr_id):
    yield ROUTER, tr_id
    for att in attachments_of(world, tr_id):
        yield ATTACHMENT, att["TransitRouterAttachmentId"]
    for table in tables_of(world, tr_id):
        yield TABLE, table["TransitRouterRouteTableId"]
        for kind in (ASSOCIATION, PROPAGATION):
            for link in links_of_table(world, kind, table["TransitRouterRouteTableId"]):
                yield kind, link_key(link["TransitRouterAttachmentId"], link["TransitRouterRouteTableId"])
        for entry in entries_of_table(world, table["TransitRouterRouteTableId"]):
            yield ENTRY, entry["TransitRouterRouteEntryId"]


def require_idle(world, tr):
    """Refuse a write on transit router ``tr`` while it is not Active
    (IncorrectStatus.TransitRouterInstance) or while anything of it is in transition
    (Operation.Blocking): one operation at a time per transit router."""
    if tr["Status"] in ("Creating", "Deleting"):
        raise ApiError(
            "IncorrectStatus.TransitRouterInstance",
            "The transit router %s is %s; only queries are allowed in this state."
            % (tr["TransitRouterId"], tr["Status"]),
            400,
        )
    if any(world.is_pending(kind, rid) for kind, rid in _busy_records(world, tr["TransitRouterId"])):
        raise busy(what="transit router %s" % tr["TransitRouterId"])


def link_key(attachment_id, table_id):
    return "%s|%s" % (attachment_id, table_id)


def transition(world, kind, rid, record, status, settled=None, delete=False):
    """Put ``record`` in its transitional ``status``; after the world's transition time it becomes
    ``settled`` (or, with ``delete``, disappears)."""
    field = {TABLE: "TransitRouterRouteTableStatus", ENTRY: "TransitRouterRouteEntryStatus"}.get(kind, "Status")
    record[field] = status
    if delete:
        world.schedule(kind, rid, delete=True)
    else:
        world.schedule(kind, rid, set_fields={field: settled})


def dry_run(p):
    """The last check of every write: a DryRun that got this far passed (nothing is written)."""
    if p.get("DryRun"):
        raise dry_run_passed()


# ---------------------------------------------------------------------------- listings
def matching(ctx, kind, p, keys, keep=lambda record: True):
    """The caller's records of ``kind`` that ``keep`` keeps, whose value of each of ``keys`` is the one ``p``
    gives (when it gives one) and whose tags match ``p``'s Tag, in creation order (a List action's filter)."""
    found = [
        record
        for record in ctx.world.records(kind, account=ctx.account)
        if keep(record)
        and not any(p.get(key) and record[key] != p[key] for key in keys)
        and tags_match(record.get("_tags"), p.get("Tag"))
    ]
    return sorted(found, key=lambda record: record["_order"])


def token_list(items, p, member, view, default=20, maximum=100):
    """A MaxResults/NextToken answer as the transit-router lists give it: a plain array."""
    page = token_page(items, p, default, maximum)
    return {
        member: [view(item) for item in page.items],
        "MaxResults": page.size,
        "NextToken": page.next_token,
        "TotalCount": len(items),
    }


def tags_of(record):
    return tag_list(record.get("_tags"))

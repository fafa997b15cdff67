"""What the VPC service's resource kinds read of each other, and the service's own rules.

The kinds live one per module (vpcs, vswitches, vbrs, route_tables, route_entries,
router_interfaces, grants, tags, regions); what two or more of them need -- the
region and resource-group checks, the VPC's busy and not-found answers, the route
entries of a table, the CBN attachments of an instance -- is here, so no kind
imports another's handlers.
"""

import ipaddress

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError, missing
from alicloud_emulator.services.common import MAX_TAGS, TagRules, check_filters, iso_time

# Tag rules of the VPC service (VPC, vSwitch, route table, router interface, VBR; VpcPeer too).
TAGS = TagRules(key_length=128, too_many="NumberExceed.Tags", duplicate="Forbidden.TagKey.Duplicated")
MAX_TAG_RESOURCES = 50

# The range the cloud's own services use: no VPC, vSwitch or route destination may overlap it.
CLOUD_SERVICE_NET = ipaddress.ip_network("100.64.0.0/10")


def check_region(region):
    if not region or not geography.is_known_region(region):
        raise ApiError("InvalidRegionId.NotFound", "The specified RegionId does not exist in our records.", 404)


def check_resource_group(value):
    if value is not None and not value.startswith("rg-"):
        raise ApiError("InvalidResourceGroupId", "The specified ResourceGroupId does not exist.", 400)


def _unknown_filter_key(index, _key):
    return ApiError(
        "InvalidFilterKey.ValueNotSupported", "Specified filter key is not supported: Filter.%d.Key" % index, 404
    )


def filters_of(p, keys):
    """The checked ``Filter.N`` of a request as ``[(key, [values])]``."""
    return [(f["Key"], f.get("Value") or []) for f in check_filters(p.get("Filter"), keys, _unknown_filter_key)]


def cen_attachments_of(world, instance_id):
    """CBN attachment records of a network instance (any CEN, any state): Basic-edition attachments
    and transit-router VPC attachments."""
    basic = [rec for rec in world.table("cen_attachment").values() if rec.get("ChildInstanceId") == instance_id]
    return basic + [rec for rec in world.table("tr_attachment").values() if rec.get("VpcId") == instance_id]


def associated_cens(world, instance_id):
    out = []
    for att in cen_attachments_of(world, instance_id):
        cen = world.get("cen", att.get("CenId"))
        out.append(
            {
                "CenId": att.get("CenId"),
                "CenOwnerId": int(cen["_account"]) if cen else None,
                "CenStatus": att.get("Status"),
            }
        )
    return out


def cen_status(world, instance_id):
    """DescribeVpcs' CenStatus: Attached while an attachment is in place, else Detached."""
    for att in cen_attachments_of(world, instance_id):
        if att.get("Status") in ("Attached", "Modifying", "Detaching"):
            return "Attached"
    return "Detached"


def new_route_entry(world, table, account, region, destination, entry_type, hops, status, name="", description=""):
    entry_id = world.new_id("rte")
    first = hops[0] if len(hops) == 1 else {"NextHopType": "", "NextHopId": ""}
    return world.put(
        "route_entry",
        entry_id,
        {
            "RouteEntryId": entry_id,
            "RouteTableId": table["RouteTableId"],
            "DestinationCidrBlock": destination,
            "Type": entry_type,
            "Status": status,
            "RouteEntryName": name,
            "Description": description,
            "NextHopType": first["NextHopType"],
            "InstanceId": first["NextHopId"],
            "NextHops": hops,
            "IpVersion": "ipv4",
            "GmtModified": iso_time(world),
        },
        account,
        region,
    )


def vswitches_of(world, vpc_id):
    return [rec for rec in world.table("vswitch").values() if rec.get("VpcId") == vpc_id]


# What else holds an address in a vSwitch: other products append ``f(world, vswitch_id)`` returning
# the id of a resource of theirs that uses the vSwitch (a transit router VPC attachment), or None.
VSWITCH_USERS = []


def vswitch_user(world, vswitch_id):
    """The id of a resource of another product that uses the vSwitch, or None."""
    for user_of in VSWITCH_USERS:
        user = user_of(world, vswitch_id)
        if user:
            return user
    return None


def entries_of_table(world, table_id):
    return [rec for rec in world.table("route_entry").values() if rec["RouteTableId"] == table_id]


def entries_pointing_to(world, hop_type, hop_id):
    """Route entries (any account) with a next hop of ``hop_type``/``hop_id``."""
    out = []
    for rec in world.table("route_entry").values():
        if any(h["NextHopType"] == hop_type and h["NextHopId"] == hop_id for h in rec["NextHops"]):
            out.append(rec)
    return out


def table_busy(world, table_id):
    return any(world.is_pending("route_entry", rec["RouteEntryId"]) for rec in entries_of_table(world, table_id))


def table_not_found():
    return ApiError("InvalidRouteTableId.NotFound", "Specified route table does not exist.", 404)


def vpc_not_found(status=404):
    return ApiError("InvalidVpcId.NotFound", "Specified VPC does not exist.", status)


def vpc_busy():
    return ApiError("IncorrectVpcStatus", "Current VPC status does not support this operation.", 400)


def vpc_is_stable(world, vpc):
    return vpc["Status"] == "Available" and not world.is_pending("vpc", vpc["VpcId"])


def tag_resource_ids(p, listing=False):
    """The ``ResourceId.N`` of a tag call (at most 50); a listing needs them or ``Tag.N``."""
    ids = p.get("ResourceId") or []
    if listing and not ids and not p.get("Tag"):
        raise ApiError(
            "BothEmpty.TagsAndResources", "The specified Tags and ResourcesIds are not allow to both empty.", 400
        )
    if len(ids) > MAX_TAG_RESOURCES:
        raise ApiError("NumberExceed.ResourceIds", "The maximum number of resource IDs is exceeded.", 400)
    return ids


def untag_keys(p):
    """The ``TagKey.N`` of an untag call (at most 20), required unless ``All`` is set."""
    keys = p.get("TagKey") or []
    if len(keys) > MAX_TAGS:
        raise ApiError(TAGS.too_many, "The maximum number of tags is exceeded.", 400)
    if not keys and not p.get("All"):
        raise missing("TagKey.1")
    return keys

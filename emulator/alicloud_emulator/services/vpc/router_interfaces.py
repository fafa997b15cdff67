"""Express Connect router interfaces (VPC 2016-04-28): Create, ModifyAttribute, Connect,
Activate, Deactivate, ModifySpec, Delete, DescribeRouterInterfaces, DescribeRouterInterfaceAttribute.

A pair joins two routers (vRouter or VBR): the initiating side names the accepting one
and connects (``Idle -> Connecting -> Active``, the acceptor ``AcceptingConnecting ->
Active``); Deactivate/Activate switch the pair between ``Inactive`` and ``Active``; an
interface is deleted from ``Idle`` or ``Inactive`` (``Deleting -> gone``). At most five
interfaces per router and one connection between two routers; a VPC attached to a CEN
takes none.
"""

import ipaddress
import re

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError, missing
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import (
    check_tags,
    check_text,
    default_resource_group,
    iso_time,
    owned,
    page_body,
    tag_list,
    tags_match,
)
from alicloud_emulator.services.vpc.shared import (
    TAGS,
    cen_attachments_of,
    check_region,
    check_resource_group,
    entries_pointing_to,
    filters_of,
)

# Router interface specifications and their bandwidth (Mbit/s).
SPECS = {
    "Mini.2": 2,
    "Mini.5": 5,
    "Small.1": 10,
    "Small.2": 20,
    "Small.5": 50,
    "Middle.1": 100,
    "Middle.2": 200,
    "Middle.5": 500,
    "Large.1": 1000,
    "Large.2": 2000,
    "Large.5": 5000,
    "Xlarge.1": 10000,
}
NEGATIVE_SPEC = "Negative"
ROLES = ("InitiatingSide", "AcceptingSide")
ROUTER_TYPES = ("VRouter", "VBR")
MAX_INTERFACES_PER_ROUTER = 5

# Router interface states in which the pair is (or is becoming) connected.
CONNECTED_STATES = (
    "Connecting",
    "AcceptingConnecting",
    "Activating",
    "Active",
    "Modifying",
    "Deactivating",
    "Inactive",
)

RI_FILTER_KEYS = (
    "RouterInterfaceId",
    "RouterId",
    "RouterType",
    "RouterInterfaceOwnerId",
    "OppositeInterfaceId",
    "OppositeRouterType",
    "OppositeRouterId",
    "OppositeInterfaceOwnerId",
    "Status",
    "Name",
)

_RI_NAME_RE = re.compile(r"^[^\W\d_][\w.\-]{1,127}$")


def ri_not_found(what="RouterInterfaceId"):
    return ApiError("InvalidRouterInterfaceId.NotFound", "The specified %s does not exist in our records." % what, 404)


def ri_status_error(required):
    return ApiError(
        "IncorrectRIStatus",
        "RouterInterface can be operated by this action only when it's status is %s." % required,
        400,
    )


def own_ri(ctx, p, key="RouterInterfaceId"):
    check_region(p["RegionId"])
    ri = owned(ctx, "router_interface", p[key], p["RegionId"], error=ri_not_found())
    return ri


def ri_pending(world, ri):
    return world.is_pending("router_interface", ri["RouterInterfaceId"])


def ri_peer(world, ri):
    """The opposite interface when both name each other, else None."""
    opposite = world.get("router_interface", ri["OppositeInterfaceId"]) if ri["OppositeInterfaceId"] else None
    if opposite is None or opposite["OppositeInterfaceId"] != ri["RouterInterfaceId"]:
        return None
    return opposite


def connected_between(world, router_a, router_b, ignore=()):
    """True when a connected (or connecting) interface pair already joins the two routers."""
    for ri in world.table("router_interface").values():
        if ri["RouterInterfaceId"] in ignore or ri["Status"] not in CONNECTED_STATES:
            continue
        if {ri["RouterId"], ri["OppositeRouterId"]} == {router_a, router_b}:
            return True
    return False


def check_ri_texts(p):
    if p.get("Name") is not None and not _RI_NAME_RE.match(p["Name"]):
        raise ApiError("InvalidName.Malformed", 'The specified "Name" is not valid.', 400)
    check_text(
        p.get("Description"), '"Description"', 256, low=2, code="InvalidDescription.Malformed", letter_first=True
    )


def check_account_id(world, value, code, message):
    """An account id parameter (str or int) that must name an existing account; '' when absent."""
    if value is None or value == "":
        return ""
    text = str(value)
    if not text.isdigit() or text not in world.accounts:
        raise ApiError(code, message, 400)
    return text


def check_health_check(p):
    source, target = p.get("HealthCheckSourceIp"), p.get("HealthCheckTargetIp")
    if source and not target:
        raise missing("HealthCheckTargetIp")
    for ip in (source, target):
        if ip:
            try:
                ipaddress.ip_address(ip)
            except ValueError:
                raise ApiError("InvalidHealthCheckIP.Malformd", "Healthcheck sourceip or targetip is not valid.", 400)


def cross_border(region_a, region_b):
    china = geography.CHINA
    return (geography.area_of(region_a) == china) != (geography.area_of(region_b) == china)


def ri_view(world, ri):
    view = {
        "RouterInterfaceId": ri["RouterInterfaceId"],
        "Name": ri["Name"],
        "Description": ri["Description"],
        "Role": ri["Role"],
        "Spec": ri["Spec"],
        "Bandwidth": ri["Bandwidth"],
        "RouterId": ri["RouterId"],
        "RouterType": ri["RouterType"],
        "VpcInstanceId": ri["VpcInstanceId"],
        "AccessPointId": ri["AccessPointId"],
        "OppositeRegionId": ri["OppositeRegionId"],
        "OppositeInterfaceId": ri["OppositeInterfaceId"],
        "OppositeRouterId": ri["OppositeRouterId"],
        "OppositeRouterType": ri["OppositeRouterType"],
        "OppositeInterfaceOwnerId": ri["OppositeInterfaceOwnerId"],
        "OppositeAccessPointId": ri["OppositeAccessPointId"],
        "Status": ri["Status"],
        "BusinessStatus": ri["BusinessStatus"],
        "ChargeType": ri["ChargeType"],
        "CreationTime": ri["CreationTime"],
        "ConnectedTime": ri["ConnectedTime"],
        "GmtModified": ri["GmtModified"],
        "EndTime": ri["EndTime"],
        "HealthCheckSourceIp": ri["HealthCheckSourceIp"],
        "HealthCheckTargetIp": ri["HealthCheckTargetIp"],
        "HcRate": ri["HcRate"],
        "HcThreshold": ri["HcThreshold"],
        "CrossBorder": ri["CrossBorder"],
        "HasReservationData": "false",
        "FastLinkMode": False,
        "ResourceGroupId": ri["ResourceGroupId"],
        "Tags": {"Tags": tag_list(ri.get("_tags"))},
    }
    peer = ri_peer(world, ri)
    if peer is not None:
        view.update(
            {
                "OppositeInterfaceStatus": peer["Status"],
                "OppositeInterfaceSpec": peer["Spec"],
                "OppositeBandwidth": peer["Bandwidth"],
                "OppositeInterfaceBusinessStatus": peer["BusinessStatus"],
                "OppositeVpcInstanceId": peer["VpcInstanceId"],
            }
        )
    return view


@action("vpc", "CreateRouterInterface", write=True)
def create_router_interface(ctx, p):
    world = ctx.world
    region = p["RegionId"]
    check_region(region)
    if not geography.is_known_region(p["OppositeRegionId"]):
        raise ApiError(
            "InvalidOppositeRegionId.NotFound", "The OppositeRegionId provided does not exist in our records.", 400
        )
    role, router_type, spec = p["Role"], p["RouterType"], p["Spec"]
    if role not in ROLES:
        raise ApiError("InvalidRole.ValueNotSupported", "The specified Role is not valid.", 400)
    if router_type not in ROUTER_TYPES:
        raise ApiError("InvalidRouterType.ValueNotSupported", "The specified RouterType is not valid.", 400)
    if (role == "InitiatingSide" and spec not in SPECS) or (role == "AcceptingSide" and spec != NEGATIVE_SPEC):
        raise ApiError("InvalidSpec.ValudNotSupported", "The specified Spec is not supported.", 400)
    if router_type == "VBR" and role == "AcceptingSide":
        raise ApiError(
            "InvalidRole.ValueNotSupported", "A router interface on a VBR can only be the initiating side.", 400
        )
    if p.get("OppositeRouterType") is not None and p["OppositeRouterType"] not in ROUTER_TYPES:
        raise ApiError(
            "InvalidOppositeRouterType.ValueNotSupported", "The specified OppositeRouterType is not valid.", 400
        )
    check_ri_texts(p)
    charge = p.get("InstanceChargeType") or "PostPaid"
    if charge not in ("PrePaid", "PostPaid"):
        raise ApiError(
            "InvalidRouterInterfaceChargeType.Malformed", "Specified RouterInterface ChargeType is not valid.", 400
        )
    if charge == "PrePaid":
        if role == "AcceptingSide":
            raise ApiError(
                "Forbidden.AcceptRoleNotSupportPrePay", "Acception side ri not support chargetype for prepaid.", 400
            )
        cycle = p.get("PricingCycle") or "Month"
        if cycle not in ("Month", "Year"):
            raise ApiError("InvalidParameter", "The specified PricingCycle is not valid.", 400)
        if p.get("AutoPay") is None:
            raise missing("AutoPay")
        if p.get("Period") is None:
            raise missing("Period")
        if not 1 <= p["Period"] <= (9 if cycle == "Month" else 3):
            raise ApiError("InvalidParameter", "The specified Period is not valid.", 400)
    if p.get("FastLinkMode"):
        raise ApiError("InvalidParameter", "FastLinkMode is not supported by this emulator.", 400)
    opposite_owner = check_account_id(world, p.get("OppositeInterfaceOwnerId"), "InvalidAliuid", "Invalid Aliuid.")
    check_health_check(p)
    check_resource_group(p.get("ResourceGroupId"))
    tags = check_tags(p.get("Tags"), TAGS)
    if router_type == "VRouter":
        router = owned(ctx, "vrouter", p["RouterId"], region)
        if router is None:
            raise ApiError("InvalidRouterId.NotFound", "The specified RouterId does not exist in our records.", 404)
        if p.get("AccessPointId"):
            raise ApiError(
                "InvalidAccessPoint.ValueNotAllowed",
                "The non-vbr router interface cannot have access point configured.",
                400,
            )
        vpc_id, access_point = router["VpcId"], ""
        if cen_attachments_of(world, vpc_id):
            raise ApiError("InvalidRouterId.AttacedToCEN", "Can not create ri when attaced to CEN.", 404)
    else:
        vbr = owned(ctx, "vbr", p["RouterId"], region)
        if vbr is None:
            raise ApiError("InvalidRouterId.NotFound", "The specified RouterId does not exist in our records.", 404)
        if p.get("AccessPointId") and p["AccessPointId"] != vbr["AccessPointId"]:
            raise ApiError("InvalidAccessPoint.NotMatch", "The accessPoint id is not matched", 400)
        vpc_id, access_point = "", vbr["AccessPointId"]
    on_router = [ri for ri in world.table("router_interface").values() if ri["RouterId"] == p["RouterId"]]
    if len(on_router) >= MAX_INTERFACES_PER_ROUTER:
        raise ApiError(
            "LimitationExceed.InterfaceNumberOnRouter", "Total number of RouterInterfaces on a Router exceeded.", 400
        )
    if p.get("OppositeRouterId") and connected_between(world, p["RouterId"], p["OppositeRouterId"]):
        raise ApiError("HaveConnectionBetweenRouters", "Have connection between routers", 400)
    ri_id = world.new_id("ri")
    now = iso_time(world)
    end_time = "2999-09-08T16:00:00Z"
    order_id = None
    if charge == "PrePaid":
        months = p["Period"] * (12 if (p.get("PricingCycle") or "Month") == "Year" else 1)
        end_time = iso_time(world, months * 30 * 86400)
        order_id = int("%d%04d" % (int(world.now()), world.counter % 10000))
    world.put(
        "router_interface",
        ri_id,
        {
            "RouterInterfaceId": ri_id,
            "Name": p.get("Name") or "",
            "Description": p.get("Description") or "",
            "Role": role,
            "Spec": spec,
            "Bandwidth": SPECS.get(spec, 0),
            "RouterId": p["RouterId"],
            "RouterType": router_type,
            "VpcInstanceId": vpc_id,
            "AccessPointId": access_point,
            "OppositeRegionId": p["OppositeRegionId"],
            "OppositeInterfaceId": p.get("OppositeInterfaceId") or "",
            "OppositeRouterId": p.get("OppositeRouterId") or "",
            "OppositeRouterType": p.get("OppositeRouterType") or ("VRouter" if p.get("OppositeRouterId") else ""),
            "OppositeInterfaceOwnerId": opposite_owner,
            "OppositeAccessPointId": p.get("OppositeAccessPointId") or "",
            "Status": "Idle",
            "BusinessStatus": "Normal",
            "ChargeType": "PrePaid" if charge == "PrePaid" else "AfterPay",
            "CreationTime": now,
            "ConnectedTime": "",
            "GmtModified": now,
            "EndTime": end_time,
            "HealthCheckSourceIp": p.get("HealthCheckSourceIp") or "",
            "HealthCheckTargetIp": p.get("HealthCheckTargetIp") or "",
            "HcRate": None,
            "HcThreshold": None,
            "CrossBorder": cross_border(region, p["OppositeRegionId"]),
            "ResourceGroupId": p.get("ResourceGroupId") or default_resource_group(ctx.account),
            "_tags": tags,
        },
        ctx.account,
        region,
    )
    out = {"RouterInterfaceId": ri_id}
    if order_id is not None:
        out["OrderId"] = order_id
    return out


OPPOSITE_FIELDS = ("OppositeInterfaceId", "OppositeRouterId", "OppositeRouterType", "OppositeInterfaceOwnerId")


@action("vpc", "ModifyRouterInterfaceAttribute", write=True)
def modify_router_interface_attribute(ctx, p):
    world = ctx.world
    ri = own_ri(ctx, p)
    if ri_pending(world, ri):
        raise ApiError(
            "IncorrectStatus.RouterInterface",
            "This openeration would not be allowed because status " "of this RouterInterface is not correct.",
            400,
        )
    check_ri_texts(p)
    if p.get("OppositeRouterType") is not None and p["OppositeRouterType"] not in ROUTER_TYPES:
        raise ApiError(
            "InvalidOppositeRouterType.ValueNotSupported", "The specified OppositeRouterType is not valid.", 400
        )
    changes = {
        field: p[field]
        for field in ("OppositeInterfaceId", "OppositeRouterId", "OppositeRouterType")
        if p.get(field) is not None
    }
    if p.get("OppositeInterfaceOwnerId") is not None:
        changes["OppositeInterfaceOwnerId"] = check_account_id(
            world, p["OppositeInterfaceOwnerId"], "InvalidAliuid", "Invalid Aliuid."
        )
    if any(ri[field] != value for field, value in changes.items()) and ri["Status"] != "Idle":
        raise ApiError(
            "IncorrectStatus.RouterInterface",
            "This openeration would not be allowed because status " "of this RouterInterface is not correct.",
            400,
        )
    check_health_check(p)
    for field in ("HcRate", "HcThreshold"):
        if p.get(field) is not None and p[field] < 1:
            raise ApiError("IllegalParam.%s" % field, "The specified %s is illegal." % field, 400)
    ri.update(changes)
    for field in ("Name", "Description", "HealthCheckSourceIp", "HealthCheckTargetIp", "HcRate", "HcThreshold"):
        if p.get(field) is not None:
            ri[field] = p[field]
    if p.get("DeleteHealthCheckIp"):
        ri.update({"HealthCheckSourceIp": "", "HealthCheckTargetIp": "", "HcRate": None, "HcThreshold": None})
    ri["GmtModified"] = iso_time(world)
    return {}


def mismatch(field, detail):
    return ApiError("AttrMismatching.AcceptingSide%s" % field, detail, 400)


@action("vpc", "ConnectRouterInterface", write=True)
def connect_router_interface(ctx, p):
    world = ctx.world
    ri = own_ri(ctx, p)
    ri_id = ri["RouterInterfaceId"]
    if ri["Role"] != "InitiatingSide":
        raise ApiError("IncorrectRole.NotInitiatingSide", "The specified RouterInterface is not InitiatingSide.", 400)
    if ri_pending(world, ri) or ri["Status"] != "Idle":
        raise ri_status_error("Idle")
    if not all(ri[field] for field in OPPOSITE_FIELDS):
        raise ApiError(
            "IncorrectOppositeInterfaceInfo.NotSet",
            "OppositeInterfaceId/OppositeRouterId/OppositeRouterType/OppositeInterfaceOwnerId must be all set.",
            400,
        )
    if ri["OppositeRouterId"] == ri["RouterId"]:
        raise ApiError("IncorrectOppositeInterfaceInfo", "Cannot connect on the same router", 400)
    if connected_between(world, ri["RouterId"], ri["OppositeRouterId"]):
        raise ApiError("Forbidden.OnlyOneConnection", "The Specified routers have a connection already", 400)
    acceptor = world.get("router_interface", ri["OppositeInterfaceId"])
    if acceptor is None or acceptor["Status"] == "Deleting":
        raise ri_not_found("opposite RouterInterface %s" % ri["OppositeInterfaceId"])
    if acceptor["_account"] != ri["OppositeInterfaceOwnerId"]:
        raise mismatch(
            "AliUid", "The opposite router interface does not belong to account %s." % ri["OppositeInterfaceOwnerId"]
        )
    if acceptor["_region"] != ri["OppositeRegionId"]:
        raise mismatch("RegionNo", "The opposite router interface is not in region %s." % ri["OppositeRegionId"])
    if acceptor["Role"] != "AcceptingSide":
        raise mismatch("Role", "The opposite router interface is not an accepting side.")
    if acceptor["RouterId"] != ri["OppositeRouterId"]:
        raise mismatch("RouterId", "The opposite router interface is not on router %s." % ri["OppositeRouterId"])
    if acceptor["RouterType"] != ri["OppositeRouterType"]:
        raise mismatch("RouterType", "The opposite router is not of type %s." % ri["OppositeRouterType"])
    if not all(acceptor[field] for field in OPPOSITE_FIELDS):
        raise ApiError(
            "IncorrectOppositeInterfaceInfo.NotSet",
            "OppositeInterfaceId/OppositeRouterId/OppositeRouterType/OppositeInterfaceOwnerId must be all "
            "set on the accepting side %s." % acceptor["RouterInterfaceId"],
            400,
        )
    expected = (
        ("OppositeInterfaceId", ri_id),
        ("OppositeRouterId", ri["RouterId"]),
        ("OppositeRouterType", ri["RouterType"]),
        ("OppositeInterfaceOwnerId", ri["_account"]),
    )
    for field, value in expected:
        if acceptor[field] != value:
            raise mismatch(field, "The accepting side's %s is %s, not %s." % (field, acceptor[field], value))
    if acceptor["OppositeRegionId"] != ri["_region"]:
        raise mismatch(
            "OppositeRegionNo",
            "The accepting side's OppositeRegionId is %s, not %s." % (acceptor["OppositeRegionId"], ri["_region"]),
        )
    now = iso_time(world)
    ri.update({"Status": "Connecting", "GmtModified": now})
    acceptor.update({"Status": "AcceptingConnecting", "GmtModified": now})
    for rec in (ri, acceptor):
        world.schedule(
            "router_interface",
            rec["RouterInterfaceId"],
            set_fields={"Status": "Active", "ConnectedTime": iso_time(world, world.transition_seconds)},
        )
    return {}


def _switch_pair(world, ri, transitional, final):
    """Put an interface and its connected peer into ``transitional`` and schedule ``final``."""
    peer = ri_peer(world, ri)
    now = iso_time(world)
    for rec in (ri, peer):
        rec.update({"Status": transitional, "GmtModified": now})
        world.schedule("router_interface", rec["RouterInterfaceId"], set_fields={"Status": final})


@action("vpc", "DeactivateRouterInterface", write=True)
def deactivate_router_interface(ctx, p):
    ri = own_ri(ctx, p)
    if ri_pending(ctx.world, ri) or ri["Status"] != "Active":
        raise ri_status_error("Active")
    peer = ri_peer(ctx.world, ri)
    if ctx.world.is_pending("router_interface", peer["RouterInterfaceId"]) or peer["Status"] != "Active":
        raise ri_status_error("Active")
    _switch_pair(ctx.world, ri, "Deactivating", "Inactive")
    return {}


@action("vpc", "ActivateRouterInterface", write=True)
def activate_router_interface(ctx, p):
    ri = own_ri(ctx, p)
    if ri_pending(ctx.world, ri) or ri["Status"] != "Inactive":
        raise ri_status_error("Inactive")
    peer = ri_peer(ctx.world, ri)
    if peer is None or peer["Status"] == "Deleting":
        raise ApiError("OppositeRouterInterfaceIsDeleted", "The opposite router interface is already deleted.", 400)
    _switch_pair(ctx.world, ri, "Activating", "Active")
    return {}


@action("vpc", "ModifyRouterInterfaceSpec", write=True)
def modify_router_interface_spec(ctx, p):
    world = ctx.world
    ri = own_ri(ctx, p)
    spec = p["Spec"]
    if ri["Role"] != "InitiatingSide" or spec not in SPECS:
        raise ApiError("InvalidSpec.ValueNotSupported", "The specified Spec is not supported.", 400)
    if ri_pending(world, ri) or ri["Status"] != "Active":
        raise ApiError("InvalidInstance.StatusError", "The router instance status error.", 400)
    ri.update({"Spec": spec, "Bandwidth": SPECS[spec], "Status": "Activating", "GmtModified": iso_time(world)})
    world.schedule("router_interface", ri["RouterInterfaceId"], set_fields={"Status": "Active"})
    return {"Spec": spec}


@action("vpc", "DeleteRouterInterface", write=True)
def delete_router_interface(ctx, p):
    world = ctx.world
    ri = own_ri(ctx, p)
    if ri_pending(world, ri) or ri["Status"] not in ("Idle", "Inactive"):
        raise ApiError(
            "IncorrectStatus",
            "The router interface can be deleted only when its status is " "Idle or Inactive; it is %s." % ri["Status"],
            400,
        )
    if entries_pointing_to(world, "RouterInterface", ri["RouterInterfaceId"]):
        raise ApiError(
            "DependencyViolation.RouterInterfaceReferedByRouteEntry", "Router interface referred by route entry.", 400
        )
    ri.update({"Status": "Deleting", "GmtModified": iso_time(world)})
    world.schedule("router_interface", ri["RouterInterfaceId"], delete=True)
    return {}


def _ri_field(ri, key):
    if key == "RouterInterfaceOwnerId":
        return ri["_account"]
    return str(ri[key])


@action("vpc", "DescribeRouterInterfaces")
def describe_router_interfaces(ctx, p):
    check_region(p["RegionId"])
    ris = ctx.world.records("router_interface", ctx.account, p["RegionId"])
    for key, values in filters_of(p, RI_FILTER_KEYS):
        ris = [ri for ri in ris if _ri_field(ri, key) in values]
    if p.get("ResourceGroupId"):
        ris = [ri for ri in ris if ri["ResourceGroupId"] == p["ResourceGroupId"]]
    if p.get("Tags"):
        ris = [ri for ri in ris if tags_match(ri.get("_tags"), p["Tags"])]
    return page_body(ris, p, "RouterInterfaceSet", "RouterInterfaceType", lambda ri: ri_view(ctx.world, ri))


@action("vpc", "DescribeRouterInterfaceAttribute")
def describe_router_interface_attribute(ctx, p):
    ri = own_ri(ctx, p, key="InstanceId")
    view = ri_view(ctx.world, ri)
    view.update(
        {
            "FastLinkMode": "false",
            "HealthCheckStatus": "NoHealthCheckConfig",
            "Code": "200",
            "Success": True,
            "Message": "successful",
        }
    )
    return view

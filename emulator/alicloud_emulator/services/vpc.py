"""VPC (2016-04-28): VPCs and their vRouters, route tables and route entries,
Express Connect router interfaces, VBRs, CEN grants (the instance owner's side),
regions and tags.

Records live in the world's tables (see CONTRIBUTING.md): ``vpc``, ``vrouter``,
``route_table``, ``route_entry``, ``router_interface``, ``vbr`` and ``grant``.
Business rules that span products read the other products' tables directly:
``cen_attachment`` (CBN) for CenStatus and the "attached" refusals, ``vpc_peer``
(VpcPeer) for route entries whose next hop is a peering connection.

Every handler validates everything first and writes last, so a refused call
leaves the world untouched.
"""

import hashlib
import ipaddress
import re
import time

from alicloud_emulator.errors import ApiError, missing
from alicloud_emulator.registry import action
from alicloud_emulator.seed import SeedError, geo

# ------------------------------------------------------------------ constants
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
VBR_FILTER_KEYS = ("VbrId", "Status", "Name", "AccessPointId", "PhysicalConnectionId", "VlanId")
MAX_FILTERS = 5

NEXT_HOP_TYPES = (
    "Instance",
    "HaVip",
    "RouterInterface",
    "NetworkInterface",
    "VpnGateway",
    "IPv6Gateway",
    "NatGateway",
    "Attachment",
    "VpcPeer",
    "Ipv4Gateway",
    "GatewayEndpoint",
    "Ecr",
    "GatewayLoadBalancerEndpoint",
    "RouteTargetGroup",
)
MAX_ECMP_HOPS = 16

# Address ranges a VPC (or a route destination) may not use.
RESERVED_NETS = tuple(
    ipaddress.ip_network(n) for n in ("100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16")
)
CLOUD_SERVICE_NET = ipaddress.ip_network("100.64.0.0/10")
DEFAULT_VPC_CIDR = "172.16.0.0/12"

MAX_TAGS = 20
MAX_TAG_RESOURCES = 50

# TagResources / TagResourcesForExpressConnect resource types -> table.
VPC_TAG_TYPES = {"VPC": "vpc", "VSWITCH": "vswitch", "ROUTETABLE": "route_table"}
EXPRESS_CONNECT_TAG_TYPES = {"ROUTERINTERFACE": "router_interface", "VIRTUALBORDERROUTER": "vbr"}

GRANT_TYPES = {"VPC": "vpc", "VBR": "vbr"}

# English and Chinese display names of the public regions (DescribeRegions' LocalName).
REGION_NAMES = {
    "cn-qingdao": ("China (Qingdao)", "华北1（青岛）"),
    "cn-beijing": ("China (Beijing)", "华北2（北京）"),
    "cn-zhangjiakou": ("China (Zhangjiakou)", "华北3（张家口）"),
    "cn-huhehaote": ("China (Hohhot)", "华北5（呼和浩特）"),
    "cn-wulanchabu": ("China (Ulanqab)", "华北6（乌兰察布）"),
    "cn-hangzhou": ("China (Hangzhou)", "华东1（杭州）"),
    "cn-shanghai": ("China (Shanghai)", "华东2（上海）"),
    "cn-nanjing": ("China (Nanjing - Local Region)", "华东5（南京-本地地域）"),
    "cn-fuzhou": ("China (Fuzhou - Local Region)", "华东6（福州-本地地域）"),
    "cn-shenzhen": ("China (Shenzhen)", "华南1（深圳）"),
    "cn-heyuan": ("China (Heyuan)", "华南2（河源）"),
    "cn-guangzhou": ("China (Guangzhou)", "华南3（广州）"),
    "cn-chengdu": ("China (Chengdu)", "西南1（成都）"),
    "cn-wuhan-lr": ("China (Wuhan - Local Region)", "华中1（武汉-本地地域）"),
    "cn-hongkong": ("China (Hong Kong)", "中国香港"),
    "ap-northeast-1": ("Japan (Tokyo)", "日本（东京）"),
    "ap-northeast-2": ("South Korea (Seoul)", "韩国（首尔）"),
    "ap-southeast-1": ("Singapore", "新加坡"),
    "ap-southeast-2": ("Australia (Sydney)", "澳大利亚（悉尼）"),
    "ap-southeast-3": ("Malaysia (Kuala Lumpur)", "马来西亚（吉隆坡）"),
    "ap-southeast-5": ("Indonesia (Jakarta)", "印度尼西亚（雅加达）"),
    "ap-southeast-6": ("Philippines (Manila)", "菲律宾（马尼拉）"),
    "ap-southeast-7": ("Thailand (Bangkok)", "泰国（曼谷）"),
    "ap-south-1": ("India (Mumbai)", "印度（孟买）"),
    "us-west-1": ("US (Silicon Valley)", "美国（硅谷）"),
    "us-east-1": ("US (Virginia)", "美国（弗吉尼亚）"),
    "na-south-1": ("Mexico", "墨西哥"),
    "eu-central-1": ("Germany (Frankfurt)", "德国（法兰克福）"),
    "eu-west-1": ("UK (London)", "英国（伦敦）"),
    "me-east-1": ("UAE (Dubai)", "阿联酋（迪拜）"),
    "me-central-1": ("Saudi Arabia (Riyadh - Partner Region)", "沙特（利雅得）"),
}

_RI_NAME_RE = re.compile(r"^[^\W\d_][\w.\-]{1,127}$")


# ------------------------------------------------------------------ shared helpers
def iso_time(world, offset=0):
    """``YYYY-MM-DDThh:mm:ssZ`` of the world's clock (plus ``offset`` seconds)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(world.now() + offset))


def default_resource_group(account):
    """Every account's default resource group id, stable across restarts."""
    return "rg-acfm" + hashlib.sha256(("rg/%s" % account).encode()).hexdigest()[:11]


def dry_run_passed():
    return ApiError("DryRunOperation", "Request validation has been passed with DryRun flag set.", 400)


def check_region(region):
    if not region or not geo().is_known_region(region):
        raise ApiError("InvalidRegionId.NotFound", "The specified RegionId does not exist in our records.", 404)


def owned(ctx, kind, rid, region=None, error=None):
    """The caller's record ``kind``/``rid`` (in ``region`` when given); when there is none, None or,
    given ``error``, that ApiError raised."""
    rec = ctx.world.get(kind, rid) if rid else None
    if rec is not None and rec["_account"] == ctx.account and (not region or rec["_region"] == region):
        return rec
    if error is not None:
        raise error
    return None


def split_ids(value):
    """``"a,b"`` (or a list) -> ``["a", "b"]``, blanks dropped."""
    if value is None:
        return []
    items = value if isinstance(value, list) else value.split(",")
    return [item.strip() for item in items if item and item.strip()]


def page_body(items, p, wrapper, member, view):
    """A PageNumber/PageSize list answer: one page of ``items`` as ``{wrapper: {member: [view(item), ...]}}``
    with TotalCount, PageNumber (default 1) and PageSize (default 10, at most 50)."""
    number = 1 if p.get("PageNumber") is None else p["PageNumber"]
    size = 10 if p.get("PageSize") is None else p["PageSize"]
    if number < 1:
        raise ApiError("InvalidParameter", "The specified PageNumber is invalid; it must be 1 or more.", 400)
    if size < 1 or size > 50:
        raise ApiError("InvalidParameter", "The specified PageSize is invalid; it must be 1 to 50.", 400)
    start = (number - 1) * size
    return {
        wrapper: {member: [view(item) for item in items[start : start + size]]},
        "TotalCount": len(items),
        "PageNumber": number,
        "PageSize": size,
    }


def token_page(items, token, max_results, default, maximum):
    """One page of ``items`` (NextToken/MaxResults style): (items, next token, max results)."""
    size = default if max_results is None else max_results
    if size < 1 or size > maximum:
        raise ApiError("InvalidParameter", "The specified MaxResults is invalid; it must be 1 to %d." % maximum, 400)
    start = 0
    if token:
        if not token.isdigit() or int(token) > len(items):
            raise ApiError("IllegalParam.NextToken", "The specified NextToken is invalid.", 400)
        start = int(token)
    end = start + size
    return items[start:end], (str(end) if end < len(items) else ""), size


def check_text(value, code, what, low, high, letter_first=False):
    """Names and descriptions: length, no URL prefix, optionally a letter first."""
    if value is None:
        return
    bad = not low <= len(value) <= high or value.startswith(("http://", "https://"))
    if letter_first and value and not value[0].isalpha():
        bad = True
    if bad:
        raise ApiError(code, "The specified %s is not valid." % what, 400)


# ------------------------------------------------------------------ tags
def check_tags(tags):
    """Validate a request's ``Tag.N`` list; returns ``{key: value}``."""
    tags = tags or []
    if len(tags) > MAX_TAGS:
        raise ApiError("NumberExceed.Tags", "The maximum number of tags is exceeded.", 400)
    out = {}
    for tag in tags:
        key = tag.get("Key")
        value = tag.get("Value", "")
        if not key or len(key) > 128 or key.startswith(("aliyun", "acs:")) or "http://" in key or "https://" in key:
            raise ApiError("InvalidTagKey", "The tag keys are not valid.", 400)
        if len(value) > 128 or value.startswith(("aliyun", "acs:")) or "http://" in value or "https://" in value:
            raise ApiError("InvalidTagValue", "The tag values are not valid.", 400)
        if key in out:
            raise ApiError("Forbidden.TagKey.Duplicated", "The specified tag key already exists.", 400)
        out[key] = value
    return out


def merged_tags(current, new):
    tags = dict(current or {})
    tags.update(new)
    if len(tags) > MAX_TAGS:
        raise ApiError("NumberExceed.Tags", "The maximum number of tags is exceeded.", 400)
    return tags


def tags_match(have, wanted):
    """True when the tags ``have`` hold every wanted key (and value, when one is given)."""
    have = have or {}
    for tag in wanted or []:
        key = tag.get("Key")
        if key not in have:
            return False
        if tag.get("Value") is not None and have[key] != tag["Value"]:
            return False
    return True


def tag_list(tags):
    return [{"Key": key, "Value": value} for key, value in sorted((tags or {}).items())]


# ------------------------------------------------------------------ CIDR blocks
def parse_vpc_cidr(text, code="InvalidParameter", message="Specified CIDR block is not valid"):
    """An IPv4 network usable as a VPC CIDR block, or ApiError ``code``."""
    try:
        net = ipaddress.ip_network(text, strict=True)
    except (ValueError, TypeError):
        raise ApiError(code, message, 400)
    if net.version != 4 or not 8 <= net.prefixlen <= 28 or any(net.overlaps(r) for r in RESERVED_NETS):
        raise ApiError(code, message, 400)
    return net


def cen_attachments_of(world, instance_id):
    """CBN attachment records of a network instance (any CEN, any state)."""
    return [rec for rec in world.table("cen_attachment").values() if rec.get("ChildInstanceId") == instance_id]


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
        if att.get("Status") in ("Attached", "Detaching"):
            return "Attached"
    return "Detached"


# ------------------------------------------------------------------ VPC records
def _new_route_entry(world, table, account, region, destination, entry_type, hops, status, name="", description=""):
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


def build_vpc(
    world,
    account,
    region,
    vpc_id,
    cidr,
    name="",
    description="",
    tags=None,
    status="Available",
    resource_group=None,
    user_cidrs=None,
):
    """Create a VPC with its vRouter, system route table and system route."""
    now = iso_time(world)
    router_id = world.new_id("vrt")
    table_id = world.new_id("vtb")
    rg = resource_group or default_resource_group(account)
    world.put(
        "vpc",
        vpc_id,
        {
            "VpcId": vpc_id,
            "VpcName": name,
            "Description": description,
            "CidrBlock": cidr,
            "UserCidrs": list(user_cidrs or []),
            "Status": status,
            "RegionId": region,
            "VRouterId": router_id,
            "RouteTableId": table_id,
            "CreationTime": now,
            "IsDefault": False,
            "DnsHostnameStatus": "DISABLED",
            "ResourceGroupId": rg,
            "_tags": dict(tags or {}),
        },
        account,
        region,
    )
    world.put(
        "vrouter",
        router_id,
        {
            "VRouterId": router_id,
            "VpcId": vpc_id,
            "VRouterName": "",
            "Description": "",
            "RegionId": region,
            "CreationTime": now,
            "RouteTableIds": [table_id],
        },
        account,
        region,
    )
    table = world.put(
        "route_table",
        table_id,
        {
            "RouteTableId": table_id,
            "RouteTableName": "",
            "Description": "",
            "RouteTableType": "System",
            "RouterId": router_id,
            "RouterType": "VRouter",
            "VpcId": vpc_id,
            "CreationTime": now,
            "Status": "Available",
            "ResourceGroupId": rg,
            "_tags": {},
        },
        account,
        region,
    )
    _new_route_entry(
        world,
        table,
        account,
        region,
        str(CLOUD_SERVICE_NET),
        "System",
        [{"NextHopType": "service", "NextHopId": "", "Weight": None, "Enabled": 1}],
        "Available",
    )
    return world.get("vpc", vpc_id)


def seed_vpc(world, entry):
    """Seed loader hook: ``{id, account, region, cidr, name}`` -> an Available VPC."""
    try:
        parse_vpc_cidr(entry.get("cidr"))
    except ApiError:
        raise SeedError("vpc %s: %r is not a usable VPC CIDR block" % (entry["id"], entry.get("cidr")))
    if world.get("vpc", entry["id"]) is not None:
        raise SeedError("vpc %s is seeded twice" % entry["id"])
    return build_vpc(
        world, str(entry["account"]), entry["region"], entry["id"], entry["cidr"], name=entry.get("name") or ""
    )


def seed_vbr(world, entry):
    """Seed loader hook: ``{id, account, region}`` -> an active VBR with its route table."""
    region = entry["region"]
    if world.get("vbr", entry["id"]) is not None:
        raise SeedError("vbr %s is seeded twice" % entry["id"])
    account = str(entry["account"])
    now = iso_time(world)
    table_id = world.new_id("vtb")
    vlan = 100 + len(world.table("vbr"))
    world.put(
        "route_table",
        table_id,
        {
            "RouteTableId": table_id,
            "RouteTableName": "",
            "Description": "",
            "RouteTableType": "System",
            "RouterId": entry["id"],
            "RouterType": "VBR",
            "VpcId": "",
            "CreationTime": now,
            "Status": "Available",
            "ResourceGroupId": default_resource_group(account),
            "_tags": {},
        },
        account,
        region,
    )
    return world.put(
        "vbr",
        entry["id"],
        {
            "VbrId": entry["id"],
            "Name": entry.get("name") or "",
            "Description": "",
            "Status": "active",
            "Type": "pconn",
            "AccessPointId": "ap-%s-emu-A" % region,
            "PhysicalConnectionId": world.new_id("pc"),
            "VlanId": vlan,
            "RouteTableId": table_id,
            "CreationTime": now,
            "ActivationTime": now,
            "ResourceGroupId": default_resource_group(account),
            "_tags": {},
        },
        account,
        region,
    )


def vswitches_of(world, vpc_id):
    return [rec for rec in world.table("vswitch").values() if rec.get("VpcId") == vpc_id]


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


def vpc_view(world, vpc):
    """One VPC as DescribeVpcs / DescribeVpcAttribute show it (the server prunes per operation)."""
    vpc_id = vpc["VpcId"]
    tables = [t["RouteTableId"] for t in world.table("route_table").values() if t.get("VpcId") == vpc_id]
    return {
        "VpcId": vpc_id,
        "VpcName": vpc["VpcName"],
        "Description": vpc["Description"],
        "CidrBlock": vpc["CidrBlock"],
        "Status": vpc["Status"],
        "RegionId": vpc["RegionId"],
        "VRouterId": vpc["VRouterId"],
        "CreationTime": vpc["CreationTime"],
        "IsDefault": vpc["IsDefault"],
        "OwnerId": int(vpc["_account"]),
        "ResourceGroupId": vpc["ResourceGroupId"],
        "CenStatus": cen_status(world, vpc_id),
        "AssociatedCens": {"AssociatedCen": associated_cens(world, vpc_id)},
        "VSwitchIds": {"VSwitchId": [s["VSwitchId"] for s in vswitches_of(world, vpc_id)]},
        "RouterTableIds": {"RouterTableIds": tables},
        "UserCidrs": {"UserCidr": list(vpc["UserCidrs"])},
        "SecondaryCidrBlocks": {"SecondaryCidrBlock": []},
        "NatGatewayIds": {"NatGatewayIds": []},
        "Tags": {"Tag": tag_list(vpc.get("_tags"))},
        "EnabledIpv6": False,
        "Ipv6CidrBlock": "",
        "DhcpOptionsSetId": "",
        "DnsHostnameStatus": vpc["DnsHostnameStatus"],
        "ClassicLinkEnabled": False,
        "SupportIpv4Gateway": False,
    }


def check_user_cidrs(text):
    cidrs = split_ids(text)
    if len(cidrs) > 3:
        raise ApiError("InvalidUserCidr.Quota", "Specified  UserCidr number is greater than 3.", 400)
    for cidr in cidrs:
        try:
            net = ipaddress.ip_network(cidr, strict=True)
        except ValueError:
            raise ApiError("IllegalParam.UserCidr", "UserCidr is not a valid or strict address.", 400)
        if net.version != 4 or net.overlaps(CLOUD_SERVICE_NET):
            raise ApiError("InvalidUserCidr.Malformed", "Specified  UserCidr  overlapping in of 100.64.0.0/10.", 400)
    return cidrs


def check_resource_group(value):
    if value is not None and not value.startswith("rg-"):
        raise ApiError("InvalidResourceGroupId", "The specified ResourceGroupId does not exist.", 400)


def vpc_not_found(status=404):
    return ApiError("InvalidVpcId.NotFound", "Specified VPC does not exist.", status)


def vpc_busy():
    return ApiError("IncorrectVpcStatus", "Current VPC status does not support this operation.", 400)


def vpc_is_stable(world, vpc):
    return vpc["Status"] == "Available" and not world.is_pending("vpc", vpc["VpcId"])


# ================================================================== VPC operations
@action("vpc", "CreateVpc", write=True)
def create_vpc(ctx, p):
    region = p["RegionId"]
    check_region(region)
    if p.get("EnableIpv6") or p.get("Ipv6CidrBlock") or p.get("Ipv6IpamPoolId") or p.get("Ipv6CidrMask") is not None:
        raise ApiError("OperationUnsupported.Ipv6Feature", "IPv6 CIDR blocks are not supported by this emulator.", 400)
    if p.get("Ipv4IpamPoolId") or p.get("Ipv4CidrMask") is not None:
        raise ApiError("UnsupportedFeature.IPAM", "VPCs cannot be created by using IPAM.", 400)
    cidr = p.get("CidrBlock") or DEFAULT_VPC_CIDR
    parse_vpc_cidr(cidr)
    check_text(p.get("VpcName"), "InvalidVpcName.Malformed", "VPC name", 1, 128)
    check_text(p.get("Description"), "InvalidVpcDiscription.Malformed", "VPC description", 1, 256)
    user_cidrs = check_user_cidrs(p.get("UserCidr"))
    check_resource_group(p.get("ResourceGroupId"))
    tags = check_tags(p.get("Tag"))
    if p.get("DryRun"):
        raise dry_run_passed()
    vpc_id = ctx.world.new_id("vpc")
    vpc = build_vpc(
        ctx.world,
        ctx.account,
        region,
        vpc_id,
        cidr,
        name=p.get("VpcName") or "",
        description=p.get("Description") or "",
        tags=tags,
        status="Pending",
        resource_group=p.get("ResourceGroupId"),
        user_cidrs=user_cidrs,
    )
    if p.get("EnableDnsHostname"):
        vpc["DnsHostnameStatus"] = "ENABLED"
    ctx.world.schedule("vpc", vpc_id, set_fields={"Status": "Available"})
    return {
        "VpcId": vpc_id,
        "VRouterId": vpc["VRouterId"],
        "RouteTableId": vpc["RouteTableId"],
        "ResourceGroupId": vpc["ResourceGroupId"],
    }


@action("vpc", "DeleteVpc", write=True)
def delete_vpc(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vpc = owned(ctx, "vpc", p["VpcId"], p.get("RegionId"), error=vpc_not_found())
    vpc_id = vpc["VpcId"]
    if not vpc_is_stable(world, vpc):
        raise vpc_busy()
    if any(ri["RouterId"] == vpc["VRouterId"] for ri in world.table("router_interface").values()):
        raise ApiError(
            "DependencyViolation.RouterInterface", "Specified object has dependent resources RouterInterface.", 400
        )
    tables = [t for t in world.table("route_table").values() if t.get("VpcId") == vpc_id]
    if any(e["Type"] == "Custom" for t in tables for e in entries_of_table(world, t["RouteTableId"])):
        raise ApiError("DependencyViolation.RouteEntry", "Specified object has dependent resources", 400)
    if vswitches_of(world, vpc_id):
        raise ApiError("DependencyViolation.VSwitch", "Specified object has dependent resources", 400)
    if cen_attachments_of(world, vpc_id):
        raise ApiError("IncorrectStatus.cbnStatus", "Current CBN status does not support this operation.", 400)
    if any(vpc_id in (pcc["VpcId"], pcc["AcceptingVpcId"]) for pcc in world.table("vpc_peer").values()):
        raise ApiError("OperationDenied.VpcPeerExists", "The operation is not allowed because the VpcPeer exists.", 400)
    if p.get("DryRun"):
        raise dry_run_passed()
    vpc["Status"] = "Deleting"
    world.schedule("vpc", vpc_id, delete=True)
    world.schedule("vrouter", vpc["VRouterId"], delete=True)
    for table in tables:
        world.schedule("route_table", table["RouteTableId"], delete=True)
        for entry in entries_of_table(world, table["RouteTableId"]):
            world.schedule("route_entry", entry["RouteEntryId"], delete=True)
    for key, grant in list(world.table("grant").items()):
        if grant["ChildInstanceId"] == vpc_id:
            world.schedule("grant", key, delete=True)
    return {}


@action("vpc", "DescribeVpcs")
def describe_vpcs(ctx, p):
    region = p["RegionId"]
    check_region(region)
    if p.get("DryRun"):
        raise dry_run_passed()
    ids = split_ids(p.get("VpcId"))
    if len(ids) > 20:
        raise ApiError("InvalidParameter", "You can specify at most 20 VPC IDs.", 400)
    vpcs = ctx.world.records("vpc", ctx.account, region)
    if ids:
        vpcs = [v for v in vpcs if v["VpcId"] in ids]
    if p.get("VpcName") is not None:
        vpcs = [v for v in vpcs if v["VpcName"] == p["VpcName"]]
    if p.get("IsDefault") is not None:
        vpcs = [v for v in vpcs if v["IsDefault"] == p["IsDefault"]]
    if p.get("EnableIpv6"):
        vpcs = []
    if p.get("DhcpOptionsSetId"):
        vpcs = []
    if p.get("VpcOwnerId") is not None and str(p["VpcOwnerId"]) != ctx.account:
        vpcs = []
    if p.get("ResourceGroupId"):
        vpcs = [v for v in vpcs if v["ResourceGroupId"] == p["ResourceGroupId"]]
    if p.get("Tag"):
        vpcs = [v for v in vpcs if tags_match(v.get("_tags"), p["Tag"])]
    return page_body(vpcs, p, "Vpcs", "Vpc", lambda v: vpc_view(ctx.world, v))


@action("vpc", "DescribeVpcAttribute")
def describe_vpc_attribute(ctx, p):
    check_region(p["RegionId"])
    vpc = owned(ctx, "vpc", p["VpcId"], p["RegionId"], error=vpc_not_found())
    if p.get("DryRun"):
        raise dry_run_passed()
    return vpc_view(ctx.world, vpc)


@action("vpc", "ModifyVpcAttribute", write=True)
def modify_vpc_attribute(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vpc = owned(ctx, "vpc", p["VpcId"], p.get("RegionId"), error=vpc_not_found(400))
    if not vpc_is_stable(world, vpc):
        raise vpc_busy()
    check_text(p.get("VpcName"), "InvalidVpcName.Malformed", "VPC name", 1, 128)
    check_text(p.get("Description"), "InvalidVpcDiscription.Malformed", "VPC description", 1, 256)
    if p.get("EnableIPv6") or p.get("Ipv6CidrBlock") or p.get("Ipv6Isp"):
        raise ApiError("OperationUnsupported.Ipv6Feature", "IPv6 CIDR blocks are not supported by this emulator.", 400)
    cidr = p.get("CidrBlock")
    if cidr is not None:
        new = parse_vpc_cidr(cidr, "InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.")
        if not new.overlaps(ipaddress.ip_network(vpc["CidrBlock"])):
            raise ApiError("InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.", 400)
        for vsw in vswitches_of(world, vpc["VpcId"]):
            if not ipaddress.ip_network(vsw["CidrBlock"]).subnet_of(new):
                raise ApiError("IllegalCidrBlock", "Some subnet cidrBlock is not in the cidrBlock.", 400)
    if p.get("VpcName") is not None:
        vpc["VpcName"] = p["VpcName"]
    if p.get("Description") is not None:
        vpc["Description"] = p["Description"]
    if cidr is not None:
        vpc["CidrBlock"] = cidr
    if p.get("EnableDnsHostname") is not None:
        vpc["DnsHostnameStatus"] = "ENABLED" if p["EnableDnsHostname"] else "DISABLED"
    return {}


@action("vpc", "DescribeVRouters")
def describe_vrouters(ctx, p):
    check_region(p["RegionId"])
    routers = ctx.world.records("vrouter", ctx.account, p["RegionId"])
    if p.get("VRouterId"):
        routers = [r for r in routers if r["VRouterId"] == p["VRouterId"]]
    return page_body(
        routers,
        p,
        "VRouters",
        "VRouter",
        lambda r: {
            "VRouterId": r["VRouterId"],
            "VpcId": r["VpcId"],
            "VRouterName": r["VRouterName"],
            "Description": r["Description"],
            "RegionId": r["RegionId"],
            "CreationTime": r["CreationTime"],
            "RouteTableIds": {"RouteTableId": list(r["RouteTableIds"])},
        },
    )


def check_filters(filters, keys):
    """``Filter.N`` -> ``{key: [values]}``; unknown keys get InvalidFilterKey.ValueNotSupported."""
    filters = filters or []
    if len(filters) > MAX_FILTERS:
        raise ApiError("InvalidParameter", "You can specify at most %d filters." % MAX_FILTERS, 400)
    out = {}
    for index, item in enumerate(filters, 1):
        key = item.get("Key")
        if key not in keys:
            raise ApiError(
                "InvalidFilterKey.ValueNotSupported",
                "Specified filter key is not supported: Filter.%d.Key" % index,
                404,
            )
        out.setdefault(key, []).extend(item.get("Value") or [])
    return out


def vbr_view(world, vbr):
    return {
        "VbrId": vbr["VbrId"],
        "Name": vbr["Name"],
        "Description": vbr["Description"],
        "Status": vbr["Status"],
        "Type": vbr["Type"],
        "AccessPointId": vbr["AccessPointId"],
        "PhysicalConnectionId": vbr["PhysicalConnectionId"],
        "PhysicalConnectionOwnerUid": vbr["_account"],
        "PhysicalConnectionStatus": "Enabled",
        "PhysicalConnectionBusinessStatus": "Normal",
        "VlanId": vbr["VlanId"],
        "RouteTableId": vbr["RouteTableId"],
        "CreationTime": vbr["CreationTime"],
        "ActivationTime": vbr["ActivationTime"],
        "ResourceGroupId": vbr["ResourceGroupId"],
        "AssociatedCens": {"AssociatedCen": associated_cens(world, vbr["VbrId"])},
        "Tags": {"Tags": tag_list(vbr.get("_tags"))},
    }


@action("vpc", "DescribeVirtualBorderRouters")
def describe_virtual_border_routers(ctx, p):
    check_region(p["RegionId"])
    filters = check_filters(p.get("Filter"), VBR_FILTER_KEYS)
    vbrs = ctx.world.records("vbr", ctx.account, p["RegionId"])
    for key, values in filters.items():
        vbrs = [v for v in vbrs if str(v[key]) in values]
    if p.get("ResourceGroupId"):
        vbrs = [v for v in vbrs if v["ResourceGroupId"] == p["ResourceGroupId"]]
    if p.get("Tags"):
        vbrs = [v for v in vbrs if tags_match(v.get("_tags"), p["Tags"])]
    return page_body(vbrs, p, "VirtualBorderRouterSet", "VirtualBorderRouterType", lambda v: vbr_view(ctx.world, v))


@action("vpc", "DescribeRegions")
def describe_regions(ctx, p):
    english = (p.get("AcceptLanguage") or "zh-CN").lower().startswith("en")
    regions = []
    for region in geo().REGIONS:
        names = REGION_NAMES.get(region, (region, region))
        regions.append(
            {
                "RegionId": region,
                "LocalName": names[0] if english else names[1],
                "RegionEndpoint": "vpc.aliyuncs.com" if region == "cn-hangzhou" else "vpc.%s.aliyuncs.com" % region,
            }
        )
    return {"Regions": {"Region": regions}}


# ================================================================== vSwitches
ZONE_RE = re.compile(r"^(?P<region>[a-z0-9-]+)-[a-z]$")


def vswitch_view(world, vsw):
    net = ipaddress.ip_network(vsw["CidrBlock"])
    return {
        "VSwitchId": vsw["VSwitchId"],
        "VpcId": vsw["VpcId"],
        "ZoneId": vsw["ZoneId"],
        "CidrBlock": vsw["CidrBlock"],
        "VSwitchName": vsw["VSwitchName"],
        "Description": vsw["Description"],
        "Status": vsw["Status"],
        "CreationTime": vsw["CreationTime"],
        "IsDefault": False,
        "AvailableIpAddressCount": net.num_addresses - 4,
        "OwnerId": int(vsw["_account"]),
        "ResourceGroupId": vsw["ResourceGroupId"],
        "RouteTable": {"RouteTableId": vsw["RouteTableId"], "RouteTableType": "System"},
        "ShareType": "",
        "EnabledIpv6": False,
        "Ipv6CidrBlock": "",
        "NetworkAclId": "",
        "Tags": {"Tag": tag_list(vsw.get("_tags"))},
    }


def vswitch_cidr(vpc, taken, cidr, mask):
    """The vSwitch CIDR block asked for (``CidrBlock``) or the first free one of ``mask`` bits."""
    vpc_net = ipaddress.ip_network(vpc["CidrBlock"])
    if cidr is not None:
        try:
            net = ipaddress.ip_network(cidr, strict=True)
        except ValueError:
            raise ApiError("InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.", 400)
        if net.version != 4 or not 16 <= net.prefixlen <= 29:
            raise ApiError("InvalidCirdrBlock.MaskLength", "Specified CIDR block is not valid .", 400)
        if not net.subnet_of(vpc_net):
            raise ApiError("InvalidParameter", "Specified CIDR block is not valid in VPC.", 400)
        if any(net.overlaps(other) for other in taken):
            raise ApiError("InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets.", 400)
        return net
    if mask is None:
        raise missing("CidrBlock")
    if not 16 <= mask <= 29 or mask < vpc_net.prefixlen:
        raise ApiError("InvalidCirdrBlock.MaskLength", "Specified CIDR block is not valid .", 400)
    for net in vpc_net.subnets(new_prefix=mask):
        if not any(net.overlaps(other) for other in taken):
            return net
    raise ApiError("InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets.", 400)


@action("vpc", "CreateVSwitch", write=True)
def create_vswitch(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vpc = owned(ctx, "vpc", p["VpcId"], p.get("RegionId"), error=vpc_not_found())
    zone = ZONE_RE.match(p["ZoneId"])
    if zone is None or zone.group("region") != vpc["RegionId"]:
        raise ApiError("InvalidZoneId.NotFound", "Specified zone does not exist.", 404)
    if p.get("Ipv6CidrBlock") is not None or p.get("Ipv6CidrMask") is not None or p.get("VpcIpv6CidrBlock"):
        raise ApiError("OperationFailed.VpcIpv6Disabled", "IPv6 is not enabled for the VPC.", 400)
    check_text(p.get("VSwitchName"), "InvalidVSwitchName.Malformed", "virtual switch name", 1, 128)
    check_text(p.get("Description"), "InvalidVSwitchDiscription.Malformed", "virtual switch description", 1, 256)
    tags = check_tags(p.get("Tag"))
    siblings = vswitches_of(world, vpc["VpcId"])
    net = vswitch_cidr(
        vpc, [ipaddress.ip_network(s["CidrBlock"]) for s in siblings], p.get("CidrBlock"), p.get("CidrMask")
    )
    if not vpc_is_stable(world, vpc):
        raise vpc_busy()
    if any(world.is_pending("vswitch", s["VSwitchId"]) for s in siblings):
        raise ApiError(
            "OperationDenied.OtherSubnetCreating",
            "The operation is not allowed because the other VSwitch is creating.",
            400,
        )
    table = world.get("route_table", vpc["RouteTableId"])
    if table_busy(world, table["RouteTableId"]):
        raise ApiError("IncorrectRouteEntryStatus", "Some route entry status blocked this operation.", 400)
    custom = [
        ipaddress.ip_network(e["DestinationCidrBlock"])
        for e in entries_of_table(world, table["RouteTableId"])
        if e["Type"] == "Custom"
    ]
    if any(dest.subnet_of(net) for dest in custom):
        raise ApiError("RouteConflict.AlreadyExist", "Route conflict exists in routing table.", 400)
    vsw_id = world.new_id("vsw")
    world.put(
        "vswitch",
        vsw_id,
        {
            "VSwitchId": vsw_id,
            "VpcId": vpc["VpcId"],
            "ZoneId": p["ZoneId"],
            "CidrBlock": str(net),
            "VSwitchName": p.get("VSwitchName") or "",
            "Description": p.get("Description") or "",
            "Status": "Pending",
            "CreationTime": iso_time(world),
            "RouteTableId": table["RouteTableId"],
            "ResourceGroupId": vpc["ResourceGroupId"],
            "_tags": tags,
        },
        ctx.account,
        vpc["RegionId"],
    )
    _new_route_entry(
        world,
        table,
        ctx.account,
        vpc["RegionId"],
        str(net),
        "System",
        [{"NextHopType": "local", "NextHopId": "", "Weight": None, "Enabled": 1}],
        "Available",
    )
    world.schedule("vswitch", vsw_id, set_fields={"Status": "Available"})
    return {"VSwitchId": vsw_id}


def vswitch_not_found(status=404):
    return ApiError("InvalidVSwitchId.NotFound", "VSwitch not exist.", status)


@action("vpc", "DeleteVSwitch", write=True)
def delete_vswitch(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vsw = owned(ctx, "vswitch", p["VSwitchId"], p.get("RegionId"), error=vswitch_not_found())
    if world.is_pending("vswitch", vsw["VSwitchId"]):
        raise ApiError("IncorrectVSwitchStatus", "vpc subnet is in middle status.", 400)
    if table_busy(world, vsw["RouteTableId"]):
        raise ApiError("IncorrectRouteEntryStatus", "Some route entry status blocked this operation.", 400)
    if p.get("DryRun"):
        raise dry_run_passed()
    for entry in entries_of_table(world, vsw["RouteTableId"]):
        if entry["Type"] == "System" and entry["DestinationCidrBlock"] == vsw["CidrBlock"]:
            world.delete("route_entry", entry["RouteEntryId"])
    world.delete("vswitch", vsw["VSwitchId"])
    return {}


@action("vpc", "DescribeVSwitches")
def describe_vswitches(ctx, p):
    region = p.get("RegionId")
    if region:
        check_region(region)
    elif not p.get("VpcId"):
        raise missing("RegionId")
    if p.get("DryRun"):
        raise dry_run_passed()
    vsws = ctx.world.records("vswitch", ctx.account, region)
    for key in ("VpcId", "VSwitchId", "ZoneId", "VSwitchName", "RouteTableId", "ResourceGroupId"):
        if p.get(key):
            vsws = [v for v in vsws if v[key] == p[key]]
    if p.get("IsDefault") or p.get("EnableIpv6"):
        vsws = []
    if p.get("VSwitchOwnerId") is not None and str(p["VSwitchOwnerId"]) != ctx.account:
        vsws = []
    if p.get("Tag"):
        vsws = [v for v in vsws if tags_match(v.get("_tags"), p["Tag"])]
    return page_body(vsws, p, "VSwitches", "VSwitch", lambda v: vswitch_view(ctx.world, v))


@action("vpc", "DescribeVSwitchAttributes")
def describe_vswitch_attributes(ctx, p):
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vsw = owned(ctx, "vswitch", p["VSwitchId"], p.get("RegionId"), error=vswitch_not_found(400))
    if p.get("DryRun"):
        raise dry_run_passed()
    return vswitch_view(ctx.world, vsw)


# ================================================================== CEN grants (instance owner)
def grant_key(instance_id, cen_id):
    return "%s|%s" % (instance_id, cen_id)


def _grant_instance(ctx, p):
    """The caller's network instance named by a Grant/Revoke call, validated."""
    check_region(p["RegionId"])
    kind = GRANT_TYPES.get(p["InstanceType"])
    if kind is None:
        raise ApiError("InstanceType.Invalid", "Specified type is not valid.", 404)
    if not p["CenId"]:
        raise ApiError("MissingParam.CenInstanceId", "The parameter CenId is mandatory.", 400)
    if not p["CenId"].startswith("cen-"):
        raise ApiError("IllegalParam.CenInstanceId", "The specified CenId %s is illegal." % p["CenId"], 400)
    instance = owned(ctx, kind, p["InstanceId"], p["RegionId"])
    if instance is None:
        if kind == "vbr":
            raise ApiError("InvalidVbr.NotFound", "Specified vbr does not exist.", 404)
        raise ApiError("InvalidInstanceId.NotFound", "Specified Instance does not exist.", 404)
    return kind, instance


@action("vpc", "GrantInstanceToCen", write=True)
def grant_instance_to_cen(ctx, p):
    world = ctx.world
    kind, instance = _grant_instance(ctx, p)
    cen_owner = str(p["CenOwnerId"])
    if cen_owner not in world.accounts:
        raise ApiError("InvalidParameter", "The specified CenOwnerId %s does not exist." % cen_owner, 400)
    if kind == "vbr" and cen_owner != ctx.account:
        raise ApiError("Invalid.Grant", "Can not grant to other owner cen.", 400)
    if world.is_pending(kind, p["InstanceId"]) or instance.get("Status") not in ("Available", "active"):
        raise ApiError("IncorrectStatus", "Current Instance status does not support this operation.", 400)
    key = grant_key(p["InstanceId"], p["CenId"])
    if world.get("grant", key) is not None:
        raise ApiError(
            "ResourceAlreadyExist.GrantRule",
            "The instance %s is already granted to %s." % (p["InstanceId"], p["CenId"]),
            400,
        )
    world.put(
        "grant",
        key,
        {
            "ChildInstanceId": p["InstanceId"],
            "ChildInstanceType": p["InstanceType"],
            "ChildInstanceRegionId": p["RegionId"],
            "ChildInstanceOwnerId": int(ctx.account),
            "CenId": p["CenId"],
            "CenOwnerId": int(cen_owner),
            "CreationTime": iso_time(world),
        },
        ctx.account,
        p["RegionId"],
    )
    return {}


@action("vpc", "RevokeInstanceFromCen", write=True)
def revoke_instance_from_cen(ctx, p):
    world = ctx.world
    _grant_instance(ctx, p)
    key = grant_key(p["InstanceId"], p["CenId"])
    grant = world.get("grant", key)
    if grant is None or grant["_account"] != ctx.account or grant["CenOwnerId"] != p["CenOwnerId"]:
        raise ApiError("InvalidInstanceId.NotFound", "Specified Instance does not exist.", 404)
    if world.is_pending("grant", key):
        raise ApiError("IncorrectStatus", "Current Instance status does not support this operation.", 400)
    if world.get("cen_attachment", "%s|%s" % (p["CenId"], p["InstanceId"])) is not None:
        raise ApiError(
            "IncorrectStatus",
            "The instance %s is still attached to %s; detach it first." % (p["InstanceId"], p["CenId"]),
            400,
        )
    world.delete("grant", key)
    return {}


@action("vpc", "DescribeGrantRulesToCen")
def describe_grant_rules_to_cen(ctx, p):
    check_region(p["RegionId"])
    if p["InstanceType"] not in GRANT_TYPES and p["InstanceType"] != "CCN":
        raise ApiError("InstanceType.Invalid", "Specified type is not valid.", 404)
    rules = [
        g
        for g in ctx.world.records("grant", ctx.account, p["RegionId"])
        if g["ChildInstanceId"] == p["InstanceId"] and g["ChildInstanceType"] == p["InstanceType"]
    ]
    return page_body(
        rules,
        p,
        "CenGrantRules",
        "CbnGrantRule",
        lambda g: {"CenInstanceId": g["CenId"], "CenOwnerId": g["CenOwnerId"], "CreationTime": g["CreationTime"]},
    )


# ================================================================== route tables and entries
def hop_view(world, entry, hop):
    """One next hop with where it leads (NextHopRegionId / NextHopRelatedInfo)."""
    view = {
        "NextHopType": hop["NextHopType"],
        "NextHopId": hop["NextHopId"],
        "Weight": hop["Weight"],
        "Enabled": hop["Enabled"],
        "NextHopRegionId": entry["_region"],
    }
    if hop["NextHopType"] == "RouterInterface":
        ri = world.get("router_interface", hop["NextHopId"])
        view["NextHopRegionId"] = ri["OppositeRegionId"]
        view["NextHopRelatedInfo"] = {
            "InstanceId": ri["OppositeRouterId"],
            "InstanceType": ri["OppositeRouterType"],
            "RegionId": ri["OppositeRegionId"],
        }
    elif hop["NextHopType"] == "VpcPeer":
        pcc = world.get("vpc_peer", hop["NextHopId"])
        requester_side = world.get("route_table", entry["RouteTableId"])["VpcId"] == pcc["VpcId"]
        other_vpc = pcc["AcceptingVpcId"] if requester_side else pcc["VpcId"]
        other_region = pcc["AcceptingRegionId"] if requester_side else pcc["RegionId"]
        view["NextHopRegionId"] = other_region
        view["NextHopRelatedInfo"] = {"InstanceId": other_vpc, "InstanceType": "VPC", "RegionId": other_region}
    return view


def entry_view(world, entry):
    return {
        "RouteEntryId": entry["RouteEntryId"],
        "RouteEntryName": entry["RouteEntryName"],
        "RouteTableId": entry["RouteTableId"],
        "DestinationCidrBlock": entry["DestinationCidrBlock"],
        "Type": entry["Type"],
        "Status": entry["Status"],
        "Description": entry["Description"],
        "InstanceId": entry["InstanceId"],
        "NextHopType": entry["NextHopType"],
        "IpVersion": entry["IpVersion"],
        "GmtModified": entry["GmtModified"],
        "NextHops": {"NextHop": [hop_view(world, entry, hop) for hop in entry["NextHops"]]},
    }


def table_vswitch_ids(world, table):
    if table["RouteTableType"] != "System" or not table.get("VpcId"):
        return []
    return [s["VSwitchId"] for s in vswitches_of(world, table["VpcId"])]


def table_view(world, table, entry_type=None):
    entries = entries_of_table(world, table["RouteTableId"])
    if entry_type:
        entries = [e for e in entries if e["Type"] == entry_type]
    return {
        "RouteTableId": table["RouteTableId"],
        "RouteTableName": table["RouteTableName"],
        "Description": table["Description"],
        "RouteTableType": table["RouteTableType"],
        "VRouterId": table["RouterId"],
        "RouterId": table["RouterId"],
        "RouterType": table["RouterType"],
        "VpcId": table["VpcId"],
        "CreationTime": table["CreationTime"],
        "Status": table["Status"],
        "OwnerId": int(table["_account"]),
        "ResourceGroupId": table["ResourceGroupId"],
        "AssociateType": "VSwitch",
        "RoutePropagationEnable": False,
        "VSwitchIds": {"VSwitchId": table_vswitch_ids(world, table)},
        "GatewayIds": {"GatewayIds": []},
        "Tags": {"Tag": tag_list(table.get("_tags"))},
        "RouteEntrys": {"RouteEntry": [entry_view(world, e) for e in entries]},
    }


@action("vpc", "DescribeRouteTables")
def describe_route_tables(ctx, p):
    region = p.get("RegionId")
    if region:
        check_region(region)
    if p.get("VRouterId") and p.get("RouterId"):
        raise ApiError("InvalidParameter", "You cannot specify both VRouterId and RouterId.", 400)
    if not any(p.get(k) for k in ("VRouterId", "RouterId", "RouteTableId", "RouteTableName")):
        raise missing("RouteTableId")
    router = p.get("VRouterId") or p.get("RouterId")
    tables = ctx.world.records("route_table", ctx.account, region)
    if router:
        tables = [t for t in tables if t["RouterId"] == router]
    if p.get("RouterType"):
        tables = [t for t in tables if t["RouterType"] == p["RouterType"]]
    if p.get("RouteTableId"):
        tables = [t for t in tables if t["RouteTableId"] == p["RouteTableId"]]
    if p.get("RouteTableName"):
        tables = [t for t in tables if t["RouteTableName"] == p["RouteTableName"]]
    if p.get("ResourceGroupId"):
        tables = [t for t in tables if t["ResourceGroupId"] == p["ResourceGroupId"]]
    return page_body(tables, p, "RouteTables", "RouteTable", lambda t: table_view(ctx.world, t, p.get("Type")))


@action("vpc", "DescribeRouteTableList")
def describe_route_table_list(ctx, p):
    check_region(p["RegionId"])
    tables = ctx.world.records("route_table", ctx.account, p["RegionId"])
    for key in (
        "VpcId",
        "RouterId",
        "RouterType",
        "RouteTableId",
        "RouteTableName",
        "RouteTableType",
        "ResourceGroupId",
    ):
        if p.get(key):
            tables = [t for t in tables if t[key] == p[key]]
    if p.get("Tag"):
        tables = [t for t in tables if tags_match(t.get("_tags"), p["Tag"])]
    return page_body(tables, p, "RouterTableList", "RouterTableListType", lambda t: table_view(ctx.world, t))


def table_not_found():
    return ApiError("InvalidRouteTableId.NotFound", "Specified route table does not exist.", 404)


@action("vpc", "DescribeRouteEntryList")
def describe_route_entry_list(ctx, p):
    check_region(p["RegionId"])
    table = owned(ctx, "route_table", p["RouteTableId"], p["RegionId"], error=table_not_found())
    entries = entries_of_table(ctx.world, table["RouteTableId"])
    simple = {
        "RouteEntryId": "RouteEntryId",
        "RouteEntryName": "RouteEntryName",
        "RouteEntryType": "Type",
        "DestinationCidrBlock": "DestinationCidrBlock",
    }
    for param, field in simple.items():
        if p.get(param):
            entries = [e for e in entries if e[field] == p[param]]
    if p.get("DestCidrBlockList"):
        entries = [e for e in entries if e["DestinationCidrBlock"] in p["DestCidrBlockList"]]
    if p.get("NextHopId"):
        entries = [e for e in entries if any(h["NextHopId"] == p["NextHopId"] for h in e["NextHops"])]
    if p.get("NextHopType"):
        entries = [e for e in entries if any(h["NextHopType"] == p["NextHopType"] for h in e["NextHops"])]
    if p.get("IpVersion"):
        entries = [e for e in entries if e["IpVersion"] == p["IpVersion"].lower()]
    if p.get("ServiceType"):
        entries = []
    items, token, _size = token_page(entries, p.get("NextToken"), p.get("MaxResult"), 10, 100)
    return {
        "RouteEntrys": {"RouteEntry": [entry_view(ctx.world, e) for e in items]},
        "NextToken": token,
        "TotalCount": len(entries),
    }


def next_hop_not_found(hop_id):
    return ApiError("InvalidNextHopId.NotFound", "Specified next hop %s does not exist." % hop_id, 404)


def resolve_next_hop(ctx, table, hop_type, hop_id, weight=None):
    """Check that a next hop exists, belongs to the caller and fits the table; returns the hop record."""
    world = ctx.world
    if hop_type not in NEXT_HOP_TYPES:
        raise ApiError("InvalidNextHopType", 'Specified parameter "NextHopType" is not valid.', 400)
    if not hop_id:
        raise missing("NextHopId")
    if weight is not None and not 0 <= weight <= 255:
        raise ApiError("INVALID_WEIGHT_PARAM", "Specified value of weight invalid", 400)
    if hop_type == "RouterInterface":
        ri = owned(ctx, "router_interface", hop_id, table["_region"])
        if ri is None or ri["RouterId"] != table["RouterId"]:
            raise next_hop_not_found(hop_id)
        if world.is_pending("router_interface", hop_id) or ri["Status"] == "Deleting":
            raise ApiError("IncorrectStatus.RouterInterface", "The specified RouterInterface status is invalid.", 400)
    elif hop_type == "VpcPeer":
        pcc = world.get("vpc_peer", hop_id)
        mine = (
            pcc is not None
            and table["VpcId"]
            and (
                (pcc["VpcId"] == table["VpcId"] and pcc["_account"] == ctx.account)
                or (pcc["AcceptingVpcId"] == table["VpcId"] and str(pcc["AcceptingOwnerUid"]) == ctx.account)
            )
        )
        if not mine:
            raise ApiError(
                "ResourceNotFound.VpcPeer", "The specified resource of VpcPeer [%s] is not found." % hop_id, 400
            )
        if world.is_pending("vpc_peer", hop_id) or pcc["Status"] != "Activated":
            raise ApiError(
                "IncorrectStatus.VpcPeer", "The status of %s [%s] is incorrect." % (hop_id, pcc["Status"]), 400
            )
    else:
        # The emulator models no ECS instances, gateways or ENIs: such a next hop cannot exist.
        raise next_hop_not_found(hop_id)
    return {"NextHopType": hop_type, "NextHopId": hop_id, "Weight": weight, "Enabled": 1}


def parse_destination(text):
    try:
        return ipaddress.ip_network(text, strict=True)
    except (ValueError, TypeError):
        raise ApiError("InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.", 400)


@action("vpc", "CreateRouteEntry", write=True)
def create_route_entry(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    table = owned(ctx, "route_table", p["RouteTableId"], p.get("RegionId"), error=table_not_found())
    vpc = world.get("vpc", table["VpcId"]) if table["VpcId"] else None
    if vpc is not None and not vpc_is_stable(world, vpc):
        raise vpc_busy()
    dest = parse_destination(p["DestinationCidrBlock"])
    if dest.version == 6:
        raise ApiError("OperationDenied.VpcIpv6NotEnabled", "IPv6 has not been enabled for the VPC.", 400)
    if dest.overlaps(CLOUD_SERVICE_NET):
        raise ApiError("InvalidCidrBlock", "Specified CIDR block is not valid.", 400)
    if vpc is not None and any(
        dest.subnet_of(ipaddress.ip_network(s["CidrBlock"])) for s in vswitches_of(world, vpc["VpcId"])
    ):
        raise ApiError("InvalidCidrBlock", "Specified CIDR block is not valid.", 400)
    check_text(p.get("RouteEntryName"), "InvalidRouteEntryName.Malformed", "RouteEntry name", 1, 128)
    check_text(p.get("Description"), "InvalidDescription.Malformed", "Description", 1, 256)
    hop_list = p.get("NextHopList")
    if hop_list and p.get("NextHopType"):
        raise ApiError("InvalidNexthopTypeAndList.BothNotNull", "both nexthopType and nextHopList are not null.", 400)
    if hop_list:
        if not 2 <= len(hop_list) <= MAX_ECMP_HOPS:
            raise ApiError(
                "InvalidNexthopListSize", "nexthop size is illegal. Must be between 2 and %d." % MAX_ECMP_HOPS, 400
            )
        if len({(h.get("NextHopType"), h.get("NextHopId")) for h in hop_list}) != len(hop_list):
            raise ApiError("Duplicated.VpcNextHop", "Route entry nexthop duplicate.", 400)
        if any(h.get("NextHopType") != "RouterInterface" for h in hop_list):
            raise ApiError("InvalidNextHopType", "An ECMP route entry takes router interfaces only.", 400)
        hops = [resolve_next_hop(ctx, table, h["NextHopType"], h.get("NextHopId"), h.get("Weight")) for h in hop_list]
    else:
        hops = [resolve_next_hop(ctx, table, p.get("NextHopType") or "Instance", p.get("NextHopId"))]
    if table_busy(world, table["RouteTableId"]):
        raise ApiError(
            "IncorrectRouteEntryStatus",
            "The route table contains route entries in the Pending or Modifying state.",
            400,
        )
    for entry in entries_of_table(world, table["RouteTableId"]):
        if ipaddress.ip_network(entry["DestinationCidrBlock"]) == dest:
            raise ApiError(
                "RouterEntryConflict.Duplicated", "A route entry already exists, which CIDR is '%s'" % dest, 400
            )
    if p.get("DryRun"):
        raise dry_run_passed()
    entry = _new_route_entry(
        world,
        table,
        ctx.account,
        table["_region"],
        str(dest),
        "Custom",
        hops,
        "Pending",
        name=p.get("RouteEntryName") or "",
        description=p.get("Description") or "",
    )
    world.schedule("route_entry", entry["RouteEntryId"], set_fields={"Status": "Available"})
    return {"RouteEntryId": entry["RouteEntryId"]}


def route_entry_not_found():
    return ApiError("InvalidRouteEntry.NotFound", "Specified route entry does not exist.", 404)


@action("vpc", "DeleteRouteEntry", write=True)
def delete_route_entry(ctx, p):
    world = ctx.world
    region = p.get("RegionId")
    if region:
        check_region(region)
    if p.get("RouteEntryId"):
        entry = owned(ctx, "route_entry", p["RouteEntryId"], region)
        if entry is None or entry["Type"] != "Custom":
            raise route_entry_not_found()
        if p.get("RouteTableId") and entry["RouteTableId"] != p["RouteTableId"]:
            raise route_entry_not_found()
    else:
        if not p.get("RouteTableId"):
            raise missing("RouteTableId")
        if not p.get("DestinationCidrBlock"):
            raise missing("DestinationCidrBlock")
        table = owned(ctx, "route_table", p["RouteTableId"], region, error=table_not_found())
        dest = parse_destination(p["DestinationCidrBlock"])
        wanted_hops = None
        if p.get("NextHopList"):
            wanted_hops = {(h.get("NextHopType"), h.get("NextHopId")) for h in p["NextHopList"]}
        matches = []
        for entry in entries_of_table(world, table["RouteTableId"]):
            if entry["Type"] != "Custom" or ipaddress.ip_network(entry["DestinationCidrBlock"]) != dest:
                continue
            hops = {(h["NextHopType"], h["NextHopId"]) for h in entry["NextHops"]}
            if p.get("NextHopId") and p["NextHopId"] not in {hop_id for _t, hop_id in hops}:
                continue
            if wanted_hops is not None and wanted_hops != hops:
                continue
            matches.append(entry)
        if not matches:
            raise route_entry_not_found()
        entry = matches[0]
    if table_busy(world, entry["RouteTableId"]):
        raise ApiError(
            "IncorrectRouteEntryStatus",
            "The route table contains route entries in the Pending or Modifying state.",
            400,
        )
    if p.get("DryRun"):
        raise dry_run_passed()
    entry["Status"] = "Deleting"
    entry["GmtModified"] = iso_time(world)
    world.schedule("route_entry", entry["RouteEntryId"], delete=True)
    return {}


# ================================================================== router interfaces
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
    check_text(p.get("Description"), "InvalidDescription.Malformed", '"Description"', 2, 256, letter_first=True)


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
    china = geo().CHINA
    return (geo().area_of(region_a) == china) != (geo().area_of(region_b) == china)


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
    if not geo().is_known_region(p["OppositeRegionId"]):
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
    tags = check_tags(p.get("Tags"))
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
    filters = check_filters(p.get("Filter"), RI_FILTER_KEYS)
    ris = ctx.world.records("router_interface", ctx.account, p["RegionId"])
    for key, values in filters.items():
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


# ================================================================== tags
def tag_targets(ctx, p, types):
    """The caller's records named by a tag call: (resource type, [records])."""
    check_region(p["RegionId"])
    resource_type = (p.get("ResourceType") or "").upper()
    kind = types.get(resource_type)
    if kind is None:
        raise ApiError("InvalidInstanceType.NotFound", "The instance type is not found.", 400)
    ids = p.get("ResourceId") or []
    if len(ids) > MAX_TAG_RESOURCES:
        raise ApiError("NumberExceed.ResourceIds", "The maximum number of resource IDs is exceeded.", 400)
    recs = []
    for rid in ids:
        rec = owned(ctx, kind, rid, p["RegionId"])
        if rec is None:
            raise ApiError("InvalidInstanceIds.NotFound", "The instance IDs are not found.", 400)
        recs.append(rec)
    return resource_type, kind, recs


def tag(ctx, p, types):
    _type, _kind, recs = tag_targets(ctx, p, types)
    tags = check_tags(p["Tag"])
    merged = [merged_tags(rec.get("_tags"), tags) for rec in recs]
    for rec, new in zip(recs, merged):
        rec["_tags"] = new
    return {}


def untag(ctx, p, types):
    _type, _kind, recs = tag_targets(ctx, p, types)
    keys = p.get("TagKey") or []
    if len(keys) > MAX_TAGS:
        raise ApiError("NumberExceed.Tags", "The maximum number of tags is exceeded.", 400)
    if not keys and not p.get("All"):
        raise missing("TagKey.1")
    for rec in recs:
        if p.get("All"):
            rec["_tags"] = {}
        else:
            rec["_tags"] = {k: v for k, v in (rec.get("_tags") or {}).items() if k not in keys}
    return {}


def list_tags(ctx, p, types):
    check_region(p["RegionId"])
    resource_type = (p.get("ResourceType") or "").upper()
    kind = types.get(resource_type)
    if kind is None:
        raise ApiError("InvalidInstanceType.NotFound", "The instance type is not found.", 400)
    ids = p.get("ResourceId") or []
    wanted = p.get("Tag") or []
    if not ids and not wanted:
        raise ApiError(
            "BothEmpty.TagsAndResources", "The specified Tags and ResourcesIds are not allow to both empty.", 400
        )
    if len(ids) > MAX_TAG_RESOURCES:
        raise ApiError("NumberExceed.ResourceIds", "The maximum number of resource IDs is exceeded.", 400)
    check_tags(wanted)
    rows = []
    for rec in ctx.world.records(kind, ctx.account, p["RegionId"]):
        rid = rec.get(
            {
                "vpc": "VpcId",
                "route_table": "RouteTableId",
                "router_interface": "RouterInterfaceId",
                "vbr": "VbrId",
                "vswitch": "VSwitchId",
            }[kind]
        )
        if ids and rid not in ids:
            continue
        if not tags_match(rec.get("_tags"), wanted):
            continue
        for key, value in sorted((rec.get("_tags") or {}).items()):
            rows.append({"ResourceId": rid, "ResourceType": resource_type, "TagKey": key, "TagValue": value})
    items, token, _size = token_page(rows, p.get("NextToken"), p.get("MaxResults"), 50, 50)
    return {"TagResources": {"TagResource": items}, "NextToken": token}


@action("vpc", "TagResources", write=True)
def tag_resources(ctx, p):
    return tag(ctx, p, VPC_TAG_TYPES)


@action("vpc", "UnTagResources", write=True)
def untag_resources(ctx, p):
    return untag(ctx, p, VPC_TAG_TYPES)


@action("vpc", "ListTagResources")
def list_tag_resources(ctx, p):
    return list_tags(ctx, p, VPC_TAG_TYPES)


@action("vpc", "TagResourcesForExpressConnect", write=True)
def tag_resources_for_express_connect(ctx, p):
    return tag(ctx, p, EXPRESS_CONNECT_TAG_TYPES)


@action("vpc", "UntagResourcesForExpressConnect", write=True)
def untag_resources_for_express_connect(ctx, p):
    return untag(ctx, p, EXPRESS_CONNECT_TAG_TYPES)


@action("vpc", "ListTagResourcesForExpressConnect")
def list_tag_resources_for_express_connect(ctx, p):
    return list_tags(ctx, p, EXPRESS_CONNECT_TAG_TYPES)

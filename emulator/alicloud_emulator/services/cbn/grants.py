"""CEN grants, the CEN's side (CBN 2017-09-12): DescribeGrantRulesToCen (the CEN owner's
view) and DescribeGrantRulesToResource (the instance owner's). The grants themselves
are written by the VPC service (services/vpc/grants.py) and by GrantInstanceToTransitRouter
(services/transit_router/grants.py, which also records the OrderType).
"""

import calendar
import time

from alicloud_emulator.errors import invalid
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import token_page
from alicloud_emulator.services.cbn.shared import own_cen

GRANT_PRODUCT_TYPES = ("VPC", "VBR", "CCN", "VPN")
# DescribeGrantRulesToResource names products differently: ExpressConnect is a VBR.
RESOURCE_PRODUCT_TYPES = {"VPC": "VPC", "ExpressConnect": "VBR", "VPN": "VPN", "ECR": "ECR"}


def _grant_time(grant):
    """A grant's CreationTime (``YYYY-MM-DDThh:mm:ssZ``, as the VPC service writes it) in epoch seconds."""
    return calendar.timegm(time.strptime(grant["CreationTime"], "%Y-%m-%dT%H:%M:%SZ"))


@action("cbn", "DescribeGrantRulesToCen")
def describe_grant_rules_to_cen(ctx, p):
    world = ctx.world
    cen = own_cen(ctx, p["CenId"])
    product = p["ProductType"]
    if product not in GRANT_PRODUCT_TYPES:
        raise invalid("ProductType", "must be one of %s" % ", ".join(GRANT_PRODUCT_TYPES))
    found = []
    for grant in world.table("grant").values():
        if grant["CenId"] != cen["CenId"] or str(grant["CenOwnerId"]) != ctx.account:
            continue
        if grant["ChildInstanceType"] != product:
            continue
        if p.get("ChildInstanceId") and grant["ChildInstanceId"] != p["ChildInstanceId"]:
            continue
        if p.get("ChildInstanceOwnerId") is not None and str(grant["ChildInstanceOwnerId"]) != str(
            p["ChildInstanceOwnerId"]
        ):
            continue
        if p.get("RegionId") and grant["ChildInstanceRegionId"] != p["RegionId"]:
            continue
        if p.get("EnabledIpv6") and product == "VPC":
            # The VPC service refuses IPv6 (OperationUnsupported.Ipv6Feature): no VPC here has it enabled.
            continue
        found.append(grant)
    found.sort(key=lambda g: (_grant_time(g), g["ChildInstanceId"]))
    rules = [
        {
            "CenId": g["CenId"],
            "CenOwnerId": int(g["CenOwnerId"]),
            "ChildInstanceId": g["ChildInstanceId"],
            "ChildInstanceOwnerId": int(g["ChildInstanceOwnerId"]),
            "ChildInstanceRegionId": g["ChildInstanceRegionId"],
            "ChildInstanceType": g["ChildInstanceType"],
            "CreateTime": int(_grant_time(g) * 1000),
            "OrderType": g.get("OrderType", "PayByCenOwner"),
            "EffectiveOrderType": g.get("OrderType", "PayByCenOwner"),
        }
        for g in found
    ]
    if p.get("MaxResults") is None and not p.get("NextToken"):
        return {"GrantRules": {"GrantRule": rules}, "MaxResults": len(rules), "NextToken": "", "TotalCount": len(rules)}
    page = token_page(rules, p, 20, 100)
    return {
        "GrantRules": {"GrantRule": page.items},
        "MaxResults": len(page.items),
        "NextToken": page.next_token,
        "TotalCount": len(rules),
    }


@action("cbn", "DescribeGrantRulesToResource")
def describe_grant_rules_to_resource(ctx, p):
    product = p["ProductType"]
    if product not in RESOURCE_PRODUCT_TYPES:
        raise invalid("ProductType", "must be one of %s" % ", ".join(sorted(RESOURCE_PRODUCT_TYPES)))
    found = []
    for grant in ctx.world.table("grant").values():
        if grant["ChildInstanceId"] != p["ResourceId"] or str(grant["ChildInstanceOwnerId"]) != ctx.account:
            continue
        if grant["ChildInstanceType"] != RESOURCE_PRODUCT_TYPES[product]:
            continue
        if p.get("RegionId") and grant["ChildInstanceRegionId"] != p["RegionId"]:
            continue
        found.append(grant)
    found.sort(key=lambda g: (_grant_time(g), g["CenId"]))
    rules = [
        {
            "CenId": g["CenId"],
            "CenOwnerId": int(g["CenOwnerId"]),
            "CreateTime": g["CreationTime"],
            "OrderType": g.get("OrderType", "PayByCenOwner"),
            "EffectiveOrderType": g.get("OrderType", "PayByCenOwner"),
        }
        for g in found
    ]
    if p.get("MaxResults") is None and not p.get("NextToken"):
        return {"GrantRules": rules, "MaxResults": len(rules), "NextToken": "", "TotalCount": len(rules)}
    page = token_page(rules, p, 20, 100)
    return {
        "GrantRules": page.items,
        "MaxResults": len(page.items),
        "NextToken": page.next_token,
        "TotalCount": len(rules),
    }

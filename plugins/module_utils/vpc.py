# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPC look-ups (VPC API 2016-04-28) and the core of alicloud.interconnect.vpc_info.

Stable API for other modules (all return API dicts with wire names, or None / []):

* ``check_id(value, prefix, option)``: refuse an id that does not look like ``<prefix>-...``.
* ``parse_cidr(value, option, strict=True)``: the one parser of user-given CIDR blocks.
* ``not_visible(session, code, option, what, region, other_account)``: the "not in this account" error.
* ``get_vpc(session, region, vpc_id)``: DescribeVpcs for one VPC.
* ``get_vpc_attribute(session, region, vpc_id)``: DescribeVpcAttribute (adds ``AssociatedCens``).
* ``find_vpcs(session, region, vpc_ids=None, name=None, tags=None, cidr_block=None)``: every match, paginated.
* ``find_vpc(session, region, vpc_id=None, name=None)``: one VPC by id or by a unique name.
* ``get_vrouter_id(session, region, vpc_id)``: the VPC's vRouter id.
* ``get_system_route_table(session, region, vpc_id)``: the VPC's system route table.
* ``get_vrouter(session, region, vrouter_id)``: DescribeVRouters for one vRouter (its ``VpcId``).
* ``get_vbr(session, region, vbr_id)``: DescribeVirtualBorderRouters for one VBR.

``region`` may be None for the session's region. A region the API does not know
raises AlicloudError with the API's code (``InvalidRegionId.NotFound``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import read_lookups, session_params
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    every_page,
    find_by_name,
    snake_dict,
    unwrap,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import tags_to_list

PAGE_SIZE = 50
MAX_VPC_IDS_PER_CALL = 20  # DescribeVpcs takes at most 20 comma-separated ids
VPC_NOT_FOUND_CODES = ("InvalidVpcId.NotFound", "InvalidVpcID.NotFound")

# Keys of DescribeVpcs / DescribeVpcAttribute whose {"X": [...]} wrapper is dropped in results.
VPC_LIST_KEYS = ("VSwitchIds", "RouterTableIds", "UserCidrs", "SecondaryCidrBlocks", "NatGatewayIds",
                 "Ipv6CidrBlocks", "AssociatedCens", "CloudResources", "AssociatedPropagationSources")

_ID_BODY = re.compile(r"^[0-9a-z]+$")


def check_id(value, prefix, option):
    """Refuse ``value`` unless it looks like an Alibaba Cloud id ``<prefix>-<lower-case letters and digits>``.

    Catches typos before any API call. ``option`` names the option in the message. Returns value.
    """
    text = value if isinstance(value, str) else ""
    head, dash, body = text.partition("-")
    if head != prefix or not dash or not _ID_BODY.match(body):
        raise AlicloudError(None, "%s: %r is not a valid %s id (expected %s-<lower-case letters and digits>)"
                            % (option, value, prefix.upper(), prefix))
    return value


def _region(session, region):
    return region or session.require_region()


def _vpc_call(session, operation, region, **fields):
    region = _region(session, region)
    return session.call("vpc", operation, region=region, RegionId=region, **fields)


def _paged(session, operation, region, list_key, **fields):
    """Every item of a PageNumber/PageSize listing."""
    region = _region(session, region)
    return every_page(session, "vpc", operation, list_key, PAGE_SIZE, region=region, RegionId=region, **fields)


def get_vpc(session, region, vpc_id):
    """The VPC ``vpc_id`` in ``region`` as DescribeVpcs shows it, or None (remembered for the run where the
    session has a run cache: a VPC's vRouter and CIDR blocks do not change during a run)."""
    def read():
        found = find_vpcs(session, region, vpc_ids=[vpc_id])
        return found[0] if found else None
    return session.remembered(["vpc", region, vpc_id], read)


def get_vpc_attribute(session, region, vpc_id):
    """DescribeVpcAttribute of ``vpc_id`` (with ``AssociatedCens``: the CENs it is attached to), or None."""
    try:
        return _vpc_call(session, "DescribeVpcAttribute", region, VpcId=vpc_id)
    except AlicloudError as exc:
        if exc.code in VPC_NOT_FOUND_CODES:
            return None
        raise


def _cidr_matches(vpc, wanted):
    """The VPC's primary or a secondary CIDR block is ``wanted`` (an ip_network)."""
    blocks = [vpc.get("CidrBlock")] + list(unwrap(vpc.get("SecondaryCidrBlocks")) or [])
    for block in blocks:
        try:
            if block and ipaddress.ip_network(block, strict=False) == wanted:
                return True
        except ValueError:
            continue
    return False


def parse_cidr(value, option, strict=True):
    """``value`` as an ip_network; an error naming ``option`` when it is not a CIDR block like 10.1.0.0/16.

    The one parser of CIDR blocks the user gives. ``strict`` (blocks the API is given: a route's
    destination, a VPC's blocks) refuses host bits (10.1.0.1/16); a filter that is compared as a
    network (vpc_info's cidr_block) passes ``strict=False`` and reads 10.1.5.7/16 as 10.1.0.0/16.
    """
    try:
        return ipaddress.ip_network(str(value).strip(), strict=strict)
    except ValueError as exc:
        raise AlicloudError("InvalidParameter", "%s: %r is not a CIDR block (%s)" % (option, value, exc))


def not_visible(session, code, option, what, region, other_account, region_option="alicloud_region"):
    """The error for a resource the task names that the credentials do not see in ``region``.

    It names the account the credentials act as, and what to try: ``other_account`` says what to do
    when the resource belongs to another account (its owner's credentials, an owner-id option), and
    ``region_option`` is the option that picks the region looked in.
    """
    return AlicloudError(code, "%s: %s does not exist in %s for account %s (the account these credentials act as); "
                               "if it belongs to another account, %s; otherwise check %s"
                         % (option, what, region, session.account_id(), other_account, region_option))


OWNER_CREDENTIALS = "run the task with that account's credentials (profile, alicloud_access_key or alicloud_assume_role)"
"""What to try, for not_visible(), when only the resource's owner can act on it."""


def find_vpcs(session, region, vpc_ids=None, name=None, tags=None, cidr_block=None):
    """The VPCs in ``region`` matching every criterion given (DescribeVpcs, all pages).

    ``vpc_ids``: any of these ids; ``name``: exactly this VpcName; ``tags``: a dict the VPC's
    tags must contain (an empty value matches any value); ``cidr_block``: the VPC's primary or a
    secondary CIDR block equals it (compared as networks). Results keep the API's order.
    """
    wanted_cidr = parse_cidr(cidr_block, "cidr_block", strict=False) if cidr_block else None
    fields = dict(VpcName=name or None)
    if tags:
        fields["Tag"] = [dict(t, Value=t["Value"] or None) for t in tags_to_list(tags)]
    if vpc_ids:
        ids = list(dict.fromkeys(vpc_ids))
        vpcs = []
        for start in range(0, len(ids), MAX_VPC_IDS_PER_CALL):
            chunk = ids[start:start + MAX_VPC_IDS_PER_CALL]
            vpcs.extend(_paged(session, "DescribeVpcs", region, "Vpcs", VpcId=",".join(chunk), **fields))
    else:
        vpcs = _paged(session, "DescribeVpcs", region, "Vpcs", **fields)
    if wanted_cidr is not None:
        vpcs = [vpc for vpc in vpcs if _cidr_matches(vpc, wanted_cidr)]
    return vpcs


def find_vpc(session, region, vpc_id=None, name=None):
    """One VPC by id, else by name (failing when two VPCs share the name), or None."""
    if vpc_id:
        return get_vpc(session, region, vpc_id)
    return find_by_name(find_vpcs(session, region, name=name), name, "VPCs", "VpcId", name_key="VpcName")


def get_vrouter_id(session, region, vpc_id):
    """The id of the VPC's vRouter, or None when the VPC does not exist."""
    vpc = get_vpc(session, region, vpc_id)
    return vpc.get("VRouterId") if vpc else None


def get_system_route_table(session, region, vpc_id):
    """The VPC's system route table (DescribeRouteTableList), or None when the VPC does not exist."""
    tables = _paged(session, "DescribeRouteTableList", region, "RouterTableList", VpcId=vpc_id,
                    RouteTableType="System")
    return tables[0] if tables else None


def get_vrouter(session, region, vrouter_id):
    """The vRouter ``vrouter_id`` in ``region`` (DescribeVRouters: ``VRouterId``, ``VpcId``, ...), or None."""
    routers = _paged(session, "DescribeVRouters", region, "VRouters", VRouterId=vrouter_id)
    return routers[0] if routers else None


def get_vbr(session, region, vbr_id):
    """The virtual border router ``vbr_id`` in ``region`` (DescribeVirtualBorderRouters), or None."""
    vbrs = _paged(session, "DescribeVirtualBorderRouters", region, "VirtualBorderRouterSet",
                  Filter=[dict(Key="VbrId", Value=[vbr_id])])
    return vbrs[0] if vbrs else None


def vpc_result(vpc):
    """A VPC as the modules return it: snake_case, list wrappers dropped, tags as a dict."""
    result = snake_dict(vpc, unwrap_keys=VPC_LIST_KEYS)
    result.pop("request_id", None)
    if result.get("owner_id") is not None:
        result["owner_id"] = str(result["owner_id"])
    return result


# ---------------------------------------------------------------------------
# vpc_info
# ---------------------------------------------------------------------------

def vpc_info(session, params, check_mode):
    """Core of alicloud.interconnect.vpc_info: the VPCs of the region matching every filter given."""
    for vpc_id in params.get("vpc_ids") or []:
        check_id(vpc_id, "vpc", "vpc_ids")
    if params.get("cidr_block"):
        parse_cidr(params["cidr_block"], "cidr_block", strict=False)

    def read(regional):
        vpcs = find_vpcs(regional, None, vpc_ids=params.get("vpc_ids"),
                         name=params.get("name"), tags=params.get("tags"), cidr_block=params.get("cidr_block"))
        for vpc in vpcs:
            regional.keep(["vpc", regional.region, vpc["VpcId"]], vpc)  # for the run's peering tasks (get_vpc)
        return dict(vpcs=[vpc_result(vpc) for vpc in vpcs])

    if params.get("lookups"):
        return dict(changed=False, results=read_lookups(session, params, read))
    return dict(read(session), changed=False)


vpc_info.session_params = session_params

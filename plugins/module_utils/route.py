# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPC route entries (VPC API 2016-04-28), and the CIDR checks peering needs.

The core of alicloud.interconnect.vpc_route_entry is ensure_route_entry(). The
peering cores (router_interface.py, vpcpeer.py) use routes_via() to find the
routes that block a delete, and refuse_overlap() to refuse two VPCs whose
address ranges overlap before anything is written.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import ACCOUNT_ENTRY_OPTIONS
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import predicted, predicted_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    every_page,
    every_token_page,
    make_diff,
    snake_dict,
    unwrap,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_batches import run_per_router
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import (
    OWNER_CREDENTIALS,
    check_id,
    get_system_route_table,
    not_visible,
    parse_cidr,
)

# The next-hop types CreateRouteEntry takes.
NEXT_HOP_TYPES = ("Instance", "HaVip", "RouterInterface", "NetworkInterface", "VpnGateway", "IPv6Gateway",
                  "NatGateway", "Attachment", "VpcPeer", "Ipv4Gateway", "GatewayEndpoint", "Ecr",
                  "GatewayLoadBalancerEndpoint", "RouteTargetGroup")


# Fields of a route entry that say what it does (the rest is bookkeeping).
ROUTE_FIELDS = ("route_table_id", "destination_cidr_block", "next_hop_type", "next_hop_id")


# ---------------------------------------------------------------------------
# CIDR blocks
# ---------------------------------------------------------------------------

def overlaps(cidrs_a, cidrs_b):
    """The pairs ``(a, b)`` of CIDR blocks (strings) of the two lists whose ranges overlap."""
    pairs = []
    for a in cidrs_a:
        for b in cidrs_b:
            net_a, net_b = ipaddress.ip_network(a, strict=False), ipaddress.ip_network(b, strict=False)
            if net_a.version == net_b.version and net_a.overlaps(net_b):
                pairs.append((a, b))
    return pairs


def refuse_overlap(vpc_a, cidrs_a, vpc_b, cidrs_b):
    """Fail, naming both VPCs and their blocks, when two VPCs to be peered have overlapping ranges.

    Traffic to an address both VPCs hold could not be routed to the peer, so Alibaba Cloud
    guides refuse such a peering; this refuses it before anything is written.
    """
    pairs = overlaps(cidrs_a, cidrs_b)
    if pairs:
        raise AlicloudError("OverlappingCidrBlocks", "the CIDR blocks of %s (%s) and %s (%s) overlap (%s): VPCs with "
                            "overlapping address ranges cannot be peered"
                            % (vpc_a, ", ".join(cidrs_a), vpc_b, ", ".join(cidrs_b),
                               "; ".join("%s with %s" % pair for pair in pairs)))


def vpc_cidr_blocks(vpc):
    """Every IPv4 block of a DescribeVpcs record: the primary and the secondary ones."""
    blocks = [vpc["CidrBlock"]] if vpc.get("CidrBlock") else []
    blocks.extend(b for b in unwrap(vpc.get("SecondaryCidrBlocks")) or [] if b not in blocks)
    return blocks


# ---------------------------------------------------------------------------
# API wrappers
# ---------------------------------------------------------------------------

def describe_route_tables(session, region, router_id):
    """Every route table of a vRouter or VBR, with its entries (DescribeRouteTables)."""
    return every_page(session, "vpc", "DescribeRouteTables", "RouteTables", 50, region=region, RegionId=region,
                      RouterId=router_id)


def describe_route_entries(session, region, table_id, **filters):
    """The entries of a route table (DescribeRouteEntryList), every page. filters use wire names."""
    try:
        return every_token_page(session, "vpc", "DescribeRouteEntryList", "RouteEntrys", region=region,
                                RegionId=region, RouteTableId=table_id, MaxResult=100, **filters)
    except AlicloudError as exc:
        if exc.code == "InvalidRouteTableId.NotFound":
            return []
        raise


def next_hops(entry):
    """``[(type, id), ...]`` of a route entry, whichever API answered it."""
    hops = unwrap(entry.get("NextHops")) or []
    if hops:
        return [(h.get("NextHopType"), h.get("NextHopId")) for h in hops]
    if entry.get("NextHopType"):
        return [(entry["NextHopType"], entry.get("InstanceId"))]
    return []


def routes_via(session, region, router_id, hop_id):
    """The custom route entries of a router's tables whose next hop is ``hop_id`` (an interface, a peer connection)."""
    found = []
    for table in describe_route_tables(session, region, router_id):
        for entry in unwrap(table.get("RouteEntrys")) or []:
            if any(hid == hop_id for _type, hid in next_hops(entry)):
                found.append(entry)
    return found


def describe_routes(entries):
    """``rte-1 (10.2.0.0/16 in vtb-1), ...`` for an error message."""
    return ", ".join("%s (%s in %s)" % (e.get("RouteEntryId"), e.get("DestinationCidrBlock"), e.get("RouteTableId"))
                     for e in entries)


def find_route_entry(session, region, table_id, destination):
    """The custom entry of a table for a destination CIDR block, or None."""
    entries = describe_route_entries(session, region, table_id, DestinationCidrBlock=destination,
                                     RouteEntryType="Custom")
    entries = [e for e in entries if e.get("DestinationCidrBlock") == destination and e.get("Type", "Custom") == "Custom"]
    return entries[0] if entries else None


def get_route_entry(session, region, table_id, entry_id):
    entries = describe_route_entries(session, region, table_id, RouteEntryId=entry_id)
    entries = [e for e in entries if e.get("RouteEntryId") == entry_id]
    return entries[0] if entries else None


def create_route_entry(session, region, table_id, destination, hop_type, hop_id, name=None, description=None):
    body = session.call("vpc", "CreateRouteEntry", region=region, ClientToken=session.client_token(),
                        RegionId=region, RouteTableId=table_id,
                        DestinationCidrBlock=destination, NextHopType=hop_type, NextHopId=hop_id,
                        RouteEntryName=name, Description=description)
    return body["RouteEntryId"]


def delete_route_entry(session, region, table_id, entry_id):
    """DeleteRouteEntry; False when the entry was already gone. It takes no ClientToken: when an attempt's answer
    was lost, the entry read back (Deleting, or gone) shows that it did the work."""
    def done():
        entry = get_route_entry(session, region, table_id, entry_id)
        return entry is None or entry.get("Status") == "Deleting"

    try:
        session.call("vpc", "DeleteRouteEntry", region=region, RegionId=region, RouteEntryId=entry_id, done=done)
    except AlicloudError as exc:
        if exc.code == "InvalidRouteEntry.NotFound":
            return False
        raise
    return True


# ---------------------------------------------------------------------------
# Core of vpc_route_entry
# ---------------------------------------------------------------------------

# What the task says about each route it manages: an item of ``routes``, or the task's own options.
ROUTE_KEYS = ("route_table_id", "vpc_id", "region", "destination_cidr", "next_hop_type", "next_hop_id", "name",
              "description", "account")


def route_view(entry):
    """A route entry as the module returns it: snake_case, with next_hop_type/next_hop_id on top."""
    view = snake_dict(entry, unwrap_keys=("NextHops",))
    view.pop("request_id", None)
    hops = next_hops(entry)
    if len(hops) == 1:
        view["next_hop_type"], view["next_hop_id"] = hops[0]
    return view


def _route_summary(view):
    return dict((k, view.get(k)) for k in ROUTE_FIELDS + ("route_entry_name", "description"))


def resolve_route_table(session, region, params, where=""):
    """The route table the task means: route_table_id, else the system route table of vpc_id. ``where`` prefixes
    the option names in messages (``routes[1].`` for an item of a batch)."""
    if params.get("route_table_id"):
        return check_id(params["route_table_id"], "vtb", where + "route_table_id")
    table = get_system_route_table(session, region, check_id(params["vpc_id"], "vpc", where + "vpc_id"))
    if table is None:
        raise not_visible(session, "InvalidVpcId.NotFound", where + "vpc_id", "VPC %s" % params["vpc_id"], region,
                          OWNER_CREDENTIALS)
    return table["RouteTableId"]


def _wait(session, region, table_id, entry_id, ready, what):
    """Wait (on the task's deadline) until ``ready(entry or None)``."""
    return wait_for(session, lambda: get_route_entry(session, region, table_id, entry_id), ready,
                    "route entry %s %s" % (entry_id, what))


def _available(entry):
    return entry is not None and entry.get("Status") == "Available"


def _gone(entry):
    return entry is None


def check_next_hop(session, region, hop_type, hop_id):
    """Refuse a router interface or VpcPeer next hop that does not exist, or an Attachment next hop that is not
    an attachment id, before anything is written.

    CreateRouteEntry would refuse them too, but a route being replaced is deleted first, and
    check mode would predict a change that cannot happen. Other next-hop types are left to the API
    (so is whether an attachment exists: it belongs to the CEN's account, which may not be the VPC's).
    """
    if hop_type == "Attachment" and not (hop_id or "").startswith("tr-attach-"):
        raise AlicloudError(None, "next_hop_id: %r is not a transit-router attachment id (tr-attach-...); with "
                                  "next_hop_type Attachment, give the VPC's attachment to a transit router "
                                  "(transit_router_attachment_id of alicloud.interconnect.transit_router_vpc_attachment)"
                            % (hop_id,))
    # Imported here: both modules import this one.
    from ansible_collections.alicloud.interconnect.plugins.module_utils.router_interface_api import (
        get_router_interface,
    )
    from ansible_collections.alicloud.interconnect.plugins.module_utils.vpcpeer import get_peer_connection

    if hop_type == "RouterInterface" and get_router_interface(session, region, hop_id) is None:
        raise not_visible(session, "InvalidNextHopId.NotFound", "next_hop_id", "router interface %s" % hop_id, region,
                          "run the task with the credentials of the account that owns the route table and the "
                          "interface (a route goes to an interface of its own router)")
    if hop_type == "VpcPeer" and get_peer_connection(session, hop_id) is None:
        raise not_visible(session, "InvalidNextHopId.NotFound", "next_hop_id", "VPC peering connection %s" % hop_id,
                          "any region", "run the task with the credentials of one of the connection's two accounts",
                          region_option="the id")


def _result(changed, table_id, entry_id=None, view=None, before=None):
    """The module's result: one shape whatever happened (route_entry is {} when there is no route)."""
    result = dict(changed=changed, route_entry_id=entry_id, route_table_id=table_id, route_entry=view or {})
    if changed:
        result["diff"] = make_diff(_route_summary(before) if before else None, _route_summary(view) if view else None)
    return result


def _remove(session, region, table_id, current, params, check_mode):
    """state=absent: delete the route (when it goes to next_hop_id, if given)."""
    if current is None or params.get("next_hop_id") and params["next_hop_id"] not in [
            hop_id for _t, hop_id in next_hops(current)]:
        # No route to the destination, or it leads elsewhere: not the one the task names.
        return _result(False, table_id)
    entry_id = current["RouteEntryId"]
    result = _result(True, table_id, entry_id, None, route_view(current))
    if check_mode:
        return result
    delete_route_entry(session, region, table_id, entry_id)
    if params["wait"]:
        try:
            _wait(session, region, table_id, entry_id, _gone, "to be deleted")
        except AlicloudError as exc:
            raise after_write(exc, "deleted route entry %s" % entry_id, "a re-run waits for it to be gone",
                              route_entry_id=entry_id, route_table_id=table_id)
    return result


def _replace(session, region, table_id, current, destination, wanted, params):
    """Delete the route to ``destination`` that goes elsewhere (waiting until it is gone: the table takes one route
    per destination), then create the route to ``wanted``. Returns the new entry's id."""
    done = None
    try:
        if current is not None:
            delete_route_entry(session, region, table_id, current["RouteEntryId"])
            done = "deleted route entry %s (to %s, through %s)" % (
                current["RouteEntryId"], destination, ", ".join("%s %s" % hop for hop in next_hops(current)))
            _wait(session, region, table_id, current["RouteEntryId"], _gone, "to be deleted")
        return create_route_entry(session, region, table_id, destination, wanted[0], wanted[1], params.get("name"),
                                  params.get("description"))
    except AlicloudError as exc:
        if done is None:
            raise
        raise after_write(exc, done, "a re-run creates the route to %s through %s %s" % ((destination,) + wanted),
                          route_table_id=table_id)


def _task_routes(session, params, check_mode):
    """The routes of the task, each a dict of ROUTE_KEYS completed with ``where`` (how messages name it),
    ``session`` (its account's, else None for the task's), ``region`` and ``destination``, and the task's
    ``state`` and ``wait``; checked before any call."""
    batch = params.get("routes") is not None
    routes = params["routes"] if batch else [dict((key, params.get(key)) for key in ROUTE_KEYS)]
    checked = []
    for index, route in enumerate(routes):
        where = "routes[%d]." % index if batch else ""
        route = dict(route, where=where, state=params["state"], wait=params["wait"])
        route["destination"] = str(parse_cidr(route["destination_cidr"], where + "destination_cidr"))
        if params["state"] == "present" and not route.get("next_hop_id"):
            raise AlicloudError(None, "%snext_hop_id: required with state=present" % where)
        route["hop_predicted"] = predicted(route.get("next_hop_id"), where + "next_hop_id", check_mode)
        route["region"] = route.get("region") or session.require_region()
        route["session"] = _account_session(params, route) if route.get("account") else None
        checked.append(route)
    return batch, checked


def _account_session(params, route):
    """A Session with the credentials of the route's ``account`` (the task's endpoint and budget)."""
    own = dict((option, route["account"].get(key)) for key, option in ACCOUNT_ENTRY_OPTIONS.items())
    if not any(own[option] for option in ("alicloud_access_key", "profile", "shared_credentials_file")):
        raise AlicloudError(None, "%saccount: give access_key and secret_key, or profile" % route["where"])
    own.update(alicloud_endpoint=params.get("alicloud_endpoint"), alicloud_region=route["region"],
               wait_timeout=params.get("wait_timeout"))
    return Session.from_params(own)


def _plan_route(session, route, check_mode):
    """What one route needs, read and checked before any write: ``(table_id, current entry or None)``."""
    region = route["region"]
    table_id = resolve_route_table(session, region, route, route["where"])
    current = find_route_entry(session, region, table_id, route["destination"])
    wanted = (route["next_hop_type"], route["next_hop_id"])
    if route["state"] == "present" and not (current is not None and next_hops(current) == [wanted]) \
            and not route["hop_predicted"]:
        # A next hop predicted by an earlier task of a check-mode run does not exist yet: nothing to check.
        check_next_hop(session, region, wanted[0], wanted[1])
    return table_id, current


def _apply_route(session, route, table_id, current, check_mode):
    """Make one route as the task says (planned by _plan_route); its result."""
    region, destination = route["region"], route["destination"]
    before = route_view(current) if current else None
    if route["state"] == "absent":
        return _remove(session, region, table_id, current, route, check_mode)
    wanted = (route["next_hop_type"], route["next_hop_id"])
    if current is not None and next_hops(current) == [wanted]:
        if route["wait"] and not check_mode and not _available(current):
            current = _wait(session, region, table_id, current["RouteEntryId"], _available, "to become Available")
        return _result(False, table_id, current["RouteEntryId"], route_view(current))
    if check_mode:
        view = dict(route_entry_id=predicted_id("rte"), route_table_id=table_id, destination_cidr_block=destination,
                    next_hop_type=wanted[0], next_hop_id=wanted[1], route_entry_name=route.get("name") or "",
                    description=route.get("description") or "", type="Custom", status="Available")
        return _result(True, table_id, view["route_entry_id"], view, before)
    entry_id = _replace(session, region, table_id, current, destination, wanted, route)
    try:
        if route["wait"]:
            entry = _wait(session, region, table_id, entry_id, _available, "to become Available")
        else:
            entry = get_route_entry(session, region, table_id, entry_id) or dict(
                RouteEntryId=entry_id, RouteTableId=table_id, DestinationCidrBlock=destination, Status="Pending",
                NextHops={"NextHop": [dict(NextHopType=wanted[0], NextHopId=wanted[1])]})
    except AlicloudError as exc:
        raise after_write(exc, "created route entry %s (to %s through %s %s)" % ((entry_id, destination) + wanted),
                          "a re-run finds it and waits for it to be Available", route_entry_id=entry_id,
                          route_table_id=table_id)
    return _result(True, table_id, entry_id, route_view(entry), before)


def _label(route):
    return "%s (%s in %s)" % (route["where"].rstrip("."), route["destination"],
                              route.get("route_table_id") or route["vpc_id"])


def _failure(routes, outcomes, changed, results):
    """One AlicloudError for the items that failed; ``changed`` with every item's result when others wrote."""
    failed = [(route, outcome) for route, outcome in zip(routes, outcomes) if not outcome.ok]
    text = "; ".join("%s: %s" % (_label(route), outcome.error or "not tried, after the failure of an earlier route "
                                 "of its route table") for route, outcome in failed)
    code = next(outcome.error.code for _route, outcome in failed if outcome.error is not None)
    if not changed:
        return AlicloudError(code, "nothing was changed: " + text)
    return AlicloudError(code, "%s; the other routes are as results says; a re-run does the rest" % text,
                         changed=True, result=dict(results=results))


def ensure_route_entry(session, params, check_mode):
    """Core of vpc_route_entry: one custom route of a route table found by its destination CIDR block, or the batch
    ``routes``. Every route is read and checked first, nothing written when one is refused; then they are made,
    one route table per thread (a table takes one change at a time; tables never wait for each other)."""
    batch, routes = _task_routes(session, params, check_mode)

    def plan(thread_session, route):
        return _plan_route(route["session"] or thread_session, route, check_mode)

    planned = run_per_router(session, [((r["region"], r["route_table_id"] or r["vpc_id"]), r) for r in routes], plan,
                             stop_on_error=False)
    if not batch and planned[0].error is not None:
        raise planned[0].error
    if any(outcome.error is not None for outcome in planned):
        raise _failure(routes, planned, False, [])
    for route, outcome in zip(routes, planned):
        route["table_id"], route["current"] = outcome.value

    def make(thread_session, route):
        return _apply_route(route["session"] or thread_session, route, route["table_id"], route["current"],
                            check_mode)

    made = run_per_router(session, [(r["table_id"], r) for r in routes], make)
    if not batch:
        if made[0].error is not None:
            raise made[0].error
        return made[0].value
    results = [_item_result(route, outcome) for route, outcome in zip(routes, made)]
    changed = any(r["changed"] for r in results)
    if any(not outcome.ok for outcome in made):
        raise _failure(routes, made, changed, results)
    result = dict(changed=changed, results=results)
    if changed:
        result["diff"] = make_diff(
            dict(("%s %s" % (r["table_id"], r["destination"]), _route_summary(route_view(r["current"])))
                 for r in routes if r["current"]),
            dict(("%s %s" % (r["route_table_id"], r["destination_cidr"]), _route_summary(r["route_entry"]))
                 for r in results if r["route_entry"]))
    return result


def _item_result(route, outcome):
    """One route's entry of ``results``: what the task named it by, and what became of it."""
    value = outcome.value or (outcome.error.result if outcome.error is not None else {})
    return dict(vpc_id=route.get("vpc_id"), region=route["region"], destination_cidr=route["destination"],
                route_table_id=route["table_id"], route_entry_id=value.get("route_entry_id"),
                route_entry=value.get("route_entry") or {},
                changed=bool(outcome.value and outcome.value["changed"] or outcome.error is not None
                             and outcome.error.changed),
                failed=not outcome.ok)

# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters internal to the vpc_peering role: its check of the two VPCs' address ranges, and its result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import refuse_overlap


def vpc_peering_overlap(initiator_vpc, acceptor_vpc):
    """The peering modules' message when the two VPCs' CIDR blocks overlap, else an empty string.

    The arguments are vpc_info records (``vpc_id``, ``cidr_block``, ``secondary_cidr_blocks``).
    """
    blocks = [[vpc["cidr_block"]] + [b for b in vpc.get("secondary_cidr_blocks") or [] if b != vpc["cidr_block"]]
              for vpc in (initiator_vpc, acceptor_vpc)]
    try:
        refuse_overlap(initiator_vpc["vpc_id"], blocks[0], acceptor_vpc["vpc_id"], blocks[1])
    except AlicloudError as error:
        return error.message
    return ""


def _done(registered):
    """A registered task result that ran (None, {} and skipped ones did not)."""
    return bool(registered) and not registered.get("skipped")


def _items(registered):
    return [r for r in (registered or {}).get("results", []) if _done(r)]


def _side(ctx, side, interface_id):
    view = dict(ctx["vpcs"][side])
    view.pop("vrouter_id", None)
    if ctx["method"] == "router_interface":
        view["router_interface_id"] = interface_id
    return view


def _route_side(ctx, result):
    """The side whose VPC holds a route (an entry of vpc_route_entry's results)."""
    return "initiator" if result["vpc_id"] == ctx["vpcs"]["initiator"]["vpc_id"] else "acceptor"


def _route_text(ctx, result, verb):
    side = _route_side(ctx, result)
    other = "acceptor" if side == "initiator" else "initiator"
    return "%s the route in the %s's VPC %s to the %s's %s" % (
        verb, side, ctx["vpcs"][side]["vpc_id"], other, ctx["vpcs"][other]["cidr_block"])


def _connection(ctx):
    """The VpcPeer connection, or the initiator's interface, as the role's steps left it (the last one known wins)."""
    if ctx["method"] == "router_interface":
        steps = (("ri_initiator", "router_interface"), ("ri_connect", "router_interface"))
    else:
        steps = (("connection", "vpc_peer_connection"), ("accept", "vpc_peer_connection"))
    view = {}
    for key, field in steps:
        result = ctx.get(key) or {}
        if _done(result):
            view.update((k, v) for k, v in (result.get(field) or {}).items() if v is not None)
    return view


def vpc_peering_result(ctx):
    """``vpc_peering_result``: the two sides, the peering, its routes, and what this run changed."""
    changes = []
    present = ctx["state"] == "present"
    interfaces = dict(initiator=None, acceptor=None)
    connection_id = None
    if ctx["method"] == "router_interface":
        for side, key in (("initiator", "ri_initiator"), ("acceptor", "ri_acceptor")):
            result = ctx.get(key) or {}
            if _done(result):
                interfaces[side] = result.get("router_interface_id")
                if result.get("changed"):
                    changes.append("created the %s interface %s" % (side, interfaces[side]))
        connect = ctx.get("ri_connect") or {}
        if _done(connect) and connect.get("changed"):
            changes.append("connected %s to %s" % (interfaces["initiator"], interfaces["acceptor"]))
    else:
        connection = ctx.get("connection") or {}
        if _done(connection):
            connection_id = connection.get("peer_connection_id")
            if connection.get("changed"):
                changes.append("requested the peering connection %s" % connection_id)
        accept = ctx.get("accept") or {}
        if _done(accept) and accept.get("changed"):
            changes.append("accepted %s in account %s" % (connection_id, ctx["vpcs"]["acceptor"]["account_id"]))
    changes.extend(_route_text(ctx, r, "added") for r in _items(ctx.get("routes_set")) if r.get("changed"))
    changes.extend(_route_text(ctx, r, "removed") for r in _items(ctx.get("routes_removed")) if r.get("changed"))
    removed = ctx.get("removed") or {}
    for result in _items(removed) if "results" in removed else ([removed] if _done(removed) else []):
        if result.get("changed"):
            changes.append("deleted %s" % (result.get("router_interface_id") or result.get("peer_connection_id")))
    routes = []
    if present:
        routes = [dict(vpc_id=r["vpc_id"], route_table_id=r.get("route_table_id"),
                       route_entry_id=r.get("route_entry_id"), destination_cidr=r["destination_cidr"],
                       next_hop_id=(r.get("route_entry") or {}).get("next_hop_id"))
                  for r in _items(ctx.get("routes_set"))]
    connection = _connection(ctx) if present else {}
    return dict(
        method=ctx["method"],
        state=ctx["state"],
        name=ctx["name"],
        initiator=_side(ctx, "initiator", interfaces["initiator"] if present else None),
        acceptor=_side(ctx, "acceptor", interfaces["acceptor"] if present else None),
        peer_connection_id=connection_id if present else None,
        bandwidth=connection.get("bandwidth"),
        status=connection.get("status"),
        routes=routes,
        changed=bool(changes),
        changes=changes,
        verified=False,  # true once the role has checked that the VPCs reach each other
    )


class FilterModule(object):
    """vpc_peering role filters."""

    def filters(self):
        return {"vpc_peering_overlap": vpc_peering_overlap, "vpc_peering_result": vpc_peering_result}

# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Can one VPC reach another? Follows a packet for each of the target's CIDR blocks through the graph of
topology.py, hop by hop, by the rules each product documents, and names the first missing piece:

* the source VPC's system route table picks the next hop by longest prefix; besides its own entries (and
  those a transit router publishes into it: AutoPublishRouteEnabled, type CEN), a VPC attached to a Basic
  edition CEN learns the CIDR blocks of the CEN's other attached VPCs (not a block that overlaps its own,
  nor one its own table routes already); across regions a Basic CEN needs an inter-region bandwidth limit;
* a transit router forwards what arrives on an attachment by the route table that attachment is associated
  with: a route there leads to a VPC attachment, or to an inter-region attachment (which needs bandwidth)
  and on to the router at its other end, which looks in the table that attachment is associated with;
* a VpcPeer connection forwards once Activated, a router-interface pair once both ends are Active; neither
  is transitive: the next hop's far end must be the target.

No API call is made: the graph holds everything.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import overlaps

ROUTE_READY = ("Available", "Active")


class Graph:
    """Indexes of a graph (``{"nodes": [...], "edges": [...]}``) for the walk."""

    def __init__(self, graph):
        self.nodes = dict((n["id"], n) for n in graph["nodes"])
        self.edges = dict((e["id"], e) for e in graph["edges"])

    def edges_of(self, node_id, kind):
        return [e for e in self.edges.values() if e["kind"] == kind and node_id in (e["source"], e["target"])]

    def interface_link(self, interface_id):
        for edge in self.edges.values():
            if edge["kind"] == "router_interface" and interface_id in edge.get("interfaces", ()):
                return edge
        return None


class Unreachable(Exception):
    """The first missing piece of a path, in plain words."""


def _network(cidr):
    return ipaddress.ip_network(cidr, strict=False)


def best_route(routes, destination):
    """The route of ``routes`` whose destination holds the whole block ``destination``, longest prefix first."""
    wanted = _network(destination)
    fitting = []
    for route in routes:
        net = _network(route["destination"])
        if net.version == wanted.version and wanted.subnet_of(net):
            fitting.append((net.prefixlen, route))
    return max(fitting, key=lambda pair: pair[0])[1] if fitting else None


def _other_end(edge, node_id):
    return edge["target"] if edge["source"] == node_id else edge["source"]


def _table_text(table, router_id):
    if table.get("type") == "System":
        return "the System table of %s" % router_id
    return "route table %s of %s" % (table["id"], router_id)


# ---------------------------------------------------------------------------
# The source VPC's route table
# ---------------------------------------------------------------------------

def cen_learned_routes(graph, vpc):
    """The routes ``vpc`` learns from the Basic edition CENs it is attached to (next hop type CEN)."""
    own_destinations = set(r["destination"] for r in vpc.get("routes") or [])
    learned = []
    for membership in graph.edges_of(vpc["id"], "cen"):
        if membership["status"] != "Attached":
            continue
        cen_id = membership["target"]
        for other in graph.edges_of(cen_id, "cen"):
            member = graph.nodes.get(other["source"])
            if other["status"] != "Attached" or member is None or member["id"] == vpc["id"] or member["type"] != "VPC":
                continue
            for cidr in member.get("cidrs") or []:
                if cidr in own_destinations or overlaps([cidr], vpc.get("cidrs") or []):
                    continue
                learned.append(dict(destination=cidr, type="CEN", status="Available", next_hop_type="CEN",
                                    next_hop_id=cen_id, origin=member["id"]))
    return learned


def _no_route(graph, source, target, destination):
    """Why ``source`` has no route to ``destination``: the interconnect the two share that is not ready."""
    not_transitive = (("vpc_peer", "Activated", "peering"), ("router_interface", "Active", "router interface pair"))
    for kind, ready, what in not_transitive:
        for link in graph.edges_of(source["id"], kind):
            if _other_end(link, source["id"]) == target["id"] and link["status"] != ready:
                raise Unreachable("%s %s is %s" % (what, link["id"], link["status"]))
    for membership in graph.edges_of(source["id"], "cen"):
        for other in graph.edges_of(membership["target"], "cen"):
            if other["source"] == target["id"]:
                for edge in (membership, other):
                    if edge["status"] != "Attached":
                        raise Unreachable("%s's attachment to %s is %s" % (edge["source"], edge["target"],
                                                                           edge["status"]))
    for attachment in graph.edges_of(source["id"], "transit_router"):
        if attachment["status"] == "Attached" and attachment.get("auto_publish_route"):
            # The router publishes what its table routes: what it lacks is the missing piece.
            _router_walk(graph, attachment, target, destination, [source["id"]], set())
    table = source.get("route_table_id") or ""
    raise Unreachable("%s's route table %s has no route to %s" % (source["id"], table, destination))


def _vpc_walk(graph, source, target, destination):
    routes = list(source.get("routes") or []) + cen_learned_routes(graph, source)
    route = best_route(routes, destination)
    if route is None:
        _no_route(graph, source, target, destination)
    where = "%s's route to %s" % (source["id"], destination)
    if route.get("status") not in ROUTE_READY:
        raise Unreachable("%s is %s" % (where, route.get("status")))
    hop_type, hop_id = route.get("next_hop_type"), route.get("next_hop_id")
    path = [source["id"]]
    if hop_type == "CEN":
        return _cen_hop(graph, source, target, route, path)
    if hop_type == "Attachment":
        attachment = graph.edges.get(hop_id)
        if attachment is None:
            raise Unreachable("%s goes to attachment %s, which no account given shows" % (where, hop_id))
        return _router_walk(graph, attachment, target, destination, path, set())
    if hop_type == "VpcPeer":
        peering = graph.edges.get(hop_id)
        if peering is None:
            raise Unreachable("%s goes to peering %s, which no account given shows" % (where, hop_id))
        if peering["status"] != "Activated":
            raise Unreachable("peering %s is %s" % (hop_id, peering["status"]))
        return _arrive(path + [hop_id], _other_end(peering, source["id"]), target, where, "peering %s" % hop_id)
    if hop_type == "RouterInterface":
        link = graph.interface_link(hop_id)
        if link is None:
            raise Unreachable("%s goes to router interface %s, which no account given shows" % (where, hop_id))
        if link["status"] != "Active":
            raise Unreachable("router interface pair %s is %s" % (link["id"], link["status"]))
        return _arrive(path + [link["id"]], _other_end(link, source["id"]), target, where,
                       "router interface pair %s" % link["id"])
    raise Unreachable("%s goes to %s %s, not to an interconnect" % (where, hop_type, hop_id))


def _arrive(path, reached, target, where, via):
    """The path when a non-transitive hop's far end is the target."""
    if reached != target["id"]:
        raise Unreachable("%s goes through %s to %s, not to %s" % (where, via, reached, target["id"]))
    return path + [target["id"]]


def _cen_hop(graph, source, target, route, path):
    cen_id, origin = route["next_hop_id"], route["origin"]
    if origin != target["id"]:
        raise Unreachable("%s's route to %s leads through %s to %s, not to %s"
                          % (source["id"], route["destination"], cen_id, origin, target["id"]))
    regions = source.get("region"), target.get("region")
    if regions[0] != regions[1]:
        cen = graph.nodes.get(cen_id) or {}
        limits = [limit for limit in cen.get("bandwidth_limits") or []
                  if set((limit["local_region"], limit["opposite_region"])) == set(regions)
                  and (limit.get("bandwidth_limit") or 0) > 0 and limit.get("status") in (None, "Active")]
        if not limits:
            raise Unreachable("no bandwidth between %s and %s in %s" % (regions[0], regions[1], cen_id))
    return path + [cen_id, target["id"]]


# ---------------------------------------------------------------------------
# Transit routers
# ---------------------------------------------------------------------------

def _associated_table(router, attachment_id):
    for table in router.get("route_tables") or []:
        if attachment_id in (table.get("associations") or []):
            return table
    return None


def _router_walk(graph, ingress, target, destination, path, visited):
    """Follow ``destination`` from the router that ``ingress`` (an attachment) delivers to."""
    if ingress["status"] != "Attached":
        raise Unreachable("%s is %s" % (ingress["id"], ingress["status"]))
    # A VPC attachment delivers to its router; an inter-region one to the end the path did not come from.
    router_id = ingress["target"] if ingress["kind"] == "transit_router" else _other_end(ingress, path[-1])
    path = path + [ingress["id"], router_id]
    if router_id in visited:
        raise Unreachable("the route to %s loops back to %s" % (destination, router_id))
    visited.add(router_id)
    router = graph.nodes.get(router_id)
    if router is None or not router.get("read", True):
        raise Unreachable("%s was not read: add the account that owns it to accounts" % router_id)
    table = _associated_table(router, ingress["id"])
    if table is None:
        raise Unreachable("%s is associated with no route table of %s" % (ingress["id"], router_id))
    route = best_route(table.get("routes") or [], destination)
    if route is None:
        _router_no_route(graph, router, table, target, destination)
    where = "the route to %s in %s" % (destination, _table_text(table, router_id))
    if route.get("status") not in ROUTE_READY:
        raise Unreachable("%s is %s" % (where, route.get("status")))
    if route.get("next_hop_type") == "BlackHole" or not route.get("next_hop_id"):
        raise Unreachable("%s is a blackhole" % where)
    hop = graph.edges.get(route["next_hop_id"])
    if hop is None:
        raise Unreachable("%s goes to %s, which no account given shows" % (where, route["next_hop_id"]))
    if hop["kind"] == "transit_router":
        if hop["source"] != target["id"]:
            raise Unreachable("%s leads to %s, not to %s" % (where, hop["source"], target["id"]))
        if hop["status"] != "Attached":
            raise Unreachable("%s is %s" % (hop["id"], hop["status"]))
        return path + [hop["id"], target["id"]]
    _check_bandwidth(graph, hop)
    return _router_walk(graph, hop, target, destination, path, visited)


def _check_bandwidth(graph, peer):
    if (peer.get("bandwidth") or 0) > 0 or peer.get("bandwidth_package_id"):
        return
    regions = [(graph.nodes.get(end) or {}).get("region") or end for end in (peer["source"], peer["target"])]
    raise Unreachable("no bandwidth between %s and %s (%s has none)" % (regions[0], regions[1], peer["id"]))


def _router_no_route(graph, router, table, target, destination):
    """Why the table has no route to the target: the propagation or the link that is missing."""
    router_id, in_table = router["id"], _table_text(table, router["id"])
    cen_id = router.get("cen_id")
    attachments = [a for a in graph.edges_of(target["id"], "transit_router")
                   if (graph.nodes.get(a["target"]) or {}).get("cen_id") in (cen_id, None)]
    if not attachments:
        raise Unreachable("%s is attached to no transit router of %s" % (target["id"], cen_id or router_id))
    for attachment in attachments:
        if attachment["target"] == router_id:
            _propagation(attachment, table, router_id)
            raise Unreachable("%s has no route to %s" % (in_table, destination))
    for attachment in attachments:
        far_id = attachment["target"]
        far = graph.nodes.get(far_id) or {}
        peers = [p for p in graph.edges_of(router_id, "transit_router_peer") if _other_end(p, router_id) == far_id]
        if not peers:
            continue
        peer = peers[0]
        if peer["status"] != "Attached":
            raise Unreachable("%s is %s" % (peer["id"], peer["status"]))
        _propagation(peer, table, router_id)
        far_table = _associated_table(far, peer["id"])
        if far_table is None:
            raise Unreachable("%s is associated with no route table of %s" % (peer["id"], far_id))
        _propagation(attachment, far_table, far_id)
        raise Unreachable("%s has no route to %s" % (in_table, destination))
    far_id = attachments[0]["target"]
    regions = router.get("region"), (graph.nodes.get(far_id) or {}).get("region")
    raise Unreachable("no inter-region connection between %s (%s) and %s (%s)"
                      % (router_id, regions[0], far_id, regions[1]))


def _propagation(attachment, table, router_id):
    if attachment["status"] != "Attached":
        raise Unreachable("%s is %s" % (attachment["id"], attachment["status"]))
    if attachment["id"] not in (table.get("propagations") or []):
        raise Unreachable("propagation of %s into %s is off" % (attachment["id"], _table_text(table, router_id)))


# ---------------------------------------------------------------------------
# Pairs
# ---------------------------------------------------------------------------

def check(graph, source_id, target_id):
    """One direction: ``{source, target, reachable, path, reason}`` (path [] and a reason when unreachable)."""
    source, target = graph.nodes[source_id], graph.nodes[target_id]
    result = dict(source=source_id, target=target_id, reachable=False, path=[], reason=None)
    try:
        for node in (source, target):
            if not node.get("read", True):
                raise Unreachable("%s was not read: add the account that owns it to accounts" % node["id"])
        for cidr_a, cidr_b in overlaps(source.get("cidrs") or [], target.get("cidrs") or []):
            raise Unreachable("%s overlaps %s" % (cidr_a, cidr_b))
        if not target.get("cidrs"):
            raise Unreachable("%s has no CIDR block" % target_id)
        path = None
        for destination in target["cidrs"]:
            found = _vpc_walk(graph, source, target, destination)
            path = path or found
    except Unreachable as missing:
        result["reason"] = str(missing)
        return result
    result.update(reachable=True, path=path)
    return result


def connected_pairs(graph):
    """Every ordered pair of read VPCs that the graph connects (a CEN's transit routers count as the CEN)."""
    parent = {}

    def root(node_id):
        parent.setdefault(node_id, node_id)
        while parent[node_id] != node_id:
            node_id = parent[node_id]
        return node_id

    def join(a, b):
        parent[root(a)] = root(b)

    for node in graph.nodes.values():
        if node["type"] == "TR" and node.get("cen_id"):
            join(node["id"], node["cen_id"])
    for edge in graph.edges.values():
        join(edge["source"], edge["target"])
    vpcs = sorted(n["id"] for n in graph.nodes.values() if n["type"] == "VPC" and n.get("read", True))
    return [(a, b) for a in vpcs for b in vpcs if a != b and root(a) == root(b)]


def reachability(graph_dict, pairs=None):
    """Each direction of each pair (default: connected_pairs) checked: a list of check() results."""
    graph = Graph(graph_dict)
    if pairs:
        wanted = []
        for index, pair in enumerate(pairs):
            for key in ("source", "target"):
                node = graph.nodes.get(pair.get(key))
                if node is None or node["type"] != "VPC":
                    raise AlicloudError(None, "pairs[%d].%s: %s is not a VPC of the accounts and regions read"
                                        % (index, key, pair.get(key)))
            if pair["source"] == pair["target"]:
                raise AlicloudError(None, "pairs[%d]: source and target are both %s" % (index, pair["source"]))
            wanted.extend([(pair["source"], pair["target"]), (pair["target"], pair["source"])])
    else:
        wanted = connected_pairs(graph)
    return [check(graph, a, b) for a, b in dict.fromkeys(wanted)]


def problems(results):
    """One line per direction that does not work: ``vpc-a -> vpc-b: <reason>``."""
    return ["%s -> %s: %s" % (r["source"], r["target"], r["reason"]) for r in results if not r["reachable"]]

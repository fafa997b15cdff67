# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The interconnects of several accounts and regions as one graph (module interconnect_info).

Reads through the product files' readers, one Session per account, in parallel:

1. per account: its CENs (Basic attachments, inter-region limits, grants, transit routers with their VPC
   and inter-region attachments and route tables), its bandwidth packages and its VpcPeer connections;
2. per account and region (the regions given, else every region step 1 found plus the account's own):
   its VPCs with their system route table's entries, its VBRs and its router interfaces.

With ``vpc_ids`` (read_scope) only what concerns those VPCs is read, by id: the VPCs (found in the accounts
and regions given, or in what the run's earlier tasks read), each one's system route table entries and the
CENs it is attached to (DescribeVpcAttribute), those CENs as in step 1 without grants and packages, and -
when one of the VPCs' routes goes through a VpcPeer connection or a router interface - the connections, or
the interfaces, of the accounts and regions that hold the VPCs.

``build_graph`` turns what was read into ``nodes`` (VPC, VBR, CEN, TR) and ``edges`` (attachment, link,
peering); reachability.py analyses that graph, and pictures() draws it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import (
    account_sessions,
    check_identity,
    session_params,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.bandwidth import (
    cen_ids,
    describe_limits,
    describe_packages,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.cen import describe_cen, list_cens
from ansible_collections.alicloud.interconnect.plugins.module_utils.cen_attachments import list_attachments
from ansible_collections.alicloud.interconnect.plugins.module_utils.cen_grants import list_cen_grants
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.reachability import problems, reachability
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import every_page, unwrap
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import (
    describe_route_entries,
    next_hops,
    vpc_cidr_blocks,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_interface import describe_router_interfaces
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router import list_transit_routers
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_attachment import (
    list_peer_attachments,
    list_route_tables,
    list_vpc_attachments,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_route_table import (
    associations_of_table,
    propagations_of_table,
    routes_of_table,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import (
    PAGE_SIZE,
    find_vpcs,
    get_system_route_table,
    get_vpc_attribute,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpcpeer import flatten, list_peer_connections

MAX_WORKERS = 8


# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------

def _in_parallel(fn, items):
    """``[fn(*item)]`` in the order of items, run on threads; the first failure is raised."""
    if not items:
        return []
    with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(items))) as pool:
        futures = [pool.submit(fn, *item) for item in items]
        return [future.result() for future in futures]


def _labelled(label, fn, *args):
    """fn(*args), its failure's message prefixed with the account's label."""
    try:
        return fn(*args)
    except AlicloudError as exc:
        exc.message = "account %s: %s" % (label, exc.message)
        raise


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

def _read_router(session, router):
    tables = []
    for table in list_route_tables(session, router["TransitRouterId"]):
        table_id = table["TransitRouterRouteTableId"]
        tables.append(dict(
            id=table_id, name=table.get("TransitRouterRouteTableName") or "",
            type=table.get("TransitRouterRouteTableType") or "Custom",
            status=table.get("TransitRouterRouteTableStatus"),
            associations=associations_of_table(session, table_id),
            propagations=propagations_of_table(session, table_id),
            routes=[dict(destination=r["TransitRouterRouteEntryDestinationCidrBlock"],
                         type=r.get("TransitRouterRouteEntryType"), status=r.get("TransitRouterRouteEntryStatus"),
                         next_hop_type=r.get("TransitRouterRouteEntryNextHopType"),
                         next_hop_id=r.get("TransitRouterRouteEntryNextHopId") or None)
                    for r in routes_of_table(session, table_id)]))
    return dict(id=router["TransitRouterId"], type="TR", name=router.get("TransitRouterName") or "",
                region=router.get("RegionId"), cen_id=router.get("CenId"), status=router.get("Status"),
                edition=router.get("Type") or "Enterprise", route_tables=tables)


def _read_cen(session, cen, scoped=False):
    """One CEN with its routers, limits and attachments; its grants unless ``scoped``."""
    cen_id = cen["CenId"]
    routers = [_read_router(session, router) for router in list_transit_routers(session, cen_id=cen_id)]
    grants = [] if scoped else list_cen_grants(session, cen_id, "VPC") + list_cen_grants(session, cen_id, "VBR")
    return dict(
        cen=dict(id=cen_id, type="CEN", name=cen.get("Name") or "", status=cen.get("Status"),
                 edition="Enterprise" if routers else "Basic",
                 bandwidth_limits=[dict(local_region=limit["LocalRegionId"],
                                        opposite_region=limit["OppositeRegionId"],
                                        bandwidth_limit=limit.get("BandwidthLimit"), status=limit.get("Status"))
                                   for limit in describe_limits(session, cen_id)],
                 grants=[dict(instance_id=g.get("ChildInstanceId"), instance_type=g.get("ChildInstanceType"),
                              region=g.get("ChildInstanceRegionId"), owner_id=str(g.get("ChildInstanceOwnerId")))
                         for g in grants],
                 bandwidth_packages=[]),
        routers=routers,
        basic=list_attachments(session, cen_id) or [],
        # transit-router attachments need a transit router
        vpc_attachments=list_vpc_attachments(session, CenId=cen_id) if routers else [],
        peer_attachments=list_peer_attachments(session, CenId=cen_id) if routers else [],
    )


def read_account(session, expected):
    """What one account's credentials see without a region: CENs, packages, VpcPeer connections."""
    uid = check_identity(session, expected)
    cens = [_read_cen(session, cen) for cen in list_cens(session)]
    packages = describe_packages(session)
    for found in cens:
        found["cen"]["account_id"] = uid
        found["cen"]["bandwidth_packages"] = [
            dict(id=p["CenBandwidthPackageId"], bandwidth=p.get("Bandwidth"), status=p.get("Status"),
                 areas=[p.get("GeographicRegionAId"), p.get("GeographicRegionBId")])
            for p in packages if found["cen"]["id"] in cen_ids(p)]
        for router in found["routers"]:
            router["account_id"] = uid
    peerings = [flatten(p) for p in list_peer_connections(session)]
    return dict(account_id=uid, cens=cens, peerings=peerings)


def read_vpc(session, uid, region, vpc):
    """A VPC node: the VPC as DescribeVpcs shows it, with its system route table's entries."""
    tables = unwrap(vpc.get("RouterTableIds")) or []
    if len(tables) == 1:
        table_id = tables[0]  # a VPC's first route table is its system one
    else:
        table_id = (get_system_route_table(session, region, vpc["VpcId"]) or {}).get("RouteTableId")
    entries = describe_route_entries(session, region, table_id) if table_id else []
    return dict(
        id=vpc["VpcId"], type="VPC", name=vpc.get("VpcName") or "", account_id=uid, region=region,
        status=vpc.get("Status"), cidrs=vpc_cidr_blocks(vpc), router_id=vpc.get("VRouterId"),
        route_table_id=table_id,
        routes=[dict(destination=e.get("DestinationCidrBlock"), type=e.get("Type"), status=e.get("Status"),
                     next_hop_type=hop_type, next_hop_id=hop_id)
                for e in entries if e.get("Type") != "System" for hop_type, hop_id in next_hops(e)[:1]])


def read_region(session, uid, region):
    """What one account has in one region: VPCs (with their system route table), VBRs, router interfaces."""
    vpcs = [read_vpc(session, uid, region, vpc) for vpc in find_vpcs(session, region)]
    vbrs = [dict(id=vbr["VbrId"], type="VBR", name=vbr.get("Name") or "", account_id=uid, region=region,
                 status=vbr.get("Status"), router_id=vbr["VbrId"])
            for vbr in every_page(session, "vpc", "DescribeVirtualBorderRouters", "VirtualBorderRouterSet",
                                  PAGE_SIZE, region=region, RegionId=region)]
    interfaces = [dict(ri, _Region=region) for ri in describe_router_interfaces(session, region)]
    return dict(vpcs=vpcs, vbrs=vbrs, interfaces=interfaces)


def _regions_found(account):
    found = set()
    for cen in account["cens"]:
        found.update(a.get("ChildInstanceRegionId") for a in cen["basic"])
        found.update(r["region"] for r in cen["routers"])
        found.update(a.get("VpcRegionId") for a in cen["vpc_attachments"])
    for peering in account["peerings"]:
        found.update((peering.get("RegionId"), peering.get("AcceptingRegionId")))
    return found


def read_everything(session, params):
    """``(accounts, regional, regions)``: what read_account and read_region found, and the regions read."""
    sessions = account_sessions(session, params)
    accounts = _in_parallel(lambda label, session, expected: _labelled(label, read_account, session, expected),
                            sessions)
    regions = list(params.get("regions") or [])
    if not regions:
        found = set()
        for (_label, session, _expected), account in zip(sessions, accounts):
            found |= _regions_found(account) | set([session.region])
        regions = sorted(r for r in found if r)
    jobs = [(label, session, account["account_id"], region)
            for (label, session, _expected), account in zip(sessions, accounts) for region in regions]
    regional = _in_parallel(lambda label, session, uid, region: _labelled(label, read_region, session, uid, region),
                            jobs)
    return accounts, regional, regions


def _locate(sessions, regions, vpc_ids):
    """``{vpc id: (session index, region, DescribeVpcs record)}``: what the run's earlier tasks read of them
    (the run cache), and one DescribeVpcs by id per account and region for the others."""
    found = {}
    for index, (_label, session, _expected) in enumerate(sessions):
        for region in regions:
            for vpc_id in vpc_ids:
                vpc = session.remembered(["vpc", region, vpc_id], lambda: None)  # never a call
                if vpc and vpc_id not in found:
                    found[vpc_id] = (index, region, vpc)
    missing = [vpc_id for vpc_id in vpc_ids if vpc_id not in found]
    if missing:
        jobs = [(index, region) for index in range(len(sessions)) for region in regions]
        answers = _in_parallel(lambda index, region: _labelled(sessions[index][0], find_vpcs, sessions[index][1],
                                                               region, missing), jobs)
        for (index, region), vpcs in zip(jobs, answers):
            for vpc in vpcs:
                found.setdefault(vpc["VpcId"], (index, region, vpc))
    unknown = [vpc_id for vpc_id in vpc_ids if vpc_id not in found]
    if unknown:
        raise AlicloudError(None, "vpc_ids: %s %s no VPC of the accounts in %s (add its account to accounts, its "
                                  "region to regions)" % (", ".join(unknown), "is" if len(unknown) == 1 else "are",
                                                          ", ".join(regions)))
    return found


def _scoped_vpc(session, uid, region, vpc):
    """A VPC node, and the ``(CEN id, owner)`` of each CEN it is attached to (DescribeVpcAttribute)."""
    attribute = get_vpc_attribute(session, region, vpc["VpcId"]) or {}
    cens = [(c["CenId"], str(c.get("CenOwnerId"))) for c in unwrap(attribute.get("AssociatedCens")) or []]
    return read_vpc(session, uid, region, vpc), cens


def _scoped_links(session, region, router_ids):
    """The router interfaces of these vRouters in region, tagged with it."""
    return [dict(ri, _Region=region) for ri in describe_router_interfaces(session, region, {"RouterId": router_ids})]


def read_scope(session, params):
    """``(accounts, regional, regions)`` as read_everything returns them, of what concerns ``vpc_ids`` only."""
    sessions = account_sessions(session, params)
    uids = _in_parallel(lambda label, session, expected: _labelled(label, check_identity, session, expected), sessions)
    regions = list(params.get("regions") or []) or [session.require_region()]
    located = _locate(sessions, regions, list(dict.fromkeys(params["vpc_ids"])))
    vpc_jobs = list(located.values())
    vpcs = _in_parallel(lambda index, region, vpc: _labelled(sessions[index][0], _scoped_vpc, sessions[index][1],
                                                             uids[index], region, vpc), vpc_jobs)
    # The CENs the VPCs are attached to, each read with its owner's credentials where an account given owns it
    owner_of = dict((uid, index) for index, uid in enumerate(uids))
    cens = dict((cen, owner_of[owner]) for _node, attached in vpcs for cen, owner in attached if owner in owner_of)
    cen_jobs = sorted(cens.items())
    read_cens = _in_parallel(lambda cen_id, index: _labelled(sessions[index][0], _read_scoped_cen,
                                                             sessions[index][1], cen_id), cen_jobs)
    # VpcPeer connections and router interfaces only where a VPC's route goes through one (of either kind)
    hops = set(route["next_hop_type"] for node, _cens in vpcs for route in node["routes"])
    holders = sorted(set(index for index, _region, _vpc in vpc_jobs)) if "VpcPeer" in hops else []
    peerings = [[p for p in found if p["VpcId"] in located or p["AcceptingVpcId"] in located]
                for found in _in_parallel(lambda index: [flatten(p) for p in _labelled(
                    sessions[index][0], list_peer_connections, sessions[index][1])], [(index,) for index in holders])]
    places = sorted(set((index, region) for index, region, _vpc in vpc_jobs)) if "RouterInterface" in hops else []
    interfaces = _in_parallel(lambda index, region: _labelled(
        sessions[index][0], _scoped_links, sessions[index][1], region,
        sorted(vpc["VRouterId"] for i, r, vpc in vpc_jobs if (i, r) == (index, region))), places)
    accounts = []
    for index, uid in enumerate(uids):
        own = [found for (_cen, owner), found in zip(cen_jobs, read_cens) if owner == index]
        for found in own:
            found["cen"]["account_id"] = uid
            for router in found["routers"]:
                router["account_id"] = uid
        accounts.append(dict(account_id=uid, cens=own,
                             peerings=peerings[holders.index(index)] if index in holders else []))
    regional = [dict(vpcs=[node for node, _cens in vpcs], vbrs=[], interfaces=sum(interfaces, []))]
    return accounts, regional, regions


def _read_scoped_cen(session, cen_id):
    cen = describe_cen(session, cen_id) or dict(CenId=cen_id)
    return _read_cen(session, cen, scoped=True)


# ---------------------------------------------------------------------------
# The graph
# ---------------------------------------------------------------------------

def _stub(nodes, node_id, node_type, **known):
    """A node that an interconnect names but no account given could read (its fields as far as known)."""
    if node_id not in nodes:
        nodes[node_id] = dict(dict(id=node_id, type=node_type, name="", read=False), **known)
    return nodes[node_id]


def _interface_edges(nodes, interfaces):
    """One ``link`` edge per router-interface pair, from the initiator's router's owner to the acceptor's.

    The far end of an interface whose other end no account given shows is a stub node (its VPC, or its VBR).
    """
    by_id = dict((ri["RouterInterfaceId"], ri) for ri in interfaces)
    router_owner = dict((n.get("router_id"), n["id"]) for n in nodes.values() if n.get("router_id"))

    def far_end(ri):
        router_id = ri.get("OppositeRouterId")
        if router_id in router_owner:
            return router_owner[router_id]
        if ri.get("OppositeRouterType") == "VBR":
            return _stub(nodes, router_id, "VBR", region=ri.get("OppositeRegionId"))["id"]
        vpc_id = ri.get("OppositeVpcInstanceId") or router_id
        return _stub(nodes, vpc_id, "VPC", region=ri.get("OppositeRegionId"))["id"]

    edges = {}
    for ri in interfaces:
        opposite = by_id.get(ri.get("OppositeInterfaceId"))
        near = router_owner.get(ri["RouterId"], ri["RouterId"])
        far = router_owner.get(opposite["RouterId"], opposite["RouterId"]) if opposite else far_end(ri)
        ids, owners, statuses = ([ri["RouterInterfaceId"], ri.get("OppositeInterfaceId")], [near, far],
                                 [ri.get("Status"), opposite.get("Status") if opposite else None])
        if ri.get("Role") != "InitiatingSide":
            ids, owners, statuses = ids[::-1], owners[::-1], statuses[::-1]
        if not ids[0] or ids[0] in edges:
            continue
        edges[ids[0]] = dict(
            id=ids[0], type="link", kind="router_interface", source=owners[0], target=owners[1], interfaces=ids,
            status="Active" if statuses == ["Active", "Active"] else "/".join(s or "unknown" for s in statuses))
    return list(edges.values())


def build_graph(accounts, regional):
    """``{"nodes": [...], "edges": [...]}`` from what read_everything found (duplicates seen twice kept once)."""
    nodes, edges = {}, {}
    interfaces = []
    for found in regional:
        for node in found["vpcs"] + found["vbrs"]:
            nodes[node["id"]] = dict(node, read=True)
        interfaces.extend(found["interfaces"])
    for account in accounts:
        for found in account["cens"]:
            cen = found["cen"]
            nodes[cen["id"]] = dict(cen, read=True)
            for router in found["routers"]:
                nodes[router["id"]] = dict(router, read=True)
            for att in found["basic"]:
                child = att["ChildInstanceId"]
                _stub(nodes, child, att.get("ChildInstanceType") or "VPC", region=att.get("ChildInstanceRegionId"),
                      account_id=str(att.get("ChildInstanceOwnerId")))
                edges["%s|%s" % (cen["id"], child)] = dict(
                    id="%s|%s" % (cen["id"], child), type="attachment", kind="cen", source=child, target=cen["id"],
                    status=att.get("Status"))
            for att in found["vpc_attachments"]:
                _stub(nodes, att["VpcId"], "VPC", region=att.get("VpcRegionId"), account_id=str(att.get("VpcOwnerId")))
                edges[att["TransitRouterAttachmentId"]] = dict(
                    id=att["TransitRouterAttachmentId"], type="attachment", kind="transit_router",
                    source=att["VpcId"], target=att["TransitRouterId"], status=att.get("Status"),
                    auto_publish_route=bool(att.get("AutoPublishRouteEnabled")))
            for att in found["peer_attachments"]:
                _stub(nodes, att["PeerTransitRouterId"], "TR", region=att.get("PeerTransitRouterRegionId"))
                edges[att["TransitRouterAttachmentId"]] = dict(
                    id=att["TransitRouterAttachmentId"], type="link", kind="transit_router_peer",
                    source=att["TransitRouterId"], target=att["PeerTransitRouterId"], status=att.get("Status"),
                    bandwidth=att.get("Bandwidth"), bandwidth_type=att.get("BandwidthType"),
                    bandwidth_package_id=att.get("CenBandwidthPackageId") or None)
        for peering in account["peerings"]:
            _stub(nodes, peering["VpcId"], "VPC", region=peering.get("RegionId"))
            _stub(nodes, peering["AcceptingVpcId"], "VPC", region=peering.get("AcceptingRegionId"))
            edges[peering["InstanceId"]] = dict(
                id=peering["InstanceId"], type="peering", kind="vpc_peer", source=peering["VpcId"],
                target=peering["AcceptingVpcId"], status=peering.get("Status"), bandwidth=peering.get("Bandwidth"))
    for edge in _interface_edges(nodes, interfaces):
        edges[edge["id"]] = edge
    order = {"VPC": 0, "VBR": 1, "CEN": 2, "TR": 3}
    return dict(nodes=sorted(nodes.values(), key=lambda n: (order.get(n["type"], 9), n["id"])),
                edges=sorted(edges.values(), key=lambda e: (e["type"], e["id"])))


# ---------------------------------------------------------------------------
# The module
# ---------------------------------------------------------------------------

def interconnect_info(session, params, check_mode):
    """Core of interconnect_info: the graph, the reachability of its VPCs and its pictures. Reads only."""
    reader = read_scope if params.get("vpc_ids") else read_everything
    accounts, regional, regions = reader(session, params)
    graph = build_graph(accounts, regional)
    results = reachability(graph, params.get("pairs"))
    return dict(changed=False, accounts=[a["account_id"] for a in accounts], regions=regions,
                nodes=graph["nodes"], edges=graph["edges"], reachability=results, problems=problems(results),
                mermaid=mermaid(graph, results), dot=dot(graph, results))


interconnect_info.session_params = session_params


# ---------------------------------------------------------------------------
# Pictures
# ---------------------------------------------------------------------------

def _label(node):
    words = [node["id"]]
    if node.get("name"):
        words.append(node["name"])
    if node["type"] == "VPC" and node.get("cidrs"):
        words.append(", ".join(node["cidrs"]))
    if node.get("region"):
        words.append(node["region"])
    return words


def _edge_label(edge):
    """The edge's id and status (a Basic attachment's id only repeats its two ends)."""
    if edge["kind"] == "cen":
        return edge.get("status") or ""
    return "%s %s" % (edge["id"], edge.get("status") or "")


def _title(cen):
    return [cen["id"], "%s edition" % cen.get("edition", "Basic")] + ([cen["name"]] if cen.get("name") else [])


def mermaid(graph, reachability=()):
    """The graph as Mermaid flowchart text: CENs hold their transit routers; unreachable pairs are red dashes."""
    def ref(node_id):
        return "n_" + "".join(c if c.isalnum() else "_" for c in node_id)

    lines = ["flowchart LR"]
    routers = [n for n in graph["nodes"] if n["type"] == "TR"]
    cen_ids = set(n["id"] for n in graph["nodes"] if n["type"] == "CEN")
    for node in graph["nodes"]:
        if node["type"] == "TR" and node.get("cen_id") in cen_ids:
            continue  # drawn inside its CEN
        own_routers = [r for r in routers if r.get("cen_id") == node["id"]]
        if node["type"] == "CEN" and own_routers:
            lines.append('  subgraph %s["%s"]' % (ref(node["id"]), "<br/>".join(_title(node))))
            lines.extend('    %s{{"%s"}}' % (ref(r["id"]), "<br/>".join(_label(r))) for r in own_routers)
            lines.append("  end")
        elif node["type"] == "CEN":
            lines.append('  %s(("%s"))' % (ref(node["id"]), "<br/>".join(_title(node))))
        elif node["type"] == "TR":
            lines.append('  %s{{"%s"}}' % (ref(node["id"]), "<br/>".join(_label(node))))
        else:
            shape = '("%s")' if node["type"] == "VPC" else '[/"%s"/]'
            lines.append("  %s%s" % (ref(node["id"]), shape % "<br/>".join(_label(node))))
    arrows = {"attachment": "---", "link": "===", "peering": "-.-"}
    for edge in graph["edges"]:
        lines.append('  %s %s|"%s"| %s' % (ref(edge["source"]), arrows[edge["type"]], _edge_label(edge),
                                           ref(edge["target"])))
    broken = [r for r in reachability if not r["reachable"]]
    for index, check in enumerate(broken):
        lines.append('  %s -.-x|"unreachable"| %s' % (ref(check["source"]), ref(check["target"])))
        lines.append("  linkStyle %d stroke:#d00,color:#d00" % (len(graph["edges"]) + index))
    return "\n".join(lines) + "\n"


def dot(graph, reachability=()):
    """The graph as Graphviz dot text (``dot -Tsvg`` draws it): CENs are clusters holding their transit routers."""
    def quote(text):
        return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")

    lines = ["graph interconnect {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];',
             '  edge [fontname="Helvetica", fontsize=9];']
    cen_ids = set(n["id"] for n in graph["nodes"] if n["type"] == "CEN")
    shapes = {"VPC": "box", "VBR": "parallelogram", "TR": "hexagon"}
    for node in graph["nodes"]:
        own_routers = [r for r in graph["nodes"] if r["type"] == "TR" and r.get("cen_id") == node["id"]]
        if node["type"] == "CEN" and own_routers:
            lines.append("  subgraph %s {" % quote("cluster_" + node["id"]))
            lines.append("    label=%s; style=rounded;" % quote("\n".join(_title(node))))
            lines.extend("    %s [shape=hexagon, label=%s];" % (quote(r["id"]), quote("\n".join(_label(r))))
                         for r in own_routers)
            lines.append("  }")
        elif node["type"] == "CEN":
            lines.append("  %s [shape=ellipse, label=%s];" % (quote(node["id"]), quote("\n".join(_title(node)))))
        elif node["type"] != "TR" or node.get("cen_id") not in cen_ids:
            unread = "" if node.get("read", True) else ", style=dashed"
            shape = shapes.get(node["type"], "box")
            lines.append("  %s [shape=%s, label=%s%s];" % (quote(node["id"]), shape, quote("\n".join(_label(node))),
                                                           unread))
    styles = {"attachment": "solid", "link": "bold", "peering": "dashed"}
    for edge in graph["edges"]:
        lines.append("  %s -- %s [style=%s, label=%s];" % (quote(edge["source"]), quote(edge["target"]),
                                                           styles[edge["type"]], quote(_edge_label(edge))))
    for check in reachability:
        if not check["reachable"]:
            lines.append("  %s -- %s [color=red, style=dotted, dir=forward, constraint=false, label=%s];"
                         % (quote(check["source"]), quote(check["target"]), quote("unreachable")))
    lines.append("}")
    return "\n".join(lines) + "\n"

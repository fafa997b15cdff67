# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read an alicloud-emulator's admin API for ci/demo.sh.

Usage: python ci/demo_report.py COMMAND URL [ARGS]

  summary URL              what the playbooks built, per CEN (Basic: members, packages, limits; Enterprise:
                           transit routers, their attachments and System tables' routes, the links between
                           regions) and peering, then per account and region
  snapshot URL FILE        save the ids of every resource (right after the emulator starts)
  leftovers URL FILE       list what exists now and did not at the snapshot; exit 1 when anything does
  seq URL                  the sequence number of the last API call in the log (0 when none)
  calls URL SINCE          the API calls after SINCE: "<calls> <writes> <reads>"

Loopback only, and never through a proxy (the emulator answers loopback clients).
"""

import json
import sys
import textwrap
import urllib.request

# How the API's lower-case area ids read in the summary.
AREA_NAMES = {"china": "China", "north-america": "North-America", "asia-pacific": "Asia-Pacific",
              "europe": "Europe", "australia": "Australia", "middle-east": "Middle-East"}


def get(url, path):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url.rstrip("/") + path, timeout=30) as answer:
        return json.loads(answer.read().decode("utf-8"))


def snapshot_ids(state):
    return dict((kind, sorted(records)) for kind, records in state["tables"].items())


def account_name(state, uid):
    account = state["accounts"].get(str(uid)) or {}
    name = account.get("name") or str(uid)
    return name if name == str(uid) else "%s (%s)" % (name, uid)


def _vpc_label(state, vpc_id):
    vpc = state["tables"].get("vpc", {}).get(vpc_id) or {}
    return "%s (%s)" % (vpc.get("VpcName"), vpc_id) if vpc.get("VpcName") else vpc_id or "?"


def _edition(tables, cen_id):
    """Enterprise when the CEN has transit routers, else Basic (the CEN record itself has no edition)."""
    routers = [tr for tr in tables.get("transit_router", {}).values() if tr["CenId"] == cen_id]
    return ", ".join(sorted(set(tr["Type"] for tr in routers))) if routers else "Basic"


def _hop_label(state, attachment_id):
    """What a route's next hop attachment leads to: a member VPC, or the link to another region."""
    att = state["tables"].get("tr_attachment", {}).get(attachment_id) or {}
    if att.get("ResourceType") == "VPC":
        return "%s, attachment of %s" % (attachment_id, _vpc_label(state, att["VpcId"]))
    if att.get("ResourceType") == "TR":
        return "%s, link %s <-> %s" % (attachment_id, att["RegionId"], att["PeerTransitRouterRegionId"])
    return attachment_id or "?"


def _router_lines(state, cen):
    """Enterprise edition: each transit router with its VPC attachments and its System table's routes,
    then the links between regions (inter-region attachments)."""
    tables = state["tables"]
    attachments = [a for a in tables.get("tr_attachment", {}).values() if a["CenId"] == cen["CenId"]]
    published = state.get("derived_routes", {}).get("route_table", {})
    lines = []
    routers = [tr for tr in tables.get("transit_router", {}).values() if tr["CenId"] == cen["CenId"]]
    for router in sorted(routers, key=lambda tr: tr["RegionId"]):
        tr_id = router["TransitRouterId"]
        lines.append("  router   %-12s %s (%s), %s" % (router["RegionId"], router["TransitRouterName"], tr_id,
                                                         router["Status"]))
        vpcs = [a for a in attachments if a["TransitRouterId"] == tr_id and a["ResourceType"] == "VPC"]
        for att in sorted(vpcs, key=lambda a: (str(a["VpcOwnerId"]), a["VpcId"])):
            granted = "" if str(att["VpcOwnerId"]) == str(cen["_account"]) else ", granted by its owner"
            lines.append("    vpc    %-40s %-26s %s %s%s" % (
                _vpc_label(state, att["VpcId"]), account_name(state, att["VpcOwnerId"]),
                att["TransitRouterAttachmentId"], att["Status"], granted))
            vpc_table = (tables.get("vpc", {}).get(att["VpcId"]) or {}).get("RouteTableId")
            routes = sorted(r["DestinationCidrBlock"] for r in published.get(vpc_table, [])
                            if r["InstanceId"] == att["TransitRouterAttachmentId"])
            text = "zones %s; the VPC routes %s to the router" % (
                ", ".join(z["ZoneId"] for z in att["ZoneMappings"]), ", ".join(routes) or "nothing")
            lines.extend(textwrap.wrap(text, 110, initial_indent=" " * 11, subsequent_indent=" " * 13))
        system = [t for t in tables.get("tr_route_table", {}).values()
                  if t["TransitRouterId"] == tr_id and t["TransitRouterRouteTableType"] == "System"]
        for table in system:
            table_id = table["TransitRouterRouteTableId"]
            learned = state.get("derived_routes", {}).get("tr_route_table", {}).get(table_id, [])
            static = [e for e in tables.get("tr_route_entry", {}).values()
                      if e["TransitRouterRouteTableId"] == table_id]
            lines.append("    System table %s%s" % (table_id, "" if learned or static else ": no routes"))
            for route in sorted(learned + static, key=lambda r: r["TransitRouterRouteEntryDestinationCidrBlock"]):
                lines.append("      %-16s -> %s (%s)" % (
                    route["TransitRouterRouteEntryDestinationCidrBlock"],
                    _hop_label(state, route.get("TransitRouterRouteEntryNextHopId")),
                    route.get("TransitRouterRouteEntryType", "Static")))
    links = [a for a in attachments if a["ResourceType"] == "TR"]
    for att in sorted(links, key=lambda a: (a["RegionId"], a["PeerTransitRouterRegionId"])):
        pair = "%s <-> %s" % (att["RegionId"], att["PeerTransitRouterRegionId"])
        package = " (%s)" % att["CenBandwidthPackageId"] if att.get("CenBandwidthPackageId") else ""
        lines.append("  link     %-36s %s Mbit/s %s%s, %s %s" % (pair, att["Bandwidth"], att["BandwidthType"], package,
                                                                att["TransitRouterAttachmentId"], att["Status"]))
    return lines


def _cen_lines(state):
    tables = state["tables"]
    lines = []
    for cen in sorted(tables.get("cen", {}).values(), key=lambda c: c["Name"]):
        cen_id = cen["CenId"]
        lines.append("CEN %s (%s), owner %s, %s, %s edition" % (
            cen["Name"], cen_id, account_name(state, cen["_account"]), cen.get("Status"), _edition(tables, cen_id)))
        lines.extend(_router_lines(state, cen))
        attachments = [a for a in tables.get("cen_attachment", {}).values() if a["CenId"] == cen_id]
        for att in sorted(attachments, key=lambda a: (a["ChildInstanceOwnerId"], a["ChildInstanceRegionId"],
                                                      a["ChildInstanceId"])):
            granted = "" if str(att["ChildInstanceOwnerId"]) == str(cen["_account"]) else ", granted by its owner"
            lines.append("  member   %-40s %-12s %-26s %s%s" % (
                _vpc_label(state, att["ChildInstanceId"]), att["ChildInstanceRegionId"],
                account_name(state, att["ChildInstanceOwnerId"]), att["Status"], granted))
        for bwp in sorted(tables.get("cen_bwp", {}).values(), key=lambda b: b["CenBandwidthPackageId"]):
            if cen_id in (bwp.get("CenIds") or []):
                lines.append("  package  %-40s %s <-> %s, %s Mbit/s, %s" % (
                    bwp["CenBandwidthPackageId"], AREA_NAMES.get(bwp["GeographicRegionAId"], bwp["GeographicRegionAId"]),
                    AREA_NAMES.get(bwp["GeographicRegionBId"], bwp["GeographicRegionBId"]), bwp["Bandwidth"],
                    bwp.get("BandwidthPackageChargeType")))
        limits = [x for x in tables.get("cen_limit", {}).values() if x["CenId"] == cen_id]
        for lim in sorted(limits, key=lambda x: (x["LocalRegionId"], x["OppositeRegionId"])):
            pair = "%s <-> %s" % (lim["LocalRegionId"], lim["OppositeRegionId"])
            lines.append("  limit    %-40s %s Mbit/s" % (pair, lim["BandwidthLimit"]))
    return lines


def _side_line(state, role, vpc_id, region, account, what):
    return ("  %-9s %-40s %-12s %-26s %s" % (role, _vpc_label(state, vpc_id), region, account_name(state, account),
                                             what)).rstrip()


def _peering_lines(state):
    tables = state["tables"]
    interfaces = tables.get("router_interface", {})
    lines = []
    for ri in sorted(interfaces.values(), key=lambda r: r["RouterInterfaceId"]):
        if ri["Role"] != "InitiatingSide":
            continue
        opposite = interfaces.get(ri.get("OppositeInterfaceId")) or {}
        lines.append("Router interfaces %s: %s, %s, %s Mbit/s" % (ri.get("Name") or ri["RouterInterfaceId"],
                                                                  ri["Status"], ri["Spec"], ri.get("Bandwidth")))
        lines.append(_side_line(state, "initiator", ri.get("VpcInstanceId"), ri["_region"], ri["_account"],
                                ri["RouterInterfaceId"]))
        lines.append(_side_line(state, "acceptor", opposite.get("VpcInstanceId"), ri.get("OppositeRegionId"),
                                ri.get("OppositeInterfaceOwnerId"), ri.get("OppositeInterfaceId")))
    for pcc in sorted(tables.get("vpc_peer", {}).values(), key=lambda p: p["InstanceId"]):
        lines.append("VpcPeer %s %s: %s, %s Mbit/s" % (pcc.get("Name") or "", pcc["InstanceId"], pcc["Status"],
                                                       pcc.get("Bandwidth")))
        lines.append(_side_line(state, "requester", pcc["VpcId"], pcc["RegionId"], pcc["_account"], ""))
        lines.append(_side_line(state, "accepter", pcc["AcceptingVpcId"], pcc["AcceptingRegionId"],
                                pcc["AcceptingOwnerUid"], ""))
    routes = [r for r in tables.get("route_entry", {}).values() if r.get("Type") != "System"]
    if routes:
        lines.append("Routes")
    tables_by_id = tables.get("route_table", {})
    for route in sorted(routes, key=lambda r: (r["_account"], r["_region"], r["DestinationCidrBlock"])):
        vpc_id = (tables_by_id.get(route["RouteTableId"]) or {}).get("VpcId")
        lines.append("  %-40s -> %-15s via %s %s" % (
            _vpc_label(state, vpc_id), route["DestinationCidrBlock"], route["NextHopType"], route.get("InstanceId")))
    return lines


def _matrix_lines(state):
    """Per account and region: each VPC and what joins it to other networks."""
    tables = state["tables"]
    joined = {}
    cens = tables.get("cen", {})
    for att in tables.get("cen_attachment", {}).values():
        cen = cens.get(att["CenId"]) or {}
        joined.setdefault(att["ChildInstanceId"], []).append("CEN %s" % cen.get("Name", att["CenId"]))
    for att in tables.get("tr_attachment", {}).values():
        if att["ResourceType"] == "VPC":
            cen = cens.get(att["CenId"]) or {}
            joined.setdefault(att["VpcId"], []).append("CEN %s, transit router" % cen.get("Name", att["CenId"]))
    interfaces = tables.get("router_interface", {})
    for ri in interfaces.values():
        opposite = interfaces.get(ri.get("OppositeInterfaceId")) or {}
        joined.setdefault(ri.get("VpcInstanceId"), []).append("router interface to %s" % opposite.get("VpcInstanceId"))
    for pcc in tables.get("vpc_peer", {}).values():
        joined.setdefault(pcc["VpcId"], []).append("VpcPeer to %s" % pcc["AcceptingVpcId"])
        joined.setdefault(pcc["AcceptingVpcId"], []).append("VpcPeer to %s" % pcc["VpcId"])
    lines = []
    vpcs = sorted(tables.get("vpc", {}).values(), key=lambda v: (v["_account"], v["_region"], v["VpcId"]))
    last_account = last_region = None
    for vpc in vpcs:
        if not joined.get(vpc["VpcId"]):
            continue
        if vpc["_account"] != last_account:
            lines.append(account_name(state, vpc["_account"]))
            last_account, last_region = vpc["_account"], None
        region = vpc["_region"] if vpc["_region"] != last_region else ""
        last_region = vpc["_region"]
        lines.append("  %-12s %-40s %-15s %s" % (region, _vpc_label(state, vpc["VpcId"]), vpc["CidrBlock"],
                                                 "; ".join(sorted(joined[vpc["VpcId"]]))))
    return lines


def summary(url):
    state = get(url, "/_emulator/state")
    out = ["== CEN instances"] + (_cen_lines(state) or ["(none)"])
    out += ["", "== Peerings"] + (_peering_lines(state) or ["(none)"])
    out += ["", "== Networks by account and region"] + (_matrix_lines(state) or ["(none)"])
    print("\n".join(out))
    return 0


def leftovers(url, path):
    """Compare every table with the snapshot: seeded kinds too, so that a teardown that deleted too much fails."""
    with open(path, encoding="utf-8") as stream:
        before = json.load(stream)
    now = snapshot_ids(get(url, "/_emulator/state"))
    problems = []
    for kind in sorted(set(before) | set(now)):
        added = sorted(set(now.get(kind, [])) - set(before.get(kind, [])))
        removed = sorted(set(before.get(kind, [])) - set(now.get(kind, [])))
        if added:
            problems.append("%s left behind: %s" % (kind, ", ".join(added)))
        if removed:
            problems.append("%s gone that the seed had: %s" % (kind, ", ".join(removed)))
    for line in problems:
        print(line)
    return 1 if problems else 0


def calls(url, since):
    log = get(url, "/_emulator/calls?since=%d" % since)["calls"]
    writes = sum(1 for call in log if call.get("write"))
    print("%d %d %d" % (len(log), writes, len(log) - writes))
    return 0


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    command, url = argv[1], argv[2]
    if command == "summary" and len(argv) == 3:
        return summary(url)
    if command == "snapshot" and len(argv) == 4:
        with open(argv[3], "w", encoding="utf-8") as stream:
            json.dump(snapshot_ids(get(url, "/_emulator/state")), stream)
        return 0
    if command == "leftovers" and len(argv) == 4:
        return leftovers(url, argv[3])
    if command == "seq" and len(argv) == 3:
        log = get(url, "/_emulator/calls")["calls"]
        print(log[-1]["seq"] if log else 0)
        return 0
    if command == "calls" and len(argv) == 4:
        return calls(url, int(argv[3]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

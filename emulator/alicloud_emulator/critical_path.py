"""The critical path of a run: the longest chain of transitions the emulator's own rules made serial.

Every transition :meth:`World.schedule` starts is recorded (``World.transitions``) with its start, the
time it takes and two sets of keys, read from the record when it starts:

* ``holds``: what it occupies. A resource holds itself (``cen_attachment:<id>``); a CEN's attachments
  and limits hold the CEN (``cen:<id>``: one operation at a time per CEN); everything of a transit
  router holds the router (``transit_router:<id>``: one operation at a time per TR, both ends for an
  inter-region attachment); a VPC route entry holds its route table; a vSwitch its VPC's vSwitches.
* ``needs``: what must have settled before it could start: a transit router its CEN, a route entry
  its next hop, a router interface (connecting) its opposite interface.

Transition B follows A when A had settled before B started and B holds or needs something A held.
The critical path is the chain of most seconds through that order (``critical_path``): what a perfect
client waits at least, given the order the run's operations came in and the rules that refused the
rest. Served as ``GET /_emulator/critical_path[?since=N]``: the transitions numbered after ``N`` (the
``last`` of an earlier answer, taken when the run started).
"""

ROUTER_KINDS = ("tr_attachment", "tr_route_table", "tr_association", "tr_propagation", "tr_route_entry")


def keys_of(world, kind, rid, record):
    """``(holds, needs)`` of a transition of record ``kind``/``rid`` that starts now."""
    holds = {"%s:%s" % (kind, rid)}
    needs = set()
    if kind in ("cen_attachment", "cen_limit") and record.get("CenId"):
        holds.add("cen:%s" % record["CenId"])
    if kind == "transit_router" and record.get("CenId"):
        needs.add("cen:%s" % record["CenId"])
    if kind in ROUTER_KINDS:
        for field in ("TransitRouterId", "PeerTransitRouterId"):
            if record.get(field):
                holds.add("transit_router:%s" % record[field])
    if kind == "route_entry":
        holds.add("route_table:%s" % record.get("RouteTableId"))
        for hop in record.get("NextHops") or []:
            hop_kind = {"RouterInterface": "router_interface", "VpcPeer": "vpc_peer",
                        "Attachment": "tr_attachment"}.get(hop.get("NextHopType"))
            if hop_kind and hop.get("NextHopId"):
                needs.add("%s:%s" % (hop_kind, hop["NextHopId"]))
    if kind == "router_interface" and record.get("OppositeInterfaceId"):
        needs.add("router_interface:%s" % record["OppositeInterfaceId"])
    if kind == "vswitch" and record.get("VpcId"):
        holds.add("vswitches:%s" % record["VpcId"])
    return holds, needs


def critical_path(transitions, since=0):
    """The longest chain of ``transitions`` (World.transitions entries: ``seq``, ``kind``, ``id``, ``start``,
    ``seconds``, ``holds``, ``needs``) numbered after ``since``: ``{"seconds", "transitions", "last", "chain"}``."""
    items = sorted((t for t in transitions if t["seq"] > since), key=lambda t: (t["start"], t["seq"]))
    best = []  # per item: (seconds of the longest chain ending with it, index of its predecessor)
    holders = {}  # key -> indexes of the items holding it, in start order
    for index, item in enumerate(items):
        before = [(best[j][0], j) for key in set(item["holds"]) | set(item["needs"]) for j in holders.get(key, ())
                  if items[j]["start"] + items[j]["seconds"] <= item["start"]]
        longest, previous = max(before) if before else (0.0, None)
        best.append((longest + item["seconds"], previous))
        for key in item["holds"]:
            holders.setdefault(key, []).append(index)
    chain = []
    position = max(range(len(items)), key=lambda i: best[i][0]) if items else None
    seconds = best[position][0] if items else 0.0
    while position is not None:
        chain.append(items[position])
        position = best[position][1]
    chain.reverse()
    return {
        "seconds": round(seconds, 3),
        "transitions": len(items),
        "last": max([t["seq"] for t in transitions] or [since]),
        "chain": [{"kind": t["kind"], "id": t["id"], "seconds": t["seconds"]} for t in chain],
    }

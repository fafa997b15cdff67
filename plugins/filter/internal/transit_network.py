# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters private to the cen_network role's Enterprise edition (transit routers).

The Basic planning (cen_network.py) checks the input and finds the members; these
filters add what transit routers need - the service of every account, the
vSwitches each attachment goes through, one router per region, one peer attachment
per region pair - and decide which writes a run makes, from reads done once per
account, region or CEN. Grants and revokes are worked out by the Basic filters.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.filter.internal.cen_network import (
    cen_network_grants,
    cen_network_revokes,
    loop_results,
    packages_view,
    result_base,
    unrevoked_warnings,
)

ZONES_PER_ATTACHMENT = 2  # zone redundancy: two zones where the region has two


def router_name(cen_name, region):
    return "%s-%s" % (cen_name, region)


def _services(plan, services, allow_open, errors):
    """The accounts whose transit-router service to open; a closed one is an error unless opening is allowed."""
    closed = [r["item"]["account_id"] for r in loop_results(services) if not r.get("enabled")]
    if allow_open:
        return closed
    for account_id in closed:
        labels = [m["label"] for m in plan["members"] if m["account_id"] == account_id]
        whose = "the CEN owner" if account_id == plan["owner_account_id"] else "members"
        if account_id == plan["owner_account_id"] and labels:
            whose = "the CEN owner and members"
        errors.append("account %s (%s%s): its transit-router service is not open; set "
                      "cen_network_open_transit_router_service: true to let the role open it (it cannot be undone)"
                      % (account_id, whose, ": " + ", ".join(labels) if labels else ""))
    return []


def _zone_mappings(member, vswitches, zones, errors):
    """The member's [{vswitch_id, zone_id}]: its vswitch_ids, or one vSwitch per router zone (two at most)."""
    own = [v for v in vswitches if v.get("vpc_id") == member["instance_id"]]
    where = "member %s of account %s" % (member["label"], member["account_id"])
    if not zones:
        errors.append("%s: transit routers take no attachment in %s (the region has no zone for them): use "
                      "cen_network_edition: basic for this member's network, or leave it out"
                      % (where, member["region"]))
        return []
    if member.get("vswitch_ids"):
        by_id = dict((v["vswitch_id"], v) for v in own)
        problems = ["%s is not a vSwitch of %s" % (i, member["instance_id"]) for i in member["vswitch_ids"]
                    if i not in by_id]
        problems += ["%s is in zone %s, where transit routers take no attachment (they do in %s)" % (
            i, by_id[i]["zone_id"], ", ".join(zones)) for i in member["vswitch_ids"]
            if i in by_id and by_id[i]["zone_id"] not in zones]
        picked = [by_id[i]["zone_id"] for i in member["vswitch_ids"] if i in by_id]
        problems += ["%s has two vSwitches; give one per zone" % z for z in sorted(set(picked))
                     if picked.count(z) > 1]
        errors.extend("%s: vswitch_ids: %s" % (where, p) for p in problems)
        return [dict(vswitch_id=i, zone_id=by_id[i]["zone_id"]) for i in member["vswitch_ids"] if i in by_id]
    mappings = []
    for zone in zones:
        found = sorted(v["vswitch_id"] for v in own if v.get("zone_id") == zone)
        if found and len(mappings) < ZONES_PER_ATTACHMENT:
            mappings.append(dict(vswitch_id=found[0], zone_id=zone))
    if not mappings:
        errors.append("%s: the VPC has no vSwitch in a zone where transit routers take attachments in %s (%s); "
                      "create one there, or give vswitch_ids" % (where, member["region"], ", ".join(zones)))
    return mappings


def transit_network_plan(found, plan, cen_name, services, regions, vswitches, allow_open, cen_id=None):
    """What the Enterprise build needs, checked before any write.

    ``found`` is cen_network_resolve's result, ``services`` transit_router_service (state=query, accounts) over
    plan.account_ids (``results[].item.account_id``), ``regions`` the transit_router_info loop over the members'
    regions, ``vswitches`` vswitch_info over plan.lookups (``results[].item`` account_id and region), ``cen_id``
    the CEN's id when it exists (its routers are kept). Returns a
    dict:
      owner_account_id  the CEN owner
      members         the members, each with ``zone_mappings`` and ``attachment_name``
      open_accounts   accounts whose transit-router service the role opens
      routers         [{region, name, transit_router_id}]: one per member region (the id None when to create)
      links           [{local_region, opposite_region, bandwidth, name}]: one per region pair with a limit
      warnings        members attached through one zone of a region that has more
      errors          everything that stops the build; nothing is written when not empty
    """
    errors, warnings = [], []
    open_accounts = _services(plan, services, allow_open, errors)
    zones, routers = {}, {}
    for result in loop_results(regions):
        zones[result["item"]] = (result.get("zones") or {}).get(result["item"]) or []
        routers.update((r["region_id"], r["transit_router_id"]) for r in result.get("transit_routers") or []
                       if cen_id and r.get("cen_id") == cen_id)
    listed = {}
    for result in loop_results(vswitches):
        listed[(result["item"]["account_id"], result["item"]["region"])] = result.get("vswitches") or []
    members, seen = [], set()
    for member in found["members"]:
        if member["instance_id"] in seen:
            errors.append("member %s: %s is listed twice" % (member["label"], member["instance_id"]))
            continue
        seen.add(member["instance_id"])
        if member["instance_type"] != "VPC":
            errors.append("member %s: a %s cannot be attached to a transit router by this role yet; use "
                          "cen_network_edition: basic" % (member["label"], member["instance_type"]))
            continue
        region_zones = zones.get(member["region"], [])
        mappings = _zone_mappings(member, listed.get((member["account_id"], member["region"]), []), region_zones,
                                  errors)
        if len(mappings) == 1 and len(region_zones) > 1 and not member.get("vswitch_ids"):
            warnings.append("member %s is attached through one zone (%s): the VPC has no vSwitch in another zone "
                            "where transit routers take attachments (%s)" % (
                                member["label"], mappings[0]["zone_id"], ", ".join(region_zones)))
        name = "%s-%s" % (cen_name, member["instance_id"])
        members.append(dict(member, zone_mappings=mappings, attachment_name=name))
    member_regions = list(dict.fromkeys(m["region"] for m in plan["members"]))
    return dict(
        owner_account_id=plan["owner_account_id"],
        members=members,
        open_accounts=open_accounts,
        routers=[dict(region=r, name=router_name(cen_name, r), transit_router_id=routers.get(r))
                 for r in member_regions],
        links=[dict(local_region=lim["local_region"], opposite_region=lim["opposite_region"],
                    bandwidth=lim["bandwidth_limit"], span=lim["span"],
                    name="%s-%s-%s" % (cen_name, lim["local_region"], lim["opposite_region"]))
               for lim in plan["limits"]],
        warnings=warnings,
        errors=errors,
    )


def transit_network_routers(network, created):
    """{region: transit router id} once the missing routers are created (or predicted, in check mode); ``created``
    the transit_router batch that created them (``results`` one entry per region)."""
    ids = dict((r["region"], r["transit_router_id"]) for r in network["routers"] if r["transit_router_id"])
    ids.update((r["region"], r["transit_router_id"]) for r in loop_results(created))
    return ids


def transit_network_router_items(routers):
    """The ``routers`` of one transit_router batch: each router's region (``region``, or ``region_id`` as
    transit_router_info returns it) and its name when it has one (the routers to create)."""
    batch = []
    for router in routers:
        item = dict(region=router["region"] if "region" in router else router["region_id"])
        if router.get("name"):
            item["name"] = router["name"]
        batch.append(item)
    return batch


def _same_vswitches(attachment, mappings):
    return sorted(m.get("vswitch_id") for m in attachment.get("zone_mappings") or []) == \
        sorted(m["vswitch_id"] for m in mappings)


def _attachment_differs(member, attachment):
    if attachment is None or attachment.get("status") not in ("Attached", "Attaching"):
        return True
    if member.get("vswitch_ids") and not _same_vswitches(attachment, member["zone_mappings"]):
        return True
    return attachment.get("transit_router_attachment_name") != member["attachment_name"] \
        or not attachment.get("auto_publish_route_enabled")


def _pair(link, router_ids):
    return frozenset([router_ids.get(link["local_region"]), router_ids.get(link["opposite_region"])])


def _link_differs(link, attachment, package_id):
    if attachment is None or attachment.get("status") not in ("Attached", "Attaching"):
        return True
    wanted_type = "BandwidthPackage" if package_id else "DataTransfer"
    return attachment.get("transit_router_attachment_name") != link["name"] \
        or attachment.get("bandwidth_type") != wanted_type or attachment.get("bandwidth") != link["bandwidth"] \
        or (package_id and attachment.get("cen_bandwidth_package_id") != package_id)


def _split(attachments):
    vpcs, peers, seen = [], [], set()
    for attachment in (attachments or {}).get("attachments") or []:
        if attachment["transit_router_attachment_id"] in seen:
            continue
        seen.add(attachment["transit_router_attachment_id"])
        (vpcs if attachment.get("attachment_type") == "VPC" else peers).append(attachment)
    return vpcs, peers


def _detached(attachments):
    """VPC attachments as cen_network_revokes takes detached instances."""
    return [dict(instance_id=a["vpc_id"], instance_type="VPC", instance_region=a.get("vpc_region_id"),
                 instance_owner_id=a.get("vpc_owner_id")) for a in attachments]


def transit_network_steps(network, attachments, router_ids, purge, packages=None, known_accounts=()):
    """The writes of a present run, from the CEN's attachments (transit_router_attachment_info) read once.

    ``packages`` maps a region pair's span to the bandwidth package its peer attachment uses. Returns a dict:
      grants    [{account_id, instances}]: members of other accounts not attached yet (one call per account)
      attach    members whose VPC attachment is missing or differs, each with ``transit_router_id``
      link      links whose peer attachment is missing or differs, with both routers' ids and the package id
      detach    VPC attachments of networks no longer listed (with purge)
      unlink    peer attachments of region pairs no longer listed (with purge)
      routers   [{transit_router_id, region}]: routers outside the member regions that purging leaves empty
      revokes, unknown   the grants to revoke of the detached networks, as cen_network_revokes returns them
    """
    vpcs, peers = _split(attachments)
    by_vpc = dict((a["vpc_id"], a) for a in vpcs)
    grants = cen_network_grants(network["members"], [dict(child_instance_id=a["vpc_id"], status=a.get("status"))
                                                     for a in vpcs], network["owner_account_id"])
    attach = []
    for member in network["members"]:
        current = by_vpc.get(member["instance_id"])
        if _attachment_differs(member, current):
            # Without vswitch_ids, an attachment that exists keeps its vSwitches.
            keep = current is not None and not member.get("vswitch_ids")
            attach.append(dict(member, transit_router_id=router_ids[member["region"]],
                               zone_mappings=[] if keep else member["zone_mappings"]))
    by_pair = dict((frozenset([a.get("transit_router_id"), a.get("peer_transit_router_id")]), a) for a in peers)
    link = []
    for item in network["links"]:
        package_id = (packages or {}).get(item.get("span"))
        if _link_differs(item, by_pair.get(_pair(item, router_ids)), package_id):
            link.append(dict(item, transit_router_id=router_ids[item["local_region"]],
                             peer_transit_router_id=router_ids[item["opposite_region"]],
                             bandwidth_package_id=package_id))
    listed = set(m["instance_id"] for m in network["members"])
    pairs = set(_pair(item, router_ids) for item in network["links"])
    detach = [a for a in vpcs if a["vpc_id"] not in listed] if purge else []
    unlink = [a for a in peers if frozenset([a.get("transit_router_id"), a.get("peer_transit_router_id")])
              not in pairs] if purge else []
    revokes = cen_network_revokes([], _detached(detach), network["owner_account_id"], list(known_accounts))
    # A router left with nothing once purged goes too: one that held a purged attachment, outside the member regions.
    kept = set(router_ids.values())
    emptied = set(a["transit_router_id"] for a in detach) | set(r for a in unlink for r in (
        a.get("transit_router_id"), a.get("peer_transit_router_id")))
    remaining = set(a["transit_router_id"] for a in vpcs if a not in detach) | set(
        r for a in peers if a not in unlink for r in (a.get("transit_router_id"), a.get("peer_transit_router_id")))
    regions = dict((a["transit_router_id"], a.get("vpc_region_id")) for a in detach)
    regions.update((a.get(key), a.get(region)) for a in unlink for key, region in (
        ("transit_router_id", "region_id"), ("peer_transit_router_id", "peer_transit_router_region_id")))
    routers = [dict(transit_router_id=r, region=regions.get(r)) for r in sorted(emptied - kept - remaining)]
    return dict(grants=grants, attach=attach, link=link, detach=detach, unlink=unlink, routers=routers, **revokes)


def transit_network_attachments(items, owner_account_id=None):
    """The ``attachments`` of one transit_router_vpc_attachment batch: for the members to attach (steps' ``attach``)
    their router, VPC, owner (left out for the CEN owner's own), vSwitches (left out to keep those of an attachment
    that exists), name and route publishing; for the attachments to detach (``detach``), their router and VPC."""
    batch = []
    for item in items:
        if "instance_id" not in item:
            batch.append(dict(transit_router_id=item["transit_router_id"], vpc_id=item["vpc_id"]))
            continue
        batch.append(dict(transit_router_id=item["transit_router_id"], vpc_id=item["instance_id"],
                          vpc_owner_id=None if item["account_id"] == owner_account_id else item["account_id"],
                          zone_mappings=item["zone_mappings"] or None, name=item["attachment_name"],
                          auto_publish_route=True))
    return batch


def transit_network_links(items):
    """The ``links`` of one transit_router_peer_attachment batch: for the region pairs to link (steps' ``link``)
    both routers and regions, the name and the bandwidth (from the span's package when it has one, else billed by
    data transfer); for the peer attachments to remove (``unlink``), their two routers."""
    batch = []
    for item in items:
        link = dict(transit_router_id=item["transit_router_id"], peer_transit_router_id=item["peer_transit_router_id"])
        if "local_region" in item:
            link.update(region=item["local_region"], peer_region=item["opposite_region"], name=item["name"],
                        bandwidth=item["bandwidth"], bandwidth_package_id=item.get("bandwidth_package_id"),
                        bandwidth_type="BandwidthPackage" if item.get("bandwidth_package_id") else "DataTransfer")
        batch.append(link)
    return batch


def transit_network_teardown(attachments, members, owner_account_id, known_accounts):
    """What absent removes, in order: peer attachments, VPC attachments, grants (revokes, unknown)."""
    vpcs, peers = _split(attachments)
    revokes = cen_network_revokes(members, _detached(vpcs), owner_account_id, list(known_accounts))
    return dict(unlink=peers, detach=vpcs, **revokes)


def _changed(registered):
    return [r for r in loop_results(registered) if r.get("changed")]


def _enterprise_changes(ctx, package_changes):
    """The changes of a run, as texts, in the order the role made them."""
    changes = ["opened the transit-router service of account %s" % r["item"] for r in _changed(ctx.get("opened"))]
    cen = ctx.get("cen") or {}
    present = ctx["state"] == "present"
    if present and cen.get("changed") and not cen.get("skipped"):
        changes.append("%s the CEN %s" % ("updated" if ctx.get("existed") else "created", ctx.get("cen_id")))
    # routers and routers_gone: one transit_router batch each, ``results`` one entry per region.
    changes += ["created the transit router %s (%s)" % (r["transit_router_id"], r["region"])
                for r in _changed(ctx.get("routers")) if present]
    if present:
        changes += package_changes
    for result in _changed(ctx.get("granted")):
        changes.extend("granted %s to the CEN from account %s" % (r["instance_id"], result["item"]["account_id"])
                       for r in result.get("results", []) if r.get("changed"))
    # attach and detach: one transit_router_vpc_attachment batch each, ``results`` one entry per VPC.
    members = dict((m["instance_id"], m) for m in (ctx.get("network") or {}).get("members") or [])
    changes += ["attached %s (%s, account %s) as %s" % (r["vpc_id"], members[r["vpc_id"]]["region"],
                                                        members[r["vpc_id"]]["account_id"],
                                                        r["transit_router_attachment_id"])
                for r in _changed(ctx.get("attach"))]
    # Check mode: members of other accounts whose grant is predicted, not made, so the attachment module is not run.
    waiting = set(ctx.get("waiting") or [])
    changes += ["attached %s (%s, account %s) once granted" % (m["instance_id"], m["region"], m["account_id"])
                for m in (ctx.get("network") or {}).get("members") or [] if m["instance_id"] in waiting]
    # link and unlink: one transit_router_peer_attachment batch each, ``results`` one entry per link.
    changes += ["linked %s <-> %s at %s Mbit/s as %s" % (r["link"]["region"], r["link"]["peer_region"],
                                                         r["link"]["bandwidth"], r["transit_router_attachment_id"])
                for r in _changed(ctx.get("link"))]
    changes += ["removed the link %s" % r["transit_router_attachment_id"] for r in _changed(ctx.get("unlink"))]
    if not present:
        changes += package_changes
    changes += ["detached %s (%s)" % (r["vpc_id"], r["transit_router_attachment_id"])
                for r in _changed(ctx.get("detach"))]
    for result in _changed(ctx.get("revoked")):
        changes.extend("revoked the grant of %s in account %s" % (r["instance_id"], result["item"]["account_id"])
                       for r in result.get("results", []) if r.get("changed"))
    changes += ["deleted the transit router %s" % r["transit_router_id"]
                for r in _changed(ctx.get("routers_gone") if present else ctx.get("routers"))]
    if not present and cen.get("changed") and not cen.get("skipped"):
        changes.append("deleted the CEN %s" % ctx.get("cen_id"))
    return changes


def transit_network_result(ctx):
    """cen_network_result for the Enterprise edition, from what the role's tasks registered (see the README)."""
    present = ctx["state"] == "present"
    network = ctx.get("network") or {}
    vpcs, peers = _split(ctx.get("attached"))
    written = dict((r["vpc_id"], r["attachment"]) for r in loop_results(ctx.get("attach")))
    current = dict((a["vpc_id"], a) for a in vpcs)
    attachments, members = [], []
    for member in network.get("members") or ctx.get("members") or []:
        attachment = written.get(member["instance_id"]) or current.get(member["instance_id"]) or {}
        if not present:
            attachment = {}
        members.append(dict(instance_id=member["instance_id"], vpc_name=member["vpc_name"],
                            instance_type=member["instance_type"], region=member["region"],
                            account_id=member["account_id"], status=attachment.get("status") or "Detached"))
        if attachment:
            attachments.append(dict(instance_id=member["instance_id"], region=member["region"],
                                    account_id=member["account_id"],
                                    transit_router_attachment_id=attachment.get("transit_router_attachment_id"),
                                    zone_mappings=[dict(vswitch_id=z.get("vswitch_id"), zone_id=z.get("zone_id"))
                                                   for z in attachment.get("zone_mappings") or []]))
    router_ids = ctx.get("router_ids") or {}
    links_written = dict(((r["link"]["region"], r["link"]["peer_region"]), r["attachment"])
                         for r in loop_results(ctx.get("link")))
    by_pair = dict((frozenset([a.get("transit_router_id"), a.get("peer_transit_router_id")]), a) for a in peers)
    links = []
    for item in network.get("links") or [] if present else []:
        attachment = links_written.get((item["local_region"], item["opposite_region"])) \
            or by_pair.get(_pair(item, router_ids)) or {}
        links.append(dict(local_region=item["local_region"], opposite_region=item["opposite_region"],
                          bandwidth=attachment.get("bandwidth", item["bandwidth"]),
                          transit_router_attachment_id=attachment.get("transit_router_attachment_id")))
    package_changes = []
    packages = packages_view(ctx, package_changes)
    changes = _enterprise_changes(ctx, package_changes)
    warnings = list(network.get("warnings") or []) + list(ctx.get("overlaps") or []) if present else []
    limits = [dict(local_region=lnk["local_region"], opposite_region=lnk["opposite_region"],
                   bandwidth_limit=lnk["bandwidth"]) for lnk in links]
    return result_base(ctx, "enterprise", members, packages, limits, changes, warnings + unrevoked_warnings(ctx),
                       transit_routers=[dict(region=region, transit_router_id=router_ids[region])
                                        for region in sorted(router_ids)] if present else [],
                       attachments=attachments, links=links)


class FilterModule(object):
    """cen_network role filters of the Enterprise edition."""

    def filters(self):
        return {
            "transit_network_plan": transit_network_plan,
            "transit_network_routers": transit_network_routers,
            "transit_network_router_items": transit_network_router_items,
            "transit_network_steps": transit_network_steps,
            "transit_network_attachments": transit_network_attachments,
            "transit_network_links": transit_network_links,
            "transit_network_teardown": transit_network_teardown,
            "transit_network_result": transit_network_result,
        }

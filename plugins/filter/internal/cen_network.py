# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters private to the cen_network role: the plan it works from, and its result.

The role's tasks stay a flat list of module calls; deciding what those calls are
(which accounts grant, which names to look up, which bandwidth packages a set of
region pairs needs and how big) is plain data work, done here once, before any API
call. Region areas come from the collection's own geo module, the one place they
live.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.alicloud.interconnect.plugins.module_utils import geo
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import overlaps

MIN_PACKAGE_BANDWIDTH = 2  # Mbit/s: CreateCenBandwidthPackage refuses less
ID_PREFIXES = {"VPC": "vpc-", "VBR": "vbr-"}


def _text(value):
    return "" if value is None else str(value)


def member_label(member):
    """How messages name a member: its id, or its VPC name and region."""
    if member.get("instance_id"):
        return str(member["instance_id"])
    return "%s (VPC name, %s)" % (member.get("vpc_name"), member.get("region"))


def _check_accounts(accounts, errors):
    """account id -> credentials entry, with the entries' own mistakes in errors."""
    by_id = {}
    for index, entry in enumerate(accounts or []):
        account_id = _text(entry.get("account_id"))
        where = "cen_network_accounts[%d] (account %s)" % (index, account_id or "?")
        if not account_id.isdigit():
            errors.append("%s: account_id must be the account's numeric UID, not %r" % (where, entry.get("account_id")))
            continue
        if account_id in by_id:
            errors.append("%s: account %s is listed twice" % (where, account_id))
            continue
        has_key = bool(entry.get("access_key")) or bool(entry.get("secret_key"))
        if has_key and not (entry.get("access_key") and entry.get("secret_key")):
            errors.append("%s: access_key and secret_key go together" % where)
        if entry.get("security_token") and not has_key:
            errors.append("%s: security_token needs access_key and secret_key" % where)
        if not has_key and not (entry.get("profile") or entry.get("shared_credentials_file")):
            errors.append("%s: give access_key and secret_key, or profile (and/or shared_credentials_file)" % where)
        by_id[account_id] = entry
    return by_id


def _check_member(index, member, owner, known_accounts, errors):
    """A member with its defaults applied, or None when it cannot be planned."""
    itype = member.get("instance_type") or "VPC"
    account_id = _text(member.get("account_id")) or owner
    item = dict(instance_id=member.get("instance_id") or None, vpc_name=member.get("vpc_name") or None,
                instance_type=itype, region=member.get("region"), account_id=account_id,
                vswitch_ids=list(member.get("vswitch_ids") or []))
    where = "cen_network_members[%d] %s" % (index, member_label(item))
    problems = []
    if bool(item["instance_id"]) == bool(item["vpc_name"]):
        problems.append("give instance_id or vpc_name (one of them)")
    if item["vpc_name"] and itype != "VPC":
        problems.append("vpc_name finds VPCs only; give the %s's instance_id" % itype)
    if item["instance_id"] and itype in ID_PREFIXES and not str(item["instance_id"]).startswith(ID_PREFIXES[itype]):
        problems.append("a %s id starts with %s" % (itype, ID_PREFIXES[itype]))
    if geo.area_of(item["region"]) is None:
        problems.append("unknown region %r" % item["region"])
    if not account_id.isdigit():
        problems.append("account_id must be the account's numeric UID, not %r" % member.get("account_id"))
    elif account_id not in known_accounts:
        problems.append("no credentials for its account %s: add it to cen_network_accounts" % account_id)
    errors.extend("%s: %s" % (where, problem) for problem in problems)
    return None if problems else item


def _member_key(item):
    if item["instance_id"]:
        return item["instance_id"]
    return "%s|%s|%s" % (item["account_id"], item["region"], item["vpc_name"])


def _check_limits(limits, regions, errors):
    """The limits with their span, one per region pair."""
    planned, seen = [], {}
    for index, limit in enumerate(limits or []):
        local, opposite = limit.get("local_region"), limit.get("opposite_region")
        where = "cen_network_bandwidth_limits[%d] %s <-> %s" % (index, local, opposite)
        problems = []
        if local == opposite:
            problems.append("the two regions must differ")
        for region in (local, opposite):
            if geo.area_of(region) is None:
                problems.append("unknown region %r" % region)
            elif region not in regions:
                problems.append("no member is in %s" % region)
        pair = tuple(sorted([_text(local), _text(opposite)]))
        if pair in seen:
            problems.append("the pair is already set by cen_network_bandwidth_limits[%d]" % seen[pair])
        if not isinstance(limit.get("bandwidth_limit"), int) or limit["bandwidth_limit"] < 1:
            problems.append("bandwidth_limit must be a whole number of Mbit/s, at least 1")
        errors.extend("%s: %s" % (where, problem) for problem in problems)
        if problems:
            continue
        seen[pair] = index
        span = geo.region_span(local, opposite)
        planned.append(dict(local_region=local, opposite_region=opposite, bandwidth_limit=limit["bandwidth_limit"],
                            span=geo.span_id(*span)))
    return planned


def _spans(limits, cen_name):
    """One bandwidth package per geographic span the limits cross, sized to the sum of the span's limits."""
    spans = {}
    for limit in limits:
        area_a, area_b = geo.region_span(limit["local_region"], limit["opposite_region"])
        span = spans.setdefault(limit["span"], dict(
            span=limit["span"], geographic_region_a=area_a, geographic_region_b=area_b, limits_sum=0,
            package_name="%s-%s" % (cen_name, limit["span"])))
        span["limits_sum"] += limit["bandwidth_limit"]
    for span in spans.values():
        span["bandwidth"] = max(MIN_PACKAGE_BANDWIDTH, span["limits_sum"])
    return [spans[key] for key in sorted(spans)]


def cen_network_plan(members, accounts, owner_account_id, limits=None, cen_name=""):
    """Check the role's input beyond its argument spec and work out what to call.

    Returns a dict:
      owner_account_id   the CEN owner, as a string
      members            every member with its defaults: instance_id or vpc_name, instance_type, region,
                         account_id, key (unique), label (for messages)
      account_ids        every account the role calls as: the owner first, then the members' accounts
      lookups            [{account_id, region, names, ids}]: the VPCs to find (by name, by id), one entry per account
                         and region with VPC members
      foreign_accounts   member accounts other than the owner's (they grant their instances to the CEN)
      limits             the inter-region limits, each with its span
      spans              [{span, geographic_region_a, geographic_region_b, bandwidth, package_name}]
      errors             everything wrong with the input; the role stops before any API call when not empty
    """
    errors = []
    owner = _text(owner_account_id)
    known = _check_accounts(accounts, errors)
    if not owner.isdigit():
        errors.append("cen_network_owner_account_id must be the owner's numeric UID, not %r" % owner_account_id)
    elif owner not in known:
        errors.append("cen_network_owner_account_id %s: no credentials for it in cen_network_accounts" % owner)
    planned, keys = [], {}
    for index, member in enumerate(members or []):
        item = _check_member(index, member, owner, known, errors)
        if item is None:
            continue
        key = _member_key(item)
        if key in keys:
            errors.append("cen_network_members[%d] %s: listed twice (also cen_network_members[%d])"
                          % (index, member_label(item), keys[key]))
            continue
        keys[key] = index
        item.update(key=key, label=member_label(item))
        planned.append(item)
    limits = _check_limits(limits, set(m["region"] for m in planned), errors)
    lookups = {}
    for item in planned:
        if item["instance_type"] == "VPC":
            entry = lookups.setdefault((item["account_id"], item["region"]),
                                       dict(account_id=item["account_id"], region=item["region"], names=[], ids=[]))
            if item["vpc_name"]:
                entry["names"].append(item["vpc_name"])
            else:
                entry["ids"].append(item["instance_id"])
    account_ids = [owner] + sorted(set(m["account_id"] for m in planned) - set([owner]))
    return dict(
        owner_account_id=owner,
        members=planned,
        account_ids=account_ids,
        foreign_accounts=account_ids[1:],
        lookups=[lookups[key] for key in sorted(lookups)],
        limits=limits,
        spans=_spans(limits, cen_name),
        errors=errors,
    )


def _cidr_blocks(vpc):
    """Every IPv4 block of a vpc_info record: the primary and the secondary ones."""
    return [vpc["cidr_block"]] + [b for b in vpc.get("secondary_cidr_blocks") or [] if b != vpc["cidr_block"]]


def _overlapping(members):
    """A message for each pair of members whose address ranges overlap, worded like the peering modules'.

    The blocks are sorted by their first address and swept once, so only blocks that do overlap are compared:
    1000 members are not 500,000 pairs to parse and compare.
    """
    blocks = sorted((net.version, int(net.network_address), int(net.broadcast_address), index)
                    for index, member in enumerate(members)
                    for net in (ipaddress.ip_network(cidr, strict=False) for cidr in member["cidr_blocks"]))
    found, active = set(), []
    for version, start, end, index in blocks:
        active = [block for block in active if block[0] == version and block[2] >= start]
        found.update((min(block[3], index), max(block[3], index)) for block in active if block[3] != index)
        active.append((version, start, end, index))
    messages = []
    for first, second in ((members[i], members[j]) for i, j in sorted(found)):
        pairs = overlaps(first["cidr_blocks"], second["cidr_blocks"])
        messages.append("the CIDR blocks of %s (%s) and %s (%s) overlap (%s): the CEN cannot route the "
                        "addresses they share to both" % (
                            first["instance_id"], ", ".join(first["cidr_blocks"]), second["instance_id"],
                            ", ".join(second["cidr_blocks"]), "; ".join("%s with %s" % p for p in pairs)))
    return messages


def cen_network_resolve(plan, lookups):
    """The members with instance ids and address ranges, from the vpc_info results of the lookups.

    ``lookups`` is the registered result of the vpc_info loop over plan.lookups. Returns
    ``{members, errors, overlaps}``; each member gains ``instance``, itself as an item of
    cen_attachment's ``instances``, and ``cidr_blocks`` (empty for a VBR). A name that matches no VPC,
    or several, is an error naming the member. ``overlaps`` names every two members whose CIDR blocks
    overlap.
    """
    by_name, by_id = {}, {}
    for result in (lookups or {}).get("results", []):
        entry = result.get("item") or {}
        for vpc in result.get("vpcs") or []:
            where = (entry.get("account_id"), entry.get("region"))
            by_name.setdefault(where + (vpc.get("vpc_name"),), []).append(vpc)
            by_id[where + (vpc.get("vpc_id"),)] = vpc
    members, errors = [], []
    for member in plan["members"]:
        item = dict(member)
        where = (item["account_id"], item["region"])
        if item["instance_id"]:
            vpc = by_id.get(where + (item["instance_id"],))  # None for a VBR, or a VPC its account does not list
        else:
            found = by_name.get(where + (item["vpc_name"],), [])
            if len(found) != 1:
                errors.append("member %s of account %s: %s" % (
                    item["label"], item["account_id"],
                    "no VPC has this name" if not found else "the name matches several VPCs (%s): give instance_id"
                    % ", ".join(sorted(v.get("vpc_id") for v in found))))
                continue
            vpc = found[0]
            item["instance_id"] = vpc["vpc_id"]
        item["cidr_blocks"] = _cidr_blocks(vpc) if vpc else []
        item["instance"] = dict(instance_id=item["instance_id"], instance_type=item["instance_type"],
                                instance_region=item["region"], instance_owner_id=item["account_id"])
        members.append(item)
    return dict(members=members, errors=errors, overlaps=_overlapping([m for m in members if m["cidr_blocks"]]))


def cen_network_account_errors(results, plan):
    """Messages naming the members of every account whose call failed, in a loop over accounts or in a batch
    over them (``results`` as a loop registers them: items are account ids, or dicts with account_id)."""
    messages = []
    for result in (results or {}).get("results", []):
        item = result.get("item")
        account_id = item.get("account_id") if isinstance(item, dict) else item
        if not result.get("failed"):
            continue
        problem = result.get("msg") or "failed"
        labels = [m["label"] for m in plan["members"] if m["account_id"] == account_id]
        whose = "the CEN owner" if account_id == plan["owner_account_id"] else "members"
        if account_id == plan["owner_account_id"] and labels:
            whose = "the CEN owner and members"
        named = ": " + ", ".join(labels) if labels else ""
        messages.append("account %s (%s%s): %s" % (account_id, whose, named, problem))
    return messages


def cen_network_grants(members, attachments, owner_account_id):
    """[{account_id, instances}] for the member accounts with instances not attached to the CEN yet.

    An attached instance was granted (the CEN could not have attached it otherwise), so a re-run
    skips accounts whose instances are all attached.
    """
    attached = set(a.get("child_instance_id") for a in attachments or [] if a.get("status") in ("Attached",
                                                                                                "Attaching"))
    grants = {}
    for member in members:
        if member["account_id"] == owner_account_id or member["instance_id"] in attached:
            continue
        grants.setdefault(member["account_id"], []).append(dict(
            instance_id=member["instance_id"], instance_type=member["instance_type"], instance_region=member["region"]))
    return [dict(account_id=key, instances=grants[key]) for key in sorted(grants)]


def cen_network_revokes(members, detached, owner_account_id, known_accounts):
    """[{account_id, instances}] whose grants to revoke, and the instances whose account has no credentials.

    ``members`` are the role's members whose grants go (all of them for state=absent, none when
    only purging), ``detached`` the cen_attachment results of instances that were detached.
    Returns ``{revokes, unknown}``.
    """
    revokes, unknown = {}, []
    seen = set()
    gone = [dict(instance_id=d["instance_id"], instance_type=d["instance_type"], region=d["instance_region"],
                 account_id=_text(d.get("instance_owner_id"))) for d in detached or []]
    for item in list(members or []) + gone:
        account_id = item["account_id"] or owner_account_id
        if account_id == owner_account_id or item["instance_id"] in seen:
            continue
        seen.add(item["instance_id"])
        if account_id not in known_accounts:
            unknown.append("%s (account %s)" % (item["instance_id"], account_id))
            continue
        revokes.setdefault(account_id, []).append(dict(
            instance_id=item["instance_id"], instance_type=item["instance_type"], instance_region=item["region"]))
    return dict(revokes=[dict(account_id=key, instances=revokes[key]) for key in sorted(revokes)], unknown=unknown)


def cen_network_dropped_pairs(plan, attachments):
    """[{local_region, opposite_region}]: the region pairs of the CEN that the limits no longer list.

    The regions are the members' and those of every network attached to the CEN (``attachments``,
    cen_attachment_info's list, read before purging detached any); with cen_network_purge_members the
    role removes the limit of each pair, which does nothing where there is none.
    """
    regions = set(m["region"] for m in plan["members"])
    regions.update(a.get("child_instance_region_id") for a in attachments or [] if a.get("child_instance_region_id"))
    listed = set(tuple(sorted([lim["local_region"], lim["opposite_region"]])) for lim in plan["limits"])
    ordered = sorted(regions)
    return [dict(local_region=a, opposite_region=b) for i, a in enumerate(ordered) for b in ordered[i + 1:]
            if (a, b) not in listed]


def cen_network_verify_pairs(members, plan):
    """[{source, target}]: each two member VPCs that must reach each other, both ways, once.

    ``members`` are cen_network_resolve's; two VPCs must reach each other when they are in one region, or in
    two regions that cen_network_bandwidth_limits links (``plan``'s limits), on either edition. VBRs are left out.
    """
    linked = set(frozenset([lim["local_region"], lim["opposite_region"]]) for lim in plan["limits"])
    vpcs = [m for m in members if m["instance_type"] == "VPC"]
    return [dict(source=first["instance_id"], target=second["instance_id"])
            for index, first in enumerate(vpcs) for second in vpcs[index + 1:]
            if first["region"] == second["region"] or frozenset([first["region"], second["region"]]) in linked]


def _package_span(package):
    return geo.span_id(package.get("geographic_region_a_id"), package.get("geographic_region_b_id"))


def cen_network_packages(plan, packages, given_ids, cen_id):
    """Which bandwidth packages to write, and in which order the limits go around them.

    ``packages`` are the owner's packages (cen_bandwidth_package_info). A given package serves its
    span; every other span the limits cross gets the role's own package, named
    ``<cen name>-<span>``. Returns a dict:
      packages      [{span, bandwidth_package_id, name, bandwidth, geographic_region_a, geographic_region_b,
                      given, write, action}]: ``write`` is false when the package is already as wanted, and
                      ``action`` says what writing it does (bought, resized, associated)
      limits_first  the limits of spans whose package shrinks (lowered before the package is)
      limits_last   the other limits (set once their package is big enough)
      errors        given packages that do not exist, or that share a span
    """
    by_id = dict((p.get("cen_bandwidth_package_id"), p) for p in packages or [])
    errors, given = [], {}
    for package_id in given_ids or []:
        package = by_id.get(package_id)
        if package is None:
            errors.append("cen_network_bandwidth_package_ids: %s is not a bandwidth package of account %s"
                          % (package_id, plan["owner_account_id"]))
            continue
        span = _package_span(package)
        if span in given:
            errors.append("cen_network_bandwidth_package_ids: %s and %s both cover %s; a CEN holds one package per "
                          "span" % (given[span].get("cen_bandwidth_package_id"), package_id, span))
            continue
        given[span] = package
    wanted, shrinking = [], set()
    for span, package in sorted(given.items()):
        associate = cen_id not in (package.get("cen_ids") or [])
        wanted.append(dict(span=span, bandwidth_package_id=package["cen_bandwidth_package_id"],
                           name=package.get("name"), bandwidth=package.get("bandwidth"), given=True,
                           write=associate, action="associated" if associate else ""))
    for span in plan["spans"]:
        if span["span"] in given:
            continue
        current = [p for p in packages or [] if p.get("name") == span["package_name"]
                   and _package_span(p) == span["span"]]
        package = current[0] if len(current) == 1 else None
        if package is None:
            action = "bought"
        else:
            resize = int(package.get("bandwidth") or 0) != span["bandwidth"]
            associate = cen_id not in (package.get("cen_ids") or [])
            action = " and ".join(what for what, needed in (("resized", resize), ("associated", associate)) if needed)
            if int(package.get("bandwidth") or 0) > span["bandwidth"]:
                shrinking.add(span["span"])
        wanted.append(dict(span=span["span"], bandwidth_package_id=package and package["cen_bandwidth_package_id"],
                           name=span["package_name"], bandwidth=span["bandwidth"], given=False,
                           write=bool(action), action=action,
                           geographic_region_a=span["geographic_region_a"],
                           geographic_region_b=span["geographic_region_b"]))
    return dict(
        packages=wanted,
        limits_first=[lim for lim in plan["limits"] if lim["span"] in shrinking],
        limits_last=[lim for lim in plan["limits"] if lim["span"] not in shrinking],
        errors=errors,
    )


def loop_results(registered):
    """The results of a registered loop, its skipped items left out."""
    return [r for r in (registered or {}).get("results", []) if not r.get("skipped")]


def _ran(registered):
    return bool(registered) and not registered.get("skipped")


def _member_changes(ctx, changes):
    """Grants, attachments and revokes this run made, as texts."""
    for result in loop_results(ctx.get("granted")):
        account_id = result["item"]["account_id"]
        changes.extend("granted %s to the CEN from account %s" % (r["instance_id"], account_id)
                       for r in result.get("results", []) if r.get("changed"))
    attach = ctx.get("attach") or {}
    if _ran(attach):
        for entry in attach.get("results", []):
            if entry.get("action") in ("attach", "detach"):
                changes.append("%sed %s (%s, account %s)" % (
                    entry["action"], entry["instance_id"], entry.get("instance_region"),
                    entry.get("instance_owner_id")))
    for result in loop_results(ctx.get("revoked")):
        account_id = result["item"]["account_id"]
        changes.extend("revoked the grant of %s in account %s" % (r["instance_id"], account_id)
                       for r in result.get("results", []) if r.get("changed"))


def _members_view(ctx):
    attach = ctx.get("attach") or {}
    if ctx["state"] == "absent":
        attachments = []
    elif _ran(attach):
        attachments = attach.get("attachments") or []
    else:
        attachments = (ctx.get("attached") or {}).get("attachments") or []
    status = dict((a.get("child_instance_id"), a.get("status")) for a in attachments)
    return [dict(instance_id=m["instance_id"], vpc_name=m["vpc_name"], instance_type=m["instance_type"],
                 region=m["region"], account_id=m["account_id"], status=status.get(m["instance_id"], "Detached"))
            for m in ctx.get("members") or []]


def packages_view(ctx, changes):
    """The bandwidth packages of the result (also the Enterprise edition's), their changes added to changes."""
    packages = []
    written = dict((r["item"].get("span") or r["item"].get("cen_bandwidth_package_id"), r)
                   for r in loop_results(ctx.get("packages")))
    if ctx["state"] == "absent":
        for key, result in sorted(written.items()):
            if not result.get("changed"):
                continue
            if result["item"].get("name") == "%s-%s" % (ctx["name"], result["item"].get("geographic_span_id")):
                changes.append("deleted bandwidth package %s" % key)
            else:
                changes.append("took bandwidth package %s off the CEN" % key)
        return packages
    for planned in (ctx.get("bandwidth") or {}).get("packages", []):
        result = written.get(planned["span"])
        package = (result or {}).get("bandwidth_package") or {}
        package_id = (result or {}).get("bandwidth_package_id") or planned["bandwidth_package_id"]
        if result is not None and result.get("changed"):
            changes.append("%s bandwidth package %s (%s, %s Mbit/s)" % (
                planned["action"], package_id, planned["span"], package.get("bandwidth", planned["bandwidth"])))
        packages.append(dict(bandwidth_package_id=package_id, name=planned["name"], span=planned["span"],
                             bandwidth=package.get("bandwidth", planned["bandwidth"]), given=planned["given"]))
    return packages


def _limits_view(results, removing, changes):
    limits = []
    for result in loop_results({"results": results or []}):
        item = result["item"]
        if result.get("changed"):
            changes.append("%s the limit %s <-> %s%s" % (
                "removed" if removing else "set", item["local_region"], item["opposite_region"],
                "" if removing else " to %s Mbit/s" % item["bandwidth_limit"]))
        if not removing:
            limits.append(dict(local_region=item["local_region"], opposite_region=item["opposite_region"],
                               bandwidth_limit=item["bandwidth_limit"]))
    return limits


def unrevoked_warnings(ctx):
    """The warning, if any, about grants left in place for want of their account's credentials."""
    unknown = (ctx.get("revoke") or {}).get("unknown") or []
    if not unknown:
        return []
    return ["still granted to %s for want of credentials: %s" % (ctx.get("cen_id"), ", ".join(unknown))]


def result_base(ctx, edition, members, packages, limits, changes, warnings, **edition_fields):
    """The result fact of either edition (see the role's README): the fields they share around the edition's own."""
    result = dict(state=ctx["state"], edition=edition, name=ctx["name"],
                  cen_id=ctx.get("cen_id") if ctx["state"] == "present" else None,
                  owner_account_id=ctx["plan"]["owner_account_id"], members=members)
    result.update(edition_fields)
    result.update(bandwidth_packages=packages, bandwidth_limits=limits, changed=bool(changes), changes=changes,
                  warnings=warnings)
    result["verified"] = False  # true once verify.yml has checked the members reach each other
    return result


def cen_network_result(ctx):
    """The role's one output fact, from what its tasks registered (see the role's README)."""
    present = ctx["state"] == "present"
    cen = ctx.get("cen") or {}
    cen_changes, member_changes, package_changes = [], [], []
    first_changes, last_changes, removed_changes = [], [], []
    if _ran(cen) and cen.get("changed"):
        if present:
            cen_changes.append("%s the CEN %s" % ("updated" if ctx.get("existed") else "created",
                                                  ctx.get("cen_id") or ctx["name"]))
        else:
            cen_changes.append("deleted the CEN %s" % ctx.get("cen_id"))
    _member_changes(ctx, member_changes)
    packages = packages_view(ctx, package_changes)
    limits = _limits_view(ctx.get("limits_first"), False, first_changes) \
        + _limits_view(ctx.get("limits_last"), False, last_changes)
    _limits_view(ctx.get("limits_removed"), True, removed_changes)
    # In the order the role made them.
    if present:
        changes = cen_changes + member_changes + removed_changes + first_changes + package_changes + last_changes
    else:
        changes = removed_changes + package_changes + member_changes + cen_changes
    warnings = unrevoked_warnings(ctx) + (list(ctx.get("overlaps") or []) if present else [])
    return result_base(ctx, "basic", _members_view(ctx), packages, limits, changes, warnings)


class FilterModule(object):
    """cen_network role filters."""

    def filters(self):
        return {
            "cen_network_plan": cen_network_plan,
            "cen_network_resolve": cen_network_resolve,
            "cen_network_account_errors": cen_network_account_errors,
            "cen_network_grants": cen_network_grants,
            "cen_network_revokes": cen_network_revokes,
            "cen_network_packages": cen_network_packages,
            "cen_network_dropped_pairs": cen_network_dropped_pairs,
            "cen_network_verify_pairs": cen_network_verify_pairs,
            "cen_network_result": cen_network_result,
        }

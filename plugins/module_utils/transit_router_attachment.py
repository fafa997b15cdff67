# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attachments of Enterprise Edition transit routers (CBN 2017-09-12): what their cores share, and the grants
that let a CEN of another account attach a network instance to its transit routers.

* The reads of attachments, route tables and their links, the router a task names (``task_router``), and
  the steps that link an attachment to a route table and run one after the other (``link_steps``,
  ``run_steps``): used by transit_router_vpc.py (VPC attachments) and transit_router_peer.py
  (inter-region attachments).
* ``transit_router_grant`` (run with the instance owner's credentials): GrantInstanceToTransitRouter /
  RevokeInstanceFromTransitRouter, one instance or a batch.
* ``transit_router_attachment_info``: VPC and inter-region attachments of a router or a CEN.

Every write is asynchronous and a router takes one operation at a time: between two writes of a task
the core waits (reading) until the previous one has settled, whatever ``wait`` says, and the busy
answers of a concurrent task are retried until the task's deadline (retries.BUSY_CODES).
Wrappers return API dicts with wire names, or None / [] when there is nothing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import account_id, predicted
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    every_token_page,
    make_diff,
    snake_dict,
    unwrap,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import tags_to_list
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router import (
    find_transit_router,
    list_transit_routers,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id, get_vbr, get_vpc, get_vpc_attribute
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for

LIST_PAGE_SIZE = 50
NAME_MAX, DESCRIPTION_MAX = 128, 256
# Deletes refused because static routes of the router still point at the attachment.
ROUTER_ROUTES_CODE = "OperationFailed.RouteEntryExist"
ATTACHMENT_GONE_CODE = "InvalidTransitRouterAttachmentId.NotFound"


def _owner(value):
    """An account id from the API (int) as the modules return it (str)."""
    return None if value in (None, "") else str(value)


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------

def list_vpc_attachments(session, **fields):
    """The caller's VPC attachments matching ``fields`` (ListTransitRouterVpcAttachments wire names)."""
    return every_token_page(session, "cbn", "ListTransitRouterVpcAttachments", "TransitRouterAttachments",
                            MaxResults=LIST_PAGE_SIZE, **fields)


def list_peer_attachments(session, **fields):
    """The caller's inter-region attachments matching ``fields`` (ListTransitRouterPeerAttachments)."""
    return every_token_page(session, "cbn", "ListTransitRouterPeerAttachments", "TransitRouterAttachments",
                            MaxResults=LIST_PAGE_SIZE, **fields)


def list_route_tables(session, router_id, table_type=None, table_ids=None):
    """The route tables of a router (of ``table_type`` System / Custom, or with ``table_ids``)."""
    return every_token_page(session, "cbn", "ListTransitRouterRouteTables", "TransitRouterRouteTables",
                            MaxResults=LIST_PAGE_SIZE, TransitRouterId=router_id,
                            TransitRouterRouteTableType=table_type, TransitRouterRouteTableIds=table_ids)


def associations_of(session, attachment_id, table_id=None):
    """The associations of an attachment (with ``table_id`` only, when given): one per router it is on."""
    return every_token_page(session, "cbn", "ListTransitRouterRouteTableAssociations", "TransitRouterAssociations",
                            MaxResults=LIST_PAGE_SIZE, TransitRouterRouteTableId=table_id,
                            TransitRouterAttachmentId=attachment_id)


def association_of(session, attachment_id):
    """The association of an attachment (with one table of its router), or None."""
    found = associations_of(session, attachment_id)
    return found[0] if found else None


def propagation_of(session, attachment_id, table_id):
    """The attachment's propagation into route table ``table_id``, or None."""
    found = every_token_page(session, "cbn", "ListTransitRouterRouteTablePropagations", "TransitRouterPropagations",
                             MaxResults=LIST_PAGE_SIZE, TransitRouterRouteTableId=table_id,
                             TransitRouterAttachmentId=attachment_id)
    return found[0] if found else None


def task_router(session, params, region):
    """The transit router the task names (transit_router_id, or cen_id + region); fails clearly without it.

    Also used by transit_router_peer.py: its task names the local router the same way.
    """
    router_id, cen_id = params.get("transit_router_id"), params.get("cen_id")
    if router_id:
        routers = list_transit_routers(session, transit_router_id=router_id)
        if not routers:
            raise AlicloudError(None, "transit_router_id: account %s (the account these credentials act as) has no "
                                      "transit router %s; use the credentials of the CEN's owner"
                                % (session.account_id(), router_id))
        return routers[0]
    router = find_transit_router(session, cen_id, region)
    if router is None:
        raise AlicloudError(None, "cen_id: account %s (the account these credentials act as) has no transit router "
                                  "of CEN %s in %s; create it first (alicloud.interconnect.transit_router), or check "
                                  "cen_id and region" % (session.account_id(), cen_id, region))
    return router


# ---------------------------------------------------------------------------
# Results, and the steps that link an attachment to a route table
# ---------------------------------------------------------------------------

def vpc_attachment_result(attachment, links=None):
    """A VPC attachment as the modules return it: snake_case, tags as a dict, owner ids as strings,
    and with ``links`` ({route_table_id, associated, propagating}) what the task manages of its routing."""
    if not attachment:
        return {}
    result = snake_dict(attachment)
    result.pop("request_id", None)
    result["vpc_owner_id"] = _owner(result.get("vpc_owner_id"))
    if links is not None:
        result.update(links)
    return result


def link_steps(session, attachment_id, table_id, association, propagation, router_id=None):
    """The steps ``[(what, call, settle)]`` (see run_steps) that associate the attachment with ``table_id``
    and make it propagate there, given its ``association`` and ``propagation`` (None: there is none).
    ``router_id``: the router the table is on, named in the steps (an inter-region attachment has two)."""
    steps = []
    of_router = " of %s" % router_id if router_id else ""
    on_router = " on %s" % router_id if router_id else ""

    def link_call(operation):
        return lambda: session.call("cbn", operation, ClientToken=session.client_token(),
                                    TransitRouterAttachmentId=attachment_id, TransitRouterRouteTableId=table_id)

    def associated():
        wait_for(session, lambda: associations_of(session, attachment_id, table_id),
                 lambda found: bool(found) and found[0]["Status"] == "Active",
                 "the association of %s with %s to become Active" % (attachment_id, table_id))

    def propagating():
        wait_for(session, lambda: propagation_of(session, attachment_id, table_id),
                 lambda p: p is not None and p["Status"] == "Active",
                 "the propagation of %s into %s to become Active" % (attachment_id, table_id))

    if association is None:
        steps.append(("associated it with route table %s%s" % (table_id, of_router),
                      link_call("AssociateTransitRouterAttachmentWithRouteTable"), associated))
    elif association["TransitRouterRouteTableId"] != table_id:
        steps.append(("moved its association%s from route table %s to %s"
                      % (on_router, association["TransitRouterRouteTableId"], table_id),
                      link_call("ReplaceTransitRouterRouteTableAssociation"), associated))
    if propagation is None:
        steps.append(("enabled its propagation into route table %s%s" % (table_id, of_router),
                      link_call("EnableTransitRouterRouteTablePropagation"), propagating))
    return steps


def run_steps(params, kind, attachment_id, steps, settle=None, done=()):
    """Run the writes ``steps`` ``[(what, call, settle)]`` of the ``kind`` attachment one after the other.

    The router takes one operation at a time, so each step first waits (reading) until the previous
    change settled (``settle``: the one before the first step); the last change is waited for only
    with ``wait``. ``done`` says what was done before; a failure after a write says what was done
    (after_write).
    """
    done = list(done)
    try:
        do_steps(params, steps, settle, done)
    except AlicloudError as exc:
        if not done:
            raise
        raise after_write(exc, "%s %s: %s" % (kind, attachment_id, ", ".join(done)),
                          "a re-run does what is left", transit_router_attachment_id=attachment_id)


def do_steps(params, steps, settle, done):
    """Run ``steps`` as run_steps does, appending to the list ``done`` what each did; a failure is raised as
    it is (transit_router_peer.py runs the steps of an attachment's two ends at the same time)."""
    for what, call, step_settle in steps:
        if settle is not None:
            settle()
        call()
        done.append(what)
        settle = step_settle
    if settle is not None and params["wait"]:
        settle()


# ---------------------------------------------------------------------------
# transit_router_grant (the instance owner's credentials)
# ---------------------------------------------------------------------------

# The module's instance types -> (the API's InstanceType / ProductType, the prefix of their ids).
GRANT_TYPES = {"VPC": ("VPC", "vpc"), "VBR": ("ExpressConnect", "vbr")}
GRANT_GONE_CODES = ("InvalidInstanceId.NotFound",)


def list_grant_rules(session, member):
    """The instance owner's view (DescribeGrantRulesToResource): the CENs ``member`` is granted to."""
    return every_token_page(session, "cbn", "DescribeGrantRulesToResource", "GrantRules", MaxResults=LIST_PAGE_SIZE,
                            ProductType=GRANT_TYPES[member["type"]][0], ResourceId=member["id"],
                            RegionId=member["region"])


def tr_grant_result(member, rule):
    """A grant as transit_router_grant returns it."""
    if not rule:
        return {}
    return dict(cen_id=rule.get("CenId"), cen_owner_id=_owner(rule.get("CenOwnerId")), instance_id=member["id"],
                instance_type=member["type"], instance_region=member["region"], order_type=rule.get("OrderType"),
                creation_time=rule.get("CreateTime"))


def _grant_member(item, default_region, option):
    itype = item.get("instance_type") or "VPC"
    check_id(item.get("instance_id"), GRANT_TYPES[itype][1], option + "instance_id")
    region = item.get("instance_region") or default_region
    if not region:
        raise AlicloudError(None, "%sinstance_region: set it (or instance_region, or alicloud_region) for %s"
                            % (option, item["instance_id"]))
    return dict(id=item["instance_id"], type=itype, region=region)


def _grant_members(session, params):
    """The instances the task names: ``instances`` (batch) or the single instance_* options."""
    default_region = params.get("instance_region") or session.region
    if params.get("instances") is None:
        return [_grant_member(dict(instance_id=params.get("instance_id"), instance_type=params.get("instance_type")),
                              default_region, "")]
    members = [_grant_member(item, default_region, "instances[%d]." % index)
               for index, item in enumerate(params["instances"])]
    ids = [m["id"] for m in members]
    twice = sorted(set(i for i in ids if ids.count(i) > 1))
    if twice:
        raise AlicloudError(None, "instances: %s listed twice" % ", ".join(twice))
    return members


def _plan_grant(session, params, member):
    """``(action, rule, problem)`` for one instance: grant, modify (its order type), revoke or none. Reads only."""
    cen_id = params["cen_id"]
    rule = next((r for r in list_grant_rules(session, member) if r.get("CenId") == cen_id), None)
    if params["state"] == "present":
        if rule is None:
            get = get_vpc if member["type"] == "VPC" else get_vbr
            if get(session, member["region"], member["id"]) is None:
                return "grant", None, ("%s: no such %s in instance_region %s for account %s (the account these "
                                       "credentials act as); run transit_router_grant with the credentials of the "
                                       "account that owns it, or check instance_region"
                                       % (member["id"], member["type"], member["region"], session.account_id()))
            return "grant", None, None
        if _owner(rule.get("CenOwnerId")) != params["cen_owner_id"]:
            return "none", rule, ("%s is granted to %s as a CEN of account %s, not %s; revoke it first"
                                  % (member["id"], cen_id, _owner(rule.get("CenOwnerId")), params["cen_owner_id"]))
        if params.get("order_type") and rule.get("OrderType") != params["order_type"]:
            return "modify", rule, None
        return "none", rule, None
    if rule is None:
        return "none", None, None
    record = (get_vpc_attribute if member["type"] == "VPC" else get_vbr)(session, member["region"], member["id"])
    if any(c.get("CenId") == cen_id for c in unwrap((record or {}).get("AssociatedCens")) or []):
        return "revoke", rule, "%s is still attached to %s" % (member["id"], cen_id)
    return "revoke", rule, None


def transit_router_grant(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_grant (with the instance owner's credentials)."""
    cen_id = params.get("cen_id")
    if not predicted(cen_id, "cen_id", check_mode):
        check_id(cen_id, "cen", "cen_id")
    params = dict(params, cen_owner_id=account_id(params.get("cen_owner_id"), "cen_owner_id"))
    members = _grant_members(session, params)
    present = params["state"] == "present"
    plans = [_plan_grant(session, params, m) for m in members]
    problems = [problem for _action, _rule, problem in plans if problem]
    if problems and present:
        raise AlicloudError(None, "nothing was granted: %s" % "; ".join(problems))
    if problems:
        raise AlicloudError(None, "nothing was revoked: %s; the CEN's account must delete its attachment first "
                                  "(alicloud.interconnect.transit_router_vpc_attachment with state: absent)"
                            % "; ".join(problems))
    done, afters = [], []
    try:
        for member, (action, rule, _problem) in zip(members, plans):
            afters.append(_apply_grant(session, params, check_mode, member, action, rule))
            if action != "none":
                done.append(member["id"])
    except AlicloudError as exc:
        if not done or check_mode:
            raise
        verb = "granted" if present else "revoked the grants of"
        raise after_write(exc, "%s %s to CEN %s" % (verb, ", ".join(done), cen_id),
                          "a re-run %s the rest" % ("grants" if present else "revokes"), cen_id=cen_id,
                          instance_ids=done)
    results = [dict(instance_id=m["id"], instance_type=m["type"], instance_region=m["region"], action=plan[0],
                    changed=plan[0] != "none", granted=after is not None)
               for m, plan, after in zip(members, plans, afters)]
    result = dict(changed=bool(done), cen_id=cen_id, results=results,
                  grants=[tr_grant_result(m, a) for m, a in zip(members, afters) if a is not None])
    if params.get("instances") is None:
        result.update(instance_id=members[0]["id"], grant=tr_grant_result(members[0], afters[0]))
    if done:
        result["diff"] = make_diff(dict((m["id"], tr_grant_result(m, p[1])) for m, p in zip(members, plans) if p[1]),
                                   dict((m["id"], tr_grant_result(m, a)) for m, a in zip(members, afters) if a))
    return result


def _apply_grant(session, params, check_mode, member, action, rule):
    """Make one instance's change (or predict it in check mode); returns its grant rule afterwards, or None."""
    cen_id = params["cen_id"]
    if action == "none":
        return rule

    # Grant and revoke take no ClientToken: when an attempt's answer was lost, the grants read back show whether
    # it did the work (Session.call).
    def granted():
        return any(r.get("CenId") == cen_id for r in list_grant_rules(session, member))

    if action == "revoke":
        if not check_mode:
            try:
                session.call("cbn", "RevokeInstanceFromTransitRouter", CenId=cen_id, CenOwnerId=int(rule["CenOwnerId"]),
                             InstanceId=member["id"], InstanceType=GRANT_TYPES[member["type"]][0],
                             RegionId=member["region"], done=lambda: not granted())
            except AlicloudError as exc:
                if exc.code not in GRANT_GONE_CODES:
                    raise
        return None
    order_type = params.get("order_type") or (rule or {}).get("OrderType") or "PayByCenOwner"
    if check_mode:
        return dict(rule or dict(CenId=cen_id, CenOwnerId=params["cen_owner_id"], CreateTime=None),
                    OrderType=order_type)
    if action == "modify":
        session.call("cbn", "ModifyGrantInstanceToTransitRouter", ClientToken=session.client_token(), CenId=cen_id,
                     InstanceId=member["id"], OrderType=order_type)
    else:
        session.call("cbn", "GrantInstanceToTransitRouter", CenId=cen_id, CenOwnerId=int(params["cen_owner_id"]),
                     InstanceId=member["id"], InstanceType=GRANT_TYPES[member["type"]][0],
                     RegionId=member["region"], OrderType=params.get("order_type"), done=granted)
    return next((r for r in list_grant_rules(session, member) if r.get("CenId") == cen_id), None)


# ---------------------------------------------------------------------------
# transit_router_attachment_info
# ---------------------------------------------------------------------------

def attachment_result(attachment):
    """A VPC or inter-region attachment as transit_router_attachment_info returns it: snake_case, with
    ``attachment_type`` (``VPC``, or ``TR`` for an inter-region attachment) and account ids as strings."""
    result = vpc_attachment_result(attachment)
    result["attachment_type"] = attachment.get("ResourceType")
    if "peer_transit_router_owner_id" in result:
        result["peer_transit_router_owner_id"] = _owner(result["peer_transit_router_owner_id"])
    return result


def transit_router_attachment_info(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_attachment_info: the VPC and inter-region attachments of
    a transit router, or of a CEN (in a region)."""
    router_id, cen_id, region = params.get("transit_router_id"), params.get("cen_id"), params.get("region")
    for option, prefix in (("transit_router_id", "tr"), ("cen_id", "cen")):
        if params.get(option) is not None and predicted(params[option], option, check_mode):
            # A router or CEN an earlier task of this check-mode run would create has no attachments.
            return dict(changed=False, attachments=[])
        if params.get(option) is not None:
            check_id(params[option], prefix, option)
    for attachment_id in params.get("attachment_ids") or []:
        if not str(attachment_id).startswith("tr-attach-"):
            raise AlicloudError(None, "attachment_ids: %r is not a transit router attachment id (tr-attach-...)"
                                % (attachment_id,))
    if params.get("vpc_id") is not None:
        check_id(params["vpc_id"], "vpc", "vpc_id")
    types = [params["attachment_type"]] if params.get("attachment_type") else ["VPC", "TR"]
    tags = [dict(t, Value=t["Value"] or None) for t in tags_to_list(params.get("tags"))] or None
    if router_id:
        routers = list_transit_routers(session, transit_router_id=router_id)
        if not routers:
            return dict(changed=False, attachments=[])
        cen_id = routers[0]["CenId"]
    found = []
    if "VPC" in types:
        found.extend(list_vpc_attachments(session, CenId=cen_id, TransitRouterId=router_id, RegionId=region,
                                          VpcId=params.get("vpc_id"), Tag=tags))
    if "TR" in types and not params.get("vpc_id"):
        # The listing names attachments by their local router: those made from the other end are found by CEN.
        found.extend(a for a in list_peer_attachments(session, CenId=cen_id, Tag=tags)
                     if router_id in (None, a.get("TransitRouterId"), a.get("PeerTransitRouterId"))
                     and region in (None, a.get("RegionId"), a.get("PeerTransitRouterRegionId")))
    ids, name = params.get("attachment_ids"), params.get("name")
    found = [a for a in found if (not ids or a["TransitRouterAttachmentId"] in ids)
             and (name is None or a.get("TransitRouterAttachmentName") == name)]
    return dict(changed=False, attachments=[attachment_result(a) for a in found])

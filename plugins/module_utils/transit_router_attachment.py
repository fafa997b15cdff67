# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attachments of Enterprise Edition transit routers (CBN 2017-09-12), and the grants that let a CEN
of another account attach a network instance to its transit routers.

The cores behind the modules:

* ``transit_router_vpc_attachment``: Create / UpdateAttribute / UpdateZones / Delete of a VPC
  attachment, and its association with (and propagation into) one route table of the router (the
  System table unless told otherwise). Zone mappings change in place, never by re-creating.
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
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    account_id,
    check_text,
    predicted,
    predicted_id,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    changed_fields,
    every_page,
    every_token_page,
    make_diff,
    snake_dict,
    tags_to_dict,
    unwrap,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import describe_routes, routes_via
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import (
    apply_tags,
    compare_tags,
    tags_after,
    tags_to_list,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router import (
    SERVICE_CLOSED_CODE,
    find_transit_router,
    list_transit_routers,
    service_closed,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id, get_vbr, get_vpc, get_vpc_attribute
from ansible_collections.alicloud.interconnect.plugins.module_utils.vswitch import find_vswitches
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for, wait_settled

LIST_PAGE_SIZE = 50
NAME_MAX, DESCRIPTION_MAX = 128, 256
MAX_ZONES = 10
TAG_RESOURCE_TYPE = "TransitRouterVpcAttachment"
# DeleteTransitRouterVpcAttachment refused because routes still point at the attachment.
VPC_ROUTES_CODE = "OperationFailed.AttachmentReferencedVpcRouteEntryExisted"
ROUTER_ROUTES_CODE = "OperationFailed.RouteEntryExist"
ATTACHMENT_GONE_CODE = "InvalidTransitRouterAttachmentId.NotFound"
_OPTION_OF = dict(TransitRouterAttachmentName="name", TransitRouterAttachmentDescription="description",
                  AutoPublishRouteEnabled="auto_publish_route")  # for messages


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
# transit_router_vpc_attachment: the task's desired state, checked before any call
# ---------------------------------------------------------------------------

def _checked_vpc_params(session, params):
    """The task's options checked without any call; returns (region, vpc owner, route table option)."""
    for option, prefix in (("transit_router_id", "tr"), ("cen_id", "cen")):
        if params.get(option) is not None and not predicted(params[option], option, True):
            check_id(params[option], prefix, option)
    check_id(params.get("vpc_id"), "vpc", "vpc_id")
    owner = account_id(params.get("vpc_owner_id"), "vpc_owner_id")
    if params.get("name") == "":
        raise AlicloudError(None, "name: give a non-empty name, or leave name out to keep the attachment's name")
    check_text(params.get("name"), "name", NAME_MAX)
    check_text(params.get("description"), "description", DESCRIPTION_MAX)
    table = params.get("route_table_id")
    if isinstance(table, str) and table.lower() == "false":
        table = False  # templated
    if table is True or (table is not None and table is not False and not isinstance(table, str)):
        raise AlicloudError(None, "route_table_id: give a route table id (vtb-...), or false to leave the "
                                  "attachment's associations and propagations alone, not %r" % (table,))
    if isinstance(table, str):
        check_id(table, "vtb", "route_table_id")
    mappings = params.get("zone_mappings")
    if mappings is not None:
        if not 1 <= len(mappings) <= MAX_ZONES:
            raise AlicloudError(None, "zone_mappings: give 1 to %d mappings (one vSwitch per zone)" % MAX_ZONES)
        seen = set()
        for index, mapping in enumerate(mappings):
            check_id(mapping.get("vswitch_id"), "vsw", "zone_mappings[%d].vswitch_id" % index)
            if mapping["vswitch_id"] in seen:
                raise AlicloudError(None, "zone_mappings: the vSwitch %s is listed twice" % mapping["vswitch_id"])
            seen.add(mapping["vswitch_id"])
    region = params.get("region")
    if region is None and not params.get("transit_router_id"):
        region = session.require_region()
    return region, owner, table


def _zone_of_vswitches(session, router, params, region, owner, wanted):
    """{vswitch id: zone id} of the vSwitches ``wanted``, as the VPC's owner shares them.

    The caller's own VPC: DescribeVSwitches; another account's (granted) VPC: ListGrantVSwitchesToCen.
    A vSwitch that is not one of the VPC's fails, naming it.
    """
    vpc_id = params["vpc_id"]
    if owner and owner != session.account_id():
        found = every_page(session, "cbn", "ListGrantVSwitchesToCen", "VSwitches", LIST_PAGE_SIZE,
                           CenId=router["CenId"], RegionId=region, VpcId=vpc_id)
        if not found:
            raise AlicloudError(None, "vpc_owner_id: account %s has not granted CEN %s access to the VPC %s in %s (or "
                                      "the VPC has no vSwitches there); run alicloud.interconnect.transit_router_grant "
                                      "with that account's credentials first" % (owner, router["CenId"], vpc_id, region))
    else:
        found = find_vswitches(session, region, vswitch_ids=wanted)
    zones = dict((v["VSwitchId"], v.get("ZoneId")) for v in found if v.get("VpcId") == vpc_id)
    missing = [v for v in wanted if v not in zones]
    if missing:
        raise AlicloudError(None, "zone_mappings: %s %s not a vSwitch of VPC %s in %s; give vSwitches of the VPC"
                            % (", ".join(missing), "is" if len(missing) == 1 else "are", vpc_id, region))
    return zones


def _desired_zones(session, router, params, region, owner, current):
    """``[{ZoneId, VSwitchId}]`` the task wants (None: leave the zones alone), sorted by zone.

    The vSwitches the attachment does not have yet are read (one read for all of them) so that a
    vSwitch of another VPC, or a zone_id that is not the vSwitch's, fails before anything is written;
    a mapping without zone_id takes the vSwitch's zone.
    """
    mappings = params.get("zone_mappings")
    if mappings is None:
        return None
    known = dict((m["VSwitchId"], m["ZoneId"]) for m in (current or {}).get("ZoneMappings") or [])
    new = [m["vswitch_id"] for m in mappings if m["vswitch_id"] not in known]
    if new:
        known.update(_zone_of_vswitches(session, router, params, region, owner, new))
    for index, mapping in enumerate(mappings):
        if mapping.get("zone_id") and mapping["zone_id"] != known[mapping["vswitch_id"]]:
            raise AlicloudError(None, "zone_mappings[%d].zone_id: the vSwitch %s is in zone %s, not %s"
                                % (index, mapping["vswitch_id"], known[mapping["vswitch_id"]], mapping["zone_id"]))
    desired = [dict(ZoneId=known[m["vswitch_id"]], VSwitchId=m["vswitch_id"]) for m in mappings]
    zones = [m["ZoneId"] for m in desired]
    twice = sorted(set(z for z in zones if zones.count(z) > 1))
    if twice:
        raise AlicloudError(None, "zone_mappings: one vSwitch per zone; %s %s more than one"
                            % (", ".join(twice), "has" if len(twice) == 1 else "have"))
    return sorted(desired, key=lambda m: m["ZoneId"])


def _zones(attachment):
    return sorted((dict(ZoneId=m["ZoneId"], VSwitchId=m["VSwitchId"]) for m in attachment.get("ZoneMappings") or []),
                  key=lambda m: (m["ZoneId"] or "", m["VSwitchId"]))


def _route_table(session, router_id, table_option):
    """The route table the attachment is to be associated with and propagate into, or None (``false``)."""
    if table_option is False:
        return None
    if table_option is None:
        tables = list_route_tables(session, router_id, table_type="System")
        if not tables:
            raise AlicloudError(None, "the transit router %s has no System route table" % router_id)
        return tables[0]["TransitRouterRouteTableId"]
    if not list_route_tables(session, router_id, table_ids=[table_option]):
        raise AlicloudError(None, "route_table_id: %s is not a route table of transit router %s (account %s); give "
                                  "one of the router's tables, or leave it out for its System table"
                            % (table_option, router_id, session.account_id()))
    return table_option


# ---------------------------------------------------------------------------
# transit_router_vpc_attachment: results
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


def _view(attachment, links):
    """The fields transit_router_vpc_attachment manages, for diffs."""
    if not attachment:
        return {}
    view = dict(transit_router_id=attachment.get("TransitRouterId"), vpc_id=attachment.get("VpcId"),
                vpc_owner_id=_owner(attachment.get("VpcOwnerId")), name=attachment.get("TransitRouterAttachmentName"),
                description=attachment.get("TransitRouterAttachmentDescription"),
                auto_publish_route=attachment.get("AutoPublishRouteEnabled"),
                zone_mappings=[dict(zone_id=m["ZoneId"], vswitch_id=m["VSwitchId"]) for m in _zones(attachment)],
                tags=tags_to_dict(attachment.get("Tags")))
    view.update(links or {})
    return view


def _links(table_id, association, propagation):
    """What the task manages of the attachment's routing: its association with ``table_id`` and its propagation."""
    if table_id is None:
        return {}
    return dict(route_table_id=table_id,
                associated=bool(association) and association["TransitRouterRouteTableId"] == table_id,
                propagating=propagation is not None)


# ---------------------------------------------------------------------------
# transit_router_vpc_attachment: the core
# ---------------------------------------------------------------------------

def transit_router_vpc_attachment(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_vpc_attachment."""
    region, owner, table_option = _checked_vpc_params(session, params)
    present = params["state"] == "present"
    if predicted(params.get("transit_router_id"), "transit_router_id", check_mode) \
            or predicted(params.get("cen_id"), "cen_id", check_mode):
        # The router is to be created by an earlier task of this check-mode run: it has no attachment yet.
        return _vpc_attachment_predicted(params, region, owner, table_option)
    router = task_router(session, params, region)
    router_id = router["TransitRouterId"]
    if region is not None and region != router["RegionId"]:
        raise AlicloudError(None, "region: the transit router %s is in %s, not %s; the VPC must be in the router's "
                                  "region" % (router_id, router["RegionId"], region))
    region = router["RegionId"]
    found = list_vpc_attachments(session, TransitRouterId=router_id, VpcId=params["vpc_id"])
    current = found[0] if found else None
    if not present:
        return _vpc_attachment_absent(session, params, check_mode, router, current, table_option)
    if current is not None and current.get("Status") == "Detaching":
        # Being deleted: attach it anew once it is gone (the create needs that, whatever wait says).
        if not check_mode:
            _wait_attachment(session, current["TransitRouterAttachmentId"], gone=True)
        current = None
    if owner and current is not None and _owner(current.get("VpcOwnerId")) != owner:
        raise AlicloudError(None, "vpc_owner_id: the VPC %s is attached to %s as a VPC of account %s, not %s"
                            % (params["vpc_id"], router_id, _owner(current.get("VpcOwnerId")), owner))
    if current is None and (owner or session.account_id()) == session.account_id() \
            and get_vpc(session, region, params["vpc_id"]) is None:
        raise AlicloudError(None, "vpc_id: no VPC %s of account %s (the account these credentials act as) in %s; set "
                                  "vpc_owner_id for another account's VPC, or check vpc_id and region"
                            % (params["vpc_id"], session.account_id(), region))
    zones = _desired_zones(session, router, params, region, owner, current)
    if current is None and zones is None:
        raise AlicloudError(None, "zone_mappings: required to attach the VPC %s (one vSwitch of the VPC in each "
                                  "zone of the transit router to use)" % params["vpc_id"])
    to_set, to_unset = compare_tags(tags_to_dict(current.get("Tags")) if current else {}, params.get("tags"),
                                    params["purge_tags"])
    table_id = _route_table(session, router_id, table_option)
    if current is None:
        return _vpc_attachment_create(session, params, check_mode, router, region, owner, zones, to_set, table_id)
    return _vpc_attachment_update(session, params, check_mode, current, zones, to_set, to_unset, table_id)


def _describe(session, attachment_id):
    found = list_vpc_attachments(session, TransitRouterAttachmentId=attachment_id)
    return found[0] if found else None


def _predicted_vpc_attachment(params, attachment_id, router_id, cen_id, region, owner, zones, tags):
    return dict(TransitRouterAttachmentId=attachment_id, TransitRouterId=router_id, CenId=cen_id,
                VpcId=params["vpc_id"], VpcOwnerId=owner, VpcRegionId=region, ResourceType="VPC", Status="Attached",
                TransitRouterAttachmentName=params.get("name") or "",
                TransitRouterAttachmentDescription=params.get("description") or "",
                AutoPublishRouteEnabled=bool(params.get("auto_publish_route")), ZoneMappings=zones or [],
                Tags=tags_to_list(tags))


def _vpc_attachment_predicted(params, region, owner, table_option):
    if params["state"] == "absent":
        return dict(changed=False, transit_router_attachment_id=None, attachment={})
    zones = [dict(ZoneId=m.get("zone_id"), VSwitchId=m["vswitch_id"]) for m in params.get("zone_mappings") or []]
    router_id = params.get("transit_router_id") or predicted_id("tr")
    attachment = _predicted_vpc_attachment(params, predicted_id("attach"), router_id, params.get("cen_id"), region,
                                           owner, zones, params.get("tags"))
    table_id = predicted_id("vtb") if table_option is None else table_option or None
    links = dict(route_table_id=table_id, associated=True, propagating=True) if table_id else {}
    return dict(changed=True, transit_router_attachment_id=attachment["TransitRouterAttachmentId"],
                attachment=vpc_attachment_result(attachment, links), diff=make_diff(None, _view(attachment, links)))


def _wait_attachment(session, attachment_id, gone=False):
    return wait_settled(session, lambda: _describe(session, attachment_id), "VPC attachment %s" % attachment_id,
                        gone, "Attached")


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
        for what, call, step_settle in steps:
            if settle is not None:
                settle()
            call()
            done.append(what)
            settle = step_settle
        if settle is not None and params["wait"]:
            settle()
    except AlicloudError as exc:
        if not done:
            raise
        raise after_write(exc, "%s %s: %s" % (kind, attachment_id, ", ".join(done)),
                          "a re-run does what is left", transit_router_attachment_id=attachment_id)


def _vpc_attachment_create(session, params, check_mode, router, region, owner, zones, tags, table_id):
    links = dict(route_table_id=table_id, associated=True, propagating=True) if table_id else {}
    if check_mode:
        attachment = _predicted_vpc_attachment(params, predicted_id("attach"), router["TransitRouterId"], router["CenId"],
                                               region, owner or session.account_id(), zones, tags)
        return dict(changed=True, transit_router_attachment_id=attachment["TransitRouterAttachmentId"],
                    attachment=vpc_attachment_result(attachment, links),
                    diff=make_diff(None, _view(attachment, links)))
    try:
        body = session.call("cbn", "CreateTransitRouterVpcAttachment", ClientToken=session.client_token(),
                            TransitRouterId=router["TransitRouterId"], RegionId=region, VpcId=params["vpc_id"],
                            VpcOwnerId=int(owner) if owner else None, ZoneMappings=zones,
                            TransitRouterAttachmentName=params.get("name"),
                            TransitRouterAttachmentDescription=params.get("description"),
                            AutoPublishRouteEnabled=params.get("auto_publish_route"), Tag=tags_to_list(tags) or None)
    except AlicloudError as exc:
        raise _create_refused(session, params, router, owner, exc)
    attachment_id = body["TransitRouterAttachmentId"]
    steps = link_steps(session, attachment_id, table_id, None, None) if table_id else []
    run_steps(params, "VPC attachment", attachment_id, steps, lambda: _wait_attachment(session, attachment_id),
              ["created"])
    after = _describe(session, attachment_id)
    return dict(changed=True, transit_router_attachment_id=attachment_id,
                attachment=vpc_attachment_result(after, links), diff=make_diff(None, _view(after, links)))


def _create_refused(session, params, router, owner, error):
    """CreateTransitRouterVpcAttachment's refusal, with what to do about it where the API's message is terse."""
    if error.code == SERVICE_CLOSED_CODE:
        return service_closed(session, error)
    texts = {
        "Forbbiden.AttachChildInstanceAcrossUid":
            "account %s has not granted CEN %s access to the VPC %s; run alicloud.interconnect.transit_router_grant "
            "with that account's credentials first" % (owner, router["CenId"], params["vpc_id"]),
        "Forbidden.ResourceOwnerTransitRouterServiceNotOpen":
            "account %s, the VPC's owner, has not opened the transit-router service; open it with "
            "alicloud.interconnect.transit_router_service (state: present) and that account's credentials" % owner,
    }
    if error.code not in texts:
        return error
    return AlicloudError(error.code, texts[error.code], request_id=error.request_id, action=error.action)


def _vpc_attachment_update(session, params, check_mode, current, zones, to_set, to_unset, table_id):
    attachment_id = current["TransitRouterAttachmentId"]
    changes = changed_fields(current, dict(TransitRouterAttachmentName=params.get("name"),
                                           TransitRouterAttachmentDescription=params.get("description"),
                                           AutoPublishRouteEnabled=params.get("auto_publish_route")))
    have = _zones(current)
    add = [m for m in zones or [] if m not in have]
    remove = [m for m in have if zones is not None and m not in zones]
    association = propagation = None
    if table_id:
        association = association_of(session, attachment_id)
        propagation = propagation_of(session, attachment_id, table_id)
    before_links = _links(table_id, association, propagation)
    linking = link_steps(session, attachment_id, table_id, association, propagation) if table_id else []
    if not (changes or add or remove or to_set or to_unset or linking):
        if params["wait"] and current.get("Status") != "Attached" and not check_mode:
            current = _wait_attachment(session, attachment_id)
        return dict(changed=False, transit_router_attachment_id=attachment_id,
                    attachment=vpc_attachment_result(current, before_links))
    after_links = dict(route_table_id=table_id, associated=True, propagating=True) if table_id else {}
    if check_mode:
        predicted_attachment = dict(current, ZoneMappings=zones if zones is not None else have,
                                    Tags=tags_after(current.get("Tags"), to_set, to_unset), **changes)
        return dict(changed=True, transit_router_attachment_id=attachment_id,
                    attachment=vpc_attachment_result(predicted_attachment, after_links),
                    diff=make_diff(_view(current, before_links), _view(predicted_attachment, after_links)))

    def settled():
        _wait_attachment(session, attachment_id)

    steps = []
    if changes:
        steps.append(("changed its %s" % " and ".join(sorted(_OPTION_OF[k] for k in changes)),
                      lambda: session.call("cbn", "UpdateTransitRouterVpcAttachmentAttribute",
                                           ClientToken=session.client_token(), TransitRouterAttachmentId=attachment_id,
                                           **changes), settled))
    if add or remove:
        steps.append(("changed its zone mappings",
                      lambda: session.call("cbn", "UpdateTransitRouterVpcAttachmentZones",
                                           ClientToken=session.client_token(), TransitRouterAttachmentId=attachment_id,
                                           AddZoneMappings=add or None, RemoveZoneMappings=remove or None), settled))
    if to_set or to_unset:
        steps.append(("changed its tags",
                      lambda: apply_tags(session, TAG_RESOURCE_TYPE, attachment_id, to_set, to_unset), None))
    # A transition of an earlier task settles first.
    run_steps(params, "VPC attachment", attachment_id, steps + linking,
              settled if current.get("Status") != "Attached" else None)
    after = _describe(session, attachment_id)
    return dict(changed=True, transit_router_attachment_id=attachment_id,
                attachment=vpc_attachment_result(after, after_links),
                diff=make_diff(_view(current, before_links), _view(after, after_links)))


def _vpc_attachment_absent(session, params, check_mode, router, current, table_option):
    if current is None:
        return dict(changed=False, transit_router_attachment_id=None, attachment={})
    attachment_id = current["TransitRouterAttachmentId"]
    if current.get("Status") == "Detaching":
        if params["wait"] and not check_mode:
            _wait_attachment(session, attachment_id, gone=True)
        return dict(changed=False, transit_router_attachment_id=attachment_id, attachment={})
    table_id = _route_table(session, router["TransitRouterId"], table_option)
    links = _routing_links(session, router["TransitRouterId"], attachment_id)
    others = [text for table, _kind, text in links if table != table_id]
    if others and not params.get("force"):
        raise AlicloudError(None, "nothing was deleted: the VPC attachment %s is still %s; remove %s first "
                                  "(alicloud.interconnect.transit_router_route_table), or set force: true to remove "
                                  "them with the attachment" % (attachment_id, " and ".join(others),
                                                                "it" if len(others) == 1 else "them"))
    kinds = set(kind for table, kind, _text in links if table == table_id)
    before_links = dict(route_table_id=table_id, associated="association" in kinds,
                        propagating="propagation" in kinds) if table_id else {}
    diff = make_diff(_view(current, before_links), None)
    if check_mode:
        return dict(changed=True, transit_router_attachment_id=attachment_id, attachment={}, diff=diff)
    try:
        # Force removes the associations and propagations (the task's own, or all with force: true).
        session.call("cbn", "DeleteTransitRouterVpcAttachment", ClientToken=session.client_token(),
                     TransitRouterAttachmentId=attachment_id, Force=True if links else None)
    except AlicloudError as exc:
        if exc.code == ATTACHMENT_GONE_CODE:
            return dict(changed=False, transit_router_attachment_id=attachment_id, attachment={})
        if exc.code in (VPC_ROUTES_CODE, ROUTER_ROUTES_CODE):
            raise _routes_remain(session, router, current, exc)
        raise
    if params["wait"]:
        try:
            _wait_attachment(session, attachment_id, gone=True)
        except AlicloudError as exc:
            raise after_write(exc, "deleted VPC attachment %s" % attachment_id, "a re-run waits for it again",
                              transit_router_attachment_id=attachment_id)
    return dict(changed=True, transit_router_attachment_id=attachment_id, attachment={}, diff=diff)


def _routing_links(session, router_id, attachment_id):
    """``[(table id, "association" or "propagation", text)]``: the attachment's association and
    propagations on its router."""
    links = []
    association = association_of(session, attachment_id)
    if association is not None:
        table_id = association["TransitRouterRouteTableId"]
        links.append((table_id, "association", "associated with route table %s" % table_id))
    for table in list_route_tables(session, router_id):
        table_id = table["TransitRouterRouteTableId"]
        if propagation_of(session, attachment_id, table_id) is not None:
            links.append((table_id, "propagation", "propagating into route table %s" % table_id))
    return links


def _routes_remain(session, router, attachment, error):
    """DeleteTransitRouterVpcAttachment's refusal because routes point at the attachment, naming them."""
    attachment_id = attachment["TransitRouterAttachmentId"]
    if error.code == ROUTER_ROUTES_CODE:
        found = []
        for table in list_route_tables(session, router["TransitRouterId"]):
            found.extend("%s (%s in %s)" % (e["TransitRouterRouteEntryId"],
                                            e.get("TransitRouterRouteEntryDestinationCidrBlock"),
                                            table["TransitRouterRouteTableId"])
                         for e in every_token_page(session, "cbn", "ListTransitRouterRouteEntries",
                                                   "TransitRouterRouteEntries", MaxResults=LIST_PAGE_SIZE,
                                                   TransitRouterRouteTableId=table["TransitRouterRouteTableId"],
                                                   TransitRouterRouteEntryType="Static",
                                                   TransitRouterRouteEntryNextHopId=attachment_id))
        what = "static routes of transit router %s point at it (%s)" \
            % (router["TransitRouterId"], ", ".join(found) or "see the router's tables")
        remedy = "alicloud.interconnect.transit_router_route_entry with state: absent"
    else:
        vpc = None
        if _owner(attachment.get("VpcOwnerId")) in (None, session.account_id()):
            vpc = get_vpc(session, attachment["VpcRegionId"], attachment["VpcId"])
        found = routes_via(session, attachment["VpcRegionId"], vpc["VRouterId"], attachment_id) if vpc else []
        what = "routes of VPC %s point at it (%s)" \
            % (attachment["VpcId"], describe_routes(found) or "in the route tables of the VPC's account")
        remedy = "alicloud.interconnect.vpc_route_entry with state: absent"
    return AlicloudError(error.code, "nothing was deleted: the VPC attachment %s is still used: %s; remove them first "
                                     "(%s)" % (attachment_id, what, remedy),
                         request_id=error.request_id, action=error.action)


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

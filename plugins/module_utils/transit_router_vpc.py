# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPC attachments of Enterprise Edition transit routers (CBN 2017-09-12): one VPC's attachment, the core of
``transit_router_vpc_attachment`` for one VPC, and the plan the batch form (transit_router_vpc_batch.py) runs
for each of its VPCs.

Create / UpdateAttribute / UpdateZones / Delete of a VPC attachment, and its association with (and
propagation into) one route table of the router (the System table unless told otherwise). Zone mappings
change in place, never by re-creating.

``plan_vpc_attachment`` reads and checks everything first and returns ``finish()``, which makes the writes
(none in check mode) and returns the result: bad input of any VPC of a batch stops the task before any write.
The router takes one operation at a time: between two writes ``finish`` waits (reading) until the previous
one has settled, whatever ``wait`` says (link_steps / run_steps in transit_router_attachment.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.cen import as_account_id
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
    tags_to_dict,
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
    service_closed,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_attachment import (
    ATTACHMENT_GONE_CODE,
    DESCRIPTION_MAX,
    LIST_PAGE_SIZE,
    NAME_MAX,
    ROUTER_ROUTES_CODE,
    association_of,
    link_steps,
    list_route_tables,
    list_vpc_attachments,
    propagation_of,
    run_steps,
    task_router,
    vpc_attachment_result,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id, get_vpc
from ansible_collections.alicloud.interconnect.plugins.module_utils.vswitch import find_vswitches
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_settled

MAX_ZONES = 10
TAG_RESOURCE_TYPE = "TransitRouterVpcAttachment"
# DeleteTransitRouterVpcAttachment refused because routes of the VPC still point at the attachment.
VPC_ROUTES_CODE = "OperationFailed.AttachmentReferencedVpcRouteEntryExisted"
_OPTION_OF = dict(TransitRouterAttachmentName="name", TransitRouterAttachmentDescription="description",
                  AutoPublishRouteEnabled="auto_publish_route")  # for messages


# ---------------------------------------------------------------------------
# The task's desired state, checked before any call
# ---------------------------------------------------------------------------

def checked_vpc_params(session, params):
    """The task's options checked without any call; returns (region, vpc owner, route table option)."""
    if bool(params.get("transit_router_id")) == bool(params.get("cen_id")):
        raise AlicloudError(None, "transit_router_id, cen_id: give exactly one of them (the router, or the CEN "
                                  "whose router in region to use)")
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


def _route_table(session, router_id, table_option, known):
    """The route table the attachment is to be associated with and propagate into, or None (``false``).
    ``known`` ({(router id, option): table id}) keeps what was read for the other VPCs of a batch."""
    if table_option is False:
        return None
    if (router_id, table_option) not in known:
        known[(router_id, table_option)] = _read_route_table(session, router_id, table_option)
    return known[(router_id, table_option)]


def _read_route_table(session, router_id, table_option):
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


def _view(attachment, links):
    """The fields transit_router_vpc_attachment manages, for diffs."""
    if not attachment:
        return {}
    view = dict(transit_router_id=attachment.get("TransitRouterId"), vpc_id=attachment.get("VpcId"),
                vpc_owner_id=as_account_id(attachment.get("VpcOwnerId")),
                name=attachment.get("TransitRouterAttachmentName"),
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
# The core for one VPC, and the plan of one VPC's attachment
# ---------------------------------------------------------------------------

def one_vpc_attachment(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_vpc_attachment for one VPC (``vpc_id``)."""
    region, owner, table_option = checked_vpc_params(session, params)
    if predicted_router(params, check_mode):
        return predicted_router_result(params, region, owner, table_option)
    router = vpc_router(session, params, region, {})
    found = list_vpc_attachments(session, TransitRouterId=router["TransitRouterId"], VpcId=params["vpc_id"])
    return plan_vpc_attachment(session, params, check_mode, router, owner, table_option, found[0] if found else None)()


def predicted_router(params, check_mode):
    """Whether the router is one an earlier task of this check-mode run would create (it has no attachment yet)."""
    return predicted(params.get("transit_router_id"), "transit_router_id", check_mode) \
        or predicted(params.get("cen_id"), "cen_id", check_mode)


def vpc_router(session, params, region, known):
    """The router the task names (task_router), in ``region`` when the task gives one. ``known`` keeps the
    routers found for the other VPCs of a batch: one read per router."""
    key = params.get("transit_router_id") or (params.get("cen_id"), region)
    if key not in known:
        known[key] = task_router(session, params, region)
    router = known[key]
    if region is not None and region != router["RegionId"]:
        raise AlicloudError(None, "region: the transit router %s is in %s, not %s; the VPC must be in the router's "
                                  "region" % (router["TransitRouterId"], router["RegionId"], region))
    return router


def plan_vpc_attachment(session, params, check_mode, router, owner, table_option, current, tables=None):
    """Read and check what the VPC's attachment needs (``current``: its attachment on ``router``, or None);
    returns ``finish()``, which makes the writes (none in check mode) and returns the module's result.
    Raises AlicloudError, having written nothing, for what the API would refuse. ``tables``: the route tables
    already found for other VPCs of a batch (see _route_table)."""
    tables = {} if tables is None else tables
    region, router_id = router["RegionId"], router["TransitRouterId"]
    if params["state"] == "absent":
        return _vpc_attachment_absent(session, params, check_mode, router, current, table_option, tables)
    detaching = None
    if current is not None and current.get("Status") == "Detaching":
        # Being deleted: attach it anew once it is gone (the create needs that, whatever wait says).
        detaching, current = current["TransitRouterAttachmentId"], None
    if owner and current is not None and as_account_id(current.get("VpcOwnerId")) != owner:
        raise AlicloudError(None, "vpc_owner_id: the VPC %s is attached to %s as a VPC of account %s, not %s"
                            % (params["vpc_id"], router_id, as_account_id(current.get("VpcOwnerId")), owner))
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
    table_id = _route_table(session, router_id, table_option, tables)
    if current is None:
        return _vpc_attachment_create(session, params, check_mode, router, owner, zones, to_set, table_id, detaching)
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


def predicted_router_result(params, region, owner, table_option):
    """The result for a router that check mode would create: the attachment is predicted to be created."""
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


def _vpc_attachment_create(session, params, check_mode, router, owner, zones, tags, table_id, detaching):
    """``finish()`` of a VPC not attached yet (``detaching``: its attachment being deleted, to wait for first)."""
    region = router["RegionId"]
    links = dict(route_table_id=table_id, associated=True, propagating=True) if table_id else {}
    if check_mode:
        attachment = _predicted_vpc_attachment(params, predicted_id("attach"), router["TransitRouterId"], router["CenId"],
                                               region, owner or session.account_id(), zones, tags)
        return lambda: dict(changed=True, transit_router_attachment_id=attachment["TransitRouterAttachmentId"],
                            attachment=vpc_attachment_result(attachment, links),
                            diff=make_diff(None, _view(attachment, links)))
    return lambda: _create(session, params, router, owner, zones, tags, table_id, links, detaching)


def _create(session, params, router, owner, zones, tags, table_id, links, detaching):
    if detaching:
        _wait_attachment(session, detaching, gone=True)
    region = router["RegionId"]
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
    """``finish()`` of a VPC attached already: its changes, or none."""
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
        def unchanged():
            settled = current
            if params["wait"] and current.get("Status") != "Attached" and not check_mode:
                settled = _wait_attachment(session, attachment_id)
            return dict(changed=False, transit_router_attachment_id=attachment_id,
                        attachment=vpc_attachment_result(settled, before_links))
        return unchanged
    after_links = dict(route_table_id=table_id, associated=True, propagating=True) if table_id else {}
    if check_mode:
        predicted_attachment = dict(current, ZoneMappings=zones if zones is not None else have,
                                    Tags=tags_after(current.get("Tags"), to_set, to_unset), **changes)
        return lambda: dict(changed=True, transit_router_attachment_id=attachment_id,
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

    def finish():
        # A transition of an earlier task settles first.
        run_steps(params, "VPC attachment", attachment_id, steps + linking,
                  settled if current.get("Status") != "Attached" else None)
        after = _describe(session, attachment_id)
        return dict(changed=True, transit_router_attachment_id=attachment_id,
                    attachment=vpc_attachment_result(after, after_links),
                    diff=make_diff(_view(current, before_links), _view(after, after_links)))
    return finish


def _vpc_attachment_absent(session, params, check_mode, router, current, table_option, tables):
    """``finish()`` of a VPC to detach: the delete, or nothing."""
    if current is None:
        return lambda: dict(changed=False, transit_router_attachment_id=None, attachment={})
    attachment_id = current["TransitRouterAttachmentId"]
    if current.get("Status") == "Detaching":
        def gone():
            if params["wait"] and not check_mode:
                _wait_attachment(session, attachment_id, gone=True)
            return dict(changed=False, transit_router_attachment_id=attachment_id, attachment={})
        return gone
    table_id = _route_table(session, router["TransitRouterId"], table_option, tables)
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
        return lambda: dict(changed=True, transit_router_attachment_id=attachment_id, attachment={}, diff=diff)
    return lambda: _delete(session, params, router, current, bool(links), diff)


def _delete(session, params, router, current, linked, diff):
    attachment_id = current["TransitRouterAttachmentId"]
    try:
        # Force removes the associations and propagations (the task's own, or all with force: true).
        session.call("cbn", "DeleteTransitRouterVpcAttachment", ClientToken=session.client_token(),
                     TransitRouterAttachmentId=attachment_id, Force=True if linked else None)
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
        if as_account_id(attachment.get("VpcOwnerId")) in (None, session.account_id()):
            vpc = get_vpc(session, attachment["VpcRegionId"], attachment["VpcId"])
        found = routes_via(session, attachment["VpcRegionId"], vpc["VRouterId"], attachment_id) if vpc else []
        what = "routes of VPC %s point at it (%s)" \
            % (attachment["VpcId"], describe_routes(found) or "in the route tables of the VPC's account")
        remedy = "alicloud.interconnect.vpc_route_entry with state: absent"
    return AlicloudError(error.code, "nothing was deleted: the VPC attachment %s is still used: %s; remove them first "
                                     "(%s)" % (attachment_id, what, remedy),
                         request_id=error.request_id, action=error.action)

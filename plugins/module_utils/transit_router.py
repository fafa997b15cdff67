# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Transit routers of Enterprise Edition CENs (CBN 2017-09-12) and the account's transit-router service.

The cores behind the modules:

* ``transit_router_service``: CheckTransitRouterService / OpenTransitRouterService. The service is
  per account, and opening it cannot be undone: the core opens it only with ``state: present``.
* ``transit_router``: Create / Update / DeleteTransitRouter. A CEN has one Enterprise Edition transit
  router per region, so (CEN, region) finds it. Every write is asynchronous (Creating, Modifying,
  Deleting) and a router takes one operation at a time: the busy answers are retried until the task's
  deadline (retries.BUSY_CODES).
* ``transit_router_info``: ListTransitRouters, and the zones of each region concerned where transit
  routers take VPC attachments (ListTransitRouterAvailableResource).

Wrappers (``list_transit_routers``, ``find_transit_router``) return API dicts with wire names, or
None / [] when there is nothing. ``service_closed(session, error)`` is the message for an account
that has not opened the service, for every module whose create the API refuses so.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import read_accounts, session_params
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.geo import is_known_region
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    check_text,
    is_predicted,
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
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import (
    apply_tags,
    compare_tags,
    tags_after,
    tags_to_list,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_settled

SERVICE_CLOSED_CODE = "Forbbiden.TransitRouterServiceNotOpen"  # sic: the API spells it so
SERVICE_OPENED_CODE = "Order.Opened"  # OpenTransitRouterService on an account that has it already
CEN_NOT_FOUND_CODE = "InvalidCenId.NotFound"
ROUTER_GONE_CODES = ("InvalidTransitRouterId.NotFound", "InvalidTransitRouterInstance.NotFound")
# DeleteTransitRouter refused: network instances are still attached / custom route tables or routes remain.
ROUTER_IN_USE_CODES = ("InvalidOperation.AttachedChildInstanceExist", "OperationFailed.DeleteTransitRouter")

ROUTER_PAGE_SIZE = 50  # ListTransitRouters: at most 50 a page
LIST_PAGE_SIZE = 50
ROUTER_NAME_MAX, ROUTER_DESCRIPTION_MAX = 128, 256
TAG_RESOURCE_TYPE = "TransitRouter"
_OPTION_OF = dict(TransitRouterName="name", TransitRouterDescription="description")  # for messages


# ---------------------------------------------------------------------------
# The transit-router service
# ---------------------------------------------------------------------------

def service_closed(session, error):
    """The error to raise for ``error``, the API's refusal of a create by an account without the service."""
    return AlicloudError(error.code, "the transit-router service of account %s (the account these credentials act "
                                     "as) is not open; open it once with alicloud.interconnect.transit_router_service "
                                     "(state: present; it cannot be undone)" % session.account_id(),
                         request_id=error.request_id, action=error.action)


def service_enabled(session):
    """Whether the account the credentials act as has opened the transit-router service."""
    body = session.call("cbn", "CheckTransitRouterService")
    return str(body.get("Enabled")).lower() == "true"


def transit_router_service(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_service; with ``accounts`` (state=query only), every
    account's, ``results`` one per account."""
    if params.get("accounts"):
        if params["state"] != "query":
            raise AlicloudError(None, "accounts: only with state=query; open each account's service in a task of "
                                      "its own, with its credentials")
        return dict(changed=False, results=read_accounts(
            session, params, lambda own, uid: dict(account_id=uid, enabled=service_enabled(own))))
    account = session.account_id()
    enabled = service_enabled(session)
    if enabled or params["state"] == "query":
        return dict(changed=False, account_id=account, enabled=enabled)
    what = "the transit-router service of account %s" % account
    diff = make_diff(dict(account_id=account, enabled=False), dict(account_id=account, enabled=True))
    diff["after_header"] = "%s (opened: this cannot be undone)" % what
    if check_mode:
        return dict(changed=True, account_id=account, enabled=True, diff=diff,
                    warnings=["check mode: %s is not open; without check mode, this task opens it "
                              "(OpenTransitRouterService), which cannot be undone" % what])
    try:
        body = session.call("cbn", "OpenTransitRouterService", ClientToken=session.client_token())
    except AlicloudError as exc:
        if exc.code != SERVICE_OPENED_CODE:
            raise
        # Opened by someone else since the check.
        return dict(changed=False, account_id=account, enabled=True)
    return dict(changed=True, account_id=account, enabled=True, order_id=body.get("OrderId"), diff=diff)


transit_router_service.session_params = session_params


# ---------------------------------------------------------------------------
# Transit routers
# ---------------------------------------------------------------------------

def list_transit_routers(session, cen_id=None, region=None, transit_router_id=None, name=None, tags=None):
    """The caller's transit routers matching every criterion given (ListTransitRouters, all pages).

    ``tags``: a dict every router must carry (an empty value matches any value).
    """
    return every_page(session, "cbn", "ListTransitRouters", "TransitRouters", ROUTER_PAGE_SIZE, CenId=cen_id,
                      RegionId=region, TransitRouterId=transit_router_id, TransitRouterName=name,
                      Tag=[dict(t, Value=t["Value"] or None) for t in tags_to_list(tags)] or None)


def find_transit_router(session, cen_id, region):
    """The transit router of CEN ``cen_id`` in ``region``, or None."""
    routers = list_transit_routers(session, cen_id=cen_id, region=region)
    if len(routers) > 1:
        raise AlicloudError(None, "the CEN %s has %d transit routers in %s (%s); this module manages the one "
                                  "Enterprise Edition router of a region"
                            % (cen_id, len(routers), region, ", ".join(r["TransitRouterId"] for r in routers)))
    return routers[0] if routers else None


def router_result(router):
    """A transit router as the modules return it: snake_case, tags as a dict, the owner id a string."""
    if not router:
        return {}
    result = snake_dict(router)
    result.pop("request_id", None)
    if result.get("ali_uid") is not None:
        result["ali_uid"] = str(result["ali_uid"])
    return result


def _router_view(router):
    """The fields transit_router manages, for diffs."""
    if not router:
        return {}
    return dict(transit_router_id=router.get("TransitRouterId"), cen_id=router.get("CenId"),
                region=router.get("RegionId"), name=router.get("TransitRouterName"),
                description=router.get("TransitRouterDescription"), tags=tags_to_dict(router.get("Tags")))


def _describe_router(session, router_id):
    routers = list_transit_routers(session, transit_router_id=router_id)
    return routers[0] if routers else None


def _wait_router(session, router_id, gone=False):
    return wait_settled(session, lambda: _describe_router(session, router_id), "transit router %s" % router_id, gone)


def _settled_router(session, params, router_id, done, rerun):
    """The router after a write: waited for when ``wait``, else read once. A failure says what was done."""
    try:
        return _wait_router(session, router_id) if params["wait"] else _describe_router(session, router_id)
    except AlicloudError as exc:
        raise after_write(exc, done, rerun, transit_router_id=router_id)


def _check_region(region):
    if region is not None and not is_known_region(region):
        raise AlicloudError(None, "region: %r is not an Alibaba Cloud region (like cn-hangzhou)" % region)
    return region


def _router_region(session, params):
    return _check_region(params.get("region") or session.require_region())


def transit_router(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router for one router (``routers``: transit_router_batch.py)."""
    return plan_router(session, params, check_mode, checked_router_params(session, params))(session)


def checked_router_params(session, params):
    """The region of the router ``params`` describe, once its options are checked without a call."""
    region = _router_region(session, params)
    for option in ("name", "description"):
        if params.get(option) == "":
            # The API takes 1 to 128 (256) characters: neither can be cleared once set.
            raise AlicloudError(None, "%s: give a non-empty %s, or leave %s out to keep the router's %s"
                                % ((option,) * 4))
    check_text(params.get("name"), "name", ROUTER_NAME_MAX)
    check_text(params.get("description"), "description", ROUTER_DESCRIPTION_MAX)
    compare_tags({}, params.get("tags"))  # reserved keys are refused
    if not is_predicted(params["cen_id"]):
        check_id(params["cen_id"], "cen", "cen_id")
    return region


def plan_router(session, params, check_mode, region):
    """Reads the router of ``params`` (checked) and returns ``finish(session)``, which makes the changes and
    returns the module's result."""
    cen_id = params["cen_id"]
    if predicted(cen_id, "cen_id", check_mode):
        # The CEN is to be created by an earlier task of this check-mode run: so would its router.
        return lambda _session: _router_predicted(params, cen_id, region)
    current = find_transit_router(session, cen_id, region)
    if params["state"] == "absent":
        return lambda own: _router_absent(own, params, check_mode, current)
    to_set, to_unset = compare_tags(tags_to_dict(current.get("Tags")) if current else {}, params.get("tags"),
                                    params["purge_tags"])
    if current is None:
        return lambda own: _router_create(own, params, check_mode, region, to_set)
    return lambda own: _router_update(own, params, check_mode, current, to_set, to_unset)


def _predicted_router(params, router_id, cen_id, region, tags):
    return dict(TransitRouterId=router_id, CenId=cen_id, RegionId=region, Type="Enterprise", Status="Active",
                TransitRouterName=params.get("name") or "", TransitRouterDescription=params.get("description") or "",
                Tags=tags_to_list(tags))


def _router_predicted(params, cen_id, region):
    if params["state"] == "absent":
        return dict(changed=False, transit_router_id=None, transit_router={})
    router = _predicted_router(params, predicted_id("tr"), cen_id, region, params.get("tags"))
    return dict(changed=True, transit_router_id=router["TransitRouterId"], transit_router=router_result(router),
                diff=make_diff(None, _router_view(router)))


def _router_create(session, params, check_mode, region, tags):
    cen_id = params["cen_id"]
    if check_mode:
        router = _predicted_router(params, predicted_id("tr"), cen_id, region, tags)
        return dict(changed=True, transit_router_id=router["TransitRouterId"], transit_router=router_result(router),
                    diff=make_diff(None, _router_view(router)))
    try:
        body = session.call("cbn", "CreateTransitRouter", ClientToken=session.client_token(), CenId=cen_id,
                            RegionId=region, TransitRouterName=params.get("name"),
                            TransitRouterDescription=params.get("description"), Tag=tags_to_list(tags) or None)
    except AlicloudError as exc:
        if exc.code == SERVICE_CLOSED_CODE:
            raise service_closed(session, exc)
        if exc.code == CEN_NOT_FOUND_CODE:
            raise AlicloudError(exc.code, "cen_id: the CEN instance %s does not exist in account %s (the account "
                                          "these credentials act as); create the router with the credentials of the "
                                          "CEN's owner" % (cen_id, session.account_id()),
                                request_id=exc.request_id, action=exc.action)
        raise
    router_id = body["TransitRouterId"]
    after = _settled_router(session, params, router_id, "created transit router %s" % router_id,
                            "a re-run finds it by CEN and region and waits for it again")
    return dict(changed=True, transit_router_id=router_id, transit_router=router_result(after),
                diff=make_diff(None, _router_view(after)))


def _router_update(session, params, check_mode, current, to_set, to_unset):
    router_id = current["TransitRouterId"]
    changes = changed_fields(current, dict(TransitRouterName=params.get("name"),
                                           TransitRouterDescription=params.get("description")))
    if not changes and not to_set and not to_unset:
        if params["wait"] and current.get("Status") != "Active" and not check_mode:
            current = _wait_router(session, router_id)
        return dict(changed=False, transit_router_id=router_id, transit_router=router_result(current))
    predicted_router = dict(current, **changes)
    predicted_router["Tags"] = tags_after(current.get("Tags"), to_set, to_unset)
    if check_mode:
        return dict(changed=True, transit_router_id=router_id, transit_router=router_result(predicted_router),
                    diff=make_diff(_router_view(current), _router_view(predicted_router)))
    if changes:
        session.call("cbn", "UpdateTransitRouter", ClientToken=session.client_token(), TransitRouterId=router_id,
                     RegionId=current["RegionId"], **changes)
    try:
        apply_tags(session, TAG_RESOURCE_TYPE, router_id, to_set, to_unset)
    except AlicloudError as exc:
        if not changes:
            raise
        raise after_write(exc, "changed the %s of transit router %s"
                          % (" and ".join(sorted(_OPTION_OF[k] for k in changes)), router_id),
                          "a re-run changes what is left", transit_router_id=router_id)
    after = _settled_router(session, params, router_id, "changed transit router %s" % router_id,
                            "a re-run waits for it again")
    return dict(changed=True, transit_router_id=router_id, transit_router=router_result(after),
                diff=make_diff(_router_view(current), _router_view(after)))


def _router_absent(session, params, check_mode, current):
    if current is None:
        return dict(changed=False, transit_router_id=None, transit_router={})
    router_id = current["TransitRouterId"]
    if current.get("Status") == "Deleting":
        if params["wait"] and not check_mode:
            _wait_router(session, router_id, gone=True)
        return dict(changed=False, transit_router_id=router_id, transit_router={})
    diff = make_diff(_router_view(current), None)
    if check_mode:
        return dict(changed=True, transit_router_id=router_id, transit_router={}, diff=diff)
    try:
        session.call("cbn", "DeleteTransitRouter", ClientToken=session.client_token(), TransitRouterId=router_id)
    except AlicloudError as exc:
        if exc.code in ROUTER_GONE_CODES:
            return dict(changed=False, transit_router_id=router_id, transit_router={})
        if exc.code in ROUTER_IN_USE_CODES:
            raise _router_in_use(session, router_id, exc)
        raise
    if params["wait"]:
        try:
            _wait_router(session, router_id, gone=True)
        except AlicloudError as exc:
            raise after_write(exc, "deleted transit router %s" % router_id, "a re-run waits for the deletion again",
                              transit_router_id=router_id)
    return dict(changed=True, transit_router_id=router_id, transit_router={}, diff=diff)


def _router_in_use(session, router_id, error):
    """DeleteTransitRouter's refusal, naming what is left on the router and what removes it."""
    if error.code == "InvalidOperation.AttachedChildInstanceExist":
        found = ["VPC attachment %s" % a["TransitRouterAttachmentId"] for a in every_token_page(
            session, "cbn", "ListTransitRouterVpcAttachments", "TransitRouterAttachments", MaxResults=LIST_PAGE_SIZE,
            TransitRouterId=router_id)]
        found += ["inter-region attachment %s" % a["TransitRouterAttachmentId"] for a in every_token_page(
            session, "cbn", "ListTransitRouterPeerAttachments", "TransitRouterAttachments", MaxResults=LIST_PAGE_SIZE,
            TransitRouterId=router_id)]
        what = "network instance connections (%s)" % (", ".join(found) or "VBR, VPN or inter-region")
        remedy = "transit_router_vpc_attachment / transit_router_peer_attachment with state: absent"
    else:
        found = ["route table %s" % t["TransitRouterRouteTableId"] for t in every_token_page(
            session, "cbn", "ListTransitRouterRouteTables", "TransitRouterRouteTables", MaxResults=LIST_PAGE_SIZE,
            TransitRouterId=router_id, TransitRouterRouteTableType="Custom")]
        what = "custom route tables or static routes (%s)" % (", ".join(found) or "static routes of its System table")
        remedy = "transit_router_route_table / transit_router_route_entry with state: absent"
    return AlicloudError(error.code, "the transit router %s still has %s; remove them first (%s)"
                         % (router_id, what, remedy), request_id=error.request_id, action=error.action)


# ---------------------------------------------------------------------------
# transit_router_info
# ---------------------------------------------------------------------------

def router_zones(session, region):
    """The zones of ``region`` where transit routers take VPC attachments (ListTransitRouterAvailableResource)."""
    body = session.call("cbn", "ListTransitRouterAvailableResource", RegionId=region)
    return list(body.get("AvailableZones") or [])


def transit_router_info(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_info: routers by CEN, region, ids, name and tags, and the
    router zones of the region asked for, or else of each region a router was found in."""
    cen_id, region = params.get("cen_id"), _check_region(params.get("region"))
    # A CEN or routers that check mode predicted do not exist yet: nothing to read about them.
    cen_predicted = predicted(cen_id, "cen_id", check_mode)
    if cen_id is not None and not cen_predicted:
        check_id(cen_id, "cen", "cen_id")
    router_ids = [router_id for router_id in params.get("transit_router_ids") or []
                  if not predicted(router_id, "transit_router_ids", check_mode)]
    for router_id in router_ids:
        check_id(router_id, "tr", "transit_router_ids")
    if cen_predicted or (params.get("transit_router_ids") and not router_ids):
        routers = []
    else:
        criteria = dict(cen_id=cen_id, region=region, name=params.get("name"), tags=params.get("tags"))
        routers = [router for router_id in (list(dict.fromkeys(router_ids)) or [None])
                   for router in list_transit_routers(session, transit_router_id=router_id, **criteria)]
    regions = [region] if region else list(dict.fromkeys(router["RegionId"] for router in routers))
    return dict(changed=False, transit_routers=[router_result(router) for router in routers],
                zones=dict((name, router_zones(session, name)) for name in regions))

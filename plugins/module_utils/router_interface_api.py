# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Express Connect router interfaces (VPC API 2016-04-28): the calls on one interface, how the modules show
one, the waits on one, and the core of router_interface_info (reads only).

router_interface.py builds the core of the router_interface module on these; route.py and topology.py
read interfaces through describe_router_interfaces() and get_router_interface().
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import predicted
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    every_page,
    make_diff,
    snake_dict,
    snake_name,
    tags_to_dict,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import tags_to_list
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for

ROLES = {"initiator": "InitiatingSide", "acceptor": "AcceptingSide"}
ROLE_NAMES = dict((api, name) for name, api in ROLES.items())
SPECS = ("Mini.2", "Mini.5", "Small.1", "Small.2", "Small.5", "Middle.1", "Middle.2", "Middle.5",
         "Large.1", "Large.2", "Large.5", "Xlarge.1")
NEGATIVE_SPEC = "Negative"
ROUTER_TYPES = ("VRouter", "VBR")
# Where each transitional status settles.
SETTLES_TO = {"Connecting": "Active", "AcceptingConnecting": "Active", "Activating": "Active",
              "Modifying": "Active", "Deactivating": "Inactive"}
# Statuses of an interface that is part of a connected (or connecting) pair.
CONNECTED = ("Connecting", "AcceptingConnecting", "Activating", "Active", "Modifying", "Deactivating", "Inactive")
GONE = ("Deleting", "Deleted")
# The statuses an interface shows once a write that takes no ClientToken was done (its answer may be lost).
WRITE_SHOWS = {"ConnectRouterInterface": ("Connecting", "Active"), "ActivateRouterInterface": ("Activating", "Active"),
               "DeactivateRouterInterface": ("Deactivating", "Inactive")}
OPPOSITE_FIELDS = ("OppositeInterfaceId", "OppositeRouterId", "OppositeRouterType", "OppositeInterfaceOwnerId")
# The keys of router_interface that --diff shows.
SUMMARY_KEYS = ("router_interface_id", "role_name", "spec", "status", "router_id", "router_type", "opposite_region_id",
                "opposite_interface_id", "opposite_router_id", "opposite_router_type", "opposite_interface_owner_id",
                "name", "description", "tags")
TAG_RESOURCE_TYPE = "ROUTERINTERFACE"  # of TagResourcesForExpressConnect

FILTER_KEYS = ("RouterInterfaceId", "RouterId", "RouterType", "RouterInterfaceOwnerId", "OppositeInterfaceId",
               "OppositeRouterType", "OppositeRouterId", "OppositeInterfaceOwnerId", "Status", "Name")
MAX_FILTERS = 5


# ---------------------------------------------------------------------------
# API wrappers
# ---------------------------------------------------------------------------

def describe_router_interfaces(session, region, filters=None):
    """Every router interface of the caller in region matching ``filters`` ({API filter key: [values]})."""
    api_filters = [dict(Key=key, Value=list(values)) for key, values in (filters or {}).items()] or None
    return every_page(session, "vpc", "DescribeRouterInterfaces", "RouterInterfaceSet", 50, region=region,
                      RegionId=region, Filter=api_filters)


def get_router_interface(session, region, ri_id):
    """One router interface by id, or None (also once it is Deleted)."""
    found = [ri for ri in describe_router_interfaces(session, region, {"RouterInterfaceId": [ri_id]})
             if ri.get("RouterInterfaceId") == ri_id and ri.get("Status") != "Deleted"]
    return found[0] if found else None


def ri_call(session, operation, region, ri_id, done=None, **fields):
    """One write on a router interface. ``done(interface or None)``: what the interface shows once the write is
    done, for a write without ClientToken whose answer may be lost (Session.call reads it back)."""
    check = None if done is None else (lambda: done(get_router_interface(session, region, ri_id)))
    return session.call("vpc", operation, region=region, RegionId=region, RouterInterfaceId=ri_id, done=check,
                        **fields)


def shows(fields):
    """``done`` of ModifyRouterInterfaceAttribute: the interface holds every field's value."""
    return lambda ri: ri is not None and all(str(ri.get(key) or "") == str(value) for key, value in fields.items())


def set_tags(session, region, ri_id, to_set, to_unset):
    """Untag, then tag, one router interface (the ...ForExpressConnect tag calls)."""
    common = dict(region=region, RegionId=region, ResourceType=TAG_RESOURCE_TYPE, ResourceId=[ri_id])
    if to_unset:
        session.call("vpc", "UntagResourcesForExpressConnect", TagKey=list(to_unset), **common)
    if to_set:
        session.call("vpc", "TagResourcesForExpressConnect", Tag=tags_to_list(to_set), **common)


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------

def ri_view(ri):
    """A router interface as the modules return it: snake_case, the role as initiator/acceptor, tags as a dict."""
    view = snake_dict(ri)
    view.pop("request_id", None)
    view["role_name"] = ROLE_NAMES.get(ri.get("Role"))
    view["tags"] = tags_to_dict(ri.get("Tags"))
    return view


def ri_summary(ri):
    """What --diff shows of an interface (API dict), with router_interface's return keys; None when absent."""
    if not ri:
        return None
    view = ri_view(ri)
    return dict((key, view.get(key)) for key in SUMMARY_KEYS)


def ri_result(changed, ri_id, ri, before=None):
    """router_interface's result, one shape: the id, the interface ({} when there is none), and the diff."""
    result = dict(changed=changed, router_interface_id=ri_id, router_interface=ri_view(ri) if ri else {})
    if changed:
        result["diff"] = make_diff(ri_summary(before), ri_summary(ri))
    return result


def ri_label(ri):
    """How messages name the router interface: its id, then its role/status and where it is."""
    return "%s (%s, %s, on %s)" % (ri.get("RouterInterfaceId"), ROLE_NAMES.get(ri.get("Role"), ri.get("Role")),
                                   ri.get("Status"), ri.get("RouterId"))


# ---------------------------------------------------------------------------
# Waiting and transitions
# ---------------------------------------------------------------------------

def wait_for_interface(session, region, ri_id, ready, what):
    """Wait, on the task's deadline, until ``ready(interface or None)``; return that interface."""
    return wait_for(session, lambda: get_router_interface(session, region, ri_id), ready,
                    "router interface %s %s" % (ri_id, what))


def status_is(*statuses):
    return lambda ri: ri is not None and ri.get("Status") in statuses


def settled(ri):
    return ri is not None and ri.get("Status") not in SETTLES_TO


def gone(ri):
    return ri is None


def transitioning(ri, action):
    """The error for wait: false on an interface in transition that the task must write to."""
    return AlicloudError("IncorrectStatus.RouterInterface", "%s is %s (on its way to %s): the API takes no %s until it "
                         "settles, and wait: false does not wait for that; run the task again once it is %s, or with "
                         "wait: true, which waits for it; nothing was changed"
                         % (ri_label(ri), ri["Status"], SETTLES_TO[ri["Status"]], action, SETTLES_TO[ri["Status"]]))


# ---------------------------------------------------------------------------
# Core of router_interface_info
# ---------------------------------------------------------------------------

def _filter_key(key):
    """An API filter key from the key the user wrote (RouterId or router_id)."""
    for api_key in FILTER_KEYS:
        if key in (api_key, snake_name(api_key)):
            return api_key
    raise AlicloudError("InvalidFilterKey.ValueNotSupported", "filters: %r is not a filter of DescribeRouterInterfaces "
                        "(known: %s)" % (key, ", ".join(FILTER_KEYS)))


def build_filters(params, check_mode=False):
    """``{API key: [values]}`` from router_interface_ids and filters; None when every id given is one that check mode
    predicted (an interface that does not exist yet, so none matches)."""
    filters = {}
    for key, value in (params.get("filters") or {}).items():
        values = value if isinstance(value, list) else [value]
        filters.setdefault(_filter_key(key), []).extend(str(v) for v in values)
    if params.get("router_interface_ids"):
        ids = [ri_id for ri_id in params["router_interface_ids"]
               if not predicted(ri_id, "router_interface_ids", check_mode)]
        if not ids:
            return None
        for ri_id in ids:
            check_id(ri_id, "ri", "router_interface_ids")
        filters.setdefault("RouterInterfaceId", []).extend(ids)
    if len(filters) > MAX_FILTERS:
        raise AlicloudError("InvalidParameter", "filters: DescribeRouterInterfaces takes at most %d filter keys, got %d "
                            "(%s)" % (MAX_FILTERS, len(filters), ", ".join(sorted(filters))))
    return filters


def router_interface_info(session, params, check_mode):
    """Core of router_interface_info: the caller's router interfaces in the region, filtered."""
    filters = build_filters(params, check_mode)
    region = session.require_region()
    interfaces = [] if filters is None else describe_router_interfaces(session, region, filters)
    return dict(changed=False, router_interfaces=[ri_view(ri) for ri in interfaces],
                ids=[ri["RouterInterfaceId"] for ri in interfaces])

# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Express Connect router interfaces (VPC API 2016-04-28): VPC peering the classic way.

A peering is a pair: an initiator (InitiatingSide, with a Spec) on one router and an
acceptor (AcceptingSide, Spec Negative) on the other. Each side is created and told
about the other with its own account's credentials; the initiator then connects and
both become Active. Cores: ensure_router_interface() (module router_interface) and
router_interface_info().

One side per task. The order that always works, in one account or across two:

1. the initiator, naming the opposite router (no opposite interface yet);
2. the acceptor, naming the initiator as its opposite interface;
3. the initiator again, naming the acceptor: it connects and waits for Active.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import account_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    every_page,
    make_diff,
    snake_dict,
    snake_name,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import (
    describe_routes,
    parse_cidr,
    refuse_overlap,
    routes_via,
    vpc_cidr_blocks,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id, get_vpc, get_vrouter

ROLES = {"initiator": "InitiatingSide", "acceptor": "AcceptingSide"}
ROLE_NAMES = dict((api, name) for name, api in ROLES.items())
SPECS = ("Mini.2", "Mini.5", "Small.1", "Small.2", "Small.5", "Middle.1", "Middle.2", "Middle.5",
         "Large.1", "Large.2", "Large.5", "Xlarge.1")
NEGATIVE_SPEC = "Negative"
ROUTER_TYPES = ("VRouter", "VBR")
ROUTER_PREFIXES = {"VRouter": "vrt", "VBR": "vbr"}
MAX_INTERFACES_PER_ROUTER = 5

# Where each transitional status settles.
SETTLES_TO = {"Connecting": "Active", "AcceptingConnecting": "Active", "Activating": "Active",
              "Modifying": "Active", "Deactivating": "Inactive"}
# Statuses of an interface that is part of a connected (or connecting) pair.
CONNECTED = ("Connecting", "AcceptingConnecting", "Activating", "Active", "Modifying", "Deactivating", "Inactive")
GONE = ("Deleting", "Deleted")


OPPOSITE_FIELDS = ("OppositeInterfaceId", "OppositeRouterId", "OppositeRouterType", "OppositeInterfaceOwnerId")
SUMMARY_FIELDS = ("RouterInterfaceId", "Role", "Spec", "Status", "RouterId", "RouterType", "OppositeRegionId") \
    + OPPOSITE_FIELDS + ("Name", "Description")

FILTER_KEYS = ("RouterInterfaceId", "RouterId", "RouterType", "RouterInterfaceOwnerId", "OppositeInterfaceId",
               "OppositeRouterType", "OppositeRouterId", "OppositeInterfaceOwnerId", "Status", "Name")
MAX_FILTERS = 5

_NAME = re.compile(r"^[^\W\d_][\w.\-]{1,127}$")


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


def _ri_call(session, operation, region, ri_id, **fields):
    return session.call("vpc", operation, region=region, RegionId=region, RouterInterfaceId=ri_id,
                        **fields)


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------

def ri_view(ri):
    """A router interface as the modules return it: snake_case, with the role as initiator/acceptor."""
    view = snake_dict(ri)
    view.pop("request_id", None)
    view["role_name"] = ROLE_NAMES.get(ri.get("Role"))
    return view


def _summary(ri):
    return dict((key, ri.get(key)) for key in SUMMARY_FIELDS) if ri else None


def _describe(ri):
    return "%s (%s, %s, on %s)" % (ri.get("RouterInterfaceId"), ROLE_NAMES.get(ri.get("Role"), ri.get("Role")),
                                   ri.get("Status"), ri.get("RouterId"))


# ---------------------------------------------------------------------------
# Validation that needs no API call
# ---------------------------------------------------------------------------

def _check_texts(params):
    name, description = params.get("name"), params.get("description")
    if name is not None and not _NAME.match(name):
        raise AlicloudError("InvalidName.Malformed", "name: %r must be 2 to 128 characters, start with a letter, and "
                            "hold only letters, digits, periods, underscores and hyphens" % name)
    if description is not None and (not 2 <= len(description) <= 256 or not description[0].isalpha()
                                    or description.startswith(("http://", "https://"))):
        raise AlicloudError("InvalidDescription.Malformed", "description: must be 2 to 256 characters, start with a "
                            "letter and not start with http:// or https://")


def validate(params):
    """Everything about the task that is wrong whatever the cloud holds."""
    if params.get("router_interface_id"):
        check_id(params["router_interface_id"], "ri", "router_interface_id")
    if params.get("vpc_id"):
        check_id(params["vpc_id"], "vpc", "vpc_id")
    if params.get("router_id"):
        check_id(params["router_id"], ROUTER_PREFIXES[params["router_type"]], "router_id")
    if params.get("opposite_interface_id"):
        check_id(params["opposite_interface_id"], "ri", "opposite_interface_id")
    if params.get("opposite_vpc_id"):
        check_id(params["opposite_vpc_id"], "vpc", "opposite_vpc_id")
    if params.get("opposite_router_id"):
        check_id(params["opposite_router_id"], ROUTER_PREFIXES[params["opposite_router_type"]], "opposite_router_id")
    for block in params.get("opposite_cidr_blocks") or []:
        parse_cidr(block, "opposite_cidr_blocks")
    if params.get("role") == "acceptor" and params.get("spec") not in (None, NEGATIVE_SPEC):
        raise AlicloudError("InvalidSpec.ValueNotSupported", "spec: an acceptor has no specification of its own (its "
                            "Spec is Negative; it carries what the initiator's spec allows): leave spec unset")
    if params.get("role") == "acceptor" and params["router_type"] == "VBR":
        raise AlicloudError("InvalidRole.ValueNotSupported", "role: a router interface on a VBR can only be the initiator")
    if params.get("router_interface_id") is None and params["state"] != "absent" and not params.get("role"):
        raise AlicloudError("MissingParameter", "role is required to find or create a router interface without "
                            "router_interface_id")
    _check_texts(params)


# ---------------------------------------------------------------------------
# Resolving the two routers
# ---------------------------------------------------------------------------

class Sides(object):
    """What the task says about the local router and the opposite side, resolved lazily with the API."""

    def __init__(self, session, region, params):
        self.session = session
        self.region = region
        self.params = params
        self._own_vpc = self._own_router = None
        self._opposite = None

    # -- the local router ---------------------------------------------------------------
    def own_router(self):
        """``(router id, router type)`` of the local side, or (None, None) when the task names none."""
        if self._own_router is None:
            params = self.params
            if params.get("router_id"):
                self._own_router = (params["router_id"], params["router_type"])
            elif params.get("vpc_id"):
                vpc = get_vpc(self.session, self.region, params["vpc_id"])
                if vpc is None:
                    raise AlicloudError("InvalidVpcId.NotFound", "vpc_id: VPC %s does not exist in %s for this "
                                        "account" % (params["vpc_id"], self.region))
                self._own_vpc = vpc
                self._own_router = (vpc["VRouterId"], "VRouter")
            else:
                self._own_router = (None, None)
        return self._own_router

    def own_vpc(self, router_id, router_type):
        """The local VPC record (None for a VBR)."""
        if router_type != "VRouter":
            return None
        if self._own_vpc is None:
            router = get_vrouter(self.session, self.region, router_id)
            if router is None:
                raise AlicloudError("InvalidRouterId.NotFound", "router_id: vRouter %s does not exist in %s for this "
                                    "account" % (router_id, self.region))
            self._own_vpc = get_vpc(self.session, self.region, router["VpcId"])
        return self._own_vpc

    # -- the opposite side --------------------------------------------------------------
    def opposite(self):
        """The opposite side as far as the task names it: a dict of owner, same_account, region, router_id,
        router_type, vpc_id, vpc (same account only), interface_id, and which of them the task set."""
        if self._opposite is None:
            self._opposite = self._resolve_opposite()
        return self._opposite

    def _resolve_opposite(self):
        params, session = self.params, self.session
        own_account = session.account_id()
        owner = account_id(params.get("opposite_owner_id"), "opposite_owner_id") or own_account
        same = owner == own_account
        region = params.get("opposite_region") or self.region
        side = dict(owner=owner, same_account=same, region=region, router_id=params.get("opposite_router_id"),
                    router_type=params["opposite_router_type"], vpc_id=params.get("opposite_vpc_id"), vpc=None,
                    interface_id=params.get("opposite_interface_id"), interface=None,
                    owner_given=params.get("opposite_owner_id") is not None,
                    router_type_given=params.get("opposite_router_id") is not None
                    or params.get("opposite_vpc_id") is not None)
        if side["vpc_id"]:
            if not same:
                if not side["router_id"]:
                    raise AlicloudError("MissingParameter", "opposite_vpc_id: VPC %s belongs to account %s, whose VPCs "
                                        "these credentials cannot read: give opposite_router_id (the VPC's vRouter "
                                        "id, which vpc_info returns as v_router_id when run as that account)"
                                        % (side["vpc_id"], owner))
            else:
                vpc = get_vpc(session, region, side["vpc_id"])
                if vpc is None:
                    raise AlicloudError("InvalidVpcId.NotFound", "opposite_vpc_id: VPC %s does not exist in %s for "
                                        "account %s" % (side["vpc_id"], region, owner))
                if side["router_id"] and side["router_id"] != vpc["VRouterId"]:
                    raise AlicloudError("InvalidParameter", "opposite_router_id %s is not the vRouter of "
                                        "opposite_vpc_id %s (%s)" % (side["router_id"], side["vpc_id"], vpc["VRouterId"]))
                side.update(vpc=vpc, router_id=vpc["VRouterId"], router_type="VRouter")
        peer = get_router_interface(session, region, side["interface_id"]) if side["interface_id"] and same else None
        if peer is not None:
            if side["router_id"] and side["router_id"] != peer["RouterId"]:
                raise AlicloudError("InvalidParameter", "opposite_interface_id %s is on router %s, not on %s"
                                    % (side["interface_id"], peer["RouterId"], side["router_id"]))
            side.update(interface=peer, router_id=peer["RouterId"], router_type=peer["RouterType"],
                        router_type_given=True)
        if side["vpc"] is None and same and side["router_id"] and side["router_type"] == "VRouter":
            router = get_vrouter(session, region, side["router_id"])
            side["vpc"] = get_vpc(session, region, router["VpcId"]) if router else None
        return side

    def opposite_cidrs(self):
        """``(what, [blocks])`` of the opposite VPC, or None when unknown (a VBR, or another account's VPC
        without opposite_cidr_blocks)."""
        side = self.opposite()
        if side["vpc"] is not None:
            return side["vpc"]["VpcId"], vpc_cidr_blocks(side["vpc"])
        blocks = self.params.get("opposite_cidr_blocks")
        if blocks:
            return side["vpc_id"] or "the opposite VPC (router %s)" % side["router_id"], list(blocks)
        return None


# ---------------------------------------------------------------------------
# Checks before writing
# ---------------------------------------------------------------------------

def _find(session, region, sides, params):
    """The interface the task means, or None."""
    if params.get("router_interface_id"):
        ri = get_router_interface(session, region, params["router_interface_id"])
        if ri is not None and params.get("role") and ri["Role"] != ROLES[params["role"]]:
            raise AlicloudError("IncorrectRole", "router_interface_id: %s is the %s (%s), not the %s"
                                % (ri["RouterInterfaceId"], ROLE_NAMES[ri["Role"]], ri["Role"], params["role"]))
        router_id, _type = sides.own_router()
        if ri is not None and router_id and ri["RouterId"] != router_id:
            raise AlicloudError("InvalidParameter", "router_interface_id: %s is on router %s, not on %s"
                                % (ri["RouterInterfaceId"], ri["RouterId"], router_id))
        return ri
    router_id, _type = sides.own_router()
    if not router_id:
        raise AlicloudError("MissingParameter", "give router_interface_id, vpc_id or router_id")
    opposite = sides.opposite()
    if not opposite["router_id"] and not opposite["interface_id"]:
        raise AlicloudError("MissingParameter", "give opposite_router_id, opposite_vpc_id or opposite_interface_id "
                            "(or router_interface_id): the interface is found by its router, the opposite router "
                            "(or interface) and its role")
    role = params.get("role")
    if opposite["router_id"]:
        key = {"OppositeRouterId": [opposite["router_id"]]}
    else:
        key = {"OppositeInterfaceId": [opposite["interface_id"]]}
    key["RouterId"] = [router_id]
    matches = [ri for ri in describe_router_interfaces(session, region, key)
               if ri.get("Status") not in GONE and (role is None or ri.get("Role") == ROLES[role])]
    if len(matches) > 1:
        raise AlicloudError("InvalidParameter", "%d router interfaces join %s to %s (%s): give router_interface_id"
                            % (len(matches), router_id, opposite["router_id"], ", ".join(_describe(m) for m in matches)))
    return matches[0] if matches else None


def _refuse_second_pair(session, region, router_id, opposite_router_id, own_id):
    """Fail when another connected pair already joins the two routers (one pair per two routers)."""
    between = describe_router_interfaces(session, region, dict(RouterId=[router_id],
                                                               OppositeRouterId=[opposite_router_id]))
    others = [ri for ri in between if ri.get("RouterInterfaceId") != own_id and ri.get("Status") in CONNECTED]
    if others:
        raise AlicloudError("Forbidden.OnlyOneConnection", "routers %s and %s are already joined by the connected "
                            "router interface %s; only one connected pair may join two routers"
                            % (router_id, opposite_router_id, ", ".join(_describe(ri) for ri in others)))


def _refuse_full_router(session, region, router_id):
    existing = describe_router_interfaces(session, region, {"RouterId": [router_id]})
    if len(existing) >= MAX_INTERFACES_PER_ROUTER:
        ids = ", ".join(ri["RouterInterfaceId"] for ri in existing)
        raise AlicloudError("LimitationExceed.InterfaceNumberOnRouter", "router %s already has %d router interfaces "
                            "(%s); a router takes at most %d"
                            % (router_id, len(existing), ids, MAX_INTERFACES_PER_ROUTER))


def _refuse_overlap(sides, router_id, router_type):
    own = sides.own_vpc(router_id, router_type)
    other = sides.opposite_cidrs()
    if own is not None and other is not None:
        refuse_overlap(own["VpcId"], vpc_cidr_blocks(own), other[0], other[1])


def _refuse_unready_acceptor(opposite, own_id, router_id, router_type, region, own_account):
    """In one account the initiator can see the acceptor: refuse to connect before it names this initiator."""
    peer = opposite["interface"]
    if peer is None:
        return
    if peer["Role"] != ROLES["acceptor"]:
        raise AlicloudError("IncorrectRole", "opposite_interface_id: %s is an initiator; an initiator connects to an "
                            "acceptor" % peer["RouterInterfaceId"])
    if own_id is None:
        raise AlicloudError("IncorrectOppositeInterfaceInfo.NotSet", "the acceptor %s cannot name an initiator that "
                            "does not exist yet, so this new initiator could not connect to it: create the initiator "
                            "without opposite_interface_id, then the acceptor with opposite_interface_id set to the "
                            "initiator, then run this task again; nothing was changed" % peer["RouterInterfaceId"])
    expected = dict(OppositeInterfaceId=own_id, OppositeRouterId=router_id, OppositeRouterType=router_type,
                    OppositeInterfaceOwnerId=own_account)
    wrong = ["%s is %r, not %r" % (key, peer.get(key) or "", value) for key, value in expected.items()
             if str(peer.get(key) or "") != str(value or "")]
    if peer.get("OppositeRegionId") != region:
        wrong.append("OppositeRegionId is %r, not %r" % (peer.get("OppositeRegionId"), region))
    if wrong:
        raise AlicloudError("IncorrectOppositeInterfaceInfo.NotSet", "the acceptor %s does not name the initiator %s "
                            "as its opposite yet (%s): run router_interface for the acceptor with "
                            "opposite_interface_id %s first; nothing was changed"
                            % (peer["RouterInterfaceId"], own_id, "; ".join(wrong), own_id))


# ---------------------------------------------------------------------------
# Waiting
# ---------------------------------------------------------------------------

def _wait_status(session, region, ri_id, statuses, timeout):
    return wait_for(session, lambda: get_router_interface(session, region, ri_id),
                    lambda ri: ri is not None and ri.get("Status") in statuses,
                    "router interface %s to become %s" % (ri_id, " or ".join(statuses)))


def _wait_gone(session, region, ri_id, timeout):
    wait_for(session, lambda: get_router_interface(session, region, ri_id), lambda ri: ri is None,
             "router interface %s to be deleted" % ri_id)


def _settle(session, region, ri, timeout):
    """Wait out a transition (Connecting, Activating, Deactivating, ...) before deciding anything."""
    target = SETTLES_TO.get(ri.get("Status"))
    if target is None:
        return ri
    return _wait_status(session, region, ri["RouterInterfaceId"], (target, "Idle", "Active", "Inactive"), timeout)


# ---------------------------------------------------------------------------
# Core of router_interface
# ---------------------------------------------------------------------------

def _absent(session, region, current, params, check_mode):
    if current is None:
        return dict(changed=False, router_interface_id=None, router_interface={})
    ri_id = current["RouterInterfaceId"]
    if current["Status"] in GONE:
        if params["wait"] and not check_mode:
            _wait_gone(session, region, ri_id, params["wait_timeout"])
        return dict(changed=False, router_interface_id=ri_id, router_interface={})
    routes = routes_via(session, region, current["RouterId"], ri_id)
    if routes:
        raise AlicloudError("DependencyViolation.RouterInterfaceReferedByRouteEntry", "router interface %s is the "
                            "next hop of route entries %s: delete those routes first (vpc_route_entry with "
                            "state=absent); nothing was changed" % (ri_id, describe_routes(routes)))
    result = dict(changed=True, router_interface_id=ri_id, router_interface={}, diff=make_diff(_summary(current), None))
    if check_mode:
        return result
    current = _settle(session, region, current, params["wait_timeout"])
    if current["Status"] == "Active":
        _ri_call(session, "DeactivateRouterInterface", region, ri_id)
        _wait_status(session, region, ri_id, ("Inactive",), params["wait_timeout"])
    _ri_call(session, "DeleteRouterInterface", region, ri_id, ClientToken=session.client_token())
    if params["wait"]:
        _wait_gone(session, region, ri_id, params["wait_timeout"])
    return result


def _desired_attributes(current, params, opposite):
    """The ModifyRouterInterfaceAttribute fields whose value the task changes."""
    desired = dict(Name=params.get("name"), Description=params.get("description"))
    if opposite is not None:
        desired.update(OppositeInterfaceId=opposite["interface_id"], OppositeRouterId=opposite["router_id"])
        if opposite["router_type_given"] or not current.get("OppositeRouterType"):
            desired["OppositeRouterType"] = opposite["router_type"] if opposite["router_id"] else None
        if opposite["owner_given"] or not current.get("OppositeInterfaceOwnerId"):
            desired["OppositeInterfaceOwnerId"] = opposite["owner"]
    return dict((key, value) for key, value in desired.items()
                if value is not None and str(current.get(key) or "") != str(value))


def _names_opposite(params):
    return any(params.get(key) for key in ("opposite_interface_id", "opposite_router_id", "opposite_vpc_id",
                                           "opposite_owner_id", "opposite_region"))


def ensure_router_interface(session, params, check_mode):
    """Core of router_interface: one side of a router-interface peering, in the state the task asks for."""
    validate(params)
    region = session.require_region()
    state = params["state"]
    sides = Sides(session, region, params)
    current = _find(session, region, sides, params)
    if state == "absent":
        return _absent(session, region, current, params, check_mode)

    if current is not None and not check_mode:
        current = _settle(session, region, current, params["wait_timeout"])
    if current is None and params.get("router_interface_id"):
        raise AlicloudError("InvalidRouterInterfaceId.NotFound", "router_interface_id: router interface %s does not "
                            "exist in %s" % (params["router_interface_id"], region))
    if current is None and state == "inactive":
        raise AlicloudError("InvalidRouterInterfaceId.NotFound", "no router interface matches the task; "
                            "state=inactive deactivates an existing, connected one")

    role = ROLE_NAMES[current["Role"]] if current else params["role"]
    router_id, router_type = (current["RouterId"], current["RouterType"]) if current else sides.own_router()
    opposite = sides.opposite() if current is None or _names_opposite(params) else None
    if opposite is not None and opposite["same_account"] and opposite["interface_id"] and opposite["interface"] is None:
        raise AlicloudError("InvalidRouterInterfaceId.NotFound", "opposite_interface_id: router interface %s does "
                            "not exist in %s" % (opposite["interface_id"], opposite["region"]))
    if current is None and not opposite["router_id"]:
        raise AlicloudError("MissingParameter", "give opposite_router_id: the opposite interface %s belongs to account "
                            "%s, whose router interfaces these credentials cannot read"
                            % (opposite["interface_id"], opposite["owner"]))
    if current is not None and opposite is not None and opposite["region"] != current["OppositeRegionId"] \
            and params.get("opposite_region"):
        raise AlicloudError("InvalidParameter", "opposite_region: %s faces %s, not %s; the opposite region of a "
                            "router interface cannot change (delete it and create another)"
                            % (current["RouterInterfaceId"], current["OppositeRegionId"], opposite["region"]))
    status = current["Status"] if current else "Idle"
    spec = params.get("spec")
    if role == "initiator" and current is None and not spec:
        raise AlicloudError("MissingParameter", "spec is required to create an initiator (for example Mini.2 or "
                            "Large.1; it sets the bandwidth)")
    attributes = _desired_attributes(current, params, opposite) if current else {}
    opposite_changes = sorted(set(attributes) & set(OPPOSITE_FIELDS))
    if opposite_changes and status != "Idle":
        raise AlicloudError("IncorrectStatus.RouterInterface", "%s is %s: its opposite (%s) cannot change while it "
                            "is connected; delete it (state=absent) and create another"
                            % (_describe(current), status, ", ".join(opposite_changes)))
    opposite_interface = (opposite or {}).get("interface_id") or (current or {}).get("OppositeInterfaceId")

    # What will happen, decided before any write.
    connect = role == "initiator" and status == "Idle" and bool(opposite_interface)
    activate = state == "active" and status == "Inactive"
    deactivate = state == "inactive" and status == "Active"
    if state == "active" and role == "acceptor" and status == "Idle":
        raise AlicloudError("IncorrectRole.NotInitiatingSide", "%s is an acceptor: only the initiator connects a "
                            "pair; use state=present for the acceptor and connect from the initiator's task"
                            % (_describe(current) if current else "the router interface"))
    if state == "active" and role == "initiator" and status == "Idle" and not opposite_interface:
        raise AlicloudError("MissingParameter", "state=active: give opposite_interface_id (the acceptor) so that the "
                            "initiator can connect")
    if state == "inactive" and status == "Idle":
        raise AlicloudError("IncorrectStatus", "%s was never connected (Idle): there is nothing to deactivate"
                            % _describe(current))
    final_status = "Active" if (connect or activate) else ("Inactive" if deactivate else status)
    change_spec = role == "initiator" and current is not None and spec and spec != current["Spec"]
    if change_spec and final_status != "Active":
        raise AlicloudError("InvalidInstance.StatusError", "spec: the bandwidth of %s can change only while it is "
                            "Active (it would be %s)" % (_describe(current), final_status))

    # Checks that read the cloud, still before any write.
    if current is None:
        _refuse_full_router(session, region, router_id)
        _refuse_second_pair(session, region, router_id, opposite["router_id"], None)
        _refuse_overlap(sides, router_id, router_type)
    if connect:
        _refuse_second_pair(session, region, router_id, opposite["router_id"] if opposite else
                            current["OppositeRouterId"], current and current["RouterInterfaceId"])
        if current is not None:
            _refuse_overlap(sides, router_id, router_type)
        if opposite is not None and opposite["same_account"]:
            _refuse_unready_acceptor(opposite, current and current["RouterInterfaceId"], router_id, router_type,
                                     region, session.account_id())

    changed = current is None or bool(attributes) or connect or activate or deactivate or bool(change_spec)
    before = _summary(current)
    if check_mode or not changed:
        predicted = dict(current or {})
        if current is None:
            predicted.update(RouterInterfaceId=None, Role=ROLES[role], Spec=spec or NEGATIVE_SPEC, RouterId=router_id,
                             RouterType=router_type, OppositeRegionId=opposite["region"],
                             OppositeInterfaceId=opposite["interface_id"] or "",
                             OppositeRouterId=opposite["router_id"], OppositeRouterType=opposite["router_type"],
                             OppositeInterfaceOwnerId=opposite["owner"], Name=params.get("name") or "",
                             Description=params.get("description") or "")
        predicted.update(attributes)
        predicted["Status"] = final_status
        if change_spec:
            predicted["Spec"] = spec
        result = dict(changed=changed, router_interface_id=predicted["RouterInterfaceId"],
                      router_interface=ri_view(predicted))
        if changed:
            result["diff"] = make_diff(before, _summary(predicted))
        return result

    timeout = params["wait_timeout"]
    if current is None:
        body = session.call("vpc", "CreateRouterInterface", region=region, ClientToken=session.client_token(),
                            RegionId=region, Role=ROLES[role],
                            RouterType=router_type, RouterId=router_id, Spec=spec or NEGATIVE_SPEC,
                            OppositeRegionId=opposite["region"], OppositeRouterId=opposite["router_id"],
                            OppositeRouterType=opposite["router_type"], OppositeInterfaceId=opposite["interface_id"],
                            OppositeInterfaceOwnerId=opposite["owner"], Name=params.get("name"),
                            Description=params.get("description"))
        ri_id = body["RouterInterfaceId"]
        current = _wait_status(session, region, ri_id, ("Idle",), timeout)
    ri_id = current["RouterInterfaceId"]
    if attributes:
        fields = dict(attributes)
        if "OppositeInterfaceOwnerId" in fields:
            fields["OppositeInterfaceOwnerId"] = int(fields["OppositeInterfaceOwnerId"])
        _ri_call(session, "ModifyRouterInterfaceAttribute", region, ri_id, **fields)
    must_wait = params["wait"] or change_spec
    if connect:
        _ri_call(session, "ConnectRouterInterface", region, ri_id)
    if activate:
        _ri_call(session, "ActivateRouterInterface", region, ri_id)
    if deactivate:
        _ri_call(session, "DeactivateRouterInterface", region, ri_id)
    if (connect or activate or deactivate) and must_wait:
        _wait_status(session, region, ri_id, (final_status,), timeout)
    if change_spec:
        _ri_call(session, "ModifyRouterInterfaceSpec", region, ri_id, ClientToken=session.client_token(), Spec=spec)
        if params["wait"]:
            _wait_status(session, region, ri_id, ("Active",), timeout)
    after = get_router_interface(session, region, ri_id)
    return dict(changed=True, router_interface_id=ri_id, router_interface=ri_view(after),
                diff=make_diff(before, _summary(after)))


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


def build_filters(params):
    """``{API key: [values]}`` from router_interface_ids and filters."""
    filters = {}
    for key, value in (params.get("filters") or {}).items():
        values = value if isinstance(value, list) else [value]
        filters.setdefault(_filter_key(key), []).extend(str(v) for v in values)
    if params.get("router_interface_ids"):
        for ri_id in params["router_interface_ids"]:
            check_id(ri_id, "ri", "router_interface_ids")
        filters.setdefault("RouterInterfaceId", []).extend(params["router_interface_ids"])
    if len(filters) > MAX_FILTERS:
        raise AlicloudError("InvalidParameter", "filters: DescribeRouterInterfaces takes at most %d filter keys, got %d "
                            "(%s)" % (MAX_FILTERS, len(filters), ", ".join(sorted(filters))))
    return filters


def router_interface_info(session, params, check_mode):
    """Core of router_interface_info: the caller's router interfaces in the region, filtered."""
    filters = build_filters(params)
    region = session.require_region()
    interfaces = describe_router_interfaces(session, region, filters)
    return dict(changed=False, router_interfaces=[ri_view(ri) for ri in interfaces],
                ids=[ri["RouterInterfaceId"] for ri in interfaces])

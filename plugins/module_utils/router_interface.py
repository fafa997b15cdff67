# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Express Connect router interfaces (VPC API 2016-04-28): VPC peering the classic way.

A peering is a pair: an initiator (InitiatingSide, with a Spec) on one router and an
acceptor (AcceptingSide, Spec Negative) on the other. Each side is created and told
about the other with its own account's credentials; the initiator then connects and
both become Active. Core: ensure_router_interface() (module router_interface), on the calls,
views and waits of router_interface_api.py.

One side per task. The order that always works, in one account or across two:

1. the initiator, naming the opposite router (no opposite interface yet);
2. the acceptor, naming the initiator as its opposite interface;
3. the initiator again, naming the acceptor: it connects and waits for Active.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    account_id,
    is_predicted,
    predicted,
    predicted_id,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import make_diff, snake_name, tags_to_dict
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import (
    describe_routes,
    refuse_overlap,
    routes_via,
    vpc_cidr_blocks,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_interface_api import (
    CONNECTED,
    GONE,
    NEGATIVE_SPEC,
    OPPOSITE_FIELDS,
    ROLES,
    ROLE_NAMES,
    SETTLES_TO,
    WRITE_SHOWS,
    describe_router_interfaces,
    get_router_interface,
    gone,
    ri_call,
    ri_label,
    ri_result,
    set_tags,
    settled,
    shows,
    status_is,
    transitioning,
    wait_for_interface,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import compare_tags, tags_to_list
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import (
    OWNER_CREDENTIALS,
    check_id,
    get_vpc,
    get_vrouter,
    not_visible,
    parse_cidr,
)

ROUTER_PREFIXES = {"VRouter": "vrt", "VBR": "vbr"}
MAX_INTERFACES_PER_ROUTER = 5

_NAME = re.compile(r"^[^\W\d_][\w.\-]{1,127}$")


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


def validate(params, check_mode=False):
    """Everything about the task that is wrong whatever the cloud holds.

    Interface ids predicted by check mode (router_interface_id, opposite_interface_id) pass in
    check mode only."""
    for option in ("router_interface_id", "opposite_interface_id"):
        if params.get(option) and not predicted(params[option], option, check_mode):
            check_id(params[option], "ri", option)
    if params.get("vpc_id"):
        check_id(params["vpc_id"], "vpc", "vpc_id")
    if params.get("router_id"):
        check_id(params["router_id"], ROUTER_PREFIXES[params["router_type"]], "router_id")
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
    compare_tags({}, params.get("tags"))  # refuses reserved keys


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
                    raise not_visible(self.session, "InvalidVpcId.NotFound", "vpc_id", "VPC %s" % params["vpc_id"],
                                      self.region, OWNER_CREDENTIALS)
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
                raise not_visible(self.session, "InvalidRouterId.NotFound", "router_id", "vRouter %s" % router_id,
                                  self.region, OWNER_CREDENTIALS)
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
                    interface_predicted=is_predicted(params.get("opposite_interface_id")),
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
                    raise not_visible(session, "InvalidVpcId.NotFound", "opposite_vpc_id", "VPC %s" % side["vpc_id"],
                                      region, "give opposite_owner_id and opposite_router_id (the vRouter of the VPC)",
                                      region_option="opposite_region")
                if side["router_id"] and side["router_id"] != vpc["VRouterId"]:
                    raise AlicloudError("InvalidParameter", "opposite_router_id %s is not the vRouter of "
                                        "opposite_vpc_id %s (%s)" % (side["router_id"], side["vpc_id"], vpc["VRouterId"]))
                side.update(vpc=vpc, router_id=vpc["VRouterId"], router_type="VRouter")
        # An interface predicted by check mode does not exist yet: nothing to read.
        peer = get_router_interface(session, region, side["interface_id"]) \
            if side["interface_id"] and same and not side["interface_predicted"] else None
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
                            % (len(matches), router_id, opposite["router_id"], ", ".join(ri_label(m) for m in matches)))
    return matches[0] if matches else None


def _refuse_second_pair(session, region, router_id, opposite_router_id, own_id):
    """Fail when another connected pair already joins the two routers (one pair per two routers)."""
    between = describe_router_interfaces(session, region, dict(RouterId=[router_id],
                                                               OppositeRouterId=[opposite_router_id]))
    others = [ri for ri in between if ri.get("RouterInterfaceId") != own_id and ri.get("Status") in CONNECTED]
    if others:
        raise AlicloudError("Forbidden.OnlyOneConnection", "routers %s and %s are already joined by the connected "
                            "router interface %s; only one connected pair may join two routers"
                            % (router_id, opposite_router_id, ", ".join(ri_label(ri) for ri in others)))


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
# Core of router_interface: state=absent
# ---------------------------------------------------------------------------

def _absent(session, region, current, params, check_mode):
    """Deactivate an Active pair (waiting until it is Inactive), then delete the interface."""
    if current is None:
        return ri_result(False, None, None)
    ri_id = current["RouterInterfaceId"]
    if current["Status"] in GONE:
        if params["wait"] and not check_mode:
            wait_for_interface(session, region, ri_id, gone, "to be deleted")
        return ri_result(False, ri_id, None)
    routes = routes_via(session, region, current["RouterId"], ri_id)
    if routes:
        raise AlicloudError("DependencyViolation.RouterInterfaceReferedByRouteEntry", "router interface %s is the "
                            "next hop of route entries %s: delete those routes first (vpc_route_entry with "
                            "state=absent); nothing was changed" % (ri_id, describe_routes(routes)))
    if not params["wait"] and current["Status"] in SETTLES_TO:
        raise transitioning(current, "delete")
    if not params["wait"] and current["Status"] == "Active":
        raise AlicloudError("IncorrectStatus.RouterInterface", "%s is Active: deleting it means deactivating the pair "
                            "and waiting until it is Inactive, and wait: false does not wait; run it with wait: true, "
                            "or with state=inactive first and state=absent once it is Inactive; nothing was changed"
                            % ri_label(current))
    result = ri_result(True, ri_id, None, current)
    if check_mode:
        return result
    if current["Status"] in SETTLES_TO:
        current = wait_for_interface(session, region, ri_id, settled, "to settle before it is deleted")
    done = []
    try:
        if current["Status"] == "Active":
            ri_call(session, "DeactivateRouterInterface", region, ri_id,
                    done=status_is(*WRITE_SHOWS["DeactivateRouterInterface"]))
            done.append("deactivated %s and its pair" % ri_id)
            wait_for_interface(session, region, ri_id, status_is("Inactive"), "to become Inactive")
        ri_call(session, "DeleteRouterInterface", region, ri_id, ClientToken=session.client_token())
        done.append("deleted %s" % ri_id)
        if params["wait"]:
            wait_for_interface(session, region, ri_id, gone, "to be deleted")
    except AlicloudError as exc:
        if not done:
            raise
        rerun = "a re-run waits for it to be gone" if len(done) == 2 or current["Status"] != "Active" \
            else "a re-run deletes it once it is Inactive"
        raise after_write(exc, " and ".join(done), rerun, router_interface_id=ri_id)
    return result


# ---------------------------------------------------------------------------
# Core of router_interface: the plan (what the task changes, decided before any write)
# ---------------------------------------------------------------------------

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


def _resolve(session, sides, current, params):
    """Who the interface is and faces: ``(role, router_id, router_type, opposite or None)``; refuses an opposite
    side that does not exist or cannot change."""
    role = ROLE_NAMES[current["Role"]] if current else params["role"]
    router_id, router_type = (current["RouterId"], current["RouterType"]) if current else sides.own_router()
    opposite = sides.opposite() if current is None or _names_opposite(params) else None
    if opposite is not None and opposite["same_account"] and opposite["interface_id"] \
            and opposite["interface"] is None and not opposite["interface_predicted"]:
        raise not_visible(session, "InvalidRouterInterfaceId.NotFound", "opposite_interface_id",
                          "router interface %s" % opposite["interface_id"], opposite["region"],
                          "give opposite_owner_id and opposite_router_id", region_option="opposite_region")
    if current is None and not opposite["router_id"] and not opposite["interface_predicted"]:
        raise AlicloudError("MissingParameter", "give opposite_router_id: the opposite interface %s belongs to account "
                            "%s, whose router interfaces these credentials cannot read"
                            % (opposite["interface_id"], opposite["owner"]))
    if current is not None and opposite is not None and opposite["region"] != current["OppositeRegionId"] \
            and params.get("opposite_region"):
        raise AlicloudError("InvalidParameter", "opposite_region: %s faces %s, not %s; the opposite region of a "
                            "router interface cannot change (delete it and create another)"
                            % (current["RouterInterfaceId"], current["OppositeRegionId"], opposite["region"]))
    return role, router_id, router_type, opposite


def _plan(session, sides, current, params):
    """What the task does to the interface, as a dict, after every refusal that needs no write.

    An interface in transition is planned from the status it is on its way to."""
    state, spec = params["state"], params.get("spec")
    role, router_id, router_type, opposite = _resolve(session, sides, current, params)
    status = SETTLES_TO.get(current["Status"], current["Status"]) if current else "Idle"
    if role == "initiator" and current is None and not spec:
        raise AlicloudError("MissingParameter", "spec is required to create an initiator (for example Mini.2 or "
                            "Large.1; it sets the bandwidth)")
    attributes = _desired_attributes(current, params, opposite) if current else {}
    opposite_changes = sorted(set(attributes) & set(OPPOSITE_FIELDS))
    if opposite_changes and status != "Idle":
        raise AlicloudError("IncorrectStatus.RouterInterface", "%s is %s: its opposite (%s) cannot change while it "
                            "is connected; delete it (state=absent) and create another"
                            % (ri_label(current), status, ", ".join(opposite_changes)))
    opposite_interface = (opposite or {}).get("interface_id") or (current or {}).get("OppositeInterfaceId")
    connect = role == "initiator" and status == "Idle" and bool(opposite_interface)
    activate = state == "active" and status == "Inactive"
    deactivate = state == "inactive" and status == "Active"
    if state == "active" and role == "acceptor" and status == "Idle":
        raise AlicloudError("IncorrectRole.NotInitiatingSide", "%s is an acceptor: only the initiator connects a "
                            "pair; use state=present for the acceptor and connect from the initiator's task"
                            % (ri_label(current) if current else "the router interface"))
    if state == "active" and role == "initiator" and status == "Idle" and not opposite_interface:
        raise AlicloudError("MissingParameter", "state=active: give opposite_interface_id (the acceptor) so that the "
                            "initiator can connect")
    if state == "inactive" and status == "Idle":
        raise AlicloudError("IncorrectStatus", "%s was never connected (Idle): there is nothing to deactivate"
                            % ri_label(current))
    final_status = "Active" if (connect or activate) else ("Inactive" if deactivate else status)
    change_spec = role == "initiator" and current is not None and bool(spec) and spec != current["Spec"]
    if change_spec and final_status != "Active":
        raise AlicloudError("InvalidInstance.StatusError", "spec: the bandwidth of %s can change only while it is "
                            "Active (it would be %s)" % (ri_label(current), final_status))
    if change_spec and (connect or activate) and not params["wait"]:
        raise AlicloudError("InvalidInstance.StatusError", "spec: %s must be Active before its spec changes, and "
                            "wait: false does not wait for the pair to become Active; run it with wait: true, or "
                            "change spec in a later task; nothing was changed" % ri_label(current))
    tags_set, tags_unset = compare_tags(tags_to_dict(current.get("Tags")) if current else {}, params.get("tags"),
                                        params["purge_tags"])
    writes = bool(attributes) or connect or activate or deactivate or change_spec  # those the API takes only settled
    return dict(role=role, router_id=router_id, router_type=router_type, opposite=opposite, attributes=attributes,
                connect=connect, activate=activate, deactivate=deactivate, change_spec=change_spec, spec=spec,
                final_status=final_status, tags_set=tags_set, tags_unset=tags_unset, writes=writes,
                changed=current is None or writes or bool(tags_set or tags_unset))


def _check_cloud(session, region, sides, current, plan):
    """The refusals that read the cloud, still before any write."""
    router_id, opposite = plan["router_id"], plan["opposite"]
    opposite_router = opposite["router_id"] if opposite else current["OppositeRouterId"]
    if current is None:
        _refuse_full_router(session, region, router_id)
    if (current is None or plan["connect"]) and opposite_router:
        _refuse_second_pair(session, region, router_id, opposite_router, current and current["RouterInterfaceId"])
    if current is None or plan["connect"]:
        _refuse_overlap(sides, router_id, plan["router_type"])
    if plan["connect"] and opposite is not None and opposite["same_account"]:
        _refuse_unready_acceptor(opposite, current and current["RouterInterfaceId"], router_id, plan["router_type"],
                                 region, session.account_id())


def _predict(current, plan, params):
    """The interface as the plan leaves it (check mode), or as it is (nothing to change)."""
    if not plan["changed"]:
        return ri_result(False, current["RouterInterfaceId"], current)
    after = dict(current or {})
    if current is None:
        opposite = plan["opposite"]
        after.update(RouterInterfaceId=predicted_id("ri"), Role=ROLES[plan["role"]], Spec=plan["spec"] or NEGATIVE_SPEC,
                     RouterId=plan["router_id"], RouterType=plan["router_type"], OppositeRegionId=opposite["region"],
                     OppositeInterfaceId=opposite["interface_id"] or "", OppositeRouterId=opposite["router_id"],
                     OppositeRouterType=opposite["router_type"], OppositeInterfaceOwnerId=opposite["owner"],
                     Name=params.get("name") or "", Description=params.get("description") or "")
    after.update(plan["attributes"], Status=plan["final_status"])
    if plan["change_spec"]:
        after["Spec"] = plan["spec"]
    tags = dict((k, v) for k, v in tags_to_dict(after.get("Tags")).items() if k not in plan["tags_unset"])
    tags.update(plan["tags_set"])
    after["Tags"] = tags_to_list(tags)
    return ri_result(plan["changed"], after["RouterInterfaceId"], after, current)


def _predicted_interface(params):
    """Check mode, given the id of an interface an earlier check-mode task predicted: it would exist, and this
    task would act on it."""
    ri_id = params["router_interface_id"]
    if params["state"] == "absent":
        return dict(changed=True, router_interface_id=ri_id, router_interface={},
                    diff=make_diff(dict(router_interface_id=ri_id), None))
    after = dict(RouterInterfaceId=ri_id, Role=ROLES.get(params.get("role")), Spec=params.get("spec"),
                 Status=dict(active="Active", inactive="Inactive").get(params["state"]),
                 OppositeInterfaceId=params.get("opposite_interface_id"), Name=params.get("name"),
                 Description=params.get("description"), Tags=tags_to_list(params.get("tags")))
    return ri_result(True, ri_id, after, None)


# ---------------------------------------------------------------------------
# Core of router_interface: the writes
# ---------------------------------------------------------------------------

def _create(session, region, plan, params):
    opposite = plan["opposite"]
    body = session.call("vpc", "CreateRouterInterface", region=region, ClientToken=session.client_token(),
                        RegionId=region, Role=ROLES[plan["role"]], RouterType=plan["router_type"],
                        RouterId=plan["router_id"], Spec=plan["spec"] or NEGATIVE_SPEC,
                        OppositeRegionId=opposite["region"], OppositeRouterId=opposite["router_id"],
                        OppositeRouterType=opposite["router_type"], OppositeInterfaceId=opposite["interface_id"],
                        OppositeInterfaceOwnerId=opposite["owner"], Name=params.get("name"),
                        Description=params.get("description"), Tags=tags_to_list(plan["tags_set"]) or None)
    return body["RouterInterfaceId"]


def _apply(session, region, current, plan, params):
    """Make the writes the plan says, in order; a failure after one of them says what was done (after_write)."""
    wait = params["wait"]
    ri_id = current["RouterInterfaceId"] if current else None
    done = []
    try:
        if current is None:
            ri_id = _create(session, region, plan, params)
            done.append("created the %s %s" % (plan["role"], ri_id))
            if plan["connect"] and wait:
                wait_for_interface(session, region, ri_id, status_is("Idle"), "to become Idle")
        if plan["attributes"]:
            fields = dict(plan["attributes"])
            if "OppositeInterfaceOwnerId" in fields:
                fields["OppositeInterfaceOwnerId"] = int(fields["OppositeInterfaceOwnerId"])
            ri_call(session, "ModifyRouterInterfaceAttribute", region, ri_id, done=shows(fields), **fields)
            done.append("set %s of %s" % (", ".join(snake_name(key) for key in sorted(fields)), ri_id))
        if current is not None and (plan["tags_set"] or plan["tags_unset"]):
            set_tags(session, region, ri_id, plan["tags_set"], plan["tags_unset"])
            done.append("updated the tags of %s" % ri_id)
        for step, operation, text in (("connect", "ConnectRouterInterface", "connected"),
                                      ("activate", "ActivateRouterInterface", "activated"),
                                      ("deactivate", "DeactivateRouterInterface", "deactivated")):
            if plan[step]:
                ri_call(session, operation, region, ri_id, done=status_is(*WRITE_SHOWS[operation]))
                done.append("%s %s" % (text, ri_id))
                if wait or plan["change_spec"]:
                    wait_for_interface(session, region, ri_id, status_is(plan["final_status"]),
                                       "to become %s" % plan["final_status"])
        if plan["change_spec"]:
            ri_call(session, "ModifyRouterInterfaceSpec", region, ri_id, ClientToken=session.client_token(),
                    Spec=plan["spec"])
            done.append("changed the spec of %s to %s" % (ri_id, plan["spec"]))
            if wait:
                wait_for_interface(session, region, ri_id, status_is("Active"), "to become Active")
        after = get_router_interface(session, region, ri_id)
    except AlicloudError as exc:
        if not done:
            raise
        raise after_write(exc, ", ".join(done), "a re-run finds %s and goes on from the state it is in" % ri_id,
                          router_interface_id=ri_id)
    return ri_result(True, ri_id, after, current)


def ensure_router_interface(session, params, check_mode):
    """Core of router_interface: one side of a router-interface peering, in the state the task asks for.

    Steps: validate the task; find the interface; for state=absent, delete it; otherwise wait out a transition
    (wait: true), plan the change, run the checks that read the cloud, then predict (check mode, or nothing to do)
    or apply the writes."""
    validate(params, check_mode)
    region = session.require_region()
    if is_predicted(params.get("router_interface_id")):
        return _predicted_interface(params)
    sides = Sides(session, region, params)
    current = _find(session, region, sides, params)
    if params["state"] == "absent":
        return _absent(session, region, current, params, check_mode)
    if current is None and params.get("router_interface_id"):
        raise not_visible(session, "InvalidRouterInterfaceId.NotFound", "router_interface_id",
                          "router interface %s" % params["router_interface_id"], region, OWNER_CREDENTIALS)
    if current is None and params["state"] == "inactive":
        raise AlicloudError("InvalidRouterInterfaceId.NotFound", "no router interface matches the task; "
                            "state=inactive deactivates an existing, connected one")
    if current is not None and current["Status"] in SETTLES_TO and params["wait"] and not check_mode:
        current = wait_for_interface(session, region, current["RouterInterfaceId"], settled, "to settle")
    plan = _plan(session, sides, current, params)
    _check_cloud(session, region, sides, current, plan)
    if plan["writes"] and current is not None and current["Status"] in SETTLES_TO and not params["wait"]:
        raise transitioning(current, "change")
    if check_mode or not plan["changed"]:
        return _predict(current, plan, params)
    return _apply(session, region, current, plan, params)

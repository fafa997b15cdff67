# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The core of cen_bandwidth_package: create, change, associate, unassociate and delete a CEN bandwidth package.

The API wrappers, the views and the rules it shares with the limits are in bandwidth.py.
Every rule that can be known before calling (areas, ranges, one package per span on a CEN,
limits that must fit their package, limits that block an unassociation) is checked before the
first write, so bad input never leaves half a change behind.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import copy
import time

from ansible_collections.alicloud.interconnect.plugins.module_utils import geo
from ansible_collections.alicloud.interconnect.plugins.module_utils.bandwidth import (
    associate_package,
    capacity,
    cen_ids,
    create_package,
    delete_package,
    describe_limits,
    describe_packages,
    get_package,
    limits_in_span,
    modify_package_attribute,
    modify_package_spec,
    package_span,
    package_view,
    pair_text,
    span_text,
    unassociate_package,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.cen import account_text, cen_missing, describe_cen
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    check_text,
    is_predicted,
    predicted,
    predicted_id,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import make_diff, tags_to_dict
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import (
    apply_tags,
    compare_tags,
    tags_after,
    tags_to_list,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for

BANDWIDTH_MIN, BANDWIDTH_MAX = 2, 10000
NAME_MAX, DESCRIPTION_MAX = 128, 256
PREPAID_PERIODS = {"Month": (1, 2, 3, 6), "Year": (1, 2, 3)}
# Option value -> BandwidthPackageChargeType, and back.
CHARGE_TYPES = {"PostPaid": "POSTPAY", "PrePaid": "PREPAY"}
CHARGE_OPTIONS = dict((v, k) for k, v in CHARGE_TYPES.items())


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

def check_area(value, option):
    """The canonical area name of an option's value in any case; a region id gets a hint."""
    area = geo.normalize_area(value)
    if area is not None:
        return area
    hint = ""
    if geo.area_of(value) is not None:
        hint = " (%s is a region; its area is %s)" % (value, geo.area_of(value))
    raise AlicloudError(None, "%s must be one of %s, not %r%s" % (option, ", ".join(geo.AREAS), value, hint))


def check_bandwidth(value, option="bandwidth"):
    if not BANDWIDTH_MIN <= value <= BANDWIDTH_MAX:
        raise AlicloudError(None, "%s must be between %d and %d Mbit/s, not %d"
                            % (option, BANDWIDTH_MIN, BANDWIDTH_MAX, value))


def parse_time(text):
    """A CBN timestamp (``2026-05-01T08:00Z``, seconds optional) as epoch seconds, None if unreadable."""
    for fmt in ("%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return calendar.timegm(time.strptime(text or "", fmt))
        except ValueError:
            continue
    return None


def in_prepaid_term(package, now):
    """True when a PREPAY package cannot be released yet (its expiry is ahead or unknown)."""
    if package.get("BandwidthPackageChargeType") != "PREPAY":
        return False
    expires = parse_time(package.get("ExpiredTime"))
    return expires is None or expires > now


def _wait_package(session, package_id, what, ready):
    return wait_for(session, lambda: get_package(session, package_id), ready,
                    "bandwidth package %s %s" % (package_id, what))


def _wait_status(session, package_id, status):
    return _wait_package(session, package_id, "to be %s" % status,
                         lambda p: p is not None and p.get("Status") == status)


# ---------------------------------------------------------------------------
# The core
# ---------------------------------------------------------------------------

def _package_options(params):
    """The options checked locally: areas (canonical), ranges, texts, PrePaid terms."""
    opts = dict(params)
    span = None
    if params.get("geographic_region_a") is not None:  # the module requires both or neither
        opts["geographic_region_a"] = check_area(params["geographic_region_a"], "geographic_region_a")
        opts["geographic_region_b"] = check_area(params["geographic_region_b"], "geographic_region_b")
        span = geo.span_of(opts["geographic_region_a"], opts["geographic_region_b"])
    opts["span"] = span
    if params.get("unassociate") and params.get("cen_id"):
        raise AlicloudError(None, "unassociate=true and cen_id contradict each other: set one of them")
    if params.get("bandwidth") is not None:
        check_bandwidth(params["bandwidth"])
    check_text(params.get("name"), "name", NAME_MAX)
    check_text(params.get("description"), "description", DESCRIPTION_MAX)
    if params.get("charge_type") == "PrePaid":
        cycle = params.get("pricing_cycle") or "Month"
        period = params.get("period") or 1
        if period not in PREPAID_PERIODS[cycle]:
            raise AlicloudError(None, "period must be one of %s when pricing_cycle is %s, not %d"
                                % (", ".join(str(n) for n in PREPAID_PERIODS[cycle]), cycle, period))
        opts.update(pricing_cycle=cycle, period=period)
    else:
        extra = [k for k in ("period", "pricing_cycle", "auto_renew") if params.get(k) is not None]
        if extra:
            raise AlicloudError(None, "%s only apply to charge_type=PrePaid" % ", ".join(extra))
    return opts


def find_package(session, opts):
    """The package the options name: by id, else by name within the span when one is given."""
    if opts.get("bandwidth_package_id"):
        package = get_package(session, opts["bandwidth_package_id"])
        if package is not None and opts["span"] and package_span(package) != opts["span"]:
            raise AlicloudError(None, "bandwidth package %s covers %s, not %s; the geographic span of a package "
                                      "cannot be changed (create another package)"
                                % (opts["bandwidth_package_id"], span_text(package_span(package)),
                                   span_text(opts["span"])))
        return package
    found = describe_packages(session, {"Name": [opts["name"]]})
    found = [p for p in found if p.get("Name") == opts["name"]]
    if opts["span"]:
        found = [p for p in found if package_span(p) == opts["span"]]
    if len(found) > 1:
        raise AlicloudError(None, "%d bandwidth packages are named %r%s (%s); give bandwidth_package_id%s"
                            % (len(found), opts["name"], " in %s" % span_text(opts["span"]) if opts["span"] else "",
                               ", ".join(p["CenBandwidthPackageId"] for p in found),
                               "" if opts["span"] else " or the geographic span"))
    return found[0] if found else None


def _check_target_cen(session, cen_id, span, package_id):
    """The CEN can take a package for span: it exists and holds no other package for that span.

    A CEN that check mode predicted (a later task's check) would exist and hold nothing yet."""
    if is_predicted(cen_id):
        return
    if describe_cen(session, cen_id) is None:
        raise cen_missing(session, cen_id)
    for other in describe_packages(session, {"CenId": [cen_id]}):
        if other["CenBandwidthPackageId"] != package_id and package_span(other) == span:
            raise AlicloudError("InvalidOperation.BwpForGeoSpanAlreadyAssociated",
                                "CEN instance %s already holds bandwidth package %s for %s; a CEN takes one package "
                                "per geographic span (change that package's bandwidth instead)"
                                % (cen_id, other["CenBandwidthPackageId"], span_text(span)))


def _check_no_limits(session, package, why):
    """Refuse to take a package from its CEN while inter-region limits in its span remain."""
    for cen_id in cen_ids(package):
        blocking = limits_in_span(describe_limits(session, cen_id), package_span(package))
        if blocking:
            raise AlicloudError("InvalidOperation.CenBandwidthLimitsNotZero",
                                "cannot %s bandwidth package %s: CEN instance %s still has inter-region bandwidth "
                                "limits in %s (%s); remove them first with alicloud.interconnect.cen_bandwidth_limit "
                                "state=absent" % (why, package["CenBandwidthPackageId"], cen_id,
                                                  span_text(package_span(package)),
                                                  ", ".join("%s: %s Mbit/s" % (pair_text(lim), lim["BandwidthLimit"])
                                                            for lim in blocking)))


def _result(changed, package_id, before, after, **extra):
    result = dict(changed=changed, bandwidth_package_id=package_id, bandwidth_package=package_view(after))
    if changed:
        result["diff"] = make_diff(package_view(before), package_view(after))
    result.update(extra)
    return result


def _settled(session, package_id, done, rerun, wait):
    """``wait()`` after a write of package_id; a failure says what was done and what a re-run will do."""
    try:
        return wait()
    except AlicloudError as exc:
        raise after_write(exc, done, rerun, bandwidth_package_id=package_id)


def ensure_bandwidth_package(session, params, check_mode):
    """Core of cen_bandwidth_package."""
    opts = _package_options(params)
    # A cen_id that check mode predicted is refused outside check mode; in it, the CEN is taken as new.
    predicted(opts.get("cen_id"), "cen_id", check_mode)
    if predicted(opts.get("bandwidth_package_id"), "bandwidth_package_id", check_mode):
        # A package that check mode would create: whatever this task asks of it is a change.
        return _result(True, opts["bandwidth_package_id"], None, None if params["state"] == "absent" else
                       dict(CenBandwidthPackageId=opts["bandwidth_package_id"], Name=opts.get("name"),
                            CenIds=[opts["cen_id"]] if opts.get("cen_id") else []))
    current = find_package(session, opts)
    if params["state"] == "absent":
        return _package_absent(session, params, current, check_mode)
    if current is None:
        if opts.get("bandwidth_package_id"):
            raise AlicloudError(None, "bandwidth_package_id: bandwidth package %s not found in %s (the account these "
                                      "credentials act as); use the credentials of the package's owner"
                                % (opts["bandwidth_package_id"], account_text(session)))
        tags, _unset = compare_tags({}, params.get("tags"), params["purge_tags"])
        return _package_create(session, opts, check_mode, tags)
    to_set, to_unset = compare_tags(tags_to_dict(current.get("Tags")), params.get("tags"), params["purge_tags"])
    return _package_update(session, opts, current, check_mode, to_set, to_unset)


def _package_create(session, opts, check_mode, tags):
    missing = [k for k in ("bandwidth", "geographic_region_a", "geographic_region_b") if opts.get(k) is None]
    if missing:
        raise AlicloudError(None, "no bandwidth package named %r%s exists; to create it, also set %s"
                            % (opts["name"], " in %s" % span_text(opts["span"]) if opts["span"] else "",
                               ", ".join(missing)))
    cen_id = opts.get("cen_id")
    if cen_id:
        _check_target_cen(session, cen_id, opts["span"], None)
    charge = CHARGE_TYPES[opts.get("charge_type") or "PostPaid"]
    area_a, area_b = opts["geographic_region_a"], opts["geographic_region_b"]
    predicted_package = dict(
        CenBandwidthPackageId=predicted_id("cenbwp"), Name=opts["name"], Description=opts.get("description") or "",
        Bandwidth=opts["bandwidth"], BandwidthPackageChargeType=charge,
        GeographicRegionAId=area_a.lower(), GeographicRegionBId=area_b.lower(),
        GeographicSpanId=geo.span_id(area_a, area_b), CenIds=[cen_id] if cen_id else [],
        Status="InUse" if cen_id else "Idle", Tags=tags_to_list(tags),
    )
    if check_mode:
        return _result(True, predicted_package["CenBandwidthPackageId"], None, predicted_package)
    fields = dict(Name=opts["name"], Description=opts.get("description"), Bandwidth=opts["bandwidth"],
                  GeographicRegionAId=area_a, GeographicRegionBId=area_b, BandwidthPackageChargeType=charge,
                  Tag=tags_to_list(tags) or None)
    if charge == "PREPAY":
        fields.update(PricingCycle=opts["pricing_cycle"], Period=opts["period"], AutoRenew=bool(opts.get("auto_renew")),
                      AutoPay=True)
    package_id = create_package(session, fields)
    done = "created bandwidth package %s" % package_id
    rerun = "a re-run finds it by name and goes on"
    if opts["wait"] or cen_id:
        # A package is associated once it is Idle, whatever O(wait) says.
        _settled(session, package_id, done, rerun, lambda: _wait_status(session, package_id, "Idle"))
    if cen_id:
        _settled(session, package_id, done, rerun, lambda: associate_package(session, package_id, cen_id))
        if opts["wait"]:
            _settled(session, package_id, "%s and associated it with CEN %s" % (done, cen_id), rerun,
                     lambda: _wait_status(session, package_id, "InUse"))
    after = get_package(session, package_id) or dict(predicted_package, CenBandwidthPackageId=package_id)
    return _result(True, package_id, None, after)


def _package_update(session, opts, current, check_mode, to_set, to_unset):
    package_id = current["CenBandwidthPackageId"]
    span = package_span(current)
    charge, charge_now = opts.get("charge_type"), current.get("BandwidthPackageChargeType")
    if charge and CHARGE_TYPES[charge] != charge_now:
        raise AlicloudError(None, "charge_type: bandwidth package %s is %s; the charge type of a package cannot be "
                                  "changed" % (package_id, CHARGE_OPTIONS.get(charge_now, charge_now)))
    after = copy.deepcopy(current)
    attributes = dict((field, opts.get(option)) for field, option in (("Name", "name"), ("Description", "description"))
                      if opts.get(option) is not None and opts.get(option) != current.get(field))
    bandwidth = opts.get("bandwidth")
    resize = bandwidth is not None and bandwidth != int(current["Bandwidth"])
    associated = cen_ids(current)
    target = opts.get("cen_id")
    leave = associated if (target and associated != [target]) or (opts.get("unassociate") and associated) else []
    join = target if target and associated != [target] else None

    # Every check before the first write.
    if resize and associated:
        used = capacity(current, describe_limits(session, associated[0]))["allocated"]
        if bandwidth < used:
            raise AlicloudError(None, "bandwidth %d Mbit/s is less than the %d Mbit/s that inter-region limits of CEN "
                                      "instance %s already use in bandwidth package %s; lower those limits first"
                                % (bandwidth, used, associated[0], package_id))
    if join:
        _check_target_cen(session, join, span, package_id)
    if leave:
        _check_no_limits(session, current, "unassociate" if not join else "move")

    after.update(attributes)
    if resize:
        after["Bandwidth"] = bandwidth
    if leave or join:
        after["CenIds"] = {"CenId": [join] if join else []}
        after["Status"] = "InUse" if join else "Idle"
    if to_set or to_unset:
        after["Tags"] = tags_after(current.get("Tags"), to_set, to_unset)
    changed = bool(attributes or resize or leave or join or to_set or to_unset)
    if check_mode or not changed:
        return _result(changed, package_id, current, after)
    try:
        _package_writes(session, opts, package_id, attributes, bandwidth if resize else None, leave, join,
                        to_set, to_unset)
    except AlicloudError as exc:
        raise after_write(exc, "changed bandwidth package %s in part" % package_id, "a re-run changes what is left",
                          bandwidth_package_id=package_id)
    return _result(True, package_id, current, get_package(session, package_id))


def _package_writes(session, opts, package_id, attributes, bandwidth, leave, join, to_set, to_unset):
    """The writes of an update, in order; waits only where the next write needs it, or when ``wait``."""

    if attributes:
        modify_package_attribute(session, package_id, name=attributes.get("Name"),
                                 description=attributes.get("Description"))
    apply_tags(session, "bandwidthpackage", package_id, to_set, to_unset)
    if bandwidth is not None:
        modify_package_spec(session, package_id, bandwidth)
        if opts["wait"]:
            _wait_package(session, package_id, "to have %d Mbit/s" % bandwidth,
                          lambda p: p is not None and int(p["Bandwidth"]) == bandwidth)
    for cen_id in leave:
        unassociate_package(session, package_id, cen_id)
    if join:
        if leave:
            # A package is associated once it is Idle, whatever O(wait) says.
            _wait_status(session, package_id, "Idle")
        associate_package(session, package_id, join)
    if opts["wait"] and (leave or join):
        _wait_status(session, package_id, "InUse" if join else "Idle")


def _package_absent(session, params, current, check_mode):
    if current is None:
        return _result(False, params.get("bandwidth_package_id"), None, None, retained_until=None)
    package_id = current["CenBandwidthPackageId"]
    associated = cen_ids(current)
    if associated:
        _check_no_limits(session, current, "delete")
    retained = in_prepaid_term(current, time.time())
    after = None
    if retained:
        after = copy.deepcopy(current)
        after.update(CenIds={"CenId": []}, Status="Idle")
    extra = dict(retained_until=current.get("ExpiredTime") if retained else None)
    if retained:
        extra["warnings"] = [
            "bandwidth package %s is PrePaid and cannot be released before it expires (%s): it was %s and "
            "stays in the account, billed, until then" % (package_id, current.get("ExpiredTime") or "unknown",
                                                          "unassociated" if associated else "left")]
    changed = bool(associated) or not retained
    if check_mode or not changed:
        return _result(changed, package_id, current, after, **extra)

    for cen_id in associated:
        unassociate_package(session, package_id, cen_id)
    if associated and (params["wait"] or not retained):
        # Deleting needs an Idle package, whatever O(wait) says.
        idle = _wait_status(session, package_id, "Idle")
        after = idle if retained else None
    if not retained:
        delete_package(session, package_id)
        if params["wait"]:
            _settled(session, package_id, "deleted bandwidth package %s" % package_id,
                     "a re-run waits for the deletion again",
                     lambda: _wait_package(session, package_id, "to be deleted", lambda p: p is None))
    return _result(True, package_id, current, after, **extra)

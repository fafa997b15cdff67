# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CEN bandwidth packages and inter-region bandwidth limits (CBN 2017-09-12, Basic edition).

Networks attached to one CEN in different regions only talk once the CEN holds a
bandwidth package covering both regions' geographic areas and an inter-region
limit is set for the region pair. This file holds the short API wrappers, the rules
and views packages and limits share, and the cores of cen_bandwidth_package_info and
cen_bandwidth_limit; the core of cen_bandwidth_package is in bandwidth_package.py.

Every rule that can be known before calling (regions, limits that must fit their
package) is checked before the first write, so bad input never leaves half a change
behind.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils import geo
from ansible_collections.alicloud.interconnect.plugins.module_utils.cen import cen_missing, describe_cen
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import predicted
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    every_page,
    make_diff,
    snake_dict,
    unwrap,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for

FILTER_KEYS = ("CenBandwidthPackageId", "Name", "Status", "CenId")
PAGE_SIZE = 50


# ---------------------------------------------------------------------------
# Wrappers
# ---------------------------------------------------------------------------

def describe_packages(session, filters=None):
    """DescribeCenBandwidthPackages: the caller's packages matching every filter ({key: [values]})."""
    flt = [dict(Key=key, Value=list(values)) for key, values in sorted((filters or {}).items())]
    return every_page(session, "cbn", "DescribeCenBandwidthPackages", "CenBandwidthPackages", PAGE_SIZE,
                      Filter=flt or None)


def get_package(session, package_id):
    """The package ``package_id``, or None."""
    found = describe_packages(session, {"CenBandwidthPackageId": [package_id]})
    return found[0] if found else None


def describe_limits(session, cen_id):
    """DescribeCenInterRegionBandwidthLimits: every inter-region limit of a CEN."""
    return every_page(session, "cbn", "DescribeCenInterRegionBandwidthLimits", "CenInterRegionBandwidthLimits",
                      PAGE_SIZE, CenId=cen_id)


def create_package(session, fields):
    """CreateCenBandwidthPackage with one ClientToken for every attempt; returns the new id."""
    body = session.call("cbn", "CreateCenBandwidthPackage", ClientToken=session.client_token(), **fields)
    return body["CenBandwidthPackageId"]


def modify_package_attribute(session, package_id, name=None, description=None):
    session.call("cbn", "ModifyCenBandwidthPackageAttribute", CenBandwidthPackageId=package_id, Name=name,
                 Description=description)


def modify_package_spec(session, package_id, bandwidth):
    session.call("cbn", "ModifyCenBandwidthPackageSpec", CenBandwidthPackageId=package_id, Bandwidth=bandwidth)


def _package_write(session, operation, package_id, cen_id, done):
    """Associate/Unassociate (no ClientToken): when an attempt's answer was lost, ``done(package)`` on the
    package read back tells whether it did the work (Session.call)."""
    session.call("cbn", operation, CenId=cen_id, CenBandwidthPackageId=package_id,
                 done=lambda: done(get_package(session, package_id)))


def associate_package(session, package_id, cen_id):
    _package_write(session, "AssociateCenBandwidthPackage", package_id, cen_id,
                   lambda p: p is not None and cen_ids(p) == [cen_id])


def unassociate_package(session, package_id, cen_id):
    _package_write(session, "UnassociateCenBandwidthPackage", package_id, cen_id,
                   lambda p: p is not None and cen_id not in cen_ids(p))


def delete_package(session, package_id):
    """DeleteCenBandwidthPackage; a package that is already gone counts as deleted."""
    try:
        session.call("cbn", "DeleteCenBandwidthPackage", CenBandwidthPackageId=package_id)
    except AlicloudError as exc:
        if exc.code != "ParameterBwpInstanceId":
            raise


def set_limit(session, cen_id, local_region, opposite_region, bandwidth_limit):
    """SetCenInterRegionBandwidthLimit (0 removes the limit). It takes no ClientToken: when an attempt's answer
    was lost, the limit read back shows whether it did the work (the value set, or no limit for 0)."""
    def done():
        found = find_limit(describe_limits(session, cen_id), local_region, opposite_region)
        if not bandwidth_limit:
            return found is None
        return found is not None and int(found["BandwidthLimit"]) == bandwidth_limit

    session.call("cbn", "SetCenInterRegionBandwidthLimit", CenId=cen_id, LocalRegionId=local_region,
                 OppositeRegionId=opposite_region, BandwidthLimit=bandwidth_limit, done=done)


# ---------------------------------------------------------------------------
# Rules and views
# ---------------------------------------------------------------------------

def cen_ids(package):
    """The CENs a package (API dict) is associated with: [] or [cen_id]."""
    return list(unwrap(package.get("CenIds")) or [])


def package_span(package):
    return geo.span_of(package["GeographicRegionAId"], package["GeographicRegionBId"])


def span_text(span):
    return "%s <-> %s" % span


def limit_span(limit):
    return geo.region_span(limit["LocalRegionId"], limit["OppositeRegionId"])


def pair_text(limit):
    return "%s <-> %s" % (limit["LocalRegionId"], limit["OppositeRegionId"])


def check_region(value, option):
    """A region id CEN serves, or an error naming the option."""
    if geo.area_of(value) is None:
        raise AlicloudError(None, "%s: %r is not an Alibaba Cloud region that CEN serves (for example cn-hangzhou, "
                                  "us-west-1, eu-central-1)" % (option, value))
    return value


def limits_in_span(limits, span):
    return [lim for lim in limits if limit_span(lim) == span]


def capacity(package, limits):
    """What a package has left for limits: its bandwidth minus the limits of its CEN in its span."""
    allocated = sum(int(lim["BandwidthLimit"]) for lim in limits_in_span(limits, package_span(package)))
    return dict(
        bandwidth_package_id=package["CenBandwidthPackageId"],
        geographic_span_id=package.get("GeographicSpanId"),
        bandwidth=int(package["Bandwidth"]),
        allocated=allocated,
        remaining=int(package["Bandwidth"]) - allocated,
    )


def package_view(package):
    """A package as the modules return it (snake_case, CEN ids as a list)."""
    if package is None:
        return {}
    view = snake_dict(package, unwrap_keys=("CenIds", "OrginInterRegionBandwidthLimits"))
    view.pop("request_id", None)
    return view


def limit_view(limit):
    if limit is None:
        return {}
    return snake_dict(limit)


# ---------------------------------------------------------------------------
# cen_bandwidth_package_info
# ---------------------------------------------------------------------------

def _filters(params):
    filters = {}
    for key, value in (params.get("filters") or {}).items():
        if key not in FILTER_KEYS:
            raise AlicloudError(None, "filters: unknown key %r (known: %s)" % (key, ", ".join(FILTER_KEYS)))
        filters[key] = [str(v) for v in (value if isinstance(value, list) else [value])]
    for key, option in (("CenId", "cen_id"), ("CenBandwidthPackageId", "bandwidth_package_ids"), ("Name", "name")):
        value = params.get(option)
        if value:
            filters[key] = value if isinstance(value, list) else [value]
    return filters


def bandwidth_package_info(session, params, check_mode):
    """Core of cen_bandwidth_package_info: the packages, with the capacity their CEN's limits leave.

    Ids that check mode predicted name nothing that exists yet: a CEN of that kind has no package.
    """
    if predicted(params.get("cen_id"), "cen_id", check_mode):
        return dict(changed=False, bandwidth_packages=[])
    wanted = params.get("bandwidth_package_ids")
    if wanted:
        real = [i for i in wanted if not predicted(i, "bandwidth_package_ids", check_mode)]
        if not real:
            return dict(changed=False, bandwidth_packages=[])
        params = dict(params, bandwidth_package_ids=real)
    packages = describe_packages(session, _filters(params))
    limits_by_cen = {}
    result = []
    for package in packages:
        view = package_view(package)
        associated = cen_ids(package)
        if associated:
            if associated[0] not in limits_by_cen:
                limits_by_cen[associated[0]] = describe_limits(session, associated[0])
            left = capacity(package, limits_by_cen[associated[0]])
            view.update(allocated_bandwidth=left["allocated"], remaining_bandwidth=left["remaining"])
        else:
            view.update(allocated_bandwidth=0, remaining_bandwidth=int(package["Bandwidth"]))
        result.append(view)
    return dict(changed=False, bandwidth_packages=result)


# ---------------------------------------------------------------------------
# cen_bandwidth_limit
# ---------------------------------------------------------------------------

def find_limit(limits, region_a, region_b):
    """The limit of a region pair in either order, or None."""
    pair = set((region_a, region_b))
    for lim in limits:
        if set((lim["LocalRegionId"], lim["OppositeRegionId"])) == pair:
            return lim
    return None


def ensure_bandwidth_limit(session, params, check_mode):
    """Core of cen_bandwidth_limit: SetCenInterRegionBandwidthLimit for a region pair (absent = 0)."""
    cen_id = params["cen_id"]
    local = check_region(params["local_region"], "local_region")
    opposite = check_region(params["opposite_region"], "opposite_region")
    if local == opposite:
        raise AlicloudError(None, "local_region and opposite_region are both %s; a limit joins two different regions"
                            % local)
    present = params["state"] == "present"
    wanted = params.get("bandwidth_limit")
    if present and wanted < 1:  # the module requires bandwidth_limit with state=present
        raise AlicloudError(None, "bandwidth_limit must be at least 1 Mbit/s with state=present "
                                  "(use state=absent to remove the limit)")
    span = geo.region_span(local, opposite)
    if predicted(cen_id, "cen_id", check_mode):
        # A CEN that check mode would create has no limit yet: setting one is a change, removing none is not.
        after = dict(CenId=cen_id, LocalRegionId=local, OppositeRegionId=opposite, BandwidthLimit=wanted,
                     Status="Active") if present else None
        result = dict(changed=present, cen_id=cen_id, bandwidth_limit=limit_view(after), package_capacity=None)
        if present:
            result["diff"] = make_diff(None, limit_view(after))
        return result

    if describe_cen(session, cen_id) is None:
        if present:
            raise cen_missing(session, cen_id)
        return dict(changed=False, cen_id=cen_id, bandwidth_limit={}, package_capacity=None)
    limits = describe_limits(session, cen_id)
    current = find_limit(limits, local, opposite)
    package = next((p for p in describe_packages(session, {"CenId": [cen_id]}) if package_span(p) == span), None)

    if not present:
        if current is None:
            left = capacity(package, limits) if package else None
            return dict(changed=False, cen_id=cen_id, bandwidth_limit={}, package_capacity=left)
        others = [lim for lim in limits if lim is not current]
        left = capacity(package, others) if package else None
        result = dict(changed=True, cen_id=cen_id, bandwidth_limit={}, package_capacity=left,
                      diff=make_diff(limit_view(current), None))
        if check_mode:
            return result
        set_limit(session, cen_id, current["LocalRegionId"], current["OppositeRegionId"], 0)
        if params["wait"]:
            try:
                wait_for(session, lambda: find_limit(describe_limits(session, cen_id), local, opposite),
                         lambda lim: lim is None,
                         "the %s limit of CEN instance %s to be removed" % (pair_text(current), cen_id))
            except AlicloudError as exc:
                raise after_write(exc, "removed the %s limit of CEN %s" % (pair_text(current), cen_id),
                                  "a re-run waits for it again", cen_id=cen_id)
        return result

    if package is None:
        raise AlicloudError(None, "CEN instance %s has no bandwidth package for %s, which %s needs; create one with "
                                  "alicloud.interconnect.cen_bandwidth_package (cen_id=%s, geographic_region_a=%s, "
                                  "geographic_region_b=%s)" % (cen_id, span_text(span),
                                                               "%s <-> %s" % (local, opposite), cen_id, span[0],
                                                               span[1]))
    others = [lim for lim in limits if lim is not current]
    before_change = capacity(package, others)
    if wanted > before_change["bandwidth"]:
        raise AlicloudError(None, "bandwidth_limit %d Mbit/s is more than the %d Mbit/s of bandwidth package %s (%s)"
                            % (wanted, before_change["bandwidth"], package["CenBandwidthPackageId"], span_text(span)))
    if wanted > before_change["remaining"]:
        users = limits_in_span(others, span)
        raise AlicloudError(None, "bandwidth_limit %d Mbit/s does not fit in bandwidth package %s: of its %d Mbit/s, "
                                  "%d are used by other region pairs (%s), %d Mbit/s are left; raise the package's "
                                  "bandwidth or lower the other limits"
                            % (wanted, package["CenBandwidthPackageId"], before_change["bandwidth"],
                               before_change["allocated"],
                               ", ".join("%s: %s" % (pair_text(lim), lim["BandwidthLimit"]) for lim in users),
                               before_change["remaining"]))
    if current is not None:
        local, opposite = current["LocalRegionId"], current["OppositeRegionId"]
    after = dict(current or dict(CenId=cen_id, LocalRegionId=local, OppositeRegionId=opposite,
                                 GeographicSpanId=package.get("GeographicSpanId"),
                                 BandwidthPackageId=package["CenBandwidthPackageId"],
                                 BandwidthType="BandwidthPackage", Status="Active"))
    after["BandwidthLimit"] = wanted
    changed = current is None or int(current["BandwidthLimit"]) != wanted
    if changed and not check_mode:
        set_limit(session, cen_id, local, opposite, wanted)
    if not check_mode and (changed or current.get("Status") != "Active"):
        def fetch():
            return find_limit(describe_limits(session, cen_id), local, opposite)
        if not params["wait"]:
            after = fetch()
        else:
            try:
                after = wait_for(session, fetch, lambda lim: lim is not None and lim.get("Status") == "Active",
                                 "the %s <-> %s limit of CEN instance %s to be Active" % (local, opposite, cen_id))
            except AlicloudError as exc:
                if not changed:
                    raise
                raise after_write(exc, "set the %s <-> %s limit of CEN %s to %d Mbit/s"
                                  % (local, opposite, cen_id, wanted), "a re-run waits for it again", cen_id=cen_id)
    left = capacity(package, others + [after])
    result = dict(changed=changed, cen_id=cen_id, bandwidth_limit=limit_view(after), package_capacity=left)
    if changed:
        result["diff"] = make_diff(limit_view(current), limit_view(after))
    return result

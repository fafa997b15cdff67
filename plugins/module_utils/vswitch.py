# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vSwitches (VPC API 2016-04-28): the look-up and the core of alicloud.interconnect.vswitch_info.

Stable API for other modules:

* ``find_vswitches(session, region, vswitch_ids=None, vpc_id=None, zone_id=None, name=None, tags=None)``:
  the vSwitches of ``region`` matching every criterion given, as DescribeVSwitches shows them (wire names).
* ``vswitch_result(vswitch)``: one of them as the modules return it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import read_lookups, session_params
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import every_page, snake_dict
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import tags_to_list
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id

PAGE_SIZE = 50  # DescribeVSwitches: at most 50 a page


def find_vswitches(session, region, vswitch_ids=None, vpc_id=None, zone_id=None, name=None, tags=None):
    """The vSwitches in ``region`` (None: the session's) matching every criterion given (all pages).

    ``vswitch_ids``: any of these (DescribeVSwitches takes one id a call, so one call each);
    ``vpc_id``, ``zone_id``, ``name``: exactly these; ``tags``: a dict the vSwitch's tags must
    contain (an empty value matches any value). Results keep the API's order, ids in the order given.
    """
    region = region or session.require_region()
    fields = dict(VpcId=vpc_id, ZoneId=zone_id, VSwitchName=name,
                  Tag=[dict(t, Value=t["Value"] or None) for t in tags_to_list(tags)] or None)
    if not vswitch_ids:
        return _describe(session, region, **fields)
    found = []
    for vswitch_id in dict.fromkeys(vswitch_ids):
        found.extend(_describe(session, region, VSwitchId=vswitch_id, **fields))
    return found


def _describe(session, region, **fields):
    return every_page(session, "vpc", "DescribeVSwitches", "VSwitches", PAGE_SIZE, region=region, RegionId=region,
                      **fields)


def vswitch_result(vswitch):
    """A vSwitch as the modules return it: snake_case, tags as a dict, the owner id a string."""
    result = snake_dict(vswitch)
    if result.get("owner_id") is not None:
        result["owner_id"] = str(result["owner_id"])
    return result


def vswitch_info(session, params, check_mode):
    """Core of alicloud.interconnect.vswitch_info: the vSwitches of the region matching every filter given."""
    for vswitch_id in params.get("vswitch_ids") or []:
        check_id(vswitch_id, "vsw", "vswitch_ids")
    if params.get("vpc_id") is not None:
        check_id(params["vpc_id"], "vpc", "vpc_id")

    def read(regional):
        region = regional.require_region()
        zone_id = params.get("zone_id")
        if zone_id is not None and not zone_id.startswith(region):
            # Zone ids start with their region's id (cn-hangzhou-j, ap-southeast-1a): another region's
            # zone would quietly find nothing.
            raise AlicloudError(None, "zone_id: %r is not a zone of %s (alicloud_region); a zone id starts with its "
                                      "region's id, like %s-j" % (zone_id, region, region))
        vswitches = find_vswitches(regional, region, vswitch_ids=params.get("vswitch_ids"),
                                   vpc_id=params.get("vpc_id"), zone_id=zone_id, name=params.get("name"),
                                   tags=params.get("tags"))
        return dict(vswitches=[vswitch_result(vswitch) for vswitch in vswitches])

    if params.get("lookups"):
        return dict(changed=False, results=read_lookups(session, params, read))
    return dict(read(session), changed=False)


vswitch_info.session_params = session_params

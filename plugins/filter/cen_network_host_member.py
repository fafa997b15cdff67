# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cen_network_host_member: the collection's one public filter (documented in cen_network_host_member.yml).

The roles' own planning filters live in plugins/filter/internal/ and are not part of the API.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def cen_network_host_member(host, accounts):
    """A member of cen_network from an inventory host that stands for a network instance.

    ``host`` is the host's variables: network_region, network_account (a key of ``accounts``,
    whose entries hold account_id), network_instance_id (else the VPC named like the host) and
    network_instance_type.
    """
    account_id = (accounts.get(host.get("network_account")) or {}).get("account_id")
    member = dict(region=host.get("network_region"), instance_type=host.get("network_instance_type") or "VPC",
                  account_id=None if account_id in (None, "") else str(account_id))
    if host.get("network_instance_id"):
        member["instance_id"] = host.get("network_instance_id")
    else:
        member["vpc_name"] = host.get("inventory_hostname")
    return member


class FilterModule(object):
    """The public filter."""

    def filters(self):
        return {"cen_network_host_member": cen_network_host_member}

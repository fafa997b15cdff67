# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: vpcs
short_description: The VPCs (and VBRs) of several Alibaba Cloud accounts and regions, as hosts
version_added: 0.2.0
description:
  - Reads the VPCs, and the virtual border routers (VBRs) when O(include_vbrs) is set, of every account of
    O(accounts) in every region of O(regions), and makes each one a host.
  - Each host has the variables C(playbooks/rollout.yml) and the role C(alicloud.interconnect.cen_network) read
    (C(network_region), C(network_account), C(network_instance_id), C(network_instance_type)), the instance as the API
    describes it in snake_case (for a VPC C(vpc_id), C(vpc_name), C(cidr_block), C(cen_status), ...), and
    C(network_name), C(network_tags) (its tags, a dictionary; C(tags) is a reserved variable name),
    C(network_account_id), C(cen_id), C(transit_router_id), C(transit_router_attachment_id) and
    C(vpc_peer_connection_ids).
  - C(cen_id) and C(transit_router_id) are known for the CENs that an account of O(accounts) owns (each account's CENs
    are read with their attached instances and transit-router VPC attachments); a VPC attached to a CEN of another
    account has C(cen_id=null) and C(cen_status=Attached). C(vpc_peer_connection_ids) lists the VpcPeer connections
    the VPC's account sees at either end.
  - The accounts, and then every account and region, are read in parallel, through the same client as the modules
    (retries of throttled and failed calls included).
  - An account or region that cannot be read (bad credentials, a role that cannot be assumed, a region the account
    cannot use) is named in a warning and the rest of the inventory loads; with O(strict=true) the source fails
    instead (ansible-core then warns and goes on without its hosts, or stops when
    C(inventory_unparsed_failed) / E(ANSIBLE_INVENTORY_UNPARSED_FAILED) is true). A result with such a failure is
    not cached.
  - Credentials never reach the host variables, the cache or the messages.
  - The inventory file's name must end in C(vpcs.alicloud.yml) or C(vpcs.alicloud.yaml).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
requirements:
  - alibabacloud-vpc20160428, alibabacloud-cbn20170912, alibabacloud-vpcpeer20220101, alibabacloud-sts20150401
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description: The name of this plugin; this file is an inventory source of it.
    required: true
    type: str
    choices: [alicloud.interconnect.vpcs]
  accounts:
    description:
      - The accounts to read, each with its credentials in one of the collection's forms.
      - An entry without keys or profile takes its credentials from the environment, as the modules do
        (E(ALICLOUD_ACCESS_KEY) and E(ALICLOUD_SECRET_KEY), E(ALIBABA_CLOUD_ACCESS_KEY_ID) and
        E(ALIBABA_CLOUD_ACCESS_KEY_SECRET), or the profile E(ALICLOUD_PROFILE)).
      - String values may be templates, for example C("{{ lookup('ansible.builtin.env', 'HUB_SECRET') }}").
    type: list
    elements: dict
    default: [{name: default}]
    suboptions:
      name:
        description: The account's label, the host variable C(network_account) (for the rollout, a key of C(interconnect_accounts)).
        type: str
        required: true
      access_key:
        description: AccessKey id.
        type: str
      secret_key:
        description: AccessKey secret.
        type: str
      security_token:
        description: STS token of temporary keys.
        type: str
      profile:
        description: A profile of the aliyun CLI configuration file (modes AK, StsToken, RamRoleArn).
        type: str
      shared_credentials_file:
        description:
          - The aliyun CLI configuration file of O(accounts[].profile); a relative path is relative to this inventory
            file's directory. Default E(ALICLOUD_SHARED_CREDENTIALS_FILE), else C(~/.aliyun/config.json).
        type: path
      assume_role:
        description: A RAM role to assume with the credentials above (keys C(role_arn), C(session_name),
          C(session_expiration), C(external_id), C(policy)), as the modules' O(accounts[].assume_role) option.
        type: dict
      regions:
        description: The regions to read in this account, instead of O(regions).
        type: list
        elements: str
  regions:
    description:
      - The regions to read in every account. Empty means every public region the collection knows.
    type: list
    elements: str
    default: []
  endpoint:
    description:
      - An endpoint that every API call goes to (the emulator, C(http://127.0.0.1:8765)) instead of Alibaba Cloud's.
    type: str
    env:
      - name: ALICLOUD_ENDPOINT
  include_vbrs:
    description: Make a host of every virtual border router too (C(network_instance_type=VBR)).
    type: bool
    default: false
  filters:
    description:
      - Keep only the instances that match every filter given.
      - The filters also apply to a cached inventory, which holds every instance.
    type: dict
    default: {}
    suboptions:
      tags:
        description: Tags the instance must have; an empty value matches any value of the key.
        type: dict
      name:
        description: A shell-style pattern (C(prod-*)) the instance's name must match.
        type: str
      cidr_block:
        description: A CIDR block (C(10.0.0.0/8)) that contains the VPC's primary CIDR block. VBRs never match it.
        type: str
  hostnames:
    description:
      - How to name each host, in order of preference; the first that gives a non-empty value is used, else the
        instance id.
      - Each entry is a host variable (C(network_instance_id), C(network_name), C(vpc_id), ...) or C(tag:<key>),
        the value of a tag.
      - When two instances get the same name, the second is named by its instance id, with a warning.
    type: list
    elements: str
    default: [network_instance_id]
  max_workers:
    description: How many accounts, or accounts and regions, are read at the same time.
    type: int
    default: 8
notes:
  - Only reads are made, one C(GetCallerIdentity), C(DescribeCens) and C(ListVpcPeerConnections) per account, two
    lists per CEN it owns, and C(DescribeVpcs) (plus C(DescribeVirtualBorderRouters)) per account and region.
"""

EXAMPLES = r"""
# vpcs.alicloud.yml: the VPCs of two accounts in two regions, grouped by account, region and tag.
plugin: alicloud.interconnect.vpcs
regions: [cn-hangzhou, cn-shanghai]
accounts:
  - name: hub
    profile: hub
  - name: apps
    access_key: "{{ lookup('ansible.builtin.env', 'APPS_ACCESS_KEY') }}"
    secret_key: "{{ lookup('ansible.builtin.env', 'APPS_SECRET_KEY') }}"
    assume_role:
      role_arn: acs:ram::1000000000000002:role/network-admin
filters:
  tags: {env: prod}
  cidr_block: 10.0.0.0/8
hostnames: [network_name, network_instance_id]
keyed_groups:
  - key: network_account
    prefix: account
  - key: network_region
    prefix: region
groups:
  cen_members: network_tags.get('cen') == 'interconnect-rollout'
compose:
  ansible_connection: "'local'"
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/alicloud-vpcs
"""

import fnmatch
import ipaddress
import os

from concurrent.futures import ThreadPoolExecutor

from ansible.errors import AnsibleError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.geo import REGIONS
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    every_page,
    every_token_page,
    snake_dict,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import ACCOUNT_ENTRY_OPTIONS
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import (
    PAGE_SIZE,
    find_vpcs,
    parse_cidr,
    vpc_result,
)

ACCOUNT_KEYS = frozenset(ACCOUNT_ENTRY_OPTIONS) | frozenset(("name", "regions"))


def account_params(account, endpoint, base_dir):
    """The shared module options of one account entry (relative credentials files are relative to base_dir)."""
    params = dict((option, account.get(key)) for key, option in ACCOUNT_ENTRY_OPTIONS.items())
    path = params["shared_credentials_file"]
    if path:
        params["shared_credentials_file"] = os.path.join(base_dir, os.path.expanduser(path))
    params["alicloud_endpoint"] = endpoint
    return params


def read_links(session):
    """What the account's CENs and VpcPeer connections say about network instances: id -> host variables.

    Every CEN the account owns, with its attached instances and its transit-router VPC attachments,
    and every VpcPeer connection the account sees (both ends, all regions).
    """
    links = {}

    def link(instance_id):
        return links.setdefault(instance_id, dict(vpc_peer_connection_ids=[]))

    for cen in every_page(session, "cbn", "DescribeCens", "Cens", PAGE_SIZE):
        cen_id = cen["CenId"]
        for child in every_page(session, "cbn", "DescribeCenAttachedChildInstances", "ChildInstances", PAGE_SIZE,
                                CenId=cen_id):
            link(child["ChildInstanceId"])["cen_id"] = cen_id
        for attachment in every_token_page(session, "cbn", "ListTransitRouterVpcAttachments",
                                           "TransitRouterAttachments", CenId=cen_id, MaxResults=100):
            link(attachment["VpcId"]).update(cen_id=cen_id, transit_router_id=attachment["TransitRouterId"],
                                             transit_router_attachment_id=attachment["TransitRouterAttachmentId"])
    for peering in every_token_page(session, "vpcpeer", "ListVpcPeerConnections", "VpcPeerConnects", MaxResults=100):
        for end in (peering.get("Vpc"), peering.get("AcceptingVpc")):
            vpc_id = (end or {}).get("VpcId")
            if vpc_id:
                link(vpc_id)["vpc_peer_connection_ids"].append(peering["InstanceId"])
    return links


def read_instances(session, region, include_vbrs):
    """The host variables of the account's VPCs (and VBRs) in region, without the account's."""
    found = []
    for vpc in find_vpcs(session, region):
        found.append(dict(vpc_result(vpc), network_instance_id=vpc["VpcId"], network_instance_type="VPC",
                          network_name=vpc.get("VpcName") or ""))
    if include_vbrs:
        for vbr in every_page(session, "vpc", "DescribeVirtualBorderRouters", "VirtualBorderRouterSet", PAGE_SIZE,
                              region=region, RegionId=region):
            found.append(dict(snake_dict(vbr), network_instance_id=vbr["VbrId"], network_instance_type="VBR",
                              network_name=vbr.get("Name") or ""))
    for host in found:
        # "tags" is a reserved name (a play keyword) for a variable.
        host["network_tags"] = host.pop("tags", None) or {}
        host["network_region"] = region
    return found


def matches(host, filters):
    """True when the host variables pass every filter given (tags, name, cidr_block: an ip_network)."""
    tags = host["network_tags"]
    for key, value in (filters.get("tags") or {}).items():
        if key not in tags or (value not in (None, "") and tags[key] != str(value)):
            return False
    if filters.get("name") and not fnmatch.fnmatchcase(host["network_name"], filters["name"]):
        return False
    wanted = filters.get("cidr_block")
    if wanted:
        try:
            block = ipaddress.ip_network(host.get("cidr_block") or "", strict=False)
        except ValueError:
            return False
        if block.version != wanted.version or not block.subnet_of(wanted):
            return False
    return True


def hostname_of(host, preferences):
    """The first non-empty name the preferences give (a host variable or tag:<key>), else the instance id."""
    for preference in preferences:
        if preference.startswith("tag:"):
            value = host["network_tags"].get(preference[len("tag:"):])
        else:
            value = host.get(preference)
        if value not in (None, "") and not isinstance(value, (dict, list)):
            return str(value)
    return host["network_instance_id"]


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = "alicloud.interconnect.vpcs"

    def verify_file(self, path):
        suffixes = ("vpcs.alicloud.yml", "vpcs.alicloud.yaml")
        return super(InventoryModule, self).verify_file(path) and path.endswith(suffixes)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        filters = self._filters()
        accounts = self._accounts()
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache") and cache
        hosts = None
        if use_cache:
            hosts = self._cache.get(cache_key)
        if hosts is None:
            hosts, failures = self._load(accounts, os.path.dirname(os.path.abspath(path)))
            self._report(failures)
            if self.get_option("cache") and not failures:
                self._cache[cache_key] = hosts
        # Filtered here, not before caching: a changed filter applies to a cached inventory too.
        self._populate([host for host in hosts if matches(host, filters)])

    def _filters(self):
        """The filters option, its CIDR block parsed; an error naming the bad key or value."""
        filters = dict(self.get_option("filters"))
        unknown = sorted(set(filters) - {"tags", "name", "cidr_block"})
        if unknown:
            raise AnsibleError("filters: unknown keys %s (known: cidr_block, name, tags)" % ", ".join(unknown))
        if filters.get("tags") is not None and not isinstance(filters["tags"], dict):
            raise AnsibleError("filters.tags must be a dictionary of tag keys and values")
        if filters.get("cidr_block"):
            try:
                filters["cidr_block"] = parse_cidr(filters["cidr_block"], "filters.cidr_block", strict=False)
            except AlicloudError as exc:
                raise AnsibleError(exc.message)
        return filters

    def _accounts(self):
        accounts = []
        for entry in self.get_option("accounts"):
            if not isinstance(entry, dict) or not entry.get("name"):
                raise AnsibleError("accounts: every entry needs a name (the label of network_account)")
            unknown = sorted(set(entry) - ACCOUNT_KEYS)
            if unknown:
                raise AnsibleError("accounts: the entry %s has unknown keys %s (known: %s)"
                                   % (entry["name"], ", ".join(unknown), ", ".join(sorted(ACCOUNT_KEYS))))
            accounts.append(self.templar.template(entry))
        names = [account["name"] for account in accounts]
        repeated = sorted(set(name for name in names if names.count(name) > 1))
        if repeated:
            raise AnsibleError("accounts: the names %s are given more than once" % ", ".join(repeated))
        return accounts

    def _load(self, accounts, base_dir):
        """(host variables of every instance of the accounts, failure messages)."""
        endpoint = self.get_option("endpoint")
        default_regions = self.get_option("regions") or sorted(REGIONS)
        include_vbrs = self.get_option("include_vbrs")
        failures = []
        with ThreadPoolExecutor(max_workers=max(1, self.get_option("max_workers"))) as pool:
            opened = [(account, pool.submit(self._open_account, account, endpoint, base_dir)) for account in accounts]
            sessions, links = [], {}
            for account, future in opened:
                try:
                    session, account_id, account_links = future.result()
                except AlicloudError as exc:
                    failures.append("account %s: %s" % (account["name"], exc))
                    continue
                sessions.append((account, session, account_id))
                for instance_id, found in account_links.items():
                    # Both ends' accounts see a peering: each id once.
                    known = links.setdefault(instance_id, dict(vpc_peer_connection_ids=[]))
                    peerings = sorted(set(known["vpc_peer_connection_ids"]) | set(found["vpc_peer_connection_ids"]))
                    known.update(found, vpc_peer_connection_ids=peerings)
            reads = [(account, account_id, region, pool.submit(read_instances, session, region, include_vbrs))
                     for account, session, account_id in sessions
                     for region in account.get("regions") or default_regions]
            hosts = []
            for account, account_id, region, future in reads:
                try:
                    found = future.result()
                except AlicloudError as exc:
                    failures.append("account %s, region %s: %s" % (account["name"], region, exc))
                    continue
                for host in found:
                    host.update(network_account=account["name"], network_account_id=account_id, cen_id=None,
                                transit_router_id=None, transit_router_attachment_id=None,
                                vpc_peer_connection_ids=[])
                    host.update(links.get(host["network_instance_id"], {}))
                    hosts.append(host)
        return hosts, failures

    @staticmethod
    def _open_account(account, endpoint, base_dir):
        """(Session, account id, links) of one account; its credentials are checked by GetCallerIdentity."""
        session = Session.from_params(account_params(account, endpoint, base_dir))
        return session, session.account_id(), read_links(session)

    def _report(self, failures):
        if failures and self.get_option("strict"):
            raise AnsibleError("alicloud.interconnect.vpcs could not read: %s" % "; ".join(failures))
        for failure in failures:
            self.display.warning("alicloud.interconnect.vpcs: skipped %s" % failure)

    def _populate(self, hosts):
        strict = self.get_option("strict")
        preferences = self.get_option("hostnames")
        named = {}
        for host in hosts:
            name = hostname_of(host, preferences)
            if name in named:
                self.display.warning("alicloud.interconnect.vpcs: %s and %s are both named %s; %s is named by its id"
                                     % (named[name], host["network_instance_id"], name, host["network_instance_id"]))
                name = host["network_instance_id"]
            named[name] = host["network_instance_id"]
            self.inventory.add_host(name)
            for key, value in host.items():
                self.inventory.set_variable(name, key, value)
            self._set_composite_vars(self.get_option("compose"), host, name, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), host, name, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), host, name, strict=strict)

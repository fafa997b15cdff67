# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin alicloud.interconnect.vpcs, parsing real source files through ansible-core's
InventoryManager, with the real SDKs talking to ``fake_api``: the host variables and links of every
account and region, VBRs, filters, hostnames, credentials from the environment and from a profile
file beside the source, failures (warning, strict), the cache, and no secret anywhere."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import textwrap

from urllib.parse import parse_qs

import pytest

from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader
from ansible.utils.display import Display

UID1 = "1000000000000001"
UID2 = "1000000000000002"
SECRETS = ("SECRET-ONE", "SECRET-TWO", "SECRET-ENV", "SECRET-PROFILE")


def vpc(vpc_id, name, cidr, tags=None):
    return dict(VpcId=vpc_id, VpcName=name, CidrBlock=cidr, Status="Available", OwnerId=0,
                Tags=dict(Tag=[dict(Key=k, Value=v) for k, v in (tags or {}).items()]))


class Cloud(object):
    """Two accounts (AK1, AK2) in cn-hangzhou and cn-shanghai. Account 1 owns a CEN with vpc-a1 attached and a
    transit router attachment of vpc-b1; a VpcPeer connection joins vpc-a1 and vpc-b1 (both accounts see it)."""

    def __init__(self, fake_api):
        self.keys = {"AK1": UID1, "AK2": UID2, "AKENV": UID1, "AKPROFILE": UID2}
        self.vpcs = {
            (UID1, "cn-hangzhou"): [vpc("vpc-a1", "web", "10.1.0.0/16", {"env": "prod", "Name": "web-a"})],
            (UID1, "cn-shanghai"): [vpc("vpc-a2", "db", "172.16.0.0/16", {"env": "dev"})],
            (UID2, "cn-hangzhou"): [vpc("vpc-b1", "web", "10.2.0.0/16", {"env": "prod"})],
            (UID2, "cn-shanghai"): [],
        }
        self.vbrs = {(UID1, "cn-hangzhou"): [dict(VbrId="vbr-a1", Name="edge", Status="active")]}
        self.refused_regions = set()
        self.calls = []
        fake_api.identity(self.keys)
        for action in ("DescribeCens", "DescribeCenAttachedChildInstances", "ListTransitRouterVpcAttachments",
                       "ListVpcPeerConnections", "DescribeVpcs", "DescribeVirtualBorderRouters"):
            fake_api.script[action] = self._answer(action)

    def _answer(self, action):
        def answer(request):
            fields = dict((k, v[0]) for k, v in parse_qs(request["query"]).items())
            account = self.keys.get(request["access_key_id"])
            self.calls.append((action, account, fields.get("RegionId")))
            if fields.get("RegionId") in self.refused_regions:
                return 403, dict(Code="Forbidden.Region", Message="the account cannot use this region")
            return 200, getattr(self, action)(account, fields)
        return answer

    @staticmethod
    def page(key, items):
        return {key: items, "TotalCount": len(items), "PageNumber": 1, "PageSize": 50}

    def DescribeCens(self, account, fields):
        cens = [dict(CenId="cen-1", Name="main")] if account == UID1 else []
        return self.page("Cens", dict(Cen=cens))

    def DescribeCenAttachedChildInstances(self, account, fields):
        child = dict(ChildInstanceId="vpc-a1", ChildInstanceType="VPC", ChildInstanceRegionId="cn-hangzhou",
                     ChildInstanceOwnerId=int(UID1), CenId=fields["CenId"])
        return self.page("ChildInstances", dict(ChildInstance=[child]))

    def ListTransitRouterVpcAttachments(self, account, fields):
        attachment = dict(VpcId="vpc-b1", CenId=fields["CenId"], TransitRouterId="tr-1",
                          TransitRouterAttachmentId="tr-attach-1")
        return dict(TransitRouterAttachments=[attachment], TotalCount=1)

    def ListVpcPeerConnections(self, account, fields):
        return dict(VpcPeerConnects=[dict(InstanceId="pcc-1", Vpc=dict(VpcId="vpc-a1"), AcceptingVpc=dict(VpcId="vpc-b1"))])

    def DescribeVpcs(self, account, fields):
        return self.page("Vpcs", dict(Vpc=self.vpcs.get((account, fields["RegionId"]), [])))

    def DescribeVirtualBorderRouters(self, account, fields):
        items = self.vbrs.get((account, fields["RegionId"]), [])
        return self.page("VirtualBorderRouterSet", dict(VirtualBorderRouterType=items))


@pytest.fixture
def api(fake_api, clean_env, monkeypatch):
    monkeypatch.setenv("ALICLOUD_ENDPOINT", fake_api.url)
    return Cloud(fake_api)


@pytest.fixture
def warnings(monkeypatch):
    seen = []
    monkeypatch.setattr(Display, "warning", lambda self, msg, *args, **kwargs: seen.append(msg))
    return seen


ACCOUNTS = """
accounts:
  - {name: one, access_key: AK1, secret_key: SECRET-ONE}
  - {name: two, access_key: AK2, secret_key: SECRET-TWO}
"""


def load(tmp_path, body, accounts=ACCOUNTS, name="vpcs.alicloud.yml"):
    """Parse a source file of the plugin; returns the InventoryManager."""
    source = tmp_path / name
    source.write_text("plugin: alicloud.interconnect.vpcs\nregions: [cn-hangzhou, cn-shanghai]\n"
                      + textwrap.dedent(accounts) + textwrap.dedent(body))
    return InventoryManager(loader=DataLoader(), sources=[str(source)], parse=True)


def parse(tmp_path, text):
    """Parse a source with the plugin itself (InventoryManager turns its errors into warnings)."""
    source = tmp_path / "vpcs.alicloud.yml"
    source.write_text("plugin: alicloud.interconnect.vpcs\nregions: [cn-hangzhou]\n" + textwrap.dedent(text))
    inventory = InventoryData()
    inventory_loader.get("alicloud.interconnect.vpcs").parse(inventory, DataLoader(), str(source))
    return inventory


def host_vars(inventory, name):
    return inventory.get_host(name).get_vars()


def test_every_vpc_of_every_account_and_region_with_the_rollout_variables_and_links(tmp_path, api, warnings):
    inventory = load(tmp_path, "include_vbrs: true\n")
    assert sorted(h.name for h in inventory.get_hosts()) == ["vbr-a1", "vpc-a1", "vpc-a2", "vpc-b1"]
    a1 = host_vars(inventory, "vpc-a1")
    assert dict((k, a1[k]) for k in ("network_region", "network_account", "network_account_id", "network_instance_id",
                                     "network_instance_type", "network_name", "network_tags", "cidr_block", "cen_id",
                                     "transit_router_id", "vpc_peer_connection_ids")) == dict(
        network_region="cn-hangzhou", network_account="one", network_account_id=UID1, network_instance_id="vpc-a1",
        network_instance_type="VPC", network_name="web", network_tags={"env": "prod", "Name": "web-a"},
        cidr_block="10.1.0.0/16", cen_id="cen-1", transit_router_id=None, vpc_peer_connection_ids=["pcc-1"])
    b1 = host_vars(inventory, "vpc-b1")
    # The CEN and transit router of account one, seen from account two's VPC; the peering once.
    assert (b1["network_account"], b1["cen_id"], b1["transit_router_id"], b1["transit_router_attachment_id"],
            b1["vpc_peer_connection_ids"]) == ("two", "cen-1", "tr-1", "tr-attach-1", ["pcc-1"])
    assert host_vars(inventory, "vpc-a2")["cen_id"] is None
    vbr = host_vars(inventory, "vbr-a1")
    assert (vbr["network_instance_type"], vbr["network_name"], vbr["network_region"]) == ("VBR", "edge", "cn-hangzhou")
    assert warnings == []
    # One identity, CEN and peering read per account; one VPC and VBR list per account and region.
    assert sorted(c[0] for c in api.calls if c[0] in ("DescribeCens", "ListVpcPeerConnections")) == \
        ["DescribeCens", "DescribeCens", "ListVpcPeerConnections", "ListVpcPeerConnections"]
    assert sorted((c[1], c[2]) for c in api.calls if c[0] == "DescribeVpcs") == [
        (UID1, "cn-hangzhou"), (UID1, "cn-shanghai"), (UID2, "cn-hangzhou"), (UID2, "cn-shanghai")]


def test_filters_keep_the_instances_matching_every_filter(tmp_path, api):
    inventory = load(tmp_path, """
        include_vbrs: true
        filters: {tags: {env: prod}, name: "w*", cidr_block: 10.0.0.0/8}
    """)
    assert sorted(h.name for h in inventory.get_hosts()) == ["vpc-a1", "vpc-b1"]
    inventory = load(tmp_path, "filters: {tags: {Name: ''}}\n")
    assert [h.name for h in inventory.get_hosts()] == ["vpc-a1"]
    inventory = load(tmp_path, "filters: {cidr_block: 172.16.0.0/12}\n")
    assert [h.name for h in inventory.get_hosts()] == ["vpc-a2"]


@pytest.mark.parametrize("filters, message", [
    ("{colour: red}", "filters: unknown keys colour"),
    ("{cidr_block: 10.0.0.300/8}", "filters.cidr_block: '10.0.0.300/8' is not a CIDR block"),
    ("{tags: [env]}", "filters.tags must be a dictionary"),
])
def test_bad_filters_are_refused_before_any_call(tmp_path, api, filters, message):
    with pytest.raises(AnsibleError, match=message):
        parse(tmp_path, "filters: %s\n" % filters)
    assert api.calls == []


def test_an_unknown_account_key_is_refused_before_any_call(tmp_path, api):
    with pytest.raises(AnsibleError, match="accounts: the entry one has unknown keys access_key_id"):
        parse(tmp_path, "accounts: [{name: one, access_key_id: AK1, secret_key: SECRET-ONE}]\n")
    assert api.calls == []


def test_hostnames_keyed_groups_groups_and_compose(tmp_path, api, warnings):
    inventory = load(tmp_path, """
        hostnames: ["tag:Name", network_name]
        keyed_groups:
          - {key: network_account, prefix: account}
          - {key: network_tags.env, prefix: env}
        groups:
          attached: cen_id is not none
        compose:
          cidr: cidr_block
    """)
    # vpc-a1 by its Name tag, the others (no Name tag) by their names.
    assert sorted(h.name for h in inventory.get_hosts()) == ["db", "web", "web-a"]
    assert sorted(h.name for h in inventory.groups["account_one"].get_hosts()) == ["db", "web-a"]
    assert sorted(h.name for h in inventory.groups["env_prod"].get_hosts()) == ["web", "web-a"]
    assert sorted(h.name for h in inventory.groups["attached"].get_hosts()) == ["web", "web-a"]
    assert host_vars(inventory, "db")["cidr"] == "172.16.0.0/16"
    assert warnings == []


def test_two_instances_of_one_name_the_second_is_named_by_its_id(tmp_path, api, warnings):
    inventory = load(tmp_path, "hostnames: [network_name]\n")
    assert sorted(h.name for h in inventory.get_hosts()) == ["db", "vpc-b1", "web"]
    assert warnings == ["alicloud.interconnect.vpcs: vpc-a1 and vpc-b1 are both named web; vpc-b1 is named by its id"]


def test_an_account_that_cannot_be_read_is_a_warning_and_the_rest_loads(tmp_path, api, warnings):
    accounts = ACCOUNTS + "  - {name: stranger, access_key: AKNONE, secret_key: SECRET-THREE}\n"
    inventory = load(tmp_path, "", accounts=accounts)
    assert sorted(h.name for h in inventory.get_hosts()) == ["vpc-a1", "vpc-a2", "vpc-b1"]
    assert len(warnings) == 1
    assert warnings[0].startswith("alicloud.interconnect.vpcs: skipped account stranger: GetCallerIdentity failed: "
                                  "InvalidAccessKeyId.NotFound")
    assert "SECRET-THREE" not in warnings[0]


def test_under_strict_an_account_that_cannot_be_read_fails_the_inventory(tmp_path, api, warnings):
    accounts = ACCOUNTS + "  - {name: stranger, access_key: AKNONE, secret_key: SECRET-THREE}\n"
    with pytest.raises(AnsibleError, match="could not read: account stranger: GetCallerIdentity failed: InvalidAccessKeyId.NotFound") as raised:
        parse(tmp_path, "strict: true\n" + accounts)
    assert "SECRET-THREE" not in str(raised.value)


def test_a_region_that_cannot_be_read_is_named_and_the_other_regions_load(tmp_path, api, warnings):
    api.refused_regions.add("cn-shanghai")
    inventory = load(tmp_path, "")
    assert sorted(h.name for h in inventory.get_hosts()) == ["vpc-a1", "vpc-b1"]
    skipped = sorted(w.split(": ")[1] for w in warnings)
    assert skipped == ["skipped account one, region cn-shanghai", "skipped account two, region cn-shanghai"]


def test_credentials_from_the_environment_and_from_a_profile_beside_the_source(tmp_path, api, monkeypatch):
    monkeypatch.setenv("ALICLOUD_ACCESS_KEY", "AKENV")
    monkeypatch.setenv("ALICLOUD_SECRET_KEY", "SECRET-ENV")
    (tmp_path / "creds").mkdir()
    (tmp_path / "creds" / "config.json").write_text(json.dumps(dict(current="p", profiles=[dict(
        name="p", mode="AK", access_key_id="AKPROFILE", access_key_secret="SECRET-PROFILE")])))
    inventory = load(tmp_path, "regions: [cn-hangzhou]\n", accounts="""
        accounts:
          - {name: env}
          - {name: file, profile: p, shared_credentials_file: creds/config.json}
    """)
    accounts = dict((h.name, host_vars(inventory, h.name)["network_account"]) for h in inventory.get_hosts())
    assert accounts == {"vpc-a1": "env", "vpc-b1": "file"}


def test_templated_credentials(tmp_path, api, monkeypatch):
    monkeypatch.setenv("ONE_SECRET", "SECRET-ONE")
    inventory = load(tmp_path, "regions: [cn-hangzhou]\n", accounts="""
        accounts:
          - name: one
            access_key: AK1
            secret_key: "{{ lookup('ansible.builtin.env', 'ONE_SECRET') }}"
    """)
    assert [h.name for h in inventory.get_hosts()] == ["vpc-a1"]


def test_the_cache_answers_the_second_load_and_holds_no_secret(tmp_path, api, fake_api, monkeypatch):
    monkeypatch.setenv("ANSIBLE_INVENTORY_CACHE_CONNECTION", str(tmp_path / "cache"))
    body = "cache: true\ncache_plugin: ansible.builtin.jsonfile\n"
    first = load(tmp_path, body)
    calls = len(fake_api.requests)
    second = load(tmp_path, body)
    assert len(fake_api.requests) == calls
    assert sorted(h.name for h in second.get_hosts()) == sorted(h.name for h in first.get_hosts())
    assert host_vars(second, "vpc-b1")["cen_id"] == "cen-1"
    # A filter changed since: applied to the cached instances, still without a call.
    filtered = load(tmp_path, body + "filters: {name: db}\n")
    assert [h.name for h in filtered.get_hosts()] == ["vpc-a2"]
    assert len(fake_api.requests) == calls
    cached = "".join((tmp_path / "cache" / name).read_text() for name in os.listdir(str(tmp_path / "cache")))
    assert "vpc-a1" in cached
    assert not [secret for secret in SECRETS + ("AK1",) if secret in cached]


def test_a_load_with_a_failure_is_not_cached(tmp_path, api, fake_api, monkeypatch, warnings):
    monkeypatch.setenv("ANSIBLE_INVENTORY_CACHE_CONNECTION", str(tmp_path / "cache"))
    api.refused_regions.add("cn-shanghai")
    body = "cache: true\ncache_plugin: ansible.builtin.jsonfile\n"
    load(tmp_path, body)
    calls = len(fake_api.requests)
    api.refused_regions.clear()
    inventory = load(tmp_path, body)
    assert len(fake_api.requests) > calls
    assert sorted(h.name for h in inventory.get_hosts()) == ["vpc-a1", "vpc-a2", "vpc-b1"]


def test_the_source_file_name_is_checked(tmp_path, api, warnings):
    inventory = load(tmp_path, "", name="other.yml")
    assert inventory.get_hosts() == []

# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The worlds the benchmarks converge, as emulator seeds and playbook inputs.

* The reference topology (figure 2): accounts and VPCs spread over regions of two
  geographic areas; one router-interface peering and one VpcPeer peering, each
  between VPCs of different accounts and regions, and one CEN with inter-region
  bandwidth joining the other VPCs (Alibaba Cloud refuses a router interface on
  the vRouter of a VPC attached to a CEN). ``reference()`` is the issue's 3 accounts, 4 regions,
  12 VPCs; tests/perf runs a smaller one.
* The scale rollout (figures 3, 7 and 8): N VPCs in A accounts and R regions as an
  inventory for playbooks/rollout.yml (one host per VPC), with the accounts' credentials
  and the edition as extra vars; on the Enterprise edition each VPC has a vSwitch in each
  of two transit-router zones of its region. ``python benchmarks/bench.py --write-scale DIR``
  writes it out.
* The Enterprise reference topology (tests/perf/test_api_economy_enterprise.py): transit
  routers in two regions, VPCs of two accounts attached through vSwitches in two zones,
  an inter-region attachment, a custom route table and a static route, for
  benchmarks/enterprise.yml.

Everything is derived from the counts, so the same arguments give the same files.
"""

import itertools
import os

import yaml
from alicloud_emulator import geography

REFERENCE_REGIONS = ("cn-hangzhou", "cn-shanghai", "us-west-1", "us-east-1")
SCALE_REGIONS = ("cn-hangzhou", "cn-shanghai", "cn-beijing", "us-west-1", "us-east-1", "eu-central-1")
# Figure 8's ten regions: the six above and four more, each with two transit-router zones or more
SCALE_REGIONS_10 = SCALE_REGIONS + ("cn-shenzhen", "ap-southeast-1", "ap-northeast-1", "eu-west-1")
EDITIONS = ("basic", "enterprise")


def account(index):
    """Account number ``index`` (from 1): label, UID, access key and secret."""
    return dict(label="acct%02d" % index, account_id="10000000000001%02d" % index,
                access_key="BENCHKEY%02d" % index, secret_key="bench-secret-%02d" % index)


def vpc_cidr(index):
    """A /24 of its own for VPC number ``index`` (from 0): 10.0.0.0/24, 10.0.1.0/24, ..."""
    return "10.%d.%d.0/24" % (index // 256, index % 256)


def spread(vpcs, accounts, regions):
    """VPCs assigned round robin to accounts, then to regions: ``[(name, account, region, cidr), ...]``.

    Every (account, region) cell gets a VPC before any gets a second one when vpcs >= accounts * regions.
    """
    cells = [(a, r) for r, a in itertools.product(regions, accounts)]
    found = []
    for index in range(vpcs):
        acct, region = cells[index % len(cells)]
        name = "%s-%s-%d" % (acct["label"], region, index // len(cells) + 1)
        found.append((name, acct, region, vpc_cidr(index)))
    return found


def seed(accounts, vpcs):
    return dict(
        accounts=[dict(uid=a["account_id"], name=a["label"], access_keys=[dict(id=a["access_key"], secret=a["secret_key"])])
                  for a in accounts],
        vpcs=[dict(id=vpc_id(vpc), account=vpc[1]["account_id"], region=vpc[2], cidr=vpc[3], name=vpc[0])
              for vpc in vpcs],
    )


def vpc_id(vpc):
    return "vpc-" + vpc[0].replace("-", "")


def vswitch_ids(vpc):
    """The ids of the two vSwitches a VPC has on the Enterprise edition."""
    return ["vsw-%s%d" % (vpc[0].replace("-", ""), n) for n in (1, 2)]


def vswitches(vpcs, zones_of):
    """Seed entries: for each VPC a /26 of its /24 in each of the two zones ``zones_of(region)`` gives."""
    return [dict(id=vsw, vpc=vpc_id(vpc), zone=zone, cidr=vpc[3].replace(".0/24", ".%d/26" % (64 * n)))
            for vpc in vpcs for n, (vsw, zone) in enumerate(zip(vswitch_ids(vpc), zones_of(vpc[2])))]


def credentials(acct):
    """The entry of an account in the roles' account lists (and in interconnect_accounts)."""
    return dict((k, acct[k]) for k in ("account_id", "access_key", "secret_key"))


def chain_limits(regions, bandwidth=10):
    """Bandwidth limits between consecutive regions: every region reaches every other through the chain."""
    return [dict(local_region=a, opposite_region=b, bandwidth_limit=bandwidth) for a, b in zip(regions, regions[1:])]


class Reference:
    """The reference topology: what to seed, and the variables of benchmarks/reference.yml."""

    def __init__(self, accounts=3, regions=REFERENCE_REGIONS, vpcs=12):
        self.accounts = [account(i) for i in range(1, accounts + 1)]
        self.regions = tuple(regions)
        self.vpcs = spread(vpcs, self.accounts, self.regions)

    def seed(self):
        return seed(self.accounts, self.vpcs)

    def _peer(self, vpc):
        name, acct, region, _cidr = vpc
        return dict(credentials(acct), vpc_name=name, region=region)

    def peerings(self):
        """Two disjoint pairs of VPCs, each of two accounts and two regions: (router interfaces, VpcPeer)."""
        pairs, used = [], set()
        for first in self.vpcs:
            if len(pairs) == 2:
                break
            if first[0] in used:
                continue
            for second in reversed(self.vpcs):
                if second[0] not in used and second[1] is not first[1] and second[2] != first[2]:
                    pairs.append((first, second))
                    used.update((first[0], second[0]))
                    break
        if len(pairs) < 2:
            raise ValueError("the reference topology needs two disjoint pairs of VPCs in other accounts and regions")
        return pairs

    def members(self):
        """The VPCs the CEN joins: all but the peered ones (a vRouter attached to a CEN takes no router interface)."""
        peered = set(vpc[0] for pair in self.peerings() for vpc in pair)
        return [vpc for vpc in self.vpcs if vpc[0] not in peered]

    def playbook_vars(self, state="present"):
        router_interface, vpc_peer = self.peerings()
        return dict(
            reference_state=state,
            reference_cen_name="bench-reference",
            reference_owner_account_id=self.accounts[0]["account_id"],
            reference_accounts=[credentials(a) for a in self.accounts],
            reference_members=[dict(vpc_name=name, region=region, account_id=acct["account_id"])
                               for name, acct, region, _cidr in self.members()],
            reference_bandwidth_limits=chain_limits([r for r in self.regions
                                                     if any(vpc[2] == r for vpc in self.members())]),
            reference_router_interface=dict(initiator=self._peer(router_interface[0]),
                                            acceptor=self._peer(router_interface[1])),
            reference_vpc_peer=dict(initiator=self._peer(vpc_peer[0]), acceptor=self._peer(vpc_peer[1])),
        )


class Scale:
    """The scale rollout on ``edition`` (basic or enterprise): a seed, an inventory for playbooks/rollout.yml,
    and its extra vars."""

    def __init__(self, vpcs=200, accounts=10, regions=SCALE_REGIONS, edition="basic", wait_timeout=None):
        if edition not in EDITIONS:
            raise ValueError("edition must be one of %s, not %r" % (", ".join(EDITIONS), edition))
        self.accounts = [account(i) for i in range(1, accounts + 1)]
        self.regions = tuple(regions)
        self.edition = edition
        self.wait_timeout = wait_timeout  # cen_network_wait_timeout, when not the role's default
        self.vpcs = spread(vpcs, self.accounts, self.regions)

    def seed(self):
        doc = seed(self.accounts, self.vpcs)
        if self.edition == "enterprise":
            doc["vswitches"] = vswitches(self.vpcs, lambda region: geography.transit_router_zones(region)[:2])
        return doc

    def inventory(self):
        groups = {}
        for name, acct, region, _cidr in self.vpcs:
            group = groups.setdefault(acct["label"], dict(vars=dict(network_account=acct["label"]), hosts={}))
            group["hosts"][name] = dict(network_region=region)
        return dict(
            all=dict(vars=dict(
                ansible_connection="local",
                ansible_python_interpreter="{{ ansible_playbook_python }}",
                rollout_cen_name="bench-rollout",
                rollout_owner=self.accounts[0]["label"],
                rollout_bandwidth_limits=chain_limits([r for r in self.regions if any(v[2] == r for v in self.vpcs)]),
            )),
            cen_members=dict(children=groups),
        )

    def extra_vars(self, state="present"):
        # The figures count the build: the role's reachability check, which reads each member's route table and
        # CEN again, is off.
        found = dict(interconnect_state=state, rollout_edition=self.edition, cen_network_verify=False,
                     interconnect_accounts=dict((a["label"], credentials(a)) for a in self.accounts))
        if self.wait_timeout:
            found["cen_network_wait_timeout"] = self.wait_timeout
        return found

    def write(self, directory):
        """seed.yml, inventory.yml and accounts.yml in directory; returns their paths."""
        os.makedirs(directory, exist_ok=True)
        paths = {}
        for name, doc in (("seed", self.seed()), ("inventory", self.inventory()), ("accounts", self.extra_vars())):
            paths[name] = os.path.join(directory, name + ".yml")
            with open(paths[name], "w", encoding="utf-8") as handle:
                handle.write("---\n")
                yaml.safe_dump(doc, handle, sort_keys=False, default_flow_style=False)
        return paths


# Two zones of each region where Enterprise Edition transit routers are available (the emulator's geography)
ENTERPRISE_ZONES = {
    "cn-hangzhou": ("cn-hangzhou-h", "cn-hangzhou-i"),
    "cn-shanghai": ("cn-shanghai-b", "cn-shanghai-c"),
}


class Enterprise:
    """The Enterprise reference topology: what to seed, and the variables of benchmarks/enterprise.yml.

    Two accounts; in the first region a VPC of each account, in the second one of the first account, each
    with a vSwitch in two transit-router zones. The first account owns the CEN; the first VPC is the routed
    one (custom route table), the second the granted one.
    """

    def __init__(self, regions=("cn-hangzhou", "cn-shanghai")):
        self.accounts = [account(1), account(2)]
        self.regions = tuple(regions)
        cells = [(self.accounts[0], regions[0]), (self.accounts[1], regions[0]), (self.accounts[0], regions[1])]
        self.vpcs = [("%s-%s-1" % (a["label"], r), a, r, vpc_cidr(i)) for i, (a, r) in enumerate(cells)]

    def seed(self):
        doc = seed(self.accounts, self.vpcs)
        doc["vswitches"] = vswitches(self.vpcs, ENTERPRISE_ZONES.get)
        return doc

    def playbook_vars(self, state="present"):
        return dict(
            enterprise_state=state,
            enterprise_cen_name="bench-enterprise",
            enterprise_regions=list(self.regions),
            enterprise_owner=credentials(self.accounts[0]),
            enterprise_attachments=[dict(vpc_id=vpc_id(vpc), region=vpc[2], cidr=vpc[3],
                                         account=credentials(vpc[1]),
                                         zone_mappings=[dict(vswitch_id=v) for v in vswitch_ids(vpc)])
                                    for vpc in self.vpcs],
        )

"""The seed file: the accounts, keys, roles and pre-existing networks a world starts with.

```yaml
accounts:
  - uid: "1000000000000001"
    name: main                                 # optional
    access_keys: [{id: AK1, secret: SK1}]
    roles: [{name: ops, trusted: ["1000000000000002"]}]   # accounts that may AssumeRole into it
    transit_router_service: false              # optional: the account has not opened it (default: open)
vpcs:
  - {id: vpc-a, account: "1000000000000001", region: cn-hangzhou, cidr: 10.0.0.0/16, name: a,
     tags: {env: prod}}                        # name and tags optional
vbrs:
  - {id: vbr-a, account: "1000000000000001", region: cn-hangzhou, name: dc-link}   # name optional
vswitches:                                     # name optional; the account is the VPC's
  - {id: vsw-a1, vpc: vpc-a, zone: cn-hangzhou-j, cidr: 10.0.1.0/24, name: a-j}
regions:                                       # optional: where this world departs from geography
  - {id: cn-wuhan-lr, transit_router_zones: []}   # the zones with transit routers (here none)
```

Resource ids follow the cloud's rule, the one the collection's modules check too:
``<prefix>-<lower-case letters and digits>`` (``vpc-hzcore``, not ``vpc-hz-core``).

Regions and zones are those of :mod:`alicloud_emulator.geography`. A vSwitch's zone is one
of its VPC's region, its CIDR block lies inside the VPC's and overlaps no other vSwitch of
that VPC, as CreateVSwitch requires. Everything is checked before anything is loaded: a
seed the emulator refuses leaves no half-built world.
"""

import re

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError
from alicloud_emulator.services.common import check_tags
from alicloud_emulator.services.vpc.shared import TAGS
from alicloud_emulator.services.vpc.vbrs import build_vbr
from alicloud_emulator.services.vpc.vpcs import build_vpc, parse_vpc_cidr
from alicloud_emulator.services.vpc.vswitches import build_vswitch, vswitch_cidr

_UID_RE = re.compile(r"^[0-9]{1,20}$")
_ID_BODY_RE = re.compile(r"^[0-9a-z]+$")


class SeedError(ValueError):
    """A seed document that cannot be loaded."""


def _uid(value, where):
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not _UID_RE.match(text):
        raise SeedError("%s: account uid must be digits, not %r" % (where, value))
    return text


def check_id(value, prefix, where):
    """A seeded resource id as the cloud writes them: ``<prefix>-<lower-case letters and digits>``."""
    text = value if isinstance(value, str) else ""
    head, dash, body = text.partition("-")
    if head != prefix or not dash or not _ID_BODY_RE.match(body):
        raise SeedError(
            "%s: id %r is not a valid %s id: Alibaba Cloud ids (and the collection's modules) expect "
            "%s-<lower-case letters and digits>" % (where, value, prefix.upper(), prefix)
        )
    return text


def _entries(doc, key):
    items = doc.get(key) or []
    if not isinstance(items, list):
        raise SeedError("%s must be a list" % key)
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise SeedError("%s[%d] must be a mapping" % (key, index))
    return items


def validate(doc):
    """Check the structure of a seed document; raise :class:`SeedError`."""
    if not isinstance(doc, dict):
        raise SeedError("the seed must be a mapping with accounts, vpcs and vbrs")
    unknown = set(doc) - {"accounts", "vpcs", "vbrs", "vswitches", "regions"}
    if unknown:
        raise SeedError("unknown seed keys: %s" % ", ".join(sorted(unknown)))
    uids = set()
    key_ids = set()
    for index, account in enumerate(_entries(doc, "accounts")):
        where = "accounts[%d]" % index
        extra = set(account) - {"uid", "name", "access_keys", "roles", "transit_router_service"}
        if extra:
            raise SeedError("%s: unknown keys %s" % (where, ", ".join(sorted(extra))))
        if not isinstance(account.get("transit_router_service", True), bool):
            raise SeedError("%s: transit_router_service must be true or false" % where)
        uid = _uid(account.get("uid"), where)
        if uid in uids:
            raise SeedError("%s: uid %s is given twice" % (where, uid))
        uids.add(uid)
        for key in account.get("access_keys") or []:
            if not isinstance(key, dict) or not key.get("id") or not key.get("secret"):
                raise SeedError("%s: every access key needs id and secret" % where)
            if str(key["id"]) in key_ids:
                raise SeedError("%s: access key %s is given twice" % (where, key["id"]))
            key_ids.add(str(key["id"]))
        for role in account.get("roles") or []:
            if not isinstance(role, dict) or not role.get("name"):
                raise SeedError("%s: every role needs a name" % where)
            for trusted in role.get("trusted") or []:
                _uid(trusted, "%s role %s" % (where, role["name"]))
    ids = set()
    for key, prefix, allowed in (
        ("vpcs", "vpc", {"id", "account", "region", "cidr", "name", "tags"}),
        ("vbrs", "vbr", {"id", "account", "region", "name"}),
    ):
        for index, entry in enumerate(_entries(doc, key)):
            where = "%s[%d]" % (key, index)
            extra = set(entry) - allowed
            if extra:
                raise SeedError("%s: unknown keys %s" % (where, ", ".join(sorted(extra))))
            if not entry.get("id"):
                raise SeedError("%s: id is required" % where)
            check_id(entry["id"], prefix, where)
            if key == "vpcs" and not entry.get("cidr"):
                raise SeedError("%s: cidr is required" % where)
            if _uid(entry.get("account"), where) not in uids:
                raise SeedError("%s: account %s is not in accounts" % (where, entry.get("account")))
            if not geography.is_known_region(entry.get("region")):
                raise SeedError("%s: unknown region %r" % (where, entry.get("region")))
            if entry["id"] in ids:
                raise SeedError("%s: id %s is given twice" % (where, entry["id"]))
            ids.add(entry["id"])
            if key == "vpcs":
                try:
                    parse_vpc_cidr(entry["cidr"])
                except ApiError:
                    raise SeedError("%s: %r is not a usable VPC CIDR block" % (where, entry["cidr"]))
                _seed_tags(entry, where)
    _validate_vswitches(doc, ids)
    _validate_regions(doc)


def _seed_tags(entry, where):
    """A VPC's ``tags`` (a mapping) checked as TagResources checks them; returns ``{key: value}``."""
    tags = entry.get("tags") or {}
    if not isinstance(tags, dict):
        raise SeedError("%s: tags must be a mapping of keys to values" % where)
    try:
        return check_tags([{"Key": str(k), "Value": "" if v is None else str(v)} for k, v in tags.items()], TAGS)
    except ApiError as exc:
        raise SeedError("%s: tags: %s %s" % (where, exc.code, exc.message))


def _validate_vswitches(doc, ids):
    vpcs = {entry["id"]: entry for entry in _entries(doc, "vpcs")}
    taken = {}  # vpc id -> CIDR blocks of its vSwitches so far
    for index, entry in enumerate(_entries(doc, "vswitches")):
        where = "vswitches[%d]" % index
        extra = set(entry) - {"id", "vpc", "zone", "cidr", "name"}
        if extra:
            raise SeedError("%s: unknown keys %s" % (where, ", ".join(sorted(extra))))
        check_id(entry.get("id"), "vsw", where)
        if entry["id"] in ids:
            raise SeedError("%s: id %s is given twice" % (where, entry["id"]))
        ids.add(entry["id"])
        vpc = vpcs.get(entry.get("vpc"))
        if vpc is None:
            raise SeedError("%s: vpc %r is not in vpcs" % (where, entry.get("vpc")))
        if geography.zone_region(entry.get("zone")) != vpc["region"]:
            raise SeedError(
                "%s: zone %r is not a zone of %s (its zones: %s)"
                % (where, entry.get("zone"), vpc["region"], ", ".join(geography.zones_of(vpc["region"])))
            )
        if not entry.get("cidr"):
            raise SeedError("%s: cidr is required" % where)
        blocks = taken.setdefault(vpc["id"], [])
        try:
            blocks.append(vswitch_cidr({"CidrBlock": vpc["cidr"]}, blocks, entry["cidr"], None))
        except ApiError as error:
            raise SeedError(
                "%s: cidr %r does not fit VPC %s (%s): %s %s"
                % (where, entry["cidr"], vpc["id"], vpc["cidr"], error.code, error.message)
            )


def _validate_regions(doc):
    seen = set()
    for index, entry in enumerate(_entries(doc, "regions")):
        where = "regions[%d]" % index
        extra = set(entry) - {"id", "transit_router_zones"}
        if extra:
            raise SeedError("%s: unknown keys %s" % (where, ", ".join(sorted(extra))))
        region = entry.get("id")
        if not geography.is_known_region(region):
            raise SeedError("%s: unknown region %r" % (where, region))
        if region in seen:
            raise SeedError("%s: region %s is given twice" % (where, region))
        seen.add(region)
        zones = entry.get("transit_router_zones")
        if not isinstance(zones, list) or any(zone not in geography.zones_of(region) for zone in zones):
            raise SeedError(
                "%s: transit_router_zones must be a list of zones of %s (its zones: %s)"
                % (where, region, ", ".join(geography.zones_of(region)))
            )


def apply(world, doc):
    """Validate ``doc`` and load it into an empty ``world``; remember it for reset."""
    validate(doc)
    world.seed_doc = doc
    for account in doc.get("accounts") or []:
        uid = _uid(account["uid"], "accounts")
        roles = {}
        for role in account.get("roles") or []:
            roles[str(role["name"])] = {"trusted": [_uid(t, "role") for t in role.get("trusted") or []]}
        world.accounts[uid] = {
            "uid": uid,
            "name": str(account.get("name") or uid),
            "roles": roles,
            "transit_router_service": account.get("transit_router_service", True),
        }
        for key in account.get("access_keys") or []:
            world.keys[str(key["id"])] = {"secret": str(key["secret"]), "uid": uid}
    for entry in doc.get("vpcs") or []:
        account = _uid(entry["account"], "vpcs")
        build_vpc(world, account, entry["region"], entry["id"], entry["cidr"], name=entry.get("name") or "",
                  tags=_seed_tags(entry, "vpcs"))
    for entry in doc.get("vbrs") or []:
        build_vbr(world, entry["id"], _uid(entry["account"], "vbrs"), entry["region"], name=entry.get("name") or "")
    for entry in doc.get("vswitches") or []:
        vpc = world.get("vpc", entry["vpc"])
        build_vswitch(world, vpc, entry["id"], entry["zone"], entry["cidr"], name=entry.get("name") or "")
    for entry in doc.get("regions") or []:
        world.transit_router_zones[entry["id"]] = list(entry["transit_router_zones"])


def reset(world):
    """Put ``world`` back to its seed (no state-file reload)."""
    with world.lock:
        doc = world.seed_doc
        world.clear()
        apply(world, doc)
        world.save()

# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks requirements.txt's SDK lower bounds against the collection's code (make test, cores step).

    <venv>/bin/python ci/sdk_fields.py dump              the SDK fields the code relies on, as JSON
    python ci/sdk_fields.py compare PINNED.json LOWEST.json

``dump`` runs in a venv and reads the installed SDKs: for every API operation the
collection names in plugins/, the wire fields of its request and response models
(the ``result['Field']`` keys of their ``to_map``) that the collection's code also
names. ``compare`` fails, naming the package, operation and fields, when the venv with
the lowest versions lacks a field the venv with the tested pins has: Session refuses a
request field its SDK lacks, and a response model drops one.
"""

import glob
import json
import os
import re
import sys
from importlib import metadata, util

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGES = ["alibabacloud-cbn20170912", "alibabacloud-vpc20160428", "alibabacloud-vpcpeer20220101",
            "alibabacloud-sts20150401"]
# Fields the code names for other operations but never uses with this one.
NOT_USED = {
    ("DescribeRouteEntryList", "TotalCount"): "a NextToken listing: results.every_token_page reads no TotalCount",
}
CLASS = re.compile(r"^class (\w+)\(.*?(?=^class |\Z)", re.S | re.M)
WIRE_KEY = re.compile(r"""result\[['"]([A-Za-z0-9]+)['"]\]""")


def names_in_the_code():
    names = set()
    for path in glob.glob(os.path.join(ROOT, "plugins", "module_utils", "*.py")) + \
            glob.glob(os.path.join(ROOT, "plugins", "modules", "*.py")):
        with open(path, encoding="utf-8") as handle:
            names.update(re.findall(r"\b[A-Z][A-Za-z0-9]+\b", handle.read()))
    return names


def model_fields(package):
    """{class name: wire keys} of every model class of an installed SDK package."""
    fields = {}
    for folder in util.find_spec(package.replace("-", "_")).submodule_search_locations:
        for path in glob.glob(os.path.join(folder, "**", "*.py"), recursive=True):
            with open(path, encoding="utf-8") as handle:
                for match in CLASS.finditer(handle.read()):
                    fields[match.group(1)] = set(WIRE_KEY.findall(match.group(0)))
    return fields


def dump():
    used = names_in_the_code()
    out = {}
    for package in PACKAGES:
        fields = model_fields(package)
        operations = {}
        for name in fields:
            operation = name[:-len("Request")] if name.endswith("Request") else None
            if operation in used:
                parts = [f for c, f in fields.items() if c.startswith((operation + "Request", operation + "ResponseBody"))]
                operations[operation] = sorted(field for field in set().union(*parts) & used
                                               if (operation, field) not in NOT_USED)
        out[package] = dict(version=metadata.version(package), operations=operations)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


def compare(pinned_file, lowest_file):
    with open(pinned_file, encoding="utf-8") as handle:
        pinned = json.load(handle)
    with open(lowest_file, encoding="utf-8") as handle:
        lowest = json.load(handle)
    problems = []
    for package, wanted in sorted(pinned.items()):
        have = lowest[package]["operations"]
        for operation, fields in sorted(wanted["operations"].items()):
            if operation not in have:
                problems.append("%s %s has no %s" % (package, lowest[package]["version"], operation))
            elif set(fields) - set(have[operation]):
                problems.append("%s %s: %s lacks %s" % (package, lowest[package]["version"], operation,
                                                        ", ".join(sorted(set(fields) - set(have[operation])))))
    for problem in problems:
        print("sdk_fields: %s (raise its lower bound in requirements.txt)" % problem)
    if not problems:
        print("sdk_fields: the lowest SDKs carry every field the collection uses (%s)"
              % ", ".join("%s %s" % (p, lowest[p]["version"]) for p in sorted(lowest)))
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"]:
        dump()
    else:
        sys.exit(compare(*sys.argv[2:4]))

# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The picture of what each scenario builds, in its guide (docs/scenarios/*.md), and of everything the demo builds
(docs/topology.md), drawn by interconnect_info.

Usage (by ci/demo.sh, once every scenario is built in the demo's emulator):

  python ci/scenario_pictures.py URL DIR           draw each scenario into DIR/<guide>.mmd and DIR/<guide>.dot
  python ci/scenario_pictures.py --check DIR       exit 1 naming each guide whose picture is not DIR's
  python ci/scenario_pictures.py --write DIR       put DIR's pictures into the guides (ci/demo.sh --pictures)

Each scenario's VPCs are those of playbooks/emulator/demo-world.yml named after it (``s1-web`` for S1) or,
for the rollout, tagged ``cen=interconnect-rollout``; the demo's (docs/topology.md) are all of them.
interconnect_info (its core, in this process, with the accounts of playbooks/vars/world.yml) reads only what
concerns them (``vpc_ids``); the ids the emulator made up (CENs, transit routers, attachments, connections,
router interfaces) are renamed after what they join (a transit router after its CEN and region: several CENs
have routers in one region), so that a picture changes only when what the scenario builds does. The guide
holds it as a Mermaid block between the markers below, which GitHub draws, and the Graphviz text beside it
(<guide>.dot), which the HTML docs draw instead (ci/docs.py).

ANSIBLE_COLLECTIONS_PATH must name a tree holding the collection (ci/demo.sh makes one).
"""

import difflib
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDES = os.path.join(ROOT, "docs", "scenarios")
SCENARIOS = ("s1_same_region", "s2_cross_region", "s3_cross_account", "s4_cross_account_cross_region",
             "s5_router_interface_peering", "s6_vpc_peer", "e1_same_region", "e2_cross_region",
             "e3_cross_account", "e4_cross_account_cross_region", "rollout")
DEMO = "topology"  # docs/topology.md: everything make demo builds
PICTURES = SCENARIOS + (DEMO,)
REGIONS = ["cn-hangzhou", "cn-shanghai", "us-west-1", "us-east-1"]
BEGIN = "<!-- topology drawn by interconnect_info (ci/scenario_pictures.py): bash ci/demo.sh --pictures -->"
END = "<!-- end of topology -->"
SECTION = "\n## What it builds\n\nThe picture `interconnect_info` draws of it in `make demo`:\n\n"


def scenario_vpcs(name):
    with open(os.path.join(ROOT, "playbooks", "emulator", "demo-world.yml"), encoding="utf-8") as handle:
        world = yaml.safe_load(handle)
    if name == DEMO:
        return sorted(v["id"] for v in world["vpcs"])
    if name == "rollout":
        return sorted(v["id"] for v in world["vpcs"] if (v.get("tags") or {}).get("cen") == "interconnect-rollout")
    prefix = name.split("_")[0] + "-"
    return sorted(v["id"] for v in world["vpcs"] if v["name"].startswith(prefix))


def accounts():
    with open(os.path.join(ROOT, "playbooks", "vars", "world.yml"), encoding="utf-8") as handle:
        text = handle.read().replace("{{ playbook_dir }}", os.path.join(ROOT, "playbooks"))
    return list(yaml.safe_load(text)["interconnect_accounts"].values())


def cen_prefix(nodes, cen_id):
    """``e1-`` for the CEN named interconnect-e1: transit routers of several CENs share regions in the demo."""
    name = (nodes.get(cen_id) or {}).get("name") or "unnamed"
    return name.replace("interconnect-", "", 1) + "-"


def stable_names(graph):
    """``{made-up id: name}`` for the ids the emulator made up, after what they join."""
    nodes = dict((n["id"], n) for n in graph["nodes"])
    names = {}
    for node in graph["nodes"]:
        if node["type"] == "CEN":
            names[node["id"]] = "cen-" + (node.get("name") or "unnamed")
        elif node["type"] == "TR" and node.get("region"):
            names[node["id"]] = "tr-%s%s" % (cen_prefix(nodes, node.get("cen_id")), node["region"])
    for edge in graph["edges"]:
        ends = [nodes.get(edge["source"], {}), nodes.get(edge["target"], {})]
        if edge["kind"] == "transit_router":
            names[edge["id"]] = "tr-attach-" + edge["source"].replace("vpc-", "")
        elif edge["kind"] == "transit_router_peer":
            names[edge["id"]] = "tr-attach-%s%s-%s" % (cen_prefix(nodes, ends[0].get("cen_id")), ends[0].get("region"),
                                                        ends[1].get("region"))
        elif edge["kind"] == "vpc_peer":
            names[edge["id"]] = "pcc-%s-%s" % (edge["source"].replace("vpc-", ""), edge["target"].replace("vpc-", ""))
        elif edge["kind"] == "router_interface":
            for interface, owner in zip(edge["interfaces"], (edge["source"], edge["target"])):
                names[interface] = "ri-" + owner.replace("vpc-", "")
    return names


def draw(url, name):
    """The Mermaid and dot texts of what scenario ``name`` built, as interconnect_info draws them with stable ids."""
    tree = os.environ["ANSIBLE_COLLECTIONS_PATH"].split(os.pathsep)[0]
    sys.path.insert(0, tree)
    from ansible_collections.alicloud.interconnect.plugins.module_utils import topology  # pylint: disable=import-error
    from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session  # pylint: disable=E0401

    world = accounts()
    params = dict(alicloud_endpoint=url, alicloud_region=REGIONS[0], alicloud_access_key=world[0]["access_key"],
                  alicloud_secret_key=world[0]["secret_key"], wait_timeout=60, accounts=world, regions=REGIONS,
                  vpc_ids=scenario_vpcs(name), pairs=None)
    found = topology.interconnect_info(Session.from_params(params, environ={}), params, False)
    text = json.dumps(dict(nodes=found["nodes"], edges=found["edges"]))
    for made_up, stable in sorted(stable_names(found).items(), key=lambda pair: -len(pair[0])):
        text = text.replace(made_up, stable)
    graph = json.loads(text)
    order = {"VPC": 0, "VBR": 1, "CEN": 2, "TR": 3}
    graph["nodes"].sort(key=lambda n: (order.get(n["type"], 9), n["id"]))
    graph["edges"].sort(key=lambda e: (e["type"], e["id"]))
    # What the scenario builds; the directions it leaves unlinked on purpose (the rollout's region chain) are
    # for make demo's problems.txt, not for the guide.
    return topology.mermaid(graph), topology.dot(graph)


def block(picture):
    return "%s\n```mermaid\n%s```\n%s\n" % (BEGIN, picture, END)


def embedded(text):
    """The guide's block between the markers, or None."""
    if BEGIN not in text or END not in text:
        return None
    start = text.index(BEGIN)
    return text[start:text.index(END, start) + len(END) + 1]


def guide_path(name):
    return os.path.join(ROOT, "docs", "topology.md") if name == DEMO else os.path.join(GUIDES, name + ".md")


def dot_path(name):
    """The Graphviz text beside the guide, which the HTML docs draw."""
    return guide_path(name)[:-len(".md")] + ".dot"


def picture_path(directory, name, suffix=".mmd"):
    return os.path.join(directory, name + suffix)


def read(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def check(directory):
    stale = []
    for name in PICTURES:
        pairs = ((guide_path(name), embedded(read(guide_path(name))), block(read(picture_path(directory, name)))),
                 (dot_path(name), read(dot_path(name)), read(picture_path(directory, name, ".dot"))))
        for path, have, want in pairs:
            if have != want:
                stale.append(name)
                sys.stderr.writelines(difflib.unified_diff((have or "").splitlines(True), want.splitlines(True),
                                                           os.path.relpath(path, ROOT), "drawn now"))
    stale = sorted(set(stale), key=stale.index)
    if stale:
        sys.stderr.write("scenario pictures: %s %s not what the scenario builds now (or has none): run "
                         "bash ci/demo.sh --pictures\n" % (", ".join(stale), "is" if len(stale) == 1 else "are"))
    return 1 if stale else 0


def write(directory):
    for name in PICTURES:
        text, want = read(guide_path(name)), block(read(picture_path(directory, name)))
        have = embedded(text)
        text = text.replace(have, want) if have else text.rstrip("\n") + "\n" + SECTION + want
        with open(guide_path(name), "w", encoding="utf-8") as handle:
            handle.write(text)
        with open(dot_path(name), "w", encoding="utf-8") as handle:
            handle.write(read(picture_path(directory, name, ".dot")))
    return 0


def main(argv):
    if len(argv) == 2 and argv[0] == "--check":
        return check(argv[1])
    if len(argv) == 2 and argv[0] == "--write":
        return write(argv[1])
    if len(argv) == 2 and not argv[0].startswith("-"):
        os.makedirs(argv[1], exist_ok=True)
        for name in PICTURES:
            for suffix, text in zip((".mmd", ".dot"), draw(argv[0], name)):
                with open(picture_path(argv[1], name, suffix), "w", encoding="utf-8") as handle:
                    handle.write(text)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make docs: the collection's HTML docs, built offline.

Usage: python ci/docs.py [DEST]      (default: docs/build/html)

1. Copies the collection (the files git sees, ci/mktree.py) to a temporary directory.
2. antsibull-docs renders a page per module and role and the collection index
   (format simplified-rst) into .tmp/docs/src/collection.
3. The guides keep their places in the repository, so their links to each other
   work the same on a forge and in the HTML: the Markdown guides of docs/ and of
   its folders (docs/scenarios/, a toctree each) go to .tmp/docs/src/docs/, the
   extra docs of docs/docsite/rst/ (listed in docs/docsite/extra-docs.yml) to
   .tmp/docs/src/docs/docsite/rst/. An index.rst
   ties guides, modules, roles and the collection index together. A guide's picture of
   ci/scenario_pictures.py (a Mermaid block, which GitHub draws) becomes its Graphviz text
   beside it (<guide>.dot), which Sphinx draws as SVG (Graphviz's dot, offline).
4. Sphinx (docs/sphinx/conf.py) builds the HTML into DEST; any warning fails the build.

Run it with the project venv's Python: antsibull-docs, ansible and Sphinx come from there.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

import mktree
import scenario_pictures

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
COLLECTION = "alicloud.interconnect"

INDEX = """\
{title}
{underline}

{description}

{toctrees}
"""

TOCTREE = """\
.. toctree::
   :maxdepth: 1
   :caption: {caption}

{entries}
"""


def toctree(caption, entries):
    if not entries:
        return ""
    return TOCTREE.format(caption=caption, entries="\n".join("   " + entry for entry in entries))


def pages(src, pattern):
    """Document names (no suffix) under src matching pattern, sorted."""
    found = glob.glob(os.path.join(src, pattern))
    return sorted(os.path.splitext(os.path.relpath(path, src))[0].replace(os.sep, "/") for path in found)


def render_collection(tree, dest):
    """antsibull-docs' pages of the collection copy at tree (an ansible_collections parent) into dest."""
    os.makedirs(dest, mode=0o700)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=tree, PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    subprocess.run([os.path.join(BIN, "antsibull-docs"), "collection", "--use-current", "--squash-hierarchy",
                    "--output-format", "simplified-rst", "--fail-on-error", "--no-add-antsibull-docs-version",
                    "--dest-dir", dest, COLLECTION], check=True, env=env)


def extra_docs(root):
    """The extra docs of docs/docsite/extra-docs.yml, in their order, as names under collection/docsite/."""
    path = os.path.join(root, "docs", "docsite", "extra-docs.yml")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        sections = (yaml.safe_load(handle) or {}).get("sections") or []
    return ["docs/docsite/rst/" + entry for section in sections for entry in section.get("toctree") or []]


def guide_folder_toctrees(src):
    """A toctree per folder of Markdown guides below docs/ (docs/scenarios/: "Scenarios"), its README first."""
    trees = []
    for folder in sorted(set(name.rsplit("/", 1)[0] for name in pages(src, "docs/*/*.md"))):
        entries = pages(src, folder + "/*.md")
        entries.sort(key=lambda name: name != folder + "/README")
        trees.append(toctree(folder.split("/")[-1].capitalize(), entries))
    return trees


def reference_toctrees(src):
    """A toctree per kind of page of antsibull-docs (``<name>_<kind>.rst``): modules, roles, then plugins by type."""
    kinds = {}
    for name in pages(src, "collection/*_*.rst"):
        short, kind = name.split("/")[-1].rsplit("_", 1)
        kinds.setdefault(kind, []).append("%s <%s>" % (short, name))
    order = ["module", "role"] + sorted(set(kinds) - {"module", "role"})
    captions = dict(module="Modules", role="Roles")
    return [toctree(captions.get(kind, "%s plugins" % kind.capitalize()), kinds[kind]) for kind in order if kind in kinds]


def write_index(src, root):
    with open(os.path.join(root, "galaxy.yml"), encoding="utf-8") as handle:
        galaxy = yaml.safe_load(handle)
    title = "%s.%s" % (galaxy["namespace"], galaxy["name"])
    toctrees = [
        toctree("Guides", pages(src, "docs/*.md") + extra_docs(root)),
    ] + guide_folder_toctrees(src) + reference_toctrees(src) + [
        toctree("Collection", ["Collection index <collection/index>"]),
    ]
    with open(os.path.join(src, "index.rst"), "w", encoding="utf-8") as handle:
        handle.write(INDEX.format(title=title, underline="=" * len(title), description=galaxy["description"].strip(),
                                  toctrees="\n".join(t for t in toctrees if t)))


def build(dest):
    work = os.path.join(ROOT, ".tmp", "docs")
    src = os.path.join(work, "src")
    shutil.rmtree(src, ignore_errors=True)
    # The copy goes outside the checkout: when the checkout itself is a collection copy
    # (make test runs in .tmp/collections/ansible_collections/...), a second
    # ansible_collections below it makes ansible read the wrong collection name and
    # list no roles.
    tree = tempfile.mkdtemp(prefix="alicloud-interconnect-docs-")
    try:
        copy = mktree.build(ROOT, tree)
        render_collection(tree, os.path.join(src, "collection"))
        _copy_guides(copy, src)
        write_index(src, copy)
    finally:
        shutil.rmtree(tree, ignore_errors=True)
    shutil.rmtree(dest, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
                    "-c", os.path.join(ROOT, "docs", "sphinx"), "-d", os.path.join(work, "doctrees"), src, dest],
                   check=True)
    return os.path.join(dest, "index.html")


def _copy_guides(copy, src):
    """The Markdown guides of docs/ and its folders, and the extra docs of docs/docsite/rst/ from the copy into src."""
    # antsibull-docs copies the extra docs too: they are taken from their own place below.
    shutil.rmtree(os.path.join(src, "collection", "docsite"), ignore_errors=True)
    os.makedirs(os.path.join(src, "docs", "docsite", "rst"))
    for guide in glob.glob(os.path.join(copy, "docs", "*.md")) + glob.glob(os.path.join(copy, "docs", "*", "*.md")):
        target = os.path.join(src, os.path.relpath(guide, copy))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(guide, encoding="utf-8") as handle:
            text = handle.read()
        picture = scenario_pictures.embedded(text)
        if picture:
            dot = os.path.basename(guide)[:-len(".md")] + ".dot"
            shutil.copy(os.path.join(os.path.dirname(guide), dot), os.path.dirname(target))
            text = text.replace(picture, "```{graphviz} %s\n:alt: %s, drawn by interconnect_info\n```\n" % (dot, dot))
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
    for guide in glob.glob(os.path.join(copy, "docs", "docsite", "rst", "*.rst")):
        shutil.copy(guide, os.path.join(src, "docs", "docsite", "rst"))


def main(argv):
    if len(argv) > 2:
        sys.stderr.write("usage: python ci/docs.py [DEST]\n")
        return 2
    dest = os.path.abspath(argv[1] if len(argv) == 2 else os.path.join(ROOT, "docs", "build", "html"))
    try:
        print("docs: %s" % build(dest))
    except subprocess.CalledProcessError as err:
        sys.stderr.write("docs: %s failed (exit %s)\n" % (os.path.basename(err.cmd[0]), err.returncode))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

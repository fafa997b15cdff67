# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the collection tree that ansible-test, ansible-lint and molecule run in.

Usage: python ci/mktree.py DEST

ansible-test needs the collection at a physical path ending in
ansible_collections/<namespace>/<name> (a symlink is resolved and refused), and
it lists the files to test with git from the nearest repository upwards. So this
copies every file git can see in the checkout (tracked, plus untracked files that
are not ignored) to DEST/ansible_collections/<namespace>/<name>, replacing any
previous copy, and runs ``git init`` in the copy. Without its own repository the
copy would sit in an ignored directory of the outer checkout, and ansible-test
would report "All targets skipped" and exit 0.

The copy's git excludes galaxy.yml's build_ignore entries (.git/info/exclude), so
ansible-test sees the collection as it ships, like Galaxy's importer does: the
emulator, the benchmarks and the CI scripts are files of the copy (their own
test steps use them) but not part of the collection that ansible-test checks.

Prints the path of the copy.
"""

import os
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def galaxy(root):
    with open(os.path.join(root, "galaxy.yml"), encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def exclude_patterns(build_ignore):
    """build_ignore entries as gitignore patterns.

    ansible-galaxy matches a plain entry against the path from the collection
    root (anchored); an entry with a wildcard may match at any depth.
    """
    patterns = []
    for entry in build_ignore or []:
        entry = entry.strip("/")
        if any(char in entry for char in "*?["):
            patterns.append(entry)
        else:
            patterns.append("/" + entry)
    return patterns


def visible_files(root):
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root, check=True, stdout=subprocess.PIPE,
    ).stdout
    names = sorted(set(name for name in out.decode("utf-8").split("\0") if name))
    # A tracked file deleted in the work tree is still listed by git.
    return [name for name in names if os.path.lexists(os.path.join(root, name))]


def build(root, dest):
    meta = galaxy(root)
    namespace, name = meta["namespace"], meta["name"]
    target = os.path.join(os.path.abspath(dest), "ansible_collections", namespace, name)
    if os.path.lexists(target):
        shutil.rmtree(target)
    for rel in visible_files(root):
        src = os.path.join(root, rel)
        dst = os.path.join(target, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst, follow_symlinks=False)
    subprocess.run(["git", "init", "-q", target], check=True)
    with open(os.path.join(target, ".git", "info", "exclude"), "w", encoding="utf-8") as stream:
        stream.write("# galaxy.yml build_ignore: not part of the shipped collection\n")
        stream.write("".join(pattern + "\n" for pattern in exclude_patterns(meta.get("build_ignore"))))
    return target


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: python ci/mktree.py DEST\n")
        return 2
    print(build(ROOT, argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check every role's interface: its argument spec and its defaults agree, and ansible-doc renders it.

Usage: python ci/role_specs.py   (from the collection root, with ANSIBLE_COLLECTIONS_PATH set
so that ansible-doc finds the collection; make test sets it)

For each roles/<role>/: every option of meta/argument_specs.yml (entry point main) that has a
default is in defaults/main.yml with the same value, and defaults/main.yml holds nothing else;
``ansible-doc -t role alicloud.interconnect.<role>`` renders the entry point with every option.
"""

import json
import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(path):
    with open(path, encoding="utf-8") as stream:
        return yaml.safe_load(stream) or {}


def check_role(name):
    problems = []
    role = os.path.join(ROOT, "roles", name)
    options = load(os.path.join(role, "meta", "argument_specs.yml"))["argument_specs"]["main"]["options"]
    defaults = load(os.path.join(role, "defaults", "main.yml"))
    for option, spec in sorted(options.items()):
        if "default" in spec and option not in defaults:
            problems.append("%s: %s has a default in the argument spec but not in defaults/main.yml" % (name, option))
        elif "default" in spec and defaults[option] != spec["default"]:
            problems.append("%s: %s defaults to %r in the argument spec but %r in defaults/main.yml"
                            % (name, option, spec["default"], defaults[option]))
    for variable in sorted(set(defaults) - set(o for o, s in options.items() if "default" in s)):
        problems.append("%s: defaults/main.yml sets %s, which the argument spec does not default" % (name, variable))
    doc = subprocess.run(["ansible-doc", "-t", "role", "-j", "alicloud.interconnect.%s" % name],
                         check=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if doc.returncode != 0:
        problems.append("%s: ansible-doc -t role failed: %s" % (name, doc.stderr.strip()))
    else:
        rendered = json.loads(doc.stdout)["alicloud.interconnect.%s" % name]["entry_points"]["main"]["options"]
        missing = sorted(set(options) - set(rendered))
        if missing:
            problems.append("%s: ansible-doc does not render %s" % (name, ", ".join(missing)))
    return problems


def main():
    roles = sorted(d for d in os.listdir(os.path.join(ROOT, "roles")) if not d.startswith("."))
    problems = [p for name in roles for p in check_role(name)]
    for problem in problems:
        print("role_specs: %s" % problem)
    print("role_specs: %d roles checked (%s), %d problems" % (len(roles), ", ".join(roles), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make test's changelog step: every version_added of the plugins and roles names a release.

A release's notes list as new the plugins and roles whose version_added is that release, so a
version_added must be a release of changelogs/changelog.yaml or the coming one (galaxy.yml's
version); any other is reported with its file and line, and the exit status is 1.

Usage: python ci/version_added.py   (from the collection's root)
"""

import glob
import re
import sys

import yaml

VERSION_ADDED = re.compile(r"^\s*version_added:\s*['\"]?([^'\"\s#]+)")
FILES = ("plugins/**/*.py", "plugins/**/*.yml", "roles/*/meta/argument_specs.yml")


def main():
    with open("galaxy.yml", encoding="utf-8") as stream:
        coming = str(yaml.safe_load(stream)["version"])
    with open("changelogs/changelog.yaml", encoding="utf-8") as stream:
        released = set(str(version) for version in (yaml.safe_load(stream).get("releases") or {}))
    allowed = released | {coming}
    problems = []
    for path in sorted(set(name for pattern in FILES for name in glob.glob(pattern, recursive=True))):
        with open(path, encoding="utf-8") as stream:
            for number, line in enumerate(stream, 1):
                match = VERSION_ADDED.match(line)
                if match and match.group(1) not in allowed:
                    problems.append("%s:%d: version_added %s is no release (%s)"
                                    % (path, number, match.group(1), ", ".join(sorted(allowed))))
    for problem in problems:
        print(problem, file=sys.stderr)
    print("version_added: %s" % ("%d problems" % len(problems) if problems else "every one names a release"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

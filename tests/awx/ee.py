# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A clean virtualenv standing in for the execution environment's image.

It holds what execution-environment.yml puts into the image and nothing else:
its ansible-core and ansible-runner, and the Python requirements of the
collection (requirements.txt, at the versions requirements-dev.txt pins). The
image would also get the system packages of bindep.txt outside the test
profile; there are none, and the stand-in refuses to be built if one appears.

The virtualenv is built once under .tmp/awx-ee/<hash of the Python version and
those requirements> and reused while they do not change; a lock keeps parallel
test workers from building it twice.
"""

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys

import yaml

from awxtest import ROOT


def _requirement_lines(path):
    with open(path, encoding="utf-8") as handle:
        return [line.split("#")[0].strip() for line in handle if line.split("#")[0].strip()]


def requirements():
    """The pip requirements of the image: ansible-core, ansible-runner, requirements.txt, each pinned."""
    with open(os.path.join(ROOT, "execution-environment.yml"), encoding="utf-8") as handle:
        definition = yaml.safe_load(handle)["dependencies"]
    pins = dict(line.split("==", 1) for line in _requirement_lines(os.path.join(ROOT, "requirements-dev.txt"))
                if "==" in line)
    wanted = [definition["ansible_core"]["package_pip"], definition["ansible_runner"]["package_pip"]]
    for line in _requirement_lines(os.path.join(ROOT, definition["python"])):
        name = line.split(">")[0].split("=")[0].split("<")[0].strip()
        if name not in pins:
            raise AssertionError("%s is not pinned in requirements-dev.txt" % name)
        wanted.append("%s==%s" % (name, pins[name]))
    return wanted


def system_packages():
    """The entries of bindep.txt an image gets: those not only for the test profile."""
    found = []
    for line in _requirement_lines(os.path.join(ROOT, "bindep.txt")):
        profiles = re.search(r"\[([^]]*)\]", line)
        if not profiles or "test" not in profiles.group(1).split():
            found.append(line)
    return found


def virtualenv():
    """The path of the stand-in's virtualenv, built when missing."""
    if system_packages():
        raise AssertionError("bindep.txt has system packages for the image, which the stand-in of the execution "
                             "environment cannot install: %s" % ", ".join(system_packages()))
    key = "%d.%d\n%s" % (sys.version_info[:2] + ("\n".join(requirements()),))
    base = os.path.join(ROOT, ".tmp", "awx-ee")
    path = os.path.join(base, hashlib.sha256(key.encode()).hexdigest()[:16])
    os.makedirs(base, exist_ok=True)
    with open(os.path.join(base, "lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(os.path.join(path, "ready")):
            shutil.rmtree(path, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", "--clear", path], check=True)
            subprocess.run([os.path.join(path, "bin", "python"), "-m", "pip", "install", "--quiet",
                            "--disable-pip-version-check"] + requirements(), check=True)
            with open(os.path.join(path, "ready"), "w") as handle:
                handle.write("\n".join(requirements()) + "\n")
    return path

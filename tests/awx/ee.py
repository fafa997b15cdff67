# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A clean virtualenv standing in for the execution environment's image.

It holds what execution-environment.yml puts into the image and nothing else:
its ansible-core and ansible-runner, and the Python requirements of the
collection (requirements.txt, at the versions requirements-dev.txt pins). The
image's system packages come from bindep.txt, whose only entries are for the
test profile, so the stand-in needs none.

The virtualenv is built once under .tmp/awx-ee/<hash of those files> and reused
while they do not change; a lock keeps parallel test workers from building it
twice.
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys

import yaml

from awxtest import ROOT

INPUTS = ("execution-environment.yml", "requirements.txt", "requirements-dev.txt", "bindep.txt")


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


def _digest():
    digest = hashlib.sha256(("%d.%d" % sys.version_info[:2]).encode())
    for name in INPUTS:
        with open(os.path.join(ROOT, name), "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()[:16]


def virtualenv():
    """The path of the stand-in's virtualenv, built when missing."""
    base = os.path.join(ROOT, ".tmp", "awx-ee")
    path = os.path.join(base, _digest())
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

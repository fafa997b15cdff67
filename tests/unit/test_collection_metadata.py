# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's packaging: runtime metadata and what the built artifact holds."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys
import tarfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _yaml(name):
    with open(os.path.join(ROOT, name)) as stream:
        return yaml.safe_load(stream)


def _modules():
    folder = os.path.join(ROOT, "plugins", "modules")
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py") and name != "__init__.py")


def test_every_module_is_in_the_all_action_group():
    # module_defaults: {group/alicloud.interconnect.all: ...} must reach every module.
    group = _yaml("meta/runtime.yml")["action_groups"]["all"]
    modules = _modules()
    assert not set(modules) - set(group), "add these modules to action_groups.all in meta/runtime.yml"
    assert not set(group) - set(modules), "action_groups.all names modules that do not exist"
    assert len(group) == len(set(group))


def test_built_collection_ships_the_collection_and_nothing_else(tmp_path):
    galaxy = _yaml("galaxy.yml")
    subprocess.run(
        [sys.executable, "-m", "ansible.cli.galaxy", "collection", "build", "--output-path", str(tmp_path), ROOT],
        check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    artifact = tmp_path / "{namespace}-{name}-{version}.tar.gz".format(**galaxy)
    with tarfile.open(str(artifact)) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("MANIFEST.json"))

    info = manifest["collection_info"]
    assert (info["namespace"], info["name"], info["version"]) == ("alicloud", "interconnect", galaxy["version"])
    assert info["license"] == ["GPL-3.0-or-later"]
    for shipped in ["COPYING", "README.md", "meta/runtime.yml", "requirements.txt", "bindep.txt"]:
        assert shipped in names
    for module in _modules():
        assert "plugins/modules/%s.py" % module in names
    top_level = set(name.split("/")[0] for name in names)
    for unshipped in ["emulator", "ci", ".ci", ".venv", ".tmp", "Makefile", "requirements-dev.txt", "benchmarks"]:
        assert unshipped not in top_level
    assert not [name for name in names if name.startswith(("tests/emulator", "tests/output"))]
    assert not [name for name in names if "__pycache__" in name]

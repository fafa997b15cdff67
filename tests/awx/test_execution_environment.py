# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The execution environment's build context (what `make ee-context` writes) and
the collection's own EE metadata, as ansible-builder's build reads them."""

import os
import re
import subprocess

import pytest
import yaml

from awxtest import ROOT, tool


def requirement_lines(path):
    with open(path, encoding="utf-8") as handle:
        return [line.split("#")[0].strip() for line in handle if line.split("#")[0].strip()]


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    path = tmp_path_factory.mktemp("ee") / "context"
    subprocess.run(["bash", os.path.join(ROOT, "ci", "ee_context.sh"), str(path)], check=True,
                   stdout=subprocess.DEVNULL)
    return path


def test_the_context_lists_the_collections_python_requirements(context):
    wanted = requirement_lines(os.path.join(ROOT, "requirements.txt"))
    assert wanted
    assert requirement_lines(str(context / "_build" / "requirements.txt")) == wanted


def test_the_image_gets_the_tested_ansible_core_and_runner(context):
    containerfile = (context / "Containerfile").read_text()
    refs = re.search(r'^ARG ANSIBLE_INSTALL_REFS="([^"]*)"', containerfile, re.M).group(1).split()
    pinned = [line for line in requirement_lines(os.path.join(ROOT, "requirements-dev.txt"))
              if line.startswith(("ansible-core==", "ansible-runner=="))]
    assert sorted(refs) == sorted(pinned) and len(refs) == 2
    assert "introspect.py introspect --user-pip=requirements.txt" in containerfile


def test_the_context_installs_this_collection_and_it_declares_its_requirements(context, tmp_path):
    build = context / "_build"
    galaxy = yaml.safe_load((build / "requirements.yml").read_text())
    (entry,) = galaxy["collections"]
    assert (build / entry["name"]).is_file()
    # The image's galaxy stage: install the requirements from the build directory.
    collections = str(tmp_path / "collections")
    subprocess.run([tool("ansible-galaxy"), "collection", "install", "-r", "requirements.yml",
                    "--collections-path", collections], cwd=str(build), check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections))
    installed = os.path.join(collections, "ansible_collections", "alicloud", "interconnect")
    assert os.path.isfile(os.path.join(installed, "plugins", "modules", "account_info.py"))
    # The image's builder stage: introspection finds the collection's requirements through
    # its meta/execution-environment.yml.
    found = subprocess.run([tool("ansible-builder"), "introspect", collections], check=True,
                           stdout=subprocess.PIPE, universal_newlines=True).stdout
    python = yaml.safe_load(found.split("\n", 1)[1])["python"]
    wanted = requirement_lines(os.path.join(ROOT, "requirements.txt"))
    assert python == ["%s  # from collection alicloud.interconnect" % line for line in wanted]

# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared by the AWX tests: where things are, and the AWX credential type of
extensions/awx/ with the environment AWX injects from it.

AWX renders each ``env`` injector as a Jinja2 template in an immutable sandbox,
with the credential's inputs as variables; an input the credential leaves empty
is undefined there and renders as an empty string. ``inject()`` does the same,
so a test can hand ansible-runner exactly the variables a job would get.
"""

import os
import shutil
import sys

import yaml
from jinja2 import StrictUndefined
from jinja2.meta import find_undeclared_variables
from jinja2.sandbox import ImmutableSandboxedEnvironment

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIRECTORY = os.path.join(ROOT, "extensions", "awx", "credential_type")
BIN = os.path.dirname(sys.executable)


def tool(name):
    """A console script of the Python running the tests (the project venv), else from PATH."""
    path = os.path.join(BIN, name)
    return path if os.path.exists(path) else shutil.which(name) or name


def load():
    """``(inputs, injectors)`` as an AWX admin pastes them."""
    with open(os.path.join(DIRECTORY, "inputs.yml"), encoding="utf-8") as handle:
        inputs = yaml.safe_load(handle)
    with open(os.path.join(DIRECTORY, "injectors.yml"), encoding="utf-8") as handle:
        injectors = yaml.safe_load(handle)
    return inputs, injectors


def template_variables(template):
    """The variables an injector template uses."""
    return find_undeclared_variables(ImmutableSandboxedEnvironment().parse(template))


def inject(inputs, injectors, values):
    """The environment variables a job gets from a credential with these input values.

    Refuses values for fields the type does not define and missing required
    fields, as AWX does when the credential is saved.
    """
    fields = {field["id"]: field for field in inputs["fields"]}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ValueError("no such input in the credential type: %s" % ", ".join(unknown))
    missing = sorted(name for name in inputs.get("required", []) if not values.get(name))
    if missing:
        raise ValueError("required inputs are missing: %s" % ", ".join(missing))
    namespace = dict((name, value) for name, value in values.items() if value not in (None, ""))
    sandbox = ImmutableSandboxedEnvironment()
    return dict((name, sandbox.from_string(template).render(**namespace))
                for name, template in injectors.get("env", {}).items())


def check_templates(inputs, injectors):
    """Render every injector with every field set, failing on a variable that is not a field."""
    sandbox = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    namespace = dict((field["id"], "x") for field in inputs["fields"])
    for template in injectors.get("env", {}).values():
        sandbox.from_string(template).render(**namespace)

# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module door: run a core function as an Ansible module.

A module's main() is one line: ``run_module(ARGUMENT_SPEC, core, **MODULE_KWARGS)``.
The action door (plugins/plugin_utils/action.py) runs the same core through
``execute()`` in the controller's worker instead.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import COMMON_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session


def full_argument_spec(argument_spec):
    """The module's own options plus the shared credential options (a fresh copy)."""
    spec = copy.deepcopy(COMMON_ARGUMENT_SPEC)
    spec.update(copy.deepcopy(argument_spec))
    return spec


def execute(core, params, check_mode, diff, environ=None, cache=None):
    """Run ``core(session, params, check_mode)``; both doors go through here.

    Returns the core's result (``changed`` defaulted to False, ``diff`` dropped unless
    diff mode is on; ``warnings``, if any, is a list of texts for the user), or for an
    AlicloudError a failure result with ``failed`` and ``msg``, ``code`` and ``request_id``
    when the API gave them (a failure found before any call has neither), and ``changed``
    plus the ids the error carries when it came after a write (errors.after_write). ``cache``: the
    playbook run's RunCache, which the action door gives the tasks that share reads.
    """
    # A core that reads with credentials of its own options (interconnect_info's accounts) says, through its
    # ``session_params``, which credentials its task's session takes when the task gives none.
    session_params = getattr(core, "session_params", None)
    try:
        session = Session.from_params(session_params(params) if session_params else params, environ, cache=cache)
        result = core(session, params, check_mode)
    except AlicloudError as exc:
        failure = dict(exc.result, failed=True, changed=exc.changed, msg=str(exc))
        failure.update((key, value) for key, value in (("code", exc.code), ("request_id", exc.request_id)) if value)
        return failure
    result.setdefault("changed", False)
    if not diff:
        result.pop("diff", None)
    return result


def run_module(argument_spec, core, **module_kwargs):
    """Build the AnsibleModule (check mode supported), run core, and exit or fail."""
    module = AnsibleModule(argument_spec=full_argument_spec(argument_spec), supports_check_mode=True, **module_kwargs)
    result = execute(core, module.params, module.check_mode, module._diff, os.environ)
    # A core's ``warnings`` (a list of texts): the action door returns them as they are.
    for warning in result.pop("warnings", []):
        module.warn(warning)
    if result.pop("failed", False):
        module.fail_json(**result)
    module.exit_json(**result)

# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action door: run a module's core function in the controller's worker process.

A module whose task runs on the controller does not need a new Python process
(AnsiballZ) to call a cloud API. An action plugin of the module's name,

    class ActionModule(AlicloudAction):
        MODULE = "account_info"

validates the task's arguments against the module's own ARGUMENT_SPEC and
MODULE_KWARGS, runs the same core function through door.execute(), and
returns what the module would have returned. When the task does not run
locally on the controller (delegated to a host with another connection,
become, async), or the controller's Python lacks the SDK, it runs the module
instead.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.alicloud.interconnect.plugins.module_utils.session import preload_sdks
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import execute, full_argument_spec

COLLECTION = "alicloud.interconnect"

# The strategy imports an action plugin in the controller's main process, before it forks
# the worker that runs the task: importing the SDKs here, once per playbook run, spares
# every task's worker that import (docs/performance.md has the measurements).
preload_sdks()

display = Display()


class AlicloudAction(ActionBase):
    """Base of the collection's action plugins; a subclass only sets MODULE."""

    MODULE = None
    _supports_check_mode = True
    _supports_async = True

    def module_source(self):
        """The module file (a Python module) that holds ARGUMENT_SPEC, MODULE_KWARGS and CORE."""
        return importlib.import_module("ansible_collections.%s.plugins.modules.%s" % (COLLECTION, self.MODULE))

    def runs_on_controller(self):
        """True when the module would run in a local process as the controller's user, synchronously."""
        return (getattr(self._connection, "transport", None) == "local"
                and not self._task.async_val
                and not self._play_context.become)

    def run(self, tmp=None, task_vars=None):
        result = super(AlicloudAction, self).run(tmp, task_vars)
        del tmp
        if not self.runs_on_controller():
            result.update(self.run_module(task_vars))
            return result

        source = self.module_source()
        validator = ArgumentSpecValidator(full_argument_spec(source.ARGUMENT_SPEC), **getattr(source, "MODULE_KWARGS", {}))
        validation = validator.validate(self._task.args)
        for warning in validation._warnings:
            display.warning("Both option %s and its alias %s are set." % (warning["option"], warning["alias"]))
        if validation.error_messages:
            msg = validation.errors.msg
            if isinstance(validation.errors[0], UnsupportedError):
                msg = "Unsupported parameters for (%s) module: %s" % (self._task.action, msg)
            result.update(failed=True, changed=False, msg=msg)
            return self.masked(result, validation._no_log_values)

        params = validation.validated_parameters
        outcome = execute(source.CORE, params, bool(self._task.check_mode), bool(self._task.diff), self.environment())
        if outcome.get("code") == "MissingLibrary":
            # The controller's Python lacks the SDK; the host's interpreter may have it.
            result.update(self.run_module(task_vars))
            return result
        result.update(outcome)
        result["invocation"] = {"module_args": params}
        return self.masked(result, validation._no_log_values)

    def environment(self):
        """The environment the module would see: the controller's plus the task's ``environment:``."""
        task_environment = {}
        self._compute_environment_string(task_environment)
        environ = dict(os.environ)
        environ.update((str(k), str(v)) for k, v in task_environment.items())
        return environ

    @staticmethod
    def masked(result, no_log_values):
        """Replace no_log values wherever they appear in result, as AnsibleModule.exit_json does."""
        preserved = dict((k, v) for k, v in result.items() if v is None or isinstance(v, bool))
        result = remove_values(result, no_log_values)
        result.update(preserved)
        return result

    def run_module(self, task_vars):
        """Run the module itself (AnsiballZ) on the task's host."""
        wrap_async = bool(self._task.async_val) and not self._connection.has_native_async
        outcome = self._execute_module(module_name="%s.%s" % (COLLECTION, self.MODULE),
                                       module_args=dict(self._task.args), task_vars=task_vars, wrap_async=wrap_async)
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return outcome

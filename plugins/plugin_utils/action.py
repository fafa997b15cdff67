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
returns what the module would have returned, warnings and deprecations included.

It runs the module itself (the module door) instead when:

* the user asks for it: the variable ``alicloud_interconnect_module_door`` (play,
  inventory, task), or else the controller's environment variable
  ``ALICLOUD_INTERCONNECT_MODULE_DOOR``, is true;
* the task does not run locally on the controller (another connection, become, async);
* the controller's Python lacks the SDK;
* this ansible-core keeps the argument validation's no_log values, deprecations or
  alias warnings somewhere else than the door reads them (``validation_details``).

Everything else it uses is ansible-core's interface for action plugins: the task,
its args and its ``environment``, the templar, ``_execute_module`` and
``_remove_tmp_path``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.alicloud.interconnect.plugins.module_utils.session import preload_sdks
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import execute, full_argument_spec
from ansible_collections.alicloud.interconnect.plugins.module_utils.run_cache import RunCache

COLLECTION = "alicloud.interconnect"
MODULE_DOOR_VARIABLE = "alicloud_interconnect_module_door"
MODULE_DOOR_ENVIRONMENT = "ALICLOUD_INTERCONNECT_MODULE_DOOR"

display = Display()

# The strategy imports an action plugin in the controller's main process, before it forks
# the worker that runs the task: importing the SDKs here, once per playbook run, spares
# every task's worker that import (docs/performance.md has the measurements). Not when
# the environment sends every task through the module door, which never needs them here.
if not boolean(os.environ.get(MODULE_DOOR_ENVIRONMENT) or False, strict=False):
    preload_sdks()

# The tasks of a peering, and a role's check (interconnect_info with vpc_ids), need who their credentials
# act as and their VPCs, which the role's earlier account_info and vpc_info tasks read already: these share
# those reads for the playbook run (module_utils/run_cache.py). Made here, in the main process, so every
# worker it forks holds the same key.
RUN_CACHE = RunCache.for_run()
CACHED_MODULES = ("account_info", "vpc_info", "vswitch_info", "router_interface", "vpc_peer_connection",
                  "interconnect_info")


def validation_details(validation):
    """The no_log values, deprecations and alias warnings of an ArgumentSpecValidator result.

    ansible-core 2.16 to 2.21 keep them in private attributes of the ValidationResult (its
    public interface has the parameters and errors only); None when this ansible-core does
    not, and the door then runs the module, whose AnsibleModule handles them itself.
    """
    try:
        no_log_values = set(validation._no_log_values)
        deprecations = [dict(deprecation) for deprecation in validation._deprecations]
        warnings = ["Both option %s and its alias %s are set." % (warning["option"], warning["alias"])
                    for warning in validation._warnings]
    except (AttributeError, KeyError, TypeError):
        return None
    return no_log_values, deprecations, warnings


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

    def module_door_wanted(self, task_vars):
        """The user's switch: the variable when set, else the controller's environment variable.

        Raises ValueError naming the setting when its value is not a boolean.
        """
        if MODULE_DOOR_VARIABLE in (task_vars or {}):
            name, value = MODULE_DOOR_VARIABLE, self._templar.template(task_vars[MODULE_DOOR_VARIABLE])
        else:
            name, value = MODULE_DOOR_ENVIRONMENT, os.environ.get(MODULE_DOOR_ENVIRONMENT, "")
        if value is None or value == "":
            return False
        try:
            return boolean(value, strict=True)
        except TypeError:
            raise ValueError("%s: expected a boolean (true or false), got %r" % (name, value))

    def run(self, tmp=None, task_vars=None):
        result = super(AlicloudAction, self).run(tmp, task_vars)
        del tmp
        try:
            module_door = self.module_door_wanted(task_vars)
        except ValueError as exc:
            result.update(failed=True, changed=False, msg=str(exc))
            return result
        if module_door or not self.runs_on_controller():
            result.update(self.run_module(task_vars))
            return result

        source = self.module_source()
        validator = ArgumentSpecValidator(full_argument_spec(source.ARGUMENT_SPEC), **getattr(source, "MODULE_KWARGS", {}))
        validation = validator.validate(self._task.args)
        details = validation_details(validation)
        if details is None:
            display.vvv("%s: this ansible-core keeps the argument validation's no_log values elsewhere; running "
                        "the module" % self._task.action)
            result.update(self.run_module(task_vars))
            return result
        no_log_values, deprecations, warnings = details

        if validation.error_messages:
            msg = validation.errors.msg
            if isinstance(validation.errors[0], UnsupportedError):
                msg = "Unsupported parameters for (%s) module: %s" % (self._task.action, msg)
            result.update(failed=True, changed=False, msg=msg)
        else:
            params = validation.validated_parameters
            try:
                environ = self.environment()
            except ValueError as exc:
                result.update(failed=True, changed=False, msg=str(exc))
                return result
            outcome = execute(source.CORE, params, bool(self._task.check_mode), bool(self._task.diff), environ,
                              cache=RUN_CACHE if self.MODULE in CACHED_MODULES else None)
            if outcome.get("code") == "MissingLibrary":
                # The controller's Python lacks the SDK; the host's interpreter may have it.
                result.update(self.run_module(task_vars))
                return result
            warnings.extend(outcome.pop("warnings", []))
            result.update(outcome)
            result["invocation"] = {"module_args": params}
        # What AnsibleModule returns with a result: the validation's warnings and deprecations.
        if warnings:
            result["warnings"] = warnings
        if deprecations:
            result["deprecations"] = deprecations
        return self.masked(result, no_log_values)

    def environment(self):
        """The environment the module would see: the controller's plus the task's ``environment:``.

        ``environment`` is the play's, the block's and the task's, in that order (the later keys
        win), each templated here as the module's environment is.
        """
        environ = dict(os.environ)
        parts = self._task.environment or []
        for part in parts if isinstance(parts, list) else [parts]:
            part = self._templar.template(part) if part else {}
            if not isinstance(part, dict):
                # Its value is not shown: it may hold a secret.
                raise ValueError("environment must be a dictionary, got a %s" % type(part).__name__)
            environ.update((str(k), str(v)) for k, v in part.items())
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
            # None: the temporary directory this task's connection made, if any (an async
            # module's wrapper removes its own).
            self._remove_tmp_path(None)
        return outcome

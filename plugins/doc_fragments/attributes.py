# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Every module: module_defaults group and check mode.
    DOCUMENTATION = r"""
attributes:
  action_group:
    description: Use C(group/alicloud.interconnect.all) in C(module_defaults) to set the shared options once.
    support: full
    membership:
      - alicloud.interconnect.all
  check_mode:
    description:
      - Can run in check_mode and return changed status prediction without modifying the target.
      - A resource the task would create gets a predicted id, C(<prefix>-checkmode-<8 hex digits>) (for example
        C(cen-checkmode-1a2b3c4d)). Given such an id in check mode, the collection's modules predict their own
        change instead of reading the resource, so a whole playbook can be dry-run; outside check mode they
        refuse it.
    support: full
"""

    # Modules with a same-named action plugin (plugins/action/).
    ACTION = r"""
attributes:
  action:
    description:
      - Runs in the controller's worker process when the task runs locally on the controller,
        without starting a module process; otherwise, and when the controller's Python lacks the SDK,
        the module runs on the task's host as usual.
      - Set the variable C(alicloud_interconnect_module_door=true) (inventory, play, block or task),
        or the environment variable E(ALICLOUD_INTERCONNECT_MODULE_DOOR=true) of C(ansible-playbook),
        to run the module as usual in every case; the variable wins over the environment variable.
    support: full
"""

    # Modules that change resources.
    RESOURCE = r"""
attributes:
  diff_mode:
    description: Returns the resource before and after the change in C(diff) when run with C(--diff).
    support: full
"""

    # Read-only modules.
    INFO = r"""
attributes:
  diff_mode:
    description: Read-only; never reports a difference.
    support: none
"""

# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The accounts option of ACCOUNTS_ARGUMENT_SPEC (plugins/module_utils/account_batches.py): keep in lockstep.
    DOCUMENTATION = r"""
options:
  accounts:
    description:
      - Several accounts, each with its credentials, in the form the roles take them (C(cen_network_accounts)).
        The endpoint and region stay the task's. Each account is read in a thread of its own.
      - A task that gives O(accounts) needs no credentials of its own.
      - Before reading an account, the module checks with STS that its credentials act as its
        O(accounts[].account_id), when given.
    type: list
    elements: dict
    suboptions:
      name:
        description: A label for the account, used in messages (default its O(accounts[].account_id)).
        type: str
      account_id:
        description:
          - The account (UID) the credentials must act as, a string or an integer; the module fails, before reading
            that account, when STS says otherwise.
        type: raw
      access_key:
        description: The AccessKey ID.
        type: str
      secret_key:
        description: The AccessKey secret.
        type: str
      security_token:
        description: The STS token of a temporary key.
        type: str
      profile:
        description: A profile of the aliyun CLI configuration file.
        type: str
      shared_credentials_file:
        description: The aliyun CLI configuration file of O(accounts[].profile).
        type: path
      assume_role:
        description:
          - A RAM role to assume with the credentials above, as the shared option O(alicloud_assume_role) (keys
            C(role_arn), C(session_name), C(session_expiration), C(policy), C(external_id)).
        type: dict
"""

    # The lookups option of LOOKUPS_ARGUMENT_SPEC: the batch form of a regional info module.
    LOOKUPS = r"""
options:
  lookups:
    description:
      - Read in one task, instead of in the task's account and region, each of these accounts in its region,
        each in a thread of its own; the criteria of the other options apply to every lookup. The result is then
        RV(results), one entry per lookup.
      - Each lookup's account is the entry of O(accounts) with that O(accounts[].account_id).
      - When a lookup fails, the others are still read; the task then fails, naming each account and region that
        failed, with RV(results).
    type: list
    elements: dict
    suboptions:
      account_id:
        description: The account, a string or an integer.
        type: raw
        required: true
      region:
        description: The region to read it in.
        type: str
        required: true
"""

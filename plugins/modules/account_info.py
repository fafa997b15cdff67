#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: account_info
short_description: Find out which Alibaba Cloud account and identity the credentials act as
version_added: 0.2.0
description:
  - Calls STS C(GetCallerIdentity) with the resolved credentials (after assuming any role) and returns
    the account UID, the ARN and the kind of identity.
  - The account UID is what cross-account steps need, for example C(cen_owner_id) for
    M(alicloud.interconnect.cen_grant) or C(instance_owner_id) for M(alicloud.interconnect.cen_attachment).
  - Also a cheap way to check that credentials, a profile or a role work.
  - With O(accounts), does that for every account given, in one task, and returns RV(results).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
extends_documentation_fragment:
  - alicloud.interconnect.accounts
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
"""

EXAMPLES = r"""
- name: Which account do these keys belong to?
  alicloud.interconnect.account_info:
    alicloud_access_key: "{{ vault_ak }}"
    alicloud_secret_key: "{{ vault_sk }}"
  register: me

- name: The UID of the account behind a profile of ~/.aliyun/config.json
  alicloud.interconnect.account_info:
    profile: network-prod
  register: prod

- name: Check that a cross-account role can be assumed, and find its account
  alicloud.interconnect.account_info:
    alicloud_assume_role:
      role_arn: acs:ram::1000000000000002:role/network-admin
      session_name: ansible-rollout
  register: member

- name: Use the account ids
  ansible.builtin.debug:
    msg: "CEN owner {{ me.account_id }} grants to member {{ member.account_id }} ({{ member.identity_type }})"

- name: Check many accounts' credentials in one task
  alicloud.interconnect.account_info:
    accounts: "{{ cen_network_accounts }}"
  register: identities
"""

RETURN = r"""
account_id:
  description: The UID of the account the credentials act as (for an assumed role, the role's account).
  returned: success, without O(accounts)
  type: str
  sample: "1000000000000001"
arn:
  description: The ARN of the identity.
  returned: success, without O(accounts)
  type: str
  sample: acs:ram::1000000000000002:role/network-admin/ansible-rollout
identity_type:
  description: The kind of identity, C(Account), C(RAMUser) or C(AssumedRoleUser).
  returned: success, without O(accounts)
  type: str
  sample: AssumedRoleUser
principal_id:
  description: The ID of the principal (for an assumed role, the role ID and the session name).
  returned: success, without O(accounts)
  type: str
  sample: "300000000000000001:ansible-rollout"
user_id:
  description: The ID of the RAM user or account; empty for an assumed role.
  returned: success, without O(accounts)
  type: str
  sample: "1000000000000001"
role_id:
  description: The ID of the assumed role; empty unless O(alicloud_assume_role) or a role was used.
  returned: success, without O(accounts)
  type: str
  sample: "300000000000000001"
region:
  description: The region the shared options resolved to, or null when none was set.
  returned: success, without O(accounts)
  type: str
  sample: cn-hangzhou
results:
  description:
    - With O(accounts), one entry per account, in their order, shaped like the results of a loop over them.
    - Each has C(item) (C(account_id), the entry's or else the UID found) and the fields above; or, for an account
      that failed, C(failed) and C(msg) (the error, without the account).
  returned: with O(accounts)
  type: list
  elements: dict
  sample:
    - {item: {account_id: "1000000000000001"}, account_id: "1000000000000001", identity_type: Account,
       arn: "acs:ram::1000000000000001:root", principal_id: "1000000000000001", user_id: "1000000000000001",
       role_id: "", region: cn-hangzhou}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import ACCOUNTS_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.sts import account_info

ARGUMENT_SPEC = dict(ACCOUNTS_ARGUMENT_SPEC)
MODULE_KWARGS = {}
CORE = account_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router_service
short_description: Check or open the account's transit-router service (CEN Enterprise Edition)
version_added: 0.2.0
description:
  - Each Alibaba Cloud account opens the transit-router service once before it can create transit routers
    (M(alicloud.interconnect.transit_router)) or attach its VPCs to another account's transit router. Until
    then, those calls fail with C(Forbbiden.TransitRouterServiceNotOpen).
  - The module reads whether the account the credentials act as has opened it (C(CheckTransitRouterService)),
    and with O(state=present) opens it when it is not (C(OpenTransitRouterService)).
  - Opening the service is free, concerns the whole account, and B(cannot be undone). The module never opens
    it unless O(state=present) is given. In check mode it says, as a warning, that the task would open it;
    with C(--diff), the header of the diff says that opening cannot be undone.
  - With O(accounts) and O(state=query), reads every account's in one task and returns RV(results); O(accounts)
    is refused with O(state=present).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  state:
    description:
      - V(present) opens the service when it is not open; V(query) only reports whether it is.
      - There is no V(absent), since an opened service cannot be closed.
      - Required, so that opening is always written in the task.
    type: str
    choices: [present, query]
    required: true
extends_documentation_fragment:
  - alicloud.interconnect.accounts
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
notes:
  - The service belongs to the account the credentials act as (after O(alicloud_assume_role)); run the task
    once per account, with each account's credentials.
  - CEN is a global service, so O(alicloud_region) is not needed.
seealso:
  - module: alicloud.interconnect.transit_router
"""

EXAMPLES = r"""
- name: Is the transit-router service open?
  alicloud.interconnect.transit_router_service:
    state: query
  register: service

- name: Stop when it is not, naming the account
  ansible.builtin.assert:
    that: service.enabled
    fail_msg: "open the transit-router service of account {{ service.account_id }} first"

- name: Open it (once per account; this cannot be undone)
  alicloud.interconnect.transit_router_service:
    state: present

- name: Which of many accounts have it open? (one task)
  alicloud.interconnect.transit_router_service:
    accounts: "{{ cen_network_accounts }}"
    state: query
  register: services
"""

RETURN = r"""
account_id:
  description: The account the credentials act as, whose service this is.
  returned: without O(accounts)
  type: str
  sample: "1000000000000001"
enabled:
  description:
    - Whether the service is open after the task (in check mode, as it is predicted to be).
  returned: without O(accounts)
  type: bool
  sample: true
order_id:
  description: The order C(OpenTransitRouterService) placed, when the task opened the service.
  returned: when the service was opened
  type: str
  sample: "20262301"
diff:
  description:
    - Whether the service is open before and after, with C(--diff); the header says opening cannot be undone.
  returned: changed and diff mode
  type: dict
  sample:
    before: {"account_id": "1000000000000001", "enabled": false}
    after: {"account_id": "1000000000000001", "enabled": true}
    after_header: "the transit-router service of account 1000000000000001 (opened: this cannot be undone)"
results:
  description:
    - With O(accounts), one entry per account, in their order, shaped like the results of a loop over them.
    - Each has C(item) (C(account_id), the entry's or else the UID found), RV(account_id) and RV(enabled); or, for
      an account that failed, C(failed) and C(msg) (the error, without the account).
  returned: with O(accounts)
  type: list
  elements: dict
  sample:
    - {item: {account_id: "1000000000000001"}, account_id: "1000000000000001", enabled: true}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import ACCOUNTS_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router import transit_router_service

ARGUMENT_SPEC = dict(
    ACCOUNTS_ARGUMENT_SPEC,
    state=dict(type="str", required=True, choices=["present", "query"]),
)
MODULE_KWARGS = {}
CORE = transit_router_service


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()

# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The shared options of COMMON_ARGUMENT_SPEC (plugins/module_utils/options.py): keep in lockstep.
    DOCUMENTATION = r"""
options:
  alicloud_access_key:
    description:
      - The AccessKey ID to sign requests with.
      - When unset, credentials come from, in this order, O(profile), E(ALICLOUD_ACCESS_KEY) and
        E(ALICLOUD_SECRET_KEY), E(ALIBABA_CLOUD_ACCESS_KEY_ID) and E(ALIBABA_CLOUD_ACCESS_KEY_SECRET),
        then the profile named by E(ALICLOUD_PROFILE). Each source is used whole (key, secret and token together).
      - Requires O(alicloud_secret_key).
    type: str
  alicloud_secret_key:
    description:
      - The AccessKey secret that goes with O(alicloud_access_key).
    type: str
  alicloud_security_token:
    description:
      - The STS security token, for temporary credentials in O(alicloud_access_key) and O(alicloud_secret_key).
      - With environment credentials, E(ALICLOUD_SECURITY_TOKEN) or E(ALIBABA_CLOUD_SECURITY_TOKEN).
    type: str
  alicloud_region:
    description:
      - The region to work in, for example V(cn-hangzhou).
      - When unset, the region of the profile given by O(profile) if the credentials come from it,
        then E(ALICLOUD_REGION), E(ALIBABA_CLOUD_REGION_ID), then the region of the E(ALICLOUD_PROFILE) profile
        if the credentials come from it.
      - Region-scoped APIs (VPC) need one; global ones (CEN, STS, VpcPeer) work without.
    type: str
  alicloud_assume_role:
    description:
      - Assume this RAM role (STS AssumeRole) with the resolved credentials and act as the role.
      - When unset, E(ALICLOUD_ASSUME_ROLE_ARN) names a role to assume with the defaults below.
      - A profile of mode C(RamRoleArn) assumes its own role first; this role is then assumed from that one.
    type: dict
    suboptions:
      role_arn:
        description:
          - The ARN of the role, like V(acs:ram::1000000000000001:role/ops).
        type: str
        required: true
      session_name:
        description:
          - The role session name. Defaults to V(ansible-alicloud-interconnect).
        type: str
      session_expiration:
        description:
          - How long the temporary credentials last, in seconds (900 to the role's maximum). Defaults to 3600.
        type: int
      policy:
        description:
          - A JSON policy that further restricts the role's permissions for this session.
        type: str
      external_id:
        description:
          - The external ID the role's trust policy requires, if any.
        type: str
  profile:
    description:
      - A profile of the aliyun CLI configuration file O(shared_credentials_file).
      - Profiles of mode C(AK), C(StsToken) and C(RamRoleArn) are supported.
      - When only O(shared_credentials_file) is given, its C(current) profile is used.
      - An explicit profile takes precedence over credential environment variables; E(ALICLOUD_PROFILE) does not.
    type: str
  shared_credentials_file:
    description:
      - The aliyun CLI configuration file to read O(profile) from.
      - Defaults to E(ALICLOUD_SHARED_CREDENTIALS_FILE), then C(~/.aliyun/config.json).
    type: path
  alicloud_endpoint:
    description:
      - Send the requests of every product (CEN, VPC, VpcPeer, STS) to this one address instead of
        Alibaba Cloud's endpoints, for example V(http://127.0.0.1:8765) for the alicloud.interconnect emulator.
      - The form is C(http[s]://host[:port]); without a scheme, HTTPS is used.
      - Proxy environment variables are not used for a loopback address or a host that E(NO_PROXY) names.
      - When unset, E(ALICLOUD_ENDPOINT).
    type: str
requirements:
  - python >= 3.8
  - alibabacloud-cbn20170912, alibabacloud-vpc20160428, alibabacloud-vpcpeer20220101 and alibabacloud-sts20150401
    (each module needs only the products it calls)
notes:
  - Failures report the API error code in C(code) and the request id in C(request_id).
  - Throttling, server errors and unreachable endpoints are retried with jittered exponential backoff,
    honouring the service's C(x-acs-retry-after).
"""

    # For resources that pass through transitional states (WAIT_ARGUMENT_SPEC).
    WAIT = r"""
options:
  wait:
    description:
      - Wait for the resource to reach a settled state before returning.
      - With V(false) the module returns as soon as the API accepted the change. It still waits where the
        next call of the same task needs it (the module's notes say where).
      - Never waits in check mode.
    type: bool
    default: true
  wait_timeout:
    description:
      - The time budget, in seconds, of the whole task, counted from its start. Every wait of the task and
        every retry of a request refused because the resource is busy with another change draws on it.
      - When it runs out after the task changed something, the task fails with C(changed=true), the ids of
        what it created or changed, and a message saying what was done and what a re-run will do.
    type: int
    default: 300
"""

    # For taggable resources (TAGS_ARGUMENT_SPEC).
    TAGS = r"""
options:
  tags:
    description:
      - Tags to set on the resource, as a dictionary of key and value.
      - If O(tags) is not set, the resource's tags are not changed.
      - Keys starting with C(aliyun) or C(acs:) are reserved by Alibaba Cloud and refused.
    type: dict
  purge_tags:
    description:
      - Remove tags that are on the resource but not in O(tags).
      - Reserved tags (C(aliyun), C(acs:)) are never removed.
      - Has no effect when O(tags) is not set.
    type: bool
    default: true
"""

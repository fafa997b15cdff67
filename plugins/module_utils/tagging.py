# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tags: the API's tag lists, what to set and unset, and the TagResources/UntagResources calls.

(API tags to a dict, as results show them, is results.tags_to_dict.)"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import tags_to_dict

RESERVED_TAG_PREFIXES = ("aliyun", "acs:")


def tags_to_list(tags):
    """``{key: value}`` -> the API's ``[{"Key": key, "Value": value}]``, sorted by key."""
    return [dict(Key=k, Value=_tag_value(v)) for k, v in sorted((tags or {}).items())]


def _tag_value(value):
    return "" if value is None else str(value)


def is_reserved_tag(key):
    """Keys starting with aliyun or acs: belong to Alibaba Cloud and are never set or removed by a module."""
    return str(key).lower().startswith(RESERVED_TAG_PREFIXES)


def compare_tags(current, desired, purge=True):
    """What to change to go from current to desired tags: ``(to_set: dict, to_unset: list)``.

    desired None means "leave tags alone". With purge, current keys missing from desired are
    removed, except reserved (aliyun/acs:) keys. A desired reserved key is an error.
    """
    if desired is None:
        return {}, []
    current = current or {}
    reserved = sorted(k for k in desired if is_reserved_tag(k))
    if reserved:
        raise AlicloudError(None, "tag keys starting with %s are reserved by Alibaba Cloud: %s"
                            % (" or ".join(RESERVED_TAG_PREFIXES), ", ".join(reserved)))
    to_set = dict((k, _tag_value(v)) for k, v in desired.items()
                  if k not in current or _tag_value(current[k]) != _tag_value(v))
    to_unset = sorted(k for k in current if k not in desired and not is_reserved_tag(k)) if purge else []
    return to_set, to_unset


def tags_after(current, to_set, to_unset):
    """The API's tag list ``current`` once compare_tags()'s ``to_set`` and ``to_unset`` are applied."""
    tags = dict((k, v) for k, v in tags_to_dict(current).items() if k not in to_unset)
    tags.update(to_set)
    return tags_to_list(tags)


def apply_tags(session, resource_type, resource_id, to_set, to_unset):
    """Untag then tag one CBN resource (``cen``, ``bwp``) as compare_tags() says. Returns True when it wrote."""
    if to_unset:
        session.call("cbn", "UntagResources", ResourceType=resource_type, ResourceId=[resource_id], TagKey=to_unset)
    if to_set:
        session.call("cbn", "TagResources", ResourceType=resource_type, ResourceId=[resource_id],
                     Tag=tags_to_list(to_set))
    return bool(to_set or to_unset)

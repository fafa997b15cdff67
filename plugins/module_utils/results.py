# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""API answers as the modules return them: snake_case names, unwrapped lists, every page of a
listing, the changed fields and the diff, a resource found by name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError

_V_WORDS = re.compile(r"V(Switch|Router)")
_CAPS_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")
_WORD_START = re.compile(r"([a-z0-9])([A-Z])")


def snake_name(name):
    """CenId -> cen_id, VSwitchIds -> vswitch_ids, GeographicRegionAId -> geographic_region_a_id."""
    name = _V_WORDS.sub(lambda m: "V" + m.group(1).lower(), name)
    return _WORD_START.sub(r"\1_\2", _CAPS_WORD.sub(r"\1_\2", name)).lower()


def unwrap(value):
    """{"Tag": [...]} -> [...]: Alibaba's one-key wrapper around a list. Anything else is returned as is."""
    if isinstance(value, dict) and len(value) == 1:
        inner = list(value.values())[0]
        if isinstance(inner, list):
            return inner
    return value


def tags_to_dict(tags):
    """API tags (``[{"Key", "Value"}]``, or wrapped as ``{"Tag": [...]}``) -> ``{key: value}``."""
    tags = unwrap(tags) or []
    if isinstance(tags, dict):
        return dict(tags)
    return dict((t.get("Key", t.get("TagKey")), t.get("Value", t.get("TagValue")) or "") for t in tags)


def every_page(session, product, operation, list_key, page_size, **fields):
    """Every item of a PageNumber/PageSize listing (``fields`` as for ``Session.call``), page after page."""
    items, number = [], 1
    while True:
        body = session.call(product, operation, PageNumber=number, PageSize=page_size, **fields)
        page = unwrap(body.get(list_key)) or []
        items.extend(page)
        if not page or len(items) >= int(body.get("TotalCount") or 0):
            return items
        number += 1


def every_token_page(session, product, operation, list_key, **fields):
    """Every item of a NextToken listing (``fields`` as for ``Session.call``, page size included)."""
    items, token = [], None
    while True:
        body = session.call(product, operation, NextToken=token, **fields)
        items.extend(unwrap(body.get(list_key)) or [])
        token = body.get("NextToken")
        if not token:
            return items


def snake_dict(data, unwrap_keys=(), tag_keys=("Tags",)):
    """Convert an API dict (recursively) to snake_case keys.

    Keys in ``unwrap_keys`` lose their single-list wrapper (``{"Cens": {"Cen": [...]}}`` ->
    ``"cens": [...]``). Keys in ``tag_keys`` become a plain ``{key: value}`` dict whose keys
    are left exactly as the user wrote them.
    """
    if isinstance(data, dict):
        result = {}
        for key, value in data.items():
            if key in tag_keys:
                result[snake_name(key)] = tags_to_dict(value)
                continue
            if key in unwrap_keys:
                value = unwrap(value)
            result[snake_name(key)] = snake_dict(value, unwrap_keys, tag_keys)
        return result
    if isinstance(data, list):
        return [snake_dict(item, unwrap_keys, tag_keys) for item in data]
    return data


def changed_fields(current, desired):
    """The entries of desired that are set (not None) and differ from current."""
    current = current or {}
    return dict((k, v) for k, v in desired.items() if v is not None and current.get(k) != v)


def make_diff(before, after):
    """The ``diff`` a module returns: ``{"before": ..., "after": ...}`` ({} stands for absent)."""
    return {"before": before or {}, "after": after or {}}


def find_by_name(items, name, what, id_key, name_key="Name"):
    """The one item whose name_key equals name, None when there is none.

    Names are not unique in Alibaba Cloud: when several items match, this fails and lists their ids.
    """
    matches = [item for item in items if item.get(name_key) == name]
    if len(matches) > 1:
        raise AlicloudError(None, "%d %s are named %r (%s); give the id instead of the name"
                            % (len(matches), what, name, ", ".join(str(m.get(id_key)) for m in matches)))
    return matches[0] if matches else None

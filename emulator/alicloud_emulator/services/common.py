"""What every service does the same way: ownership, times, pages, names, tags and filters.

Where the products differ (a CBN tag key holds 64 characters, a VPC one 128; the codes
of a refused NextToken or tag list) the difference is a parameter, so one rule lives
in one place and each service states only its own values.
"""

import collections
import hashlib
import time

from alicloud_emulator.errors import ApiError, invalid

MAX_TAGS = 20
RESERVED_TAG_PREFIXES = ("aliyun", "acs:")


# ------------------------------------------------------------------ records
def owned(ctx, kind, rid, region=None, error=None):
    """The caller's record ``kind``/``rid`` (in ``region`` when given); when there is none, None or,
    given ``error``, that ApiError raised."""
    rec = ctx.world.get(kind, rid) if rid else None
    if rec is not None and rec["_account"] == ctx.account and (not region or rec["_region"] == region):
        return rec
    if error is not None:
        raise error
    return None


def public(record):
    """A record without its bookkeeping keys (``_account``, ``_region``, ``_tags``, ...)."""
    return {k: v for k, v in record.items() if not k.startswith("_")}


def iso_time(world, offset=0):
    """``YYYY-MM-DDThh:mm:ssZ`` of the world's clock (plus ``offset`` seconds)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(world.now() + offset))


def default_resource_group(account):
    """Every account's default resource group id, stable across restarts."""
    return "rg-acfm" + hashlib.sha256(("rg/%s" % account).encode()).hexdigest()[:11]


def dry_run_passed():
    return ApiError("DryRunOperation", "Request validation has been passed with DryRun flag set.", 400)


def split_ids(value):
    """``"a,b"`` (or a list) -> ``["a", "b"]``, blanks dropped."""
    if value is None:
        return []
    items = value if isinstance(value, list) else value.split(",")
    return [item.strip() for item in items if item and item.strip()]


# ------------------------------------------------------------------ pages
def page_numbers(p):
    """The checked PageNumber (default 1) and PageSize (1..50, default 10) of a request."""
    number = 1 if p.get("PageNumber") is None else p["PageNumber"]
    size = 10 if p.get("PageSize") is None else p["PageSize"]
    if number < 1:
        raise invalid("PageNumber", "must be 1 or more")
    if not 1 <= size <= 50:
        raise invalid("PageSize", "must be 1 to 50")
    return number, size


def page_body(items, p, wrapper, member, view=None):
    """A PageNumber/PageSize answer: one page of ``items`` (each through ``view`` when given) as
    ``{wrapper: {member: [...]}}`` with TotalCount, PageNumber and PageSize (see :func:`page_numbers`)."""
    number, size = page_numbers(p)
    shown = items[(number - 1) * size : number * size]
    return {
        wrapper: {member: [view(item) for item in shown] if view else shown},
        "TotalCount": len(items),
        "PageNumber": number,
        "PageSize": size,
    }


Page = collections.namedtuple("Page", "items next_token size")


def token_page(items, p, default, maximum, size_key="MaxResults", token_code="InvalidParameter"):
    """One NextToken page of ``items``: a :class:`Page` (items, next token or "", page size).

    The page size is ``p[size_key]`` (``default`` when absent, 1..``maximum``); a NextToken this
    operation did not hand out gets ``token_code``."""
    size = default if p.get(size_key) is None else p[size_key]
    if not 1 <= size <= maximum:
        raise invalid(size_key, "must be 1 to %d" % maximum)
    token = p.get("NextToken") or "0"
    if not token.isdigit() or int(token) > len(items):
        raise ApiError(token_code, "The specified NextToken is not a token this operation returned.", 400)
    start = int(token)
    end = start + size
    return Page(items[start:end], str(end) if end < len(items) else "", size)


# ------------------------------------------------------------------ names and descriptions
def check_text(value, what, high, low=1, code="InvalidParameter", letter_first=False):
    """A name or description: ``low``..``high`` characters, no http(s):// prefix, optionally a letter
    first; anything else is ApiError ``code`` naming ``what``."""
    if value is None:
        return
    if not low <= len(value) <= high:
        why = "must be %d to %d characters long" % (low, high)
    elif value.startswith(("http://", "https://")):
        why = "cannot start with http:// or https://"
    elif letter_first and value and not value[0].isalpha():
        why = "must start with a letter"
    else:
        return
    raise ApiError(code, "The specified %s is not valid: it %s." % (what, why), 400)


# ------------------------------------------------------------------ tags
TagRules = collections.namedtuple("TagRules", "key_length too_many duplicate")


def check_tags(tags, rules):
    """A request's ``Tag.N`` list checked by a service's :class:`TagRules`; returns ``{key: value}``.

    At most 20 tags (else ``rules.too_many``), keys of 1..``rules.key_length`` characters and values of
    at most 128, neither starting with ``aliyun`` or ``acs:`` nor holding a URL (InvalidTagKey /
    InvalidTagValue), each key once (else ``rules.duplicate``)."""
    tags = tags or []
    if len(tags) > MAX_TAGS:
        raise ApiError(rules.too_many, "The maximum number of tags (%d) is exceeded." % MAX_TAGS, 400)
    out = {}
    for tag in tags:
        key, value = tag.get("Key"), tag.get("Value") or ""
        if not key or len(key) > rules.key_length or _reserved(key):
            raise ApiError(
                "InvalidTagKey",
                "The tag key %r is not valid: 1 to %d characters, not starting with aliyun or acs:, no URL."
                % (key, rules.key_length),
                400,
            )
        if len(value) > 128 or _reserved(value):
            raise ApiError(
                "InvalidTagValue",
                "The tag value of %s is not valid: at most 128 characters, not starting with aliyun or acs:, no URL."
                % key,
                400,
            )
        if key in out:
            raise ApiError(rules.duplicate, "The tag key %s is given twice." % key, 400)
        out[key] = value
    return out


def _reserved(text):
    return text.startswith(RESERVED_TAG_PREFIXES) or "http://" in text or "https://" in text


def merged_tags(current, new, too_many):
    """``current`` tags with ``new`` ones set; more than 20 in all is ApiError ``too_many``."""
    tags = dict(current or {})
    tags.update(new)
    if len(tags) > MAX_TAGS:
        raise ApiError(too_many, "The maximum number of tags (%d) is exceeded." % MAX_TAGS, 400)
    return tags


def tags_match(have, wanted):
    """True when the tags ``have`` hold every wanted key (with the wanted value, when one is given)."""
    have = have or {}
    for tag in wanted or []:
        key = tag.get("Key")
        if key not in have:
            return False
        if tag.get("Value") and have[key] != tag["Value"]:
            return False
    return True


def tag_list(tags):
    """``{key: value}`` -> ``[{"Key", "Value"}]``, sorted by key."""
    return [{"Key": key, "Value": value} for key, value in sorted((tags or {}).items())]


# ------------------------------------------------------------------ filters
def check_filters(filters, keys, unknown_key, max_filters=5, max_values=None):
    """``Filter.N.Key``/``Filter.N.Value.M``: at most ``max_filters`` filters (of ``max_values`` values
    when given) on known ``keys``; an unknown key is ``unknown_key(index, key)`` raised. Returns the list."""
    filters = filters or []
    if len(filters) > max_filters:
        raise invalid("Filter", "holds at most %d filters" % max_filters)
    for index, flt in enumerate(filters, 1):
        if flt.get("Key") not in keys:
            raise unknown_key(index, flt.get("Key"))
        if max_values is not None and len(flt.get("Value") or []) > max_values:
            raise invalid("Filter.%d.Value" % index, "holds at most %d values" % max_values)
    return filters

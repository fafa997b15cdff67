"""The catalog is derived from the installed SDKs: every operation, its parameters, its response model."""

import importlib
import inspect
import re

import pytest

from alicloud_emulator import catalog
from alicloud_emulator.registry import PRODUCTS

CATALOG = catalog.load()


def client_source(product):
    return inspect.getsource(importlib.import_module(PRODUCTS[product][1] + ".client"))


def method_blocks(product):
    """``{action: source of its sync *with_options method}``, read straight from the SDK client."""
    source = client_source(product)
    blocks = {}
    for match in re.finditer(r"\n    def (\w+?)_?with_options\(\n(.*?)(?=\n    (?:async )?def )", source, re.S):
        action = re.search(r"action\s*=\s*'(\w+)'", match.group(2))
        if action:
            blocks[action.group(1)] = match.group(2)
    return blocks


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_every_operation_of_the_sdk_has_a_spec(product):
    actions = set(re.findall(r"action\s*=\s*'(\w+)'", client_source(product)))
    assert actions
    assert set(CATALOG.actions(product)) == actions
    for action in actions:
        op = CATALOG.get(product, action)
        assert op.version == PRODUCTS[product][0]
        assert op.response_model is not None, action


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_request_parameters_are_what_the_client_sends(product):
    for action, block in method_blocks(product).items():
        if "to_map()" in block:  # operations that send the whole request model
            continue
        sent = set(re.findall(r"\['(\w+)'\]\s*=\s*request\.", block))
        assert set(CATALOG.get(product, action).params) == sent, action


def test_known_shapes():
    attach = CATALOG.get("cbn", "AttachCenChildInstance")
    assert attach.required == ("CenId", "ChildInstanceId", "ChildInstanceRegionId", "ChildInstanceType")
    assert attach.params["ChildInstanceOwnerId"] == "int"
    cens = CATALOG.get("cbn", "DescribeCens")
    assert cens.params["Filter"] == ("list", ("object", {"Key": "str", "Value": ("list", "str")}, frozenset()))
    router = CATALOG.get("cbn", "CreateTransitRouter")
    assert router.encoded == {"TransitRouterCidrList": "json"}
    peers = CATALOG.get("vpcpeer", "ListVpcPeerConnections")
    assert peers.encoded == {"VpcId": "simple"}
    assert "RegionId" in peers.body_params and "Tags" not in peers.body_params
    assert CATALOG.get("vpc", "CreateRouterInterface").params["OppositeInterfaceOwnerId"] == "str"
    assert CATALOG.get("sts", "AssumeRole").required == ("RoleArn", "RoleSessionName")
    assert CATALOG.get("sts", "AssumeRoleWithOIDC").auth_type == "Anonymous"


def test_common_parameters_are_never_required():
    for op in CATALOG.operations.values():
        assert not set(op.required) & catalog.COMMON_PARAMS


def _junk(value, spec):
    """``value`` (a to_map() result) with an unknown key added to every model object inside it."""
    if isinstance(spec, tuple) and spec[0] == "object" and isinstance(value, dict):
        out = {k: _junk(v, spec[1].get(k)) for k, v in value.items()}
        out["NotInTheModel"] = {"x": 1}
        return out
    if isinstance(spec, tuple) and spec[0] == "list" and isinstance(value, list):
        return [_junk(item, spec[1]) for item in value]
    return value  # scalars, and maps (whose keys are free)


def test_pruning_keeps_exactly_the_models_keys_for_every_operation():
    deriver = catalog._Deriver()  # pylint: disable=protected-access
    checked = 0
    for op in CATALOG.operations.values():
        full = deriver.sample(op.response_model).to_map()
        spec = deriver.model_spec(op.response_model)[0]
        junked = _junk(full, spec)
        assert junked != full
        assert op.prune(junked) == full, op
        checked += 1
    assert checked == len(CATALOG.operations) > 500


def test_pruning_drops_unknown_keys_and_keeps_known_ones():
    op = CATALOG.get("cbn", "DescribeCens")
    body = {"Cens": {"Cen": [{"CenId": "cen-1", "Secret": "x", "Tags": {"Tag": [{"Key": "k", "Value": "v", "Z": 1}]}}]},
            "TotalCount": 1, "Extra": True}
    pruned = op.prune(body)
    assert "Extra" not in pruned and pruned["TotalCount"] == 1
    (cen,) = pruned["Cens"]["Cen"]
    assert cen["CenId"] == "cen-1" and "Secret" not in cen
    assert cen["Tags"]["Tag"] == [{"Key": "k", "Value": "v"}]


def test_the_catalog_is_derived_once_per_process():
    assert catalog.load() is CATALOG

"""Routing, parameter parsing and response shaping, through the official SDKs."""

import pytest
from alibabacloud_cbn20170912 import models as cbn_models
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_vpcpeer20220101 import models as peer_models

from conftest import UID1, UID2

CBN = "2017-09-12"


def last_params(core, action):
    matching = [params for name, params in core.seen if name == action]
    assert matching, "the handler of %s did not run" % action
    return matching[-1]


def test_repeat_lists_and_nested_lists_are_unflattened(core):
    cbn = core.client("cbn", UID1)
    cbn.describe_cens(cbn_models.DescribeCensRequest(
        page_size=20,
        filter=[cbn_models.DescribeCensRequestFilter(key="CenId", value=["cen-1", "cen-2"]),
                cbn_models.DescribeCensRequestFilter(key="Name", value=["n"])],
        tag=[cbn_models.DescribeCensRequestTag(key="env", value="dev")],
    ))
    assert last_params(core, "DescribeCens") == {
        "PageSize": 20,
        "Filter": [{"Key": "CenId", "Value": ["cen-1", "cen-2"]}, {"Key": "Name", "Value": ["n"]}],
        "Tag": [{"Key": "env", "Value": "dev"}],
    }


def test_list_order_follows_the_index_not_the_wire_order(core):
    core.call(CBN, "DescribeCens", query={"Tag.10.Key": "j", "Tag.2.Key": "b", "Tag.1.Key": "a"})
    assert [t["Key"] for t in last_params(core, "DescribeCens")["Tag"]] == ["a", "b", "j"]


def test_json_shrink_parameter_is_decoded_with_its_types(core):
    cbn = core.client("cbn", UID1)
    cbn.create_transit_router(cbn_models.CreateTransitRouterRequest(
        cen_id="cen-1", region_id="cn-hangzhou", dry_run=True,
        transit_router_cidr_list=[cbn_models.CreateTransitRouterRequestTransitRouterCidrList(
            cidr="192.168.0.0/16", publish_cidr_route=True)],
    ))
    assert last_params(core, "CreateTransitRouter") == {
        "CenId": "cen-1", "RegionId": "cn-hangzhou", "DryRun": True,
        "TransitRouterCidrList": [{"Cidr": "192.168.0.0/16", "PublishCidrRoute": True}],
    }


def test_comma_shrink_parameter_in_the_form_body_is_split(core):
    peer = core.client("vpcpeer", UID1)
    peer.list_vpc_peer_connections(peer_models.ListVpcPeerConnectionsRequest(
        region_id="cn-hangzhou", vpc_id=["vpc-1", "vpc-2"], max_results=5))
    assert last_params(core, "ListVpcPeerConnections") == {
        "RegionId": "cn-hangzhou", "VpcId": ["vpc-1", "vpc-2"], "MaxResults": 5}


def test_form_body_and_query_parameters_are_both_read_and_typed(core):
    peer = core.client("vpcpeer", UID1)
    peer.create_vpc_peer_connection(peer_models.CreateVpcPeerConnectionRequest(
        region_id="cn-hangzhou", vpc_id="vpc-1", accepting_ali_uid=int(UID2), accepting_region_id="cn-shanghai",
        accepting_vpc_id="vpc-2", dry_run=False, link_type="Gold",
        tag=[peer_models.CreateVpcPeerConnectionRequestTag(key="k", value="v")]))
    assert last_params(core, "CreateVpcPeerConnection") == {
        "RegionId": "cn-hangzhou", "VpcId": "vpc-1", "AcceptingAliUid": int(UID2), "AcceptingRegionId": "cn-shanghai",
        "AcceptingVpcId": "vpc-2", "DryRun": False, "LinkType": "Gold", "Tag": [{"Key": "k", "Value": "v"}]}


@pytest.mark.parametrize("text,value", [("true", True), ("TRUE", True), ("False", False), ("false", False)])
def test_booleans_parse_in_any_case(core, text, value):
    core.call(CBN, "CreateTransitRouter", query={"CenId": "c", "RegionId": "r", "DryRun": text})
    assert last_params(core, "CreateTransitRouter")["DryRun"] is value


def test_common_owner_parameters_are_dropped(core):
    cbn = core.client("cbn", UID1)
    cbn.create_cen(cbn_models.CreateCenRequest(name="x", owner_id=5, resource_owner_id=6,
                                                owner_account="a", resource_owner_account="b"))
    assert last_params(core, "CreateCen") == {"Name": "x"}


def expect_error(fn, code, status):
    with pytest.raises(ClientException) as info:
        fn()
    assert info.value.code == code
    assert info.value.status_code == status
    return info.value


def test_unknown_parameters_are_accepted_and_named_in_the_call_log(core):
    core.call(CBN, "DescribeCens", query={"NoSuchParam": "1", "Tag.1.Key": "env", "Tag.1.Colour": "red"})
    assert last_params(core, "DescribeCens") == {"Tag": [{"Key": "env"}]}
    assert core.calls()[-1]["ignored_params"] == ["NoSuchParam", "Tag.1.Colour"]


def test_unknown_fields_of_a_json_shrink_parameter_are_named_too(core):
    cidrs = '[{"Cidr": "192.168.0.0/16", "Colour": "red"}]'
    core.call(CBN, "CreateTransitRouter", query={"CenId": "c", "RegionId": "r", "TransitRouterCidrList": cidrs})
    assert last_params(core, "CreateTransitRouter")["TransitRouterCidrList"] == [{"Cidr": "192.168.0.0/16"}]
    assert core.calls()[-1]["ignored_params"] == ["TransitRouterCidrList.1.Colour"]


@pytest.mark.parametrize("name", ["RegionId", "OwnerId", "OwnerAccount", "ResourceOwnerId", "ResourceOwnerAccount"])
def test_rpc_common_parameters_are_accepted_on_every_operation_and_not_ignored(core, name):
    core.call(CBN, "CreateCen", query={"Name": "n", name: "1"})
    assert last_params(core, "CreateCen") == {"Name": "n"}
    assert core.calls()[-1]["ignored_params"] == []


def test_region_id_reaches_the_operations_whose_model_has_it(core):
    core.call(CBN, "CreateTransitRouter", query={"CenId": "c", "RegionId": "cn-hangzhou"})
    assert last_params(core, "CreateTransitRouter")["RegionId"] == "cn-hangzhou"


def test_bad_list_index_is_refused(core):
    expect_error(lambda: core.call(CBN, "DescribeCens", query={"Tag.x.Key": "a"}), "InvalidParameter", 400)


def test_non_integer_for_an_integer_parameter_is_refused(core):
    expect_error(lambda: core.call(CBN, "DescribeCens", query={"PageSize": "ten"}), "InvalidParameter", 400)


def test_non_boolean_for_a_boolean_parameter_is_refused(core):
    expect_error(lambda: core.call(CBN, "CreateTransitRouter", query={"CenId": "c", "RegionId": "r", "DryRun": "yes"}),
                 "InvalidParameter", 400)


def test_bad_json_in_a_shrink_parameter_is_refused(core):
    expect_error(lambda: core.call(CBN, "CreateTransitRouter",
                                   query={"CenId": "c", "RegionId": "r", "TransitRouterCidrList": "[{"}),
                 "InvalidParameter", 400)


def test_missing_required_parameter_is_refused_through_the_sdk(core):
    sts = core.client("sts", UID2)
    err = expect_error(lambda: sts.assume_role(sts_models.AssumeRoleRequest(role_session_name="s")),
                       "MissingParameter", 400)
    assert "RoleArn" in err.data["Message"]


def test_unknown_action_gets_alibabas_code(core):
    expect_error(lambda: core.call(CBN, "LaunchRocket"), "InvalidAction.NotFound", 404)


def test_sdk_operation_without_a_handler_is_reported_as_not_found(core):
    err = expect_error(lambda: core.call(CBN, "DeleteCen", query={"CenId": "cen-1"}), "InvalidAction.NotFound", 404)
    assert "DeleteCen" in err.data["Message"]


def test_unknown_version_is_refused(core):
    expect_error(lambda: core.call("2099-01-01", "DescribeCens"), "InvalidVersion", 400)


def test_actions_are_looked_up_in_the_product_of_the_version(core):
    core.call("2022-01-01", "CreateVpcPeerConnection", body={
        "RegionId": "r", "VpcId": "v", "AcceptingAliUid": 1, "AcceptingRegionId": "r", "AcceptingVpcId": "w"})
    expect_error(lambda: core.call(CBN, "CreateVpcPeerConnection"), "InvalidAction.NotFound", 404)


def test_error_body_has_alibabas_fields(core):
    err = expect_error(lambda: core.call(CBN, "LaunchRocket"), "InvalidAction.NotFound", 404)
    assert set(err.data) - {"statusCode"} == {"RequestId", "HostId", "Code", "Message", "Recommend"}
    assert err.request_id == err.data["RequestId"]


def test_response_is_pruned_to_the_model_and_gets_a_request_id(core):
    created = core.call(CBN, "CreateCen", query={"Name": "n"})
    assert set(created["body"]) == {"CenId", "RequestId"}
    assert created["headers"]["x-acs-request-id"] == created["body"]["RequestId"]
    listed = core.call(CBN, "DescribeCens")["body"]
    (cen,) = listed["Cens"]["Cen"]
    assert "Unknown" not in cen and cen["CenId"] == created["body"]["CenId"]


def test_sdk_reads_the_pruned_response(core):
    cbn = core.client("cbn", UID1)
    cen_id = cbn.create_cen(cbn_models.CreateCenRequest(name="n")).body.cen_id
    body = cbn.describe_cens(cbn_models.DescribeCensRequest()).body
    assert [c.cen_id for c in body.cens.cen] == [cen_id]
    assert body.total_count == 1


def create_cen(client, name, token):
    return client.create_cen(cbn_models.CreateCenRequest(name=name, client_token=token)).body.cen_id


def test_client_token_replays_the_first_answer_without_a_new_write(core):
    cbn = core.client("cbn", UID1)
    first = create_cen(cbn, "n", "tok-1")
    assert create_cen(cbn, "n", "tok-1") == first
    assert len(core.world.records("cen")) == 1
    assert [name for name, _p in core.seen] == ["CreateCen"]
    calls = core.calls(writes=True)
    assert [c.get("replayed", False) for c in calls] == [False, True]


def test_client_token_with_other_parameters_is_a_mismatch(core):
    cbn = core.client("cbn", UID1)
    create_cen(cbn, "n", "tok-1")
    expect_error(lambda: create_cen(cbn, "other", "tok-1"), "IdempotentParameterMismatch", 400)
    assert len(core.world.records("cen")) == 1


def test_client_tokens_are_per_account(core):
    first = create_cen(core.client("cbn", UID1), "n", "tok-1")
    second = create_cen(core.client("cbn", UID2), "n", "tok-1")
    assert first != second
    assert len(core.world.records("cen")) == 2


def test_writes_without_a_client_token_are_not_deduplicated(core):
    cbn = core.client("cbn", UID1)
    assert create_cen(cbn, "n", None) != create_cen(cbn, "n", None)

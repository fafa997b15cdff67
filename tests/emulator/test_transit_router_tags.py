"""Tags of the transit-router family (CBN TagResources / UntagResources / ListTagResources with
ResourceType TransitRouter, TransitRouterVpcAttachment, TransitRouterPeerAttachment, TransitRouterRouteTable),
driven through the official CBN SDK."""

from conftest import UID1, UID2
from test_transit_router import env, hz  # noqa: F401 (fixtures)


def tagged(env, rtype, rid):
    rows = env.call(UID1, "ListTagResources", ResourceType=rtype, ResourceId=[rid])
    return {r["TagKey"]: r["TagValue"] for r in rows["TagResources"]["TagResource"]}


def test_a_vpc_attachment_is_tagged_untagged_and_listed(env, hz):  # noqa: F811
    _cen_id, tr_id, zones = hz
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones, Tag=[{"Key": "env", "Value": "test"}])
    env.call(UID1, "TagResources", ResourceType="TransitRouterVpcAttachment", ResourceId=[att_id],
             Tag=[{"Key": "team", "Value": "net"}])
    assert tagged(env, "TransitRouterVpcAttachment", att_id) == {"env": "test", "team": "net"}
    env.call(UID1, "UntagResources", ResourceType="TransitRouterVpcAttachment", ResourceId=[att_id],
             TagKey=["env"])
    assert tagged(env, "TransitRouterVpcAttachment", att_id) == {"team": "net"}
    assert env.describe_attachment(att_id)["Tags"] == [{"Key": "team", "Value": "net"}]


def test_a_router_is_tagged_and_other_kinds_or_accounts_are_not_found(env, hz):  # noqa: F811
    _cen_id, tr_id, zones = hz
    env.call(UID1, "TagResources", ResourceType="TransitRouter", ResourceId=[tr_id],
             Tag=[{"Key": "a", "Value": "b"}])
    assert tagged(env, "TransitRouter", tr_id) == {"a": "b"}
    att_id = env.vpc_attach(tr_id, "vpc-a1", zones)
    tables = env.tables()
    assert env.error(UID1, "TagResources", ResourceType="TransitRouterPeerAttachment",
                     ResourceId=[att_id], Tag=[{"Key": "a", "Value": "b"}]) == \
        ("InvalidTransitRouterAttachmentId.NotFound", 400)
    assert env.error(UID2, "TagResources", ResourceType="TransitRouter", ResourceId=[tr_id],
                     Tag=[{"Key": "a", "Value": "b"}]) == ("InvalidTransitRouterId.NotFound", 400)
    assert env.error(UID1, "TagResources", ResourceType="Vpc", ResourceId=[tr_id],
                     Tag=[{"Key": "a", "Value": "b"}])[0] == "InvalidParameter"
    assert env.tables() == tables

"""Many SDK clients at once, and persistent connections."""

import threading

import pytest
from alibabacloud_cbn20170912 import models as cbn_models
from alibabacloud_tea_openapi.exceptions import ClientException

from conftest import UID1, UID2

CLIENTS = 50


def test_fifty_concurrent_sdk_clients_all_succeed(core):
    results = {}
    errors = []
    start = threading.Barrier(CLIENTS)

    def worker(index):
        who = UID1 if index % 2 else UID2
        try:
            cbn = core.client("cbn", who)
            sts = core.client("sts", who)
            start.wait()
            ids = []
            for call in range(3):
                assert sts.get_caller_identity().body.account_id == who
                token = "tok-%d-%d" % (index, call)
                ids.append(cbn.create_cen(cbn_models.CreateCenRequest(name="c%d" % index, client_token=token)).body.cen_id)
            results[index] = (who, ids)
        except Exception as err:  # collected and reported below, with the thread that saw it
            errors.append((index, repr(err)))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    all_ids = [cen_id for _who, ids in results.values() for cen_id in ids]
    assert len(all_ids) == len(set(all_ids)) == CLIENTS * 3
    for who, ids in results.values():
        for cen_id in ids:
            assert core.world.get("cen", cen_id)["_account"] == who
    assert len(core.calls()) == CLIENTS * 6
    assert all(call["outcome"] == "ok" for call in core.calls())


def test_sequential_calls_reuse_one_keep_alive_connection(core):
    sts = core.client("sts", UID1)
    cbn = core.client("cbn", UID1)
    for _ in range(10):
        sts.get_caller_identity()
        cbn.describe_cens(cbn_models.DescribeCensRequest())
    assert core.httpd.connections == 1


def test_errors_keep_the_connection_open(core):
    bad = core.client("sts", ("AK1", "wrong"))
    good = core.client("sts", UID1)
    for _ in range(5):
        with pytest.raises(ClientException):
            bad.get_caller_identity()
        good.get_caller_identity()
    assert core.httpd.connections == 1

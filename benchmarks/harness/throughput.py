# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Figure 4: signed SDK calls per second the emulator answers, 8 clients at once.

Each client is a process with its own official CBN SDK client (ACS3-HMAC-SHA256
signatures, keep-alive connection). The clients import the SDK and make a first
call, wait for each other, then call ``DescribeCens`` for a fixed time; the figure
is the number of answered calls over that time. Every call must succeed.

The clients' own work (the SDK builds and signs each request, then parses the
answer) costs about twice the emulator's on this machine, and on a shared machine
other processes take their part of the two cores: so the emulator's CPU time per
call, read from /proc, is given too. It is the emulator's own cost whatever the load.
"""

import multiprocessing
import os
import time

from harness.emulator import PROXY_VARIABLES

CLIENTS = 8


def _client(endpoint, key, ready, start, seconds, results):
    import os

    for name in PROXY_VARIABLES:
        os.environ.pop(name, None)
    from alibabacloud_cbn20170912 import models
    from alibabacloud_cbn20170912.client import Client
    from alibabacloud_tea_openapi.models import Config

    client = Client(Config(access_key_id=key[0], access_key_secret=key[1], endpoint=endpoint, protocol="http",
                           region_id="cn-hangzhou"))
    request = models.DescribeCensRequest(page_size=10)
    client.describe_cens(request)
    ready.release()
    start.wait()
    calls = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        client.describe_cens(request)
        calls += 1
    results.put(calls)


def measure(emulator, key, clients=CLIENTS, seconds=5.0):
    """Calls per second over ``seconds`` with ``clients`` concurrent SDK clients; the log must show them all ok."""
    context = multiprocessing.get_context("fork")
    ready, start, results = context.Semaphore(0), context.Event(), context.Queue()
    workers = [context.Process(target=_client, args=(emulator.endpoint, key, ready, start, seconds, results))
               for _ in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        if not ready.acquire(timeout=120):
            raise RuntimeError("a throughput client did not start")
    first = emulator.last_seq()
    cpu_before = cpu_seconds(emulator.process.pid)
    start.set()
    counts = [results.get(timeout=seconds + 120) for _ in workers]
    for worker in workers:
        worker.join()
    cpu_after = cpu_seconds(emulator.process.pid)
    logged = emulator.calls(since=first)
    failed = [c for c in logged if c["outcome"] != "ok"]
    if failed or len(logged) != sum(counts):
        raise RuntimeError("throughput: %d calls made, %d logged, %d failed (%s)"
                           % (sum(counts), len(logged), len(failed), failed[:3]))
    return dict(calls=sum(counts), seconds=seconds, rate=sum(counts) / seconds, clients=clients,
                server_ms_per_call=None if cpu_before is None else 1000.0 * (cpu_after - cpu_before) / sum(counts))


def cpu_seconds(pid):
    """User + system CPU seconds of a process so far (Linux /proc), None elsewhere."""
    try:
        with open("/proc/%d/stat" % pid, encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / float(os.sysconf("SC_CLK_TCK"))

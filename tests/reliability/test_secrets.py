"""Case 8: no secret key, security token or assumed-role secret gets out of a run.

Runs are made with ``-vvv --diff``. Everything they produce is searched for every
secret the emulator knows -- the seeded AccessKey secrets and, read from its state
file after the run, the secrets and tokens STS minted for the roles the run assumed:
the output, every task result (as callbacks get them), and every file the run created
or changed (Ansible's log, HOME with its async job files, the temporary directory).

* account_info through every way of giving credentials: keys, the task's environment,
  an STS key with its token, a profile file, an assumed role, a wrong secret, a role
  that refuses the caller, and the module door itself (an ``async`` task runs the
  module through AnsiballZ, not the action plugin);
* the scenario playbooks and the rollout, from the ``baseline`` (built with ``-vvv --diff``).
"""

import os
from urllib.parse import quote

import pytest
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_sts20150401.client import Client as StsClient
from alibabacloud_tea_openapi.utils_models import Config

import harness

HUB_UID, MEMBER_UID = "1000000000000001", "1000000000000002"
HUB = dict(alicloud_access_key="RELHUBKEY", alicloud_secret_key="rel-hub-secret-7f3a")
MEMBER = dict(alicloud_access_key="RELMEMBERKEY", alicloud_secret_key="rel-member-secret-9c1d")
OPS_ROLE = "acs:ram::%s:role/ops" % HUB_UID


def read(path):
    with open(path, "rb") as stream:
        return stream.read().decode("utf-8", errors="replace")


def leaks(secrets, sources):
    """``[(source, secret)]`` for every secret found (as is, or URL-encoded) in a source text."""
    found = []
    for name, text in sources.items():
        for secret in secrets:
            if secret in text or quote(secret, safe="") in text:
                found.append((name, secret[:4] + "..."))
    return found


def run_sources(runs):
    sources = {}
    for run in runs:
        sources["output of " + run.label] = run.stdout
        sources["results of " + run.label] = "\n".join(repr(r) for r in run.results)
    return sources


def mint_sts_key(emulator):
    """An STS key of the hub's ops role, assumed by the member: what a user might paste into a task."""
    sts = StsClient(Config(access_key_id=MEMBER["alicloud_access_key"], access_key_secret=MEMBER["alicloud_secret_key"],
                           endpoint="127.0.0.1:%d" % emulator.port, protocol="http", region_id="cn-hangzhou"))
    creds = sts.assume_role(sts_models.AssumeRoleRequest(role_arn=OPS_ROLE, role_session_name="pasted")).body.credentials
    return dict(alicloud_access_key=creds.access_key_id, alicloud_secret_key=creds.access_key_secret,
                alicloud_security_token=creds.security_token)


def account_info_playbook(path, sts_key, credentials_file):
    def task(name, args=None, **extra):
        body = {"name": name, "alicloud.interconnect.account_info": args or {}, "register": "out"}
        body.update(extra)
        return [body, {"name": "show " + name, "ansible.builtin.debug": {"var": "out"}}]

    tasks = []
    tasks += task("keys", dict(HUB))
    tasks += task("keys in the environment", environment={
        "ALICLOUD_ACCESS_KEY": HUB["alicloud_access_key"], "ALICLOUD_SECRET_KEY": HUB["alicloud_secret_key"]})
    tasks += task("an STS key with its token", dict(sts_key))
    tasks += task("a profile", dict(profile="ops-team", shared_credentials_file=credentials_file))
    role = dict(role_arn=OPS_ROLE, session_name="s8", external_id="ext-5ecret-1d")
    tasks += task("an assumed role", dict(MEMBER, alicloud_assume_role=role))
    tasks += task("a wrong secret", dict(HUB, alicloud_secret_key="wrong-" + HUB["alicloud_secret_key"]),
                  ignore_errors=True)
    tasks += task("a role that refuses the caller",
                  dict(HUB, alicloud_assume_role=dict(role_arn="acs:ram::%s:role/audit" % MEMBER_UID)),
                  ignore_errors=True)
    tasks += task("the module door (async)", dict(MEMBER, alicloud_assume_role=dict(role_arn=OPS_ROLE)),
                  **{"async": 60, "poll": 1})
    play = {"name": "account_info, every way", "hosts": "localhost", "gather_facts": False, "tasks": tasks}
    return harness.write_playbook(path, [play])


def credentials_profile(path):
    path.write_text('{"current": "ops-team", "profiles": [{"name": "ops-team", "mode": "AK", '
                    '"access_key_id": "%s", "access_key_secret": "%s"}]}'
                    % (HUB["alicloud_access_key"], HUB["alicloud_secret_key"]))
    return str(path)


@pytest.mark.timeout(300)
def test_account_info_never_shows_a_secret(emulator_factory, tmp_path, figures):
    emulator = emulator_factory(state_file=True)
    scratch = tmp_path / "run"
    ansible = harness.Ansible(str(scratch), emulator)
    sts_key = mint_sts_key(emulator)
    playbook = account_info_playbook(str(tmp_path / "account_info.yml"), sts_key,
                                     credentials_profile(tmp_path / "aliyun.json"))
    before = harness.snapshot(str(scratch))
    tables = emulator.settled_state()["tables"]
    run = ansible.run(playbook, "account_info -vvv --diff", verbosity=3, diff=True)
    harness.assert_converged(run, emulator)
    assert emulator.settled_state()["tables"] == tables, "account_info changed the emulator's resources"
    identities = [r["result"]["account_id"] for r in run.results
                  if r["action"] == "alicloud.interconnect.account_info" and r["status"] == "ok"]
    assert identities == [HUB_UID] * 6, identities
    refused = [r["result"].get("code") for r in run.results if r["status"] == "failed"]
    assert refused == ["SignatureDoesNotMatch", "NoPermission"], refused
    async_result = run.by_name("the module door (async)")[0]["result"]
    assert async_result["results_file"].startswith(os.path.join(str(scratch), "async")), async_result

    secrets = harness.secrets_of(emulator.state_file) | {"ext-5ecret-1d"}
    minted = [s for s in secrets if s not in (HUB["alicloud_secret_key"], MEMBER["alicloud_secret_key"])]
    assert len(minted) >= 6, "the run assumed roles: STS secrets and tokens must be among those searched"
    ansible.wait_for_tmp_cleanup()
    files = harness.written_files(before, harness.snapshot(str(scratch)))
    sources = run_sources([run])
    # What is searched holds the credentials around the secrets (the key ids), masked secrets aside.
    assert HUB["alicloud_access_key"] in sources["output of " + run.label]
    sources.update(("file " + path, read(path)) for path in files)
    found = leaks(secrets, sources)
    assert not found, "secrets found: %s" % found
    figures["secrets (account_info)"] = dict(secrets_searched=len(secrets), files_searched=len(files),
                                             tasks=len(run.results))


@pytest.mark.timeout(900)
def test_scenarios_never_show_a_secret(baseline, figures):
    """The baseline built every scenario with -vvv --diff: search its output, results and files."""
    assert all("task path:" in run.stdout for run in baseline.runs), "the runs were not -vvv"
    assert any("--- before" in run.stdout for run in baseline.runs), "the runs were not --diff"
    secrets = baseline.secrets
    assert len(secrets) > 3, "the scenarios assume a role: STS secrets and tokens must be among those searched"
    files = sorted(baseline.files)
    sources = run_sources(baseline.runs)
    sources.update(("file " + path, read(path)) for path in files)
    found = leaks(secrets, sources)
    assert not found, "secrets found: %s" % found
    figures["secrets (scenarios)"] = dict(secrets_searched=len(secrets), files_searched=len(files),
                                          output_bytes=sum(len(r.stdout) for r in baseline.runs))

# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jobs run the way AWX runs them: ansible-runner, a private data dir whose
env/envvars is what the credential type injects, against a freshly started
emulator; then the job's result, the API calls the emulator saw, and the job's
stored output (which must never hold a secret). The jobs are the multi-account
playbook of tests/awx/job/ (the pattern of docs/awx.md: one credential, a role
per account from the inventory) and the scenario playbook S1 of playbooks/."""

import glob
import importlib
import os

from alibabacloud_tea_openapi.utils_models import Config

from awxtest import ROOT

CENTRAL = "1000000000000010"
NETWORK_A = "1000000000000011"
NETWORK_B = "1000000000000012"
ROLE_A = "acs:ram::%s:role/network-admin" % NETWORK_A
CENTRAL_SECRET = "central-secret-5b7e1c"

IDENTITY_TASK = "Ask STS who the credential acts as"
MEMBER_TASK = "Ask STS who the role acts as"


def central_credential(emulator, **inputs):
    credential = dict(access_key="AKCENTRAL", secret_key=CENTRAL_SECRET, region="cn-hangzhou", endpoint=emulator.url)
    credential.update(inputs)
    return credential


def assert_no_secret(job, *secrets):
    output = job.stored_output()
    for secret in secrets:
        assert secret not in output


def sts_calls(emulator):
    return sorted((c["account"], c["action"], c["outcome"]) for c in emulator.calls())


def test_one_central_credential_reaches_every_member_account_through_its_role(run_job, emulator):
    job = run_job(central_credential(emulator), limit="localhost,network_a,network_b")

    assert job.status == "successful", job.stdout
    assert job.stats["failures"] == {} and job.stats["ok"] == {"localhost": 2, "network_a": 2, "network_b": 2}
    me = job.results(IDENTITY_TASK)["localhost"]
    assert (me["account_id"], me["identity_type"], me["region"]) == (CENTRAL, "Account", "cn-hangzhou")
    members = job.results(MEMBER_TASK)
    assert sorted(members) == ["network_a", "network_b"]
    assert members["network_a"]["account_id"] == NETWORK_A
    assert members["network_b"]["account_id"] == NETWORK_B
    for host, region in (("network_a", "cn-hangzhou"), ("network_b", "cn-shanghai")):
        assert members[host]["identity_type"] == "AssumedRoleUser"
        assert members[host]["region"] == region
        # The session name carries the AWX job id (extra variable awx_job_id).
        assert members[host]["arn"].endswith("/network-admin/awx-job-42")
    # The central account assumed each member's role once; each member was asked once, as itself.
    assert sts_calls(emulator) == [
        (CENTRAL, "AssumeRole", "ok"), (CENTRAL, "AssumeRole", "ok"), (CENTRAL, "GetCallerIdentity", "ok"),
        (NETWORK_A, "GetCallerIdentity", "ok"), (NETWORK_B, "GetCallerIdentity", "ok"),
    ]
    assert_no_secret(job, CENTRAL_SECRET)


def test_the_credentials_role_serves_plays_without_one_and_inventory_roles_replace_it(run_job, emulator):
    job = run_job(central_credential(emulator, assume_role_arn=ROLE_A), limit="localhost,network_b")

    assert job.status == "successful", job.stdout
    me = job.results(IDENTITY_TASK)["localhost"]
    assert (me["account_id"], me["identity_type"]) == (NETWORK_A, "AssumedRoleUser")
    member = job.results(MEMBER_TASK)["network_b"]
    assert member["account_id"] == NETWORK_B
    # Not chained through the credential's role: network-b's role trusts the central account only.
    assert [c["account"] for c in emulator.calls() if c["action"] == "AssumeRole"] == [CENTRAL, CENTRAL]
    assert_no_secret(job, CENTRAL_SECRET)


def test_temporary_credentials_need_the_security_token(run_job, emulator):
    host, port = emulator.url[len("http://"):].split(":")
    sts = importlib.import_module("alibabacloud_sts20150401.client").Client(Config(
        access_key_id="AKCENTRAL", access_key_secret=CENTRAL_SECRET, endpoint="%s:%s" % (host, port), protocol="http"))
    models = importlib.import_module("alibabacloud_sts20150401.models")
    creds = sts.assume_role(models.AssumeRoleRequest(role_arn=ROLE_A, role_session_name="handed-to-awx")).body.credentials
    temporary = dict(access_key=creds.access_key_id, secret_key=creds.access_key_secret, endpoint=emulator.url)

    job = run_job(dict(temporary, security_token=creds.security_token), limit="localhost")
    assert job.status == "successful", job.stdout
    me = job.results(IDENTITY_TASK)["localhost"]
    assert (me["account_id"], me["identity_type"], me["region"]) == (NETWORK_A, "AssumedRoleUser", None)
    assert me["arn"].endswith("/network-admin/handed-to-awx")
    assert_no_secret(job, creds.access_key_secret, creds.security_token)

    without_token = run_job(temporary, limit="localhost")
    assert without_token.status == "failed"
    failure = without_token.results(IDENTITY_TASK, "runner_on_failed")["localhost"]
    assert failure["code"] == "InvalidSecurityToken.MismatchWithAccessKey"


def test_a_refused_role_fails_the_job_with_the_api_code_and_no_secret_in_the_output(run_job, emulator):
    job = run_job(central_credential(emulator), limit="network_c", verbosity=3)

    assert job.status == "failed"
    assert job.stats["failures"] == {"network_c": 1}
    failure = job.results(MEMBER_TASK, "runner_on_failed")["network_c"]
    assert failure["code"] == "NoPermission"
    assert "AssumeRole failed: NoPermission" in failure["msg"]
    assert [(c["account"], c["action"], c["outcome"]) for c in emulator.calls()] == [(CENTRAL, "AssumeRole", "NoPermission")]
    assert '"module_args": {' in job.stdout  # -vvv prints the task's whole result...
    assert_no_secret(job, CENTRAL_SECRET)  # ...which still holds no secret


# A job template for a scenario playbook of playbooks/: the playbook reads its accounts
# from interconnect_accounts, so the job template's extra variables point the account
# at the credential that AWX injects, and no key is written anywhere else.
CREDENTIAL_ACCOUNT_VARS = {
    "interconnect_accounts": {
        "hub": {
            "account_id": "1000000000000001",
            "access_key": "{{ lookup('ansible.builtin.env', 'ALICLOUD_ACCESS_KEY') }}",
            "secret_key": "{{ lookup('ansible.builtin.env', 'ALICLOUD_SECRET_KEY') }}",
            "security_token": "{{ lookup('ansible.builtin.env', 'ALICLOUD_SECURITY_TOKEN') }}",
        },
    },
}


def test_scenario_s1_builds_from_the_injected_credential_and_a_second_job_changes_nothing(run_job, start_emulator):
    emulator = start_emulator(os.path.join(ROOT, "playbooks", "emulator", "demo-world.yml"))
    credential = dict(access_key="DEMOHUBKEY", secret_key="demo-hub-secret", region="cn-hangzhou", endpoint=emulator.url)
    (scenario,) = glob.glob(os.path.join(ROOT, "playbooks", "s1_*.yml"))

    def job():
        return run_job(credential, playbook=os.path.basename(scenario), project=os.path.dirname(scenario),
                       extravars=CREDENTIAL_ACCOUNT_VARS)

    first = job()
    assert first.status == "successful", first.stdout
    assert first.stats["changed"] == {"localhost": 2}
    tables = emulator.admin("/_emulator/state")["tables"]
    (cen,) = tables["cen"].values()
    assert (cen["Name"], cen["_account"]) == ("interconnect-s1", "1000000000000001")
    attached = sorted(a["ChildInstanceId"] for a in tables["cen_attachment"].values() if a["CenId"] == cen["CenId"])
    assert attached == ["vpc-s1db", "vpc-s1web"]
    assert_no_secret(first, "demo-hub-secret")

    writes = len([c for c in emulator.calls() if c["write"]])
    second = job()
    assert second.status == "successful", second.stdout
    assert second.stats["changed"] == {}
    assert len([c for c in emulator.calls() if c["write"]]) == writes
    assert set(c["account"] for c in emulator.calls()) == {"1000000000000001"}

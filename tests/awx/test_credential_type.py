# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX credential type (extensions/awx/credential_type/) against what AWX
accepts and what the collection's modules read from the environment."""

import awxtest

INPUTS, INJECTORS = awxtest.load()
FIELDS = dict((field["id"], field) for field in INPUTS["fields"])
FULL = dict(access_key="AKCENTRAL", secret_key="s3cret", security_token="tok3n", region="cn-shanghai",
            assume_role_arn="acs:ram::1000000000000011:role/network-admin", endpoint="http://127.0.0.1:8765")


def test_inputs_are_what_awx_accepts():
    assert len(FIELDS) == len(INPUTS["fields"]), "field ids must be unique"
    for field in INPUTS["fields"]:
        assert set(field) <= {"id", "label", "type", "secret", "help_text"}
        assert field["type"] == "string" and field["label"]
    assert set(INPUTS["required"]) == {"access_key", "secret_key"}
    assert sorted(name for name, field in FIELDS.items() if field.get("secret")) == ["secret_key", "security_token"]


def test_injectors_use_only_defined_inputs_and_every_input_is_injected():
    assert list(INJECTORS) == ["env"]
    awxtest.check_templates(INPUTS, INJECTORS)
    used = set()
    for template in INJECTORS["env"].values():
        used |= awxtest.template_variables(template)
    assert used == set(FIELDS)
    # AWX refuses variables that change Ansible's own configuration.
    assert all(name.startswith("ALICLOUD_") for name in INJECTORS["env"])


def test_a_full_credential_reaches_every_shared_option(collection_credentials):
    settings = collection_credentials.resolve_settings({}, awxtest.inject(INPUTS, INJECTORS, FULL))
    creds = settings["credentials"]
    assert (creds.access_key_id, creds.access_key_secret, creds.security_token) == ("AKCENTRAL", "s3cret", "tok3n")
    assert settings["region"] == "cn-shanghai"
    assert settings["roles"] == [{"role_arn": FULL["assume_role_arn"]}]
    assert settings["endpoint"] == "http://127.0.0.1:8765"


def test_empty_inputs_inject_variables_the_modules_treat_as_unset(collection_credentials):
    environ = awxtest.inject(INPUTS, INJECTORS, dict(access_key="AK", secret_key="SK"))
    assert environ["ALICLOUD_SECURITY_TOKEN"] == environ["ALICLOUD_ASSUME_ROLE_ARN"] == ""
    settings = collection_credentials.resolve_settings({}, environ)
    assert settings["credentials"].security_token is None
    assert (settings["region"], settings["roles"], settings["endpoint"]) == (None, [], None)


def test_play_options_win_over_the_credential(collection_credentials):
    """module_defaults of group/alicloud.interconnect.all set options, and options beat the environment."""
    role = dict(role_arn="acs:ram::1000000000000012:role/network-admin", session_name="awx-job-7")
    params = dict(alicloud_region="cn-beijing", alicloud_assume_role=role, alicloud_endpoint=None)
    settings = collection_credentials.resolve_settings(params, awxtest.inject(INPUTS, INJECTORS, FULL))
    assert settings["region"] == "cn-beijing"
    assert settings["roles"] == [role]
    assert settings["credentials"].access_key_id == "AKCENTRAL"

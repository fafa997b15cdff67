# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""extensions/awx/load_credential_type.yml against a stand-in for the credential
type endpoints of the AWX REST API (/api/v2/credential_types/): it creates the
type from the files, changes nothing when the type matches, puts back what
someone changed, and stops at a refused token."""

import http.server
import json
import os
import subprocess
import threading
import urllib.parse

import pytest

import awxtest

PLAYBOOK = os.path.join(awxtest.ROOT, "extensions", "awx", "load_credential_type.yml")
TOKEN = "awx-token-83b1"


class FakeAwx(http.server.ThreadingHTTPServer):
    """GET (list, filtered by name), POST and PATCH of credential types, behind a bearer token."""

    def __init__(self):
        http.server.ThreadingHTTPServer.__init__(self, ("127.0.0.1", 0), Handler)
        self.types = {}
        self.requests = []

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server_address[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        return

    def answer(self, status, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        awx = self.server
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length).decode("utf-8")) if length else None
        awx.requests.append((self.command, url.path, body))
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.answer(401, {"detail": "Authentication credentials were not provided."})
        parts = url.path.strip("/").split("/")
        if parts[:3] != ["api", "v2", "credential_types"]:
            return self.answer(404, {"detail": "Not found."})
        if self.command == "GET" and len(parts) == 3:
            name = urllib.parse.parse_qs(url.query).get("name", [None])[0]
            found = [t for t in awx.types.values() if name is None or t["name"] == name]
            return self.answer(200, {"count": len(found), "next": None, "previous": None, "results": found})
        if self.command == "POST" and len(parts) == 3:
            record = dict(body, id=len(awx.types) + 1, managed=False, namespace=None)
            awx.types[record["id"]] = record
            return self.answer(201, record)
        if self.command == "PATCH" and len(parts) == 4 and int(parts[3]) in awx.types:
            awx.types[int(parts[3])].update(body)
            return self.answer(200, awx.types[int(parts[3])])
        return self.answer(405, {"detail": "Method not allowed."})

    do_GET = do_POST = do_PATCH = handle_any


@pytest.fixture
def awx():
    server = FakeAwx()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def load(awx, token=TOKEN, *options):
    env = dict(os.environ, CONTROLLER_HOST=awx.url + "/", CONTROLLER_OAUTH_TOKEN=token, ANSIBLE_NOCOLOR="1")
    return subprocess.run([awxtest.tool("ansible-playbook"), PLAYBOOK] + list(options), env=env, check=False,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)


def writes(awx):
    return [(method, path) for method, path, _body in awx.requests if method != "GET"]


def test_creates_the_type_from_the_files_changes_nothing_then_puts_back_edits(awx):
    inputs, injectors = awxtest.load()
    first = load(awx)
    assert first.returncode == 0, first.stdout
    assert "changed=1" in first.stdout
    (record,) = awx.types.values()
    assert (record["name"], record["kind"]) == ("Alibaba Cloud", "cloud")
    assert record["inputs"] == inputs
    # The injectors reach AWX as templates, not rendered by the play.
    assert record["injectors"] == injectors and record["injectors"]["env"]["ALICLOUD_SECRET_KEY"] == "{{ secret_key }}"
    assert writes(awx) == [("POST", "/api/v2/credential_types/")]

    second = load(awx)
    assert second.returncode == 0, second.stdout
    assert "changed=0" in second.stdout
    assert writes(awx) == [("POST", "/api/v2/credential_types/")]

    record["injectors"] = {"env": {"ALICLOUD_ACCESS_KEY": "{{ access_key }}"}}
    record["description"] = "edited by hand"
    third = load(awx)
    assert third.returncode == 0, third.stdout
    assert "changed=1" in third.stdout
    assert writes(awx)[1:] == [("PATCH", "/api/v2/credential_types/1/")]
    assert record["injectors"] == injectors
    assert record["description"].startswith("An Alibaba Cloud AccessKey")
    assert len(awx.types) == 1


def test_a_refused_token_fails_without_writing_or_showing_it(awx):
    refused = load(awx, "wrong-token-5e0c", "-vvv")
    assert refused.returncode != 0
    assert "answered 401: Authentication credentials were not provided." in refused.stdout
    assert "wrong-token-5e0c" not in refused.stdout
    assert writes(awx) == [] and awx.types == {}

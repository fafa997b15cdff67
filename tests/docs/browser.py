# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A headless Chromium driven through the Chrome DevTools protocol over a pipe
(``--remote-debugging-pipe``: JSON messages ending in a NUL byte, Chromium reads
file descriptor 3 and writes 4), so no WebDriver, websocket library or browser
download is needed.

``Browser().visit(url)`` loads a page and returns a :class:`Visit`: the page's
links and images as the browser resolved them, its anchors (``id`` and
``name``), and every error the browser reported while loading it (a script
exception, a ``console.error``, a resource that failed to load: Log.entryAdded).
"""

import json
import os
import shutil
import subprocess
import tempfile

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")

# Runs in the page once it has loaded.
INSPECT = """JSON.stringify({
  links: Array.from(document.querySelectorAll('a[href]'), a => a.href),
  ids: Array.from(document.querySelectorAll('[id], a[name]'), e => e.id || e.getAttribute('name')),
  images: Array.from(document.images, i => ({src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0})),
})"""


def executable():
    """The path of a Chromium, or None."""
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


class Visit(object):
    def __init__(self, url, found, errors):
        self.url = url
        self.links = found["links"]
        self.ids = set(found["ids"])
        self.broken_images = [image["src"] for image in found["images"] if not image["ok"]]
        self.errors = errors


class Browser(object):
    def __init__(self, path=None):
        self.profile = tempfile.mkdtemp(prefix="docs-chromium-")
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()
        # Chromium reads commands on descriptor 3 and writes answers and events on 4.
        self.process = subprocess.Popen(
            [path or executable(), "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--user-data-dir=" + self.profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=lambda: (os.dup2(to_browser, 3), os.dup2(from_browser, 4)))
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable", session=self.session)

    def _message(self):
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 65536)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message.decode("utf-8"))

    def call(self, method, session=None, events=None, **params):
        """Send a command and return its result; events that arrive meanwhile go to ``events``."""
        self._next += 1
        command = {"id": self._next, "method": method, "params": params}
        if session:
            command["sessionId"] = session
        os.write(self._write, json.dumps(command).encode("utf-8") + b"\0")
        while True:
            message = self._message()
            if message.get("id") == self._next:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message["result"]
            if events is not None and "method" in message:
                events.append(message)

    def visit(self, url):
        events = []
        self.call("Page.navigate", session=self.session, events=events, url=url)
        while not any(event["method"] == "Page.loadEventFired" for event in events):
            message = self._message()
            if "method" in message:
                events.append(message)
        found = self.call("Runtime.evaluate", session=self.session, events=events, expression=INSPECT,
                          returnByValue=True)["result"]["value"]
        return Visit(url, json.loads(found), [error for error in map(_error, events) if error])

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        os.close(self._read)
        os.close(self._write)
        shutil.rmtree(self.profile, ignore_errors=True)


def _error(event):
    """The text of an event that reports an error, else None."""
    method, params = event["method"], event.get("params", {})
    if method == "Runtime.exceptionThrown":
        details = params["exceptionDetails"]
        return "exception: %s" % details.get("exception", {}).get("description", details.get("text"))
    if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
        values = [str(arg.get("value", arg.get("description"))) for arg in params["args"]]
        return "console.%s: %s" % (params["type"], " ".join(values))
    if method == "Log.entryAdded" and params["entry"]["level"] == "error":
        return "%s: %s %s" % (params["entry"]["source"], params["entry"]["text"], params["entry"].get("url", ""))
    return None

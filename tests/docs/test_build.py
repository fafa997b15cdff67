# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make docs` (ci/docs.py): the HTML docs have a page for every module, role and
guide (docs/*.md, the folders of docs/ such as docs/scenarios/, the extra docs),
linked from the index, and every link inside the site leads to a page and an
anchor that exist: in the HTML files, and as headless Chromium loads every page
(tests/docs/browser.py), which also fails on a missing image or a console error. The
guides' topology pictures (ci/scenario_pictures.py) are drawn, not shown as their text."""

import glob
import html.parser
import os
import posixpath
import re
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
import yaml

import browser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Page(html.parser.HTMLParser):
    """The links (href, src) and anchors (id) of an HTML page."""

    def __init__(self, path):
        html.parser.HTMLParser.__init__(self)
        self.links, self.ids = [], set()
        with open(path, encoding="utf-8") as handle:
            self.feed(handle.read())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(value for name, value in attrs.items() if name == "id" and value)
        self.links.extend(attrs[name] for name in ("href", "src") if attrs.get(name))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("docs") / "html"
    built = subprocess.run([sys.executable, os.path.join(ROOT, "ci", "docs.py"), str(dest)], check=False,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if built.returncode != 0:
        pytest.fail("ci/docs.py failed:\n" + built.stdout, pytrace=False)
    return str(dest)


def expected_pages():
    modules = [os.path.basename(path)[:-3] for path in glob.glob(os.path.join(ROOT, "plugins", "modules", "*.py"))
               if not path.endswith("__init__.py")]
    roles = [path.split(os.sep)[-3] for path in glob.glob(os.path.join(ROOT, "roles", "*", "meta", "argument_specs.yml"))]
    # Filter and test plugins are documented in a YAML file each.
    plugins = ["collection/%s_%s.html" % (os.path.basename(path)[:-4], kind) for kind in ("filter", "test")
               for path in glob.glob(os.path.join(ROOT, "plugins", kind, "*.yml"))]
    guides = ["%s.html" % os.path.relpath(path, ROOT)[:-3].replace(os.sep, "/")
              for path in glob.glob(os.path.join(ROOT, "docs", "*.md")) + glob.glob(os.path.join(ROOT, "docs", "*", "*.md"))]
    with open(os.path.join(ROOT, "docs", "docsite", "extra-docs.yml"), encoding="utf-8") as handle:
        extra = yaml.safe_load(handle)
    guides += ["docs/docsite/rst/%s.html" % name for section in extra["sections"] for name in section["toctree"]]
    return (["collection/%s_module.html" % name for name in modules] + ["collection/%s_role.html" % name for name in roles]
            + plugins + guides + ["collection/index.html"])


def test_every_module_role_and_guide_has_a_page_linked_from_the_index(site):
    pages = expected_pages()
    assert {"collection/account_info_module.html", "docs/awx.html", "docs/scenarios/README.html"} <= set(pages)
    linked = set(Page(os.path.join(site, "index.html")).links)
    for page in pages:
        assert os.path.isfile(os.path.join(site, page)), page
        assert page in linked, page


def test_a_module_page_shows_its_options_examples_and_return_values(site):
    page = Page(os.path.join(site, "collection", "account_info_module.html"))
    assert {"parameter-alicloud_access_key", "parameter-alicloud_assume_role/role_arn", "examples",
            "return-account_id", "return-identity_type"} <= page.ids
    with open(os.path.join(site, "collection", "account_info_module.html"), encoding="utf-8") as handle:
        text = handle.read()
    assert "network-prod" in text  # from EXAMPLES


PICTURE = "<!-- topology drawn by interconnect_info"


def test_every_guide_picture_is_drawn_as_svg_not_shown_as_mermaid_text(site):
    guides = []
    for path in glob.glob(os.path.join(ROOT, "docs", "*.md")) + glob.glob(os.path.join(ROOT, "docs", "*", "*.md")):
        with open(path, encoding="utf-8") as handle:
            if PICTURE in handle.read():
                guides.append(path)
    assert {"topology.md", "s1_same_region.md", "rollout.md"} <= set(os.path.basename(path) for path in guides)
    for guide in guides:
        with open(guide, encoding="utf-8") as handle:
            mermaid = handle.read().split(PICTURE)[1].split("```mermaid\n")[1]
        first_node = mermaid.splitlines()[1].split("(")[0].strip()  # n_vpc_s1db("vpc-s1db<br/>...
        page = os.path.join(site, os.path.relpath(guide, ROOT)[:-3] + ".html")
        with open(page, encoding="utf-8") as handle:
            html_text = handle.read()
        assert first_node not in html_text, "%s shows its picture as Mermaid text" % page
        drawn = re.findall(r'<object data="([^"]+[.]svg)" type="image/svg[+]xml" class="graphviz', html_text)
        assert len(drawn) == 1, "%s: no picture drawn by Graphviz" % page
        with open(os.path.join(os.path.dirname(page), drawn[0]), encoding="utf-8") as handle:
            svg = html.unescape(handle.read())
        assert "<svg" in svg and first_node[len("n_"):].replace("_", "-", 1) in svg, drawn[0]


def test_every_link_inside_the_site_leads_to_an_existing_page_and_anchor(site):
    pages = {}
    for path in glob.glob(os.path.join(site, "**", "*.html"), recursive=True):
        pages[os.path.relpath(path, site).replace(os.sep, "/")] = Page(path)
    checked = 0
    for name, page in sorted(pages.items()):
        for link in page.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("mailto:"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path)) if parts.path else name
            assert not target.endswith((".rst", ".md")), "%s links to the source %s" % (name, link)
            assert os.path.exists(os.path.join(site, target)), "%s: broken link %s" % (name, link)
            if parts.fragment and target.endswith(".html"):
                assert urllib.parse.unquote(parts.fragment) in pages[target].ids, "%s: no anchor for %s" % (name, link)
            checked += 1
    assert checked > 100


def test_every_page_opens_in_chromium_without_a_broken_link_anchor_image_or_console_error(site):
    path = browser.executable()
    if path is None:
        pytest.skip("chromium is not installed (make install adds it where apt-get works)")
    files = sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True))
    base = urllib.parse.urljoin("file:", urllib.request.pathname2url(site)) + "/"
    chromium = browser.Browser(path)
    try:
        visits = dict((url, chromium.visit(url)) for url in
                      (urllib.parse.urljoin("file:", urllib.request.pathname2url(f)) for f in files))
    finally:
        chromium.close()
    problems = []
    for url, visit in sorted(visits.items()):
        page = url[len(base):]
        problems += ["%s: %s" % (page, error) for error in visit.errors]
        problems += ["%s: image not shown %s" % (page, src) for src in visit.broken_images]
        for link in visit.links:
            target, fragment = urllib.parse.urldefrag(link)
            if not target.startswith("file:"):
                continue  # the web: not checked offline
            if not target.startswith(base) or not os.path.exists(urllib.request.url2pathname(target[len("file:"):])):
                problems.append("%s: broken link %s" % (page, link))
            elif fragment and target in visits and urllib.parse.unquote(fragment) not in visits[target].ids:
                problems.append("%s: no anchor for %s" % (page, link))
    assert len(visits) == len(files) and len(files) > 20
    assert not problems, "\n".join(problems)

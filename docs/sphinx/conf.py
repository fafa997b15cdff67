# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sphinx configuration of the collection's HTML docs (`make docs`, ci/docs.py).

The source tree is assembled by ci/docs.py: the module and role pages that
antsibull-docs renders (format simplified-rst, so no Sphinx extension of the
Ansible docsite is needed) under collection/, the guides at their places in the
repository (docs/*.md, docs/docsite/rst/*.rst), and a generated index.rst.
Everything builds offline.
"""

import posixpath

from docutils import nodes
from pygments.lexers.special import TextLexer
from sphinx.util import logging

project = "alicloud.interconnect"
copyright = "alicloud.interconnect contributors"  # pylint: disable=redefined-builtin
author = "alicloud.interconnect contributors"

extensions = ["myst_parser", "sphinx.ext.graphviz"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# The topology pictures of the guides (ci/docs.py puts their Graphviz text in): SVG drawn by Graphviz's dot.
graphviz_output_format = "svg"
# Markdown guides link to each other's sections with #anchors made from their headings.
myst_heading_anchors = 3

pygments_style = "ansible"
html_theme = "sphinx_ansible_theme"
html_title = "alicloud.interconnect"
html_theme_options = {
    "collapse_navigation": False,
    "display_version": False,
    "show_extranav": False,
    "show_rtd_ethical_ads": False,
    "topbar_links": {},
}
html_show_sphinx = False
html_copy_source = False
html_show_sourcelink = False
html_use_index = False
# The theme's top-left link goes to the root of the web server; ours goes to this site's index.
templates_path = ["_templates"]

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = (".rst", ".md")
# The collection index of antsibull-docs links the extra docs where antsibull-docs puts
# them (collection/docsite/); the site has them where the repository has them.
PAGE_ALIASES = (("collection/docsite/", "docs/docsite/rst/"),)


def link_pages(app, doctree, docname):
    """Turn the relative ``foo_module.rst`` links of antsibull-docs' simplified RST into links to the built pages.

    A link whose text is its target (antsibull-docs lists extra docs that way) gets the
    target page's title. A link to a page the docs do not have is a warning, which
    ``sphinx-build -W`` makes an error.
    """
    for node in list(doctree.findall(nodes.reference)):
        uri = node.get("refuri") or ""
        path, anchor = uri.partition("#")[::2]
        if "://" in uri or uri.startswith("mailto:") or not path.endswith(PAGE_SUFFIXES):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), posixpath.splitext(path)[0]))
        for prefix, replacement in PAGE_ALIASES:
            if target.startswith(prefix):
                target = replacement + target[len(prefix):]
        if target not in app.env.all_docs:
            logger.warning("link to %s: no such page in the docs", uri, location=node)
            continue
        node["refuri"] = app.builder.get_relative_uri(docname, target) + ("#" + anchor if anchor else "")
        if node.astext() == path:
            node.children = [nodes.Text(app.env.titles[target].astext())]


# In the HTML tables of option and return value descriptions, antsibull-docs links other
# plugins of the collection as if each collection had its own folder; with
# --squash-hierarchy they are pages beside the one that links them.
UNSQUASHED_PREFIX = "../../alicloud/interconnect/"


def squash_table_links(app, doctree, docname):
    """Point the raw-HTML plugin links of antsibull-docs' tables at the pages beside them."""
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if UNSQUASHED_PREFIX in text:
            node.replace_self(nodes.raw(node.rawsource, text.replace(UNSQUASHED_PREFIX, ""), format=node.get("format")))


def setup(app):
    # Mermaid text other than the guides' pictures (the example output in docs/topology.md) shows as its text.
    app.add_lexer("mermaid", TextLexer)
    app.connect("doctree-resolved", squash_table_links)
    app.connect("doctree-resolved", link_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

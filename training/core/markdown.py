"""Markdown to safe HTML (pure): markdown-it-py renders, nh3 sanitises.

Raw HTML in the source is not rendered at all (``html=False``); the sanitiser is the second
wall: only listed tags and attributes survive, links may only be http(s), mailto or relative,
and images may only come from this site (uploaded lesson images), never from elsewhere.
"""

import nh3
from markdown_it import MarkdownIt

from training.core.text import nfc

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    "del", "s", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def _filter_attribute(tag, attribute, value):
    """Keep only same-site images; drop anything else nh3 would otherwise allow."""
    if tag == "img" and attribute == "src":
        if not value.startswith("/") or value.startswith("//"):
            return None
    return value


def render_markdown(source):
    """Return sanitised HTML for the Markdown ``source`` (NFC-normalised first)."""
    html = _renderer.render(nfc(source or ""))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_filter_attribute,
        strip_comments=True,
    )


def plain_text(source, limit=None):
    """Return the visible text of Markdown ``source`` (for summaries and search)."""
    text = nh3.clean(_renderer.render(nfc(source or "")), tags=set())
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text

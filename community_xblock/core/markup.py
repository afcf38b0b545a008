"""Markdown, as learners write it, to HTML that is safe to put in the page.

python-markdown renders the subset below; nh3 (ammonia) then keeps only the tags, attributes and URL schemes
listed here, so no script, event handler, style or ``javascript:`` URL can reach the page whatever the input.
"""
import re
import unicodedata
from html import unescape

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists", "nl2br"]


def render_markdown(text):
    """Sanitised HTML for ``text``; links open safely (rel=noopener noreferrer nofollow)."""
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


TAG = re.compile(r"<[^>]*>")


def visible_text(html):
    """The text a reader would see in sanitised ``html`` (tags dropped, entities decoded, invisible
    characters removed): empty when nothing would show."""
    return visible_characters(unescape(TAG.sub("", html)))


def visible_characters(text):
    """``text`` without whitespace and invisible characters (zero-width spaces and joiners, bidi marks,
    controls): what is left is what a reader sees."""
    return "".join(character for character in text
                   if not character.isspace() and unicodedata.category(character) not in INVISIBLE_CATEGORIES)


# Format (Cf: zero-width, bidi controls), control (Cc), separators, unassigned, private use and surrogates.
INVISIBLE_CATEGORIES = {"Cf", "Cc", "Zs", "Zl", "Zp", "Cn", "Co", "Cs"}

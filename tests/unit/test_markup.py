"""User text is rendered as a Markdown subset; nothing executable survives."""
import pytest

from community_xblock.core.markup import render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    "<div style=\"background:url('javascript:alert(1)')\">x</div>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "![x](javascript:alert(1))",
    '<form action="https://evil.example"><input name=a></form>',
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_nothing_executable_survives(text):
    html = render_markdown(text).lower()
    for forbidden in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "style=", "data:", "<form",
                      "<img", "<input"):
        assert forbidden not in html, (text, html)


def test_the_markdown_subset_renders():
    html = render_markdown("**bold** *it* `code`\n\n- one\n- two\n\n[site](https://example.org)")
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html and "<code>code</code>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html

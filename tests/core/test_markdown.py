"""Markdown rendering is sanitised: nothing executable survives (pure)."""

import pytest

from tests.htmlcheck import dangerous_markup
from tests.paths import fixture
from training.core.markdown import plain_text, render_markdown


def _payloads():
    lines = fixture("xss-payloads.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_renders_the_lesson_subset():
    html = render_markdown("# Tiêu đề\n\n- một\n- hai\n\n> trích dẫn\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                           "[Luật](https://vbpl.vn) ![sơ đồ](/courses/media/3)")
    for tag in ("<h1>", "<ul>", "<blockquote>", "<table>", '<a href="https://vbpl.vn"', '<img src="/courses/media/3"'):
        assert tag in html
    assert 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.parametrize("payload", _payloads())
def test_no_payload_produces_markup_that_runs(payload):
    assert dangerous_markup(render_markdown(payload)) == []


@pytest.mark.parametrize("source", [
    "[x](javascript:alert(1))", "[x](data:text/html,<script>alert(1)</script>)", "[x](vbscript:msgbox(1))",
    "<img src=x onerror=alert(1)>", "[x](JaVaScRiPt:alert(1))", "[x](java\nscript:alert(1))",
])
def test_dangerous_links_are_dropped(source):
    assert dangerous_markup(render_markdown(source)) == []


def test_images_from_other_sites_are_dropped():
    assert "evil.example" not in render_markdown("![x](http://evil.example/a.png) ![y](//evil.example/b.png)")


def test_plain_text_strips_markup_and_truncates():
    assert plain_text("# Xin **chào** bạn", limit=8) == "Xin chà…"

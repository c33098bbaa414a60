"""escape.py without the CLI: each consumer's escaping, as tables of inputs and what comes out."""

from __future__ import annotations

import json
import sys

import pytest

from chron.escape import (
    _UNSAFE,
    html_text,
    markdown_text,
    markwhen_text,
    one_line,
    safe_url,
    spreadsheet_cell,
    to_json,
    visible,
    yaml_scalar,
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain Győr – “x”", "plain Győr – “x”"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("\x9b31m\x7f", "\\x9b31m\\x7f"),
        ("\u202eevil\u2066", "\\u202eevil\\u2066"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("bytes \udcff", "bytes \\udcff"),
    ],
)
def test_visible(text: str, shown: str) -> None:
    """Controls, bidi characters and lone surrogates are shown as escapes; the rest is untouched."""
    assert visible(text) == shown


def test_visible_skips_only_printable_text() -> None:
    """The fast path is exact: every character visible() escapes is one str.isprintable() rejects."""
    assert all(not chr(c).isprintable() for c in range(sys.maxunicode + 1) if _UNSAFE.match(chr(c)))


def test_one_line_and_json() -> None:
    """one_line joins lines; JSON escapes what a terminal obeys and still parses back exactly."""
    assert one_line("a\r\nb\u2028c\x85d") == "a b c d"
    value = "x\x1b\x9b\u202e\u2028\udcffő"
    encoded = to_json(value)
    assert encoded.isascii() is False and "ő" in encoded and "\x1b" not in encoded
    assert json.loads(encoded) == value


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("<b>&amp;", "\\<b\\>\\&amp;"),
        ("- item", "\\- item"),
        ("12. point", "12\\. point"),
        ("    code", "code"),
        ("*em* _u_ `c` ~s~ # h | p", "\\*em\\* \\_u\\_ \\`c\\` \\~s\\~ \\# h \\| p"),
        ("a\nb", "a b"),
    ],
)
def test_markdown_text(text: str, escaped: str) -> None:
    """Markdown syntax is escaped; a value never opens a block."""
    assert markdown_text(text) == escaped


def test_html_text() -> None:
    """HTML special characters are entities; quotes only in attributes; controls shown."""
    assert html_text("<a href='x'>&\x1b") == "&lt;a href='x'&gt;&amp;\\x1b"
    assert html_text("\"'", quote=True) == "&quot;&#x27;"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/x", True),
        ("HTTP://example.org", True),
        ("mailto:a@example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("java\tscript:x", False),
        ("https://x\u202e.org", False),
        ("/relative", False),
    ],
)
def test_safe_url(url: str, kept: bool) -> None:
    """Only http, https and mailto links are kept."""
    assert (safe_url(url) is not None) == kept


@pytest.mark.parametrize(
    ("cell", "out"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"),
        ("-3", "-3"),
        ("+1.5", "+1.5"),
        ("-1e3", "-1e3"),
        ("plain", "plain"),
    ],
)
def test_spreadsheet_cell(cell: str, out: str) -> None:
    """Formula starters get an apostrophe (OWASP); plain numbers stay numbers."""
    assert spreadsheet_cell(cell) == out


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("A march through the city.", "A march through the city."),
        ("1956-10-24: a fake event", ". 1956-10-24: a fake event"),
        ("endGroup", ". endGroup"),
        ("End of the strike.", ". End of the strike."),
        ("group Evil", ". group Evil"),
        ("# heading", ". # heading"),
        ("// comment", ". // comment"),
        ("id: evil", ". id: evil"),
        ("10am: event", ". 10am: event"),
        (": x", ". : x"),
        ("The council (“ours”): it met", "The council (“ours”): it met"),
    ],
)
def test_markwhen_text(text: str, out: str) -> None:
    """A line markwhen could read as syntax starts with ". "; other text is unchanged."""
    assert markwhen_text(text) == out


def test_markwhen_title_and_yaml_header() -> None:
    """An event title is escaped only where it would read as a checkbox; the header value is YAML."""
    assert markwhen_text("[x] done", after_date=True) == ". [x] done"
    assert markwhen_text("1956: year", after_date=True) == "1956: year"
    assert yaml_scalar("Mini") == "Mini"
    assert yaml_scalar("Title: with colon #1") == '"Title: with colon #1"'
    assert yaml_scalar("1956") == '"1956"'
    assert yaml_scalar("- dash") == '"- dash"'

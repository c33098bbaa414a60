"""How a value from the data leaves chron: one escaping function per kind of consumer (pure, stdlib).

Every renderer passes the values it prints through one of these, so nothing in the data can
command what reads the output: a terminal (control and bidi characters are shown as ``\\x1b`` or
``\\u202e``, never obeyed), a JSON reader (they are ``\\u`` escapes: the value is exact after
parsing), a Markdown or HTML renderer (markup is text; chron itself writes no link from the data),
a spreadsheet (a cell that starts a formula is quoted) or a markwhen reader (a line of text cannot
become an event, a group, a section or a property). TeX and RIS escaping live with their writers
in export.py. Legitimate Unicode (accents, dashes, quotation marks) passes unchanged.
"""

from __future__ import annotations

import json
import re
from typing import Any

# What a terminal or a text viewer obeys rather than shows: C0 controls but tab and newline, DEL,
# the C1 controls, and the bidirectional controls (embeddings, overrides, isolates and marks) that
# reorder what is displayed ("Trojan Source").
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Lone surrogates are not characters: they stand for bytes that were not UTF-8 (a file name, an
# argument), and no output encoding can write them.
SURROGATES = "\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{SURROGATES}]")
# The same set for JSON, whose encoder escapes C0 itself; U+2028 and U+2029 too, which end a line in
# JavaScript.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{BIDI}{SURROGATES}\u2028\u2029]")


def _shown(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Control and bidi characters as harmless visible escapes (ESC becomes the four characters
    ``\\x1b``, a right-to-left override ``\\u202e``); tab and newline stay."""
    if text.isprintable():  # in C, and true of most values: none of those characters is printable
        return text
    return _UNSAFE.sub(_shown, text)


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character that ``visible`` would escape."""
    return _UNSAFE.search(text) is not None


_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\u2028\u2029\x85]")


def one_line(text: str) -> str:
    """A value on one line, for plain output and table cells: line breaks and tabs become spaces."""
    return visible(_BREAKS.sub(" ", text))


def to_json(value: Any, *, indent: int | None = 2) -> str:
    """JSON with Unicode kept, and every character a terminal would obey escaped as ``\\uXXXX``
    (JSON's own encoder escapes C0): the value is exact after parsing."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TOML_UNSAFE = re.compile(f'[\\\\"\x00-\x1f\x7f-\x9f{BIDI}\u2028\u2029]')


def toml_string(value: str) -> str:
    """A TOML basic string of ``value``: quotes and backslashes escaped, and every control, C1 and
    bidi character as a ``\\uXXXX`` escape (TOML requires it of controls; the rest would reorder
    or hide text in an editor). The value reads back exactly."""

    def escaped(m: re.Match[str]) -> str:
        ch = m.group()
        return _TOML_ESCAPES.get(ch) or f"\\u{ord(ch):04x}"

    return '"' + _TOML_UNSAFE.sub(escaped, value) + '"'


# ------------------------------------------------------------------ HTML and Markdown


def html_text(text: str, *, quote: bool = False) -> str:
    """Text for an HTML element (or, with ``quote``, an attribute): markup escaped, controls shown."""
    escaped = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace('"', "&quot;").replace("'", "&#x27;") if quote else escaped


# Every ASCII punctuation mark that starts or ends Markdown syntax (CommonMark, and GFM's tables,
# strikethrough and autolinks): escaped with a backslash, which CommonMark allows before any of them.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|&!~$])")
# At the start of a line a few more marks begin a block: a list item, a heading underline, a quote.
_MD_BLOCK = re.compile(r"^(\s*)([-+=>]|[0-9]+(?=[.)]))")


def markdown_inline(text: str) -> str:
    """Text inside a line of Markdown: on one line, controls shown, every mark of Markdown syntax
    escaped, so it is read as the words it holds (no link, no HTML, no emphasis)."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def markdown_text(text: str) -> str:
    """Text for Markdown that may start a line: ``markdown_inline``, and no new block either."""
    return markdown_line_start(markdown_inline(text))


def markdown_line_start(line: str) -> str:
    """``line`` (already escaped inline) safe at the start of a Markdown line: a leading ``-``, ``+``,
    ``=``, ``>`` or ``1.`` is escaped and leading spaces dropped, so it cannot open a block."""
    line = line.lstrip(" ")
    m = _MD_BLOCK.match(line)
    if m is None:
        return line
    if m.group(2)[0].isdigit():  # "1." or "1)": escape the mark after the number
        end = m.end()
        return line[:end] + "\\" + line[end:]
    return line[: m.start(2)] + "\\" + line[m.start(2) :]


SAFE_SCHEMES = ("http", "https", "mailto")


def safe_url(url: str) -> str | None:
    """``url`` when its scheme is one a link may have (http, https, mailto), else None: any other
    (``javascript:``, ``data:``, ``file:``, or a scheme hidden by controls or entities) is text."""
    cleaned = url.strip()
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    if m is None or m.group(1).lower() not in SAFE_SCHEMES or has_unsafe(cleaned) or any(c.isspace() for c in cleaned):
        return None
    return cleaned


# ------------------------------------------------------------------ spreadsheets

# What makes a spreadsheet read a cell as a formula (OWASP's list): a cell beginning with one of
# these gets a leading apostrophe. A plain number (-3, +1.5) is a number in every spreadsheet, so
# it stays as it is and scripts read it back exactly.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def spreadsheet_cell(text: str) -> str:
    """A CSV or TSV cell that no spreadsheet runs as a formula: ``=HYPERLINK(…)`` becomes
    ``'=HYPERLINK(…)``; plain numbers stay numbers."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


# ------------------------------------------------------------------ markwhen

# A markwhen line that is not an event's title line may still be read as syntax: an event (a date
# or time, "now", a relative date, a bare ":" ... then a colon), a group or section (``group``,
# ``section``; markwhen 0.x ends one at any line that starts with "end"; ``#`` headings in 1.x), a
# comment (``//``), a tag colour (``#tag: red``), a front-matter fence (``---``) or a property
# (``key: value`` right after an event). Such a line gets the prefix markwhen's own converters use,
# ". ", which none of those forms can start with. (``#word`` and ``!word`` inside a line are tags
# and ids in markwhen, which has no escape for them: they stay as written.)
_MW_KEYWORD = re.compile(r"(?i)\s*(?:#|//|:|end|group\b|section\b|---)")
_MW_BEFORE_COLON = re.compile(r"[\w\s,./!+\-]*")


def markwhen_text(text: str, *, after_date: bool = False) -> str:
    """Free text for markwhen, on one line with controls shown: a line of its own is prefixed with
    ". " when markwhen could read it as anything but text; an event's title (``after_date``) only
    when it would read as a checkbox (``[x] …``)."""
    line = " ".join(one_line(text).split())
    if after_date:
        return ". " + line if line.startswith("[") else line
    head, colon, _ = line.partition(":")
    if _MW_KEYWORD.match(line) or (colon and _MW_BEFORE_COLON.fullmatch(head)) or line.startswith("["):
        return ". " + line
    return line


_YAML_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*(?<![\s:])")


def yaml_scalar(text: str) -> str:
    """A value for a YAML header line (``title: …``): plain when YAML reads it as that text, else a
    double-quoted string (JSON's escapes are YAML's)."""
    line = " ".join(one_line(text).split())
    if _YAML_PLAIN.fullmatch(line) and not re.fullmatch(r"(?i)true|false|yes|no|on|off|null|~|[-+.\d].*", line):
        return line
    return to_json(line, indent=None)

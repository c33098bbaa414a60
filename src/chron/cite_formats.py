"""What ``chron cite`` prints: formatted notes and works in text, Markdown, HTML or JSON (pure).

``CITE_FORMATS`` is the registry behind ``cite --format``. Each renderer takes the formatted items
(citation.Formatted, in the order asked for) and returns the text; several items are numbered by
their note number (or named by their work id). Each item is one line; control and bidi characters
are shown, never obeyed (escape.py), and Markdown and HTML markup from the data stays text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from chron.escape import markdown_line_start, one_line, to_json
from chron.registry import Format
from chron.shapes import citation_record

if TYPE_CHECKING:
    from chron.citation import Formatted
    from chron.citation.text import Styled


def _lines(done: Sequence[Formatted], show: Callable[[Styled], str]) -> str:
    numbered = len(done) > 1
    return "\n".join(f"{f.key}. {show(f.text)}" if numbered else show(f.text) for f in done if f.text)


def cite_text(done: Sequence[Formatted]) -> str:
    return _lines(done, lambda t: one_line(t.plain()))


def _markdown(text: Styled) -> str:
    """The styled text's Markdown (its own escaping: italics are the only markup), on one line, with
    entities, strikethrough and the marks that open a block at the start of a line escaped too."""
    return markdown_line_start(one_line(text.markdown()).replace("&", "\\&").replace("~", "\\~"))


def cite_markdown(done: Sequence[Formatted]) -> str:
    return _lines(done, _markdown)


def cite_html(done: Sequence[Formatted]) -> str:
    return _lines(done, lambda t: one_line(t.html()))


def cite_json(done: Sequence[Formatted]) -> str:
    return to_json([citation_record(f) for f in done])


CITE_FORMATS: dict[str, Format[Callable[[Sequence[Formatted]], str]]] = {
    "text": Format(cite_text, "plain text, one line per note or work (the default)"),
    "markdown": Format(cite_markdown, "Markdown: titles in *italics*"),
    "html": Format(cite_html, "HTML: titles in <em>"),
    "json": Format(cite_json, "a JSON array: each note's text, HTML and cited works"),
}

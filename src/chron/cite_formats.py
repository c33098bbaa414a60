"""What ``chron cite`` prints: formatted notes and works in text, Markdown, HTML or JSON (pure).

``CITE_FORMATS`` is the registry behind ``cite --format``. Each renderer takes the formatted items
(citation.Formatted, in the order asked for) and returns the text. Every format keeps each note's
own number, so notes 19 and 21 stay 19 and 21 when note 20 cites nothing: plain text numbers the
lines when there are several, Markdown writes footnote definitions (``[^21]: ...``), HTML an
ordered list whose items carry their number (``<li value="21">``), or, with works among the
items, a definition list keyed by note number or work id. Each item is one line; control and bidi characters
are shown, never obeyed (escape.py), and Markdown and HTML markup from the data stays text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from chron.escape import one_line, to_json
from chron.registry import Format
from chron.shapes import citation_record

if TYPE_CHECKING:
    from chron.citation import Formatted
    from chron.citation.text import Styled


def cite_text(done: Sequence[Formatted]) -> str:
    numbered = len(done) > 1
    return "\n".join(f"{f.key}. {_plain(f.text)}" if numbered else _plain(f.text) for f in done if f.text)


def _plain(text: Styled) -> str:
    return one_line(text.plain())


def _markdown(text: Styled) -> str:
    """The styled text's Markdown (its own escaping: italics are the only markup), on one line, with
    entities and strikethrough escaped too."""
    return one_line(text.markdown()).replace("&", "\\&").replace("~", "\\~")


def _html(text: Styled) -> str:
    return one_line(text.html())


_LABEL = re.compile(r"[^\w.-]")


def cite_markdown(done: Sequence[Formatted]) -> str:
    """Footnote definitions, one per note (``[^21]: ...``) or work (``[^work-id]: ...``)."""
    return "\n".join(f"[^{_LABEL.sub('-', str(f.key))}]: {_markdown(f.text)}" for f in done if f.text)


def cite_html(done: Sequence[Formatted]) -> str:
    """An ordered list numbered by note, or a definition list when works are among the items."""
    shown = [f for f in done if f.text]
    if not shown:
        return ""
    if all(isinstance(f.key, int) for f in shown):
        items = [f'  <li value="{f.key}">{_html(f.text)}</li>' for f in shown]
        return "\n".join(["<ol>", *items, "</ol>"])
    rows = [f"  <dt>{html.escape(str(f.key))}</dt><dd>{_html(f.text)}</dd>" for f in shown]
    return "\n".join(["<dl>", *rows, "</dl>"])


def cite_json(done: Sequence[Formatted]) -> str:
    return to_json([citation_record(f) for f in done])


CITE_FORMATS: dict[str, Format[Callable[[Sequence[Formatted]], str]]] = {
    "text": Format(cite_text, "plain text, one line per note or work, numbered when there are several (the default)"),
    "markdown": Format(cite_markdown, "Markdown footnote definitions ([^21]: ...), titles in *italics*"),
    "html": Format(cite_html, 'HTML: <ol> with <li value="21"> per note (<dl> with works), titles in <em>'),
    "json": Format(cite_json, "a JSON array: each note's text, HTML and cited works"),
}

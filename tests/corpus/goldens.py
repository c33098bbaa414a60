"""The differential corpus and its two oracles' goldens, loaded for tests (reads JSON, needs no node or pandoc).

`items()` and `sequences()` give the corpus; `golden()` gives what an oracle printed for one
(style, locale, kind, item or sequence); `normalise()` puts either oracle's HTML in one canonical
form so strings from citeproc-js, pandoc and chron can be compared; `text()` is the plain text.
Nothing here renders a citation: generate.py makes the goldens, the tests only read them.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

HERE = Path(__file__).resolve().parent
GOLDENS = HERE / "goldens"

ORACLES = ("citeproc-js", "pandoc")
"""The two renderers; each has a folder of goldens, one JSON file per style."""

STYLES = {
    "chicago-notes-bibliography": "Chicago Manual of Style 18th edition (notes and bibliography)",
    "chicago-notes-bibliography-17th-edition": "Chicago Manual of Style 17th edition (notes and bibliography)",
    "chicago-author-date": "Chicago Manual of Style 18th edition (author-date)",
    "chicago-author-date-17th-edition": "Chicago Manual of Style 17th edition (author-date)",
    "apa": "APA Style 7th edition",
    "modern-language-association": "MLA Handbook 9th edition (in-text citations)",
    "harvard-cite-them-right": "Cite Them Right 12th edition (author-date/Harvard)",
}
"""Each style by the name of its file in styles/ (the official CSL name), with the title it carries."""

LOCALES = ("en-US", "en-GB")

Kind = Literal["bibliography", "first", "subsequent", "sequence"]
KINDS: tuple[Kind, ...] = ("bibliography", "first", "subsequent", "sequence")
"""bibliography: an item's entry; first and subsequent: the item cited alone in a note or parenthesis
the first and the second time (with the locator of `item_locator`); sequence: the list of citations
of one document of sequences.json, in order."""


@cache
def items() -> list[dict[str, Any]]:
    """The CSL-JSON items of the corpus, in file order."""
    data: list[dict[str, Any]] = json.loads((HERE / "items.json").read_text(encoding="utf-8"))
    return data


@cache
def sequences() -> list[dict[str, Any]]:
    """The documents of citations: each has an id, a description and CSL citation objects in order."""
    data: list[dict[str, Any]] = json.loads((HERE / "sequences.json").read_text(encoding="utf-8"))
    return data


PAGED_TYPES = frozenset(
    ("book", "chapter", "article-journal", "article-magazine", "thesis", "report", "pamphlet", "paper-conference")
)


def item_locator(item: dict[str, Any]) -> str | None:
    """The page an item is cited at for its `first` and `subsequent` goldens: the first page of its own
    range, else 12 for the kinds of work that have pages, else none."""
    page = item.get("page")
    if page:
        return re.split(r"[-–]", str(page))[0]
    return "12" if item["type"] in PAGED_TYPES else None


@cache
def load(oracle: str, style: str) -> dict[str, Any]:
    """One oracle's goldens for one style: versions, and per locale the four kinds."""
    if oracle not in ORACLES:
        raise KeyError(f"unknown oracle {oracle!r}; expected one of {ORACLES}")
    if style not in STYLES:
        raise KeyError(f"unknown style {style!r}; expected one of {sorted(STYLES)}")
    data: dict[str, Any] = json.loads((GOLDENS / oracle / f"{style}.json").read_text(encoding="utf-8"))
    return data


def golden(oracle: str, style: str, locale: str, kind: Kind, key: str) -> Any:
    """What `oracle` printed, as HTML: an item's bibliography entry ("" when the oracle printed none) or
    its first or subsequent citation (key: item id), or a sequence's citations in order (key: sequence id)."""
    per_locale = load(oracle, style)["locales"][locale]
    if kind == "bibliography":
        return per_locale["bibliography"]["entries"][key]
    if kind in ("first", "subsequent"):
        return per_locale["items"][key][kind]
    if kind == "sequence":
        return per_locale["sequences"][key]
    raise KeyError(f"unknown kind {kind!r}; expected one of {KINDS}")


def bibliography_order(oracle: str, style: str, locale: str) -> list[str]:
    """The item ids in the order the oracle sorted the whole corpus's bibliography."""
    order: list[str] = load(oracle, style)["locales"][locale]["bibliography"]["order"]
    return order


_TAG = re.compile(r"<(/?)([a-zA-Z]+)([^>]*)>")
_RENAME = {"i": "em", "b": "strong"}


def normalise(markup: str) -> str:
    """Canonical HTML for comparing renderers: <i>/<b> as <em>/<strong>, small caps in one spelling,
    pandoc's bare <span> around quoted text and its <a> links dropped (their text kept), entities
    decoded (then only &, < and > escaped), no-break spaces and whitespace runs as one space. Both
    oracles' strings, and chron's, go through this."""
    out: list[str] = []
    stack: list[str | None] = []  # the closing tag to print for each open element; None to drop it
    pos = 0
    for m in _TAG.finditer(markup):
        out.append(_text(markup[pos : m.start()]))
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            end = stack.pop() if stack else f"</{name}>"
            if end:
                out.append(end)
            continue
        if name == "span":
            if "small-caps" in attrs or "smallcaps" in attrs:
                out.append('<span class="smallcaps">')
                stack.append("</span>")
            elif "nocase" in attrs or not attrs.strip():
                stack.append(None)
            else:
                out.append(f"<span{attrs}>")
                stack.append("</span>")
            continue
        if name == "br":
            out.append(" ")
            continue
        if name == "a":  # pandoc links URLs and DOIs, citeproc-js does not: the text is what counts
            stack.append(None)
            continue
        name = _RENAME.get(name, name)
        out.append(f"<{name}>")
        stack.append(f"</{name}>")
    out.append(_text(markup[pos:]))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _text(raw: str) -> str:
    return html.escape(html.unescape(raw).replace("\u00a0", " "), quote=False)


def text(markup: str) -> str:
    """The plain text of an oracle's HTML: tags dropped, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub("", markup)).replace("\u00a0", " ")).strip()

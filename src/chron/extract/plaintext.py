"""A pandoc JSON AST as plain text, its notes as Markdown footnotes.

A ``Note`` element is a footnote. An HTML or EPUB document without them links a number in the
body to a note further on, and those links are read as notes too (backlinks are dropped). The
body is written paragraph by paragraph, each note as ``[^n]`` where it stands and ``[^n]: text``
after the body: that text is what is kept beside the data, and ``extract_text`` reads the notes
back from it. With neither, superscript numbers are written as superscript digits and ordered
lists with their numbers, so the text reads like any plain text. Pure: AST in, text out.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from chron.extract.lines import squeeze, to_superscript

Node = dict[str, Any]

_NUMBERISH = re.compile(r"[\[(]?\d{1,4}[\])]?|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}")
_BACKISH = re.compile(r"[↩↑⤴^]\ufe0e?|back|return", re.IGNORECASE)
_NOTEREF_CLASSES = frozenset({"footnote-ref", "footnoteref", "noteref", "footnote-reference", "fnref"})
_BACKLINK_CLASSES = frozenset({"footnote-back", "footnote-backref", "backlink", "fnback"})


def _attr(node: Node) -> tuple[str, list[str], dict[str, str]]:
    ident, classes, pairs = node["c"][0]
    return ident, classes, dict(pairs)


def _walk(node: Any) -> Iterator[Node]:
    """Every AST node under ``node`` (itself included), depth first, in document order."""
    if isinstance(node, dict):
        if "t" in node:
            yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


_BLOCKS = frozenset(
    {
        *("Plain", "Para", "LineBlock", "CodeBlock", "RawBlock", "BlockQuote", "OrderedList", "BulletList"),
        *("DefinitionList", "Header", "HorizontalRule", "Table", "Figure", "Div", "Null"),
    }
)
_INLINE_BLOCKS = frozenset({"Plain", "Para", "Header", "LineBlock"})


class _Linked:
    """Notes linked from the body (HTML, EPUB): which links are references, which blocks are notes.

    A link is a note reference when it is marked as one (``footnote-ref``, ``doc-noteref``,
    ``epub:type="noteref"``) or its text is a number, and it points to a block further on (in the
    same document or a later one) that holds no heading. Links pointing back are backlinks.
    """

    def __init__(self, documents: list[tuple[str, list[Node]]]) -> None:
        self.block_of: dict[tuple[str, str], Node] = {}
        self.order: dict[int, int] = {}
        found: list[tuple[str, Node, Node]] = []  # document, link, enclosing block
        for doc, blocks in documents:
            self._index(doc, blocks, found)
        self.refs: dict[int, Node] = {}
        self.targets: dict[int, Node] = {}
        for doc, link, block in found:
            target = self._resolve(doc, link["c"][2][0])
            if target is None or self.order[id(target)] <= self.order[id(block)]:
                continue
            if any(n["t"] == "Header" for n in _walk(target)):
                continue
            self.refs[id(link)] = target
            self.targets[id(target)] = target

    def _index(self, doc: str, blocks: list[Node], found: list[tuple[str, Node, Node]]) -> None:
        for block in blocks:
            if not isinstance(block, dict) or block.get("t") not in _BLOCKS:
                continue
            self.order[id(block)] = len(self.order)
            if block["t"] == "Div" and block["c"][0][0]:
                self.block_of.setdefault((doc, block["c"][0][0]), block)
            if block["t"] not in _INLINE_BLOCKS:
                self._index(doc, _top_level(block), found)
                continue
            for node in _walk(block["c"]):
                if node["t"] in ("Span", "Link") and node["c"][0][0]:
                    self.block_of.setdefault((doc, node["c"][0][0]), block)
                if node["t"] == "Link" and _is_noteref(node):
                    found.append((doc, node, block))

    def _resolve(self, doc: str, url: str) -> Node | None:
        if "#" not in url:
            return None
        path, _, ident = url.partition("#")
        if path:
            doc = posixpath.normpath(posixpath.join(posixpath.dirname(doc), path))
        return self.block_of.get((doc, ident))


def _top_level(block: Node) -> list[Node]:
    """The blocks directly inside a block (a Div's, a quote's, a list's items')."""
    kind: str = block["t"]
    c: Any = block.get("c")
    if kind in ("Div", "Figure"):
        return list(c[-1])
    if kind == "BlockQuote":
        return list(c)
    if kind == "OrderedList":
        return [b for item in c[1] for b in item]
    if kind == "BulletList":
        return [b for item in c for b in item]
    if kind == "DefinitionList":
        return [b for _, defs in c for d in defs for b in d]
    return [n for n in _walk(c) if n["t"] in _INLINE_BLOCKS]


def _plain_text(inlines: Any) -> str:
    return squeeze("".join(_Writer().inlines(inlines)))


def _is_noteref(link: Node) -> bool:
    _, classes, attrs = _attr(link)
    url = link["c"][2][0]
    if "#" not in url:
        return False
    if _NOTEREF_CLASSES & set(classes) or attrs.get("role") == "doc-noteref" or attrs.get("epub:type") == "noteref":
        return True
    return bool(_NUMBERISH.fullmatch(_plain_text(link["c"][1])))


def _is_backlink(link: Node) -> bool:
    _, classes, attrs = _attr(link)
    if _BACKLINK_CLASSES & set(classes) or attrs.get("role") == "doc-backlink":
        return True
    url = link["c"][2][0]
    text = _plain_text(link["c"][1])
    return "#" in url and bool(_NUMBERISH.fullmatch(text) or _BACKISH.fullmatch(text))


class _Writer:
    """The AST as plain text: paragraphs apart by a blank line, notes as Markdown footnotes."""

    def __init__(self, linked: _Linked | None = None, superscripts: bool = False) -> None:
        self.linked = linked
        self.superscripts = superscripts
        self.notes: list[str] = []
        self.note_of_target: dict[int, int] = {}
        self.in_note = False

    # inline elements -> pieces of one paragraph
    def inlines(self, nodes: Any) -> list[str]:
        out: list[str] = []
        for node in nodes:
            out.extend(self.inline(node))
        return out

    def inline(self, node: Node) -> list[str]:
        kind: str = node["t"]
        c: Any = node.get("c")
        if kind == "Str":
            return [c]
        if kind in ("Space", "SoftBreak"):
            return [" "]
        if kind == "LineBreak":
            return [" " if self.in_note else "\n"]
        if kind in ("Emph", "Underline", "Strong", "Strikeout", "Subscript", "SmallCaps"):
            return self.inlines(c)
        if kind == "Superscript":
            text = "".join(self.inlines(c))
            if self.superscripts and text.strip().isascii() and text.strip().isdigit():
                return [to_superscript(int(text.strip()))]
            return [text]
        if kind == "Quoted":
            left, right = ("‘", "’") if c[0]["t"] == "SingleQuote" else ("“", "”")
            return [left, *self.inlines(c[1]), right]
        if kind == "Cite":
            return self.inlines(c[1])
        if kind == "Code":
            return [c[1]]
        if kind == "Math":
            return [c[1]]
        if kind == "RawInline":
            return []
        if kind == "Image":
            return self.inlines(c[1])
        if kind == "Span":
            return self.inlines(c[1])
        if kind == "Note":
            return [] if self.in_note else [self.note(c)]
        if kind == "Link":
            if self.in_note:
                return [] if _is_backlink(node) else self.inlines(c[1])
            if self.linked is not None and id(node) in self.linked.refs:
                target = self.linked.refs[id(node)]
                return [self.linked_note(target, _plain_text(c[1]))]
            return self.inlines(c[1])
        return []

    def note(self, blocks: list[Node]) -> str:
        self.in_note = True
        try:
            paragraphs = [squeeze(p) for p in self.blocks(blocks)]
        finally:
            self.in_note = False
        self.notes.append("\n\n".join(p for p in paragraphs if p))
        return f"[^{len(self.notes)}]"

    def linked_note(self, target: Node, printed: str) -> str:
        known = self.note_of_target.get(id(target))
        if known is not None:
            return f"[^{known}]"
        marker = self.note([target])
        label = re.escape(printed.strip("[]()"))
        self.notes[-1] = re.sub(rf"\A(?:\[{label}\]|{label}[.:)]?|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+", "", self.notes[-1])
        self.note_of_target[id(target)] = len(self.notes)
        return marker

    # blocks -> paragraphs
    def blocks(self, nodes: list[Node]) -> list[str]:
        out: list[str] = []
        for node in nodes:
            out.extend(p for p in self.block(node) if p.strip())
        return out

    def block(self, node: Node) -> list[str]:
        kind: str = node["t"]
        c: Any = node.get("c")
        if not self.in_note and self.linked is not None and id(node) in self.linked.targets:
            return []
        if kind in ("Plain", "Para"):
            return ["".join(self.inlines(c))]
        if kind == "Header":
            return ["".join(self.inlines(c[2]))]
        if kind == "LineBlock":
            return ["\n".join("".join(self.inlines(line)) for line in c)]
        if kind == "CodeBlock":
            return [c[1]]
        if kind in ("RawBlock", "HorizontalRule", "Null"):
            return []
        if kind == "BlockQuote":
            return self.blocks(c)
        if kind == "Div":
            return self.blocks(c[1])
        if kind == "Figure":
            return self.blocks(c[2])
        if kind == "OrderedList":
            start = c[0][0]
            return self.items(c[1], lambda i: f"{start + i}. ")
        if kind == "BulletList":
            return self.items(c, lambda i: "- ")
        if kind == "DefinitionList":
            out: list[str] = []
            for term, defs in c:
                out.append("".join(self.inlines(term)))
                for d in defs:
                    out.extend(self.blocks(d))
            return out
        # a table or anything newer: the text of the paragraphs and cells inside, in order
        return [p for n in _walk(c) if n["t"] in ("Plain", "Para") for p in self.block(n)]

    def items(self, items: list[list[Node]], label: Any) -> list[str]:
        """A list's items, each labelled by its place in the list (an emptied one keeps its number)."""
        out: list[str] = []
        for i, item in enumerate(items):
            paragraphs = self.blocks(item)
            if paragraphs:
                paragraphs[0] = label(i) + paragraphs[0]
                out.extend(paragraphs)
        return out


def _definition(n: int, text: str) -> str:
    first, *rest = text.split("\n\n") if text else [""]
    lines = [f"[^{n}]: {first}".rstrip()]
    lines.extend(f"\n    {p}" for p in rest)
    return "\n".join(lines)


def document_text(documents: list[tuple[str, list[Node]]]) -> tuple[str, bool]:
    """The documents as plain text, and whether their notes were found as notes (not typed by hand)."""
    all_nodes = [n for _, blocks in documents for n in _walk(blocks)]
    has_notes = any(n["t"] == "Note" for n in all_nodes)
    linked = None if has_notes else _Linked(documents)
    if linked is not None and not linked.refs:
        linked = None
    writer = _Writer(linked, superscripts=not has_notes and linked is None)
    paragraphs = [p for _, blocks in documents for p in writer.blocks(blocks)]
    body = "\n\n".join(p.strip("\n") for p in paragraphs)
    if not writer.notes:
        return body + "\n", False
    notes = "\n\n".join(_definition(i, text) for i, text in enumerate(writer.notes, start=1))
    return f"{body}\n\n{notes}\n", True

"""Documents read through pandoc (docx, odt, html, LaTeX, EPUB): their notes as a plain text.

pandoc turns the document into its JSON AST (``pandoc -t json``). A ``Note`` element is a
footnote; an HTML or EPUB document without them links a number in the body to a note further
on, and such links are read as notes too. The body and the notes are written as plain text with
Markdown footnotes (``[^1]`` and ``[^1]: text``): that text is what is kept beside the data, and
``extract_text`` reads the notes back from it. A document with neither (a superscript number and
a list typed by hand) is written as plain text with superscript digits and numbered lists, and
read like any plain text. This module and ``extract_file`` are the only ones that touch files
or run a program.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from chron.errors import ChronError
from chron.extract.lines import squeeze, to_superscript
from chron.extract.model import Convention, Extraction
from chron.extract.text import extract_text

#: File name endings read through pandoc, and the pandoc reader for each.
PANDOC_FORMATS: dict[str, str] = {
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".tex": "latex",
    ".latex": "latex",
    ".epub": "epub",
}

INSTALL = (
    "install pandoc (Debian or Ubuntu: `sudo apt-get install pandoc`; macOS: `brew install pandoc`; "
    "others: https://pandoc.org/installing.html), or give the text as plain text or Markdown."
)

Node = dict[str, Any]

_NUMBERISH = re.compile(r"[\[(]?\d{1,4}[\])]?|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}")
_BACKISH = re.compile(r"[↩↑⤴^]\ufe0e?|back|return", re.IGNORECASE)
_NOTEREF_CLASSES = frozenset({"footnote-ref", "footnoteref", "noteref", "footnote-reference", "fnref"})
_BACKLINK_CLASSES = frozenset({"footnote-back", "footnote-backref", "backlink", "fnback"})


# --------------------------------------------------------------------------- running pandoc


def _pandoc() -> str:
    exe = shutil.which("pandoc")
    if exe is None:
        raise ChronError("reading this document needs pandoc, which is not installed: " + INSTALL)
    return exe


def pandoc_json(data: bytes, fmt: str, exe: str | None = None) -> Node:
    """pandoc's JSON AST of ``data`` read as ``fmt``."""
    exe = exe or _pandoc()
    with tempfile.TemporaryDirectory(prefix="chron-") as tmp:
        source = Path(tmp) / f"input.{fmt}"
        source.write_bytes(data)
        try:
            done = subprocess.run(
                [exe, "-f", fmt, "-t", "json", str(source)], capture_output=True, timeout=120, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise ChronError(f"pandoc could not run ({err}); check the installation, or " + INSTALL) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChronError(
            f"pandoc could not read the document as {fmt}: {detail[-1] if detail else done.returncode}. "
            "Check that the file is what its name says."
        )
    ast: Node = json.loads(done.stdout)
    return ast


def _epub_documents(data: bytes) -> Iterator[tuple[str, bytes]]:
    """The XHTML documents of an EPUB in reading (spine) order, with their paths in the archive.

    pandoc's own EPUB reader drops the note references, so each document is read as HTML.
    """
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        container = ElementTree.fromstring(book.read("META-INF/container.xml"))
        rootfile = next(el for el in container.iter() if el.tag.endswith("rootfile")).attrib["full-path"]
        opf = ElementTree.fromstring(book.read(rootfile))
    except (zipfile.BadZipFile, KeyError, StopIteration, ElementTree.ParseError) as err:
        raise ChronError(f"the EPUB cannot be read ({err}); check that the file is an EPUB.") from None
    base = posixpath.dirname(rootfile)
    manifest = {
        el.attrib["id"]: el.attrib
        for el in opf.iter()
        if el.tag.endswith("}item") and "id" in el.attrib and "href" in el.attrib
    }
    for ref in (el for el in opf.iter() if el.tag.endswith("}itemref")):
        item = manifest.get(ref.attrib.get("idref", ""))
        if item is None or ref.attrib.get("linear") == "no" or "nav" in item.get("properties", "").split():
            continue
        path = posixpath.normpath(posixpath.join(base, item["href"]))
        yield path, book.read(path)


def document_blocks(data: bytes, fmt: str) -> list[tuple[str, list[Node]]]:
    """The document's blocks, as ``(document path, blocks)``: one pair, or one per EPUB document."""
    if fmt == "epub":
        exe = _pandoc()
        return [(path, pandoc_json(xhtml, "html", exe)["blocks"]) for path, xhtml in _epub_documents(data)]
    return [("", pandoc_json(data, fmt)["blocks"])]


# --------------------------------------------------------------------------- writing plain text


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
            if self.superscripts and text.strip().isdigit():
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
        out: list[str] = []
        count = 0
        for item in items:
            paragraphs = self.blocks(item)
            if not paragraphs:
                continue
            paragraphs[0] = label(count) + paragraphs[0]
            out.extend(paragraphs)
            count += 1
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


def extract_document(data: bytes, fmt: str) -> Extraction:
    """The notes of a document read through pandoc as ``fmt`` (one of ``PANDOC_FORMATS``' values).

    The extraction's text is the document as plain text with Markdown footnotes (what is kept
    beside the data). Raises ``ChronError`` when pandoc is missing or cannot read the document.
    """
    text, as_notes = document_text(document_blocks(data, fmt))
    if as_notes:
        ex = extract_text(text, layout="markdown")
        return replace(ex, convention=Convention("pandoc", "markdown", source=fmt))
    ex = extract_text(text)
    return replace(ex, convention=replace(ex.convention, source=fmt))


def extract_file(path: Path, *, layout: str | None = None, markers: str | None = None) -> Extraction:
    """Read ``path`` and extract its notes: through pandoc for the endings in ``PANDOC_FORMATS``,
    as plain text (UTF-8) otherwise. ``layout`` and ``markers`` apply to plain texts."""
    fmt = PANDOC_FORMATS.get(path.suffix.lower())
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ChronError(f"cannot read {str(path)!r} ({err.strerror}); check the path.") from None
    if fmt is not None:
        return extract_document(data, fmt)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ChronError(
            f"{str(path)!r} is not UTF-8 text (byte {err.start}); save it as UTF-8, or give a docx, odt, "
            "html, LaTeX or EPUB file."
        ) from None
    return extract_text(text, layout=layout, markers=markers)

"""Documents read through pandoc (docx, odt, html, LaTeX, EPUB), and any file by its name.

pandoc turns the document into its JSON AST (``pandoc -t json``); chron.extract.plaintext writes
it as plain text with Markdown footnotes, which ``extract_text`` reads. An EPUB's documents are
read one by one as HTML, in spine order, because pandoc's EPUB reader drops note references.
The only module of chron.extract that reads files or runs a program.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from chron.errors import ChronError
from chron.extract.model import Convention, Extraction
from chron.extract.plaintext import Node, document_text
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

# --------------------------------------------------------------------------- running pandoc


def _pandoc() -> str:
    exe = shutil.which("pandoc")
    if exe is None:
        raise ChronError("reading this document needs pandoc, which is not installed: " + INSTALL)
    return exe


def pandoc_json(data: bytes, fmt: str, exe: str | None = None) -> Node:
    """pandoc's JSON AST of ``data`` read as ``fmt``."""
    # imported here: only reading a document runs a program, so start-up does not pay for it
    import subprocess
    import tempfile

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
    # imported here: zipfile brings bz2 and lzma, needed only for an EPUB
    import io
    import zipfile
    from xml.etree import ElementTree

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

"""chron.extract through pandoc: docx, odt, html, LaTeX and EPUB made by pandoc itself at test time."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from chron.errors import ChronError
from chron.extract import check_text, extract_text
from chron.extract.documents import PANDOC_FORMATS, extract_document, extract_file

needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")

SOURCE = """\
# The dock strike

The dockers came out on 14 August 1889.[^1] Their demand was the “docker’s tanner”,[^2] sixpence
an hour, and *they won it* within five weeks.

Some 100,000 men were out by the end of August.[^3]

[^1]: H Llewellyn Smith and V Nash, *The Story of the Dockers’ Strike* (1889), p. 1.
[^2]: Ibid., p. 30.

    The phrase was the strikers’ own.
[^3]: The Times, 31 August 1889.
"""

EXPECTED = [
    (
        1,
        "H Llewellyn Smith and V Nash, The Story of the Dockers’ Strike (1889), p. 1.",
        "The dockers came out on 14 August 1889.",
    ),
    (2, "Ibid., p. 30.\n\nThe phrase was the strikers’ own.", "Their demand was the “docker’s tanner”,"),
    (3, "The Times, 31 August 1889.", "Some 100,000 men were out by the end of August."),
]


def make(tmp_path: Path, suffix: str) -> Path:
    """The source converted by pandoc to the format of ``suffix``."""
    source = tmp_path / "source.md"
    source.write_text(SOURCE, encoding="utf-8")
    out = tmp_path / f"doc{suffix}"
    subprocess.run(
        ["pandoc", str(source), "-s", "--metadata", "title=The dock strike", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    return out


@needs_pandoc
@pytest.mark.parametrize("suffix", [".docx", ".odt", ".html", ".tex", ".epub"])
def test_a_document_through_pandoc(tmp_path: Path, suffix: str) -> None:
    """Each format gives the same notes, verbatim as plain text, with the words before each marker."""
    ex = extract_file(make(tmp_path, suffix))
    assert (ex.convention.layout, ex.convention.source) == ("pandoc", PANDOC_FORMATS[suffix])
    assert ex.convention.describe().endswith(" read through pandoc, its notes kept as Markdown footnotes")
    assert [(n.n, n.text, n.attached_to) for n in ex.notes] == EXPECTED
    assert ex.anomalies == ()


@needs_pandoc
def test_the_kept_text_reads_back_to_the_same_notes(tmp_path: Path) -> None:
    """The plain text kept for a docx is Markdown footnotes that extract_text and check_text read."""
    ex = extract_file(make(tmp_path, ".docx"))
    assert "Their demand was the “docker’s tanner”,[^2] sixpence" in ex.text
    assert "\n[^2]: Ibid., p. 30.\n\n    The phrase was the strikers’ own.\n" in ex.text
    again = extract_text(ex.text)
    assert [(n.n, n.text, n.attached_to) for n in again.notes] == EXPECTED
    assert check_text(ex.text, EXPECTED, [("quote", "sixpence an hour")]) == []


@needs_pandoc
def test_html_with_notes_linked_as_word_writes_them() -> None:
    """Links to notes further on (Word's _ftn anchors, an ol of notes) are notes; backlinks are dropped."""
    page = (
        '<html><body><p>Body text.<a href="#_ftn1" name="_ftnref1">[1]</a> More.<sup><a href="#n2" id="r2">2</a>'
        '</sup> <a href="#top">1</a></p><div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> First note.'
        '</p></div><ol><li id="n2">Second <em>note</em>. <a href="#r2">↩</a></li></ol></body></html>'
    )
    ex = extract_document(page.encode(), "html")
    assert [(n.n, n.text, n.attached_to) for n in ex.notes] == [
        (1, "First note.", "Body text."),
        (2, "Second note.", "More."),
    ]


@needs_pandoc
def test_a_document_with_typed_superscripts_is_read_as_plain_text() -> None:
    """With no note elements or links, superscripts and a numbered list are read like a plain text."""
    page = "<p>The pits closed.<sup>1</sup> The men left.<sup>2</sup></p><h2>Notes</h2><ol><li>A.</li><li>B.</li></ol>"
    ex = extract_document(page.encode(), "html")
    assert (ex.convention.layout, ex.convention.markers, ex.convention.source) == ("endnotes", "superscript", "html")
    assert ex.convention.describe().startswith("html read through pandoc as plain text: endnotes")
    assert [(n.n, n.text, n.attached_to) for n in ex.notes] == [
        (1, "A.", "The pits closed."),
        (2, "B.", "The men left."),
    ]


@needs_pandoc
def test_pandoc_failing_is_a_clear_error() -> None:
    """A file that is not what its name says is refused with what to check."""
    with pytest.raises(ChronError, match="Check that the file is what its name says"):
        extract_document(b"not a zip", "docx")


def test_without_pandoc_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a docx without pandoc is refused with the install line."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ChronError, match="apt-get install pandoc"):
        extract_document(b"", "docx")


def test_an_epub_that_is_not_a_zip_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken EPUB is refused before pandoc runs."""
    monkeypatch.setattr(shutil, "which", lambda name: "/bin/false")
    with pytest.raises(ChronError, match="EPUB"):
        extract_document(b"nonsense", "epub")

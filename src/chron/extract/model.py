"""The values an extraction returns: notes, markers, anomalies and the convention detected.

Plain frozen dataclasses, so the CLI can print them and tests can compare them. Nothing here reads
files or knows about the dataset's models; offsets and line numbers refer to ``Extraction.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AnomalyKind = Literal[
    "no-notes",
    "duplicate-marker",
    "duplicate-note",
    "gap",
    "missing-text",
    "no-marker",
    "garbled-marker",
    "out-of-order",
]

#: Every anomaly kind with what it means, for docs and ``--help``.
ANOMALY_KINDS: dict[str, str] = {
    "no-notes": "no notes were found in the text in any known convention",
    "duplicate-marker": "a note's marker stands more than once in the body",
    "duplicate-note": "two notes carry the same number (or Markdown label)",
    "gap": "a number is missing from both the notes and the markers",
    "missing-text": "a marker in the body has no note text (the note is kept with no text)",
    "no-marker": "a note has no marker in the body",
    "garbled-marker": "a marker was read through an OCR slip, such as [161 for [16]",
    "out-of-order": "a marker or a note stands out of the 1, 2, 3… reading order",
}

#: How the notes are laid out in a text (the ``layout`` of a convention).
LAYOUTS: dict[str, str] = {
    "endnotes": "a numbered list at the end of the text, under a heading such as Notes, or without one",
    "page-footnotes": "a numbered block at the foot of each page, pages separated by form feeds",
    "markdown": "Markdown footnotes: [^1] or [^label] markers and [^1]: definitions",
    "pandoc": "a document read through pandoc (docx, odt, html, LaTeX, EPUB), whose notes are elements",
}

#: How a note's marker is written in the body (the ``markers`` of a convention).
MARKER_STYLES: dict[str, str] = {
    "glued": "the number glued after a word or punctuation: tanks.23, strike.”1",
    "bracket": "the number in square brackets: tanks [23], also [23, 24] and [23–25]",
    "superscript": "superscript digits: tanks.²³",
    "caret": "a caret before the number: tanks^23 (also ^23^ and ^{23})",
    "markdown": "a Markdown footnote reference: tanks.[^23] or tanks.[^label]",
}

#: How the items of a notes list are numbered (the ``items`` of a convention).
ITEM_STYLES: dict[str, str] = {
    "colon": "1: text",
    "dot": "1. text",
    "paren": "1) text",
    "bracket": "[1] text",
    "superscript": "¹ text",
    "space": "1 text",
}


@dataclass(frozen=True, slots=True)
class Marker:
    """One occurrence of a note's marker in the body."""

    n: int
    start: int
    end: int
    line: int
    column: int
    #: the marker exactly as printed (``23``, ``[23]``, ``²³``, ``^23``, ``[^23]``, ``[161``)
    printed: str
    garbled: bool = False


@dataclass(frozen=True, slots=True)
class Note:
    """A note of the text: its number, verbatim text and the body words its marker follows.

    ``text`` is None when the body has the marker but the text has no note for it;
    ``attached_to`` is None when the note has no marker in the body. ``remark`` says why, in a
    sentence fit for the dataset's editorial remark (or its ``marker_absent``).
    """

    n: int
    text: str | None
    attached_to: str | None
    marker: Marker | None = None
    #: the 1-based line of ``Extraction.text`` where the note's text starts
    line: int | None = None
    #: the Markdown label (``[^label]``) when it is not the number itself
    label: str | None = None
    remark: str | None = None


@dataclass(frozen=True, slots=True)
class Anomaly:
    """Something the text does that the extractor reports rather than guesses over."""

    kind: AnomalyKind
    n: int | None
    #: where in ``Extraction.text``: ``line 12, column 40``, or ``the notes`` for the whole list
    where: str
    message: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Convention:
    """The conventions detected (or named): how notes are laid out and how markers are written."""

    layout: str
    markers: str
    #: how the notes' items are numbered (``colon``, ``dot``…), for the endnotes and page footnotes
    items: str | None = None
    #: the heading line above the notes, when there is one
    heading: str | None = None
    #: the input format pandoc read (``docx``, ``html``…), for the pandoc layout
    source: str | None = None

    def describe(self) -> str:
        """One sentence for people, such as ``endnotes numbered "1: text", markers glued``."""
        if self.layout == "pandoc":
            return f"{self.source or 'a document'} read through pandoc, its notes kept as Markdown footnotes"
        parts = [self.layout]
        if self.items:
            parts.append(f'numbered "{ITEM_STYLES[self.items]}"')
        if self.heading:
            parts.append(f"under the heading {self.heading!r}")
        parts.append(f"markers {self.markers}")
        said = ", ".join(parts)
        return f"{self.source} read through pandoc as plain text: {said}" if self.source else said


@dataclass(frozen=True, slots=True)
class Extraction:
    """What ``extract_text`` finds in a text.

    ``text`` is the text itself, with line ends normalised to ``\\n``: what is kept beside the data.
    ``body`` has the same length with the notes, page numbers and definitions blanked out, so
    offsets in one are offsets in the other.
    """

    text: str
    body: str
    notes: tuple[Note, ...]
    markers: tuple[Marker, ...]
    anomalies: tuple[Anomaly, ...]
    convention: Convention

    def note(self, n: int) -> Note | None:
        """The note numbered ``n``, if the text has it."""
        return next((note for note in self.notes if note.n == n), None)

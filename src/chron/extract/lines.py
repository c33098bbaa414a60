"""Small text helpers shared by the extractor: lines with offsets, positions, whitespace, numbers.

Pure functions over strings; nothing here knows what a note is.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_WS = re.compile(r"\s+")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)


def squeeze(text: str) -> str:
    """Runs of whitespace (spaces, tabs, line ends, form feeds) as one space, ends stripped."""
    return _WS.sub(" ", text).strip()


def superscript_value(digits: str) -> int:
    """``²³`` -> 23."""
    return int(digits.translate(_FROM_SUPERSCRIPT))


def to_superscript(n: int) -> str:
    """23 -> ``²³``."""
    return str(n).translate(_TO_SUPERSCRIPT)


def normalise_newlines(text: str) -> str:
    """CRLF and CR line ends as LF, and no byte-order mark: the form every offset refers to."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a text: where it starts and ends (without its line end) and its content."""

    index: int
    start: int
    end: int
    content: str

    @property
    def blank(self) -> bool:
        return not self.content.strip()


def split_lines(text: str, offset: int = 0, first_index: int = 0) -> list[Line]:
    """The lines of ``text`` with their offsets (plus ``offset``) and 0-based indexes."""
    lines: list[Line] = []
    pos = 0
    for i, content in enumerate(text.split("\n")):
        lines.append(Line(first_index + i, offset + pos, offset + pos + len(content), content))
        pos += len(content) + 1
    return lines


class Positions:
    """Offset -> (1-based line, 1-based column) for one text, by bisection over line starts."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def column(self, offset: int) -> int:
        return offset - self._starts[self.line(offset) - 1] + 1

    def where(self, offset: int) -> str:
        return f"line {self.line(offset)}, column {self.column(offset)}"


def blank_out(text: str, regions: list[tuple[int, int]], keep_newline_at: set[int] | None = None) -> str:
    """``text`` with each ``(start, end)`` region replaced by spaces, same length, offsets kept.

    Line ends inside a region become spaces too, except at the offsets in ``keep_newline_at``:
    a footnote block cut out of a page must not leave a blank line that splits a sentence.
    """
    if not regions:
        return text
    keep = keep_newline_at or set()
    pieces: list[str] = []
    at = 0
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in regions):
        start = max(start, at)
        if end <= start:
            continue
        pieces.append(text[at:start])
        blank = [" "] * (end - start)
        for k in keep:
            if start <= k < end:
                blank[k - start] = text[k]
        pieces.append("".join(blank))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)

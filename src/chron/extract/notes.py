"""Finding the notes of a plain text: an end list, page footnotes, or Markdown definitions.

Each finder takes the whole text and returns the notes it found (number, verbatim text, offset),
the regions of the text that hold them (to blank out of the body), and the anomalies seen in the
notes themselves. Markers in the body are chron.extract.markers' business, not this module's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from chron.extract.lines import Line, split_lines, superscript_value
from chron.extract.model import Anomaly

#: How far a list's numbering may jump (a missing note) and still be read as the next item.
MAX_GAP = 3

ITEM_PATTERNS: dict[str, re.Pattern[str]] = {
    "bracket": re.compile(r"[ \t]{0,3}\[(\d{1,4})\][ \t]*(.*)"),
    "colon": re.compile(r"[ \t]{0,3}(\d{1,4}):(?:[ \t]+(.*)|[ \t]*)"),
    "paren": re.compile(r"[ \t]{0,3}(\d{1,4})\)(?:[ \t]+(.*)|[ \t]*)"),
    "dot": re.compile(r"[ \t]{0,3}(\d{1,4})\.(?:[ \t]+(.*)|[ \t]*)"),
    "superscript": re.compile(r"[ \t]{0,3}([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})[ \t]*(.*)"),
    # a bare number needs text after it: a lone number on a line is a page number
    "space": re.compile(r"[ \t]{0,3}(\d{1,4})[ \t]+(\S.*)"),
}

_HEADING = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]*)?(?P<h>(?:end[ \t]*)?notes?|foot[ \t]*notes?|references?|notes and references"
    r"|references and notes|sources|works cited)[ \t]*:?[ \t]*#*[ \t]*",
    re.IGNORECASE,
)
# Sections that end a notes list when they follow it.
_STOP = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]+.*|(?:bibliography|select bibliography|further reading|acknowledge?ments?|appendix.*"
    r"|about the author|index)[ \t]*:?[ \t]*)",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"[ \t]*(?:[-–—][ \t]*)?(?:page[ \t]+)?\d{1,4}(?:[ \t]*[-–—])?[ \t]*", re.IGNORECASE)
_RULE = re.compile(r"[ \t]*(?:[_\-—–=*][ \t]*){3,}")


@dataclass(slots=True)
class RawNote:
    """A note as read from the notes: number, verbatim text, where its text starts."""

    n: int
    text: str | None
    start: int
    label: str | None = None
    parts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class NotesFound:
    """What one finder read: the notes, the regions that hold them, their own anomalies."""

    layout: str
    notes: list[RawNote]
    regions: list[tuple[int, int]]
    anomalies: list[Anomaly]
    items: str | None = None
    heading: str | None = None
    keep_newlines: set[int] = field(default_factory=set)
    #: Markdown: the label of each reference, in reading order, mapped to its note number
    labels: dict[str, int] = field(default_factory=dict)


def item_of(content: str, style: str) -> tuple[int, str] | None:
    """The number and text of a list item written in ``style``, or None if the line is not one."""
    m = ITEM_PATTERNS[style].fullmatch(content)
    if m is None:
        return None
    digits = m.group(1)
    n = superscript_value(digits) if style == "superscript" else int(digits)
    return n, (m.group(2) or "").rstrip()


def _join(parts: list[str]) -> str:
    """A note's lines as one text: wrapped lines joined by a space, paragraphs by a blank line."""
    out: list[str] = []
    for part in parts:
        if part == "":
            if out and out[-1] != "\n\n":
                out.append("\n\n")
        elif out and out[-1] != "\n\n":
            out.append(" " + part)
        else:
            out.append(part)
    return "".join(out).strip()


def _finish(note: RawNote) -> None:
    joined = _join(note.parts)
    note.text = joined or None


def _is_page_number(lines: list[Line], i: int) -> bool:
    """A lone number next to a form feed (or on a page of its own) is a page number, not text."""
    line = lines[i]
    if not _PAGE_NUMBER.fullmatch(line.content.replace("\f", "")):
        return False
    near = [lines[j].content for j in (i - 1, i, i + 1) if 0 <= j < len(lines)]
    return any("\f" in c for c in near)


@dataclass(slots=True)
class _Walk:
    notes: list[RawNote]
    accepted: int
    stray: int
    end: int  # index of the line after the last one read


def _spaced(lines: list[Line], first: int, last: int, style: str) -> bool:
    """Whether most items after the first stand after a blank line (each note its own paragraph)."""
    after_blank = [lines[i - 1].blank for i in range(first + 1, last) if item_of(lines[i].content, style)]
    return sum(after_blank) * 2 > len(after_blank)


def _walk(lines: list[Line], first: int, style: str, expected: int, *, until: int | None = None) -> _Walk:
    """Read the items of ``style`` from line ``first``: numbers in sequence start notes, other lines
    continue them.

    After a blank line, an unindented line that is not an item ends the list, unless the list's
    items are themselves apart by blank lines (then it is a note's next paragraph).
    """
    notes: list[RawNote] = []
    accepted = stray = 0
    after_blank = False
    last = len(lines) if until is None else until
    spaced = _spaced(lines, first, last, style)
    i = first
    while i < last:
        line = lines[i]
        content = line.content.replace("\f", "")
        if not content.strip():
            after_blank = True
            if notes:
                notes[-1].parts.append("")
            i += 1
            continue
        if _is_page_number(lines, i):
            i += 1
            continue
        if i > first and (_STOP.fullmatch(content) or _HEADING.fullmatch(content)):
            break
        item = item_of(content, style)
        if item is not None:
            n, text = item
            if expected <= n <= expected + MAX_GAP or (style != "space" and notes and n == expected - 1):
                if notes:
                    _finish(notes[-1])
                offset = line.start + line.content.find(text) if text else line.start
                notes.append(RawNote(n, None, offset, parts=[text] if text else []))
                accepted += 1
                expected = max(expected, n + 1)
                after_blank = False
                i += 1
                continue
        if notes and after_blank and not spaced and not content[:1].isspace():
            break
        # a continuation of the current note (or, before any, a stray line)
        if notes:
            notes[-1].parts.append(content.strip())
        if after_blank or not notes:
            stray += 1
        after_blank = False
        i += 1
    if notes:
        _finish(notes[-1])
    return _Walk(notes, accepted, stray, i)


def _duplicates(notes: list[RawNote], pos_line: dict[int, int]) -> tuple[list[RawNote], list[Anomaly]]:
    """Keep the first note of each number; report the others."""
    seen: dict[int, RawNote] = {}
    kept: list[RawNote] = []
    anomalies: list[Anomaly] = []
    for note in notes:
        if note.n in seen:
            line = pos_line.get(note.start)
            anomalies.append(
                Anomaly(
                    "duplicate-note",
                    note.n,
                    f"line {line}" if line else "the notes",
                    f"note {note.n} is numbered twice; the first is kept, this one dropped: {(note.text or '')[:60]!r}",
                    line,
                )
            )
            continue
        seen[note.n] = note
        kept.append(note)
    return kept, anomalies


def _line_numbers(lines: list[Line], notes: list[RawNote]) -> dict[int, int]:
    starts = [ln.start for ln in lines]
    return {note.start: bisect.bisect_right(starts, note.start) for note in notes}


def find_endnotes(text: str, styles: tuple[str, ...] = tuple(ITEM_PATTERNS)) -> NotesFound | None:
    """The best-scoring numbered list that starts at item 1 (or any number under a heading) and runs
    to the end of the text.

    A list is scored by its items in sequence minus the paragraphs that do not start with one, so
    a body line that happens to begin ``1 January`` loses to the real list. A heading such as
    ``Notes`` right above the list is recorded and blanked with it, but is not required.
    """
    lines = split_lines(text)
    # the first line after each heading: there a list may start at any number (a chapter's notes)
    after_heading: set[int] = set()
    for line in lines:
        if _HEADING.fullmatch(line.content):
            nxt = next((ln for ln in lines[line.index + 1 :] if not ln.blank and not _RULE.fullmatch(ln.content)), None)
            if nxt is not None:
                after_heading.add(nxt.index)
    best: tuple[float, int, str, _Walk] | None = None
    for style in styles:
        pattern = ITEM_PATTERNS[style]
        for line in lines:
            m = pattern.fullmatch(line.content.replace("\f", ""))
            if m is None:
                continue
            digits = m.group(1)
            n = superscript_value(digits) if style == "superscript" else int(digits)
            if n != 1 and line.index not in after_heading:
                continue
            walk = _walk(lines, line.index, style, n)
            # a list is mostly items: continuation paragraphs are fewer than twice its notes
            if walk.accepted == 0 or walk.stray >= 2 * walk.accepted:
                continue
            score = walk.accepted - walk.stray
            key = (score, line.index)
            if best is None or key > (best[0], best[1]):
                best = (score, line.index, style, walk)
    if best is None:
        return None
    _, first, style, walk = best
    heading = None
    region_start = lines[first].start
    j = first - 1
    while j >= 0 and (lines[j].blank or _RULE.fullmatch(lines[j].content)):
        j -= 1
    if j >= 0 and (h := _HEADING.fullmatch(lines[j].content)):
        heading = h.group("h")
        region_start = lines[j].start
    region_end = lines[walk.end - 1].end if walk.end > first else lines[first].end
    notes, anomalies = _duplicates(walk.notes, _line_numbers(lines, walk.notes))
    return NotesFound("endnotes", notes, [(region_start, region_end)], anomalies, items=style, heading=heading)


def _page_bounds(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for m in re.finditer("\f", text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def find_page_footnotes(text: str, styles: tuple[str, ...] = tuple(ITEM_PATTERNS)) -> NotesFound | None:
    """Footnote blocks at the foot of pages separated by form feeds (as pdftotext writes them).

    On each page the block starts after the last rule line (``____``, ``---``, ``———``) or, with
    no rule, at the last line that is an item numbered with the next note number. Numbers run on
    from page to page. A block's lines before its first item continue the previous page's last
    note. Lone page numbers at the top or foot of a page are blanked too.
    """
    if "\f" not in text:
        return None
    notes: list[RawNote] = []
    regions: list[tuple[int, int]] = []
    keep: set[int] = set()
    used_style: str | None = None
    expected = 1
    for start, end in _page_bounds(text):
        page = split_lines(text[start:end], offset=start)
        body = [ln for ln in page if not ln.blank]
        if not body:
            continue
        # page numbers at the head or foot of the page
        for ln in (body[0], body[-1]):
            if _PAGE_NUMBER.fullmatch(ln.content):
                regions.append((ln.start, ln.end))
        content_lines = [ln for ln in body if not _PAGE_NUMBER.fullmatch(ln.content)] or body
        rule_at = next((ln for ln in reversed(content_lines) if _RULE.fullmatch(ln.content)), None)
        candidates = (used_style,) if used_style else styles
        chosen: tuple[str, int] | None = None
        for style in candidates:
            if rule_at is not None:
                if any(item_of(ln.content, style) for ln in content_lines if ln.start > rule_at.start):
                    chosen = (style, rule_at.index + 1)
            else:
                at = next(
                    (
                        ln
                        for ln in reversed(content_lines)
                        if (item := item_of(ln.content, style)) and item[0] == expected
                    ),
                    None,
                )
                if at is not None:
                    chosen = (style, at.index)
            if chosen:
                break
        if chosen is None:
            continue
        style, block_first = chosen
        used_style = style
        last_line = content_lines[-1]
        # lines before the block's first item continue the previous page's last note
        lead: list[str] = []
        for ln in page[block_first : last_line.index + 1]:
            if item_of(ln.content, style):
                break
            if ln.content.strip():
                lead.append(ln.content.strip())
        if lead and notes:
            notes[-1].parts.extend(lead)
            _finish(notes[-1])
        walk = _walk(page, block_first, style, expected, until=last_line.index + 1)
        if not walk.notes:
            continue
        notes.extend(walk.notes)
        expected = max(n.n for n in walk.notes) + 1
        cut_from = rule_at.start if rule_at is not None else page[block_first].start
        # blank from the end of the last body line to the page's end, keeping that line's end
        body_before = [ln for ln in content_lines if ln.end <= cut_from and not _RULE.fullmatch(ln.content)]
        if body_before:
            cut_from = body_before[-1].end
            keep.add(cut_from)
        regions.append((cut_from, end + 1))
    if not notes:
        return None
    kept, anomalies = _duplicates(notes, _line_numbers(split_lines(text), notes))
    return NotesFound("page-footnotes", kept, regions, anomalies, items=used_style, keep_newlines=keep)

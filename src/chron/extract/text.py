"""``extract_text``: a plain text's notes, their markers and anomalies, in the convention detected.

Tries each notes layout the text may use (Markdown definitions, an end list, page footnotes) and
each marker style, and keeps the reading that pairs the most notes with markers. Pure: text in,
``Extraction`` out.
"""

from __future__ import annotations

from dataclasses import dataclass

from chron.errors import UsageError
from chron.extract.lines import Positions, blank_out, normalise_newlines
from chron.extract.markdown import find_markdown
from chron.extract.markers import (
    FINDERS,
    UNAMBIGUOUS,
    Candidate,
    attached_words,
    candidates,
    choose_chain,
    markdown_candidates,
    sentence_starts,
)
from chron.extract.model import LAYOUTS, MARKER_STYLES, Anomaly, Convention, Extraction, Marker, Note
from chron.extract.notes import NotesFound, RawNote, find_endnotes, find_page_footnotes

#: How far past the last note's number a marker may run (markers whose note text is missing).
TAIL = 3

# Preference when two readings pair as many notes: the more specific convention first.
_LAYOUT_ORDER = ("markdown", "endnotes", "page-footnotes")
_STYLE_ORDER = ("bracket", "superscript", "caret", "glued")


@dataclass(slots=True)
class _Reading:
    extraction: Extraction
    paired: int
    weight: float


def _accept_markers(
    chain: list[Candidate], cands: list[Candidate], style: str, known: set[int], pos: Positions
) -> tuple[list[Candidate], list[Anomaly]]:
    """The chain plus the repeats and out-of-order markers a sure style shows, with their anomalies."""
    accepted = list(chain)
    anomalies: list[Anomaly] = []
    first = {c.n: c for c in chain}
    chain_starts = sorted(c.start for c in chain)
    chosen = {(c.start, c.n) for c in chain}
    for c in cands:
        # slips and weak forms are markers only on the chain; a group's numbers are each their own
        if (c.start, c.n) in chosen or c.garbled or c.weight < 1.0:
            continue
        where = pos.where(c.start)
        line = pos.line(c.start)
        if c.n in first:
            head = first[c.n]
            if style not in UNAMBIGUOUS:
                # a glued repeat counts only where a marker fits: after the first, before the next one
                nxt = next((s for s in chain_starts if s > head.start), None)
                if c.start < head.start or (nxt is not None and c.start > nxt):
                    continue
            anomalies.append(
                Anomaly(
                    "duplicate-marker",
                    c.n,
                    where,
                    f"marker {c.n} ({c.printed}) stands again at {where}; the first, at "
                    f"{pos.where(head.start)}, gives the words the note is attached to",
                    line,
                )
            )
            accepted.append(c)
        elif style in UNAMBIGUOUS and c.n in known:
            anomalies.append(
                Anomaly(
                    "out-of-order",
                    c.n,
                    where,
                    f"marker {c.n} ({c.printed}) at {where} is out of the 1, 2, 3… order of the markers around it",
                    line,
                )
            )
            first[c.n] = c
            accepted.append(c)
    accepted.sort(key=lambda c: (c.start, c.n))
    return accepted, anomalies


def _chain(body: str, found: NotesFound, style: str) -> tuple[list[Candidate], list[Candidate], float]:
    """The candidates of ``style``, the chain chosen among them, and how well it pairs the notes."""
    known = {note.n for note in found.notes}
    limit = (max(known) if known else 0) + TAIL
    cands = markdown_candidates(body, found.labels) if style == "markdown" else candidates(body, style, limit)
    chain = choose_chain(cands, known)
    paired = len({c.n for c in chain} & known)
    return cands, chain, paired + sum(c.weight for c in chain if c.n in known) / (len(chain) + 1) / 2


def _assemble(text: str, body: str, found: NotesFound, style: str) -> _Reading:
    pos = Positions(text)
    raw: dict[int, RawNote] = {note.n: note for note in found.notes}
    known = set(raw)
    cands, chain, _ = _chain(body, found, style)
    accepted, anomalies = _accept_markers(chain, cands, style, known, pos)
    anomalies = [*found.anomalies, *anomalies]

    starts = sentence_starts(body, [(c.start, c.end) for c in accepted])
    first: dict[int, Candidate] = {}
    floor_of: dict[int, int] = {}
    previous_end = floor = 0
    last_start = -1
    for c in accepted:
        if c.start != last_start:
            # the numbers of one group ([2, 3]) all follow the same words
            floor, last_start = previous_end, c.start
        if c.n not in first:
            first[c.n] = c
            floor_of[c.n] = floor
        previous_end = max(previous_end, c.end)

    markers = tuple(
        Marker(c.n, c.start, c.end, pos.line(c.start), pos.column(c.start), c.printed, c.garbled) for c in accepted
    )
    notes: list[Note] = []
    numbers = sorted(known | set(first))
    for n in numbers:
        note = raw.get(n)
        cand = first.get(n)
        remarks: list[str] = []
        marker = None
        attached = None
        if cand is not None:
            marker = Marker(
                n, cand.start, cand.end, pos.line(cand.start), pos.column(cand.start), cand.printed, cand.garbled
            )
            attached = attached_words(body, starts, cand.start, floor_of[n]) or None
            if cand.garbled:
                anomalies.append(
                    Anomaly(
                        "garbled-marker",
                        n,
                        pos.where(cand.start),
                        f"{cand.printed!r} at {pos.where(cand.start)} read as marker {n} (a printing slip)",
                        marker.line,
                    )
                )
                remarks.append(f"The marker is printed {cand.printed!r} (a slip, as from OCR) and read as {n}.")
        if note is None or note.text is None:
            where = pos.where(note.start) if note else pos.where(cand.start) if cand else "the notes"
            anomalies.append(
                Anomaly(
                    "missing-text",
                    n,
                    where,
                    f"marker {n} has no note text in the text; the note is kept with no text",
                    pos.line(note.start) if note else marker.line if marker else None,
                )
            )
            remarks.append(f"The text has marker {n} but no text for note {n}.")
        if cand is None:
            where = pos.where(note.start) if note else "the notes"
            anomalies.append(
                Anomaly(
                    "no-marker",
                    n,
                    where,
                    f"note {n} has no marker in the body",
                    pos.line(note.start) if note else None,
                )
            )
            remarks.append(f"No marker {n} was found in the body.")
        notes.append(
            Note(
                n,
                note.text if note else None,
                attached,
                marker,
                pos.line(note.start) if note else None,
                note.label if note and note.label else (cand.label if cand and cand.label else None),
                " ".join(remarks) or None,
            )
        )
    if numbers:
        present = set(numbers)
        for n in range(min(numbers), max(numbers) + 1):
            if n not in present:
                anomalies.append(Anomaly("gap", n, "the notes", f"there is no note {n} and no marker {n}", None))
    if not numbers:
        anomalies.append(Anomaly("no-notes", None, "the text", "no notes were found in the text", None))
    anomalies.sort(key=lambda a: (a.n if a.n is not None else 0, a.kind))
    convention = Convention(found.layout, style, found.items, found.heading)
    paired = sum(1 for note in notes if note.text is not None and note.marker is not None)
    weight = sum(c.weight for c in chain if c.n in known)
    extraction = Extraction(text, body, tuple(notes), markers, tuple(anomalies), convention)
    return _Reading(extraction, paired, weight)


def _check_choice(value: str | None, choices: dict[str, str], what: str) -> None:
    if value is not None and value not in choices:
        raise UsageError(f"unknown {what} {value!r}; choose one of: {', '.join(choices)}.")


def extract_text(text: str, *, layout: str | None = None, markers: str | None = None) -> Extraction:
    """Find a text's notes, their markers and the words each follows, and report anomalies.

    ``layout`` (one of ``LAYOUTS`` but ``pandoc``) and ``markers`` (one of ``MARKER_STYLES``)
    name the convention instead of detecting it. Detection keeps the reading that pairs the most
    notes with markers, then the one with the surest markers.
    """
    _check_choice(layout, {k: v for k, v in LAYOUTS.items() if k != "pandoc"}, "notes layout")
    _check_choice(markers, MARKER_STYLES, "marker style")
    text = normalise_newlines(text)
    finders = {"markdown": find_markdown, "endnotes": find_endnotes, "page-footnotes": find_page_footnotes}
    layouts = (layout,) if layout else _LAYOUT_ORDER
    best: _Reading | None = None
    for name in layouts:
        found = finders[name](text)
        if found is None:
            continue
        if markers:
            styles: tuple[str, ...] = (markers,)
        elif name == "markdown":
            styles = ("markdown",)
        else:
            styles = tuple(s for s in _STYLE_ORDER if s in FINDERS)
        body = blank_out(text, found.regions, found.keep_newlines)
        # the style whose chain pairs the most notes (then with the surest markers; ties: the first)
        style = max(styles, key=lambda st: (_chain(body, found, st)[2], -styles.index(st)))
        reading = _assemble(text, body, found, style)
        if best is None or (reading.paired, reading.weight) > (best.paired, best.weight):
            best = reading
    if best is None:
        empty = NotesFound(layout or "endnotes", [], [], [])
        best = _assemble(text, text, empty, markers or "glued")
    return best.extraction


def kept_text(extraction: Extraction) -> str:
    """The text to keep beside the data (``article.txt``): the text's own words, notes included.

    For a plain text it is the text itself (line ends normalised); for a document read through
    pandoc it is the body and notes as plain text with Markdown footnotes, which ``extract_text``
    reads back to the same notes.
    """
    return extraction.text if extraction.text.endswith("\n") else extraction.text + "\n"

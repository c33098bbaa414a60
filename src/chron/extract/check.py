"""``check_text``: what a dataset holds that its text does not say verbatim (``check --article``).

The text is read with ``extract_text`` (the convention detected, or named), so a note's text is
compared with the text's own note of that number, and ``attached_to`` with the words before that
note's marker, whatever way the markers are printed. Plain inputs, plain findings; the caller
turns them into its own problems.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from chron.extract.lines import squeeze, to_superscript
from chron.extract.model import Extraction
from chron.extract.text import extract_text


@dataclass(frozen=True, slots=True)
class Finding:
    """A value of the dataset not found verbatim in the text: where in the data, and why.

    ``kind`` says which input it is about: ``verbatim`` (one of the ``(where, value)`` pairs, whose
    ``where`` it repeats), ``text`` or ``attached_to`` (a note's, at ``notes[n=N].text`` or
    ``notes[n=N].attached_to``), so a caller can tell which of its files to name.
    """

    where: str
    message: str
    kind: Literal["verbatim", "text", "attached_to"]


def _ends_with_words(body: str, marker_start: int, words: str) -> bool:
    before = squeeze(body[max(0, marker_start - 4 * len(words) - 200) : marker_start])
    return before.endswith(words)


def _printed_forms(words: str, n: int, style: str) -> tuple[str, ...]:
    """The ways a marker of ``style`` may follow ``words``, for a marker the extraction did not keep."""
    forms = {
        "glued": (f"{words}{n}",),
        "bracket": (f"{words}[{n}]", f"{words} [{n}]"),
        "superscript": (f"{words}{to_superscript(n)}",),
        "caret": (f"{words}^{n}", f"{words}^{{{n}}}"),
        "markdown": (f"{words}[^{n}]",),
    }
    return forms.get(style, ())


def check_text(
    text: str,
    notes: Sequence[tuple[int, str | None, str | None]],
    verbatim: Sequence[tuple[str, str]] = (),
    *,
    layout: str | None = None,
    markers: str | None = None,
    extraction: Extraction | None = None,
) -> list[Finding]:
    """The dataset's values that ``text`` does not hold verbatim (whitespace runs count as one space).

    ``notes`` are ``(n, text, attached_to)``: ``text`` must equal the text's note ``n`` (None skips
    the test, for a note whose text is missing), and ``attached_to`` must be the words right
    before one of note ``n``'s markers (None for a note with no marker). ``verbatim`` are
    ``(where, value)`` pairs, such as quotes and date wordings, each to be found anywhere in the
    text. ``layout`` and ``markers`` name the convention instead of detecting it; a ready
    ``extraction`` of the same text may be passed to save reading it twice.
    """
    ex = extraction if extraction is not None else extract_text(text, layout=layout, markers=markers)
    flat = squeeze(ex.text)
    flat_body = squeeze(ex.body)
    found: list[Finding] = []
    for where, value in verbatim:
        if value and squeeze(value) not in flat:
            found.append(Finding(where, "not found verbatim in the text", "verbatim"))
    occurrences: dict[int, list[int]] = {}
    for marker in ex.markers:
        occurrences.setdefault(marker.n, []).append(marker.start)
    for n, note_text, attached_to in notes:
        own = ex.note(n)
        if note_text is not None:
            wanted = squeeze(note_text)
            if own is None or own.text is None:
                found.append(Finding(f"notes[n={n}].text", f"the text has no note {n} to compare with", "text"))
            elif squeeze(own.text) != wanted:
                found.append(
                    Finding(
                        f"notes[n={n}].text",
                        f"differs from the text's note {n}: {_first_difference(wanted, squeeze(own.text))}",
                        "text",
                    )
                )
        if attached_to:
            words = squeeze(attached_to)
            starts = occurrences.get(n, [])
            if any(_ends_with_words(ex.body, s, words) for s in starts):
                continue
            if any(form in flat_body for form in _printed_forms(words, n, ex.convention.markers)):
                continue
            if starts:
                message = f"the words before marker {n} (at {_line_of(ex, starts[0])}) are not these"
            else:
                message = f"the text has no marker {n} right after these words"
            found.append(Finding(f"notes[n={n}].attached_to", message, "attached_to"))
    return found


def _line_of(ex: Extraction, offset: int) -> str:
    return f"line {ex.text.count(chr(10), 0, offset) + 1}"


def _first_difference(wanted: str, printed: str) -> str:
    """Where two texts part, shown with a little context from each."""
    i = 0
    while i < min(len(wanted), len(printed)) and wanted[i] == printed[i]:
        i += 1
    lo = max(0, i - 20)
    return f"the data has {wanted[lo : i + 20]!r} where the text has {printed[lo : i + 20]!r}"

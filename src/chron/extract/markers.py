"""Finding notes' markers in a body and the words each follows.

A marker style yields candidates (a number at an offset, with a weight for how sure its form is);
``choose_chain`` keeps the heaviest run of candidates whose numbers rise in reading order, which is
what tells a marker from a year, a count or a page number. ``attached_words`` gives the body
words a marker follows: the sentence it ends (or the words since the previous marker).
Works on the body with the notes blanked out; knows nothing of files or of the dataset.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from chron.extract.lines import squeeze, superscript_value


@dataclass(frozen=True, slots=True)
class Candidate:
    """A number that may be a marker: where it stands, how it is printed, how much to trust it."""

    n: int
    start: int
    end: int
    printed: str
    weight: float
    garbled: bool = False
    #: the words of a Markdown reference (``[^label]``), when not a number
    label: str | None = None


# --------------------------------------------------------------------------- candidates per style

# A glued number: after a word's last letter or its closing punctuation, never inside a number
# (1,200 3.5 1953-56), never before letters (1950s 2nd) or a decimal part.
_GLUED = re.compile(r"(?<=[^\s\d])(\d{1,4})(?![\d\w%°]|[.,]\d)")
_CLOSING = set(".,;:!?’”\"')]…")
_LETTER_WEIGHT = 0.5
_AFTER_NUMBER_WEIGHT = 0.3

# [3], [2, 3], [4–6], and with a page: [3, p. 12], [3, pp. 4-5]
_BRACKET = re.compile(
    r"\[(\d{1,4}(?:[ \t]*[,–-][ \t]*\d{1,4})*)(?:,[ \t]*(?:pp?\.?|at|ch\.|§)[ \t]*[\divxlc][^\]\[]{0,20})?\]"
)
_BRACKET_OPEN = re.compile(r"(?<!\^)\[(\d{1,5})(?=[\s.,;:!?’”)]|$)")  # [161 — the ] read as 1, or lost
_BRACKET_SHUT = re.compile(r"(?<![\[\d\w^])(\d{1,4})\]")  # 16] — the [ lost
_BRACKET_LETTERS = re.compile(r"\[(?=[^\]]*\d)([\dlIO|]{1,4})\]")  # [l6]: a 1 read as l (never [I]t)
_OCR_DIGITS = str.maketrans("lI|O", "1110")
_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}")
_CARET = re.compile(r"(?<!\[)\^(?:\{(\d{1,4})\}|(\d{1,4})\^?)")
_MARKDOWN = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def _glued(body: str) -> Iterable[Candidate]:
    for m in _GLUED.finditer(body):
        start = m.start()
        before = body[start - 1]
        if before in "-–—/+×=#$£€§¶@&*_^~<>|\\{}[":
            continue
        if before.isalpha():
            weight = _LETTER_WEIGHT
        elif before in _CLOSING:
            # the punctuation must close a word: "Class of ’56" is a year, "all’.56" a marker
            k = start - 1
            while k >= 0 and body[k] in _CLOSING:
                k -= 1
            if k < 0 or body[k].isspace():
                continue
            weight = _AFTER_NUMBER_WEIGHT if body[k].isdigit() else 1.0
        else:
            continue
        yield Candidate(int(m.group(1)), start, m.end(), m.group(1), weight)


def _numbers_in_group(group: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"[ \t]*,[ \t]*", group):
        if re.fullmatch(r"\d+[ \t]*[–-][ \t]*\d+", part):
            a, b = (int(x) for x in re.split(r"[ \t]*[–-][ \t]*", part))
            out.extend(range(a, b + 1) if 0 < b - a <= 20 else (a, b))
        else:
            out.append(int(part))
    return out


def _bracket(body: str) -> Iterable[Candidate]:
    whole: list[tuple[int, int]] = []
    for m in _BRACKET.finditer(body):
        if m.start() > 0 and body[m.start() - 1] == "^":
            continue
        whole.append(m.span())
        for n in _numbers_in_group(m.group(1)):
            yield Candidate(n, m.start(), m.end(), m.group(0), 1.0)
    starts = [a for a, _ in whole]

    def inside(at: int) -> bool:
        k = bisect.bisect_right(starts, at) - 1
        return k >= 0 and at < whole[k][1]

    # the slips: a bracket lost or read as a digit, a 1 read as a letter (never inside a whole group)
    for m in _BRACKET_OPEN.finditer(body):
        if inside(m.start()):
            continue
        digits = m.group(1)
        yield Candidate(int(digits), m.start(), m.end(), m.group(0), 0.4, garbled=True)
        if len(digits) > 1 and digits[-1] == "1":
            yield Candidate(int(digits[:-1]), m.start(), m.end(), m.group(0), 0.6, garbled=True)
    for m in _BRACKET_SHUT.finditer(body):
        if not inside(m.start()):
            yield Candidate(int(m.group(1)), m.start(), m.end(), m.group(0), 0.5, garbled=True)
    for m in _BRACKET_LETTERS.finditer(body):
        if not m.group(1).isdigit():
            yield Candidate(int(m.group(1).translate(_OCR_DIGITS)), m.start(), m.end(), m.group(0), 0.6, garbled=True)


def _superscript(body: str) -> Iterable[Candidate]:
    for m in _SUPERSCRIPT.finditer(body):
        weight = 0.5 if m.start() > 0 and body[m.start() - 1].isalpha() and m.end() < len(body) else 1.0
        yield Candidate(superscript_value(m.group(0)), m.start(), m.end(), m.group(0), weight)


def _caret(body: str) -> Iterable[Candidate]:
    for m in _CARET.finditer(body):
        yield Candidate(int(m.group(1) or m.group(2)), m.start(), m.end(), m.group(0), 1.0)


def markdown_candidates(body: str, numbers: dict[str, int]) -> list[Candidate]:
    """Markdown references, numbered through the labels the definitions gave them."""
    out = []
    for m in _MARKDOWN.finditer(body):
        label = m.group(1)
        if label in numbers:
            out.append(Candidate(numbers[label], m.start(), m.end(), m.group(0), 1.0, label=label))
        elif label.isascii() and label.isdigit():
            out.append(Candidate(int(label), m.start(), m.end(), m.group(0), 1.0, label=label))
    return out


FINDERS = {"glued": _glued, "bracket": _bracket, "superscript": _superscript, "caret": _caret}

#: Styles whose every occurrence is surely a marker (so repeats are reported, not ignored).
UNAMBIGUOUS = frozenset({"bracket", "superscript", "caret", "markdown"})


def candidates(body: str, style: str, limit: int) -> list[Candidate]:
    """The candidates of ``style`` in ``body`` with numbers from 1 to ``limit``, in reading order."""
    found = [c for c in FINDERS[style](body) if 1 <= c.n <= limit]
    found.sort(key=lambda c: (c.start, c.n))
    return found


# --------------------------------------------------------------------------- the chain

_STEP_BONUS = 0.5


def choose_chain(cands: list[Candidate], known: set[int]) -> list[Candidate]:
    """The heaviest subsequence whose numbers rise strictly in reading order.

    A candidate weighs its form's weight, less when its number is not a known note number, and a
    step of exactly one from the previous marker earns a bonus: markers run 1, 2, 3… so a run of
    consecutive numbers outweighs a stray year or count that happens to fit.
    """
    if not cands:
        return []
    top = max(c.n for c in cands)
    tree = [0.0] * (top + 1)  # Fenwick tree: best chain value ending at a number <= i
    tree_at = [-1] * (top + 1)
    by_number: dict[int, tuple[float, int]] = {}
    value = [0.0] * len(cands)
    back = [-1] * len(cands)

    def query(i: int) -> tuple[float, int]:
        best, at = 0.0, -1
        while i > 0:
            if tree[i] > best:
                best, at = tree[i], tree_at[i]
            i -= i & -i
        return best, at

    def update(i: int, v: float, at: int) -> None:
        while i <= top:
            if v > tree[i]:
                tree[i], tree_at[i] = v, at
            i += i & -i

    for idx, c in enumerate(cands):
        w = c.weight if c.n in known else c.weight * 0.4
        best, at = query(c.n - 1)
        prev = by_number.get(c.n - 1)
        if prev is not None and prev[0] + _STEP_BONUS > best:
            best, at = prev[0] + _STEP_BONUS, prev[1]
        value[idx] = best + w
        back[idx] = at
        update(c.n, value[idx], idx)
        if value[idx] > by_number.get(c.n, (-1.0, -1))[0]:
            by_number[c.n] = (value[idx], idx)
    end = max(range(len(cands)), key=lambda i: (value[i], -i))
    chain: list[Candidate] = []
    while end >= 0:
        chain.append(cands[end])
        end = back[end]
    chain.reverse()
    return chain


# --------------------------------------------------------------------------- the words before a marker

# Words whose full stop does not end a sentence (single letters, initials, are handled apart).
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "st", "prof", "rev", "gen", "col", "capt", "lt", "sgt", "jr", "sr", "vs"),
        *("etc", "e.g", "i.e", "cf", "p", "pp", "vol", "vols", "no", "nos", "ed", "eds", "fig", "figs", "ch"),
        *("chap", "sec", "art", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov"),
        *("dec", "ca", "approx", "op", "cit", "ibid", "viz", "al", "ff", "nn", "trans", "repr", "esp"),
    }
)
_BOUNDARY = re.compile(
    r"\n[ \t]*\n\s*"  # a blank line
    r"|:[ \t]*\n\s*"  # a colon ending a line (a block quote follows)
    r"|(?P<stop>[.!?])[\"'’”)\]]*\s+"  # a sentence's end
)
_CLOSERS = "\"'’”)]"
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _ends_sentence(body: str, stop: int) -> bool:
    """Whether the ``.!?`` at ``stop`` ends a sentence (a full stop after an abbreviation or an
    initial does not)."""
    if body[stop] != ".":
        return True
    word = _WORD_BEFORE.search(body[max(0, stop - 40) : stop])
    token = word.group(1).lower() if word else ""
    bare = token.rstrip(".")
    return not (bare in _ABBREVIATIONS or token in _ABBREVIATIONS or (len(bare) == 1 and bare.isalpha()))


def sentence_starts(body: str, markers: Iterable[tuple[int, int]] = ()) -> list[int]:
    """Offsets where a sentence starts: after a blank line, a line-ending colon, or ``.!?`` and a
    space, also when one of ``markers`` (start, end) stands between the stop and the space.

    Only real markers count there, so the full stop of ``3.5 per cent`` ends nothing.
    """
    starts = [0]
    for m in _BOUNDARY.finditer(body):
        if m.group("stop") is None or _ends_sentence(body, m.start()):
            starts.append(m.end())
    for start, end in markers:
        j = start
        while j > 0 and body[j - 1] in _CLOSERS:
            j -= 1
        if j == 0 or body[j - 1] not in ".!?" or end >= len(body) or not body[end].isspace():
            continue
        if _ends_sentence(body, j - 1):
            k = end
            while k < len(body) and body[k].isspace():
                k += 1
            starts.append(k)
    return sorted(set(starts))


def attached_words(body: str, starts: list[int], marker_start: int, floor: int) -> str:
    """The words a marker follows: from its sentence's start (or ``floor``, the end of the previous
    marker, if later) to the marker, with whitespace squeezed."""
    k = bisect.bisect_right(starts, marker_start) - 1
    begin = starts[k] if k >= 0 else 0
    # a boundary that ends exactly at the marker (``word. 12``) belongs to the sentence before
    while k > 0 and begin >= marker_start:
        k -= 1
        begin = starts[k]
    begin = max(begin, floor)
    return squeeze(body[begin:marker_start])

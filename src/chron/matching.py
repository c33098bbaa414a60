"""How words meet text: whole-word patterns over folded text (or exact), the spans they match
mapped back to the text's own characters, snippets around them, and a record's fields folded once.

A word of a query matches a whole word of the text: the same word, or the same word with a plural
or possessive ending ("council" finds "councils", "council’s" and "councils’"; "strike" finds
"strikes"), never a longer word ("gyor" does not find "Gyorgy", "council" not "councillor"). A
word ending in * matches as a prefix ("council*" finds "councillor"). Pure: text in, spans out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from chron.query import FOLDS, RESIZED, fold


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """``fold(text)`` plus, for each folded character, the index of the character it came from."""
    if text.isascii():  # folding ASCII only lower-cases it, character for character
        return text.lower(), range(len(text))
    folded = fold(text)  # learns the fold of every character outside ASCII into FOLDS
    if RESIZED.isdisjoint(text):
        return folded, range(len(text))  # one character for one: the map is the identity
    where: list[int] = []
    for i, ch in enumerate(text):
        where.extend([i] * len(FOLDS.get(ch, ch)))
    return folded, where


@dataclass(frozen=True)
class Match:
    """A field that matched: its name, a snippet of its text, and the spans to emphasise in it."""

    field: str
    snippet: str
    spans: tuple[tuple[int, int], ...]


_WORD_CHAR = r"[^\W_]"  # a letter or digit: a word starts after none and ends before none
_END = rf"(?!{_WORD_CHAR})"
INFLECTION = r"(?:e?s)?(?:['’]s?)?"


def word_regex(value: str, *, exact: bool = False) -> str:
    """The regular expression of one word or phrase: over folded text, or over the text itself when
    ``exact`` (case and accents as typed, no endings). The first word's letters come first and the
    check that no letter precedes them after (a lookbehind of their width), so the regex engine
    can scan for the letters instead of trying a lookbehind at every position."""
    parts = []
    for word in (value if exact else fold(value)).split():
        stem = word.rstrip("*")
        if stem and stem != word:
            parts.append(re.escape(stem))
        else:
            parts.append(re.escape(word) + ("" if exact else INFLECTION) + _END)
    first = re.escape((value if exact else fold(value)).split()[0].rstrip("*") or "*")
    return first + rf"(?<!{_WORD_CHAR}{first})" + parts[0][len(first) :] + "".join(rf"\s+{p}" for p in parts[1:])


def word_pattern(value: str, *, exact: bool = False, also: Sequence[str] = ()) -> re.Pattern[str]:
    """A word or phrase, or any of ``also`` (its other spellings), as whole words."""
    regexes = dict.fromkeys(word_regex(v, exact=exact) for v in (value, *also))
    return re.compile("|".join(f"(?:{r})" for r in regexes) if len(regexes) > 1 else next(iter(regexes)))


def snippet(text: str, spans: list[tuple[int, int]], *, before: int = 30, after: int = 70) -> Match | None:
    """A window of ``text`` around its first span, with the spans inside it shifted to match."""
    if not spans:
        return None
    text = " ".join(text.split()) if "\n" in text else text
    start = max(spans[0][0] - before, 0)
    end = min(spans[0][1] + after, len(text))
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    if end < len(text):
        space = text.rfind(" ", spans[0][1], end)
        end = space if space > 0 else end
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shift = len(lead) - start
    kept = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return Match("", lead + text[start:end] + tail, kept)


def find_spans(pattern: re.Pattern[str], text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """Where ``pattern`` (over folded text) matches ``text``, as spans of the original text
    (``folded``: ``fold(text)``, when the caller has it already)."""
    if not pattern.search(fold(text) if folded is None else folded):
        return []
    folded, where = fold_with_map(text)
    spans = []
    for m in pattern.finditer(folded):
        if m.end() > m.start():
            spans.append((where[m.start()], where[m.end() - 1] + 1))
    return spans


class Fields:
    """A record's fields as one text (joined by NUL, which no pattern matches, so no match runs
    from one field into the next), folded once however many terms are matched against it."""

    def __init__(self, fields: list[tuple[str, str]], *, exact: bool) -> None:
        self.starts = []
        at = 0
        for _, value in fields:
            self.starts.append(at)
            at += len(value) + 1
        self.raw = "\x00".join(value for _, value in fields)
        self.exact = exact
        self._folded: str | None = None
        self._marks: list[tuple[int, int, int, int]] | None = None

    def holds(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` matches somewhere (as ``spans`` would find, without placing it)."""
        if self.exact:
            text = self.raw
        else:
            if self._folded is None:
                self._folded = fold(self.raw)
            text = self._folded
        return any(m.end() > m.start() for m in pattern.finditer(text))

    def spans(self, pattern: re.Pattern[str]) -> list[tuple[int, tuple[int, int]]]:
        """Where ``pattern`` matches, as (field index, span in that field's own text)."""
        if self.exact:
            text = self.raw
        else:
            if self._folded is None:
                self._folded = fold(self.raw)
            text = self._folded
        out = []
        for m in pattern.finditer(text):
            if m.end() > m.start():
                a, b = (m.start(), m.end()) if self.exact else (self._origin(m.start()), self._origin(m.end() - 1) + 1)
                i = bisect_right(self.starts, a) - 1
                out.append((i, (a - self.starts[i], b - self.starts[i])))
        return out

    def _origin(self, f: int) -> int:
        """The index in the raw text of the character that folded to position ``f``. Folding keeps
        positions except at the few characters that fold to more or fewer than one ("…", "ß"):
        each is a mark (its folded start and end, its raw index, the shift after it)."""
        if self._marks is None:
            self._marks = []
            if not RESIZED.isdisjoint(self.raw):
                shift = 0
                for m in _resized().finditer(self.raw):
                    width = len(FOLDS[m.group()])
                    start = m.start() + shift
                    shift += width - 1
                    self._marks.append((start, start + width, m.start(), shift))
        k = bisect_right(self._marks, (f, 1 << 62)) - 1
        if k < 0:
            return f
        start, end, raw, shift = self._marks[k]
        return raw if f < end else f - shift


_RESIZED_RE: list[tuple[int, re.Pattern[str]]] = []


def _resized() -> re.Pattern[str]:
    """A pattern of the characters known to fold to more or fewer than one (remade as it grows)."""
    if not _RESIZED_RE or _RESIZED_RE[0][0] != len(RESIZED):
        _RESIZED_RE[:] = [(len(RESIZED), re.compile("[" + re.escape("".join(sorted(RESIZED))) + "]"))]
    return _RESIZED_RE[0][1]

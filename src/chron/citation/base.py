"""What every citation style shares: the ``Style`` base classes, the ``Context`` and a note's entries.

A style is an object: its name, help line and aliases; whether it cites in the text; how it sorts
its bibliography and whether it adds year suffixes ("1956a"); and how it renders a citation and a
bibliography entry. The families live in their own modules (chicago, author_date, apa, harvard,
mla, verbatim) and the registry in ``chron.citation``. The ``Context`` holds what depends on the
whole bibliography and is computed once per run: orders, suffixes, which note first cites a work.
Pure: no I/O, and nothing from a dataset but its works and notes.
"""

from __future__ import annotations

import functools
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from chron import dates
from chron.citation.parts import author_key, issued_text, year
from chron.citation.text import Styled, join
from chron.models import Note, Work
from chron.query import fold


class SourceSet(Protocol):
    """What citations read from a dataset: its works by id and its notes by number."""

    @property
    def works(self) -> Mapping[str, Work]: ...

    @property
    def notes(self) -> Mapping[int, Note]: ...

    def first_citations(self) -> Mapping[str, int]:
        """For each work, the number of the first note that cites it."""
        ...


# ------------------------------------------------------------------ ordering keys


_NOT_SORTED = re.compile(r"[^\w\s]+|_+")  # what str.isalnum() and str.isspace() both reject


@functools.lru_cache(maxsize=1 << 16)  # names and titles recur across a bibliography's sort keys
def sort_text(text: str) -> str:
    """Text as CSL sorts it: letters and digits only, case and accents folded."""
    return fold(_NOT_SORTED.sub("", text)).strip()


def sort_year(work: Work) -> str:
    return year(work) or "~"  # undated and literal dates last


def sort_full_date(work: Work) -> str:
    return dates.parse(work.issued).earliest.isoformat() if work.issued and year(work) else "~"


def sort_us_date(work: Work) -> str:
    return sort_text(issued_text(work, "us"))


# ------------------------------------------------------------------ the style


@dataclass(frozen=True)
class Style(ABC):
    """A citation style in footnotes (subclasses: ``InText`` for parenthetical styles).

    A subclass is a family (Chicago notes, APA...); an instance, made once in its module, is one
    entry of the registry. A family gives ``sort_key``, ``citation`` and ``reference``.
    """

    name: str
    """What ``--style`` takes."""
    description: str
    """One line for ``--help``."""
    aliases: tuple[str, ...] = ()
    """Other names ``--style`` accepts for it."""

    in_text: ClassVar[bool] = False
    """Citations are parentheses in the text (else footnotes)."""
    year_suffixes: ClassVar[bool] = False
    """Works with the same names and year are told apart by "1956a", "1956b"."""

    # -------------------------------------------------------------- ordering and disambiguation

    @abstractmethod
    def sort_key(self, work: Work) -> tuple[str, ...]:
        """The work's place in this style's bibliography (the style's CSL sort keys)."""

    def sort_author(self, work: Work) -> str:
        """The first sort key: the names, else the title, else the container."""
        key = author_key(work)
        return sort_text(key) if key else sort_text(work.title or work.container_title or "")

    def label_key(self, work: Work) -> str:
        """Who a citation names: works with the same label key and year share a year suffix group."""
        return author_key(work) or work.title or work.container_title or ""

    # -------------------------------------------------------------- rendering one work

    @abstractmethod
    def citation(self, ctx: Context, work: Work, locator: str | None = None, *, short: bool = False) -> Styled:
        """The citation of ``work`` (a note, full or ``short``, or a parenthesis), with ``locator``."""

    @abstractmethod
    def reference(self, ctx: Context, work: Work) -> Styled:
        """The bibliography entry of ``work``."""

    def bibliography(self, ctx: Context) -> list[tuple[Work, Styled]]:
        """Every work of the context in this style's order, with its entry."""
        return [(w, self.reference(ctx, w)) for w in ctx.ordered(self)]

    # -------------------------------------------------------------- notes

    def note_text(self, entries: Sequence[Entry]) -> Styled:
        """A whole note: the entries with their prefixes, joined with semicolons."""
        if not entries:
            return Styled()
        parts = [_with_prefix(e.prefix, e.text) for e in entries]
        trimmed = [_without_stop(p) for p in parts[:-1]] + parts[-1:]
        return join(trimmed, sep="; ")

    def format_note(
        self, ds: SourceSet, ctx: Context, note: Note, *, short: bool = False, full: bool = False
    ) -> Formatted:
        """A note in this style, with one entry per cited work."""
        entries = tuple(note_entries(self, ds, ctx, note, short=short, full=full))
        return Formatted(note.n, self.name, self.note_text(entries), entries)

    def format_work(self, ctx: Context, work: Work, *, short: bool = False) -> Formatted:
        """A work on its own: its citation without a locator, and its bibliography entry."""
        return Formatted(work.id, self.name, self.citation(ctx, work, short=short), (), self.reference(ctx, work))


@dataclass(frozen=True)
class InText(Style):
    """A style that cites in parentheses in the text; several works share one pair."""

    in_text: ClassVar[bool] = True

    def note_text(self, entries: Sequence[Entry]) -> Styled:
        if not entries:
            return Styled()
        inner = [_with_prefix(e.prefix, _unwrap(e.text)) for e in entries]
        return Styled.of("(") + join(inner, sep="; ") + ")"


# ------------------------------------------------------------------ the bibliography context


class Context:
    """What a citation depends on beyond its own work: the rest of the bibliography and the notes.

    Year suffixes ("1956a"), initials added to tell apart two authors of one family name, MLA's
    short titles for an author of several works, which note cites a work first (where a full note
    belongs): all are decided over the whole set, once; orders and suffixes once per style used.
    Built without ``notes``, no citation counts as a work's first (every note is a short one).
    """

    def __init__(
        self, works: Iterable[Work], notes: Iterable[Note] = (), *, first: Mapping[str, int] | None = None
    ) -> None:
        self.works: list[Work] = list(works)
        self.first_citations = dict(first) if first is not None else first_citations(notes)
        families: dict[str, set[str]] = {}
        self.by_author: dict[str, int] = {}
        for w in self.works:
            for n in w.names()[:1]:
                if n.family:
                    families.setdefault(n.family, set()).add(n.given or "")
            key = author_key(w)
            if key:
                self.by_author[key] = self.by_author.get(key, 0) + 1
        self.shared_families = frozenset(f for f, g in families.items() if len(g) > 1)
        self._orders: dict[Style, list[Work]] = {}
        self._suffixes: dict[Style, dict[str, str]] = {}

    def ordered(self, style: Style) -> list[Work]:
        """The works in ``style``'s bibliography order."""
        if style not in self._orders:
            self._orders[style] = sorted(self.works, key=style.sort_key)
        return self._orders[style]

    def year_suffix(self, style: Style, work: Work) -> str:
        """ "a", "b"... for a work sharing its label and year with others in ``style``, else ""."""
        if not style.year_suffixes:
            return ""
        if style not in self._suffixes:
            self._suffixes[style] = _year_suffixes(style, self.ordered(style))
        return self._suffixes[style].get(work.id, "")


def _year_suffixes(style: Style, works: Sequence[Work]) -> dict[str, str]:
    """Letters in bibliography order within each group of one label and one year."""
    groups: dict[tuple[str, str], list[str]] = {}
    for w in works:
        y = year(w)
        if y:
            groups.setdefault((style.label_key(w), y), []).append(w.id)
    return {wid: suffix_letters(i) for ids in groups.values() if len(ids) > 1 for i, wid in enumerate(ids)}


def suffix_letters(index: int) -> str:
    """The ``index``-th year suffix, as CSL counts them: "a" ... "z", then "aa", "ab" ... "az", "ba"."""
    out = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def first_citations(notes: Iterable[Note]) -> dict[str, int]:
    """For each work, the number of the first note that cites it (where a full note belongs)."""
    first: dict[str, int] = {}
    for note in sorted(notes, key=lambda n: n.n):
        for cite in note.cites:
            first.setdefault(cite.work, note.n)
    return first


# ------------------------------------------------------------------ a note's entries


@dataclass(frozen=True)
class Entry:
    """One cited work of a note, formatted: the work, its locator, the words before it, the text."""

    work: Work
    locator: str | None
    prefix: str | None
    text: Styled
    first: bool


@dataclass(frozen=True)
class Formatted:
    """What `chron cite` prints for one item: a note number or a work id, and its text in a style."""

    key: int | str
    style: str
    text: Styled
    entries: tuple[Entry, ...] = ()
    reference: Styled | None = None


def note_entries(
    style: Style, ds: SourceSet, ctx: Context, note: Note, *, short: bool = False, full: bool = False
) -> list[Entry]:
    """Each work ``note`` cites, in ``style``: a full note at its first citation (always with ``full``,
    never with ``short``), a short note after."""
    out = []
    for cite in note.cites:
        work = ds.works[cite.work]
        is_first = ctx.first_citations.get(cite.work) == note.n
        text = style.citation(ctx, work, cite.locator, short=short or not (is_first or full))
        out.append(Entry(work, cite.locator, cite.prefix, text, is_first))
    return out


def _with_prefix(prefix: str | None, text: Styled) -> Styled:
    return Styled.of(prefix + " ") + text if prefix else text


def _unwrap(text: Styled) -> Styled:
    """An in-text citation without its parentheses, to share one pair with others."""
    parts = list(text.parts)
    if parts and parts[0][0].startswith("("):
        parts[0] = (parts[0][0][1:], parts[0][1])
    if parts and parts[-1][0].endswith(")"):
        parts[-1] = (parts[-1][0][:-1], parts[-1][1])
    return Styled(parts)


def _without_stop(text: Styled) -> Styled:
    """A note's entry before a semicolon: its closing full stop dropped (inside a closing quote too)."""
    plain = text.plain()
    parts = list(text.parts)
    if plain.endswith(".”"):
        parts[-1] = (parts[-1][0][:-2] + "”", parts[-1][1])
    elif plain.endswith(".") and not plain.endswith((" ed.", "n.d.")):
        parts[-1] = (parts[-1][0][:-1], parts[-1][1])
    return Styled(parts)

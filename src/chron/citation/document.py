"""The dataset's notes as one CSL document, rendered only as far as a command needs (pure).

A ``Context`` holds a run's works and notes (read from the dataset on first use) and, per style
and locale, a CSL ``Processor`` over them. What depends on the whole document is worked out
lazily and for the few works a command asks about: a cite's position comes from the note that
first cites its work and the note before it; disambiguation runs over the works that could print
alike (those sharing a family name, or a title where no name stands), not over all 13,800; the
bibliography is sorted only when it is listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Protocol

from chron.citation.adapt import work_item
from chron.citation.csl import files
from chron.citation.csl.engine import Citation, CiteItem, Processor, positions
from chron.citation.csl.env import FIRST, SUBSEQUENT, Disambiguation
from chron.citation.csl.item import Item
from chron.citation.csl.style import Style as CslStyle
from chron.citation.text import Styled
from chron.models import NAME_ROLES, Note, Work
from chron.query import fold

DEFAULT_LOCALE = "en-US"
_SIGNALS = (
    "see cf compare contra accord but also and for quoted cited as on in data figures calculated from after "
    "compiled translated reprinted this these the it its there here other further more some much most both"
)
SIGNALS = frozenset(_SIGNALS.split())
"""Words that open a citation's lead-in ("See", "For the Russian data see", "Quoted in"): lowered after
the first cite of a note, where they no longer begin the sentence."""


class SourceSet(Protocol):
    """What citations read from a dataset: its works by id and its notes by number."""

    @property
    def works(self) -> Mapping[str, Work]: ...

    @property
    def notes(self) -> Mapping[int, Note]: ...

    def first_citations(self) -> Mapping[str, int]:
        """For each work, the number of the first note that cites it."""
        ...


class _Works(Mapping[str, Item]):
    """The works as CSL items, each converted when first asked for; ``extra`` holds works from
    outside the dataset's list (the article itself)."""

    def __init__(self, works: Mapping[str, Work]) -> None:
        self.works = works
        self.extra: dict[str, Work] = {}
        self.made: dict[str, Item] = {}

    def __getitem__(self, key: str) -> Item:
        found = self.made.get(key)
        if found is None:
            work = self.extra.get(key) or self.works[key]
            found = self.made[key] = work_item(work)
        return found

    def __iter__(self) -> Iterator[str]:
        yield from self.works
        yield from (k for k in self.extra if k not in self.works)

    def __len__(self) -> int:
        return len(self.works) + sum(1 for k in self.extra if k not in self.works)

    def __contains__(self, key: object) -> bool:
        return key in self.works or key in self.extra


class Context:
    """What every citation of a run shares: the works, the notes, and per style what was worked out."""

    def __init__(
        self,
        works: Iterable[Work] | Mapping[str, Work] = (),
        notes: Iterable[Note] | Mapping[int, Note] = (),
        *,
        first: Mapping[str, int] | None = None,
        locale: str | None = None,
        source: SourceSet | None = None,
    ) -> None:
        self._source = source
        self._works = works if isinstance(works, Mapping) else {w.id: w for w in works}
        self._notes = notes if isinstance(notes, Mapping) else {n.n: n for n in notes}
        self._first = first
        self.locale = locale or DEFAULT_LOCALE
        self._runs: dict[str, Run] = {}

    @cached_property
    def works(self) -> Mapping[str, Work]:
        return self._source.works if self._source is not None else self._works

    @cached_property
    def notes(self) -> Mapping[int, Note]:
        return self._source.notes if self._source is not None else self._notes

    @cached_property
    def first_citations(self) -> Mapping[str, int]:
        if self._first is not None:
            return self._first
        if self._source is not None:
            return self._source.first_citations()
        first: dict[str, int] = {}
        for n in sorted(self.notes):
            for cite in self.notes[n].cites:
                first.setdefault(cite.work, n)
        return first

    def run(self, csl: str | CslStyle, extra: Iterable[Work] = ()) -> Run:
        """The rendering of this run's works in a style (a shipped style's name, or a parsed style)."""
        key = csl if isinstance(csl, str) else f"{id(csl)}"
        found = self._runs.get(key)
        if found is None:
            style = files.shipped_style(csl) if isinstance(csl, str) else csl
            found = self._runs[key] = Run(self, style)
        for work in extra:
            found.add(work)
        return found


class Run:
    """One style and the context's locale over the context's works."""

    def __init__(self, ctx: Context, style: CslStyle) -> None:
        self.ctx = ctx
        self.style = style
        self.items = _Works(ctx.works)
        self.processor = Processor(style, files.locale(ctx.locale, style), self.items)
        self._dis: dict[str, Disambiguation] = {}

    def add(self, work: Work) -> None:
        """A work outside the context (the article itself) that may be cited too."""
        if work.id not in self.items:
            self.items.extra[work.id] = work
            self._dis.clear()
            self.__dict__.pop("_keys", None)
            self.__dict__.pop("_by_key", None)

    # -------------------------------------------------------------- disambiguation, by neighbourhood

    def disambiguation(self, ids: Iterable[str]) -> dict[str, Disambiguation]:
        """What the works need to be told apart from every cited work that could print like them."""
        wanted = [i for i in dict.fromkeys(ids) if i not in self._dis]
        if wanted:
            for group in self._neighbours(wanted):
                self._dis.update(self.processor.disambiguation(group))
        return self._dis

    def _entry_disambiguation(self, ids: Sequence[str]) -> dict[str, Disambiguation]:
        """What bibliography entries of the works need of ``disambiguation``: nothing unless the
        style adds year suffixes (``Processor.entries_need_disambiguation``)."""
        return self.disambiguation(ids) if self.processor.entries_need_disambiguation else {}

    def _neighbours(self, ids: Sequence[str]) -> list[list[str]]:
        """The groups of works that could clash with the given ones (sharing a key). Every work of the
        dataset counts, cited or not: the bibliography lists them all, so a cite must tell them apart."""
        keys = self._keys
        groups: list[list[str]] = []
        done: set[str] = set()
        for i in ids:
            if i in done:
                continue
            group = {i}
            frontier = [i]
            expanded: set[str] = set()  # each key's works are added once, however many share it
            while frontier:
                current = frontier.pop()
                for key in keys.get(current, ()):
                    if key in expanded:
                        continue
                    expanded.add(key)
                    for other in self._by_key.get(key, ()):
                        if other not in group:
                            group.add(other)
                            frontier.append(other)
            done |= group
            groups.append(sorted(group))
        return groups

    @cached_property
    def _keys(self) -> dict[str, set[str]]:
        works = self.items.works
        return {i: _clash_keys(self.items.extra.get(i) or works[i]) for i in self.items}

    @cached_property
    def _by_key(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for i, keys in self._keys.items():
            for key in keys:
                found.setdefault(key, []).append(i)
        return found

    # -------------------------------------------------------------- notes

    def citation_of(self, note: Note) -> Citation:
        """A chron note as a CSL citation: its cites with their locators and lead-in words."""
        cites = []
        for k, cite in enumerate(note.cites):
            prefix = cite.prefix or ""
            if k and prefix:
                prefix = lead_in(prefix)
            cites.append(cite_item(cite.work, cite.locator, cite.label, prefix, cite.suffix))
        return Citation(tuple(cites), 0 if not self.style.note else note.n)

    def places(self, note: Note) -> list[int]:
        """Each cite's position in the note: first, subsequent or ibid (from the note before)."""
        first = self.ctx.first_citations
        current = self.citation_of(note)
        before = self._previous(note.n)
        earlier = {c.work for c in note.cites if first.get(c.work, note.n) < note.n}
        if before is not None:
            earlier |= {c.id for c in before.items}
        docs = [before, current] if before is not None else [current]
        return positions(docs, earlier)[-1]

    def _previous(self, n: int) -> Citation | None:
        notes = self.ctx.notes
        for m in range(n - 1, 0, -1):
            found = notes.get(m)
            if found is not None and found.cites:
                return self.citation_of(found)
        return None

    def note(self, note: Note, *, short: bool = False, full: bool = False) -> tuple[Styled, list[Styled], list[bool]]:
        """The note in this style, each cite alone, and which cites are a work's first."""
        citation = self.citation_of(note)
        places = self.places(note)
        firsts = [p == FIRST for p in places]
        if short or full:
            places = [SUBSEQUENT if short else FIRST for _ in places]
        forced = Citation(
            tuple(
                CiteItem(c.id, c.locator, c.label, c.prefix, c.suffix, position=p)
                for c, p in zip(citation.items, places, strict=True)
            ),
            citation.note,
        )
        dis = self.disambiguation(c.id for c in forced.items)
        whole = self.processor.document([forced], dis)[0]
        alone = [
            self.processor.document(
                [Citation((CiteItem(c.id, c.locator, c.label, "", c.suffix, position=c.position),), citation.note)], dis
            )[0]
            for c in forced.items
        ]
        return whole, alone, firsts

    def cite(self, work: Work, locator: str | None = None, *, short: bool = False, label: str = "") -> Styled:
        """One work cited alone: in full, or short."""
        self.add(work)
        dis = self.disambiguation([work.id])
        item = CiteItem(work.id, locator or "", label, position=SUBSEQUENT if short else FIRST)
        return self.processor.document([Citation((item,), 1 if self.style.note else 0)], dis)[0]

    def reference(self, work: Work) -> Styled:
        """The work's bibliography entry (its full citation where the style gives it none)."""
        self.add(work)
        entries = self.processor.bibliography([work.id], self._entry_disambiguation([work.id]))
        return entries[0][1] if entries else self.cite(work)

    def bibliography_ids(self, works: Sequence[Work]) -> list[str]:
        """The ids of ``bibliography``, in its order, without its entries."""
        for work in works:
            self.add(work)
        ids = [w.id for w in works]
        listed = self.processor.bibliography_ids(ids, self._entry_disambiguation(ids))
        shown = set(listed)
        return listed + [i for i in ids if i not in shown]

    def bibliography(self, works: Sequence[Work]) -> list[tuple[Work, Styled]]:
        """The works in the style's order with their entries; works the style gives no entry follow,
        with their full citation."""
        for work in works:
            self.add(work)
        ids = [w.id for w in works]
        dis = self._entry_disambiguation(ids)
        by_id = {w.id: w for w in works}
        entries = self.processor.bibliography(ids, dis)
        listed = {i for i, _ in entries}
        out = [(by_id[i], text) for i, text in entries]
        return out + [(w, self.cite(w)) for w in works if w.id not in listed]


_ROMAN = r"(?=[ivxlcdm])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE = rf"(?:[0-9]+[a-z]?|{_ROMAN})(?:\s*n\.?\s*[0-9]+)?"
_PAGES = re.compile(rf"{_PAGE}(?:\s*(?:[-–—,&]|and)\s*{_PAGE})*", re.IGNORECASE)
"""A locator that reads as pages: arabic (``12a``) or roman (``xix``, not ``civil``), a note (``45n3``), ranges."""


def cite_item(work: str, locator: str | None, label: str | None, prefix: str, suffix: str | None) -> CiteItem:
    """A cite as a CSL cite item. A locator without a label is a page only when it reads as pages (``44–45``,
    ``xix``, ``45n3``); any other (``August 12th 1925``) counts nothing CSL names, and CSL would label it
    "p.": it is printed as written after the citation, where a suffix goes, with no label."""
    if locator and not label and not _PAGES.fullmatch(locator.strip()):
        words = suffix_of(suffix)
        return CiteItem(work, "", "", prefix, f", {locator}{words}")
    return CiteItem(work, locator or "", label or "", prefix, suffix_of(suffix))


def suffix_of(suffix: str | None) -> str:
    """A cite's suffix is written without the comma that joins it to the locator."""
    return f", {suffix}" if suffix and suffix[0] not in ",.;:!?)]" else suffix or ""


def lead_in(prefix: str) -> str:
    """A lead-in after a semicolon: its first word lower-cased when it is a citation signal."""
    word = prefix.split(" ", 1)[0].rstrip(",.:;")
    if word[:1].isupper() and word[1:].islower() and word.lower() in SIGNALS:
        return prefix[0].lower() + prefix[1:]
    return prefix


def _clash_keys(work: Work) -> set[str]:
    """What two works must share to print alike in a citation: a family name (of any name they
    carry), or, for works without names, the first words of a title or of their container; works
    with neither names nor a title (an unsigned, untitled issue: some styles print only its year)
    all share one key."""
    keys = {fold(n.family or n.literal or "") for role in NAME_ROLES for n in getattr(work, role)}
    if not keys:
        for text in (work.title_short, work.title, work.container_title):
            if text:
                keys.add(" ".join(fold(text).split()[:2]))
        if not work.title:
            keys.add("")
    return keys

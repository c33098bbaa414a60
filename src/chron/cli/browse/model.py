"""What the browser shows, as data: the rows of the timeline list, where they come from, what a search
highlights. No Textual here, so it is tested without a terminal.

The list is virtual: ``Rows`` holds only event ids, grouped by phase, and grows as a source yields
them (``listing`` for a filter, ``matches`` for a search), a slice at a time, so the first screen
is drawn before the last id of 100,000 is read. Events are decoded only when a row is drawn, and
which of an event's fields a search matched only when it is shown in full (``Matched``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from chron.models import Event

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.query import EventFilter
    from chron.search import Query

Spans = list[tuple[int, int]]
Phase = int | None  # a phase number, or None for the events outside every phase
# What a source yields: the phases an event is listed under, and its id.
Item = tuple[tuple[Phase, ...], str]


def phases_of(ev: Event) -> tuple[int, ...]:
    """The phases an event belongs to (its stored ``phase``: a number, a list of them, or none)."""
    value: object = ev.phase
    if value is None:
        return ()
    if isinstance(value, int):
        return (value,)
    return tuple(value) if isinstance(value, (tuple, list)) else ()


class Rows:
    """The timeline list: a header row per phase with events, then that phase's event ids in date
    order. Phases come in number order, the events outside every phase last. An event in several
    phases is listed under each. Rows are addressed by index; ``add`` may insert into any group."""

    def __init__(self) -> None:
        self._keys: list[tuple[int, int]] = []  # sort keys of the groups, in order
        self._groups: list[tuple[Phase, list[str]]] = []
        self._starts: list[int] = []  # the row of each group's header
        self._dirty = False
        self._listed: set[str] = set()  # every id listed, in any group

    @staticmethod
    def _key(phase: Phase) -> tuple[int, int]:
        return (1, 0) if phase is None else (0, phase)

    def add(self, phase: Phase, event_id: str) -> None:
        self.extend(phase, [event_id])

    def extend(self, phase: Phase, event_ids: list[str]) -> None:
        """Append ids to a phase's group (made if new): a whole run at once, in C, not an id at a time."""
        key = self._key(phase)
        i = bisect.bisect_left(self._keys, key)
        if i == len(self._keys) or self._keys[i] != key:
            self._keys.insert(i, key)
            self._groups.insert(i, (phase, []))
        self._groups[i][1].extend(event_ids)
        self._listed.update(event_ids)
        self._dirty = True

    def take(self, items: Iterable[Item]) -> None:
        """Add what a source yielded, each run of ids listed under the same phases at once."""
        run: list[str] = []
        under: tuple[Phase, ...] = ()
        for phases, event_id in items:
            if phases != under:
                for phase in under:
                    self.extend(phase, run)
                run, under = [], phases
            run.append(event_id)
        for phase in under:
            self.extend(phase, run)

    def _index(self) -> None:
        if self._dirty:
            self._starts = []
            row = 0
            for _, ids in self._groups:
                self._starts.append(row)
                row += 1 + len(ids)
            self._dirty = False

    def __len__(self) -> int:
        self._index()
        if not self._groups:
            return 0
        return self._starts[-1] + 1 + len(self._groups[-1][1])

    @property
    def event_count(self) -> int:
        """How many distinct events are listed."""
        return len(self._listed)

    def at(self, row: int) -> tuple[Phase, str | None]:
        """Row ``row``: its group's phase, and the event id (None for the group's header)."""
        self._index()
        g = bisect.bisect_right(self._starts, row) - 1
        phase, ids = self._groups[g]
        offset = row - self._starts[g]
        return phase, (ids[offset - 1] if offset else None)

    def group_size(self, phase: Phase) -> int:
        for p, ids in self._groups:
            if p == phase:
                return len(ids)
        return 0

    def index_of(self, event_id: str) -> int | None:
        """The row of an event (in its first group), or None when it is not listed."""
        if event_id not in self._listed:
            return None
        self._index()
        for start, (_, ids) in zip(self._starts, self._groups, strict=True):
            try:
                return start + 1 + ids.index(event_id)  # a scan in C: a few hundred µs at 100,000
            except ValueError:
                continue
        return None

    def ids(self) -> Iterator[str]:
        """Every listed event once, in list order."""
        seen: set[str] = set()
        for _, ids in self._groups:
            for i in ids:
                if i not in seen:
                    seen.add(i)
                    yield i

    def phases(self) -> list[Phase]:
        return [p for p, _ in self._groups]


# ------------------------------------------------------------------ sources of rows


def listing(ds: Dataset, flt: EventFilter) -> Iterator[Item]:
    """The events ``flt`` keeps, phase by phase (the dataset's own filter, one query a phase), then
    those outside every phase; ids only, nothing decoded."""
    wanted = [p.n for p in ds.phases if not flt.phases or p.n in flt.phases]
    seen: set[str] = set()
    for n in wanted:
        for event_id in ds.ids(replace(flt, phases=(n,))):
            seen.add(event_id)
            yield (n,), event_id
    if flt.phases:  # a phase filter keeps only events in a phase
        return
    for event_id in ds.ids(flt):
        if event_id not in seen:
            yield (None,), event_id


def as_typed(text: str) -> str:
    """The query a search bar means while a word is being typed: its last word, when bare and not
    yet ended by a space, is a prefix (``counci`` reads as ``counci*``), so the list narrows to
    what the word can still become instead of emptying until it is whole."""
    import re

    last = re.search(r'(?:^|\s)([^\s"]+)$', text)
    if last is None or text[-1] in '*"' or not last.group(1)[-1].isalnum():
        return text
    word = last.group(1)
    if word.startswith("-") or ":" in word or word == "OR":
        return text
    return text + "*"


def matches(ds: Dataset, query: Query, flt: EventFilter) -> Iterator[Item]:
    """The events that satisfy ``query`` and ``flt`` (what chron's search finds), as they are found,
    in date order: ids only, none decoded when the store can answer the query (search.event_ids)."""
    from chron.search import event_ids

    for event_id, phases in event_ids(ds, query, flt=flt):
        listed: tuple[Phase, ...] = phases
        if flt.phases:
            listed = tuple(p for p in phases if p in flt.phases)
        yield listed or (None,), event_id


def fill(rows: Rows, source: Iterator[Item], *, budget: float, clock: Callable[[], float]) -> bool:
    """Move items from ``source`` into ``rows`` until ``budget`` seconds have passed; True when the
    source is exhausted."""
    deadline = clock() + budget
    for item in source:
        rows.take([item])
        if clock() >= deadline:
            return False
    return True


class Matched:
    """Which fields of an event a query matched, in search's order (shown with the event in full):
    found for the one event shown, not for every event while the list is read."""

    def __init__(self, ds: Dataset, query: Query) -> None:
        from chron.search import Searcher, spellings

        self.searcher = Searcher(ds, query)
        self.people, self.places = spellings(ds.people.values()), spellings(ds.places.values())

    def __call__(self, ev: Event) -> tuple[str, ...]:
        from chron.search import event_fields

        hit = self.searcher.match("event", ev.id, ev, event_fields(ev, self.people, self.places))
        return tuple(dict.fromkeys(m.field for m in hit.matches)) if hit else ()


# ------------------------------------------------------------------ highlighting


@dataclass(frozen=True)
class Highlighter:
    """Where a query's words fall in a text, as search matches them (case and accents folded)."""

    find: Callable[[str], Spans]

    def __call__(self, text: str) -> Spans:
        return self.find(text)


NO_HIGHLIGHT = Highlighter(lambda text: [])


def highlighter(ds: Dataset, query: Query) -> Highlighter:
    """The spans to emphasise for ``query``: its positive words and phrases, found with the same
    patterns the search matches with (``Searcher.patterns``), merged where they overlap."""
    from chron.matching import find_spans
    from chron.search import Searcher

    patterns = [p for term, p in Searcher(ds, query).patterns.items() if not term.negated]
    if not patterns:
        return NO_HIGHLIGHT

    def find(text: str) -> Spans:
        return merge([span for p in patterns for span in find_spans(p, text)])

    return Highlighter(find)


def merge(spans: Sequence[tuple[int, int]]) -> Spans:
    """Spans sorted, overlapping and touching ones joined."""
    out: Spans = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out

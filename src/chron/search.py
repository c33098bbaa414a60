"""Search: a parsed query (searchlang.py) matched against events, notes, works and the kept text.

Matching ignores case and accents (``dvorak`` finds Dvořák, ``lodz`` finds Łódź) and takes whole
words, with a plural or possessive ending (``council`` finds "councils" and "council’s", ``gyor``
does not find "Gyorgy"; ``council*`` is a prefix). A word that is a whole spelling of a person or
place also finds its other spellings, in every field (``smith`` finds a note's "Smyth"). ``exact``
matching takes words as typed: case and accents count, no endings, no other spellings. Each hit
lists every field that matched, the text's own words first, with a snippet and the match's
position. Pure: the dataset and the text are given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chron import dates
from chron.errors import ChronError, DateError, QueryError
from chron.fulltext import FTS_CLAUSES, Prefilter, Test, fts_expression, index_text, word_expression
from chron.matching import Fields, Match, snippet, word_pattern
from chron.models import Event, Note, Work
from chron.query import did_you_mean, find_phase, fold
from chron.searchlang import FIELDS, MAX_TERMS, Query, Term, parse_query

__all__ = [
    "DEFAULT_KINDS",
    "FIELDS",
    "FTS_CLAUSES",
    "KINDS",
    "MAX_TERMS",
    "Hit",
    "Line",
    "Match",
    "Query",
    "Term",
    "event_ids",
    "fts_expression",
    "index_text",
    "parse_query",
    "prefilter",
    "search",
]

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Person, Place
    from chron.query import EventFilter

KINDS: dict[str, str] = {
    "events": "the events: quote, date wording, title, summary, people, places, tags",
    "notes": "the notes' text",
    "works": "the works' authors and titles",
    "text": "the text itself, kept beside the data (article.txt): its lines",
}
"""What a search can look in: the registry behind ``search --in``."""
DEFAULT_KINDS = ("events", "notes", "works")
"""What a search looks in when ``--in`` is not given."""


@dataclass(frozen=True)
class Line:
    """A line of the text kept beside the data (a paragraph, in a text with one per line)."""

    n: int
    text: str


Record = Event | Note | Work | Line


@dataclass(frozen=True)
class Hit:
    """A record that satisfies the query, and each field that shows it did."""

    kind: str  # "event" | "note" | "work" | "text"
    key: str
    record: Record
    matches: tuple[Match, ...] = field(default_factory=tuple)


# A word of a query matches a whole word of the text: the same word, or the same word with a
# plural or possessive ending ("council" finds "councils", "council’s" and "councils’"; "strike"
# finds "strikes"), never a longer word ("gyor" does not find "György", "council" not "councillor").
# A word ending in * matches as a prefix ("council*" finds "councillor").
def spellings_of(items: Iterable[Person | Place]) -> dict[str, list[str]]:
    """Each spelling of a person or place (name or alias), folded, with all the spellings it shares
    a record with: what a word that names one of them is widened to."""
    out: dict[str, list[str]] = {}
    for item in items:
        names = [item.name, *item.aliases]
        for name in names:
            out.setdefault(fold(name), []).extend(names)
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


class Searcher:
    """Runs one parsed query over a dataset; field values are resolved once, up front.

    A word or phrase that is a whole spelling of a person or place (``smith``, ``"john smith"``)
    also matches that record's other spellings, in every field (``Smyth``). With ``exact``, words
    match only as typed: case and accents count, whole words, no other spellings."""

    def __init__(self, ds: Dataset, query: Query, *, exact: bool = False, bare: bool = False) -> None:
        self.ds = ds
        self.query = query
        self.exact = exact
        self.bare = bare  # only say whether a record matches: no fields, snippets or spans
        names = {} if exact else spellings_of([*ds.people.values(), *ds.places.values()])
        self.also = {t: names.get(fold(t.value), []) for t in query.terms() if t.field is None}
        self.patterns = {t: word_pattern(t.value, exact=exact, also=self.also[t]) for t in self.also}
        self.people = {t: self._named(t, ds.people.values(), "person") for t in query.terms() if t.field == "person"}
        self.places = {t: self._named(t, ds.places.values(), "place") for t in query.terms() if t.field == "place"}
        self.resolved: dict[Term, object] = {}
        for t in query.terms():
            if t.field == "phase":
                try:
                    self.resolved[t] = find_phase(ds, t.value).n
                except ChronError as err:
                    raise QueryError(f"phase:{t.value}: {err.message}") from None
            elif t.field == "tag":
                key = fold(t.value)
                if key not in ds.tags:
                    raise QueryError(
                        f"tag:{t.value}: no such tag.{did_you_mean(key, list(ds.tags))} `chron tags` lists them."
                    )
                self.resolved[t] = key
            elif t.field == "note":
                if not (t.value.isascii() and t.value.isdigit()) or int(t.value) not in ds.notes:
                    raise QueryError(f"note:{t.value}: notes run from 1 to {max(ds.notes, default=0)}.")
                self.resolved[t] = int(t.value)
            elif t.field == "year":
                try:
                    self.resolved[t] = dates.parse(t.value)
                except DateError as err:
                    raise QueryError(f"year:{t.value}: {err.message}") from None

    @staticmethod
    def _named(term: Term, items: Iterable[Person | Place], what: str) -> frozenset[str]:
        pattern = word_pattern(term.value)
        ids = set()
        for item in items:
            if any(pattern.search(fold(n)) for n in (item.id, item.name, *item.aliases)):
                ids.add(item.id)
        if not ids:
            raise QueryError(
                f"{what}:{term.value}: matches no {what}. `chron {what.replace('person', 'people')}"
                f"{'' if what == 'person' else 's'}` lists them."
            )
        return frozenset(ids)

    def field_holds(self, term: Term, kind: str, record: Record) -> Match | bool:
        """True/False for a filter, or the Match that shows it held; fields a kind lacks never hold."""
        ds = self.ds
        value = self.resolved.get(term)
        span = value if isinstance(value, dates.HistDate) else None
        if isinstance(record, Event):
            ev = record
            if term.field == "person":
                hit = [p for p in ev.people if p in self.people[term]]
                return Match("people", ", ".join(ds.people[p].name for p in hit), ()) if hit else False
            if term.field == "place":
                hit = [p for p in ev.places if p in self.places[term]]
                return Match("places", ", ".join(ds.places[p].name for p in hit), ()) if hit else False
            if term.field == "tag":
                return Match("tags", str(value), ()) if value in ev.tags else False
            if term.field == "phase":
                phase = ds.phase(value if isinstance(value, int) else None)
                return Match("phase", f"{phase.n} {phase.name}", ()) if phase and phase.n in ev.phases else False
            if term.field == "note":
                return Match("notes", str(value), ()) if value in ev.notes else False
            if term.field == "year" and span is not None:
                return Match("date", ev.date, ()) if ev.when.overlaps(span.earliest, span.latest) else False
        if isinstance(record, Note) and term.field == "note":
            return Match("n", str(value), ()) if record.n == value else False
        issued = record.issued if isinstance(record, Work) and term.field == "year" else None
        if issued and span is not None and dates.parse(issued).overlaps(span.earliest, span.latest):
            return Match("issued", issued, ())
        return False

    def match(self, kind: str, key: str, record: Record, fields: list[tuple[str, str]]) -> Hit | None:
        """A Hit when every clause holds, with every field that matched a word, in the order of
        ``fields`` (the text's own words first), then the field filters that held."""
        text = Fields(fields, exact=self.exact)
        found: dict[int, list[tuple[int, int]]] = {}
        filters: list[Match] = []
        for clause in self.query.clauses:
            held = False
            for term in clause:
                if term.field is not None:
                    result = self.field_holds(term, kind, record)
                    ok = bool(result)
                    new = isinstance(result, Match) and all(m.field != result.field for m in filters)
                    if ok and new and not term.negated and isinstance(result, Match):
                        filters.append(result)
                elif self.bare:
                    ok = text.holds(self.patterns[term])
                else:
                    where = text.spans(self.patterns[term])
                    ok = bool(where)
                    if ok and not term.negated:
                        for i, span in where:
                            found.setdefault(i, []).append(span)
                held = held or (not ok if term.negated else ok)
            if not held:
                return None
        shown = []
        for i in sorted(found):
            name, value = fields[i]
            snip = snippet(value, sorted(set(found[i])))
            assert snip is not None
            shown.append(Match(name, snip.snippet, snip.spans))
        return Hit(kind, key, record, tuple(shown + filters))


def spellings(items: Iterable[Person | Place]) -> dict[str, str]:
    """Each person's or place's name and aliases as one text, by id: what a search reads for them."""
    return {item.id: " / ".join([item.name, *item.aliases]) for item in items}


def event_fields(ev: Event, people: Mapping[str, str], places: Mapping[str, str]) -> list[tuple[str, str]]:
    """The (field, text) pairs a search reads in an event, the article's own words (quote, date
    wording) first, then chron's (title, summary, people's and places' names, tags); ``people`` and
    ``places``: ``spellings`` by id."""
    who = [people[p] for p in ev.people if p in people]
    where = [places[p] for p in ev.places if p in places]
    return [
        ("quote", ev.quote),
        ("date_text", ev.date_text),
        ("title", ev.title),
        ("summary", ev.summary),
        *(("people", p) for p in who),
        *(("places", p) for p in where),
        *(("tags", t) for t in ev.tags),
    ]


def work_fields(work: Work) -> list[tuple[str, str]]:
    names = [" / ".join(x for x in (n.display(), n.printed) if x) for n in (*work.author, *work.editor)]
    out = [("author", n) for n in names]
    out += [(f, v) for f, v in (("title", work.title), ("container-title", work.container_title)) if v]
    return out


def search(
    ds: Dataset,
    query: Query,
    *,
    kinds: Sequence[str] = DEFAULT_KINDS,
    flt: EventFilter | None = None,
    exact: bool = False,
    text: str | None = None,
    bare: bool = False,
) -> Iterator[Hit]:
    """Every record of ``kinds`` that satisfies ``query``: events by date (only those ``flt``
    keeps), then notes, then works, then the lines of ``text`` (the text kept beside the data,
    for the kind ``text``). The query's field values are checked at once (a QueryError); the hits
    are made as they are taken, so the work stops when the caller stops taking. ``bare`` hits
    carry no matches (for a caller that prints only keys: finding every span and snippet is most
    of a search's work)."""
    return _hits(ds, Searcher(ds, query, exact=exact, bare=bare), kinds, flt, text)


def keys(
    ds: Dataset,
    query: Query,
    *,
    kinds: Sequence[str] = DEFAULT_KINDS,
    flt: EventFilter | None = None,
    exact: bool = False,
    text: str | None = None,
) -> Iterator[str]:
    """The keys of ``search``'s hits, in its order, without making the hits: the events' from
    ``event_ids`` (no event decoded when the store's answer is exact), the rest from bare hits. The
    query is checked at once, as ``search`` checks it."""
    rest = search(ds, query, kinds=[k for k in kinds if k != "events"], flt=flt, exact=exact, text=text, bare=True)
    return _keys(ds, query, "events" in kinds, flt, exact, rest)


def _keys(
    ds: Dataset, query: Query, events: bool, flt: EventFilter | None, exact: bool, rest: Iterator[Hit]
) -> Iterator[str]:
    if events:
        for key, _ in event_ids(ds, query, flt=flt, exact=exact):
            yield key
    for hit in rest:
        yield hit.key


def event_ids(
    ds: Dataset, query: Query, *, flt: EventFilter | None = None, exact: bool = False
) -> Iterator[tuple[str, tuple[int, ...]]]:
    """The events ``search`` finds for ``query`` (only those ``flt`` keeps), in date order, as their
    ids with the phases each is in. When the store can answer the query itself (``prefilter``
    exact) no event is decoded; otherwise only the candidates it lets through are, and confirmed."""
    s = Searcher(ds, query, exact=exact, bare=True)
    where = prefilter(s)
    if where.exact:
        yield from ds.ids_and_phases(flt, where=where)
        return
    for ev, _ in _event_hits(ds, s, flt, where):
        yield ev.id, ev.phases


# Field filters of events and the store's join table of each.
_LINKED = {"person": "people", "place": "places", "tag": "tags", "phase": "phases", "note": "notes"}


def prefilter(s: Searcher) -> Prefilter:
    """The query's tests of events as SQL, for the store to narrow them by: each field filter (a
    join table, or the days for ``year:``), each word the full-text index finds exactly
    (``fulltext.word_expression``, when every indexed word is ASCII), and otherwise each word as a
    prefix of its runs (``fts_expression``: a superset). A clause with a term the store cannot test
    (an excluded phrase, a word it cannot find exactly and excluded) is left to the matcher; the
    prefilter is exact only when every clause's every test is."""
    clauses: list[tuple[Test, ...]] = []
    exact = True
    for clause in s.query.clauses:
        tests: list[Test] = []
        for term in clause:
            test, sure = _field_test(s, term) if term.field is not None else _word_test(s, term)
            if test is None:  # this term may hold anywhere, so the clause may too
                exact = False
                break
            tests.append(test)
            exact = exact and sure
        else:
            clauses.append(tuple(tests))
    return Prefilter(tuple(clauses), exact)


def _word_test(s: Searcher, term: Term) -> tuple[Test | None, bool]:
    """A word or phrase as a full-text test, and whether the test is exact; None when the index
    cannot narrow it (no index, or an excluded term it cannot find exactly)."""
    ds = s.ds
    if not ds.fts:
        return None, False
    if not s.exact and ds.fts_exact and ds.fts_ascii and not term.phrase:
        expression = word_expression([term.value, *s.also[term]])
        if expression is not None:
            return Test("text", expression, term.negated), True
    if term.negated:
        return None, False
    wider = fts_expression(Query(s.query.text, ((term,),)), s.also, exact=ds.fts_exact)
    return (Test("text", wider), False) if wider is not None else (None, False)


def _field_test(s: Searcher, term: Term) -> tuple[Test, bool]:
    """A field filter as an exact test of the store's join tables, or of the days an event spans."""
    value = s.resolved.get(term)
    if term.field == "year":
        assert isinstance(value, dates.HistDate)
        return Test("dates", (value.earliest.toordinal(), value.latest.toordinal()), term.negated), True
    assert term.field is not None
    if term.field == "person":
        refs: tuple[object, ...] = tuple(sorted(s.people[term]))
    elif term.field == "place":
        refs = tuple(sorted(s.places[term]))
    else:
        refs = (value,)
    return Test(_LINKED[term.field], refs, term.negated), True


def _event_hits(ds: Dataset, s: Searcher, flt: EventFilter | None, where: Prefilter) -> Iterator[tuple[Event, Hit]]:
    """The events the store lets through ``where`` (only those ``flt`` keeps), each the matcher confirms."""
    people, places = spellings(ds.people.values()), spellings(ds.places.values())
    for ev in ds.events(flt, where=where):
        hit = s.match("event", ev.id, ev, event_fields(ev, people, places))
        if hit:
            yield ev, hit


def _hits(ds: Dataset, s: Searcher, kinds: Sequence[str], flt: EventFilter | None, text: str | None) -> Iterator[Hit]:
    if "events" in kinds:
        yield from (found for _, found in _event_hits(ds, s, flt, prefilter(s)))
    if "notes" in kinds:
        for note in ds.notes.values():
            fields = [(name, value) for name, value in (("text", note.text), ("remark", note.remark)) if value]
            hit = s.match("note", str(note.n), note, fields)
            if hit:
                yield hit
    if "works" in kinds:
        for work in ds.works.values():
            hit = s.match("work", work.id, work, work_fields(work))
            if hit:
                yield hit
    if "text" in kinds and text is not None:
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                hit = s.match("text", str(n), Line(n, line), [("text", line)])
                if hit:
                    yield hit

"""The search query language and matching, pure and testable without the CLI.

Language: words are ANDed (``workers councils``); ``"a phrase"``; ``-word`` or ``-"a phrase"``
excludes; ``a OR b`` takes either; ``field:value`` filters by ``person:``, ``place:``, ``tag:``,
``phase:``, ``note:`` or ``year:`` (a value may be quoted: ``place:"market square"``). Matching
ignores case and accents (``dvorak`` finds Dvořák, ``lodz`` finds Łódź) and a word matches at the
start of a word (``council`` finds "councils", not "Ecouncil"). People and places match by any of
their aliases. Each hit says which fields matched, with a snippet and the match's position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chron import dates
from chron.errors import ChronError, DateError, QueryError
from chron.fulltext import FTS_CLAUSES, fts_expression, index_text
from chron.models import Event, Note, Work
from chron.query import FOLDS, RESIZED, did_you_mean, find_phase, fold

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Person, Place
    from chron.query import EventFilter

__all__ = ["FTS_CLAUSES", "KINDS", "MAX_TERMS", "fts_expression", "index_text", "parse_query", "search"]

FIELDS = ("person", "place", "tag", "phase", "note", "year")
KINDS = ("events", "notes", "works")
"""What a search can look in: the registry behind ``search --in``."""


@dataclass(frozen=True)
class Term:
    """One condition: a word or phrase (``field`` None) or a ``field:value`` filter."""

    value: str
    field: str | None = None
    negated: bool = False
    phrase: bool = False


@dataclass(frozen=True)
class Query:
    """Clauses that must all hold; each clause holds when any of its terms does."""

    text: str
    clauses: tuple[tuple[Term, ...], ...]

    def terms(self) -> list[Term]:
        return [t for clause in self.clauses for t in clause]


# A query's terms are bounded, so its cost is too: each term is one pattern run over each field of
# each candidate record (docs/usage.md).
MAX_TERMS = 50

_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"|([^\s"]+))')


def parse_query(text: str) -> Query:
    """Parse the query language; a malformed query raises QueryError saying how to fix it."""
    if text.count('"') % 2:
        raise QueryError(f'unbalanced quote in {text!r}: close the phrase with a second ".')
    if not text.strip():
        raise QueryError('the query is empty: give a word, a "phrase" or a field:value such as place:NAME.')
    pos = 0
    items: list[Term | str] = []
    while pos < len(text):
        if not text[pos:].strip():
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError(f"cannot read the query at {text[pos:].strip()!r}.")
        pos = m.end()
        neg, fld, quoted, bare = m.groups()
        if fld is None and quoted is None and re.fullmatch(r"[A-Za-z]+:", bare):
            fld, bare = bare[:-1], ""  # "person:" with its value missing
        value = quoted if quoted is not None else bare
        if fld is not None:
            name = fld.lower()
            if name not in FIELDS:
                hint = did_you_mean(name, FIELDS)
                raise QueryError(
                    f"unknown field {fld + ':'!r}.{hint} Fields are {', '.join(f + ':' for f in FIELDS)}; "
                    f'to search for the text itself, quote it: "{fld}:{value}".'
                )
            if not value.strip():
                raise QueryError(f"{name}: needs a value, such as {name}:{_EXAMPLE[name]}.")
            items.append(Term(value.strip(), name, bool(neg), quoted is not None))
            continue
        if quoted is None and not neg and value == "OR":
            items.append("OR")
            continue
        if quoted is None and value == "-":
            raise QueryError("a lone '-' excludes nothing: write -word or -\"a phrase\".")
        if not fold(value).strip() or not re.search(r"\w", fold(value)):
            raise QueryError(f"{value!r} has no letters or digits to search for.")
        items.append(Term(value, None, bool(neg), quoted is not None))
    terms = sum(1 for item in items if isinstance(item, Term))
    if terms > MAX_TERMS:
        raise QueryError(
            f"the query has {terms} terms; a query takes at most {MAX_TERMS} (words, phrases and field:value "
            "filters). Search for fewer words, or a phrase."
        )
    return Query(text, _group_or(items, text))


# Generic values for the error that asks for one: a query is read before any data, so none is taken from it.
_EXAMPLE = {"person": "NAME", "place": "NAME", "tag": "TAG", "phase": "N", "note": "N", "year": "YYYY"}


def _group_or(items: Sequence[Term | str], text: str) -> tuple[tuple[Term, ...], ...]:
    clauses: list[list[Term]] = []
    pending_or = False
    for item in items:
        if item == "OR":
            if not clauses or pending_or:
                raise QueryError(f"OR needs a term on each side, as in 'strike OR walkout' (in {text!r}).")
            pending_or = True
            continue
        assert isinstance(item, Term)
        if pending_or:
            clauses[-1].append(item)
            pending_or = False
        else:
            clauses.append([item])
    if pending_or:
        raise QueryError(f"OR needs a term on each side, as in 'strike OR walkout' (in {text!r}).")
    return tuple(tuple(c) for c in clauses)


# ------------------------------------------------------------------ matching


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


@dataclass(frozen=True)
class Hit:
    """A record that satisfies the query, and each field that shows it did."""

    kind: str  # "event" | "note" | "work"
    key: str
    record: Event | Note | Work
    matches: tuple[Match, ...] = field(default_factory=tuple)


def _word_pattern(value: str) -> re.Pattern[str]:
    words = fold(value).split()
    return re.compile(r"(?<![^\W_])" + r"\s+".join(re.escape(w) for w in words))


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


class Searcher:
    """Runs one parsed query over a dataset; field values are resolved once, up front."""

    def __init__(self, ds: Dataset, query: Query) -> None:
        self.ds = ds
        self.query = query
        self.patterns = {t: _word_pattern(t.value) for t in query.terms() if t.field is None}
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
        pattern = _word_pattern(term.value)
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

    def field_holds(self, term: Term, kind: str, record: Event | Note | Work) -> Match | bool:
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
                phase = ds.phase(ev.phase)
                return Match("phase", f"{phase.n} {phase.name}", ()) if phase and phase.n == value else False
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

    def match(self, kind: str, key: str, record: Event | Note | Work, fields: list[tuple[str, str]]) -> Hit | None:
        """A Hit when every clause holds; text matches are listed before field-filter matches.
        Each field is folded once, however many terms look at it."""
        shown: list[Match] = []
        folded: list[str] = []
        for clause in self.query.clauses:
            held = False
            for term in clause:
                if term.field is not None:
                    result = self.field_holds(term, kind, record)
                    ok = bool(result)
                    found = result if isinstance(result, Match) else None
                else:
                    found = None
                    if not folded:
                        folded = [fold(text) for _, text in fields]
                    for (name, text), low in zip(fields, folded, strict=True):
                        spans = find_spans(self.patterns[term], text, low)
                        if spans:
                            snip = snippet(text, spans)
                            assert snip is not None
                            found = Match(name, snip.snippet, snip.spans)
                            break
                    ok = found is not None
                if term.negated:
                    ok = not ok
                elif ok and found is not None and all(m.field != found.field for m in shown):
                    shown.append(found)
                held = held or ok
            if not held:
                return None
        return Hit(kind, key, record, tuple(sorted(shown, key=lambda m: not m.spans)))


def spellings(items: Iterable[Person | Place]) -> dict[str, str]:
    """Each person's or place's name and aliases as one text, by id: what a search reads for them."""
    return {item.id: " / ".join([item.name, *item.aliases]) for item in items}


def event_fields(ev: Event, people: Mapping[str, str], places: Mapping[str, str]) -> list[tuple[str, str]]:
    """The (field, text) pairs a search reads in an event: its words and its people's and places'
    names (``people`` and ``places``: ``spellings`` by id)."""
    who = [people[p] for p in ev.people if p in people]
    where = [places[p] for p in ev.places if p in places]
    return [
        ("title", ev.title),
        ("summary", ev.summary),
        ("quote", ev.quote),
        ("date_text", ev.date_text),
        *(("people", p) for p in who),
        *(("places", p) for p in where),
        *(("tags", t) for t in ev.tags),
    ]


def work_fields(work: Work) -> list[tuple[str, str]]:
    names = [" / ".join(x for x in (n.display(), n.printed) if x) for n in (*work.author, *work.editor)]
    out = [("author", n) for n in names]
    out += [(f, v) for f, v in (("title", work.title), ("container-title", work.container_title)) if v]
    return out


def search(ds: Dataset, query: Query, *, kinds: Sequence[str] = KINDS, flt: EventFilter | None = None) -> Iterator[Hit]:
    """Every record of ``kinds`` that satisfies ``query``: events by date (only those ``flt``
    keeps), then notes, then works. The query's field values are checked at once (a QueryError);
    the hits are made as they are taken, so the work stops when the caller stops taking."""
    return _hits(ds, Searcher(ds, query), kinds, flt)


def _hits(ds: Dataset, s: Searcher, kinds: Sequence[str], flt: EventFilter | None) -> Iterator[Hit]:
    query = s.query
    if "events" in kinds:
        people, places = spellings(ds.people.values()), spellings(ds.places.values())
        for ev in ds.events(flt, text=fts_expression(query, exact=ds.fts_exact)):
            hit = s.match("event", ev.id, ev, event_fields(ev, people, places))
            if hit:
                yield hit
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

"""The dataset's storage: validated records written into one SQLite database (stdlib sqlite3 only).

Events are rows in date order with their day bounds, and join tables of their phases, people,
places, tags and notes, so a filter or a count is one indexed query; an FTS5 index holds their
searchable text. The small tables (phases, tags, people, places) and the bibliography are stored
whole, as marshalled tuples. ``build`` writes a database; ``dataset.Dataset`` reads one. Records
are packed as tuples of their fields (``pack``/``unpack``), which marshal stores compactly.
"""

from __future__ import annotations

import dataclasses
import marshal
import operator
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from chron.checks import phases_finder
from chron.models import NAME_ROLES, Chronology, Cite, Event, Figure, Name, Note, Sources, Work

FORMAT = 9  # bump when the layout below or a record class changes

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE events(pos INTEGER PRIMARY KEY, id TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL,
                    data BLOB NOT NULL);
CREATE TABLE event_phases(ref INTEGER NOT NULL, pos INTEGER NOT NULL);
CREATE TABLE event_people(ref TEXT NOT NULL, pos INTEGER NOT NULL);
CREATE TABLE event_places(ref TEXT NOT NULL, pos INTEGER NOT NULL);
CREATE TABLE event_tags(ref TEXT NOT NULL, pos INTEGER NOT NULL);
CREATE TABLE event_notes(ref INTEGER NOT NULL, pos INTEGER NOT NULL);
CREATE TABLE note_works(n INTEGER NOT NULL, work TEXT NOT NULL);
"""
# What an event refers to, by kind: the join table of each (its column `ref` holds the id or number).
LINKS = {"phases": "event_phases", "people": "event_people", "places": "event_places", "tags": "event_tags"}
LINKS_ALL = {**LINKS, "notes": "event_notes"}
# Made after the rows are in: one sorted build instead of an index update per row.
INDEXES = "".join(f"CREATE INDEX {table}_ref ON {table}(ref, pos);\n" for table in LINKS_ALL.values()) + (
    "CREATE UNIQUE INDEX events_id ON events(id);\nCREATE INDEX note_works_work ON note_works(work);\n"
)
# The index holds search.index_text: words (runs of letters and digits as Python's re sees them)
# separated by single spaces. Its tokenizer takes every category but spaces and controls as part of
# a word, so each run is exactly one token, even where SQLite's Unicode tables (6.1) know a
# character as a symbol or not at all. An SQLite without the categories option gets the default
# tokenizer, and search.fts_expression then narrows by ASCII words only.
_TOKENIZER = "unicode61 remove_diacritics 2"
FTS_EXACT = f"""CREATE VIRTUAL TABLE events_fts USING fts5(text, content='',
    tokenize="{_TOKENIZER} categories 'L* M* N* P* S* Cf Cs Co Cn'")"""
FTS = f"CREATE VIRTUAL TABLE events_fts USING fts5(text, content='', tokenize='{_TOKENIZER}')"

# Which fields hold other records: field name -> (record class, a tuple of them?).
NESTED: dict[type, dict[str, tuple[type, bool]]] = {
    Work: {role: (Name, True) for role in NAME_ROLES},
    Note: {"cites": (Cite, True)},
    Event: {"figures": (Figure, True)},
}
_PLAN: dict[type, tuple[Callable[[Any], tuple[Any, ...]], list[tuple[int, type, bool]]]] = {}


def _plan(cls: type) -> tuple[Callable[[Any], tuple[Any, ...]], list[tuple[int, type, bool]]]:
    """A getter of all of ``cls``'s fields at once (one C call), and where its nested records are."""
    if cls not in _PLAN:
        nested = NESTED.get(cls, {})
        names = [f.name for f in dataclasses.fields(cls)]
        getter = operator.attrgetter(*names) if len(names) > 1 else (lambda r: (getattr(r, names[0]),))
        _PLAN[cls] = (getter, [(i, *nested[name]) for i, name in enumerate(names) if name in nested])
    return _PLAN[cls]


def pack(record: Any) -> tuple[Any, ...]:
    """A record as a tuple of its field values, nested records packed the same way."""
    getter, plan = _plan(type(record))
    values = getter(record)
    if not plan:
        return values
    items = list(values)
    for i, _cls, many in plan:
        items[i] = tuple([pack(v) for v in items[i]]) if many else pack(items[i])
    return tuple(items)


def unpack(cls: type, values: Sequence[Any]) -> Any:
    """The record of class ``cls`` that ``pack`` made ``values`` from."""
    plan = _plan(cls)[1]
    if not plan:
        return cls(*values)
    items = list(values)
    for i, sub, many in plan:
        items[i] = tuple([unpack(sub, v) for v in items[i]]) if many else unpack(sub, items[i])
    return cls(*items)


INHERITED = ("editor", "publisher", "publisher_place", "issued", "language")


def resolve_work(work: Work, works: dict[str, Work]) -> Work:
    """A chapter with ``container`` gets its book's title, editors, publisher and date."""
    book = works.get(work.container) if work.container else None
    if book is None:
        return work
    update: dict[str, Any] = {f: getattr(book, f) for f in INHERITED if not getattr(work, f) and getattr(book, f)}
    if not work.container_title:
        update["container_title"] = book.title
    return dataclasses.replace(work, **update)


_PHASE = [f.name for f in dataclasses.fields(Event)].index("phase")


def build(db: sqlite3.Connection, chron: Chronology, src: Sources, extra: dict[str, Any] | None = None) -> None:
    """Write a validated, checked dataset into the empty database ``db`` and commit.

    Each stored event carries, as its ``phase``, the tuple of every phase it belongs to, the one it
    is listed under first (``checks.phases_finder``), and a row in ``event_phases`` for each.
    ``extra`` holds more meta rows (the cache's header), marshalled.
    """
    from chron.search import event_fields, index_text, spellings

    # A new private file, renamed into place only when complete (and checked when read), so it
    # needs no journal and no syncing while it is written.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(SCHEMA)
    fts = 0  # an SQLite built without FTS5: search reads every event
    for level, create in ((2, FTS_EXACT), (1, FTS)):
        try:
            db.execute(create)
        except sqlite3.OperationalError:
            continue
        fts = level
        break
    phases = sorted(chron.phases, key=lambda p: p.n)
    people, places = spellings(chron.people), spellings(chron.places)
    raw = {w.id: w for w in src.works}
    works = tuple(pack(resolve_work(w, raw)) for w in src.works)
    head = (
        chron.title,
        tuple(pack(p) for p in phases),
        tuple(pack(t) for t in chron.tags),
        tuple(pack(p) for p in chron.people),
        tuple(pack(p) for p in chron.places),
    )
    meta = {
        "head": head,
        "article": (pack(src.article),),
        "works": works,
        "notes": tuple(pack(n) for n in src.notes),
        "fts": fts,  # 0: no index, 1: SQLite's default words, 2: chron's words (FTS_EXACT)
        **(extra or {}),
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, marshal.dumps(v)) for k, v in meta.items()])
    find_phases = phases_finder(phases)
    keyed = sorted(((ev.when, ev) for ev in chron.events), key=lambda pair: pair[0].sort_key())
    rows: list[tuple[Any, ...]] = []
    links: dict[str, list[tuple[Any, int]]] = {kind: [] for kind in LINKS_ALL}
    texts: list[tuple[int, str]] = []
    for pos, (when, ev) in enumerate(keyed):
        packed = list(pack(ev))
        in_phases = find_phases(ev)
        packed[_PHASE] = in_phases
        rows.append((pos, ev.id, when.earliest.toordinal(), when.latest.toordinal(), marshal.dumps(tuple(packed))))
        links["phases"].extend((n, pos) for n in in_phases)
        for kind, refs in (("people", ev.people), ("places", ev.places), ("tags", ev.tags), ("notes", ev.notes)):
            links[kind].extend((ref, pos) for ref in refs)
        if fts:
            texts.append((pos, index_text(event_fields(ev, people, places))))
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", rows)
    for kind, table in LINKS_ALL.items():
        db.executemany(f"INSERT INTO {table} VALUES (?, ?)", links[kind])
    db.executemany("INSERT INTO note_works VALUES (?, ?)", [(n.n, c.work) for n in src.notes for c in n.cites])
    db.executescript(INDEXES)
    if fts:
        db.executemany("INSERT INTO events_fts(rowid, text) VALUES (?, ?)", texts)
    db.commit()

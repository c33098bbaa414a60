"""The dataset's storage: validated records written into one SQLite database (stdlib sqlite3 only).

Events are rows in date order with their day bounds, and join tables of their phases, people,
places, tags and notes, so a filter or a count is one indexed query; an FTS5 index holds their
searchable text. The small tables (phases, tags, people, places) and the bibliography are stored
whole, as marshalled tuples. ``build`` writes a database; ``dataset.Dataset`` reads one. Records
are packed as tuples of their fields (``pack``/``unpack``), which marshal stores compactly.
"""

from __future__ import annotations

import dataclasses
import itertools
import marshal
import operator
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from chron.checks import phases_finder
from chron.models import NAME_ROLES, Chronology, Cite, Event, Figure, Name, Note, Sources, Work

FORMAT = 11  # bump when the layout below or a record class changes

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
CREATE TABLE event_keys(pos INTEGER PRIMARY KEY, key BLOB NOT NULL);
"""
# What an event refers to, by kind: the join table of each (its column `ref` holds the id or number).
LINKS = {"phases": "event_phases", "people": "event_people", "places": "event_places", "tags": "event_tags"}
LINKS_ALL = {**LINKS, "notes": "event_notes"}
# Made after the rows are in: one sorted build instead of an index update per row.
# An event's phases are read by its position too (dataset.ids_and_phases: a search's ids with them).
INDEXES = "".join(f"CREATE INDEX {table}_ref ON {table}(ref, pos);\n" for table in LINKS_ALL.values()) + (
    "CREATE UNIQUE INDEX events_id ON events(id);\nCREATE INDEX note_works_work ON note_works(work);\n"
    "CREATE INDEX event_phases_pos ON event_phases(pos, ref);\n"
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


# Events are stored at positions GAP apart in date order, so an edit can put a changed event between
# its neighbours without renumbering the rest (``update``); the order is all a position means.
GAP = 1 << 10
# An update rewrites at most this many events (and this share of them); more, and a build is faster.
UPDATE_MOST = 512
UPDATE_SHARE = 0.05


def _meta(chron: Chronology, src: Sources) -> dict[str, Any]:
    """The stored tables other than the events, keyed as in ``meta``."""
    raw = {w.id: w for w in src.works}
    head = (
        chron.title,
        tuple(pack(p) for p in sorted(chron.phases, key=lambda p: p.n)),
        tuple(pack(t) for t in chron.tags),
        tuple(pack(p) for p in chron.people),
        tuple(pack(p) for p in chron.places),
    )
    return {
        "head": head,
        "article": (pack(src.article),),
        "works": tuple(pack(resolve_work(w, raw)) for w in src.works),
        "notes": tuple(pack(n) for n in src.notes),
    }


class _Writer:
    """Writes events, their join rows and their index text; shared by ``build`` and ``update``."""

    def __init__(self, db: sqlite3.Connection, chron: Chronology, fts: int) -> None:
        from chron.search import spellings

        self.db, self.fts = db, fts
        self.wide = 0  # how many events indexed here have a word that is not ASCII (meta "wide")
        self.find_phases = phases_finder(sorted(chron.phases, key=lambda p: p.n))
        self.people, self.places = spellings(chron.people), spellings(chron.places)

    def text(self, ev: Event) -> str:
        from chron.search import event_fields, index_text

        return index_text(event_fields(ev, self.people, self.places))

    def write(self, placed: Sequence[tuple[int, Event, bytes | None]]) -> None:
        """Insert events at their positions, with their keys (the digest of the text they came from)."""
        rows: list[tuple[Any, ...]] = []
        links: dict[str, list[tuple[Any, int]]] = {kind: [] for kind in LINKS_ALL}
        texts: list[tuple[int, str]] = []
        for pos, ev in ((pos, ev) for pos, ev, _ in placed):
            when = ev.when
            packed = list(pack(ev))
            in_phases = self.find_phases(ev)
            packed[_PHASE] = in_phases
            rows.append((pos, ev.id, when.earliest.toordinal(), when.latest.toordinal(), marshal.dumps(tuple(packed))))
            links["phases"].extend((n, pos) for n in in_phases)
            for kind, refs in (("people", ev.people), ("places", ev.places), ("tags", ev.tags), ("notes", ev.notes)):
                links[kind].extend((ref, pos) for ref in refs)
            if self.fts:
                texts.append((pos, self.text(ev)))
        self.db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", rows)
        for kind, table in LINKS_ALL.items():
            self.db.executemany(f"INSERT INTO {table} VALUES (?, ?)", links[kind])
        self.db.executemany("INSERT INTO event_keys VALUES (?, ?)", [(p, k) for p, _, k in placed if k is not None])
        if self.fts:
            self.wide += sum(not t.isascii() for _, t in texts)
            self.db.executemany("INSERT INTO events_fts(rowid, text) VALUES (?, ?)", texts)


def _in_order(chron: Chronology, keys: Sequence[bytes] | None) -> list[tuple[Event, bytes | None]]:
    """The events in date order (file order among equals), each with its key."""
    paired = list(zip(chron.events, keys if keys is not None else [None] * len(chron.events), strict=True))
    return sorted(paired, key=lambda pair: pair[0].when.sort_key())


def build(
    db: sqlite3.Connection,
    chron: Chronology,
    src: Sources,
    extra: dict[str, Any] | None = None,
    keys: Sequence[bytes] | None = None,
) -> None:
    """Write a validated, checked dataset into the empty database ``db`` and commit.

    Each stored event carries, as its ``phase``, the tuple of every phase it belongs to, the one it
    is listed under first (``checks.phases_finder``), and a row in ``event_phases`` for each.
    ``extra`` holds more meta rows (the cache's header), marshalled. ``keys``, one per event in file
    order, identify the text each event was parsed from, so that ``update`` can tell later which
    events an edit changed.
    """
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
    writer = _Writer(db, chron, fts)
    writer.write([(i * GAP, ev, key) for i, (ev, key) in enumerate(_in_order(chron, keys))])
    meta = {
        **_meta(chron, src),
        "fts": fts,  # 0: no index, 1: SQLite's default words, 2: chron's words (FTS_EXACT)
        # How many events have an indexed word that is not ASCII: with none, the index finds a word
        # exactly as search matches it (dataset.Dataset.fts_ascii, fulltext.word_expression).
        "wide": writer.wide,
        **(extra or {}),
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, marshal.dumps(v)) for k, v in meta.items()])
    db.executemany("INSERT INTO note_works VALUES (?, ?)", [(n.n, c.work) for n in src.notes for c in n.cites])
    db.executescript(INDEXES)
    db.commit()


def update(
    db: sqlite3.Connection, chron: Chronology, src: Sources, keys: Sequence[bytes], extra: dict[str, Any]
) -> bool:
    """Bring ``db``, a copy of the store this folder had before an edit, up to date by rewriting only
    the events whose text changed, and commit; False (``db`` then half changed: discard it) when that
    is not possible or not worth it: anything but events changed, events were reordered, too many
    changed, or there is no room between two positions.

    The result lists, counts and finds exactly what ``build`` would give: the same rows in the same
    order, only at other positions. ``keys``: as for ``build``.
    """
    old = {k: v for k, v in db.execute("SELECT key, value FROM meta")}
    now = _meta(chron, src)
    # Compared as values: marshal may write equal values as different bytes (it shares objects
    # that happen to be referenced twice).
    if "fts" not in old or "wide" not in old or any(k not in old or marshal.loads(old[k]) != v for k, v in now.items()):
        return False
    fts = marshal.loads(old["fts"])
    stored: dict[bytes, list[int]] = {}
    for pos, key in db.execute("SELECT pos, key FROM event_keys ORDER BY pos"):
        stored.setdefault(key, []).append(pos)
    total = db.execute("SELECT count(*) FROM events").fetchone()[0]
    if sum(map(len, stored.values())) != total:
        return False
    # Each event in the new order keeps its old position if its text is unchanged; the kept
    # positions must still rise, or the order changed around them.
    placed: list[tuple[int | None, Event, bytes]] = []
    for ev, key in _in_order(chron, keys):
        assert key is not None
        spare = stored.get(key)
        placed.append((spare.pop(0) if spare else None, ev, key))
    kept = [pos for pos, _, _ in placed if pos is not None]
    gone = [pos for spare in stored.values() for pos in spare]
    fresh = len(placed) - len(kept)
    if (
        not kept
        or any(a >= b for a, b in itertools.pairwise(kept))
        or fresh + len(gone) > max(UPDATE_MOST, int(UPDATE_SHARE * len(placed)))
    ):
        return False
    new = _positions(placed)
    if new is None:
        return False
    writer = _Writer(db, chron, fts)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TEMP TABLE gone(pos INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO gone VALUES (?)", [(pos,) for pos in gone])
    wide = marshal.loads(old["wide"])
    if fts:  # a contentless index forgets a row only when told the text it was given
        old_rows = db.execute("SELECT pos, data FROM events WHERE pos IN gone").fetchall()
        forgotten = [(pos, writer.text(unpack(Event, marshal.loads(data)))) for pos, data in old_rows]
        db.executemany("INSERT INTO events_fts(events_fts, rowid, text) VALUES ('delete', ?, ?)", forgotten)
        wide -= sum(not text.isascii() for _, text in forgotten)
    for table in ("events", "event_keys", *LINKS_ALL.values()):  # one pass over each table
        db.execute(f"DELETE FROM {table} WHERE pos IN gone")
    writer.write(new)
    changed = {**extra, "wide": wide + writer.wide}
    db.executemany("UPDATE meta SET value = ? WHERE key = ?", [(marshal.dumps(v), k) for k, v in changed.items()])
    db.commit()
    return True


def _positions(placed: list[tuple[int | None, Event, bytes]]) -> list[tuple[int, Event, bytes | None]] | None:
    """Positions for the events that have none, spread evenly between their kept neighbours; None
    when a run of new events has no room between them."""
    out: list[tuple[int, Event, bytes | None]] = []
    i = 0
    while i < len(placed):
        if placed[i][0] is not None:
            i += 1
            continue
        j = i
        while j < len(placed) and placed[j][0] is None:
            j += 1
        after = placed[j][0] if j < len(placed) else None
        before = placed[i - 1][0] if i > 0 else None
        run = j - i
        low = before if before is not None else (after if after is not None else 0) - GAP * (run + 1)
        high = after if after is not None else low + GAP * (run + 1)
        if high - low <= run:
            return None
        out.extend((low + (high - low) * (k + 1) // (run + 1), placed[i + k][1], placed[i + k][2]) for k in range(run))
        i = j
    return out

"""The cache's storage: a validated dataset in one SQLite file, read lazily (stdlib sqlite3 only).

Events are rows in date order with their phase and day bounds indexed, and an FTS5 index of their
searchable text, so `show` with a phase or date filter and `search` read only the events they
need. The small tables (phases, tags, people, places) and the bibliography are stored whole, as
marshalled tuples. ``LazyDataset`` offers the same attributes as ``models.Dataset`` and loads each
part on first use. Written by cache.py, which decides when an entry is current.
"""

from __future__ import annotations

import contextlib
import marshal
import operator
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chron.errors import ChronError
from chron.models import (
    Cite,
    Dataset,
    Event,
    Figure,
    Name,
    Note,
    Person,
    Phase,
    Place,
    Sources,
    Tag,
    Work,
    resolve_work,
)

if TYPE_CHECKING:
    from chron.query import EventFilter
    from chron.search import Query

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE events(pos INTEGER PRIMARY KEY, id TEXT NOT NULL, phase INTEGER, lo INTEGER NOT NULL,
                    hi INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE event_notes(n INTEGER NOT NULL, pos INTEGER NOT NULL);
"""
# Made after the rows are in: one sorted build instead of an index update per row.
INDEXES = """
CREATE INDEX events_id ON events(id);
CREATE INDEX events_phase ON events(phase, pos);
CREATE INDEX event_notes_n ON event_notes(n);
"""
FTS = "CREATE VIRTUAL TABLE events_fts USING fts5(text, content='', tokenize='unicode61 remove_diacritics 2')"

# Which fields hold other records: field name -> (record class, a tuple of them?).
NESTED: dict[type, dict[str, tuple[type, bool]]] = {
    Work: {"author": (Name, True), "editor": (Name, True)},
    Note: {"cites": (Cite, True)},
    Event: {"figures": (Figure, True)},
    Sources: {"article": (Work, False), "works": (Work, True), "notes": (Note, True)},
}
_PLAN: dict[type, tuple[Any, list[tuple[int, type, bool]]]] = {}


def _plan(cls: type) -> tuple[Any, list[tuple[int, type, bool]]]:
    """A getter of all of ``cls``'s fields at once (one C call), and where its nested records are."""
    if cls not in _PLAN:
        nested = NESTED.get(cls, {})
        names = list(cls.__dataclass_fields__)  # type: ignore[attr-defined]  # every record class is a dataclass
        getter = operator.attrgetter(*names) if len(names) > 1 else (lambda r: (getattr(r, names[0]),))
        _PLAN[cls] = (getter, [(i, *nested[name]) for i, name in enumerate(names) if name in nested])
    return _PLAN[cls]


def pack(record: Any) -> tuple[Any, ...]:
    """A record as a tuple of its field values, nested records packed the same way."""
    getter, plan = _plan(type(record))
    values: tuple[Any, ...] = getter(record)
    if not plan:
        return values
    items = list(values)
    for i, _cls, many in plan:
        items[i] = tuple([pack(v) for v in items[i]]) if many else pack(items[i])
    return tuple(items)


def unpack(cls: type, values: Sequence[Any]) -> Any:
    plan = _plan(cls)[1]
    if not plan:
        return cls(*values)
    items = list(values)
    for i, sub, many in plan:
        items[i] = tuple([unpack(sub, v) for v in items[i]]) if many else unpack(sub, items[i])
    return cls(*items)


def _ordinal(day: date) -> int:
    return day.toordinal()


def write(path: Path, ds: Dataset, header: tuple[Any, ...]) -> None:
    """Write ``ds`` to a new SQLite file at ``path`` (the caller renames it into place)."""
    from chron.search import searchable_text

    db = sqlite3.connect(path)
    try:
        # A new private file, renamed into place only when complete (and checked when read), so
        # it needs no journal and no syncing while it is written.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(SCHEMA)
        try:
            db.execute(FTS)
            fts = True
        except sqlite3.OperationalError:  # an SQLite built without FTS5: search reads every event
            fts = False
        head = (
            ds.title,
            tuple(pack(x) for x in ds.phases),
            tuple(pack(x) for x in ds.tags.values()),
            tuple(pack(x) for x in ds.people.values()),
            tuple(pack(x) for x in ds.places.values()),
        )
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("header", marshal.dumps(header)),
                ("head", marshal.dumps(head)),
                ("sources", marshal.dumps(pack(ds.sources))),
                ("fts", marshal.dumps(fts)),
            ],
        )
        rows: list[tuple[Any, ...]] = []
        notes: list[tuple[int, int]] = []
        texts: list[tuple[int, str]] = []
        for pos, ev in enumerate(ds.events):
            phase = ds.phase_of.get(ev.id)
            rows.append(
                (
                    pos,
                    ev.id,
                    phase.n if phase else None,
                    _ordinal(ev.when.earliest),
                    _ordinal(ev.when.latest),
                    marshal.dumps(pack(ev)),
                )
            )
            notes.extend((n, pos) for n in ev.notes)
            if fts:
                texts.append((pos, searchable_text(ds, ev)))
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT INTO event_notes VALUES (?, ?)", notes)
        db.executescript(INDEXES)
        if fts:
            db.executemany("INSERT INTO events_fts(rowid, text) VALUES (?, ?)", texts)
        db.commit()
    finally:
        db.close()


def read_header(db: sqlite3.Connection) -> Any:
    row = db.execute("SELECT value FROM meta WHERE key = 'header'").fetchone()
    return marshal.loads(row[0]) if row else None


class _Events(Mapping[str, Event]):
    """Events by id, fetched from the store one by one (or all at once when iterated)."""

    def __init__(self, ds: LazyDataset) -> None:
        self.ds = ds

    def __getitem__(self, key: str) -> Event:
        known = self.ds.read.get(key)
        if known is not None:
            return known
        rows = self.ds.rows("WHERE id = ?", (key,))
        if not rows:
            raise KeyError(key)
        return rows[0]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self.ds.db.execute("SELECT 1 FROM events WHERE id = ?", (key,)).fetchone())

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self.ds.db.execute("SELECT id FROM events ORDER BY pos"))

    def __len__(self) -> int:
        return int(self.ds.db.execute("SELECT count(*) FROM events").fetchone()[0])


class _PhaseOf(Mapping[str, "Phase | None"]):
    """The phase of each event: its own `phase`, or the one containing its earliest day."""

    def __init__(self, ds: LazyDataset) -> None:
        self.ds = ds

    def __getitem__(self, key: str) -> Phase | None:
        if key not in self.ds.phase_n:
            self.ds.event_by_id[key]  # reading the row records its phase (a KeyError if there is none)
        n = self.ds.phase_n[key]
        return None if n is None else self.ds.phase_by_n.get(n)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ds.event_by_id)

    def __len__(self) -> int:
        return len(self.ds.event_by_id)


class LazyDataset(Dataset):
    """A dataset read from the store on demand; the same attributes as ``Dataset``."""

    def __init__(self, db: sqlite3.Connection, folder: Path, path: Path) -> None:
        self.db = db
        self.folder = folder
        self.path = path
        self.read: dict[str, Event] = {}  # every event decoded so far, by id (unique in a stored dataset)
        self.phase_n: dict[str, int | None] = {}  # each read event's phase, as the store computed it
        title, phases, tags, people, places = marshal.loads(self._meta("head"))
        self.title = title
        self.phases = [unpack(Phase, p) for p in phases]
        self.phase_by_n = {p.n: p for p in self.phases}
        self.tags = {t.id: t for t in (unpack(Tag, x) for x in tags)}
        self.people = {p.id: p for p in (unpack(Person, x) for x in people)}
        self.places = {p.id: p for p in (unpack(Place, x) for x in places)}
        self.fts = bool(marshal.loads(self._meta("fts")))

    def _meta(self, key: str) -> bytes:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise ValueError(f"store has no {key}")
        return bytes(row[0])

    @cached_property
    def sources(self) -> Sources:  # type: ignore[override]  # a lazy property where Dataset has an attribute
        found: Sources = unpack(Sources, marshal.loads(self._meta("sources")))
        return found

    @cached_property
    def article(self) -> Work:  # type: ignore[override]  # lazy in place of Dataset's attribute
        return self.sources.article

    @cached_property
    def works(self) -> dict[str, Work]:  # type: ignore[override]  # lazy in place of Dataset's attribute
        raw = {w.id: w for w in self.sources.works}
        return {w.id: resolve_work(w, raw) for w in self.sources.works}

    @cached_property
    def notes(self) -> dict[int, Note]:  # type: ignore[override]  # lazy in place of Dataset's attribute
        return {n.n: n for n in self.sources.notes}

    def rows(self, where: str = "", args: Sequence[Any] = ()) -> list[Event]:
        """The events a WHERE clause selects, in date order, each decoded once."""
        out = []
        try:
            query = f"SELECT id, phase, data FROM events {where} ORDER BY pos"
            for event_id, phase, data in self.db.execute(query, args):
                ev = self.read.get(event_id)
                if ev is None:
                    ev = self.read[event_id] = unpack(Event, marshal.loads(data))
                    self.phase_n[event_id] = phase
                out.append(ev)
        except (sqlite3.Error, ValueError, EOFError, TypeError) as err:
            self.discard()
            raise ChronError(
                "chron's cache of this dataset was damaged and has been removed; run the command again."
            ) from err
        return out

    def discard(self) -> None:
        """Drop a damaged store file so that the next run rebuilds it."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        self.path.unlink(missing_ok=True)

    @cached_property
    def events(self) -> list[Event]:  # type: ignore[override]  # lazy in place of Dataset's attribute
        return self.rows()

    @cached_property
    def event_by_id(self) -> Mapping[str, Event]:  # type: ignore[override]  # lazy in place of Dataset's attribute
        return _Events(self)

    @cached_property
    def phase_of(self) -> Mapping[str, Phase | None]:  # type: ignore[override]  # lazy in place of Dataset's attribute
        return _PhaseOf(self)

    def events_citing(self, n: int) -> list[Event]:
        return self.rows("WHERE pos IN (SELECT pos FROM event_notes WHERE n = ?)", (n,))

    def select_events(self, flt: EventFilter) -> list[Event]:
        """The events ``flt`` keeps, reading only the rows its phase, date and note parts allow."""
        clauses, args = [], []
        if flt.phases:
            clauses.append(f"phase IN ({','.join('?' * len(flt.phases))})")
            args += list(flt.phases)
        lo = flt.dates.lo.toordinal() if flt.dates.lo else None
        hi = flt.dates.hi.toordinal() if flt.dates.hi else None
        if flt.within:
            clauses += [c for c, v in (("lo >= ?", lo), ("hi <= ?", hi)) if v is not None]
        else:
            clauses += [c for c, v in (("lo <= ?", hi), ("hi >= ?", lo)) if v is not None]
        args += [v for v in ((lo, hi) if flt.within else (hi, lo)) if v is not None]
        if flt.notes:
            clauses.append(f"pos IN (SELECT pos FROM event_notes WHERE n IN ({','.join('?' * len(flt.notes))}))")
            args += list(flt.notes)
        found = self.rows("WHERE " + " AND ".join(clauses) if clauses else "", args)
        return [e for e in found if flt.keeps(self, e)]

    def search_candidates(self, query: Query) -> list[Event] | None:
        """Events that may match ``query``, by the FTS index (a superset); None when it cannot help."""
        from chron.search import fts_expression

        expression = fts_expression(query) if self.fts else None
        if expression is None:
            return None
        return self.rows("WHERE pos IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", (expression,))


def open_store(path: Path, folder: Path) -> tuple[Any, LazyDataset]:
    """The header and the lazy dataset of a store file (raises on any damage)."""
    db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    return read_header(db), LazyDataset(db, folder, path)

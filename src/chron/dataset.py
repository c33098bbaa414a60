"""The loaded dataset: one class over the SQLite store, with an explicit method for each question.

Every command reads through ``Dataset``, whether the store was just built from the TOML files or
kept from an earlier run (load.py decides). The small tables (phases, tags, people, places) are
read when it opens; the bibliography on first use; events only as a query asks for them, decoded
one row at a time, so a command that prints twenty events decodes twenty. Filters and counts are
SQL over the join tables (store.py); a search's tests that SQL can run (fulltext.Prefilter: its
field filters and words) are run here, its words through the full-text index.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from chron.errors import ChronError
from chron.models import Event, Note, Person, Phase, Place, Tag, Work
from chron.store import LINKS_ALL, unpack

if TYPE_CHECKING:
    from chron.fulltext import Prefilter
    from chron.query import EventFilter

_DAMAGED = (sqlite3.Error, ValueError, EOFError, TypeError)
_WORK_ID = [f.name for f in dataclasses.fields(Work)].index("id")
_NOTE_N = [f.name for f in dataclasses.fields(Note)].index("n")
K = TypeVar("K")
R = TypeVar("R")
# What a date condition (query.DateRange.conditions) compares, as SQL over the events table.
_COLUMN = {"lo": "lo", "hi": "hi", "span": "(hi - lo + 1)"}


class Records(Mapping[K, R]):
    """Stored records by key, each decoded the first time it is asked for: a command that needs one
    work of a bibliography of thousands, or only their ids, decodes one or none."""

    def __init__(self, cls: type[R], packed: Sequence[Sequence[Any]], at: int, damaged: Callable[[], Exception]):
        """``packed``: store.pack'ed records, whose field number ``at`` is the key."""
        self._cls, self._damaged = cls, damaged
        self._packed: dict[K, Sequence[Any]] = {p[at]: p for p in packed}
        self._done: dict[K, R] = {}

    def __getitem__(self, key: K) -> R:
        found = self._done.get(key)
        if found is None:
            packed = self._packed[key]
            try:
                found = self._done[key] = unpack(self._cls, packed)
            except _DAMAGED as err:
                raise self._damaged() from err
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[K]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


class Dataset:
    """A validated dataset: phases, events, people, places, tags, the text as a work, its works
    and notes. Built by load.py; never changed once open."""

    def __init__(self, db: sqlite3.Connection, folder: Path | None = None, path: Path | None = None) -> None:
        self.db = db
        self.folder = folder  # the data folder it was read from
        self.path = path  # the store file (None when in memory)
        self.decoded = 0  # events decoded so far: tests check that a query reads only what it needs
        try:
            title, phases, tags, people, places = marshal.loads(self._meta("head"))
            self.title: str | None = title
            self.phases: list[Phase] = [unpack(Phase, p) for p in phases]
            self.tags: dict[str, Tag] = {t.id: t for t in (unpack(Tag, x) for x in tags)}
            self.people: dict[str, Person] = {p.id: p for p in (unpack(Person, x) for x in people)}
            self.places: dict[str, Place] = {p.id: p for p in (unpack(Place, x) for x in places)}
            level = marshal.loads(self._meta("fts"))
            self.fts = bool(level)
            self.fts_exact = level == 2  # the index cuts words as search does (store.FTS_EXACT)
            # Every indexed word is ASCII: the index then finds a word exactly as search matches it.
            self.fts_ascii = self.fts_exact and marshal.loads(self._meta("wide")) == 0
        except _DAMAGED as err:
            raise self._damaged() from err
        self._phase_by_n = {p.n: p for p in self.phases}

    def _meta(self, key: str) -> bytes:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise ValueError(f"the store has no {key}")
        return bytes(row[0])

    def meta(self, key: str) -> Any:
        """A value kept in the store's meta table (None when absent)."""
        try:
            return marshal.loads(self._meta(key))
        except ValueError:
            return None

    def _damaged(self) -> ChronError:
        """Drop a damaged store file so that the next run rebuilds it, and say so."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)
        return ChronError("chron's cache of this dataset was damaged and has been removed; run the command again.")

    def _failed(self, err: Exception) -> ChronError:
        """A query that failed: a value that is not text (a surrogate from undecodable bytes, which
        SQLite cannot take) is the asker's error and leaves the store alone; anything else is damage."""
        if isinstance(err, UnicodeEncodeError):
            return ChronError("a value asked for is not valid text (it holds undecodable bytes); type it again.")
        return self._damaged()

    # ------------------------------------------------------------------ the bibliography

    def _records(self, key: str, cls: type) -> list[Any]:
        try:
            return [unpack(cls, x) for x in marshal.loads(self._meta(key))]
        except _DAMAGED as err:
            raise self._damaged() from err

    @cached_property
    def article(self) -> Work:
        """The text itself, as a work."""
        found: Work = self._records("article", Work)[0]
        return found

    def _lazy(self, key: str, cls: type[R], at: int) -> Records[Any, R]:
        try:
            packed = marshal.loads(self._meta(key))
            return Records(cls, packed, at, self._damaged)
        except (*_DAMAGED, IndexError) as err:
            raise self._damaged() from err

    @cached_property
    def works(self) -> Records[str, Work]:
        """Every cited work by id, in the file's order; a chapter carries its book's fields. Each is
        decoded when first asked for."""
        return self._lazy("works", Work, _WORK_ID)

    @cached_property
    def notes(self) -> Records[int, Note]:
        """The numbered notes, by number, each decoded when first asked for."""
        return self._lazy("notes", Note, _NOTE_N)

    def first_citations(self) -> dict[str, int]:
        """For each work, the number of the first note that cites it (without reading the notes)."""
        return dict(self._all("SELECT work, min(n) FROM note_works GROUP BY work"))

    def notes_citing(self, work_id: str) -> list[Note]:
        """The notes that cite ``work_id``, in number order."""
        numbers = self._all("SELECT DISTINCT n FROM note_works WHERE work = ? ORDER BY n", (work_id,))
        return [self.notes[n] for (n,) in numbers if n in self.notes]

    def links(self, kind: str, refs: Sequence[Any]) -> list[tuple[str, Any]]:
        """(event id, ref) for every event linked to one of ``refs`` in the join table of ``kind``
        (a key of store.LINKS_ALL), in date order, without decoding any event."""
        if not refs:
            return []
        marks = ",".join("?" * len(refs))
        table = LINKS_ALL[kind]
        return self._all(
            f"SELECT events.id, {table}.ref FROM {table} JOIN events ON events.pos = {table}.pos "
            f"WHERE {table}.ref IN ({marks}) ORDER BY events.pos",
            tuple(refs),
        )

    def note_events(self) -> dict[int, list[str]]:
        """The ids of the events resting on each note that has any, by note number, in date order
        (from the join table: no event is decoded)."""
        found: dict[int, list[str]] = {}
        for n, event_id in self._all(
            "SELECT ref, id FROM event_notes JOIN events ON events.pos = event_notes.pos ORDER BY ref, events.pos"
        ):
            found.setdefault(n, []).append(event_id)
        return found

    def phase(self, n: int | None) -> Phase | None:
        """The phase numbered ``n``."""
        return self._phase_by_n.get(n) if n is not None else None

    # ------------------------------------------------------------------ events

    def _all(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self.db.execute(sql, args).fetchall()
        except _DAMAGED as err:
            raise self._failed(err) from err

    def _decoded(self, sql: str, args: tuple[Any, ...] | list[Any] = ()) -> Iterator[Event]:
        """The events a query selects (its columns: data), decoded one by one as they are taken."""
        try:
            for (data,) in self.db.execute(sql, args):
                self.decoded += 1
                yield unpack(Event, marshal.loads(data))
        except _DAMAGED as err:
            raise self._failed(err) from err

    def events(
        self,
        flt: EventFilter | None = None,
        *,
        reverse: bool = False,
        limit: int | None = None,
        text: str | None = None,
        where: Prefilter | None = None,
    ) -> Iterator[Event]:
        """The events ``flt`` keeps, in date order (or reversed), at most ``limit``; ``text`` is a
        full-text expression (search.fts_expression) and ``where`` a search's tests
        (search.prefilter) that narrow them further."""
        return self._decoded(*self._select("data", flt, reverse, limit, text, where))

    def ids(self, flt: EventFilter | None = None, *, reverse: bool = False, limit: int | None = None) -> Iterator[str]:
        """The ids of the events ``flt`` keeps, as ``events`` orders them, without decoding any."""
        try:
            for (found,) in self.db.execute(*self._select("id", flt, reverse, limit, None, None)):
                yield found
        except _DAMAGED as err:
            raise self._failed(err) from err

    def ids_and_phases(
        self, flt: EventFilter | None = None, *, where: Prefilter | None = None
    ) -> Iterator[tuple[str, tuple[int, ...]]]:
        """The ids of the events ``flt`` keeps and ``where``'s tests pass, in date order, each with
        the phases it is in (as ``Event.phases``), without decoding any."""
        column = "id, (SELECT group_concat(ref) FROM event_phases WHERE event_phases.pos = events.pos)"
        parsed: dict[str | None, tuple[int, ...]] = {None: ()}  # a dataset has few sets of phases
        try:
            for found, phases in self.db.execute(*self._select(column, flt, False, None, None, where)):
                numbers = parsed.get(phases)
                if numbers is None:
                    numbers = parsed[phases] = tuple(sorted(int(n) for n in phases.split(",")))
                yield found, numbers
        except _DAMAGED as err:
            raise self._failed(err) from err

    def _select(
        self,
        column: str,
        flt: EventFilter | None,
        reverse: bool,
        limit: int | None,
        text: str | None,
        where: Prefilter | None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        args: list[Any] = []
        if flt is not None:
            for kind, refs in (
                ("phases", flt.phases),
                ("people", flt.people),
                ("places", flt.places),
                ("tags", flt.tags),
                ("notes", flt.notes),
            ):
                if refs:
                    marks = ",".join("?" * len(refs))
                    clauses.append(f"pos IN (SELECT pos FROM {LINKS_ALL[kind]} WHERE ref IN ({marks}))")
                    args.extend(refs)
            alternatives = flt.dates.conditions()
            if any(alternatives):
                ors = []
                for alt in alternatives:
                    ors.append(" AND ".join(f"{_COLUMN[column]} {op} ?" for column, op, _ in alt) or "1")
                    args.extend(bound for _, _, bound in alt)
                clauses.append("(" + " OR ".join(f"({o})" for o in ors) + ")")
        if text is not None and self.fts:
            clauses.append("pos IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            args.append(text)
        if where is not None:
            self._tests(where, clauses, args)
        condition = " WHERE " + " AND ".join(clauses) if clauses else ""
        order = " ORDER BY pos DESC" if reverse else " ORDER BY pos"
        tail = ""
        if limit is not None:
            tail = " LIMIT ?"
            args.append(limit)
        return f"SELECT {column} FROM events" + condition + order + tail, args

    def _tests(self, where: Prefilter, clauses: list[str], args: list[Any]) -> None:
        """Add a search's tests to ``clauses``. The clauses that are only words are one full-text
        query (the index intersects them faster than SQL would); the rest one SQL test a term."""
        words: list[str] = []
        for clause in where.clauses:
            if all(t.kind == "text" and not t.negated for t in clause):
                if self.fts:
                    words.append(" OR ".join(f"({t.value})" for t in clause))
                continue
            ors: list[str] = []
            values: list[Any] = []
            for test in clause:
                if test.kind == "dates":
                    sql = "(lo <= ? AND hi >= ?)"
                    values.extend(reversed(test.value))
                elif test.kind == "text":
                    if not self.fts:  # without the index, the matcher decides
                        break
                    sql = "pos IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)"
                    values.append(test.value)
                else:
                    marks = ",".join("?" * len(test.value))
                    sql = f"pos IN (SELECT pos FROM {LINKS_ALL[test.kind]} WHERE ref IN ({marks}))"
                    values.extend(test.value)
                ors.append(f"NOT {sql}" if test.negated else sql)
            else:
                clauses.append("(" + " OR ".join(ors) + ")")
                args.extend(values)
        if words:
            clauses.append("pos IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            args.append(" AND ".join(f"({w})" for w in words))

    def event(self, event_id: str) -> Event | None:
        """One event by id."""
        return next(self._decoded("SELECT data FROM events WHERE id = ?", (event_id,)), None)

    def event_ids(self) -> list[str]:
        """Every event id in date order (for suggestions and completion)."""
        return list(self.ids())

    def event_titles(self) -> Iterator[tuple[str, str]]:
        """(id, title) of every event in date order, decoded one by one (for completion)."""
        return ((ev.id, ev.title) for ev in self.events())

    def event_count(self) -> int:
        return int(self._all("SELECT count(*) FROM events")[0][0])

    def events_citing(self, n: int) -> list[Event]:
        """The events resting on note ``n``."""
        return list(
            self._decoded(
                "SELECT data FROM events WHERE pos IN (SELECT pos FROM event_notes WHERE ref = ?) ORDER BY pos", (n,)
            )
        )

    def events_citing_work(self, work_id: str) -> list[Event]:
        """The events resting on a note that cites ``work_id``."""
        return list(
            self._decoded(
                "SELECT data FROM events WHERE pos IN (SELECT pos FROM event_notes WHERE ref IN "
                "(SELECT n FROM note_works WHERE work = ?)) ORDER BY pos",
                (work_id,),
            )
        )

    def counts(self, kind: str) -> dict[Any, int]:
        """How many events each phase (by number), person, place, tag (by id) or note has."""
        rows = self._all(f"SELECT ref, count(*) FROM {LINKS_ALL[kind]} GROUP BY ref")  # kind: a key of LINKS_ALL
        return dict(rows)

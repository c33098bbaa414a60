"""The JSON shapes of what chron prints: one function per record type, documented in docs/formats.md.

Every record carries ``schema_version`` and ``record`` (its type), so a line of ``jsonl`` stands on
its own. Dates appear as the data's string and as ``earliest``/``latest`` ISO days (``null`` for
an open end). Shapes only grow: a field, once published, keeps its name and meaning.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from chron.dates import HistDate
from chron.models import alias

if TYPE_CHECKING:
    from chron.citation import Formatted
    from chron.citation.text import Styled
    from chron.models import Dataset, Event, Note, Person, Phase, Place, Tag, Work
    from chron.render import Listing
    from chron.search import Hit

SCHEMA_VERSION = 1


def _day(d: date) -> str | None:
    return None if d in (date.min, date.max) else d.isoformat()


def date_fields(when: HistDate) -> dict[str, Any]:
    return {
        "date": when.text,
        "earliest": _day(when.earliest),
        "latest": _day(when.latest),
        "date_english": when.english(),
    }


def _ref(items: dict[str, Any], ids: Sequence[str]) -> list[dict[str, str]]:
    return [{"id": i, "name": items[i].name} for i in ids if i in items]


def event_record(ds: Dataset, ev: Event) -> dict[str, Any]:
    phase = ds.phase_of.get(ev.id)
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "event",
        "id": ev.id,
        **date_fields(ev.when),
        "date_text": ev.date_text,
        "date_note": ev.date_note,
        "phase": phase.n if phase else None,
        "title": ev.title,
        "summary": ev.summary,
        "quote": ev.quote,
        "people": _ref(ds.people, ev.people),
        "places": _ref(ds.places, ev.places),
        "tags": list(ev.tags),
        "notes": list(ev.notes),
        "figures": [{"value": f.value, "about": f.about} for f in ev.figures],
        "editorial": ev.editorial,
    }


def phase_record(ds: Dataset, phase: Phase, count: int) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "phase",
        "n": phase.n,
        "id": phase.id,
        "name": phase.name,
        **date_fields(phase.when),
        "description": phase.description,
        "quote": phase.quote,
        "editorial": phase.editorial,
        "events": count,
    }


def person_record(person: Person, count: int) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "person",
        "id": person.id,
        "name": person.name,
        "aliases": list(person.aliases),
        "role": person.role,
        "editorial": person.editorial,
        "events": count,
    }


def place_record(place: Place, count: int) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "place",
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "aliases": list(place.aliases),
        "editorial": place.editorial,
        "events": count,
    }


def tag_record(tag: Tag, count: int) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "tag",
        "id": tag.id,
        "description": tag.description,
        "events": count,
    }


def work_record(work: Work) -> dict[str, Any]:
    """A work in its CSL-JSON field names (hyphenated), without empty fields."""
    data: dict[str, Any] = {}
    for f in dataclasses.fields(work):
        value = getattr(work, f.name)
        if value in (None, ()):
            continue
        if f.name in ("author", "editor"):
            value = [{k: v for k, v in dataclasses.asdict(n).items() if v is not None} for n in value]
        data[alias(f.name)] = value
    return {"schema_version": SCHEMA_VERSION, "record": "work", **data}


def note_record(ds: Dataset, note: Note, short: dict[int, list[str]] | None = None) -> dict[str, Any]:
    """A note with its cites resolved to works, and the events that rest on it."""
    cites = []
    for i, c in enumerate(note.cites):
        work = ds.works.get(c.work)
        entry: dict[str, Any] = {
            "work": c.work,
            "locator": c.locator,
            "label": c.label,
            "prefix": c.prefix,
            "title": work.title if work else None,
        }
        if short is not None:
            entry["short"] = short[note.n][i]
        cites.append(entry)
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "note",
        "n": note.n,
        "text": note.text,
        "attached_to": note.attached_to,
        "marker_absent": note.marker_absent,
        "cites": cites,
        "events": [e.id for e in ds.events_citing(note.n)],
    }


def hit_record(ds: Dataset, hit: Hit) -> dict[str, Any]:
    """A search result: what was found and, for each matching field, a snippet and match spans."""
    base: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "record": "hit", "kind": hit.kind, "id": hit.key}
    if hit.kind == "event":
        ev = ds.event_by_id[hit.key]
        base.update(date=ev.date, title=ev.title)
    elif hit.kind == "note":
        note = ds.notes[int(hit.key)]
        base.update(date=None, title=f"Note {note.n}: {note.text}")
    else:
        work = ds.works[hit.key]
        who = ", ".join(n.display() for n in work.names())
        base.update(date=work.issued, title=work.title or work.container_title or who or work.id)
    base["matches"] = [
        {"field": m.field, "snippet": m.snippet, "spans": [list(s) for s in m.spans]} for m in hit.matches
    ]
    return base


# ------------------------------------------------------------------ listings: records plus how to show them


def _names(key: str) -> Any:
    return lambda r: [x["name"] for x in r[key]]


def event_listing(ds: Dataset, events: list[Event]) -> Listing:
    from chron.render import Column, Listing

    columns = [
        Column("id", "Id", in_table=False),
        Column("date", "Date", in_table=False),
        Column("earliest", "Earliest", in_table=False),
        Column("latest", "Latest", in_table=False),
        Column("date_english", "Date", max_width=24),
        Column("phase", "Ph"),
        Column("title", "Event"),
        Column("places", "Places", max_width=24, get=_names("places")),
        Column("people", "People", in_table=False, get=_names("people")),
        Column("tags", "Tags", in_table=False),
        Column("notes", "Notes", max_width=10),
        Column("summary", "Summary", in_table=False),
    ]
    return Listing(
        "events",
        [event_record(ds, e) for e in events],
        columns,
        plain=lambda r: f"{r['date']}  {r['id']}  {r['title']}",
    )


def phase_listing(ds: Dataset, counts: dict[str, int]) -> Listing:
    from chron.render import Column, Listing

    columns = [
        Column("n", "N"),
        Column("id", "Id", in_table=False),
        Column("name", "Phase"),
        Column("date", "Date", in_table=False),
        Column("date_english", "Dates", max_width=30),
        Column("events", "Events"),
        Column("description", "Description"),
        Column("quote", "The article", in_table=False),
    ]
    records = [phase_record(ds, p, counts.get(p.id, 0)) for p in ds.phases]
    return Listing(
        "phases",
        records,
        columns,
        key="n",
        plain=lambda r: f"{r['n']}  {r['date']}  {r['name']} ({r['events']} events)",
    )


def index_listing(noun: str, records: list[dict[str, Any]]) -> Listing:
    """People, places or tags: id, name, what they are, and how many events name them."""
    from chron.render import Column, Listing

    if noun == "tags":
        columns = [Column("id", "Tag"), Column("events", "Events"), Column("description", "Description")]
        return Listing(noun, records, columns, plain=lambda r: f"{r['id']}  {r['events']}")
    columns = [
        Column("id", "Id", no_wrap=True),
        Column("name", "Name"),
        Column("events", "Events"),
        Column("kind" if noun == "places" else "role", "Kind" if noun == "places" else "Role", max_width=40),
        Column("aliases", "Aliases", max_width=30),
    ]
    return Listing(noun, records, columns, plain=lambda r: f"{r['id']}  {r['name']}  {r['events']}")


def hit_listing(ds: Dataset, hits: list[Hit]) -> Listing:
    from chron.render import Column, Listing

    def first(key: str) -> Any:
        return lambda r: r["matches"][0][key] if r["matches"] else ""

    records = [hit_record(ds, h) for h in hits]
    columns = [
        Column("kind", "Kind"),
        Column("id", "Id", no_wrap=True),
        Column("date", "Date", in_table=False),
        Column("title", "Title", in_table=False),
        Column("field", "Field", get=first("field")),
        Column("snippet", "Match", get=first("snippet")),
    ]

    def spans(r: dict[str, Any]) -> dict[str, list[tuple[int, int]]]:
        return {"snippet": [tuple(s) for s in r["matches"][0]["spans"]]} if r["matches"] else {}

    def plain(r: dict[str, Any]) -> str:
        where = f"  [{r['matches'][0]['field']}] {r['matches'][0]['snippet']}" if r["matches"] else ""
        return f"{r['kind']}  {r['id']}  {r['title'][:80]}{where}"

    return Listing("results", records, columns, plain=plain, highlight=spans)


def citation_record(f: Formatted) -> dict[str, Any]:
    """One formatted note or work: its plain text, its HTML, and one entry per cited work."""
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "citation",
        "note" if isinstance(f.key, int) else "work": f.key,
        "style": f.style,
        "text": f.text.plain(),
        "html": f.text.html(),
        "entries": [
            {
                "work": e.work.id,
                "locator": e.locator,
                "prefix": e.prefix,
                "first": e.first,
                "text": e.text.plain(),
                "html": e.text.html(),
            }
            for e in f.entries
        ],
        "reference": f.reference.plain() if f.reference is not None else None,
    }


def source_listing(ds: Dataset, entries: list[tuple[Work, Styled]]) -> Listing:
    """The bibliography: each work's entry in the style, with the notes that cite it."""
    from chron.render import Column, Listing

    records = []
    for work, entry in entries:
        notes = [n.n for n in ds.notes_citing(work.id)]
        records.append(work_record(work) | {"entry": entry.plain(), "entry_html": entry.html(), "notes": notes})
    columns = [
        Column("id", "Id", no_wrap=True),
        Column("type", "Type", in_table=False),
        Column("entry", "Entry"),
        Column("notes", "Notes", max_width=14),
    ]
    return Listing("works", records, columns, plain=lambda r: f"{r['id']}  {r['entry']}")

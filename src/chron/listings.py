"""What each listing command prints: its records (shapes.py) and the columns that show them.

A ``Listing`` takes its records lazily (a generator from the dataset), so a renderer that streams
prints the first line before the last record is read, and stops the work when it stops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from chron.render import Column, Listing
from chron.shapes import (
    event_record,
    extracted_note_record,
    hit_record,
    note_record,
    person_record,
    phase_record,
    place_record,
    proposed_cite_record,
    spellings_record,
    tag_record,
    work_record,
)

if TYPE_CHECKING:
    from chron.citation.text import Styled
    from chron.dataset import Dataset
    from chron.extract import Anomaly, Extraction
    from chron.link import Linking
    from chron.models import Event, Note, Work
    from chron.search import Hit
    from chron.spellings import Named


def _names(key: str) -> Any:
    return lambda r: [x["name"] for x in r[key]]


def events(ds: Dataset, found: Iterable[Event], keys: Callable[[], Iterable[str]] | None = None) -> Listing:
    """Events as records; ``keys`` gives their ids without decoding them (for ``ids``)."""
    columns = [
        Column("id", "Id", no_wrap=True, rank=2, under="title"),
        Column("date", "Date", in_table=False),
        Column("earliest", "Earliest", in_table=False),
        Column("latest", "Latest", in_table=False),
        Column("date_english", "Date", max_width=24),
        Column("phase", "Phase", in_table=False),
        Column("phases", "Ph", rank=4),  # every phase the event's dates span (`show --phase 2` finds it)
        Column("title", "Event"),
        Column("places", "Places", max_width=24, rank=1, get=_names("places")),
        Column("people", "People", max_width=24, rank=5, get=_names("people")),
        Column("tags", "Tags", in_table=False),
        Column("notes", "Notes", max_width=10, rank=3),
        Column("summary", "Summary", in_table=False),
    ]
    return Listing("events", (event_record(ds, e) for e in found), columns, keys=keys)


def phases(ds: Dataset) -> Listing:
    counts = ds.counts("phases")
    columns = [
        Column("n", "N"),
        Column("id", "Id", in_table=False),
        Column("name", "Phase"),
        Column("date", "Date", in_table=False),
        Column("date_english", "Dates", max_width=30),
        Column("events", "Events"),
        Column("description", "Description"),
        Column("quote", "Quote", in_table=False),
    ]
    return Listing("phases", [phase_record(p, counts.get(p.n, 0)) for p in ds.phases], columns, key="n")


def _named(noun: str, records: list[dict[str, Any]]) -> Listing:
    columns = [
        Column("id", "Id", no_wrap=True),
        Column("name", "Name"),
        Column("events", "Events"),
        Column("kind" if noun == "places" else "role", "Kind" if noun == "places" else "Role", max_width=40, rank=2),
        Column("aliases", "Aliases", in_table=False),
        Column("printed", "Printed as", max_width=30, rank=1),
        Column("other", "Other spellings", max_width=30, rank=3, get=_unprinted),
    ]
    return Listing(noun, records, columns)


def _unprinted(r: dict[str, Any]) -> list[str]:
    """The aliases the text does not print (the name is shown on its own)."""
    return [a for a in r["aliases"] if a not in r["printed"] and a != r["name"]]


def people(ds: Dataset) -> Listing:
    """Everyone the events name, by id, with how many events name them."""
    counts = ds.counts("people")
    return _named("people", [person_record(p, counts.get(p.id, 0)) for p in sorted(ds.people.values(), key=_id)])


def places(ds: Dataset) -> Listing:
    counts = ds.counts("places")
    return _named("places", [place_record(p, counts.get(p.id, 0)) for p in sorted(ds.places.values(), key=_id)])


def tags(ds: Dataset) -> Listing:
    """The tag vocabulary in the file's order, with how many events carry each tag."""
    counts = ds.counts("tags")
    columns = [Column("id", "Tag"), Column("events", "Events"), Column("description", "Description")]
    records = [tag_record(t, counts.get(t.id, 0)) for t in ds.tags.values()]
    return Listing("tags", records, columns)


def spellings(named: Iterable[Named], counted_in: str) -> Listing:
    """Every person and place with the spellings the text prints (and how often) and the others."""

    def shown(printed: bool) -> Any:
        def get(r: dict[str, Any]) -> list[str]:
            return [
                f"{s['spelling']} ×{s['count']}" if printed else s["spelling"]
                for s in r["spellings"]
                if bool(s["count"]) == printed
            ]

        return get

    def where(r: dict[str, Any]) -> list[str]:
        notes = sorted({n for s in r["spellings"] if s["count"] for n in s["notes"]})
        return [f"note {n}" for n in notes]

    columns = [
        Column("kind", "Kind", rank=2),
        Column("id", "Id", no_wrap=True),
        Column("name", "Standard form"),
        Column("printed", "Printed", get=shown(True)),
        Column("unprinted", "Not printed", rank=1, get=shown(False)),
        Column("notes", "In notes", rank=3, max_width=24, get=where),
        Column("counted_in", "Counted in", in_table=False),
    ]
    return Listing("names", (spellings_record(n, counted_in) for n in named), columns)


def notes(ds: Dataset, found: Iterable[tuple[Note, list[str]]]) -> Listing:
    """Notes (each with the ids of the events resting on it) as records, with the columns that show
    the start of each note, the works it cites, whether its marker is in the body, and its events."""
    from chron.notes import first_words

    columns = [
        Column("n", "N"),
        Column("first_words", "Note", get=lambda r: first_words(r["text"] or "", 50), max_width=40),
        Column("text", "Text", in_table=False),
        Column("works", "Works", get=lambda r: list(dict.fromkeys(c["work"] for c in r["cites"])), max_width=30),
        Column("marker", "Marker", get=lambda r: "absent" if r["marker_absent"] else "present"),
        Column("attached_to", "Attached to", in_table=False),
        Column("marker_absent", "Marker absent", in_table=False),
        Column("events", "Events", max_width=40),
    ]
    return Listing("notes", (note_record(ds, n, events=ids) for n, ids in found), columns, key="n")


def _id(item: Any) -> str:
    return str(item.id)


def extracted_notes(ex: Extraction) -> Listing:
    """The notes ``chron extract`` found, each with its marker's words and the anomalies about it."""
    about: dict[int, list[Anomaly]] = {}
    for anomaly in ex.anomalies:
        if anomaly.n is not None:
            about.setdefault(anomaly.n, []).append(anomaly)
    columns = [
        Column("n", "N"),
        Column("marker", "Marker", no_wrap=True),
        Column("marker_line", "Line", in_table=False),
        Column("text_line", "Text line", in_table=False),
        Column("attached_to", "Follows", max_width=40),
        Column("text", "Text"),
        Column("label", "Label", in_table=False),
        Column("remark", "Remark", in_table=False),
        Column("anomalies", "Anomalies", max_width=16, get=lambda r: [a["kind"] for a in r["anomalies"]]),
    ]

    def plain(r: dict[str, Any]) -> str:
        odd = f"  [{', '.join(a['kind'] for a in r['anomalies'])}]" if r["anomalies"] else ""
        return f"{r['n']}: {r['text'] if r['text'] is not None else '(no text)'}{odd}"

    records = [extracted_note_record(note, about.get(note.n, [])) for note in ex.notes]
    return Listing("notes", records, columns, key="n", plain=plain)


def works_added(works: Iterable[Work]) -> Listing:
    """The works ``chron import`` adds, as ``chron sources`` shows works (without a style's entry)."""
    columns = [
        Column("id", "Id", no_wrap=True),
        Column("type", "Type"),
        Column("issued", "Issued"),
        Column("title", "Title", get=lambda r: r.get("title") or r.get("container-title")),
    ]

    def plain(r: dict[str, Any]) -> str:
        return f"{r['id']}  {r.get('title') or r.get('container-title') or ''}".rstrip()

    return Listing("works", [work_record(w) for w in works], columns, plain=plain)


def proposals(found: Linking) -> Listing:
    """The cites ``chron link`` proposes, one record per cite, in note order."""
    columns = [
        Column("n", "N"),
        Column("work", "Work", no_wrap=True),
        Column("locator", "Locator"),
        Column("label", "Label", in_table=False),
        Column("prefix", "Prefix", in_table=False),
        Column("confidence", "Sure", get=lambda r: f"{r['confidence']:.2f}"),
        Column("reason", "Reason"),
    ]

    def plain(r: dict[str, Any]) -> str:
        where = f", {r['locator']}" if r["locator"] else ""
        return f"{r['n']}: {r['work']}{where}  ({r['confidence']:.2f}: {r['reason']})"

    records = [proposed_cite_record(p.n, c) for p in found.proposals for c in p.cites]
    return Listing("proposals", records, columns, key="n", plain=plain)


def hits(found: Iterable[Hit], keys: Callable[[], Iterable[str]] | None = None) -> Listing:
    """Search results; ``keys``, when given, yields their keys without their matches (``ids``)."""

    def first(key: str) -> Any:
        return lambda r: r["matches"][0][key] if r["matches"] else ""

    columns = [
        Column("kind", "Kind"),
        Column("id", "Id", no_wrap=True, rank=1, under="title"),
        Column("date", "Date", in_table=False),
        Column("title", "Title", max_width=40, clip=80),
        Column("field", "Field", rank=2, get=first("field")),
        Column("snippet", "Match", get=first("snippet")),
    ]

    def spans(r: dict[str, Any]) -> dict[str, list[tuple[int, int]]]:
        return {"snippet": [tuple(s) for s in r["matches"][0]["spans"]]} if r["matches"] else {}

    return Listing("results", (hit_record(h) for h in found), columns, highlight=spans, keys=keys)


def sources(ds: Dataset, works: Sequence[Work], entry: Callable[[Work], Styled]) -> Listing:
    """The bibliography: ``works`` in the style's order, each with its ``entry`` in the style and
    the notes that cite it; an entry is formatted only when its record is printed."""

    def records() -> Iterable[dict[str, Any]]:
        for work in works:
            text = entry(work)
            notes = [n.n for n in ds.notes_citing(work.id)]
            yield work_record(work) | {"entry": text.plain(), "entry_html": text.html(), "notes": notes}

    columns = [
        Column("id", "Id", no_wrap=True),
        Column("type", "Type", in_table=False),
        Column("entry", "Entry"),
        Column("notes", "Notes", max_width=14, rank=1),
    ]
    return Listing("works", records(), columns, keys=lambda: (w.id for w in works))

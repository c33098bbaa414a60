"""The JSON shapes of what chron prints: one function per record type, documented in docs/formats.md.

Commands never build a shape themselves: listings (listings.py), cards (cards.py) and reports
take theirs from here.

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
from chron.models import NAME_ROLES, alias

if TYPE_CHECKING:
    from chron.citation import Entry, Formatted
    from chron.dataset import Dataset
    from chron.errors import Problem
    from chron.extract import Anomaly
    from chron.extract import Note as ExtractedNote
    from chron.link import ProposedCite
    from chron.models import Event, Note, Person, Phase, Place, Tag, Work
    from chron.notes import Reading
    from chron.search import Hit
    from chron.spellings import Named

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
    phase = ds.phase(ev.primary_phase)
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "event",
        "id": ev.id,
        **date_fields(ev.when),
        "date_text": ev.date_text,
        "date_note": ev.date_note,
        "phase": phase.n if phase else None,
        "phases": list(ev.phases),
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


def phase_record(phase: Phase, count: int) -> dict[str, Any]:
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
        "printed": list(person.printed),
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
        "printed": list(place.printed),
        "editorial": place.editorial,
        "events": count,
    }


def spellings_record(named: Named, counted_in: str) -> dict[str, Any]:
    """A person or place with each spelling: standard or not, marked printed by the data or not,
    how many mentions the text prints in it, and the events and notes where it stands."""
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "spellings",
        "kind": named.kind,
        "id": named.item.id,
        "name": named.item.name,
        "counted_in": counted_in,
        "spellings": [
            {
                "spelling": s.spelling,
                "standard": s.standard,
                "marked_printed": s.marked,
                "count": s.count,
                "events": list(s.events),
                "notes": list(s.notes),
            }
            for s in named.spellings
        ],
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
        if f.name in NAME_ROLES:
            value = [{k: v for k, v in dataclasses.asdict(n).items() if v is not None} for n in value]
        data[alias(f.name)] = value
    return {"schema_version": SCHEMA_VERSION, "record": "work", **data}


def note_record(
    ds: Dataset,
    note: Note,
    short: dict[int, list[str]] | None = None,
    events: list[str] | None = None,
    readings: Sequence[Reading] | None = None,
) -> dict[str, Any]:
    """A note with its cites resolved to works, and the events that rest on it (``events``: their
    ids, when the caller has them; else they are looked up). ``readings`` (notes.references) add to
    each cite where its back-reference points and where a locator not printed comes from."""
    cites = []
    for i, c in enumerate(note.cites):
        work = ds.works.get(c.work)
        entry: dict[str, Any] = {
            "work": c.work,
            "locator": c.locator,
            "label": c.label,
            "prefix": c.prefix,
            "suffix": c.suffix,
            "title": work.title if work else None,
        }
        if short is not None:
            entry["short"] = short[note.n][i]
        if readings is not None:
            r = readings[i]
            entry.update(
                first_cited=r.first,
                previous_cited=r.previous,
                back_reference=r.words,
                inherited_from=r.inherited[1] if r.inherited else None,
            )
        cites.append(entry)
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "note",
        "n": note.n,
        "text": note.text,
        "text_missing": note.text_missing,
        "attached_to": note.attached_to,
        "marker_absent": note.marker_absent,
        "remark": note.remark,
        "cites": cites,
        "events": events if events is not None else [e.id for e in ds.events_citing(note.n)],
    }


def event_card_record(ds: Dataset, ev: Event, cited: dict[int, list[Entry]]) -> dict[str, Any]:
    """An event with its notes in full: each note's text and its cites, short-cited (``chron event``)."""
    record = event_record(ds, ev)
    record["notes"] = [
        {
            "n": n,
            "text": ds.notes[n].text,
            "cites": [{"work": e.work.id, "locator": e.locator, "short": e.text.plain()} for e in entries],
        }
        for n, entries in cited.items()
    ]
    return record


def work_card_record(ds: Dataset, work: Work, entry: str) -> dict[str, Any]:
    """A work with its entry in a style, the notes that cite it and the events resting on them."""
    notes = [n.n for n in ds.notes_citing(work.id)]
    events = [e.id for e in ds.events_citing_work(work.id)]
    return work_record(work) | {"entry": entry, "notes": notes, "events": events}


def check_record(folder: str, problems: list[Problem], counts: dict[str, int]) -> dict[str, Any]:
    """What ``chron check --format json`` prints: the folder, whether it has no errors (warnings
    allowed), every problem with its severity."""
    return {
        "schema_version": SCHEMA_VERSION,
        "data": folder,
        "ok": not any(p.severity == "error" for p in problems),
        "problems": [p.as_dict() for p in problems],
        "counts": counts,
    }


def extracted_note_record(note: ExtractedNote, anomalies: Sequence[Anomaly]) -> dict[str, Any]:
    """A note ``chron extract`` found in a text: its words, where its marker stands, what was odd."""
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "extracted-note",
        "n": note.n,
        "text": note.text,
        "attached_to": note.attached_to,
        "marker": note.marker.printed if note.marker else None,
        "marker_line": note.marker.line if note.marker else None,
        "text_line": note.line,
        "label": note.label,
        "remark": note.remark,
        "anomalies": [{"kind": a.kind, "where": a.where, "message": a.message} for a in anomalies],
    }


def proposed_cite_record(n: int, cite: ProposedCite) -> dict[str, Any]:
    """A cite ``chron link`` proposes for note ``n``: the cite's fields, why, and how sure (0 to 1)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "record": "proposed-cite",
        "n": n,
        "work": cite.work,
        "locator": cite.locator,
        "label": cite.label,
        "prefix": cite.prefix,
        "reason": cite.reason,
        "confidence": cite.confidence,
    }


def hit_record(hit: Hit) -> dict[str, Any]:
    """A search result: what was found and, for each matching field (the text's own words first),
    a snippet and match spans."""
    from chron.models import Event, Note, Work

    base: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "record": "hit", "kind": hit.kind, "id": hit.key}
    found = hit.record
    if isinstance(found, Event):
        base.update(date=found.date, date_english=found.when.english(), title=found.title)
    elif isinstance(found, Note):
        base.update(date=None, date_english=None, title=f"Note {found.n}: {found.display()}")
    elif isinstance(found, Work):
        who = ", ".join(n.display() for n in found.names())
        title = found.title or found.container_title or who or found.id
        base.update(date=found.issued, date_english=_english(found.issued), title=title)
    else:
        base.update(date=None, date_english=None, title=f"Line {found.n}")
    base["matches"] = [
        {"field": m.field, "snippet": m.snippet, "spans": [list(s) for s in m.spans]} for m in hit.matches
    ]
    return base


def _english(text: str | None) -> str | None:
    from chron.dates import parse

    return parse(text).english() if text else None


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

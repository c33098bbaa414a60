"""Single records in full: an event, a note or a work as a card, in text, Markdown or JSON (pure).

A card is built once from the dataset (its labelled rows for people, its JSON shape for scripts)
and rendered by one of ``CARD_FORMATS``, the registry behind the ``--format`` of ``event``,
``note`` and ``sources WORK``. Every value is printed whole (no truncation), control characters
are shown rather than obeyed, and in Markdown every value is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chron.escape import markdown_text, one_line, to_json
from chron.registry import Format
from chron.shapes import event_card_record, note_record, work_card_record

if TYPE_CHECKING:
    from chron.citation import Entry
    from chron.dataset import Dataset
    from chron.models import Event, Note, Work
    from chron.notes import Reading


@dataclass
class Card:
    """A record for people (a title, then labelled values and labelled lists) and for scripts."""

    title: str
    record: dict[str, Any]
    rows: list[tuple[str, str | Sequence[str]]] = field(default_factory=list)

    def field(self, label: str, value: str | None) -> None:
        if value:
            self.rows.append((label, value))

    def block(self, label: str, items: Sequence[str]) -> None:
        if items:
            self.rows.append((label, list(items)))


def card_text(card: Card) -> str:
    lines = [one_line(card.title)]
    for label, value in card.rows:
        if isinstance(value, str):
            lines.append(f"  {label:<10} {one_line(value)}")
        else:
            lines.append(f"  {label}")
            lines.extend(f"    {one_line(i)}" for i in value)
    return "\n".join(lines)


def card_markdown(card: Card) -> str:
    lines = [f"## {markdown_text(card.title)}", ""]
    for label, value in card.rows:
        if isinstance(value, str):
            lines.append(f"- **{label}:** {markdown_text(' '.join(value.split()))}")
        else:
            lines.append(f"- **{label}:**")
            lines.extend(f"  - {markdown_text(' '.join(i.split()))}" for i in value)
    return "\n".join(lines)


def card_json(card: Card) -> str:
    return to_json(card.record)


CARD_FORMATS: dict[str, Format[Callable[[Card], str]]] = {
    "text": Format(card_text, "labelled lines for people (the default)"),
    "markdown": Format(card_markdown, "a Markdown section"),
    "json": Format(card_json, "one JSON object"),
}


def _entries(entries: Sequence[Entry]) -> list[str]:
    return [f"{e.work.id}: {(e.prefix + ' ') if e.prefix else ''}{e.text.plain()}" for e in entries]


def _num(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def event_card(ds: Dataset, ev: Event, cited: dict[int, list[Entry]]) -> Card:
    """An event with its notes, each note's works short-cited (``cited``: note number -> entries)."""
    card = Card(ev.title, event_card_record(ds, ev, cited))
    phase = ds.phase(ev.primary_phase)
    also = [p for p in (ds.phase(n) for n in ev.phases[1:]) if p is not None]
    card.field("id", ev.id)
    card.field("date", f"{ev.when.english()} [{ev.date}]")
    card.field("wording", f"“{ev.date_text}”")
    card.field("computed", ev.date_note)
    card.field("phase", f"{phase.n} · {phase.name}" if phase else None)
    card.field("also in", "; ".join(f"{p.n} · {p.name}" for p in also))
    card.field("summary", ev.summary)
    card.field("quote", f"“{ev.quote}”")
    card.field("people", ", ".join(ds.people[p].name for p in ev.people if p in ds.people))
    card.field("places", ", ".join(ds.places[p].name for p in ev.places if p in ds.places))
    card.field("tags", ", ".join(ev.tags))
    card.block("figures", [f"{_num(f.value)} {f.about}" for f in ev.figures])
    card.field("editorial", ev.editorial)
    lines = []
    for n, entries in cited.items():
        lines.append(f"{n}: {ds.notes[n].display()}")
        lines.extend(f"   → {e}" for e in _entries(entries))
    card.block("notes", lines)
    return card


def note_card(ds: Dataset, note: Note, entries: Sequence[Entry]) -> Card:
    """A note: its text, where its marker stands, its editorial remark, each work it cites in full
    with where an "as above" points and any locator carried over, and the events on it."""
    from chron.notes import references

    readings = references(ds, note)
    record = note_record(ds, note, {note.n: [e.text.plain() for e in entries]}, readings=readings)
    card = Card(f"Note {note.n}", record)
    card.field("text", note.text)
    card.field("no text", note.text_missing)
    card.field("follows", f"“…{note.attached_to}”" if note.attached_to else None)
    card.field("marker", note.marker_absent)
    card.field("remark", note.remark)
    rows = []
    for cite, entry, reading in zip(note.cites, entries, readings, strict=True):
        said = ", ".join(x for x in (f"locator {cite.locator}" if cite.locator else "", cite.suffix or "") if x)
        loc = f" ({said})" if said else ""
        rows.append(f"{cite.work}{loc}: {(cite.prefix + ' ') if cite.prefix else ''}{entry.text.plain()}")
        rows.extend(f"   {line}" for line in _reading_lines(reading))
    card.block("cites", rows or ["(no work)"])
    card.block("events", [f"{e.when.english()}  {e.id}  {e.title}" for e in ds.events_citing(note.n)] or ["(none)"])
    return card


def _reading_lines(reading: Reading) -> list[str]:
    """Where a cite's back-reference points and where its locator comes from, for people."""
    lines = []
    if reading.first is not None:
        said = f"‘{reading.words.lower()}’ = " if reading.words else "= "
        also = f"; last cited in note {reading.previous}" if reading.previous != reading.first else ""
        lines.append(f"{said}first cited in note {reading.first}{also}")
    if reading.inherited is not None:
        locator, n = reading.inherited
        lines.append(f"locator {locator} not printed here: carried over from note {n}")
    return lines


def work_card(ds: Dataset, work: Work, entry: str) -> Card:
    """A work: its entry in a style, the notes that cite it and the events resting on them."""
    card = Card(work.title or work.container_title or work.id, work_card_record(ds, work, entry))
    card.field("id", work.id)
    card.field("type", work.type)
    card.field("entry", entry)
    card.field("editorial", work.editorial)
    card.block("notes", [f"{n.n}: {n.display()}" for n in ds.notes_citing(work.id)])
    card.block("events", [f"{e.when.english()}  {e.id}  {e.title}" for e in ds.events_citing_work(work.id)])
    return card

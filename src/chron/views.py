"""Single-record views for people: an event, a note or a work as text or Markdown (pure: data -> str).

Each view is a labelled card: every value is printed whole (no truncation), control characters are
shown rather than obeyed, and in Markdown every value is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from chron.render import one_line, visible

if TYPE_CHECKING:
    from chron.citation import Entry
    from chron.models import Dataset, Event, Note, Work


def _md(text: str) -> str:
    escaped = visible(text).replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


class Card:
    """Label/value lines for a terminal (aligned) or Markdown (a definition-style list)."""

    def __init__(self, title: str, *, markdown: bool) -> None:
        self.markdown = markdown
        self.lines = [f"## {_md(title)}", ""] if markdown else [one_line(title)]

    def field(self, label: str, value: str | None) -> None:
        if not value:
            return
        if self.markdown:
            self.lines.append(f"- **{label}:** {_md(' '.join(value.split()))}")
        else:
            self.lines.append(f"  {label:<10} {one_line(value)}")

    def block(self, label: str, items: Sequence[str]) -> None:
        if not items:
            return
        if self.markdown:
            self.lines.append(f"- **{label}:**")
            self.lines.extend(f"  - {_md(' '.join(i.split()))}" for i in items)
        else:
            self.lines.append(f"  {label}")
            self.lines.extend(f"    {one_line(i)}" for i in items)

    def text(self) -> str:
        return "\n".join(self.lines)


def _entries(entries: Sequence[Entry]) -> list[str]:
    return [f"{e.work.id}: {(e.prefix + ' ') if e.prefix else ''}{e.text.plain()}" for e in entries]


def event_view(ds: Dataset, ev: Event, cited: dict[int, list[Entry]], *, markdown: bool = False) -> str:
    card = Card(ev.title, markdown=markdown)
    phase = ds.phase_of.get(ev.id)
    card.field("id", ev.id)
    card.field("date", f"{ev.when.english()} [{ev.date}]")
    card.field("article", f"“{ev.date_text}”")
    card.field("computed", ev.date_note)
    card.field("phase", f"{phase.n} · {phase.name}" if phase else None)
    card.field("summary", ev.summary)
    card.field("quote", f"“{ev.quote}”")
    card.field("people", ", ".join(ds.people[p].name for p in ev.people if p in ds.people))
    card.field("places", ", ".join(ds.places[p].name for p in ev.places if p in ds.places))
    card.field("tags", ", ".join(ev.tags))
    card.block("figures", [f"{_num(f.value)} {f.about}" for f in ev.figures])
    card.field("editorial", ev.editorial)
    lines = []
    for n in ev.notes:
        note = ds.notes.get(n)
        if note is None:
            continue
        lines.append(f"{n}: {note.text}")
        lines.extend(f"   → {e}" for e in _entries(cited.get(n, [])))
    card.block("notes", lines)
    return card.text()


def _num(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def note_view(ds: Dataset, note: Note, entries: Sequence[Entry], *, markdown: bool = False) -> str:
    card = Card(f"Note {note.n}", markdown=markdown)
    card.field("text", note.text)
    card.field("follows", f"“…{note.attached_to}”" if note.attached_to else None)
    card.field("marker", note.marker_absent)
    rows = []
    for cite, entry in zip(note.cites, entries, strict=True):
        loc = f" (locator {cite.locator})" if cite.locator else ""
        rows.append(f"{cite.work}{loc}: {(cite.prefix + ' ') if cite.prefix else ''}{entry.text.plain()}")
    card.block("cites", rows or ["(no work)"])
    events = ds.events_citing(note.n)
    card.block("events", [f"{e.date}  {e.id}  {e.title}" for e in events] or ["(none)"])
    return card.text()


def work_view(ds: Dataset, work: Work, entry: str, *, markdown: bool = False) -> str:
    card = Card(work.title or work.container_title or work.id, markdown=markdown)
    card.field("id", work.id)
    card.field("type", work.type)
    card.field("entry", entry)
    card.field("editorial", work.editorial)
    notes = ds.notes_citing(work.id)
    card.block("notes", [f"{n.n}: {n.text}" for n in notes])
    events = [e for e in ds.events if any(n.n in e.notes for n in notes)]
    card.block("events", [f"{e.date}  {e.id}  {e.title}" for e in events])
    return card.text()

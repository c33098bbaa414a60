"""What the browser draws, as Textual ``Content``: a row of the timeline list, and an event, a note or
a work in full as paragraphs, some of them links.

Everything from the data goes through ``plain`` (control and bidi characters shown, not obeyed)
and into ``Content`` as text, never as markup: "[b]" in a title stays "[b]". A search's matches
are emphasised by span, not by rewriting the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content

from chron.cli.browse.model import NO_HIGHLIGHT, Highlighter, Spans
from chron.render import one_line, visible
from chron.timeline.terminal import UNICODE, mark, short_range

if TYPE_CHECKING:
    from chron.citation import Context, Style, Styled
    from chron.dataset import Dataset
    from chron.models import Event, Note, Phase, Work

# Styles by role, so a theme (or NO_COLOR's monochrome) decides the colours.
MATCH = "bold underline $text-warning"
TITLE = "bold"
LABEL = "$text-muted"
LINK = "$text-accent"
QUOTE = "italic"
HEADER = "bold $text-primary"

Target = tuple[str, str]  # what a link opens: ("note", "7"), ("work", "fryer1986"), ("event", id)


# The bidirectional controls (embeddings, overrides, isolates, marks) reorder what a terminal
# shows ("Trojan Source"): shown as escapes, as the other controls are.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: str, *, one: bool = False) -> str:
    """A value from the data as it may be shown: control and bidi characters visible, on one line if ``one``."""
    shown = one_line(text) if one else visible(text.replace("\t", " "))
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", shown)


def marked(
    text: str, spans: Sequence[tuple[int, int]] = (), style: str = MATCH, *, one: bool = False, base: str = ""
) -> Content:
    """``text`` as Content with ``spans`` (offsets into ``text``) emphasised in ``style``."""
    pieces: list[tuple[str, str]] = []
    pos = 0
    for a, b in spans:
        if a < pos or b > len(text):
            continue
        pieces.append((plain(text[pos:a], one=one), base))
        pieces.append((plain(text[a:b], one=one), f"{base} {style}".strip()))
        pos = b
    pieces.append((plain(text[pos:], one=one), base))
    return Content.assemble(*[p for p in pieces if p[0]])


def cited(text: Styled) -> Content:
    """A formatted citation with its titles in italics, as the style sets them."""
    return Content.assemble(*[(plain(part, one=True), QUOTE if italic else "") for part, italic in text.parts if part])


def label(name: str, value: Content | str) -> Content:
    """A labelled line: "Date  23 October 1956"."""
    body = value if isinstance(value, Content) else Content(plain(value))
    return Content.assemble((f"{name}  ", LABEL), body)


# ------------------------------------------------------------------ the list


def phase_title(phase: Phase | None) -> str:
    return one_line(f"{phase.n} · {phase.name}") if phase is not None else "Outside the phases"


def date_label(ev: Event, phase: Phase | None) -> str:
    """The event's date, short ("23 Oct", "29 Oct – 3 Nov"): the year left out when the phase lies
    within one year and so does the event."""
    text = short_range(ev.when)
    if phase is not None:
        year = phase.when.earliest.year
        if phase.when.latest.year == year and ev.when.earliest.year == year == ev.when.latest.year:
            text = text.removesuffix(f" {year}")
    return text


DATE_WIDTH = 14
MARK_WIDTH = 5


def event_row(ev: Event, phase: Phase | None, find: Highlighter = NO_HIGHLIGHT) -> Content:
    """One event in the list: its mark (exact, approximate, span, open), its date and its title."""
    glyph = mark(ev.when, UNICODE)
    when = date_label(ev, phase)
    if len(when) > DATE_WIDTH:
        when = when[: DATE_WIDTH - 1] + "…"
    return Content.assemble(
        (f"{glyph:<{MARK_WIDTH}}", "$text-accent"),
        (f"{when:<{DATE_WIDTH}} ", LABEL),
        marked(ev.title, find(ev.title), one=True),
    )


def header_row(phase: Phase | None, count: int) -> Content:
    when = f"  {short_range(phase.when)}" if phase is not None else ""
    return Content.assemble((f"━━ {phase_title(phase)}", HEADER), (f"{when}  ({count:,})", LABEL))


LEGEND = (
    f"{UNICODE.point} day  {UNICODE.approx} approx.  {UNICODE.span_left}{UNICODE.span_fill}{UNICODE.span_right} span  "
    f"{UNICODE.open_left}{UNICODE.span_fill}{UNICODE.span_right} open"
)


# ------------------------------------------------------------------ cards: paragraphs, some of them links


@dataclass(frozen=True)
class Para:
    """A paragraph of a card: its content, the indent of its wrapped lines, and what it opens."""

    content: Content
    target: Target | None = None
    indent: int = 0


def _blank() -> Para:
    return Para(Content(""))


def first_cited(ctx: Context, work_id: str, n: int) -> str:
    """Where a work cited in note ``n`` was first cited: "first cited here", or "= note 7"."""
    # A seam for the reader's back-references (issue 16): the note a work was first cited in.
    first = ctx.first_citations.get(work_id)
    if first is None or first == n:
        return "first cited here"
    return f"= first cited in note {first}"


def _remark(record: object) -> str | None:
    """A note's editorial remark, when the data format has one (an older store has none)."""
    value = getattr(record, "remark", None)
    return value if isinstance(value, str) and value else None


def event_card(
    ds: Dataset,
    ev: Event,
    style: Style,
    ctx: Context,
    find: Highlighter = NO_HIGHLIGHT,
    matched: Sequence[str] = (),
) -> list[Para]:
    """An event in full: title, date and how it was worked out, phase, summary, the text's words,
    people, places, tags, figures, remarks, and its notes, each with the works it cites (links)."""
    from chron.citation import note_entries

    out = [Para(marked(ev.title, find(ev.title), base=TITLE))]
    out.append(Para(label("Date", f"{ev.when.english()}  [{ev.date}]"), indent=6))
    out.append(Para(label("  The text says", marked(f"“{ev.date_text}”", _shift(find(ev.date_text), 1))), indent=4))
    if ev.date_note:
        out.append(Para(label("  Worked out", ev.date_note), indent=4))
    names = [ds.phase(n) for n in _phases(ev)]
    phases = " ; ".join(phase_title(p) for p in names if p is not None)
    if phases:
        out.append(Para(label("Phase", phases), indent=7))
    out += [_blank(), Para(marked(ev.summary, find(ev.summary)))]
    out += [_blank(), Para(marked(f"“{ev.quote}”", _shift(find(ev.quote), 1), base=QUOTE))]
    out.append(_blank())
    people = [ds.people[p].name for p in ev.people if p in ds.people]
    places = [ds.places[p].name for p in ev.places if p in ds.places]
    for name, values in (("People", people), ("Places", places), ("Tags", list(ev.tags))):
        if values:
            joined = ", ".join(values)
            out.append(Para(label(name, marked(joined, find(joined))), indent=len(name) + 2))
    for f in ev.figures:
        value = int(f.value) if float(f.value).is_integer() else f.value
        out.append(Para(label("Figure", f"{value:,} {f.about}"), indent=8))
    if ev.editorial:
        out.append(Para(label("Editorial", ev.editorial), indent=11))
    if matched:
        out.append(Para(label("Matched in", ", ".join(matched)), indent=12))
    out.append(Para(label("Id", ev.id), indent=4))
    notes = [n for n in ev.notes if n in ds.notes]
    if notes:
        out += [_blank(), Para(Content.styled("Notes", HEADER))]
    for n in notes:
        note = ds.notes[n]
        out.append(Para(Content.assemble((f"[{n}] ", LINK), plain(note.display())), ("note", str(n)), indent=4))
        remark = _remark(note)
        if remark:
            out.append(Para(label("    Remark", remark), indent=6))
        for cite, entry in zip(note.cites, note_entries(style, ds, ctx, note, short=True), strict=True):
            where = first_cited(ctx, cite.work, n)
            prefix = plain(f"{cite.prefix} ", one=True) if cite.prefix else ""
            body = Content.assemble(("    → ", LINK), prefix, cited(entry.text), (f"  ({where})", LABEL))
            out.append(Para(body, ("work", cite.work), indent=6))
    return out


def _phases(ev: Event) -> tuple[int, ...]:
    from chron.cli.browse.model import phases_of

    return phases_of(ev)


def _shift(spans: Spans, by: int) -> Spans:
    return [(a + by, b + by) for a, b in spans]


def note_card(ds: Dataset, note: Note, style: Style, ctx: Context, find: Highlighter = NO_HIGHLIGHT) -> list[Para]:
    """A note in full: its words, where its marker stands, each work it cites in ``style`` (links),
    where each was first cited, and the events that rest on it (links)."""
    from chron.citation import note_entries

    text = note.display()
    out = [Para(Content.styled(f"Note {note.n}", TITLE)), _blank(), Para(marked(text, find(text)))]
    out.append(_blank())
    if note.text_missing:
        out.append(Para(label("No text", note.text_missing), indent=9))
    if note.attached_to:
        out.append(Para(label("Follows", f"“…{note.attached_to}”"), indent=9))
    if note.marker_absent:
        out.append(Para(label("Marker", note.marker_absent), indent=8))
    remark = _remark(note)
    if remark:
        out.append(Para(label("Remark", remark), indent=8))
    out += [_blank(), Para(Content.styled(f"Cites · {style.name}", HEADER))]
    entries = note_entries(style, ds, ctx, note, full=True)
    if not entries:
        out.append(Para(Content.styled("(no work)", LABEL)))
    for cite, entry in zip(note.cites, entries, strict=True):
        prefix = plain(f"{cite.prefix} ", one=True) if cite.prefix else ""
        body = Content.assemble(("→ ", LINK), prefix, cited(entry.text))
        out.append(Para(body, ("work", cite.work), indent=2))
        where = first_cited(ctx, cite.work, note.n)
        loc = f" · locator {cite.locator}" if cite.locator else ""
        out.append(Para(Content.styled(plain(f"  {cite.work}{loc} · {where}"), LABEL), indent=4))
    events = ds.events_citing(note.n)
    out += [_blank(), Para(Content.styled(f"Events resting on note {note.n} ({len(events)})", HEADER))]
    out += [_event_link(ds, ev) for ev in events] or [Para(Content.styled("(none)", LABEL))]
    return out


def _event_link(ds: Dataset, ev: Event) -> Para:
    phases = _phases(ev)
    phase = ds.phase(phases[0]) if phases else None
    return Para(Content.assemble(("→ ", LINK), event_row(ev, phase)), ("event", ev.id), indent=2)


def work_title(work: Work) -> str:
    return work.title or work.container_title or work.id


def work_card(ds: Dataset, work: Work, style: Style, ctx: Context) -> list[Para]:
    """A work in full: its entry and citation in ``style``, the notes that cite it and the events
    resting on them (links)."""
    from chron.citation import format_work

    done = format_work(style, ctx, work)
    out = [Para(Content.styled(plain(work_title(work)), TITLE)), _blank()]
    if done.reference is not None:
        out.append(Para(label(f"Entry · {style.name}", cited(done.reference)), indent=4))
    out.append(Para(label("Citation", cited(done.text)), indent=4))
    out.append(Para(label("Id", f"{work.id} · {work.type}"), indent=4))
    if work.editorial:
        out.append(Para(label("Editorial", work.editorial), indent=11))
    notes = ds.notes_citing(work.id)
    out += [_blank(), Para(Content.styled(f"Cited in {len(notes)} note{'s' * (len(notes) != 1)}", HEADER))]
    for note in notes:
        out.append(
            Para(Content.assemble((f"[{note.n}] ", LINK), plain(note.display(), one=True)), ("note", str(note.n)))
        )
    events = ds.events_citing_work(work.id)
    out += [_blank(), Para(Content.styled(f"Events resting on those notes ({len(events)})", HEADER))]
    out += [_event_link(ds, ev) for ev in events] or [Para(Content.styled("(none)", LABEL))]
    return out


def wrap(paras: Sequence[Para], width: int) -> list[tuple[Content, Target | None]]:
    """The card as screen lines ``width`` wide: each paragraph wrapped, its later lines indented;
    every line of a link opens it."""
    width = max(width, 12)
    lines: list[tuple[Content, Target | None]] = []
    for para in paras:
        content = para.content
        if not content.plain:
            lines.append((content, None))
            continue
        first = content.wrap(width)[0]
        lines.append((first.rstrip(), para.target))
        rest = content[len(first.plain) :]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
        if rest.plain:
            pad = " " * min(para.indent, width // 2)
            for line in rest.wrap(width - len(pad)):
                lines.append((Content.assemble(pad, line.rstrip()), para.target))
    return lines

"""Citation styles: a work plus a locator in, formatted text out (pure; no I/O, no CSL engine).

``STYLES`` is the registry behind ``--style``. ``note_entries`` formats what one of the article's
notes cites; ``bibliography`` lists the works in a style's order. See docs/citations.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chron.citation import styles as s
from chron.citation.text import Rich, join

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Note, Work

# name -> one-line description (the order of `chron cite --help`)
STYLES: dict[str, str] = {
    "chicago-note": "Chicago (18th ed.) notes: a full note at a work's first citation, a short note after",
    "chicago-bibliography": "Chicago (18th ed.) bibliography entries",
    "chicago-author-date": "Chicago (18th ed.) author-date: (Fryer 1986, 44–45)",
    "apa": "APA (7th ed.): (Fryer, 1986, pp. 44–45)",
    "mla": "MLA (9th ed.): (Fryer, Hungarian Tragedy 44–45)",
    "harvard": "Harvard (Cite Them Right): (Fryer, 1986, pp. 44–45)",
    "isj": "the note exactly as International Socialism printed it",
}
IN_TEXT = frozenset({"chicago-author-date", "apa", "mla", "harvard"})


def context(works: Sequence[Work]) -> s.Context:
    return s.Context(list(works))


def citation(style: str, ctx: s.Context, work: Work, locator: str | None = None, *, short: bool = False) -> Rich:
    """The citation of one work in ``style``: a note (full or short) or an in-text parenthesis."""
    if style == "chicago-note":
        return s.chicago_note(ctx, work, locator, short=short)
    if style == "chicago-author-date":
        return s.chicago_author_date_cite(ctx, work, locator)
    if style == "apa":
        return s.apa_cite(ctx, work, locator)
    if style == "mla":
        return s.mla_cite(ctx, work, locator)
    if style == "harvard":
        return s.harvard_cite(ctx, work, locator)
    return reference(style, ctx, work)


def reference(style: str, ctx: s.Context, work: Work) -> Rich:
    """The bibliography entry of one work (the note styles share Chicago's bibliography)."""
    if style in ("chicago-note", "chicago-bibliography", "isj"):
        return s.chicago_bib(ctx, work)
    if style == "chicago-author-date":
        return s.chicago_author_date_bib(ctx, work)
    if style == "apa":
        return s.apa_bib(ctx, work)
    if style == "harvard":
        return s.harvard_bib(ctx, work)
    previous = None
    for w in s.order("mla", ctx.works):  # MLA replaces a repeated author with ———
        if w.id == work.id:
            break
        previous = w
    return s.mla_bib(ctx, work, previous)


def bibliography(style: str, ctx: s.Context) -> list[tuple[Work, Rich]]:
    """Every work of the context, in the order ``style`` requires, with its entry."""
    key = "chicago-note" if style in ("chicago-bibliography", "isj") else style
    ordered = s.order(key, ctx.works)
    if style == "mla":
        return [(w, s.mla_bib(ctx, w, ordered[i - 1] if i else None)) for i, w in enumerate(ordered)]
    return [(w, reference(style, ctx, w)) for w in ordered]


@dataclass(frozen=True)
class Entry:
    """One cited work of a note, formatted: the work, its locator, the words before it, the text."""

    work: Work
    locator: str | None
    prefix: str | None
    text: Rich
    first: bool


def first_citations(ds: Dataset) -> dict[str, int]:
    """For each work, the number of the first note that cites it (where a full note belongs)."""
    first: dict[str, int] = {}
    for note in ds.notes.values():
        for cite in note.cites:
            first.setdefault(cite.work, note.n)
    return first


def note_entries(
    style: str, ds: Dataset, ctx: s.Context, note: Note, *, short: bool = False, full: bool = False
) -> list[Entry]:
    """Each work ``note`` cites, in ``style``: a full note at its first citation (always with ``full``,
    never with ``short``), a short note after."""
    first = first_citations(ds)
    out = []
    for cite in note.cites:
        work = ds.works[cite.work]
        is_first = first.get(cite.work) == note.n
        if style == "chicago-bibliography":
            text = reference(style, ctx, work)
        else:
            text = citation(style, ctx, work, cite.locator, short=short or not (is_first or full))
        out.append(Entry(work, cite.locator, cite.prefix, text, is_first))
    return out


def note_text(style: str, entries: Sequence[Entry]) -> Rich:
    """A whole note: the entries with their prefixes, joined with semicolons (one parenthesis in-text)."""
    if not entries:
        return Rich()
    if style in IN_TEXT:
        inner = [_with_prefix(e.prefix, _unwrap(e.text)) for e in entries]
        return Rich.of("(") + join(inner, sep="; ") + ")"
    parts = [_with_prefix(e.prefix, e.text) for e in entries]
    trimmed = [_without_stop(p) for p in parts[:-1]] + parts[-1:]
    return join(trimmed, sep="; ")


def _with_prefix(prefix: str | None, text: Rich) -> Rich:
    return Rich.of(prefix + " ") + text if prefix else text


def _unwrap(text: Rich) -> Rich:
    """An in-text citation without its parentheses, to share one pair with others."""
    parts = list(text.parts)
    if parts and parts[0][0].startswith("("):
        parts[0] = (parts[0][0][1:], parts[0][1])
    if parts and parts[-1][0].endswith(")"):
        parts[-1] = (parts[-1][0][:-1], parts[-1][1])
    return Rich(parts)


def _without_stop(text: Rich) -> Rich:
    """A note's entry before a semicolon: its closing full stop dropped (inside a closing quote too)."""
    plain = text.plain()
    parts = list(text.parts)
    if plain.endswith(".”"):
        parts[-1] = (parts[-1][0][:-2] + "”", parts[-1][1])
    elif plain.endswith(".") and not plain.endswith((" ed.", "n.d.")):
        parts[-1] = (parts[-1][0][:-1], parts[-1][1])
    return Rich(parts)


@dataclass(frozen=True)
class Formatted:
    """What `chron cite` prints for one item: a note number or a work id, and its text in a style."""

    key: int | str
    style: str
    text: Rich
    entries: tuple[Entry, ...] = ()
    reference: Rich | None = None


def format_note(
    style: str, ds: Dataset, ctx: s.Context, note: Note, *, short: bool = False, full: bool = False
) -> Formatted:
    """A note in ``style``: ``isj`` is the note as printed; ``chicago-bibliography`` its works' entries."""
    if style == "isj":
        return Formatted(note.n, style, Rich.of(note.display()))
    entries = tuple(note_entries(style, ds, ctx, note, short=short, full=full))
    if style == "chicago-bibliography":
        return Formatted(note.n, style, join([e.text for e in entries], sep=" "), entries)
    return Formatted(note.n, style, note_text(style, entries), entries)


def format_work(style: str, ctx: s.Context, work: Work, *, short: bool = False) -> Formatted:
    """A work on its own: its citation without a locator, and its bibliography entry."""
    text = Rich.of(work.title or "") if style == "isj" else citation(style, ctx, work, short=short)
    return Formatted(work.id, style, text, (), reference(style, ctx, work))

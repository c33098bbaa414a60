"""The indexes the browser opens as screens of their own: people, places, tags, notes and sources.

Each is an ``Index``: its keys in order, how a row is drawn (only when it is shown, so 28,000 notes
cost what a screen of them costs), what a row opens (a filter on the timeline, a note, a work) and
the text that typing narrows it on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content

from chron.cli.browse.screens import Index
from chron.cli.browse.text import LABEL, TITLE, cited, plain

if TYPE_CHECKING:
    from chron.citation import Context, Style
    from chron.dataset import Dataset


def make_index(ds: Dataset, kind: str, style: Style, ctx: Context) -> Index:
    """The index of ``kind`` (people, places, tags, notes, sources): its rows, what each opens,
    what typing narrows on. Rows are drawn as they are shown; sources in ``style``'s order."""
    from chron.citation import bibliography
    from chron.query import fold

    if kind in ("people", "places"):
        items = ds.people if kind == "people" else ds.places
        counts = ds.counts(kind)
        keys = sorted(items, key=lambda k: fold(items[k].name))

        def named(key: str) -> Content:
            item: Any = items[key]
            extra = item.role if kind == "people" else item.kind
            aliases = f" ({', '.join(item.aliases)})" if item.aliases else ""
            return Content.assemble(
                (plain(item.name, one=True), TITLE),
                plain(aliases, one=True),
                (plain(f"  {extra}" if extra else "", one=True), LABEL),
                (f"  · {counts.get(key, 0):,} events", LABEL),
            )

        def words(key: str) -> str:
            item: Any = items[key]
            return " ".join([item.id, item.name, *item.aliases, (item.role or "") if kind == "people" else ""])

        one = "person" if kind == "people" else "place"
        return Index(
            kind.capitalize(), keys, named, lambda k: (one, k), words, f"enter: the {one}'s events on the timeline"
        )
    if kind == "tags":
        tag_counts = ds.counts("tags")
        return Index(
            "Tags",
            list(ds.tags),
            lambda k: Content.assemble(
                (plain(k, one=True), TITLE),
                ("  " + plain(ds.tags[k].description, one=True), ""),
                (f"  · {tag_counts.get(k, 0):,} events", LABEL),
            ),
            lambda k: ("tag", k),
            lambda k: f"{k} {ds.tags[k].description}",
            "enter: the tag's events on the timeline",
        )
    if kind == "notes":
        note_counts = ds.counts("notes")

        def note_line(key: str) -> Content:
            note = ds.notes[int(key)]
            works = ", ".join(c.work for c in note.cites)
            return Content.assemble(
                (f"[{note.n}] ", "$text-accent"),
                plain(note.display(), one=True),
                (f"  → {works}" if works else "  (no work)", LABEL),
                (f"  · {note_counts.get(note.n, 0):,} events", LABEL),
            )

        return Index(
            "Notes",
            [str(n) for n in ds.notes],
            note_line,
            lambda k: ("note", k),
            lambda k: ds.notes[int(k)].display(),
            "enter: the note in full",
        )
    listed = bibliography(style, ctx)  # in the style's order, each work with its entry
    ordered = [work for work, _ in listed]
    entries = {work.id: entry for work, entry in listed}

    def work_line(key: str) -> Content:
        return cited(entries[key])

    def work_words(key: str) -> str:
        work = ds.works[key]
        names = " ".join(n.display() for n in work.names())
        return f"{key} {names} {work.title or ''} {work.container_title or ''}"

    return Index(
        f"Sources · {style.name}",
        [w.id for w in ordered],
        work_line,
        lambda k: ("work", k),
        work_words,
        "enter: the work, its notes and events",
    )

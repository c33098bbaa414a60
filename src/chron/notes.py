"""The notes as a reader asks about them: which notes (``NoteFilter``) and where a note's
back-references point (``references``), read from the note's own words with chron.link's reader.

Pure: the dataset's notes and works in, plain values out; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chron.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Note, Work


def find_work(ds: Dataset, token: str) -> Work:
    """A cited work by id; an unknown id raises with a "did you mean"."""
    from chron.query import did_you_mean

    work = ds.works.get(token.strip())
    if work is None:
        raise NotFoundError(
            f"no work {token!r}.{did_you_mean(token, list(ds.works))} `chron sources -f ids` lists them."
        )
    return work


@dataclass(frozen=True)
class NoteFilter:
    """Which notes ``chron notes`` lists: every condition given must hold (AND); several works in
    ``cites`` widen it (a note citing any of them).

    ``cites``: notes citing one of these works. ``no_marker``: notes whose marker is not in the body
    (they carry ``marker_absent``). ``no_cites``: notes citing no work. ``with_events``: notes at least
    one event rests on (lists among its ``notes``)."""

    cites: tuple[str, ...] = ()
    no_marker: bool = False
    no_cites: bool = False
    with_events: bool = False

    @classmethod
    def from_options(
        cls,
        ds: Dataset,
        *,
        cites: Sequence[str] = (),
        no_marker: bool = False,
        no_cites: bool = False,
        with_events: bool = False,
    ) -> NoteFilter:
        """Resolve what the user typed; an unknown work raises with a suggestion."""
        if cites and no_cites:
            raise UsageError("--cites and --no-cites contradict each other; give one of them.")
        works = tuple(dict.fromkeys(find_work(ds, w).id for w in cites))
        return cls(works, no_marker, no_cites, with_events)

    def keeps(self, note: Note, events: Sequence[str]) -> bool:
        """Whether ``note``, with the ids of the events resting on it, passes every condition."""
        if self.cites and not any(c.work in self.cites for c in note.cites):
            return False
        if self.no_marker and not note.marker_absent:
            return False
        if self.no_cites and note.cites:
            return False
        return not (self.with_events and not events)


def select(ds: Dataset, flt: NoteFilter) -> list[tuple[Note, list[str]]]:
    """The notes ``flt`` keeps, in number order, each with the ids of the events resting on it
    (from the store's join table: no event is decoded)."""
    on = ds.note_events()
    return [(note, on.get(n, [])) for n, note in sorted(ds.notes.items()) if flt.keeps(note, on.get(n, []))]


def first_words(text: str, limit: int = 60) -> str:
    """The start of a text, cut at a word within ``limit`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


@dataclass(frozen=True)
class Reading:
    """What a note's own words say of one of its cites.

    ``first`` and ``previous``: the first and the last earlier note citing the same work (None when
    this note is the first). ``words``: the back-reference the note prints ("as above", "ibid.",
    "n. 4 above"), if any. ``inherited``: (locator, note) when the cite's locator is not printed in
    this note but carried over from that earlier citation, as a bare "As above" carries the page.
    """

    first: int | None = None
    previous: int | None = None
    words: str | None = None
    inherited: tuple[str, int] | None = None


def references(ds: Dataset, note: Note) -> list[Reading]:
    """One ``Reading`` per cite of ``note``, in order. Back-references and printed locators are read
    with chron.link: a cite without a locator inherits one when the linker, reading the note after
    every earlier note's cites, gives it a locator the note does not print."""
    from chron.link import NoteText, link
    from chron.link.text import backrefs, locators, note_ref, trailing_page

    text = note.text or ""
    printed = {loc.value for loc in locators(text, 0, len(text))}
    tail = trailing_page(text, 0, len(text))
    if tail is not None:
        printed.add(tail.value)
    words = [r.words for r in backrefs(text, 0, len(text)) if r.kind != "idem"]
    ref = note_ref(text, 0, len(text))
    if ref is not None:
        words.append(text[ref[1] : ref[2]])
    earlier = [ds.notes[n] for n in sorted(ds.notes) if n < note.n]
    proposed: dict[str, str] = {}
    if text and any(not c.locator for c in note.cites):
        linking = link(
            [*(NoteText(m.n, m.text or "", tuple(m.cites)) for m in earlier), NoteText(note.n, text)],
            [*ds.works.values()],
        )
        proposal = linking.by_note().get(note.n)
        proposed = {c.work: c.locator for c in proposal.cites if c.locator} if proposal else {}
    out = []
    for cite in note.cites:
        before = [(m.n, c.locator) for m in earlier for c in m.cites if c.work == cite.work]
        if not before:
            out.append(Reading())
            continue
        locator = cite.locator or proposed.get(cite.work)
        inherited = None
        if locator and locator not in printed:
            source = next((n for n, loc in reversed(before) if loc == locator), None)
            inherited = (locator, source) if source is not None else None
        out.append(Reading(before[0][0], before[-1][0], words[0] if words else None, inherited))
    return out

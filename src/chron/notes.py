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

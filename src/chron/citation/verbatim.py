"""The text's own citations: ``verbatim`` (alias ``isj``), each note exactly as the text prints it.

A note is its verbatim text and a work on its own is its title; a work's bibliography entry, and
the order of the bibliography, are Chicago's.
"""

from __future__ import annotations

from dataclasses import dataclass

from chron.citation.base import Context, Formatted, SourceSet
from chron.citation.chicago import ChicagoBibliography
from chron.citation.text import Styled
from chron.models import Note, Work


@dataclass(frozen=True)
class Verbatim(ChicagoBibliography):
    """Notes as printed; works by their title; Chicago's bibliography."""

    def format_note(
        self, ds: SourceSet, ctx: Context, note: Note, *, short: bool = False, full: bool = False
    ) -> Formatted:
        return Formatted(note.n, self.name, Styled.of(note.display()))

    def format_work(self, ctx: Context, work: Work, *, short: bool = False) -> Formatted:
        return Formatted(work.id, self.name, Styled.of(work.title or ""), (), self.reference(ctx, work))


VERBATIM = Verbatim("verbatim", "each note exactly as the text prints it", aliases=("isj",))

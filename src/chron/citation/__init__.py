"""Citation styles: a work plus a locator in, formatted text out (pure; no I/O, no CSL engine).

``STYLES`` is the one registry of styles (its order is the order of ``--help``); ``find_style``
looks one up by name or alias. The functions below take a style's name or the ``Style`` itself:
``context`` is built once per run; ``note_entries`` formats what one note cites; ``bibliography``
lists the works in the style's order. One module per style family; see docs/citations.md.

    chron.citation
      text.py                 Styled text (italic spans; plain, HTML, Markdown) and typography
      parts.py                names, titles, dates, publisher of one work
      base.py                 Style and InText, the Context, a note's entries, ordering keys
      chicago.py              chicago-note, chicago-bibliography
      author_date.py          the author-date family (Chicago author-date, APA, Harvard)
      chicago_author_date.py  chicago-author-date
      apa.py, harvard.py, mla.py, verbatim.py
"""

from __future__ import annotations

from collections.abc import Sequence

from chron.citation.apa import APA
from chron.citation.base import Context, Entry, Formatted, InText, SourceSet, Style
from chron.citation.base import note_entries as _note_entries
from chron.citation.chicago import CHICAGO_BIBLIOGRAPHY, CHICAGO_NOTE
from chron.citation.chicago_author_date import CHICAGO_AUTHOR_DATE
from chron.citation.harvard import HARVARD
from chron.citation.mla import MLA
from chron.citation.text import Styled
from chron.citation.verbatim import VERBATIM
from chron.errors import UsageError
from chron.models import Note, Work

__all__ = [
    "DEFAULT_STYLE",
    "STYLES",
    "Context",
    "Entry",
    "Formatted",
    "InText",
    "SourceSet",
    "Style",
    "Styled",
    "bibliography",
    "citation",
    "context",
    "find_style",
    "format_note",
    "format_work",
    "note_entries",
    "note_text",
    "reference",
    "style_names",
]

STYLES: dict[str, Style] = {
    s.name: s for s in (CHICAGO_NOTE, CHICAGO_BIBLIOGRAPHY, CHICAGO_AUTHOR_DATE, APA, MLA, HARVARD, VERBATIM)
}
DEFAULT_STYLE = CHICAGO_NOTE
_BY_NAME: dict[str, Style] = {n: s for s in STYLES.values() for n in (s.name, *s.aliases)}


def style_names(*, aliases: bool = True) -> tuple[str, ...]:
    """Every name ``find_style`` takes, in registry order (each style's name, then its aliases)."""
    return tuple(n for s in STYLES.values() for n in ((s.name, *s.aliases) if aliases else (s.name,)))


def find_style(style: str | Style) -> Style:
    """The style of that name or alias (a ``Style`` is returned as it is); a usage error if none."""
    if isinstance(style, Style):
        return style
    found = _BY_NAME.get(style)
    if found is None:
        raise UsageError(f"no citation style {style!r}; choose one of {', '.join(style_names())}.")
    return found


def context(ds: SourceSet) -> Context:
    """What every citation of a run shares: the dataset's works, and which note first cites each."""
    return Context(ds.works.values(), first=ds.first_citations())


def citation(
    style: str | Style, ctx: Context, work: Work, locator: str | None = None, *, short: bool = False
) -> Styled:
    """The citation of one work in ``style``: a note (full or short) or an in-text parenthesis."""
    return find_style(style).citation(ctx, work, locator, short=short)


def reference(style: str | Style, ctx: Context, work: Work) -> Styled:
    """The bibliography entry of one work (the note styles share Chicago's bibliography)."""
    return find_style(style).reference(ctx, work)


def bibliography(style: str | Style, ctx: Context) -> list[tuple[Work, Styled]]:
    """Every work of the context, in the order ``style`` requires, with its entry."""
    return find_style(style).bibliography(ctx)


def note_entries(
    style: str | Style, ds: SourceSet, ctx: Context, note: Note, *, short: bool = False, full: bool = False
) -> list[Entry]:
    """Each work ``note`` cites, in ``style``: a full note at its first citation (always with ``full``,
    never with ``short``), a short note after."""
    return _note_entries(find_style(style), ds, ctx, note, short=short, full=full)


def note_text(style: str | Style, entries: Sequence[Entry]) -> Styled:
    """A whole note: the entries with their prefixes, joined with semicolons (one parenthesis in-text)."""
    return find_style(style).note_text(entries)


def format_note(
    style: str | Style, ds: SourceSet, ctx: Context, note: Note, *, short: bool = False, full: bool = False
) -> Formatted:
    """A note in ``style``: ``verbatim`` is the note as printed; ``chicago-bibliography`` its works' entries."""
    return find_style(style).format_note(ds, ctx, note, short=short, full=full)


def format_work(style: str | Style, ctx: Context, work: Work, *, short: bool = False) -> Formatted:
    """A work on its own: its citation without a locator, and its bibliography entry."""
    return find_style(style).format_work(ctx, work, short=short)

"""Citation styles: what a work or a note prints in a style (pure; the styles are CSL, rendered by chron).

``STYLES`` is the one registry of styles (its order is the order of ``--help``); ``find_style``
looks one up by name or alias, ``csl_style`` makes one of any CSL style file. Every style but
``verbatim`` is an official CSL style shipped with chron and rendered by its own CSL 1.0.2
processor (``chron.citation.csl``); ``context`` is built once per run and works out only what a
command asks for. See docs/citations.md.

    chron.citation
      text.py        Styled text (formatted runs; plain, HTML, Markdown)
      adapt.py       a chron Work as a CSL item
      document.py    the notes as one CSL document: Context, positions, disambiguation by neighbourhood
      csl/           the CSL processor (style and locale files, rendering, disambiguation, sorting)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from chron.citation.csl.style import Style as CslStyle
from chron.citation.document import DEFAULT_LOCALE, Context, Run, SourceSet
from chron.citation.text import Styled, join
from chron.errors import UsageError
from chron.models import Note, Work

__all__ = [
    "DEFAULT_LOCALE",
    "DEFAULT_STYLE",
    "LOCALES",
    "STYLES",
    "Context",
    "Entry",
    "Formatted",
    "SourceSet",
    "Style",
    "Styled",
    "bibliography",
    "bibliography_ids",
    "citation",
    "context",
    "csl_style",
    "find_style",
    "format_note",
    "format_work",
    "note_entries",
    "reference",
    "style_names",
]

LOCALES = {
    "en-US": "American English (CSL's en-US locale; seasons as Spring, Summer, Fall, Winter)",
    "en-GB": "British English (CSL's en-GB locale: single quotation marks, day before month)",
}
"""What ``--locale`` takes: the locale decides quotation marks, date order, seasons and terms."""


@dataclass(frozen=True)
class Style:
    """A citation style: its name, help line and aliases, and the CSL style that renders it."""

    name: str
    """What ``--style`` takes."""
    description: str
    """One line for ``--help``."""
    csl: str | CslStyle | None = None
    """The CSL style: a shipped style's file name, a parsed style, or None (``verbatim``)."""
    aliases: tuple[str, ...] = ()
    """Other names ``--style`` accepts for it."""
    in_text: bool = False
    """Citations are parentheses in the text (else footnotes)."""
    entries: bool = False
    """A note is printed as the bibliography entries of the works it cites."""

    def run(self, ctx: Context, *extra: Work) -> Run:
        return ctx.run(self.csl or _BIBLIOGRAPHY_OF_VERBATIM, extra)


_BIBLIOGRAPHY_OF_VERBATIM = "chicago-notes-bibliography"
_STYLES = (
    Style(
        "chicago-note",
        "Chicago (18th ed.) notes: a full note at a work's first citation, a short note after",
        "chicago-notes-bibliography",
    ),
    Style(
        "chicago-note-17th",
        "Chicago (17th ed.) notes, with ibid. for a work cited again at once",
        "chicago-notes-bibliography-17th-edition",
    ),
    Style(
        "chicago-bibliography",
        "Chicago (18th ed.) bibliography entries of the works a note cites",
        "chicago-notes-bibliography",
        entries=True,
    ),
    Style("chicago-author-date", "Chicago (18th ed.) author-date", "chicago-author-date", in_text=True),
    Style(
        "chicago-author-date-17th",
        "Chicago (17th ed.) author-date",
        "chicago-author-date-17th-edition",
        in_text=True,
    ),
    Style("apa", "APA, 7th edition", "apa", in_text=True),
    Style("mla", "MLA, 9th edition", "modern-language-association", in_text=True),
    Style("harvard", "Harvard, Cite Them Right (12th ed.)", "harvard-cite-them-right", in_text=True),
    Style("verbatim", "each note exactly as the text prints it", None, aliases=("isj",)),
)
STYLES: dict[str, Style] = {s.name: s for s in _STYLES}
DEFAULT_STYLE = STYLES["chicago-note"]
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


def csl_style(path: Path) -> Style:
    """A style made of any CSL style file, rendered by chron's processor (a ChronError names what
    the file uses that the processor does not support)."""
    from chron.citation.csl.files import style_file

    parsed = style_file(path)
    return Style(path.stem, parsed.title or path.stem, parsed, in_text=not parsed.note)


def context(ds: SourceSet, locale: str | None = None) -> Context:
    """What every citation of a run shares; nothing is read or rendered until a citation asks."""
    if locale is not None and locale not in LOCALES:
        raise UsageError(f"no locale {locale!r}; choose one of {', '.join(LOCALES)}.")
    return Context(source=ds, locale=locale)


# ------------------------------------------------------------------ what the commands print


@dataclass(frozen=True)
class Entry:
    """One cited work of a note, formatted: the work, its locator, the words before it, the text."""

    work: Work
    locator: str | None
    prefix: str | None
    text: Styled
    first: bool


@dataclass(frozen=True)
class Formatted:
    """What `chron cite` prints for one item: a note number or a work id, and its text in a style."""

    key: int | str
    style: str
    text: Styled
    entries: tuple[Entry, ...] = ()
    reference: Styled | None = None


def citation(
    style: str | Style, ctx: Context, work: Work, locator: str | None = None, *, short: bool = False
) -> Styled:
    """The citation of one work in ``style``: a note (full or short) or an in-text parenthesis."""
    chosen = find_style(style)
    if chosen.entries:
        return reference(chosen, ctx, work)
    return chosen.run(ctx, work).cite(work, locator, short=short)


def reference(style: str | Style, ctx: Context, work: Work) -> Styled:
    """The bibliography entry of one work (the note styles give their bibliography's entries)."""
    return find_style(style).run(ctx, work).reference(work)


def bibliography(style: str | Style, ctx: Context) -> list[tuple[Work, Styled]]:
    """Every work of the context, in the order ``style`` sorts its bibliography, with its entry."""
    return find_style(style).run(ctx).bibliography(list(ctx.works.values()))


def bibliography_ids(style: str | Style, ctx: Context) -> list[str]:
    """The ids of ``bibliography``, in its order, without formatting an entry."""
    return find_style(style).run(ctx).bibliography_ids(list(ctx.works.values()))


def note_entries(
    style: str | Style, ds: SourceSet, ctx: Context, note: Note, *, short: bool = False, full: bool = False
) -> list[Entry]:
    """Each work ``note`` cites, in ``style``: a full note at its first citation (always with ``full``,
    never with ``short``), a short note after."""
    return list(_note(find_style(style), ds, ctx, note, short=short, full=full).entries)


def format_note(
    style: str | Style, ds: SourceSet, ctx: Context, note: Note, *, short: bool = False, full: bool = False
) -> Formatted:
    """A note in ``style``: ``verbatim`` is the note as printed; ``chicago-bibliography`` its works' entries."""
    chosen = find_style(style)
    if chosen.csl is None:
        return Formatted(note.n, chosen.name, Styled.of(note.display()))
    return _note(chosen, ds, ctx, note, short=short, full=full)


def _note(style: Style, ds: SourceSet, ctx: Context, note: Note, *, short: bool, full: bool) -> Formatted:
    run = style.run(ctx)
    works = [ds.works[c.work] for c in note.cites]
    if style.entries or style.csl is None:
        texts = [run.reference(w) for w in works]
        firsts = [ctx.first_citations.get(w.id) == note.n for w in works]
        whole = join(texts, sep=" ")
    else:
        whole, texts, firsts = run.note(note, short=short, full=full)
    entries = tuple(
        Entry(w, c.locator, c.prefix, text, first)
        for w, c, text, first in zip(works, note.cites, texts, firsts, strict=True)
    )
    return Formatted(note.n, style.name, whole, entries)


def format_work(style: str | Style, ctx: Context, work: Work, *, short: bool = False) -> Formatted:
    """A work on its own: its citation without a locator, and its bibliography entry."""
    chosen = find_style(style)
    if chosen.csl is None:
        return Formatted(work.id, chosen.name, Styled.of(work.title or ""), (), reference(chosen, ctx, work))
    return Formatted(work.id, chosen.name, citation(chosen, ctx, work, short=short), (), reference(chosen, ctx, work))


def note_text(style: str | Style, entries: Sequence[Entry]) -> Styled:
    """The texts of several entries as one (bibliography entries side by side, citations by semicolons)."""
    return join([e.text for e in entries], sep=" " if find_style(style).entries else "; ")

"""Chicago Manual of Style (18th edition), notes and bibliography: ``chicago-note`` and ``chicago-bibliography``.

Written by hand after the CSL style pandoc renders (tests/golden/citations); deliberate
differences are listed in docs/citations.md. The author-date variant is in ``author_date``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chron.citation.base import Context, Entry, Style, sort_text, sort_us_date
from chron.citation.parts import bib_names, families, issued_text, note_names, publisher, tc, title_styled
from chron.citation.text import Styled, italic, join
from chron.models import Work


def journal_tail(work: Work, locator: str | None) -> Styled:
    """<i>Journal</i> 38, no. 2 (2003): 264–265."""
    container = italic(work.container_title)
    issue = ""
    if work.issue:
        issue = ("nos. " if "-" in work.issue or "–" in work.issue else "no. ") + work.issue
    if work.volume:
        head = container + f" {work.volume}"
        head = join([head, issue]) if issue else head
    else:
        head = join([container, issue])
    when = issued_text(work, "season")
    out = head + f" ({when})" if when else head
    pages = locator or work.page
    return out + f": {pages}" if pages else out


def unsigned_issue(work: Work) -> bool:
    """A newspaper issue with neither author nor title: cited by the paper's name and its date."""
    return work.type == "article-newspaper" and not work.author and not work.title


@dataclass(frozen=True)
class ChicagoNote(Style):
    """Footnotes: a full note at a work's first citation, a short note after; Chicago's bibliography."""

    def sort_key(self, work: Work) -> tuple[str, ...]:
        return (self.sort_author(work), sort_text(work.title or ""), sort_us_date(work))

    def citation(self, ctx: Context, work: Work, locator: str | None = None, *, short: bool = False) -> Styled:
        names = work.names()
        loc = locator or ""
        if unsigned_issue(work):
            return join([italic(work.container_title), issued_text(work, "us")], end=".")
        if short:
            who = families(ctx.shared_families, names, disambiguate=False) if names else ""
            return join([who, title_styled(work, title_cased=True, short=True), loc], end=".")
        who = note_names(names) + (", ed." if not work.author and work.editor else "") if names else ""
        title = title_styled(work, title_cased=True)
        year = issued_text(work, "year")
        if work.type == "chapter":
            pub = join([publisher(work), year])
            inner = Styled.of("in ") + italic(tc(work, work.container_title, title_cased=True))
            eds = f"ed. {note_names(work.editor)}" if work.editor else ""
            body = join([inner, eds]) + (f" ({pub.plain()})" if pub else "")
            return join([who, title, body, loc], end=".")
        if work.type in ("article-journal", "article-magazine"):
            return join([who, title, journal_tail(work, locator)], end=".")
        if work.type == "paper-conference":
            event = f"paper presented at {work.event_title}" if work.event_title else ""
            return join([who, title, event, issued_text(work, "us"), loc], end=".")
        if work.type == "webpage":
            return join([who, title, work.publisher or "", loc], end=".")
        pub = join([publisher(work), year])
        head = join([who, title])
        head = head + f" ({pub.plain()})" if pub else head
        return join([head, loc], end=".")

    def reference(self, ctx: Context, work: Work) -> Styled:
        names = work.names()
        who = bib_names(names) + (", ed" if not work.author and work.editor else "") if names else ""
        title = title_styled(work, title_cased=True)
        year = issued_text(work, "year")
        if unsigned_issue(work):
            return join([italic(work.container_title), issued_text(work, "us")], sep=". ", end=".")
        if work.type == "chapter":
            inner = Styled.of("In ") + italic(tc(work, work.container_title, title_cased=True))
            eds = f"edited by {note_names(work.editor)}" if work.editor else ""
            return join([who, title, join([inner, eds]), join([publisher(work), year])], sep=". ", end=".")
        if work.type in ("article-journal", "article-magazine"):
            return join([who, title, journal_tail(work, None)], sep=". ", end=".")
        if work.type == "paper-conference":
            event = f"Paper presented at {work.event_title}" if work.event_title else ""
            return join([who, title, join([event, issued_text(work, "us")])], sep=". ", end=".")
        if work.type == "webpage":
            return join([who, title, work.publisher or ""], sep=". ", end=".")
        return join([who, title, join([publisher(work), year])], sep=". ", end=".")


@dataclass(frozen=True)
class ChicagoBibliography(ChicagoNote):
    """Bibliography entries in place of notes: a note is the entries of the works it cites."""

    def citation(self, ctx: Context, work: Work, locator: str | None = None, *, short: bool = False) -> Styled:
        return self.reference(ctx, work)

    def note_text(self, entries: Sequence[Entry]) -> Styled:
        return join([e.text for e in entries], sep=" ")


CHICAGO_NOTE = ChicagoNote(
    "chicago-note",
    "Chicago (18th ed.) notes: a full note at a work's first citation, a short note after",
)
CHICAGO_BIBLIOGRAPHY = ChicagoBibliography("chicago-bibliography", "Chicago (18th ed.) bibliography entries")

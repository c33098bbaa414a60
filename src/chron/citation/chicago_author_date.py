"""Chicago Manual of Style (18th edition), author-date: ``chicago-author-date``, "(Smith 1986, 44–45)".

Written by hand after the CSL style pandoc renders (tests/golden/citations); deliberate
differences are listed in docs/citations.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from chron.citation.author_date import AuthorDate
from chron.citation.base import Context, sort_us_date
from chron.citation.parts import MONTHS, bib_names, day, month, note_names, publisher, tc, title_styled
from chron.citation.text import Styled, italic, join
from chron.models import Work


@dataclass(frozen=True)
class ChicagoAuthorDate(AuthorDate):
    """Chicago's author-date citations: no comma before the year, a bare page locator."""

    def sort_key(self, work: Work) -> tuple[str, ...]:
        return (*super().sort_key(work), sort_us_date(work))

    def citation(self, ctx: Context, work: Work, locator: str | None = None, *, short: bool = False) -> Styled:
        who = self.author(ctx, work)
        year = self.year_label(ctx, work)
        sep = ", " if year == self.no_date else " "
        head = who + sep + year if who else Styled.of(year)
        return Styled.of("(") + join([head, locator or ""]) + ")"

    def reference(self, ctx: Context, work: Work) -> Styled:
        names = work.names()
        who = bib_names(names) + (", ed" if not work.author and work.editor else "") if names else ""
        year = self.year_label(ctx, work)
        title = title_styled(work, title_cased=True)
        if work.type == "article-newspaper" and not work.author and not work.title:
            date = f"{MONTHS[month(work) - 1]} {day(work)}"
            return join([italic(work.container_title), year, date], sep=". ", end=".")
        lead: list[Styled | str] = [who, year, title] if who else [title, year]
        if work.type == "chapter":
            inner = Styled.of("In ") + italic(tc(work, work.container_title, title_cased=True))
            eds = f"edited by {note_names(work.editor)}" if work.editor else ""
            return join([*lead, join([inner, eds]), publisher(work)], sep=". ", end=".")
        if work.type in ("article-journal", "article-magazine"):
            container = italic(work.container_title)
            if work.volume:
                tail = container + f" {work.volume}" + (f" ({work.issue})" if work.issue else "")
            else:
                tail = join([container, f"no. {work.issue}" if work.issue else ""])
            if work.page:
                tail = tail + f": {work.page}"
            return join([*lead, tail], sep=". ", end=".")
        if work.type == "paper-conference":
            event = f"Paper presented at {work.event_title}" if work.event_title else ""
            when = MONTHS[month(work) - 1] if month(work) else ""
            return join([*lead, event, when], sep=". ", end=".")
        if work.type == "webpage":
            return join([*lead, work.publisher or ""], sep=". ", end=".")
        return join([*lead, publisher(work)], sep=". ", end=".")


CHICAGO_AUTHOR_DATE = ChicagoAuthorDate("chicago-author-date", "Chicago (18th ed.) author-date: (Smith 1986, 44–45)")

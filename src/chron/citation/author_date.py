"""The author-date family shared by Chicago author-date, APA and Harvard: "(Smith, 1986, pp. 44–45)".

Each cites a work by its authors' family names (or, unsigned, by its short title) and a year that
takes a letter when one label has several works in a year ("1956a"). The styles themselves, and
their bibliography entries, are in ``chicago_author_date``, ``apa`` and ``harvard``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chron.citation.base import Context, InText, sort_text, sort_year
from chron.citation.parts import families, issued_text, short_title, year
from chron.citation.text import Styled, italic, join, page_label
from chron.models import Work


@dataclass(frozen=True)
class AuthorDate(InText):
    """Author and year in parentheses, told apart by year suffixes; a page locator labelled "p."."""

    year_suffixes: ClassVar[bool] = True
    conj: ClassVar[str] = "and"
    """Between the last two names in a citation."""
    no_date: ClassVar[str] = "n.d."
    """What stands for the year of an undated work."""

    def sort_key(self, work: Work) -> tuple[str, ...]:
        return (self.sort_author(work), sort_year(work), sort_text(work.title or ""))

    def year_label(self, ctx: Context, work: Work) -> str:
        """The year as cited, with its suffix: "1956a", "Autumn–Winter 1979–1980", "n.d."."""
        when = issued_text(work, "year" if year(work) else "season") or self.no_date
        return when + ctx.year_suffix(self, work)

    def author(self, ctx: Context, work: Work) -> Styled:
        """Who the citation names: family names, with initials where two authors share one."""
        names = work.names()
        return Styled.of(families(ctx.shared_families, names, self.conj)) if names else self.unsigned(work)

    def unsigned(self, work: Work) -> Styled:
        """What names an unsigned work: its short title, else its container."""
        return short_title(work) if work.title else italic(work.container_title)

    def citation(self, ctx: Context, work: Work, locator: str | None = None, *, short: bool = False) -> Styled:
        page = page_label(locator) if locator else ""
        return Styled.of("(") + join([self.author(ctx, work), self.year_label(ctx, work), page]) + ")"

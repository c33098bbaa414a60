"""APA (7th edition): ``apa``, "(Smith, 1986, pp. 44–45)".

Written by hand after the CSL style pandoc renders (tests/golden/citations); deliberate
differences are listed in docs/citations.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chron.citation.author_date import AuthorDate
from chron.citation.base import Context, sort_full_date, sort_text
from chron.citation.parts import MONTHS, author_key, day, initial_names, initial_names_plain, month, short_title
from chron.citation.text import Styled, italic, join, plain_title
from chron.models import Work

ITALIC_TITLES = frozenset({"book", "webpage", "paper-conference", "report", "thesis"})


@dataclass(frozen=True)
class Apa(AuthorDate):
    """APA: "&" between names; an unsigned work without a title is cited by its year alone."""

    conj: ClassVar[str] = "&"

    def sort_author(self, work: Work) -> str:
        key = author_key(work)
        return sort_text(key) if key else sort_text(work.title or "")

    def sort_key(self, work: Work) -> tuple[str, ...]:
        return (self.sort_author(work), sort_full_date(work), sort_text(work.title or ""))

    def unsigned(self, work: Work) -> Styled:
        return short_title(work) if work.title else Styled()

    def label_key(self, work: Work) -> str:
        # An untitled unsigned work is cited by its year alone: all such works of a year are one group.
        return author_key(work) or work.title or ""

    def reference(self, ctx: Context, work: Work) -> Styled:
        names = work.names()
        year = self.year_label(ctx, work)
        if work.type == "article-newspaper" and day(work):
            date = f"({year}, {MONTHS[month(work) - 1]} {day(work)})"
        elif work.type == "paper-conference" and month(work):
            date = f"({year}, {MONTHS[month(work) - 1]})"
        else:
            date = f"({year})"
        who = initial_names(names, "&") + (" (Ed.)" if not work.author and work.editor else "") if names else ""
        plain = work.title or ""
        title = italic(plain_title(plain)) if work.type in ITALIC_TITLES else Styled.of(plain_title(plain))
        lead: list[Styled | str] = [who, date, title] if who else ([title, date] if plain else [date])
        if work.type == "chapter":
            eds = initial_names_plain(work.editor)
            inner = Styled.of("In ") + (f"{eds} ({'Eds.' if len(work.editor) > 1 else 'Ed.'}), " if eds else "")
            inner = inner + italic(plain_title(work.container_title))
            if work.page:
                inner = inner + f" (pp. {work.page})"
            return join([*lead, inner, work.publisher or ""], sep=". ", end=".")
        if work.type in ("article-journal", "article-magazine", "article-newspaper"):
            tail = italic(work.container_title)
            if work.volume:
                tail = join([tail, italic(work.volume)]) + (f"({work.issue})" if work.issue else "")
            elif work.issue:
                tail = join([tail, f"({work.issue})"])
            if work.page:
                tail = join([tail, work.page])
            return join([*lead, tail], sep=". ", end=".")
        if work.type == "paper-conference":
            return join([*lead, work.event_title or ""], sep=". ", end=".")
        return join([*lead, work.publisher or ""], sep=". ", end=".")


APA = Apa("apa", "APA (7th ed.): (Smith, 1986, pp. 44–45)")

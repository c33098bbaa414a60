"""Harvard as Cite Them Right gives it: ``harvard``, "(Smith, 1986, pp. 44–45)".

Written by hand after the CSL style pandoc renders (tests/golden/citations); deliberate
differences are listed in docs/citations.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from chron.citation.author_date import AuthorDate
from chron.citation.base import Context, sort_text
from chron.citation.parts import MONTHS, QUOTED_TYPES, author_key, day, initial_names, initial_names_plain, month
from chron.citation.text import Styled, italic, join, plain_title, quoted
from chron.models import Work


@dataclass(frozen=True)
class Harvard(AuthorDate):
    """Harvard: an unsigned part of a periodical is cited (and sorted) by the periodical's name."""

    no_date: ClassVar[str] = "no date"

    def sort_author(self, work: Work) -> str:
        key = author_key(work)
        if key:
            return sort_text(key)
        if work.type != "book":
            return sort_text(work.container_title or work.title or "")
        return sort_text(work.title or work.container_title or "")

    def label_key(self, work: Work) -> str:
        return author_key(work) or work.container_title or ""

    def unsigned(self, work: Work) -> Styled:
        if work.container_title and work.type != "book":
            return italic(work.container_title)
        return super().unsigned(work)

    def reference(self, ctx: Context, work: Work) -> Styled:
        names = work.names()
        year = self.year_label(ctx, work)
        editors = " (ed.)" if not work.author and work.editor else ""
        who = initial_names(names, "and", serial=False) + editors if names else ""
        plain = work.title or ""
        title: Styled = quoted(plain) if work.type in QUOTED_TYPES else italic(plain_title(plain))
        if work.type == "article-newspaper" and not names and not plain:
            return italic(work.container_title) + f" ({year}), {day(work)} {MONTHS[month(work) - 1]}."
        if not names and work.type == "article-journal" and work.container_title:
            head = italic(work.container_title) + f" ({year}) "
            numbers = (work.volume or "") + (f"({work.issue})" if work.issue else "")
            return join([head + title, numbers], end=".")
        if names:
            head = Styled.of(f"{who} ({year})") + (Styled.of(" ") + title if title else Styled())
        else:
            head = title + f" ({year})"
        if work.type == "chapter":
            eds = initial_names_plain(work.editor).replace("&", "and")
            inner = Styled.of("in ") + (f"{eds} (ed.) " if eds else "") + italic(plain_title(work.container_title))
            body = join([head, inner]).punctuate(".") + " " + (work.publisher or "")
            return join([body, f"pp. {work.page}" if work.page else ""], end=".")
        if work.type in ("article-journal", "article-magazine"):
            tail = italic(work.container_title)
            if work.volume:
                tail = join([tail, f"{work.volume}" + (f"({work.issue})" if work.issue else "")])
            elif work.issue:
                tail = join([tail, f"({work.issue})"])
            return join([head, tail, f"pp. {work.page}" if work.page else ""], end=".")
        if work.type in ("paper-conference", "webpage"):
            return join([head, work.publisher or ""], sep=". ", end=".")
        return join([head, work.publisher or work.publisher_place or ""], sep=". ", end=".")


HARVARD = Harvard("harvard", "Harvard (Cite Them Right): (Smith, 1986, pp. 44–45)")

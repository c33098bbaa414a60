"""MLA (9th edition): ``mla``, "(Smith, Short Title 44–45)", and its works-cited list.

MLA cites by author and page, adding a short title when the bibliography holds several works by
the same author, and replaces a repeated author in the list with "———". Written by hand after the
CSL style pandoc renders (tests/golden/citations); deliberate differences are in docs/citations.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from chron import dates
from chron.citation.base import Context, InText, sort_text
from chron.citation.parts import (
    author_key,
    bib_names,
    day,
    families,
    issued_text,
    month,
    note_names,
    tc,
    title_styled,
)
from chron.citation.text import Styled, italic, join, minimal_two, plain_title
from chron.models import Work

MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def mla_date(work: Work) -> str:
    """ "25 Nov. 1956", "Nov.–Dec. 1956", "Autumn 2005", "1986"."""
    if not work.issued:
        return ""
    value = dates.parse(work.issued)
    if value.is_interval and value.start and value.end:
        a, b = value.start, value.end
        if a.precision == b.precision == "month" and a.earliest.year == b.earliest.year:
            return f"{MLA_MONTHS[a.earliest.month - 1]}–{MLA_MONTHS[b.earliest.month - 1]} {b.earliest.year}"
        return issued_text(work, "season")
    point = value.start
    assert point is not None
    if point.precision == "month":
        return f"{MLA_MONTHS[point.earliest.month - 1]} {point.earliest.year}"
    if point.precision == "day":
        e = point.earliest
        return f"{e.day} {MLA_MONTHS[e.month - 1]} {e.year}"
    return issued_text(work, "season")


@dataclass(frozen=True)
class Mla(InText):
    """MLA's in-text citations and works-cited entries."""

    def sort_author(self, work: Work) -> str:
        key = author_key(work)
        return sort_text(key) if key else sort_text(work.title or "")

    def sort_key(self, work: Work) -> tuple[str, ...]:
        return (self.sort_author(work), sort_text(work.title or ""), sort_text(mla_date(work)))

    def citation(self, ctx: Context, work: Work, locator: str | None = None, *, short: bool = False) -> Styled:
        names = work.names()
        who: Styled = Styled.of(families(ctx.shared_families, names)) if names else Styled()
        if not names:
            if not work.title:
                return Styled.of("(") + italic(work.container_title) + ")"
            who = title_styled(work, title_cased=True, short=True)
        elif ctx.by_author.get(author_key(work), 0) > 1:
            who = join([who, title_styled(work, title_cased=True, short=True)])
        return Styled.of("(") + (who + f" {minimal_two(locator)}" if locator else who) + ")"

    def reference(self, ctx: Context, work: Work) -> Styled:
        ordered = ctx.ordered(self)
        at = next((i for i, w in enumerate(ordered) if w.id == work.id), 0)
        return self.entry(work, ordered[at - 1] if at else None)

    def bibliography(self, ctx: Context) -> list[tuple[Work, Styled]]:
        ordered = ctx.ordered(self)
        return [(w, self.entry(w, ordered[i - 1] if i else None)) for i, w in enumerate(ordered)]

    def entry(self, work: Work, previous: Work | None) -> Styled:
        """The works-cited entry of ``work``, listed after ``previous``: "———" for the same author."""
        names = work.names()
        who = bib_names(names, conj="and") if names else ""
        if names and previous is not None and author_key(previous) == author_key(work):
            who = "———"
        if who and not work.author and work.editor:
            who += ", editor" if len(work.editor) == 1 else ", editors"
        title = title_styled(work, title_cased=True)
        year = issued_text(work, "year")
        if work.type == "article-newspaper" and not names and not work.title:
            when = f"{day(work)} {MLA_MONTHS[month(work) - 1]} {year}"
            return join([italic(work.container_title), when], end=".")
        if work.type == "chapter":
            eds = f"edited by {note_names(work.editor)}" if work.editor else ""
            container = italic(tc(work, work.container_title, title_cased=True))
            pages = f"pp. {minimal_two(work.page)}" if work.page else ""
            return join([who, title, join([container, eds, work.publisher or "", year, pages])], sep=". ", end=".")
        if work.type in ("article-journal", "article-magazine"):
            vol = (f"vol. {work.volume}" if work.volume.isdigit() else work.volume) if work.volume else ""
            issue = (("nos. " if "-" in work.issue else "no. ") + work.issue) if work.issue else ""
            pages = f"pp. {work.page}" if work.page else ""
            tail = join([italic(work.container_title), vol, issue, mla_date(work), pages])
            return join([who, title, tail], sep=". ", end=".")
        if work.type == "paper-conference":
            return join([who, title, join([year, work.event_title or ""])], sep=". ", end=".")
        if work.type == "webpage":
            title = italic(plain_title(work.title)) if work.title else Styled()
            return join([who, title, work.publisher or ""], sep=". ", end=".")
        return join([who, title, join([work.publisher or work.publisher_place or "", year])], sep=". ", end=".")


MLA = Mla("mla", "MLA (9th ed.): (Smith, Short Title 44–45)")

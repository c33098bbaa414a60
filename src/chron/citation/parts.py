"""The pieces every citation style builds from: names, titles, dates and publishers of one work.

Pure functions of a ``Work`` (or its ``Name``s) returning strings or ``Styled`` text. Nothing here
knows which style is asking or what else is in the bibliography: a choice a style makes (a
conjunction, a date form) is an argument, and what depends on other works lives on the ``Context``.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from chron import dates
from chron.citation.text import Styled, dotted, initials, italic, plain_title, quoted, title_case
from chron.models import Name, Work

MONTHS = dates.MONTHS
QUOTED_TYPES = frozenset(
    {"chapter", "article-journal", "article-newspaper", "article-magazine", "article", "paper-conference", "speech"}
)


# ------------------------------------------------------------------ names


def author_key(work: Work) -> str:
    """The work's names as one string: works with equal keys are by the same people."""
    return "; ".join(f"{n.family or n.literal}, {n.given or ''}" for n in work.names())


def full_name(n: Name) -> str:
    return n.literal or " ".join(p for p in (dotted(n.given or ""), n.family) if p)


def inverted(n: Name, *, short_given: bool = False) -> str:
    if n.literal:
        return n.literal
    given = initials(n.given or "") if short_given else dotted(n.given or "")
    return f"{n.family}, {given}" if given else n.family or ""


def and_list(names: Sequence[str], conj: str = "and", serial: bool = True) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} {conj} {names[1]}"
    return ", ".join(names[:-1]) + ("," if serial else "") + f" {conj} {names[-1]}"


def note_names(names: Sequence[Name]) -> str:
    return and_list([full_name(n) for n in names])


def bib_names(names: Sequence[Name], *, conj: str = "and") -> str:
    """First name inverted, the rest in order: "Pécsi, M., and B. Sárfalvi"."""
    if not names:
        return ""
    first = inverted(names[0])
    rest = [full_name(n) for n in names[1:]]
    if not rest:
        return first
    if len(rest) == 1:
        return f"{first}, {conj} {rest[0]}"
    return f"{first}, " + ", ".join(rest[:-1]) + f", {conj} {rest[-1]}"


def initial_names(names: Sequence[Name], conj: str, serial: bool = True) -> str:
    """APA and Harvard: "Pécsi, M., & Sárfalvi, B." / "Pécsi, M. and Sárfalvi, B."."""
    items = [inverted(n, short_given=True) for n in names]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]}{',' if serial else ''} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} {items[-1]}"


def initial_names_plain(names: Sequence[Name]) -> str:
    """Editors in APA's "In" clause: "B. Lomax", "T. Cox"."""
    items = [n.literal or f"{initials(n.given or '')} {n.family}".strip() for n in names]
    return and_list(items, "&")


def families(shared: Set[str], names: Sequence[Name], conj: str = "and", *, disambiguate: bool = True) -> str:
    """Family names only; a family in ``shared`` (two people of one surname) keeps its initials."""
    out = []
    for n in names:
        if n.literal:
            out.append(n.literal)
        elif disambiguate and n.family in shared and n.given:
            out.append(f"{initials(n.given)} {n.family}")
        else:
            out.append(n.family or "")
    return and_list(out, conj, serial=False) if len(out) == 2 else and_list(out, conj)


# ------------------------------------------------------------------ titles


def tc(work: Work, text: str | None, *, title_cased: bool) -> str:
    """A title to print unquoted, title-cased when asked (English works only)."""
    value = plain_title(text) if text else ""
    return title_case(value, work.language) if title_cased else value


def title_styled(work: Work, *, title_cased: bool, short: bool = False) -> Styled:
    """The work's title as CSL prints it: in quotes for a part of something, else in italics."""
    text = (work.title_short or work.title) if short else work.title
    if not text:
        return Styled()
    if work.type in QUOTED_TYPES or work.type == "webpage":
        cased = title_case(text, work.language) if title_cased else text
        return quoted(cased)
    return italic(tc(work, text, title_cased=title_cased))


def short_title(work: Work) -> Styled:
    """An unsigned work named by its short title (in-text citations), as it is printed."""
    short = work.title_short or work.title or ""
    return quoted(short) if work.type in QUOTED_TYPES else italic(plain_title(short))


# ------------------------------------------------------------------ dates


def _literal_range(value: dates.HistDate) -> bool:
    """A range of seasons: exported as a literal date, which CSL can neither sort nor suffix."""
    return bool(
        value.is_interval and value.start and value.end and "season" in (value.start.precision, value.end.precision)
    )


def year(work: Work) -> str | None:
    """The year a style sorts and suffixes by, or None (no date, or a literal one)."""
    if not work.issued:
        return None
    value = dates.parse(work.issued)
    if _literal_range(value):
        return None
    return str(value.earliest.year) if value.start else None


def issued_text(work: Work, form: str) -> str:
    """The date of publication in a style's form: "1986", "November 25, 1956", "Autumn 2005"."""
    if not work.issued:
        return ""
    value = dates.parse(work.issued)
    if _literal_range(value):
        from chron.export.csl import date_words

        return date_words(value)
    point = value.start or value.end
    assert point is not None
    e = point.earliest
    if point.precision == "season":
        season = dates.SEASONS[int(point.text[5:7])].capitalize()
        return f"{season} {e.year}" if form != "year" else str(e.year)
    if form == "year":
        return str(e.year)
    if form == "us" and point.precision == "day":
        return f"{MONTHS[e.month - 1]} {e.day}, {e.year}"
    if form == "us" and point.precision == "month":
        return f"{MONTHS[e.month - 1]} {e.year}"
    return str(e.year)


def month(work: Work) -> int:
    """The month of a work dated to the month or day, else 0."""
    value = dates.parse(work.issued) if work.issued else None
    return value.earliest.month if value and value.start and value.start.precision in ("month", "day") else 0


def day(work: Work) -> int:
    """The day of a work dated to the day, else 0."""
    value = dates.parse(work.issued) if work.issued else None
    return value.earliest.day if value and value.start and value.start.precision == "day" else 0


# ------------------------------------------------------------------ publisher


def publisher(work: Work) -> str:
    """ "Place: Publisher", or whichever of the two the work has."""
    if not work.publisher:
        return work.publisher_place or ""
    return f"{work.publisher_place}: {work.publisher}" if work.publisher_place else work.publisher

"""The built-in citation styles, written by hand after the CSL styles pandoc renders.

Each style knows three forms of a work: the citation (a full or short note, or an in-text
parenthesis, with a locator) and the bibliography entry, plus the order of its bibliography.
Expected outputs come from pandoc's citeproc (tests/golden/citations); deliberate differences are
listed in docs/citations.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from chron import dates
from chron.citation.text import (
    Rich,
    dotted,
    initials,
    italic,
    join,
    minimal_two,
    page_label,
    plain_title,
    quoted,
    title_case,
)
from chron.models import Name, Work
from chron.query import fold

MONTHS = dates.MONTHS
MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
QUOTED_TYPES = frozenset(
    {"chapter", "article-journal", "article-newspaper", "article-magazine", "article", "paper-conference", "speech"}
)


# ------------------------------------------------------------------ the bibliography context


@dataclass
class Context:
    """What a citation depends on beyond its own work: the rest of the bibliography.

    Year suffixes ("1956a"), initials added to tell apart two authors of one family name, MLA's
    short titles for an author of several works: all are decided over the whole set of works.
    """

    works: Sequence[Work]
    suffixes: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        families: dict[str, set[str]] = {}
        self.by_author: dict[str, int] = {}
        for w in self.works:
            for n in w.names()[:1]:
                if n.family:
                    families.setdefault(n.family, set()).add(n.given or "")
            key = author_key(w)
            if key:
                self.by_author[key] = self.by_author.get(key, 0) + 1
        self.shared_families = {f for f, g in families.items() if len(g) > 1}
        for style in ("chicago-author-date", "apa", "harvard"):
            self.suffixes[style] = _year_suffixes(style, order(style, self.works))


def author_key(work: Work) -> str:
    return "; ".join(f"{n.family or n.literal}, {n.given or ''}" for n in work.names())


def _year(work: Work) -> str | None:
    if not work.issued:
        return None
    value = dates.parse(work.issued)
    if value.is_interval and value.start and value.end and "season" in (value.start.precision, value.end.precision):
        return None  # exported as a literal date, which CSL cannot sort or suffix
    return str(value.earliest.year) if value.start else None


def _year_suffixes(style: str, works: Sequence[Work]) -> dict[str, str]:
    groups: dict[tuple[str, str], list[str]] = {}
    for w in works:
        year = _year(w)
        if year:
            groups.setdefault((cite_names_key(style, w), year), []).append(w.id)
    return {wid: chr(ord("a") + i) for ids in groups.values() if len(ids) > 1 for i, wid in enumerate(ids)}


def cite_names_key(style: str, w: Work) -> str:
    return author_key(w) or (w.container_title or "" if style == "harvard" else w.title or w.container_title or "")


# ------------------------------------------------------------------ names


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


def families(ctx: Context, names: Sequence[Name], conj: str = "and", *, disambiguate: bool = True) -> str:
    out = []
    for n in names:
        if n.literal:
            out.append(n.literal)
        elif disambiguate and n.family in ctx.shared_families and n.given:
            out.append(f"{initials(n.given)} {n.family}")
        else:
            out.append(n.family or "")
    return and_list(out, conj, serial=False) if len(out) == 2 else and_list(out, conj)


# ------------------------------------------------------------------ shared pieces


def english(work: Work) -> bool:
    return not work.language or work.language.lower().startswith("en")


def tc(work: Work, text: str | None, *, title_cased: bool) -> str:
    value = plain_title(text) if text else ""
    return title_case(value, work.language) if title_cased else value


def title_rich(work: Work, *, title_cased: bool, short: bool = False) -> Rich:
    text = (work.title_short or work.title) if short else work.title
    if not text:
        return Rich()
    if work.type in QUOTED_TYPES or work.type == "webpage":
        cased = title_case(text, work.language) if title_cased else text
        return quoted(cased)
    return italic(tc(work, text, title_cased=title_cased))


def issued_text(work: Work, form: str) -> str:
    """The date of publication in a style's form: "1986", "November 25, 1956", "Autumn 2005"."""
    if not work.issued:
        return ""
    value = dates.parse(work.issued)
    if value.is_interval and value.start and value.end and "season" in (value.start.precision, value.end.precision):
        from chron.export import csl_date

        return str(csl_date(work.issued).get("literal", value.earliest.year))
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


def publisher(work: Work) -> str:
    return (
        ", ".join(p for p in (work.publisher_place, work.publisher) if p)
        if not work.publisher
        else (f"{work.publisher_place}: {work.publisher}" if work.publisher_place else work.publisher)
    )


# ------------------------------------------------------------------ Chicago notes and bibliography


def chicago_journal_tail(work: Work, loc: str | None, *, note: bool) -> Rich:
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
    pages = loc or work.page
    return out + f": {pages}" if pages else out


def chicago_note(ctx: Context, work: Work, loc: str | None, *, short: bool) -> Rich:
    names = work.author or work.editor
    if work.type == "article-newspaper" and not work.author and not work.title:
        return join([italic(work.container_title), issued_text(work, "us")], end=".")
    if short:
        who = families(ctx, names, disambiguate=False) if names else ""
        return join([who, title_rich(work, title_cased=True, short=True), loc or ""], end=".")
    who = note_names(names) + (", ed." if not work.author and work.editor else "") if names else ""
    title = title_rich(work, title_cased=True)
    year = issued_text(work, "year")
    if work.type == "chapter":
        pub = join([publisher(work), year])
        inner = Rich.of("in ") + italic(tc(work, work.container_title, title_cased=True))
        eds = f"ed. {note_names(work.editor)}" if work.editor else ""
        body = join([inner, eds]) + (f" ({pub.plain()})" if pub else "")
        return join([who, title, body, loc or ""], end=".")
    if work.type in ("article-journal", "article-magazine"):
        return join([who, title, chicago_journal_tail(work, loc, note=True)], end=".")
    if work.type == "paper-conference":
        event = f"paper presented at {work.event_title}" if work.event_title else ""
        return join([who, title, event, issued_text(work, "us"), loc or ""], end=".")
    if work.type == "webpage":
        return join([who, title, work.publisher or "", loc or ""], end=".")
    pub = join([publisher(work), year])
    head = join([who, title])
    head = head + f" ({pub.plain()})" if pub else head
    return join([head, loc or ""], end=".")


def chicago_bib(ctx: Context, work: Work) -> Rich:
    names = work.author or work.editor
    who = bib_names(names) + (", ed" if not work.author and work.editor else "") if names else ""
    title = title_rich(work, title_cased=True)
    year = issued_text(work, "year")
    if work.type == "article-newspaper" and not work.author and not work.title:
        return join([italic(work.container_title), issued_text(work, "us")], sep=". ", end=".")
    if work.type == "chapter":
        inner = Rich.of("In ") + italic(tc(work, work.container_title, title_cased=True))
        eds = f"edited by {note_names(work.editor)}" if work.editor else ""
        return join([who, title, join([inner, eds]), join([publisher(work), year])], sep=". ", end=".")
    if work.type in ("article-journal", "article-magazine"):
        return join([who, title, chicago_journal_tail(work, None, note=False)], sep=". ", end=".")
    if work.type == "paper-conference":
        event = f"Paper presented at {work.event_title}" if work.event_title else ""
        return join([who, title, join([event, issued_text(work, "us")])], sep=". ", end=".")
    if work.type == "webpage":
        return join([who, title, work.publisher or ""], sep=". ", end=".")
    return join([who, title, join([publisher(work), year])], sep=". ", end=".")


# ------------------------------------------------------------------ Chicago author-date


def year_with_suffix(ctx: Context, style: str, work: Work, nd: str) -> str:
    year = issued_text(work, "year" if _year(work) else "season") or nd
    return year + ctx.suffixes.get(style, {}).get(work.id, "")


def intext_author(ctx: Context, style: str, work: Work) -> Rich:
    names = work.author or work.editor
    conj = "&" if style == "apa" else "and"
    if names:
        return Rich.of(families(ctx, names, conj))
    if style == "harvard" and work.container_title and work.type != "book":
        return italic(work.container_title)
    if work.title:
        short = work.title_short or work.title
        return quoted(short) if work.type in QUOTED_TYPES else italic(plain_title(short))
    return italic(work.container_title) if style != "apa" else Rich()


def chicago_author_date_cite(ctx: Context, work: Work, loc: str | None) -> Rich:
    who = intext_author(ctx, "chicago-author-date", work)
    year = year_with_suffix(ctx, "chicago-author-date", work, "n.d.")
    sep = ", " if year == "n.d." else " "
    head = who + sep + year if who else Rich.of(year)
    if who and who.endswith("”") and sep == " ":
        head = who + " " + year
    return Rich.of("(") + (join([head, loc or ""])) + ")"


def chicago_author_date_bib(ctx: Context, work: Work) -> Rich:
    names = work.author or work.editor
    who = bib_names(names) + (", ed" if not work.author and work.editor else "") if names else ""
    year = year_with_suffix(ctx, "chicago-author-date", work, "n.d.")
    title = title_rich(work, title_cased=True)
    if work.type == "article-newspaper" and not work.author and not work.title:
        return join([italic(work.container_title), year, f"{MONTHS[_month(work) - 1]} {_day(work)}"], sep=". ", end=".")
    lead: list[Rich | str] = [who, year, title] if who else [title, year]
    if work.type == "chapter":
        inner = Rich.of("In ") + italic(tc(work, work.container_title, title_cased=True))
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
        month = MONTHS[_month(work) - 1] if _month(work) else ""
        return join([*lead, event, month], sep=". ", end=".")
    if work.type == "webpage":
        return join([*lead, work.publisher or ""], sep=". ", end=".")
    return join([*lead, publisher(work)], sep=". ", end=".")


def _month(work: Work) -> int:
    value = dates.parse(work.issued) if work.issued else None
    return value.earliest.month if value and value.start and value.start.precision in ("month", "day") else 0


def _day(work: Work) -> int:
    value = dates.parse(work.issued) if work.issued else None
    return value.earliest.day if value and value.start and value.start.precision == "day" else 0


# ------------------------------------------------------------------ APA 7 and Harvard (Cite Them Right)


def apa_cite(ctx: Context, work: Work, loc: str | None) -> Rich:
    who = intext_author(ctx, "apa", work)
    year = year_with_suffix(ctx, "apa", work, "n.d.")
    return Rich.of("(") + join([who, year, page_label(loc) if loc else ""]) + ")"


def harvard_cite(ctx: Context, work: Work, loc: str | None) -> Rich:
    who = intext_author(ctx, "harvard", work)
    year = year_with_suffix(ctx, "harvard", work, "no date")
    return Rich.of("(") + join([who, year, page_label(loc) if loc else ""]) + ")"


def apa_bib(ctx: Context, work: Work) -> Rich:
    names = work.author or work.editor
    year = year_with_suffix(ctx, "apa", work, "n.d.")
    if work.type == "article-newspaper" and _day(work):
        date = f"({year}, {MONTHS[_month(work) - 1]} {_day(work)})"
    elif work.type == "paper-conference" and _month(work):
        date = f"({year}, {MONTHS[_month(work) - 1]})"
    else:
        date = f"({year})"
    who = initial_names(names, "&") + (" (Ed.)" if not work.author and work.editor else "") if names else ""
    plain = work.title or ""
    if work.type in ("book", "webpage", "paper-conference", "report", "thesis"):
        title: Rich = italic(plain_title(plain))
    else:
        title = Rich.of(plain_title(plain))
    lead: list[Rich | str] = [who, date, title] if who else ([title, date] if plain else [date])
    if work.type == "chapter":
        eds = initial_names_plain(work.editor)
        inner = Rich.of("In ") + (f"{eds} ({'Eds.' if len(work.editor) > 1 else 'Ed.'}), " if eds else "")
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
    if work.type == "webpage":
        return join([*lead, work.publisher or ""], sep=". ", end=".")
    return join([*lead, work.publisher or ""], sep=". ", end=".")


def initial_names_plain(names: Sequence[Name]) -> str:
    """Editors in APA's "In" clause: "B. Lomax", "T. Cox"."""
    items = [n.literal or f"{initials(n.given or '')} {n.family}".strip() for n in names]
    return and_list(items, "&")


def harvard_bib(ctx: Context, work: Work) -> Rich:
    names = work.author or work.editor
    year = year_with_suffix(ctx, "harvard", work, "no date")
    who = (
        initial_names(names, "and", serial=False) + (" (ed.)" if not work.author and work.editor else "")
        if names
        else ""
    )
    plain = work.title or ""
    quoted_title = work.type in QUOTED_TYPES
    title: Rich = quoted(plain) if quoted_title else italic(plain_title(plain))
    if work.type == "article-newspaper" and not names and not plain:
        return Rich.of("") + italic(work.container_title) + f" ({year}), {_day(work)} {MONTHS[_month(work) - 1]}."
    if not names and work.type in ("article-journal",) and work.container_title:
        head = italic(work.container_title) + f" ({year}) "
        numbers = (work.volume or "") + (f"({work.issue})" if work.issue else "")
        return join([head + title, numbers], end=".")
    head = Rich.of(f"{who} ({year})") + (Rich.of(" ") + title if title else Rich()) if names else title + f" ({year})"
    if work.type == "chapter":
        eds = initial_names_plain(work.editor).replace("&", "and")
        inner = Rich.of("in ") + (f"{eds} (ed.) " if eds else "") + italic(plain_title(work.container_title))
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


# ------------------------------------------------------------------ MLA 9


def mla_cite(ctx: Context, work: Work, loc: str | None) -> Rich:
    names = work.author or work.editor
    who: Rich = Rich.of(families(ctx, names)) if names else Rich()
    if not names:
        if not work.title:
            return Rich.of("(") + italic(work.container_title) + ")"
        who = title_rich(work, title_cased=True, short=True)
    elif ctx.by_author.get(author_key(work), 0) > 1:
        who = join([who, title_rich(work, title_cased=True, short=True)])
    return Rich.of("(") + (who + f" {minimal_two(loc)}" if loc else who) + ")"


def mla_bib(ctx: Context, work: Work, previous: Work | None = None) -> Rich:
    names = work.author or work.editor
    who = bib_names(names, conj="and") if names else ""
    if names and previous is not None and author_key(previous) == author_key(work):
        who = "———"
    if who and not work.author and work.editor:
        who += ", editor" if len(work.editor) == 1 else ", editors"
    title = title_rich(work, title_cased=True)
    year = issued_text(work, "year")
    if work.type == "article-newspaper" and not names and not work.title:
        day = f"{_day(work)} {MLA_MONTHS[_month(work) - 1]} {year}"
        return join([italic(work.container_title), day], end=".")
    if work.type == "chapter":
        eds = f"edited by {note_names(work.editor)}" if work.editor else ""
        container = italic(tc(work, work.container_title, title_cased=True))
        tail = join([container, eds, work.publisher or "", year, f"pp. {minimal_two(work.page)}" if work.page else ""])
        return join([who, title, tail], sep=". ", end=".")
    if work.type in ("article-journal", "article-magazine"):
        vol = (f"vol. {work.volume}" if work.volume.isdigit() else work.volume) if work.volume else ""
        issue = (("nos. " if "-" in work.issue else "no. ") + work.issue) if work.issue else ""
        when = mla_date(work)
        tail = join([italic(work.container_title), vol, issue, when, f"pp. {work.page}" if work.page else ""])
        return join([who, title, tail], sep=". ", end=".")
    if work.type == "paper-conference":
        return join([who, title, join([year, work.event_title or ""])], sep=". ", end=".")
    if work.type == "webpage":
        return join(
            [who, italic(plain_title(work.title)) if work.title else "", work.publisher or ""], sep=". ", end="."
        )
    pub = join([work.publisher or work.publisher_place or "", year])
    return join([who, title, pub], sep=". ", end=".")


def mla_date(work: Work) -> str:
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


# ------------------------------------------------------------------ ordering


def _sort_text(text: str) -> str:
    return fold("".join(ch for ch in text if ch.isalnum() or ch.isspace())).strip()


def order(style: str, works: Sequence[Work]) -> list[Work]:
    """The bibliography order each style's CSL sort keys give (see the module docstring)."""

    def author(w: Work) -> str:
        key = author_key(w)
        if key:
            return _sort_text(key)
        if style in ("apa", "mla"):
            return _sort_text(w.title or "")
        if style == "harvard" and w.type != "book":
            return _sort_text(w.container_title or w.title or "")
        return _sort_text(w.title or w.container_title or "")

    def year(w: Work) -> str:
        y = _year(w)
        return y if y else "~"  # undated and literal dates last

    def source(w: Work) -> str:
        return _sort_text(issued_text(w, "us")) if style.startswith("chicago") else _sort_text(mla_date(w))

    def full_date(w: Work) -> str:
        return dates.parse(w.issued).earliest.isoformat() if w.issued and _year(w) else "~"

    def key(w: Work) -> tuple[str, ...]:
        title = _sort_text(w.title or "")
        if style in ("chicago-note", "chicago-bibliography"):
            return (author(w), title, source(w))
        if style == "chicago-author-date":
            return (author(w), year(w), title, source(w))
        if style == "apa":
            return (author(w), full_date(w), title)
        if style == "harvard":
            return (author(w), year(w), title)
        return (author(w), title, source(w))

    return sorted(works, key=key)


Renderer = Callable[[Context, Work, "str | None"], Rich]

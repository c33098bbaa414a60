"""BibTeX and BibLaTeX entries: which work field goes to which field of which entry type (pure).

BibLaTeX follows biblatex's default data model, the one ``biber --validate-datamodel`` checks: one
entry type per CSL type (an edited volume is ``@collection``, a chapter ``@incollection``, or
``@inbook`` when its book has no editor, a thesis ``@thesis`` with its degree in ``type``, a web
page ``@online``, or ``@misc`` when it has no address), and only the fields that type accepts
(``FIELDS``); dates are EDTF, as chron stores them. BibTeX uses only the fourteen standard entry
types (so every BibTeX reader keeps every entry: bibtexparser 1 drops any other type by default),
``year``/``month``/``day``, and
biblatex's names for what BibTeX has no field for (``shorttitle``, ``urldate``, ``doi``,
``translator``, ``eventtitle``, ``entrysubtype``, ``yeardivision``/``endyear``…): BibTeX styles
ignore them, biber, pandoc and ``chron import`` read them. A field a type cannot hold is left out,
never moved into prose; docs/citations.md lists what each format loses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from chron import dates
from chron.export.tex import MONTH_MACROS, protect_title, tex, tex_names, tex_url
from chron.languages import babel_name
from chron.models import Work

BIBLATEX_TYPES = {
    "article": "article",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "review-book": "article",
    "periodical": "periodical",
    "book": "book",
    "classic": "book",
    "chapter": "incollection",
    "entry": "inreference",
    "entry-dictionary": "inreference",
    "entry-encyclopedia": "inreference",
    "paper-conference": "inproceedings",
    "speech": "unpublished",
    "manuscript": "unpublished",
    "thesis": "thesis",
    "report": "report",
    "pamphlet": "booklet",
    "webpage": "online",
    "post": "online",
    "post-weblog": "online",
}
BIBTEX_TYPES = {
    "article": "article",
    "book": "book",
    "periodical": "book",
    "incollection": "incollection",
    "inbook": "incollection",
    "inreference": "incollection",
    "inproceedings": "inproceedings",
    "unpublished": "unpublished",
    "report": "techreport",
    "booklet": "booklet",
    "collection": "book",
}
# How biber reads a BibTeX type (its default driver map): the biblatex type whose fields apply.
BIBER_READS = {"phdthesis": "thesis", "mastersthesis": "thesis", "techreport": "report", "conference": "inproceedings"}
# BibTeX's names for fields biblatex renamed.
BIBTEX_NAMES = {"journaltitle": "journal", "location": "address", "institution": "school"}

# The fields of biblatex's default data model (biber 2.18) that chron writes: valid in every type ...
_COMMON = (
    "date year month day endyear endmonth endday yeardivision endyeardivision urldate url doi langid"
    " shorttitle origtitle origlocation origpublisher origdate library entrysubtype"
)
COMMON = frozenset(_COMMON.split())
_BOOKISH = "editor translator title maintitle series number volume volumes edition pages chapter publisher location"
_BOOKISH += " isbn"
# ... and per entry type.
FIELDS = {
    "article": "author editor translator title journaltitle series volume number pages issn",
    "periodical": "editor title series volume number issn",
    "book": f"author {_BOOKISH} pagetotal",
    "collection": f"{_BOOKISH} pagetotal",
    "incollection": f"author {_BOOKISH} booktitle",
    "inbook": f"author {_BOOKISH} booktitle bookauthor",
    "inreference": f"author {_BOOKISH} booktitle",
    "inproceedings": "author editor title booktitle maintitle eventtitle eventdate venue series number volume"
    " volumes pages chapter organization publisher location isbn",
    "online": "author editor title organization",
    "misc": "author editor title howpublished type organization location",
    "thesis": "author title type institution location pages pagetotal chapter",
    "report": "author title type institution location number pages pagetotal chapter",
    "unpublished": "author title eventtitle eventdate venue howpublished type location",
    "booklet": "author editor title howpublished type location pages pagetotal chapter",
}
ALLOWED = {kind: COMMON | {"note", "pubstate"} | frozenset(words.split()) for kind, words in FIELDS.items()}

# CSL `genre` texts biblatex has a localised key for (printed in the document's language).
THESIS_KEYS = {"phd thesis": "phdthesis", "master’s thesis": "mathesis", "master's thesis": "mathesis"}
PUBSTATE_KEYS = {"in press": "inpress", "forthcoming": "forthcoming", "submitted": "submitted"}
DOCTORAL = re.compile(r"(?i)\b(ph\.?\s?d|d\.?\s?phil|doctor|doctoral|doctorat|docteur|dr\.)")
MASTERS = re.compile(r"(?i)\b(m\.?\s?a|m\.?\s?sc|m\.?\s?phil|m\.?\s?litt|master|magister)\b")
SEASON_WORDS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


# What a BibTeX or BibLaTeX type is read back as (chron import, pandoc): a work of any other CSL
# type names its type in `entrysubtype`, the field biblatex keeps for "a finer-grained set of entry
# types" (not printed by the standard styles; BibTeX styles ignore it).
READ_AS = {
    "article": "article-journal",
    "book": "book",
    "collection": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference",
    "unpublished": "manuscript",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "report": "report",
    "techreport": "report",
    "booklet": "pamphlet",
    "online": "webpage",
    "periodical": "periodical",
    "misc": "document",
}


def _subtype(work: Work, kind: str) -> str | None:
    if work.type in ("article-newspaper", "article-magazine"):
        return work.type.removeprefix("article-")  # the names biblatex styles and Zotero use
    if kind == "unpublished" and work.type == "paper-conference":
        return None  # an unpublished paper with its event is a conference paper to every reader
    return work.type if READ_AS.get(kind) != work.type else None


def biblatex_type(work: Work) -> str:
    kind = BIBLATEX_TYPES.get(work.type, "misc")
    if kind == "book" and work.editor and not work.author:
        return "collection"
    if kind in ("incollection", "inreference") and (not work.editor or work.container_author):
        return "inbook"  # a part of a book with no editor, or with an author: the type for both
    if kind == "inproceedings" and not work.container_title:
        return "unpublished"  # a paper given at an event, not printed in proceedings
    if kind == "online" and not (work.URL or work.DOI):
        # @online is "an online resource" that biblatex requires an address for; a site or page known
        # without one (the address not printed) is @misc, which also holds its genre in `type`.
        return "misc"
    return kind


def bibtex_type(work: Work) -> str:
    kind = biblatex_type(work)
    if kind == "thesis":
        genre = work.genre or ""
        if DOCTORAL.search(genre):
            return "phdthesis"
        return "mastersthesis" if MASTERS.search(genre) else "misc"
    return BIBTEX_TYPES.get(kind, "misc")


def _date_fields(text: str) -> list[tuple[str, str]]:
    """BibTeX's year, month and day, with biblatex's date parts for a season or the end of a
    range; the EDTF ``date`` itself when parts cannot say it (a decade, an open end)."""
    value = dates.parse(text)
    points = [("", value.start), ("end", value.end)] if value.is_interval else [("", value.start)]
    if any(p is None or p.precision not in ("year", "season", "month", "day") for _, p in points):
        return [("date", text)]
    out: list[tuple[str, str]] = []
    for prefix, point in points:
        assert point is not None
        e = point.earliest
        out.append((f"{prefix}year", str(e.year)))
        if point.precision in ("month", "day"):
            out.append((f"{prefix}month", MONTH_MACROS[e.month - 1]))
        if point.precision == "day":
            out.append((f"{prefix}day", str(e.day)))
        if point.precision == "season":
            out.append((f"{prefix}yeardivision", SEASON_WORDS[int(point.text[5:7])]))
    return out


def entry_fields(work: Work, *, biblatex: bool) -> tuple[str, list[tuple[str, str]]]:
    """The entry type and the (field, TeX value) pairs of one work, in the order they are written."""
    kind = biblatex_type(work) if biblatex else bibtex_type(work)
    model = kind if biblatex else BIBER_READS.get(kind, kind)
    allowed = ALLOWED.get(model, ALLOWED["misc"])
    fields: list[tuple[str, str]] = []
    lang = work.language

    def add(name: str, value: str | None, *, raw: bool = False) -> None:
        if value and name in allowed:
            written = name if biblatex else BIBTEX_NAMES.get(name, name)
            fields.append((written, value if raw else tex(value)))

    def title(name: str, value: str | None) -> None:
        add(name, protect_title(value, lang) if value else None, raw=True)

    add("author", tex_names(work.author), raw=True)
    add("editor", tex_names(work.editor), raw=True)
    add("translator", tex_names(work.translator), raw=True)
    add("bookauthor", tex_names(work.container_author), raw=True)
    _titles(work, model, title, add)
    title("shorttitle", work.title_short)
    title("origtitle", work.original_title)
    title("series", work.collection_title)
    title("eventtitle", work.event_title)
    add("venue", work.event_place)
    add("entrysubtype", _subtype(work, kind))
    if model == "article":
        add("number", work.issue)
    elif model == "report":
        add("number", work.number)
    else:
        add("number", work.collection_number or work.number)
    # As printed, roman numerals too: biblatex's manual allows them in these integer fields and
    # biber keeps and prints them; only its optional --validate-datamodel check rejects them.
    add("volume", work.volume)
    add("volumes", work.number_of_volumes)
    add("edition", work.edition)
    add("chapter", work.chapter_number)
    add("pages", work.page.replace("–", "--") if work.page else None)
    add("pagetotal", work.number_of_pages)
    if model in ("thesis", "report"):
        add("institution", work.publisher)
    elif model in ("online", "misc"):
        web = work.type in ("webpage", "post", "post-weblog")
        add("organization", work.publisher or (work.container_title if web else None))
    elif model == "booklet":
        add("howpublished", work.publisher)
    add("publisher", work.publisher)
    add("location", work.publisher_place)
    add("origpublisher", work.original_publisher)
    add("origlocation", work.original_publisher_place)
    genre = work.genre
    if biblatex and model == "thesis" and genre:
        genre = THESIS_KEYS.get(genre.lower(), genre)
    elif not biblatex and kind in ("phdthesis", "mastersthesis") and genre:
        genre = None if THESIS_KEYS.get(genre.lower()) in ("phdthesis", "mathesis") else genre
    if biblatex and model in ("thesis", "report") and not genre:
        genre = model  # biblatex's type is required: the kind the CSL type states, no more
    add("type", genre)
    if model == "misc":
        add("howpublished", work.medium)
    for field, when in (("date", work.issued), ("origdate", work.original_date), ("urldate", work.accessed)):
        if when and (biblatex or field != "date"):
            add(field, when, raw=True)  # EDTF, which biber reads: seasons, ranges, ~ and ?
        elif when:
            for name, part in _date_fields(when):
                add(name, part)
    add("eventdate", work.event_date, raw=True)
    add("pubstate", PUBSTATE_KEYS.get((work.status or "").lower(), work.status))
    add("langid", babel_name(lang))
    add("isbn", work.ISBN)
    add("issn", work.ISSN)
    add("doi", work.DOI)
    add("url", tex_url(work.URL) if work.URL else None, raw=True)
    add("library", ", ".join(p for p in (work.archive, work.archive_location) if p) or None)
    add("note", work.note)
    return kind, fields


def _titles(
    work: Work, model: str, title: Callable[[str, str | None], None], add: Callable[[str, str | None], None]
) -> None:
    """Title, main title and container title: biblatex's ``maintitle`` is the whole of a
    multi-volume work when ``volume-title`` names the volume."""
    if model in ("incollection", "inbook", "inreference", "inproceedings"):
        title("title", work.title)
        if work.volume_title:
            title("maintitle", work.container_title)
            title("booktitle", work.volume_title)
        else:
            title("booktitle", work.container_title)
    elif work.volume_title and model in ("book", "collection"):
        title("maintitle", work.title)
        title("title", work.volume_title)
    else:
        title("title", work.title)
    if model == "article":
        add("journaltitle", work.container_title)  # no style changes a journal's case


def _entry(work: Work, biblatex: bool) -> str:
    kind, fields = entry_fields(work, biblatex=biblatex)
    width = max((len(k) for k, _ in fields), default=0)
    body = ",\n".join(
        f"  {k.ljust(width)} = {v}" if k.endswith("month") and v in MONTH_MACROS else f"  {k.ljust(width)} = {{{v}}}"
        for k, v in fields
    )
    return f"@{kind}{{{work.id},\n{body}\n}}\n"


def bibtex(works: Sequence[Work]) -> str:
    return "\n".join(_entry(w, biblatex=False) for w in works)


def biblatex(works: Sequence[Work]) -> str:
    return "\n".join(_entry(w, biblatex=True) for w in works)

"""RIS: one record per work, ``TY`` to ``ER``, with each field in the tag its record type calls for.

Tags follow the RIS specification as Zotero reads and writes it, checked against citation.js and
rispy (docs/citations.md): a book's editors are ``A3`` and its series editors ``A2``; every other
type's editors are ``A2`` (``A3`` its series editors); translators ``A4``; a chapter's book author
``C2``. ``DA`` holds the whole date as ``YYYY/MM/DD/``, or in words when RIS's form cannot say it
(a season, a range: "Autumn–Winter 1979–1980"), and ``PY`` the year, except for newspaper articles
and chapters, whose date citation.js reads only from ``PY``/``Y1``: they get ``Y1`` with the whole
date instead. The archive is ``DB`` and the place in it ``AN`` (Zotero) and ``AV`` (citation.js).
Lines end with CR LF; the text is UTF-8. Pure: works in, text out.
"""

from __future__ import annotations

from collections.abc import Sequence

from chron import dates
from chron.escape import one_line
from chron.export.csl import date_words
from chron.models import Name, Work

# CSL types to RIS types: the RIS specification's table as citation.js gives it.
RIS_TYPES = {
    "article": "JOUR",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "bill": "BILL",
    "book": "BOOK",
    "broadcast": "MPCT",
    "chapter": "CHAP",
    "classic": "CLSWK",
    "dataset": "DATA",
    "entry": "CTLG",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "figure": "FIGURE",
    "graphic": "ART",
    "hearing": "HEAR",
    "legal_case": "CASE",
    "legislation": "LEGAL",
    "manuscript": "MANSCPT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "musical_score": "MUSIC",
    "pamphlet": "PAMP",
    "paper-conference": "CPAPER",
    "patent": "PAT",
    "periodical": "SER",
    "personal_communication": "PCOMM",
    "post": "ICOMM",
    "post-weblog": "BLOG",
    "regulation": "LEGAL",
    "report": "RPRT",
    "review": "JOUR",
    "review-book": "JOUR",
    "software": "COMP",
    "song": "SOUND",
    "speech": "SLIDE",
    "standard": "STAND",
    "thesis": "THES",
    "webpage": "ELEC",
}
# Record types whose editors are A3 (A2 being their series editors).
EDITORS_IN_A3 = frozenset({"BOOK", "CLSWK"})
# Record types whose M3 is the medium, not the genre. A web page's or blog's M3 is its genre: Zotero's RIS
# translator reads it as the website type, which is CSL's `genre`.
MEDIUM_IN_M3 = frozenset({"EBOOK", "MPCT", "MUSIC"})
# Record types whose T2 and CY are the event's name and place (a conference, a talk).
EVENT_IN_T2 = frozenset({"CPAPER", "SLIDE"})
# Record types whose SP without EP is the number of pages.
NUMBERED_PAGES = frozenset({"BOOK", "CLSWK", "THES", "PAMP"})
# Record types whose date citation.js reads only from PY or Y1.
DATE_IN_Y1 = frozenset({"CHAP", "NEWS"})


def ris_name(n: Name) -> str:
    return n.literal or ", ".join(p for p in (n.family, n.given) if p)


def ris_date(text: str) -> tuple[str, str | None]:
    """(year, whole date): ``1956/11/25/``, ``1956/11/`` or ``1956///``; a season, a range or a
    qualified date in words, as ``chron import`` and Zotero read them ("Autumn 2005")."""
    value = dates.parse(text)
    point = value.start or value.end
    assert point is not None
    year = str(point.earliest.year)
    if value.is_interval or point.precision not in ("year", "month", "day") or value.approximate or value.uncertain:
        return year, date_words(value)
    e = point.earliest
    if point.precision == "day":
        return year, f"{e.year}/{e.month:02d}/{e.day:02d}/"
    if point.precision == "month":
        return year, f"{e.year}/{e.month:02d}//"
    return year, None


def ris(works: Sequence[Work]) -> str:
    """RIS records, ``TY`` to ``ER``, lines ended by CR LF (see the module docstring)."""
    lines: list[str] = []

    def tag(name: str, value: str | None) -> None:
        if value:  # on one line: a value can never start a tag line of its own
            lines.append(f"{name}  - {' '.join(one_line(value).split())}")

    for w in works:
        ty = RIS_TYPES.get(w.type, "GEN")
        tag("TY", ty)
        tag("ID", w.id)
        for n in w.director if ty == "MPCT" else w.author:  # a film's or broadcast's AU is its director
            tag("AU", ris_name(n))
        editors, series_editors = ("A3", "A2") if ty in EDITORS_IN_A3 else ("A2", "A3")
        for n in w.recipient if ty == "PCOMM" else w.editor:
            tag(editors, ris_name(n))
        for n in w.collection_editor:
            tag(series_editors, ris_name(n))
        for n in w.translator:
            tag("A4", ris_name(n))
        for n in w.container_author if ty == "CHAP" else ():
            tag("C2", ris_name(n))
        tag("TI", w.title)
        tag("ST", w.title_short)
        tag("T2", w.event_title if ty in EVENT_IN_T2 else w.container_title)
        if ty == "CPAPER":
            tag("C3", w.container_title)
        tag("T3", w.collection_title)
        tag("OP", w.original_title)
        if w.issued:
            year, whole = ris_date(w.issued)
            in_y1 = ty in DATE_IN_Y1 and whole is not None
            tag("Y1" if in_y1 else "PY", whole if in_y1 else year)
            tag("DA", whole)
        if w.accessed:
            year, whole = ris_date(w.accessed)
            tag("Y2", whole or year)
            if ty == "ELEC":
                tag("M1", whole or year)  # a web page's access date to citation.js (and Zotero)
        tag("ET", w.edition)
        tag("VL", w.volume)
        tag("NV", w.number_of_volumes)
        tag("IS", w.issue)
        if ty in EDITORS_IN_A3:
            tag("M1", w.collection_number or w.number)
        elif ty == "CHAP":
            tag("SV", w.collection_number)
        elif ty not in ("RPRT", "ELEC"):
            tag("M1", w.number)
        tag("SE", w.chapter_number if ty == "CHAP" else w.section)
        if w.page:
            first, _, last = w.page.replace("–", "-").partition("-")
            tag("SP", first)
            tag("EP", last)
        elif ty in NUMBERED_PAGES:
            tag("SP", w.number_of_pages)
        tag("M3", w.medium if ty in MEDIUM_IN_M3 else w.genre)
        tag("PB", w.publisher)
        tag("CY", w.event_place if ty in EVENT_IN_T2 else w.publisher_place)
        if ty == "CPAPER":
            tag("C1", w.publisher_place)
        tag("DB", w.archive)
        tag("AN", w.archive_location)
        tag("AV", w.archive_location)
        tag("SN", w.number if ty == "RPRT" else (w.ISSN if ty in ("JOUR", "MGZN", "NEWS") else w.ISBN) or w.ISSN)
        tag("LA", w.language)
        tag("DO", w.DOI)
        tag("UR", w.URL)
        tag("N1", w.note)
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)

"""RIS (Zotero, EndNote, Mendeley) to CSL-JSON records, read with rispy.

rispy splits the records and names the tags; this module maps them by record type, as the RIS
specification and the big exporters use them: ``AU``/``A1`` authors (editors of an ``EDBOOK``),
``A2`` and ``ED`` editors, ``T2`` the journal or book a part appears in, the conference's name for
``CPAPER``/``CONF`` and the series for a whole book, ``SP``/``EP`` a page range, ``DA``/``PY``/``Y1``
dates in ``YYYY/MM/DD/`` form or in words ('Autumn-Winter 1979-1980'). A name without a comma
('Burnley Weavers’ Association', EndNote's corporate 'Name,') is a corporate name.
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from chron.bibimport import dates
from chron.bibimport.records import language_tag

TYPES = {
    "JOUR": "article-journal",
    "JFULL": "article-journal",
    "EJOUR": "article-journal",
    "ABST": "article-journal",
    "INPR": "article-journal",
    "MGZN": "article-magazine",
    "NEWS": "article-newspaper",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CLSWK": "classic",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "CPAPER": "paper-conference",
    "CONF": "paper-conference",
    "THES": "thesis",
    "RPRT": "report",
    "GOVDOC": "report",
    "ELEC": "webpage",
    "WEB": "webpage",
    "BLOG": "post-weblog",
    "ICOMM": "post",
    "PCOMM": "personal_communication",
    "UNPB": "manuscript",
    "MANSCPT": "manuscript",
    "PAMP": "pamphlet",
    "SER": "periodical",
    "SLIDE": "speech",
    "MPCT": "broadcast",
    "SOUND": "song",
    "MUSIC": "musical_score",
    "DICT": "entry-dictionary",
    "ENCYC": "entry-encyclopedia",
    "CTLG": "entry",
    "DATA": "dataset",
    "COMP": "software",
    "PAT": "patent",
    "CASE": "legal_case",
    "LEGAL": "legislation",
    "BILL": "bill",
    "HEAR": "hearing",
    "MAP": "map",
    "ART": "graphic",
    "FIGURE": "figure",
    "STAND": "standard",
    "GEN": "document",
}
WHOLE_BOOKS = frozenset({"BOOK", "EBOOK", "EDBOOK", "CLSWK", "PAMP", "SER"})
# Record types whose A3 are the editors and A2 the series editors (Zotero's and citation.js's reading).
EDITORS_IN_A3 = frozenset({"BOOK", "EBOOK", "EDBOOK", "CLSWK"})
# A web page's or blog's M3 is its genre (Zotero reads it as the website type, CSL's `genre`).
MEDIUM_IN_M3 = frozenset({"EBOOK", "MPCT", "MUSIC"})
NUMBERED_PAGES = frozenset({"BOOK", "EBOOK", "EDBOOK", "CLSWK", "THES", "PAMP"})
EVENT_IN_T2 = frozenset({"CPAPER", "CONF", "SLIDE"})
ISSN_TYPES = frozenset({"JOUR", "JFULL", "EJOUR", "ABST", "INPR", "MGZN", "NEWS", "SER"})
_USED_TAGS = (
    "TY ID AU A1 A2 A3 A4 C1 C2 C3 ED TI T1 CT T2 BT JO JF T3 ST OP PY Y1 DA Y2 VL NV IS M1 SV SE SP EP PB CY"
    " DB AN AV LA UR DO N1 M3 ET SN"
)
USED = frozenset(_USED_TAGS.split())


def _mapping() -> tuple[dict[str, str], list[str]]:
    mapping = dict(rispy.TAG_KEY_MAPPING)
    mapping["ED"] = "editors"  # not in rispy's table: it would land in unknown_tag
    mapping["BT"] = "book_title"
    mapping["CT"] = "caption_title"
    mapping["AV"] = "availability"
    mapping["SV"] = "series_volume"
    return mapping, [*rispy.LIST_TYPE_TAGS, "ED"]


def _name(text: str) -> dict[str, str] | None:
    text = " ".join(text.split())
    if not text:
        return None
    if "," not in text:
        return {"literal": text}
    family, _, given = text.partition(",")
    given = given.strip().strip(",").strip()
    if not given:
        return {"literal": family.strip()}
    parts = [p.strip() for p in given.split(",")]
    out = {"family": family.strip(), "given": parts[0]}
    if len(parts) > 1 and parts[1]:
        out["suffix"] = parts[1]
    return out


def _one(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if str(v).strip())
    return str(value).strip() if value is not None else ""


def _issued(r: dict[str, Any], warnings: list[str]) -> str | None:
    for key in ("date", "year", "publication_year"):
        text = _one(r.get(key))
        if text:
            found = dates.from_text(text)
            if found:
                return found
            warnings.append(f"date {text!r} is not a date chron can store")
    return None


def _names(r: dict[str, Any], *keys: str) -> list[dict[str, str]]:
    values = [x for key in keys for x in (r.get(key) or [])]
    return [n for n in (_name(str(x)) for x in values) if n]


def record(r: dict[str, Any]) -> tuple[dict[str, Any], list[str], list[str]]:
    """One rispy record as a CSL-JSON record, with the tags it ignores and warnings about it."""
    warnings: list[str] = []
    ty = _one(r.get("type_of_reference")).upper()
    csl = TYPES.get(ty, "document")
    authors = _names(r, "authors", "first_authors")
    if ty in EDITORS_IN_A3:
        editors, series_editors = _names(r, "editors", "tertiary_authors"), _names(r, "secondary_authors")
    else:
        editors, series_editors = _names(r, "editors", "secondary_authors"), _names(r, "tertiary_authors")
    rec: dict[str, Any] = {"type": csl, "author": authors}
    if ty == "MPCT":
        rec["author"], rec["director"] = [], authors  # a film's or broadcast's AU is its director
    if ty == "PCOMM":
        rec["recipient"] = editors
    else:
        rec["editor"] = editors
    if ty == "EDBOOK" and not editors:
        rec["author"], rec["editor"] = [], authors
    rec["collection-editor"] = series_editors
    rec["translator"] = _names(r, "subsidiary_authors")
    if ty in ("CHAP", "ECHAP"):
        rec["container-author"] = [n for n in (_name(x) for x in [_one(r.get("custom2"))] if x) if n]
    second = _one(r.get("secondary_title")) or _one(r.get("book_title"))
    rec["title"] = _one(r.get("title")) or _one(r.get("primary_title")) or _one(r.get("caption_title"))
    rec["title-short"] = _one(r.get("short_title"))
    rec["original-title"] = _one(r.get("original_publication"))
    journal = _one(r.get("journal_name")) or _one(r.get("alternate_title3"))
    if ty in EVENT_IN_T2:
        rec["event-title"] = second
        book = _one(r.get("book_title")) if r.get("secondary_title") else ""
        rec["container-title"] = _one(r.get("custom3")) or book
        rec["event-place"] = _one(r.get("place_published"))
        rec["publisher-place"] = _one(r.get("custom1"))
    elif ty in WHOLE_BOOKS:
        rec["collection-title"] = second
    else:
        rec["container-title"] = second or journal
    if ty not in EVENT_IN_T2:
        rec["publisher-place"] = _one(r.get("place_published"))
    rec["collection-title"] = rec.get("collection-title") or _one(r.get("tertiary_title"))
    rec["issued"] = _issued(r, warnings)
    accessed = _one(r.get("access_date")) or (_one(r.get("note")) if ty == "ELEC" else "")
    rec["accessed"] = dates.from_text(accessed) if accessed else None
    if accessed and not rec["accessed"]:
        warnings.append(f"access date {accessed!r} is not a date chron can store")
    rec["volume"] = _one(r.get("volume"))
    rec["number-of-volumes"] = _one(r.get("number_of_volumes"))
    rec["issue"] = _one(r.get("number"))
    number = _one(r.get("note"))  # rispy's name for M1
    if ty in EDITORS_IN_A3:
        rec["collection-number"] = number
    elif ty != "ELEC":  # a web page's M1 is its access date (EndNote, citation.js)
        rec["number"] = number
    rec["collection-number"] = rec.get("collection-number") or _one(r.get("series_volume"))
    section = _one(r.get("section"))
    rec["chapter-number" if ty in ("CHAP", "ECHAP") else "section"] = section
    first, last = _one(r.get("start_page")), _one(r.get("end_page"))
    if ty in NUMBERED_PAGES and first and not last:
        rec["number-of-pages"] = first
    else:
        page = f"{first}-{last}" if first and last else first or last
        rec["page"] = re.sub(r"\s*(?:--|-|—)\s*", "–", page) if page else None
    rec["publisher"] = _one(r.get("publisher"))
    rec["archive"] = _one(r.get("name_of_database"))
    rec["archive_location"] = _one(r.get("accession_number")) or _one(r.get("availability"))
    rec["language"] = language_tag(_one(r.get("language")))
    urls = r.get("urls") or []
    rec["URL"] = urls[0] if urls else None
    if len(urls) > 1:
        warnings.append(f"{len(urls) - 1} more URL(s) left out: chron keeps one")
    rec["DOI"] = _one(r.get("doi"))
    rec["note"] = "\n".join(str(n) for n in r.get("notes", []) if str(n).strip())
    rec["medium" if ty in MEDIUM_IN_M3 else "genre"] = _one(r.get("type_of_work"))
    rec["edition"] = _one(r.get("edition"))
    serial = _one(r.get("issn"))
    if ty == "RPRT":
        rec["number"] = rec.get("number") or serial
    else:
        rec["ISSN" if ty in ISSN_TYPES else "ISBN"] = serial
    tags = {k for k, v in _mapping()[0].items() if v in r and k not in USED}
    tags |= set(r.get("unknown_tag", {}))
    return {k: v for k, v in rec.items() if v}, sorted(tags), warnings


def read(text: str) -> tuple[list[tuple[str, dict[str, Any], list[str], list[str]]], list[str]]:
    """Every RIS record as (key, record, ignored tags, warnings), and problems with the file."""
    problems = []
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    if lines and not re.match(r"^ER\s+-", lines[-1]):
        # rispy drops a last record with no end tag; close it, and say so
        text = text.rstrip() + "\nER  - \n"
        problems.append("the last record has no 'ER  -' line; it was read to the end of the file")
    mapping, list_tags = _mapping()
    try:
        raw = rispy.loads(text, mapping=mapping, list_tags=list_tags)
    except (OSError, ValueError) as err:
        return [], [f"the RIS text could not be read: {err}"]
    out = []
    for r in raw:
        rec, ignored, warnings = record(r)
        out.append((_one(r.get("id")), rec, ignored, warnings))
    return out, problems

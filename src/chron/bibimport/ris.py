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
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "CPAPER": "paper-conference",
    "CONF": "paper-conference",
    "THES": "thesis",
    "RPRT": "report",
    "GOVDOC": "report",
    "ELEC": "webpage",
    "WEB": "webpage",
    "BLOG": "webpage",
    "UNPB": "manuscript",
    "MANSCPT": "manuscript",
    "PAMP": "book",
    "SER": "book",
    "SLIDE": "speech",
    "GEN": "document",
}
WHOLE_BOOKS = frozenset({"BOOK", "EBOOK", "EDBOOK", "PAMP", "SER"})
EDITED_PARTS = frozenset({"CHAP", "ECHAP", "CPAPER", "CONF", "BOOK", "EBOOK", "EDBOOK", "ELEC"})
_USED_TAGS = "TY ID AU A1 A2 ED TI T1 CT T2 BT JO JF T3 ST PY Y1 DA VL IS SP EP PB CY LA UR DO N1 M3 ET SN"
USED = frozenset(_USED_TAGS.split())


def _mapping() -> tuple[dict[str, str], list[str]]:
    mapping = dict(rispy.TAG_KEY_MAPPING)
    mapping["ED"] = "editors"  # not in rispy's table: it would land in unknown_tag
    mapping["BT"] = "book_title"
    mapping["CT"] = "caption_title"
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


def record(r: dict[str, Any]) -> tuple[dict[str, Any], list[str], list[str]]:
    """One rispy record as a CSL-JSON record, with the tags it ignores and warnings about it."""
    warnings: list[str] = []
    ty = _one(r.get("type_of_reference")).upper()
    csl = TYPES.get(ty, "document")
    authors = [n for n in (_name(x) for x in r.get("authors", []) + r.get("first_authors", [])) if n]
    editors = [n for n in (_name(x) for x in r.get("editors", [])) if n]
    if ty in EDITED_PARTS:
        editors += [n for n in (_name(x) for x in r.get("secondary_authors", [])) if n]
    if ty == "EDBOOK" and not editors:
        authors, editors = [], authors
    second = _one(r.get("secondary_title")) or _one(r.get("book_title"))
    rec: dict[str, Any] = {"type": csl, "author": authors, "editor": editors}
    rec["title"] = _one(r.get("title")) or _one(r.get("primary_title")) or _one(r.get("caption_title"))
    rec["title-short"] = _one(r.get("short_title"))
    journal = _one(r.get("journal_name")) or _one(r.get("alternate_title3"))
    if ty in ("CPAPER", "CONF"):
        rec["event-title"] = second
        rec["container-title"] = _one(r.get("book_title")) if r.get("secondary_title") else ""
    elif ty in WHOLE_BOOKS:
        rec["collection-title"] = second
    else:
        rec["container-title"] = second or journal
    rec["collection-title"] = rec.get("collection-title") or _one(r.get("tertiary_title"))
    rec["issued"] = _issued(r, warnings)
    rec["volume"] = _one(r.get("volume"))
    rec["issue"] = _one(r.get("number"))
    first, last = _one(r.get("start_page")), _one(r.get("end_page"))
    page = f"{first}-{last}" if first and last else first or last
    rec["page"] = re.sub(r"\s*(?:--|-|—)\s*", "–", page) if page else None
    rec["publisher"] = _one(r.get("publisher"))
    rec["publisher-place"] = _one(r.get("place_published"))
    rec["language"] = language_tag(_one(r.get("language")))
    urls = r.get("urls") or []
    rec["URL"] = urls[0] if urls else None
    if len(urls) > 1:
        warnings.append(f"{len(urls) - 1} more URL(s) left out: chron keeps one")
    rec["DOI"] = _one(r.get("doi"))
    rec["note"] = "\n".join(str(n) for n in r.get("notes", []) if str(n).strip())
    rec["genre"] = _one(r.get("type_of_work"))
    rec["edition"] = _one(r.get("edition"))
    rec["ISSN" if csl.startswith("article") else "ISBN"] = _one(r.get("issn"))
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

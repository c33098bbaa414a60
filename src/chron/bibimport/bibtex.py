"""BibTeX and BibLaTeX (Zotero, Better BibTeX, JabRef) to CSL-JSON records.

Parsing is bibtexparser 2.x: it reads what real files hold (``@String`` macros, month macros,
comments, ``@Comment{jabref-meta…}``) and reports a broken or duplicated entry as a failed block
instead of stopping or printing. Names are split by its ``SplitNameParts`` *before* any LaTeX is
decoded, so a braced corporate name (``{Burnley Weavers' Association}``) stays one literal name. LaTeX (``{\\'a}``,
``{\\H o}``, ``--``, ``\\&``, protective braces) is decoded with pylatexenc, bibtexparser's own
dependency; URLs and DOIs are left as written. ``#`` concatenation, which bibtexparser 2 leaves
unresolved, is resolved here from the file's ``@String`` macros.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares.names import NameParts
from bibtexparser.model import Entry as BibEntry

from chron.bibimport import dates
from chron.bibimport.records import WORK_TYPES as CSL_TYPES
from chron.bibimport.records import language_tag

TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "bookinbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inreference": "entry-encyclopedia",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "report": "report",
    "techreport": "report",
    "manual": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "misc": "document",
    "periodical": "periodical",
}
THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master’s thesis"}
# biblatex's localised `type` keys, as the words chron stores in `genre`.
TYPE_KEYS = {"phdthesis": "PhD thesis", "mathesis": "Master’s thesis", "candthesis": "Candidate thesis"}
PUBSTATES = {"inpress": "in press", "inpreparation": "in preparation", "prepublished": "prepublished"}
THESIS_WORDS = re.compile(r"(?i)\b(thesis|dissertation|diss\.|szakdolgozat|diplomarbeit|mémoire|thèse|tesi|tesis)\b")
PARTS = frozenset({"inbook", "incollection", "inreference", "inproceedings", "suppbook", "suppcollection"})
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator", "bookauthor": "container-author"}
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Left as written: LaTeX would read EDTF's "~" (approximate) as a space.
RAW_FIELDS = frozenset({"url", "doi", "file", "eprint", "date", "origdate", "urldate", "eventdate"})
# Fields read on purpose, so they are not reported as ignored.
_USED_WORDS = (
    "author editor translator bookauthor title subtitle shorttitle journal journaltitle journalsubtitle"
    " booktitle booksubtitle maintitle series eventtitle eventdate venue publisher institution school"
    " organization address location volume volumes number issue pages pagetotal chapter edition isbn issn"
    " doi url urldate note pubstate langid language type year month day date endyear endmonth endday"
    " yeardivision endyeardivision entrysubtype editortype origtitle origdate origpublisher origlocation"
    " library howpublished"
)
USED = frozenset(_USED_WORDS.split())


@cache
def _decoder() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim")


def _latex(value: str) -> str:
    if not re.search(r"[\\{}~$-]", value):
        return " ".join(value.split())  # nothing for LaTeX to change
    text = _decoder().latex_to_text(value)
    return " ".join(str(text).replace("\xa0", " ").split())


def _raw(value: str) -> str:
    value = re.sub(r"^\\url\{(.*)\}$", r"\1", value.strip())
    return value.replace("{", "").replace("}", "").strip()


def _concatenation(value: str, strings: dict[str, str]) -> str:
    """Resolve 'lon # " and Paris"' with the file's @String macros (and month names)."""
    pieces = []
    for piece in re.findall(r'\{(?:[^{}]|\{[^{}]*\})*\}|"[^"]*"|[^#\s]+', value):
        if piece[0] in '{"':
            pieces.append(piece[1:-1])
        elif piece.isascii() and piece.isdigit():
            pieces.append(piece)
        elif piece.lower() in strings:
            pieces.append(strings[piece.lower()])
        elif piece.lower() in MONTHS:
            pieces.append(piece.lower())
        else:
            pieces.append(piece)
    return "".join(pieces)


def _names(value: Any, warnings: list[str]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    parts = value if isinstance(value, list) else []
    for name in parts:
        if not isinstance(name, NameParts):
            continue
        if name.last == ["others"] and not name.first and not name.von:
            warnings.append("the list of names ends with 'and others' (dropped: CSL has no such name)")
            continue
        whole = " ".join(name.first + name.von + name.last + name.jr)
        if not name.first and not name.von and not name.jr and len(name.last) == 1:
            last = name.last[0]
            if last.startswith("{") and last.endswith("}") and _balanced(last[1:-1]):
                out.append({"literal": _latex(last[1:-1])})
                continue
        if not name.last:
            out.append({"literal": _latex(whole)})
            continue
        entry = {"family": _latex(" ".join(name.last))}
        if name.von:
            entry["non-dropping-particle"] = _latex(" ".join(name.von))
        if name.first:
            entry["given"] = _latex(" ".join(name.first))
        if name.jr:
            entry["suffix"] = _latex(" ".join(name.jr))
        out.append(entry)
    return out


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _month(value: str) -> int | None:
    text = value.strip().lower().rstrip(".")
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 12:  # int() fails on "²"
        return int(text)
    for i, m in enumerate(MONTHS, 1):
        if text.startswith(m):
            return i
    return None


def _part(f: dict[str, str], prefix: str) -> str | None:
    """One end of a date from BibTeX's year, month and day, or biblatex's date parts with a
    season (``yeardivision``): ``prefix`` is '' for the start, 'end' for the end."""
    year = f.get(f"{prefix}year", "").strip()
    if not re.fullmatch(r"[0-9]{4}", year):
        return None
    season = SEASONS.get(f.get(f"{prefix}yeardivision", "").strip().lower())
    if season:
        return f"{year}-{season}"
    month = _month(f[f"{prefix}month"]) if f.get(f"{prefix}month") else None
    if not month:
        return year
    day = f.get(f"{prefix}day", "").strip()
    return f"{year}-{month:02d}-{int(day):02d}" if day.isascii() and day.isdigit() else f"{year}-{month:02d}"


def _issued(f: dict[str, str]) -> str | None:
    if f.get("date"):
        return dates.from_text(f["date"])
    year = f.get("year", "").strip()
    if not year:
        return None
    start = _part(f, "")
    if start:
        end = _part(f, "end")
        return dates.from_text(f"{start}/{end}") if end and end != start else dates.from_text(start)
    return dates.from_text(f"{f.get('month', '')} {year}".strip())


def _join(title: str | None, subtitle: str | None) -> str | None:
    if title and subtitle:
        return f"{title}: {subtitle}"
    return title or subtitle


def record(entry: BibEntry, strings: dict[str, str]) -> tuple[dict[str, Any], list[str], list[str]]:
    """One entry as a CSL-JSON record, with the fields it ignores and warnings about it."""
    warnings: list[str] = []
    names: dict[str, list[dict[str, str]]] = {}
    f: dict[str, str] = {}
    for field in entry.fields:
        key = field.key.lower()
        if key in NAME_FIELDS:
            names[NAME_FIELDS[key]] = _names(field.value, warnings)
            continue
        value = field.value
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            continue
        if re.search(r"\s#\s", value) and not value.lstrip().startswith("{"):
            value = _concatenation(value, strings)
        f[key] = _raw(value) if key in RAW_FIELDS else _latex(value)
    kind = entry.entry_type.lower()
    csl = TYPES.get(kind, "document")
    subtype = f.get("entrysubtype", "").lower()
    if csl == "article-journal" and subtype in ("newspaper", "magazine"):
        csl = f"article-{subtype}"
    if kind == "unpublished" and f.get("eventtitle"):
        csl = "paper-conference"
    if kind == "misc" and THESIS_WORDS.search(f.get("type", "")):
        csl = "thesis"  # a thesis of a degree BibTeX has no type for (chron's BibTeX export)
    elif kind == "misc" and f.get("url") and not f.get("publisher"):
        csl = "webpage"
    if subtype in CSL_TYPES:
        csl = subtype  # chron's export names a type its entry type does not imply
    rec: dict[str, Any] = {"type": csl}
    for role in ("author", "editor", "translator", "container-author"):
        if names.get(role):
            rec[role] = names[role]
    title = _join(f.get("title"), f.get("subtitle"))
    main = _join(f.get("maintitle"), f.get("mainsubtitle"))
    book = _join(f.get("booktitle"), f.get("booksubtitle"))
    rec["title"] = title
    if kind in PARTS or book:
        rec["container-title"] = main or book
        rec["volume-title"] = book if main else None
    elif main:
        rec["title"], rec["volume-title"] = main, title
        rec["container-title"] = _join(f.get("journaltitle") or f.get("journal"), f.get("journalsubtitle"))
    else:
        rec["container-title"] = _join(f.get("journaltitle") or f.get("journal"), f.get("journalsubtitle"))
    rec["title-short"] = f.get("shorttitle")
    rec["original-title"] = f.get("origtitle")
    rec["collection-title"] = f.get("series")
    rec["event-title"] = f.get("eventtitle")
    rec["event-place"] = f.get("venue")
    rec["event-date"] = dates.from_text(f.get("eventdate"))
    rec["publisher"] = f.get("publisher") or f.get("institution") or f.get("school") or f.get("organization")
    if kind == "booklet" and not rec["publisher"]:
        rec["publisher"] = f.get("howpublished")
    elif kind == "misc":
        rec["medium"] = f.get("howpublished")
    rec["publisher-place"] = f.get("location") or f.get("address")
    rec["original-publisher"] = f.get("origpublisher")
    rec["original-publisher-place"] = f.get("origlocation")
    rec["original-date"] = dates.from_text(f.get("origdate"))
    rec["accessed"] = dates.from_text(f.get("urldate"))
    rec["issued"] = _issued(f)
    if (f.get("date") or f.get("year")) and not rec["issued"]:
        warnings.append(f"date {f.get('date') or f.get('year')!r} is not a date chron can store (left out)")
    rec["volume"] = f.get("volume")
    rec["number-of-volumes"] = f.get("volumes")
    if csl.startswith("article"):
        rec["issue"] = f.get("number") or f.get("issue")
    elif csl == "report":
        rec["issue"] = f.get("issue")
        rec["number"] = f.get("number")
    else:
        rec["issue"] = f.get("issue")
        rec["collection-number"] = f.get("number")
    rec["page"] = re.sub(r"\s*(?:--|-|—)\s*", "–", f["pages"]) if f.get("pages") else None
    rec["number-of-pages"] = f.get("pagetotal")
    rec["chapter-number"] = f.get("chapter")
    rec["edition"] = f.get("edition")
    rec["ISBN"] = f.get("isbn")
    rec["ISSN"] = f.get("issn")
    rec["DOI"] = f.get("doi")
    rec["URL"] = f.get("url")
    rec["archive"] = f.get("library")
    rec["note"] = f.get("note")
    pubstate = f.get("pubstate")
    rec["status"] = PUBSTATES.get(pubstate.lower(), pubstate) if pubstate else None
    rec["language"] = language_tag(f.get("langid") or f.get("language"))
    genre = f.get("type")
    rec["genre"] = TYPE_KEYS.get(genre.lower(), genre) if genre else THESIS_GENRES.get(kind)
    if rec["genre"] in (kind, csl, "techreport") and kind in ("techreport", "report", "thesis"):
        rec["genre"] = None  # no more than the entry type says
    ignored = sorted(k for k in f if k not in USED)
    return {k: v for k, v in rec.items() if v}, ignored, warnings


def read(text: str) -> tuple[list[tuple[str, dict[str, Any], list[str], list[str]]], list[str]]:
    """Every entry of a .bib text as (key, record, ignored fields, warnings), and the failed blocks."""
    names = tuple(NAME_FIELDS)
    library = parse_string(
        text,
        append_middleware=[
            middlewares.SeparateCoAuthors(name_fields=names),
            middlewares.SplitNameParts(name_fields=names),
        ],
    )
    strings = {s.key.lower(): _latex(str(s.value)) for s in library.strings}
    out = []
    for entry in library.entries:
        rec, ignored, warnings = record(entry, strings)
        out.append((entry.key, rec, ignored, warnings))
    problems = []
    for block in library.failed_blocks:
        what = type(block).__name__
        line = getattr(block, "start_line", None)
        where = f" at line {line + 1}" if isinstance(line, int) else ""
        if what == "DuplicateBlockKeyBlock":
            problems.append(f"a second entry with the key {getattr(block, 'key', '?')!r}{where} was skipped")
        else:
            problems.append(f"an entry{where} could not be read ({what}) and was skipped")
    return out, problems

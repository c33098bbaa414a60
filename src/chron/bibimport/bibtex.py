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
    "booklet": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inreference": "chapter",
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
    "periodical": "book",
}
THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master’s thesis"}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
RAW_FIELDS = frozenset({"url", "doi", "file", "eprint"})
# Fields read on purpose, so they are not reported as ignored.
_USED_WORDS = (
    "author editor title subtitle shorttitle journal journaltitle journalsubtitle booktitle booksubtitle"
    " maintitle series eventtitle publisher institution school organization address location volume number"
    " issue pages edition isbn issn doi url note pubstate langid language type year month day date"
    " entrysubtype editortype"
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


def _issued(f: dict[str, str]) -> str | None:
    if f.get("date"):
        return dates.from_text(f["date"])
    year = f.get("year", "").strip()
    if not year:
        return None
    month = _month(f["month"]) if f.get("month") else None
    if re.fullmatch(r"\d{4}", year):
        if month:
            day = f.get("day", "").strip()
            if day.isascii() and day.isdigit():
                return dates.from_text(f"{year}-{month:02d}-{int(day):02d}")
            return f"{year}-{month:02d}"
        return year
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
        if key in ("author", "editor"):
            names[key] = _names(field.value, warnings)
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
    if kind == "misc" and f.get("url") and not f.get("publisher"):
        csl = "webpage"
    rec: dict[str, Any] = {"type": csl}
    for role in ("author", "editor"):
        if names.get(role):
            rec[role] = names[role]
    rec["title"] = _join(f.get("title"), f.get("subtitle"))
    rec["title-short"] = f.get("shorttitle")
    if csl in ("chapter", "paper-conference"):
        rec["container-title"] = _join(f.get("booktitle"), f.get("booksubtitle")) or f.get("maintitle")
    else:
        rec["container-title"] = _join(f.get("journaltitle") or f.get("journal"), f.get("journalsubtitle"))
    rec["collection-title"] = f.get("series")
    rec["event-title"] = f.get("eventtitle")
    rec["publisher"] = f.get("publisher") or f.get("institution") or f.get("school") or f.get("organization")
    rec["publisher-place"] = f.get("location") or f.get("address")
    rec["issued"] = _issued(f)
    if (f.get("date") or f.get("year")) and not rec["issued"]:
        warnings.append(f"date {f.get('date') or f.get('year')!r} is not a date chron can store (left out)")
    rec["volume"] = f.get("volume")
    if csl.startswith("article"):
        rec["issue"] = f.get("number") or f.get("issue")
    else:
        rec["issue"] = f.get("issue")
        rec["collection-number"] = f.get("number")
    rec["page"] = re.sub(r"\s*(?:--|-|—)\s*", "–", f["pages"]) if f.get("pages") else None
    rec["edition"] = f.get("edition")
    rec["ISBN"] = f.get("isbn")
    rec["ISSN"] = f.get("issn")
    rec["DOI"] = f.get("doi")
    rec["URL"] = f.get("url")
    rec["note"] = f.get("note") or f.get("pubstate")
    rec["language"] = language_tag(f.get("langid") or f.get("language"))
    rec["genre"] = f.get("type") or THESIS_GENRES.get(kind)
    ignored = sorted(k for k in f if k not in USED)
    return {k: v for k, v in rec.items() if v}, ignored, warnings


def read(text: str) -> tuple[list[tuple[str, dict[str, Any], list[str], list[str]]], list[str]]:
    """Every entry of a .bib text as (key, record, ignored fields, warnings), and the failed blocks."""
    library = parse_string(text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
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

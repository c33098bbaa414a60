"""Bibliography exports: CSL-JSON, BibTeX, BibLaTeX and RIS writers (pure: works in, text out).

Each writer takes the text itself (the `[article]` work) and the works (chapters already resolved to carry their book's
fields) and returns the file's text. Accents stay Unicode (UTF-8 files); BibTeX titles protect
capitals that must not be lower-cased; BibLaTeX dates are EDTF; RIS has one ``AU`` line per author.
Every value is escaped by its format's grammar, so no value can add or end an entry, a field or a
tag line: CSL-JSON escapes control and bidi characters as ``\\uXXXX``; BibTeX gets TeX escapes,
braces as ``\\textbraceleft{}`` (a brace a value holds can never unbalance its field), names that
hold "and" or a comma braced, URLs percent-encoded where TeX would read them; RIS values stay on
their tag's line. Control and bidi characters are shown (``\\x1b``), never written raw.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from chron import dates
from chron.escape import BIDI, one_line, to_json
from chron.languages import babel_name
from chron.models import Name, Work
from chron.registry import Format

# ------------------------------------------------------------------ CSL-JSON

_CSL_FIELDS = (
    "title",
    "title_short",
    "container_title",
    "collection_title",
    "event_title",
    "publisher",
    "publisher_place",
    "volume",
    "issue",
    "page",
    "language",
    "URL",
    "note",
)


def csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    return {k: v for k, v in (("family", name.family), ("given", name.given)) if v}


def csl_date(text: str) -> dict[str, Any]:
    """An EDTF-subset date as a CSL date: date-parts (two for a range), season, circa."""
    value = dates.parse(text)
    out: dict[str, Any] = {}
    parts = []
    for point in (value.start, value.end) if value.is_interval else (value.start,):
        if point is None:
            continue
        e = point.earliest
        if point.precision == "day":
            parts.append([e.year, e.month, e.day])
        elif point.precision == "month":
            parts.append([e.year, e.month])
        else:
            parts.append([e.year])
        if point.precision == "season":
            out.setdefault("season", int(point.text[5:7]) - 20)
    if value.is_interval and value.start and value.end and value.start.precision == value.end.precision == "season":
        # CSL has no season ranges: give the printed form ("Autumn–Winter 1979–1980") as a literal date.
        a, b = value.start, value.end
        years = sorted({a.earliest.year, a.latest.year, b.earliest.year, b.latest.year})
        seasons = "–".join(dict.fromkeys(dates.SEASONS[int(p.text[5:7])].capitalize() for p in (a, b)))
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        return {"literal": f"{seasons} {span}"}
    out["date-parts"] = parts
    if value.approximate or value.uncertain:
        out["circa"] = True
    return out


def csl_item(work: Work) -> dict[str, Any]:
    """One work as a CSL-JSON item (only fields with values)."""
    item: dict[str, Any] = {"id": work.id, "type": work.type}
    if work.author:
        item["author"] = [csl_name(n) for n in work.author]
    if work.editor:
        item["editor"] = [csl_name(n) for n in work.editor]
    for field in _CSL_FIELDS:
        value = getattr(work, field)
        if value:
            item[field.replace("_", "-") if field != "URL" else field] = value
    if work.issued:
        item["issued"] = csl_date(work.issued)
    return item


def csl_json(works: Sequence[Work]) -> str:
    return to_json([csl_item(w) for w in works]) + "\n"


# ------------------------------------------------------------------ BibTeX and BibLaTeX

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    # Not \{ and \}: BibTeX counts braces without looking at backslashes, so one unmatched brace in
    # a value would end its field early.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX_SPECIAL))
MONTH_MACROS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def tex(text: str) -> str:
    """Escape TeX's special characters on one line; accents stay Unicode (the files are UTF-8);
    control and bidi characters are shown (``\\x1b``, itself escaped)."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m.group()], " ".join(one_line(text).split()))


def tex_url(url: str) -> str:
    """A URL for a verbatim field (BibLaTeX's ``url``, BibTeX's read by ``\\url``): not TeX-escaped,
    which would change it, but with what a field cannot hold (braces, backslashes, spaces, controls)
    percent-encoded, as a URL may write any character."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url.strip())


_URL_UNSAFE = re.compile("[{}\\\\\\s\x00-\x1f\x7f-\x9f" + BIDI + "]")


def protect_title(title: str) -> str:
    """Brace each capitalised word after the first, so BibTeX styles cannot lower-case proper nouns."""
    out = []
    for i, token in enumerate(title.split(" ")):
        m = re.fullmatch(r"(\W*)(.*?)([^\w’']*)", token)
        assert m is not None  # the pattern matches any token
        lead, core, trail = m.groups()
        if i and any(ch.isupper() for ch in core):
            out.append(f"{tex(lead)}{{{tex(core)}}}{tex(trail)}")
        else:
            out.append(tex(token))
    return " ".join(out)


def tex_names(names: Sequence[Name]) -> str:
    """ "Family, Given and Family, Given"; an institution in double braces so it is not split."""
    parts = []
    for n in names:
        if n.literal:
            parts.append(f"{{{tex(n.literal)}}}")
        else:
            parts.append(", ".join(_name_part(p) for p in (n.family, n.given) if p))
    return " and ".join(parts)


def _name_part(text: str) -> str:
    """A family or given name; braced when BibTeX would split it (at "and" or a comma)."""
    escaped = tex(text)
    return f"{{{escaped}}}" if "," in escaped or re.search(r"(?i)(?<!\S)and(?!\S)", escaped) else escaped


def _bib_type(work: Work, biblatex: bool) -> str:
    kinds = {
        "book": "book",
        "chapter": "incollection",
        "article-journal": "article",
        "article-magazine": "article",
        "article-newspaper": "article",
        "paper-conference": "unpublished" if biblatex else "misc",
        "webpage": "online" if biblatex else "misc",
        "report": "report" if biblatex else "techreport",
        "thesis": "thesis" if biblatex else "phdthesis",
        "manuscript": "unpublished",
    }
    return kinds.get(work.type, "misc")


def _entry(work: Work, biblatex: bool) -> str:
    fields: list[tuple[str, str]] = []

    def add(name: str, value: str | None, *, raw: bool = False) -> None:
        if value:
            fields.append((name, value if raw else tex(value)))

    add("author", tex_names(work.author), raw=True)
    add("editor", tex_names(work.editor), raw=True)
    if work.title:
        add("title", protect_title(work.title), raw=True)
    if work.title_short and biblatex:
        add("shorttitle", protect_title(work.title_short), raw=True)
    container = work.container_title
    if work.type == "chapter":
        add("booktitle", protect_title(container) if container else None, raw=True)
    elif work.type.startswith("article"):
        add("journaltitle" if biblatex else "journal", container)
        if biblatex and work.type == "article-newspaper":
            add("entrysubtype", "newspaper")
    if work.type == "paper-conference":
        if biblatex:
            add("eventtitle", work.event_title)
        else:
            add("howpublished", f"Paper presented at {work.event_title}" if work.event_title else None)
    add("volume", work.volume)
    add("number", work.issue)
    add("pages", work.page.replace("–", "--") if work.page else None)
    add("publisher", work.publisher)
    add("location" if biblatex else "address", work.publisher_place)
    if work.issued:
        value = dates.parse(work.issued)
        if biblatex:
            add("date", work.issued)  # biblatex reads EDTF: seasons, ranges, open ends, ~ and ?
        elif value.start:
            add("year", str(value.start.earliest.year))
            if value.start.precision in ("month", "day"):
                fields.append(("month", MONTH_MACROS[value.start.earliest.month - 1]))
                if value.start.precision == "day":
                    add("day", str(value.start.earliest.day))
    add("langid" if biblatex else "language", babel_name(work.language))
    add("url", tex_url(work.URL) if work.URL else None, raw=True)
    add("note", work.note)
    width = max((len(k) for k, _ in fields), default=0)
    body = ",\n".join(
        f"  {k.ljust(width)} = {v}" if k == "month" else f"  {k.ljust(width)} = {{{v}}}" for k, v in fields
    )
    return f"@{_bib_type(work, biblatex)}{{{work.id},\n{body}\n}}\n"


def bibtex(works: Sequence[Work]) -> str:
    return "\n".join(_entry(w, biblatex=False) for w in works)


def biblatex(works: Sequence[Work]) -> str:
    return "\n".join(_entry(w, biblatex=True) for w in works)


# ------------------------------------------------------------------ RIS

RIS_TYPES = {
    "book": "BOOK",
    "chapter": "CHAP",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "paper-conference": "CPAPER",
    "webpage": "ELEC",
    "report": "RPRT",
    "thesis": "THES",
    "manuscript": "UNPB",
}


def ris(works: Sequence[Work]) -> str:
    """RIS records, ``TY`` to ``ER``, one ``AU`` line per author, lines ended by CR LF."""
    lines: list[str] = []

    def tag(name: str, value: str | None) -> None:
        if value:  # on one line: a value can never start a tag line of its own
            lines.append(f"{name}  - {' '.join(one_line(value).split())}")

    for w in works:
        tag("TY", RIS_TYPES.get(w.type, "GEN"))
        tag("ID", w.id)
        for n in w.author:
            tag("AU", n.literal or ", ".join(p for p in (n.family, n.given) if p))
        for n in w.editor:
            tag("A2" if w.type == "chapter" else "ED", n.literal or ", ".join(p for p in (n.family, n.given) if p))
        tag("TI", w.title)
        tag("ST", w.title_short)
        tag("T2", w.container_title or w.event_title)
        if w.issued:
            value = dates.parse(w.issued)
            if value.start:
                e = value.start.earliest
                tag("PY", str(e.year))
                if value.start.precision in ("month", "day"):
                    day = f"{e.day:02d}" if value.start.precision == "day" else ""
                    tag("DA", f"{e.year}/{e.month:02d}/{day}/")
        tag("VL", w.volume)
        tag("IS", w.issue)
        if w.page:
            first, _, last = w.page.replace("–", "-").partition("-")
            tag("SP", first)
            tag("EP", last)
        tag("PB", w.publisher)
        tag("CY", w.publisher_place)
        tag("LA", w.language)
        tag("UR", w.URL)
        tag("N1", w.note)
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)


# The registry behind `chron export FORMAT`. Order is the help's order.
EXPORTS: dict[str, Format[Callable[[Sequence[Work]], str]]] = {
    "csl-json": Format(csl_json, "CSL-JSON, for pandoc, Zotero and every citeproc"),
    "bibtex": Format(bibtex, "BibTeX, for LaTeX with BibTeX"),
    "biblatex": Format(biblatex, "BibLaTeX, for LaTeX with biber"),
    "ris": Format(ris, "RIS, for Zotero, EndNote and Mendeley"),
}

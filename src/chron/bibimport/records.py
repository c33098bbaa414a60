"""From a reader's CSL-JSON record to a chron ``Work``: names, languages, ids and duplicates.

Every reader (BibTeX/BibLaTeX, RIS, CSL-JSON) produces a *record*: a dict with CSL-JSON keys
('container-title', 'issued' already as chron's EDTF, names as {family, given, literal}). Here a
record becomes a ``Work`` (keeping only the fields ``Work`` has and listing the others as ignored),
gets an id, and is compared with the works already there. Pure: no I/O.

Ids: the file's own key when it is already a chron id (lowercase letters, digits, single hyphens)
and free; otherwise ``<name><year>``: the first author's family name (else the first editor's, a
corporate name, a newspaper's title with its day as ``yyyymmdd``, or the title's first word),
folded to lowercase ASCII letters and digits, then the year of ``issued`` (``<name>-<first title
word>`` when there is no date). A taken id gets ``a``, ``b``, … : ``smith1952``, ``smith1952a``.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, cast, get_args

from chron import dates
from chron.models import NAME_ROLES, Name, Work, WorkType, alias

WORK_TYPES: frozenset[str] = frozenset(get_args(WorkType))
# TOML key -> Python attribute of every Work field a record may fill.
WORK_FIELDS: dict[str, str] = {
    alias(f.name): f.name
    for f in dataclasses.fields(Work)
    if f.name not in ("id", "type", "container", "editorial", *NAME_ROLES)
}
NAME_KEYS: dict[str, str] = {alias(role): role for role in NAME_ROLES}  # TOML key -> attribute
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def language_tag(value: str | None) -> str | None:
    """'german' or 'German' -> 'de'; a tag such as 'hu' or 'en-GB' stays as it is (``chron.languages``)."""
    from chron.languages import tag_of

    return tag_of(value)


def ascii_slug(text: str) -> str:
    """Lowercase ASCII letters and digits only: 'Lévêque' -> 'leveque', 'Szabó' -> 'szabo'."""
    special = {"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th", "ð": "d"}
    out = []
    for ch in text.lower():
        ch = special.get(ch, ch)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append("".join(c for c in base if c.isascii() and c.isalnum()))
    return "".join(out)


_ARTICLE_WORDS = "a an the le la les l der die das den het de el il lo gli i un une ein eine az egy"
_ARTICLES = frozenset(_ARTICLE_WORDS.split())


def _first_word(text: str) -> str:
    words = [w for w in re.split(r"[\s\-–—/:]+", text) if ascii_slug(w)]
    while len(words) > 1 and ascii_slug(words[0]) in _ARTICLES:
        words.pop(0)
    return ascii_slug(words[0]) if words else ""


def base_id(record: Mapping[str, Any]) -> str:
    """The id a record would get before disambiguation (see the module docstring)."""
    names = record.get("author") or record.get("editor") or []
    issued = record.get("issued")
    year = ""
    day = ""
    if issued and dates.is_valid(issued):
        value = dates.parse(issued)
        if value.start:
            year = str(value.start.earliest.year)
            if value.start.precision == "day":
                day = value.start.earliest.strftime("%Y%m%d")
    name = ""
    if names:
        first = names[0]
        name = ascii_slug(first.get("family") or "") or ascii_slug(first.get("literal") or "")
    if not name and record.get("type") == "article-newspaper" and record.get("container-title"):
        name = _first_word(record["container-title"])
        year = day or year
    if not name:
        name = _first_word(record.get("title") or record.get("container-title") or "") or "work"
    if year:
        return f"{name}{year}"
    title_word = _first_word(record.get("title") or "")
    return f"{name}-{title_word}" if title_word and title_word not in name else name


def choose_id(record: Mapping[str, Any], key: str | None, taken: set[str]) -> str:
    """The record's id: its own key when it is a free chron id, else ``base_id`` made unique."""
    if key and SLUG.match(key) and key not in taken:
        return key
    base = base_id(record)
    if base not in taken:
        return base
    for letter in "abcdefghijklmnopqrstuvwxyz":
        if base + letter not in taken:
            return base + letter
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _name(value: Mapping[str, Any]) -> Name | None:
    literal = (value.get("literal") or "").strip()
    if literal:
        return Name(literal=literal)
    family = " ".join(
        p for p in (value.get("non-dropping-particle"), value.get("family")) if isinstance(p, str) and p.strip()
    ).strip()
    given = " ".join(
        p for p in (value.get("given"), value.get("dropping-particle")) if isinstance(p, str) and p.strip()
    ).strip()
    suffix = (value.get("suffix") or "").strip()
    if suffix:
        given = f"{given}, {suffix}" if given else suffix
    if not family:
        return Name(literal=given) if given else None
    return Name(family=family, given=given or None)


def to_work(record: Mapping[str, Any], work_id: str) -> tuple[Work, list[str]]:
    """The record as a Work, and the record's keys that Work has no field for."""
    kind = record.get("type") or "document"
    values: dict[str, Any] = {}
    ignored = []
    for key, value in record.items():
        if key == "type" or value in (None, "", [], ()):
            continue
        if key in NAME_KEYS:
            values[NAME_KEYS[key]] = tuple(n for n in (_name(v) for v in value) if n)
        elif key == "page":
            values["page"] = re.sub(r"(?<=\w)\s*(?:--|-|—)\s*(?=\w)", "–", str(value))
        elif key in WORK_FIELDS:
            values[WORK_FIELDS[key]] = str(value)
        else:
            ignored.append(key)
    work = Work(id=work_id, type=cast(WorkType, kind if kind in WORK_TYPES else "document"), **values)
    if kind not in WORK_TYPES:
        ignored.append(f"type {kind} (kept as document)")
    return work, ignored


# ------------------------------------------------------------------ duplicates


def doi_of(value: str | None) -> str:
    """A DOI in lower case without its resolver prefix, or ''."""
    if not value:
        return ""
    m = re.search(r"(10\.\d{4,9}/\S+)", value)
    return m.group(1).lower().rstrip(".") if m else ""


def _fold(text: str | None) -> str:
    return " ".join(ascii_slug(w) for w in re.split(r"\W+", text or "") if ascii_slug(w))


def identity(work: Work, doi: str = "") -> tuple[str, tuple[str, str, str]]:
    """What makes two works the same: their DOI, or their folded title, year and first family name.
    An untitled work (a newspaper issue, a website) is known by its container or publisher and its
    whole date instead."""
    when = ""
    if work.issued and dates.is_valid(work.issued):
        start = dates.parse(work.issued).start
        when = str(start.earliest.year) if start else ""
    title = _fold(work.title)
    if not title:
        title = _fold(work.container_title) or _fold(work.publisher)
        when = work.issued or ""
    names = work.names()
    first = _fold(names[0].family or names[0].literal) if names else ""
    return doi or doi_of(work.URL), (title, when, first)


def find_duplicate(
    work: Work, doi: str, known: Iterable[tuple[str, tuple[str, tuple[str, str, str]]]]
) -> tuple[str, str] | None:
    """The id of a known work that ``work`` repeats, and why; None when it is new."""
    mine_doi, mine_key = identity(work, doi)
    for other_id, (other_doi, other_key) in known:
        if mine_doi and mine_doi == other_doi:
            return other_id, f"same DOI {mine_doi}"
        if mine_key[0] and mine_key == other_key:
            return other_id, "same title, year and first author"
    return None

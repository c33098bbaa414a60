"""The data a CSL style renders: one ``Item`` per work, read from CSL-JSON or from a chron ``Work`` (pure).

An item keeps its CSL variables in three maps (text and numbers as strings, names as ``Name``
lists, dates as ``DateValue``) under their CSL 1.0.2 names. Nothing here renders anything; the
variable lists say which kind each CSL variable is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_NAME_VARIABLES = (
    "author chair collection-editor compiler composer container-author contributor curator director editor "
    "editorial-director editor-translator executive-producer guest host illustrator interviewer narrator organizer "
    "original-author performer producer recipient reviewed-author script-writer series-creator translator"
)
NAME_VARIABLES = frozenset(_NAME_VARIABLES.split())
_DATE_VARIABLES = "accessed available-date event-date issued original-date submitted"
DATE_VARIABLES = frozenset(_DATE_VARIABLES.split())
_NUMBER_VARIABLES = (
    "chapter-number citation-number collection-number edition first-reference-note-number issue locator number "
    "number-of-pages number-of-volumes page page-first part-number printing-number section supplement-number "
    "version volume"
)
NUMBER_VARIABLES = frozenset(_NUMBER_VARIABLES.split())
_TEXT_VARIABLES = (
    "abstract annote archive archive_collection archive_location archive-place authority call-number citation-key "
    "citation-label collection-title container-title container-title-short dimensions division DOI event event-title "
    "event-place genre ISBN ISSN jurisdiction keyword language license medium note original-publisher "
    "original-publisher-place original-title part-title PMCID PMID publisher publisher-place references "
    "reviewed-genre reviewed-title scale source status title title-short URL volume-title year-suffix"
)
TEXT_VARIABLES = frozenset(_TEXT_VARIABLES.split())
VARIABLES = NAME_VARIABLES | DATE_VARIABLES | NUMBER_VARIABLES | TEXT_VARIABLES
SHORT_FORMS = {"title": "title-short", "container-title": "container-title-short"}
"""Variables whose short form is another variable (``<text variable="title" form="short"/>``)."""
_ALIASES = {"event": "event-title", "journalAbbreviation": "container-title-short"}


@dataclass(frozen=True, slots=True)
class Name:
    """One name: a person's parts, or an institution's ``literal`` name."""

    family: str = ""
    given: str = ""
    dropping: str = ""
    """A particle dropped when only the family name is shown ("von" in Alexander von Humboldt)."""
    non_dropping: str = ""
    """A particle kept with the family name ("van" in Vincent van Gogh)."""
    suffix: str = ""
    literal: str = ""
    comma_suffix: bool = False
    static_order: bool = False
    """Family name first, without a comma, whatever the style asks (items in hu or vi: family-first languages)."""

    @property
    def personal(self) -> bool:
        return not self.literal and bool(self.family)

    def key(self) -> tuple[str, ...]:
        return (self.family, self.given, self.dropping, self.non_dropping, self.suffix, self.literal)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A CSL date: one or two (year, month, day) triples (0 for a part that is missing), a season
    (1-4 or a name), circa, or a ``literal`` text the style prints as it is."""

    start: tuple[int, int, int] = (0, 0, 0)
    end: tuple[int, int, int] | None = None
    season: int | str | None = None
    circa: bool = False
    literal: str = ""

    @property
    def year(self) -> int:
        return self.start[0]


class Item:
    """A work as a CSL style sees it: its type, and its variables by CSL name."""

    __slots__ = ("dates", "id", "language", "markup", "names", "type", "vars")

    def __init__(
        self,
        id: str,
        type: str,
        vars: dict[str, str],
        names: dict[str, tuple[Name, ...]],
        dates: dict[str, DateValue],
        markup: bool = True,
    ) -> None:
        """``markup``: whether the values hold CSL-JSON's HTML-like markup (``<i>``, ``<b>``...), as
        CSL-JSON does; chron's own data is plain text, where a tag is words."""
        self.id = id
        self.markup = markup
        self.type = type
        self.vars = vars
        self.names = names
        self.dates = dates
        self.language = vars.get("language", "")

    def has(self, variable: str) -> bool:
        """Whether the variable has a value (CSL's ``variable`` condition)."""
        if variable in self.vars:
            return True
        return variable in self.names or variable in self.dates

    def text(self, variable: str, form: str = "long") -> str:
        if form == "short" and variable in SHORT_FORMS:
            return self.vars.get(SHORT_FORMS[variable]) or self.vars.get(variable, "")
        return self.vars.get(variable, "")

    def __repr__(self) -> str:
        return f"Item({self.id!r}, {self.type!r})"


# ------------------------------------------------------------------ from CSL-JSON


def from_csl_json(data: Mapping[str, Any]) -> Item:
    """An item from one CSL-JSON object (as Zotero, pandoc and chron's export write them)."""
    vars: dict[str, str] = {}
    names: dict[str, tuple[Name, ...]] = {}
    dates: dict[str, DateValue] = {}
    language = str(data.get("language") or "")
    for key, value in data.items():
        if key in ("id", "type") or value is None or value == "":
            continue
        if key in NAME_VARIABLES:
            parsed = tuple(_name(n, language) for n in value if isinstance(n, Mapping))
            if parsed:
                names[key] = parsed
        elif key in DATE_VARIABLES:
            date = _date(value)
            if date is not None:
                dates[key] = date
        elif key in VARIABLES or key in _ALIASES:
            vars[key] = str(value).strip() if not isinstance(value, str) else value.strip()
    return finish(str(data.get("id", "")), str(data.get("type", "document")), vars, names, dates)


def finish(
    id: str,
    type: str,
    vars: dict[str, str],
    names: dict[str, tuple[Name, ...]],
    dates: dict[str, DateValue],
    markup: bool = True,
) -> Item:
    """An item with CSL's derived variables filled in: aliases and the first page."""
    for a, b in _ALIASES.items():
        if a in vars and b not in vars:
            vars[b] = vars[a]
    if "page" in vars and "page-first" not in vars:
        first = re.split(r"\s*[-–—,&]\s*", vars["page"])[0]
        if first:
            vars["page-first"] = first
    vars.pop("year-suffix", None)
    return Item(id, type, {k: v for k, v in vars.items() if v}, names, dates, markup)


_STATIC_ORDER_LANGUAGES = ("hu", "vi")  # names printed family first, as citeproc-js does for these languages


def _name(data: Mapping[str, Any], language: str) -> Name:
    if data.get("literal"):
        return Name(literal=_apostrophes(str(data["literal"]).strip()))
    family = _apostrophes(str(data.get("family") or "").strip())
    given = _apostrophes(str(data.get("given") or "").strip())
    if not family:
        return Name(literal=given)
    return Name(
        family=family,
        given=given,
        dropping=str(data.get("dropping-particle") or "").strip(),
        non_dropping=str(data.get("non-dropping-particle") or "").strip(),
        suffix=str(data.get("suffix") or "").strip(),
        comma_suffix=bool(data.get("comma-suffix")),
        static_order=bool(data.get("static-ordering")) or language in _STATIC_ORDER_LANGUAGES,
    )


def _apostrophes(text: str) -> str:
    return text.replace("'", "’")


def _date(data: Any) -> DateValue | None:
    if isinstance(data, str):
        return DateValue(literal=data.strip()) if data.strip() else None
    if not isinstance(data, Mapping):
        return None
    parts = [_triple(p) for p in data.get("date-parts") or () if isinstance(p, list | tuple)]
    parts = [p for p in parts if p[0]]
    season = data.get("season")
    if isinstance(season, str) and season.isdigit():
        season = int(season)
    circa = bool(data.get("circa"))
    if not parts:
        literal = str(data.get("literal") or data.get("raw") or "").strip()
        return DateValue(literal=literal, circa=circa) if literal else None
    end = parts[1] if len(parts) > 1 and parts[1] != parts[0] else None
    return DateValue(parts[0], end, season if isinstance(season, int | str) and season else None, circa)


def _triple(part: list[Any] | tuple[Any, ...]) -> tuple[int, int, int]:
    out = [0, 0, 0]
    for i, value in enumerate(part[:3]):
        try:
            out[i] = int(str(value).strip())
        except ValueError:
            break
    if not 1 <= out[1] <= 24:  # months 1-12, seasons written as months 13-16 or 21-24
        out[1] = out[2] = 0
    return (out[0], out[1], out[2])


# ------------------------------------------------------------------ back to CSL-JSON


def to_csl_json(item: Item) -> dict[str, Any]:
    """The item as a CSL-JSON object (what another CSL processor is given to render the same item)."""
    out: dict[str, Any] = {"id": item.id, "type": item.type}
    out.update({k: v for k, v in item.vars.items() if k not in ("page-first",)})
    for var, names in item.names.items():
        out[var] = [_name_json(n) for n in names]
    for var, date in item.dates.items():
        out[var] = _date_json(date)
    return out


def _name_json(name: Name) -> dict[str, Any]:
    if name.literal:
        return {"literal": name.literal}
    found = {
        "family": name.family,
        "given": name.given,
        "dropping-particle": name.dropping,
        "non-dropping-particle": name.non_dropping,
        "suffix": name.suffix,
    }
    return {k: v for k, v in found.items() if v}


def _date_json(date: DateValue) -> dict[str, Any]:
    if date.literal:
        return {"literal": date.literal}
    parts = [[p for p in date.start if p]]
    if date.end:
        parts.append([p for p in date.end if p])
    out: dict[str, Any] = {"date-parts": parts}
    if date.season:
        out["season"] = date.season
    if date.circa:
        out["circa"] = True
    return out

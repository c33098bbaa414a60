"""Dates as bibliographies write them, turned into chron's EDTF subset (pure, standard library).

``from_text`` reads what people type in a date field: EDTF itself ('1979-09/1980-02', '2005-23'),
RIS dates ('1998/04//'), 'Autumn 2005', 'Fall 2005', 'Autumn–Winter 1979–1980', 'November–December
1956', '25 November 1956', 'Nov. 25, 1956', '29–30 October 1956', 'c. 1956', '1953–1963'. ``from_csl`` reads a CSL-JSON
date object (date-parts, season, circa, literal, raw). Anything else is ``None``: never a guess.
"""

from __future__ import annotations

import re
from typing import Any

from chron import dates

SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
MONTH_NUMBERS = {m.lower(): i for i, m in enumerate(dates.MONTHS, 1)}
MONTH_NUMBERS.update({m[:3].lower(): i for i, m in enumerate(dates.MONTHS, 1)})
MONTH_NUMBERS["sept"] = 9
_DASH = r"\s*(?:-|–|—|--|/)\s*"


def _month(word: str) -> int | None:
    return MONTH_NUMBERS.get(word.lower().rstrip("."))


def _valid(text: str) -> str | None:
    return text if dates.is_valid(text) else None


def from_text(text: str | None) -> str | None:
    """A date field's text as an EDTF date of chron's subset, or None when it is not a date."""
    if not text:
        return None
    value = " ".join(str(text).split()).strip(" .,;")
    if not value:
        return None
    if dates.is_valid(value):
        return value
    lowered = value.lower()
    qualifier = ""
    m = re.match(r"^(?:c\.|ca\.?|circa|about)\s*(.+)$", lowered)
    if m:
        lowered, qualifier = m.group(1), "~"
    for reader in (_ris, _seasons, _months, _day_month_year, _day_ranges, _years):
        found = reader(lowered)
        if found:
            if qualifier and "/" not in found:
                return _valid(found + qualifier)
            return found
    return None


def _ris(value: str) -> str | None:
    """RIS 'YYYY/MM/DD/other': '1998/04//', '1956/11/25/', '1971///'."""
    m = re.fullmatch(r"(\d{4})(?:/(\d{1,2})?(?:/(\d{1,2})?(?:/.*)?)?)?", value)
    if not m:
        return None
    year, month, day = m.groups()
    if month and day:
        return _valid(f"{year}-{int(month):02d}-{int(day):02d}")
    if month:
        return _valid(f"{year}-{int(month):02d}")
    return _valid(year)


def _seasons(value: str) -> str | None:
    """'autumn 2005', 'fall 2005', 'autumn–winter 1979–1980', 'winter 1979-80'."""
    names = "|".join(SEASON_CODES)
    m = re.fullmatch(rf"({names})(?:{_DASH}({names}))?\s+(\d{{4}})(?:{_DASH}(\d{{2,4}}))?", value)
    if not m:
        return None
    first, second, year_text, end_text = m.groups()
    year = int(year_text)
    end_year = _full_year(year, end_text) if end_text else year
    a = SEASON_CODES[first]
    if second is None:
        # 'winter 1979-80' is one winter: it starts in the first year
        if end_text and not (a == 24 and end_year == year + 1):
            return None
        return _valid(f"{year}-{a}")
    b = SEASON_CODES[second]
    # a winter that ends the range runs into the next year: 'Autumn–Winter 1979–1980' ends in winter 1979
    last = end_year - 1 if b == 24 and end_year == year + 1 else end_year
    if b != 24 and end_year != year and end_text:
        last = end_year
    return _valid(f"{year}-{a}/{last}-{b}")


def _full_year(start: int, text: str) -> int:
    if len(text) == 4:
        return int(text)
    century = start - start % int(10 ** len(text))
    return century + int(text)


def _months(value: str) -> str | None:
    """'november 1956', 'nov. 1956', 'november–december 1956', 'november 1956 – january 1957'."""
    word = r"([a-z]{3,9}\.?)"
    m = re.fullmatch(rf"{word}\s+(\d{{4}})", value)
    if m and _month(m.group(1)):
        return _valid(f"{m.group(2)}-{_month(m.group(1)):02d}")
    m = re.fullmatch(rf"{word}{_DASH}{word}\s+(\d{{4}})", value)
    if m and _month(m.group(1)) and _month(m.group(2)):
        a, b, year = _month(m.group(1)), _month(m.group(2)), m.group(3)
        return _valid(f"{year}-{a:02d}/{year}-{b:02d}")
    m = re.fullmatch(rf"{word}\s+(\d{{4}}){_DASH}{word}\s+(\d{{4}})", value)
    if m and _month(m.group(1)) and _month(m.group(3)):
        return _valid(f"{m.group(2)}-{_month(m.group(1)):02d}/{m.group(4)}-{_month(m.group(3)):02d}")
    return None


def _day_month_year(value: str) -> str | None:
    """'25 november 1956', 'november 25, 1956', 'nov. 25 1956'."""
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9}\.?),?\s+(\d{4})", value)
    if m and _month(m.group(2)):
        return _valid(f"{m.group(3)}-{_month(m.group(2)):02d}-{int(m.group(1)):02d}")
    m = re.fullmatch(r"([a-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", value)
    if m and _month(m.group(1)):
        return _valid(f"{m.group(3)}-{_month(m.group(1)):02d}-{int(m.group(2)):02d}")
    return None


def _day_ranges(value: str) -> str | None:
    """'29–30 october 1956', '29 october – 3 november 1956', '30 december 1956 – 2 january 1957'."""
    word = r"([a-z]{3,9}\.?)"
    m = re.fullmatch(rf"(\d{{1,2}}){_DASH}(\d{{1,2}})\s+{word}\s+(\d{{4}})", value)
    if m and _month(m.group(3)):
        month, year = _month(m.group(3)), m.group(4)
        return _valid(f"{year}-{month:02d}-{int(m.group(1)):02d}/{year}-{month:02d}-{int(m.group(2)):02d}")
    m = re.fullmatch(rf"(\d{{1,2}})\s+{word}(?:\s+(\d{{4}}))?\s+(?:-|–|—|--)\s+(\d{{1,2}})\s+{word}\s+(\d{{4}})", value)
    if m and _month(m.group(2)) and _month(m.group(5)):
        start_year = m.group(3) or m.group(6)
        a = f"{start_year}-{_month(m.group(2)):02d}-{int(m.group(1)):02d}"
        return _valid(f"{a}/{m.group(6)}-{_month(m.group(5)):02d}-{int(m.group(4)):02d}")
    return None


def _years(value: str) -> str | None:
    """'1953–1963', '1956-57'."""
    m = re.fullmatch(rf"(\d{{4}}){_DASH}(\d{{2,4}})", value)
    if not m:
        return None
    start = int(m.group(1))
    return _valid(f"{start}/{_full_year(start, m.group(2))}")


def from_csl(value: Any) -> str | None:
    """A CSL-JSON date object ({"date-parts": [[1956, 11]], "season": 3, "circa": true, ...})."""
    if isinstance(value, str):
        return from_text(value)
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and all(isinstance(p, list) and p for p in parts):
        points = [_point(p) for p in parts[:2]]
        if any(p is None for p in points):
            return None
        texts = [p for p in points if p]
        season = value.get("season")
        if season not in (None, "") and len(texts) == 1 and re.fullmatch(r"\d{4}", texts[0]):
            code = _season_code(season)
            if code:
                texts = [f"{texts[0]}-{code}"]
        edtf = "/".join(texts) if len(texts) == 2 and texts[0] != texts[1] else texts[0]
        if value.get("circa") and "/" not in edtf:
            edtf += "~"
        return _valid(edtf)
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            return from_text(value[key])
    return None


def _point(part: list[Any]) -> str | None:
    try:
        numbers = [int(str(x)) for x in part[:3]]
    except ValueError:
        return None
    year = numbers[0]
    if len(numbers) == 1:
        return f"{year:04d}"
    if len(numbers) == 2:
        return f"{year:04d}-{numbers[1]:02d}"
    return f"{year:04d}-{numbers[1]:02d}-{numbers[2]:02d}"


def _season_code(season: Any) -> int | None:
    text = str(season).strip().lower()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 4:  # int() fails on "²"
        return 20 + int(text)
    if text.isascii() and text.isdigit() and 21 <= int(text) <= 24:
        return int(text)
    return SEASON_CODES.get(text)

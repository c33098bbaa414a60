"""Bibliography exports: CSL-JSON, BibTeX, BibLaTeX and RIS writers (pure: works in, text out).

Each writer takes the article and the works (chapters already resolved to carry their book's
fields) and returns the file's text. Accents stay Unicode (UTF-8 files); BibTeX titles protect
capitals that must not be lower-cased; BibLaTeX dates are EDTF; RIS has one ``AU`` line per author.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from chron import dates
from chron.models import Name, Work

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
    return json.dumps([csl_item(w) for w in works], ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------ shared helpers for the other formats


def _year(work: Work) -> str | None:
    if not work.issued:
        return None
    value = dates.parse(work.issued)
    return str(value.earliest.year) if value.start else None


def _plain_name(name: Name) -> str:
    return name.literal or ", ".join(p for p in (name.family, name.given) if p)


_CAPS = re.compile(r"(?<![\w{])([A-Z][\w’'.-]*[A-Z0-9][\w’'-]*|(?<=\s)[A-Z][\w’'-]*|\d\w*)")

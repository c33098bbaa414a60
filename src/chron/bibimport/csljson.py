"""CSL-JSON (Zotero, pandoc, citeproc-js) to records: mostly a copy, with dates made EDTF.

The fields keep their CSL names. Dates (``issued`` with ``date-parts``, ``season``, ``circa``,
``literal`` or ``raw``) become chron's EDTF; numbers become strings; Zotero's older ``shortTitle``
is ``title-short``. Names keep ``family``, ``given``, ``literal`` and their particles.
"""

from __future__ import annotations

import json
from typing import Any

from chron.bibimport import dates
from chron.bibimport.records import language_tag

NAME_KEYS = ("family", "given", "literal", "non-dropping-particle", "dropping-particle", "suffix")
RENAMED = {"shortTitle": "title-short", "journalAbbreviation": "container-title-short", "event": "event-title"}
NAME_ROLES = (
    "author", "editor", "translator", "container-author", "collection-editor", "interviewer", "recipient", "director"
)  # fmt: skip
DATE_FIELDS = ("issued", "original-date", "accessed", "event-date", "submitted")


def _names(value: Any) -> list[dict[str, str]]:
    out = []
    for name in value if isinstance(value, list) else []:
        if isinstance(name, dict):
            kept = {k: str(name[k]).strip() for k in NAME_KEYS if name.get(k)}
            if kept:
                out.append(kept)
    return out


def record(item: dict[str, Any]) -> tuple[dict[str, Any], list[str], list[str]]:
    warnings: list[str] = []
    rec: dict[str, Any] = {"type": str(item.get("type") or "document")}
    for original, value in item.items():
        key = RENAMED.get(original, original)
        if key in ("id", "type") or value in (None, "", [], {}):
            continue
        if original == "event" and item.get("event-title"):
            continue  # CSL 1.0.1's "event" beside 1.0.2's "event-title": one value, kept once
        if key in NAME_ROLES:
            rec[key] = _names(value)
        elif key in DATE_FIELDS:
            edtf = dates.from_csl(value)
            if edtf:
                rec[key] = edtf
            else:
                warnings.append(f"{key} {json.dumps(value, ensure_ascii=False)} is not a date chron can store")
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            rec[key] = str(value).strip()
        else:
            rec[key] = value
    if rec.get("language"):
        rec["language"] = language_tag(rec["language"])
    return rec, [], warnings


def read(text: str) -> tuple[list[tuple[str, dict[str, Any], list[str], list[str]]], list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return [], [f"the CSL-JSON text is not JSON (line {err.lineno}, column {err.colno}: {err.msg})"]
    if isinstance(data, dict):
        data = data.get("items") or data.get("references") or [data]
    if not isinstance(data, list):
        return [], ["the CSL-JSON text is not a list of items"]
    out = []
    problems = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            problems.append(f"item {i} is not an object and was skipped")
            continue
        rec, ignored, warnings = record(item)
        out.append((str(item.get("id") or ""), rec, ignored, warnings))
    return out, problems

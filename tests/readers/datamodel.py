"""biblatex's default data model as biber checks it, read from ``biblatex-datamodel.json`` (pure).

The JSON is extracted from biber's own ``biber-tool.conf`` by ``tests/readers/exports.py
--datamodel`` (biber 2.18; biber is free software under the Artistic License 2.0). ``problems``
repeats what ``biber --validate-datamodel`` reports for one entry (a field the entry type does not
take, a value that is not of the field's type, a missing mandatory field), so the tests check
chron's exports against the model without biber; the script runs biber itself and checks that the
two agree.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

MODEL = Path(__file__).parent / "biblatex-datamodel.json"
# biber's default driver map for BibTeX files: types and field names it renames before checking.
TYPE_MAP = {"phdthesis": "thesis", "mastersthesis": "thesis", "techreport": "report", "conference": "inproceedings"}
FIELD_MAP = {"journal": "journaltitle", "address": "location", "school": "institution", "key": "sortkey"}
DATE_FIELDS = {"date": "year", "origdate": "origyear", "urldate": "urlyear", "eventdate": "eventyear"}


@cache
def model() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MODEL.read_text(encoding="utf-8"))
    return data


def problems(kind: str, fields: dict[str, str]) -> list[str]:
    """What biber's validation says of one entry: 'invalid field X', 'invalid value of X',
    'missing X' (or 'missing one of X, Y'). ``fields`` uses the entry's own (lower-case) names."""
    m = model()
    original, kind = kind, TYPE_MAP.get(kind, kind)
    names = {FIELD_MAP.get(k, k): v for k, v in fields.items()}
    if original != kind:
        names.setdefault("type", original)  # biber's driver map sets it
    out = []
    if kind not in m["entrytypes"]:
        return [f"unknown entry type {kind}"]
    valid = set(m["fields"]["ALL"]) | set(m["fields"].get(kind, []))
    for name, value in names.items():
        checked = DATE_FIELDS.get(name, name)
        if checked not in valid:
            out.append(f"invalid field {name}")
        elif name.endswith("yeardivision"):
            continue  # a season name: biber folds it into the date before checking
        elif m["datatypes"].get(name) in ("integer", "datepart") and not _number(name, value):
            out.append(f"invalid value of {name}")
    for constraint in m["mandatory"].get(kind, []):
        if isinstance(constraint, str):
            if constraint not in names:
                out.append(f"missing {constraint}")
        elif not any(f in names for f in constraint[1:]):
            out.append(f"missing one of {', '.join(constraint[1:])}")
    return out


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _number(name: str, value: str) -> bool:
    text = value.strip().lower()
    return bool(re.fullmatch(r"-?\d+", text)) or (name.endswith("month") and text[:3] in MONTHS)

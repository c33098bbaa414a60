"""The JSON Schema of the two data files, generated from the record types (``chron schema``).

Editors that read a file's ``#:schema`` line (taplo, Even Better TOML) validate and complete keys
against it. Field docstrings become descriptions, which pydantic reads from the source of
the record modules (models/): only this module asks for them, so ordinary loads never pay for it.
"""

from __future__ import annotations

import json
from typing import Any

from chron.models import PYDANTIC_CONFIG, SCHEMA_VERSION, Chronology, Schema, Sources


def _without_null(node: Any) -> Any:
    """TOML has no null: an optional field is simply left out, so drop the null branches."""
    if isinstance(node, list):
        return [_without_null(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _without_null(v) for k, v in node.items() if not (k == "default" and v is None)}
    branches = out.get("anyOf")
    if isinstance(branches, list):
        kept = [b for b in branches if b != {"type": "null"}]
        if len(kept) == 1:
            del out["anyOf"]
            out.update(kept[0])
        else:
            out["anyOf"] = kept
    return out


SCHEMA_MODELS: dict[str, type[Schema]] = {"chronology": Chronology, "sources": Sources}


def json_schema(kind: str) -> str:
    """The JSON Schema of one data file (``chronology`` or ``sources``), as stable, sorted JSON text."""
    from pydantic import TypeAdapter

    PYDANTIC_CONFIG["use_attribute_docstrings"] = True  # for this schema only; see the module docstring
    try:
        schema = _without_null(TypeAdapter(SCHEMA_MODELS[kind]).json_schema(by_alias=True))
    finally:
        PYDANTIC_CONFIG["use_attribute_docstrings"] = False
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"chron {kind}.toml (schema_version {SCHEMA_VERSION})"
    # The `#:schema` comment line is TOML, not data, so the schema need not allow it; editors that
    # read it (taplo, Even Better TOML) validate every other key against this document.
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

"""Reading a footnoted text's own notes: the pure core of ``chron extract`` and ``check --article``.

Text (or a document's bytes, through pandoc) in, data out: the notes with their verbatim text and
the body words each marker follows, the convention detected, and every anomaly as a value. No
typer, no rich; only ``extract_file`` reads a file, and only the pandoc reader runs a program.

The names below are imported from their modules on first use, so a command that needs only the
registries (``LAYOUTS``, ``MARKER_STYLES`` for its options) does not compile the readers' patterns.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chron.extract.check import Finding, check_text
    from chron.extract.documents import PANDOC_FORMATS, extract_document, extract_file
    from chron.extract.model import (
        ANOMALY_KINDS,
        ITEM_STYLES,
        LAYOUTS,
        MARKER_STYLES,
        Anomaly,
        AnomalyKind,
        Convention,
        Extraction,
        Marker,
        Note,
    )
    from chron.extract.text import extract_text, kept_text

_HOME = {
    "Finding": "check",
    "check_text": "check",
    "PANDOC_FORMATS": "documents",
    "extract_document": "documents",
    "extract_file": "documents",
    "ANOMALY_KINDS": "model",
    "ITEM_STYLES": "model",
    "LAYOUTS": "model",
    "MARKER_STYLES": "model",
    "Anomaly": "model",
    "AnomalyKind": "model",
    "Convention": "model",
    "Extraction": "model",
    "Marker": "model",
    "Note": "model",
    "extract_text": "text",
    "kept_text": "text",
}

__all__ = [
    "ANOMALY_KINDS",
    "ITEM_STYLES",
    "LAYOUTS",
    "MARKER_STYLES",
    "PANDOC_FORMATS",
    "Anomaly",
    "AnomalyKind",
    "Convention",
    "Extraction",
    "Finding",
    "Marker",
    "Note",
    "check_text",
    "extract_document",
    "extract_file",
    "extract_text",
    "kept_text",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"chron.extract.{home}"), name)
    globals()[name] = value
    return value

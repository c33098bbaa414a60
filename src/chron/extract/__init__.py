"""Reading a footnoted text's own notes: the pure core of ``chron extract`` and ``check --article``.

Text (or a document's bytes, through pandoc) in, data out: the notes with their verbatim text and
the body words each marker follows, the convention detected, and every anomaly as a value. No
typer, no rich; only ``extract_file`` reads a file, and only the pandoc reader runs a program.
"""

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

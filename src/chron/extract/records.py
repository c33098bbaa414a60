"""An extraction as the dataset's own note records: what ``chron extract --write`` adds to sources.toml.

Each note keeps its number, its verbatim text and the words its marker follows. Where the text has
no note text or no marker, the record says so in the field the schema has for it (``text_missing``,
``marker_absent``), and a marker read through a slip or a Markdown label is noted in ``remark``,
so that the dataset passes ``chron check`` and a person sees what to look at. Pure.
"""

from __future__ import annotations

from chron.extract.model import Extraction
from chron.models import Note


def note_records(ex: Extraction) -> list[Note]:
    """The extraction's notes as ``chron.models.Note`` records, in number order, without cites."""
    out: list[Note] = []
    for note in ex.notes:
        remarks: list[str] = []
        if note.marker is not None and note.marker.garbled:
            remarks.append(f"The marker is printed {note.marker.printed!r} (a slip, as from OCR) and read as {note.n}.")
        if note.label:
            remarks.append(f"The text labels this note [^{note.label}].")
        if note.marker is None:
            absent: str | None = f"No marker {note.n} was found in the body of the text."
        elif not note.attached_to:
            absent = f"Marker {note.n} stands at line {note.marker.line} with no words before it."
        else:
            absent = None
        out.append(
            Note(
                n=note.n,
                text=note.text or None,
                text_missing=None if note.text else f"The text has marker {note.n} but no note {note.n}.",
                attached_to=note.attached_to if absent is None else None,
                marker_absent=absent,
                remark=" ".join(remarks) or None,
            )
        )
    return out

"""``chron extract``: a text's numbered notes, their verbatim text and the words each marker follows;
with ``--write``, added to the dataset's sources.toml (never over a curated note) and the text kept
beside the data as article.txt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chron.cli.check import LayoutOpt, MarkersOpt
from chron.cli.context import STATE, say, writable_data_dir
from chron.cli.options import FormatOpt, a_path, emit
from chron.errors import ChronError, DataError, UsageError

if TYPE_CHECKING:
    from chron.extract import Extraction


def extract(
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
            help="The text: plain text or Markdown (UTF-8), or docx, odt, html, LaTeX or EPUB through pandoc.",
            callback=a_path,
        ),
    ],
    data: Annotated[
        str | None,
        typer.Option(
            "--data", metavar="DIR", help="The dataset folder to write into (as chron's --data).", callback=a_path
        ),
    ] = None,
    layout: LayoutOpt = None,
    markers: MarkersOpt = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write", help="Add the notes the dataset lacks to its sources.toml and keep the text as article.txt."
        ),
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """Find a text's numbered notes and the words each marker follows; --write adds them to the dataset."""
    from chron.extract import PANDOC_FORMATS, extract_file
    from chron.listings import extracted_notes

    if data:
        STATE.data = data
    path = Path(text)
    if (layout or markers) and path.suffix.lower() in PANDOC_FORMATS:
        raise UsageError(f"--layout and --markers name a plain text's convention; {text!r} is read through pandoc.")
    folder = writable_data_dir("--write") if write else None  # a wrong folder is said before the text is read
    ex = extract_file(path, layout=layout, markers=markers)
    count = len(ex.notes)
    say(f"{text}: {count} note{'' if count == 1 else 's'}; {ex.convention.describe()}.")
    for anomaly in ex.anomalies:
        say(f"{text}: {anomaly.where}: {anomaly.kind}: {anomaly.message}")
    emit(extracted_notes(ex), fmt)
    if folder is not None:
        _write(folder, ex, text)


def _write(folder: Path, ex: Extraction, text_name: str) -> None:
    """Add the notes sources.toml lacks, keep the text, and report what differs (exit 1 when something does)."""
    from chron.cli.files import sources_text, write_atomically, write_sources
    from chron.extract import kept_text
    from chron.extract.records import note_records
    from chron.load import KEPT_TEXT, read_text_file
    from chron.tomlwrite import add_notes

    src, old = sources_text(folder)
    result = add_notes(old, note_records(ex))
    if result.added:
        write_sources(src, result.text)
    kept = folder / KEPT_TEXT
    words = kept_text(ex)
    other_text = False
    if not kept.exists():
        write_atomically(kept, words, force=False)
        say(f"kept the text as {kept}")
    else:
        try:
            other_text = read_text_file(kept, str(kept)) != words
        except DataError:
            other_text = True
    said = f"{len(result.same)} {'was' if len(result.same) == 1 else 'were'} there already"
    say(f"added {_count(len(result.added), 'note')} to {src}; {said}")
    for n, fields in result.differing:
        verb = "differs" if len(fields) == 1 else "differ"
        say(f"{src}: notes[n={n}]: its {' and '.join(fields)} {verb} from the text's; left as it is")
    if other_text:
        say(f"{kept} holds another text; left as it is")
    if result.differing or other_text:
        parts = [f"note {n} ({' and '.join(fields)})" for n, fields in result.differing]
        parts += [str(kept)] if other_text else []
        raise ChronError(
            f"left as they were because they differ from this text: {'; '.join(parts)}. Compare them with "
            f"`chron --data {folder} check --article {text_name if other_text else kept}`."
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"

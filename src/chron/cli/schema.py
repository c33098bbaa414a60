"""``chron schema``: print or write the JSON Schema of the data files (docs/schema/ is made by it)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chron.cli.context import out, say
from chron.cli.options import a_path
from chron.errors import ChronError


class SchemaFile(StrEnum):
    chronology = "chronology"
    sources = "sources"


def schema(
    kind: Annotated[SchemaFile | None, typer.Argument(help="Which file's schema to print.")] = None,
    output_dir: Annotated[
        str | None,
        typer.Option(
            "--output-dir",
            "-o",
            metavar="DIR",
            help="Write both schemas into DIR as <file>.schema.json.",
            callback=a_path,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite schema files already in DIR.")] = False,
) -> None:
    """Print the JSON Schema of chronology.toml or sources.toml, or write both to a folder."""
    from chron.cli.files import target_of, write_atomically
    from chron.schema import json_schema

    if output_dir is None:
        if kind is None:
            raise ChronError(
                "name a file (`chron schema chronology` or `chron schema sources`), or give --output-dir DIR."
            )
        out(json_schema(kind.value), end="")
        return
    folder = Path(output_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ChronError(f"cannot write to {str(output_dir)!r}: {err.strerror}. Choose a writable folder.") from None
    targets = [(folder / f"{item.value}.schema.json", item) for item in ([kind] if kind else list(SchemaFile))]
    for target, _ in targets:  # every file checked before any is written: both or neither
        target_of(target, force=force, option="--output-dir")
    for target, item in targets:
        write_atomically(target, json_schema(item.value), force=force, option="--output-dir")
        say(f"wrote {target}")

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
) -> None:
    """Print the JSON Schema of chronology.toml or sources.toml, or write both to a folder."""
    from chron.schema import json_schema

    if output_dir is None:
        if kind is None:
            raise ChronError(
                "name a file (`chron schema chronology` or `chron schema sources`), or give --output-dir DIR."
            )
        out(json_schema(kind.value), end="")
        return
    try:
        folder = Path(output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for item in [kind] if kind else list(SchemaFile):
            target = folder / f"{item.value}.schema.json"
            target.write_text(json_schema(item.value), encoding="utf-8")
            say(f"wrote {target}")
    except OSError as err:
        raise ChronError(f"cannot write to {str(output_dir)!r}: {err.strerror}. Choose a writable folder.") from None

"""``chron check``: validate a dataset and list every problem (exit 0 when clean, 1 otherwise)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chron.cli.context import data_dir, load, out, say
from chron.cli.options import a_path
from chron.errors import ChronError, DataError, Problem


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


def check(
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Report as text lines or one JSON object.")
    ] = CheckFormat.text,
    article: Annotated[
        str | None,
        typer.Option(
            help="Also check that every quote, date wording and note text is verbatim in this article text file.",
            callback=a_path,
        ),
    ] = None,
) -> None:
    """Validate the dataset and print every problem found."""
    folder = data_dir()
    article_text = None
    if article is not None:
        try:
            article_text = Path(article).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            reason = getattr(err, "strerror", None) or "it is not UTF-8 text"
            raise ChronError(
                f"cannot read the article {str(article)!r}: {reason}. Give the path of a UTF-8 text file."
            ) from None
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    try:
        ds = load(article=article_text)
        counts = {
            "phases": len(ds.phases),
            "events": len(ds.events),
            "notes": len(ds.notes),
            "works": len(ds.works),
            "people": len(ds.people),
            "places": len(ds.places),
        }
    except DataError as err:
        problems = err.problems
    if fmt is CheckFormat.json:
        report = {
            "schema_version": 1,
            "data": str(folder),
            "ok": not problems,
            "problems": [p.as_dict() for p in problems],
            "counts": counts,
        }
        out(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        from chron.render import one_line

        for p in problems:
            out(one_line(str(p)))
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        raise ChronError(f"{len(problems)} {noun} in {folder}; fix them and run `chron check` again.")
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    say(f"{folder}: OK ({summary}){' and verbatim in the article' if article_text else ''}.")

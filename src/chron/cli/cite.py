"""``chron cite``: the formatted citation of notes (numbers or ranges) or works, in a citation style."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chron.cli.context import load, out, say
from chron.cli.options import a_path, check_format, complete_from, format_option
from chron.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from chron.citation.text import Styled
    from chron.models import Dataset

CITE_FORMATS = ("text", "markdown", "html", "json")
STYLE_NAMES = ("chicago-note", "chicago-bibliography", "chicago-author-date", "apa", "mla", "harvard", "isj")

StyleOpt = Annotated[
    str | None,
    typer.Option(
        "--style",
        "-s",
        metavar="STYLE",
        help="Citation style: " + ", ".join(STYLE_NAMES) + " (default: chicago-note).",
        callback=check_format(STYLE_NAMES),
        autocompletion=complete_from(STYLE_NAMES),
    ),
]


def expand(ds: Dataset, tokens: list[str]) -> list[int | str]:
    """Note numbers, ranges ("1-57") and work ids, in the order given; bad ones raise with the valid range."""
    from chron.query import did_you_mean, note_number

    items: list[int | str] = []
    for raw in tokens:
        token = raw.strip()
        if token in ds.works or token == ds.article.id:
            items.append(token)
            continue
        a, dash, b = token.partition("-")
        if dash and a.strip().isdigit() and b.strip().isdigit():
            lo, hi = note_number(ds, a), note_number(ds, b)
            if lo > hi:
                raise NotFoundError(f"the range {token} runs backwards; write {hi}-{lo}.")
            items.extend(range(lo, hi + 1))
        elif not any(c.isalpha() for c in token):
            items.append(note_number(ds, token))
        else:
            hint = did_you_mean(token, list(ds.works))
            raise NotFoundError(
                f"{token!r} is neither a note number (notes run from 1 to {max(ds.notes, default=0)}) nor a work id."
                f"{hint} `chron sources -f ids` lists the works."
            )
    return items


def as_format(text: Styled, fmt: str) -> str:
    return text.html() if fmt == "html" else text.markdown() if fmt == "markdown" else text.plain()


def cite(
    items: Annotated[list[str], typer.Argument(metavar="N|N-M|WORK_ID...", help="Note numbers, ranges or work ids.")],
    style: StyleOpt = None,
    short: Annotated[bool, typer.Option("--short", help="Short notes, even at a work's first citation.")] = False,
    full: Annotated[bool, typer.Option("--full", help="Full notes, even after a work's first citation.")] = False,
    fmt: Annotated[str | None, format_option(CITE_FORMATS)] = None,
    csl: Annotated[
        str | None,
        typer.Option(
            metavar="STYLE.csl",
            help="Render with any CSL style file through pandoc (pandoc must be installed).",
            callback=a_path,
        ),
    ] = None,
) -> None:
    """Format what notes (or works) cite, in a citation style (default: Chicago notes)."""
    from chron.citation import context, format_note, format_work
    from chron.records import citation_record
    from chron.render import to_json

    ds = load()
    wanted = expand(ds, items)
    if csl is not None:
        from chron.pandoc import render_with_csl

        out(render_with_csl(ds, wanted, Path(csl), fmt or "text"))
        return
    if short and full:
        raise UsageError("--short and --full contradict each other; give one of them.")
    chosen = style or "chicago-note"
    ctx = context(ds)
    done = []
    for item in wanted:
        if isinstance(item, str):
            work = ds.article if item == ds.article.id else ds.works[item]
            done.append(format_work(chosen, ctx, work, short=short))
        else:
            done.append(format_note(chosen, ds, ctx, ds.notes[item], short=short, full=full))
            if not done[-1].text:
                say(f"note {item} cites no work; `chron note {item}` shows its text.")
    if fmt == "json":
        out(to_json([citation_record(f) for f in done]))
        return
    numbered = len(wanted) > 1
    lines = [
        f"{f.key}. {as_format(f.text, fmt or 'text')}" if numbered else as_format(f.text, fmt or "text")
        for f in done
        if f.text
    ]
    if lines:
        out("\n".join(lines))

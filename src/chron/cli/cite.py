"""``chron cite``: the formatted citation of notes (numbers or ranges) or works, in a citation style."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chron.cli.context import load, out, say
from chron.cli.options import a_path, choice, complete_cite, helps
from chron.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from chron.dataset import Dataset


def _styles() -> dict[str, str]:
    """Every style by name, then its aliases (each described as the style it stands for)."""
    from chron.citation import STYLES

    names = helps(STYLES)
    for style in STYLES.values():
        names.update({alias: f"the same as {style.name}" for alias in style.aliases})
    return names


def _cite_formats() -> dict[str, str]:
    from chron.cite_formats import CITE_FORMATS

    return helps(CITE_FORMATS)


StyleOpt = Annotated[
    str | None, choice(_styles(), "--style", "-s", help="Citation style", metavar="STYLE", default="chicago-note")
]


def _digits(text: str) -> bool:
    """ASCII digits only: ``int()`` would also take "²", "１２" or "٣"."""
    text = text.strip()
    return text.isascii() and text.isdigit()


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
        if dash and _digits(a) and _digits(b):
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


def cite(
    items: Annotated[
        list[str],
        typer.Argument(
            metavar="N|N-M|WORK_ID...", help="Note numbers, ranges or work ids.", autocompletion=complete_cite
        ),
    ],
    style: StyleOpt = None,
    short: Annotated[bool, typer.Option("--short", help="Short notes, even at a work's first citation.")] = False,
    full: Annotated[bool, typer.Option("--full", help="Full notes, even after a work's first citation.")] = False,
    fmt: Annotated[str | None, choice(_cite_formats(), "--format", "-f", help="Output format", default="text")] = None,
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
    from chron.cite_formats import CITE_FORMATS

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
    text = CITE_FORMATS[fmt or "text"].render(done)
    if text:
        out(text)

"""``chron sources``: the bibliography in a style's order, each work with the notes that cite it."""

from __future__ import annotations

from typing import Annotated

import typer

from chron.cli.cite import LocaleOpt, StyleOpt
from chron.cli.context import load
from chron.cli.options import LISTING_DEFAULT, complete_work, emit, emit_card, helps
from chron.errors import NotFoundError, UsageError


def _formats() -> tuple[dict[str, str], dict[str, str]]:
    from chron.cards import CARD_FORMATS
    from chron.render import FORMATS

    return helps(FORMATS), helps(CARD_FORMATS)


LISTING, CARD = _formats()
FORMAT_HELP = (
    f"Output format. The bibliography: {', '.join(LISTING)} (default: {LISTING_DEFAULT}). "
    f"One work (WORK_ID): {', '.join(CARD)} (default: text)."
)


def _check(value: str | None) -> str | None:
    if value is not None and value not in LISTING and value not in CARD:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(repr(n) for n in {**LISTING, **CARD})}.")
    return value


def sources(
    work_id: Annotated[
        str | None, typer.Argument(metavar="[WORK_ID]", help="Show one work in full.", autocompletion=complete_work)
    ] = None,
    style: StyleOpt = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help=FORMAT_HELP, callback=_check),
    ] = None,
    locale: LocaleOpt = None,
) -> None:
    """List the works cited, as a bibliography in a style, with the notes citing each."""
    from chron import listings
    from chron.cards import work_card
    from chron.citation import bibliography, bibliography_ids, context, find_style, reference
    from chron.query import did_you_mean

    ds = load()
    chosen = find_style(style or "chicago-bibliography")  # a note style lists its bibliography
    ctx = context(ds, locale)
    if work_id is None:
        if fmt is not None and fmt not in LISTING:
            raise UsageError(f"--format {fmt} shows one work; give a WORK_ID, or one of {', '.join(LISTING)}.")
        if fmt == "ids":  # the order alone: no entry is formatted
            order = [ds.works[i] for i in bibliography_ids(chosen, ctx)]
            emit(listings.sources(ds, order, lambda w: reference(chosen, ctx, w)), fmt)
            return
        listed = bibliography(chosen, ctx)
        entries = {w.id: text for w, text in listed}
        emit(listings.sources(ds, [w for w, _ in listed], lambda w: entries[w.id]), fmt)
        return
    if fmt is not None and fmt not in CARD:
        raise UsageError(f"--format {fmt} lists works; with a WORK_ID give one of {', '.join(CARD)}.")
    work = ds.works.get(work_id)
    if work is None:
        hint = did_you_mean(work_id, list(ds.works))
        raise NotFoundError(f"no work {work_id!r}.{hint} `chron sources -f ids` lists them.")
    emit_card(work_card(ds, work, reference(chosen, ctx, work).plain()), fmt)

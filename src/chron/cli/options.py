"""Options shared by several commands (the choices, the event filters) and the one way to emit.

Every choice an option offers (``--format``, ``--style``, ``--by``, ``--in``, the export format)
comes from the registry that implements it, through ``choice``: a new format is one entry there.
A listing's default format is ``table`` on a terminal and ``plain`` in a pipe. Colour is on only
for a terminal, never with ``NO_COLOR``, and always with ``FORCE_COLOR`` (unless ``NO_COLOR``).
"""

from __future__ import annotations

import functools
import inspect
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chron.cli.context import STATE, load, out_lines, say, stdout_is_terminal

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.query import EventFilter
    from chron.render import Listing, Options


def helps(registry: Mapping[str, Any]) -> dict[str, str]:
    """Each choice of a registry with its one line of help (``help`` or ``description``)."""
    return {
        name: entry
        if isinstance(entry, str)
        else str(getattr(entry, "help", None) or getattr(entry, "description", ""))
        for name, entry in registry.items()
    }


def check_choice(names: Mapping[str, str], what: str = "one of") -> Callable[[str | None], str | None]:
    def validate(value: str | None) -> str | None:
        if value is not None and value not in names:
            raise typer.BadParameter(f"{value!r} is not {what} {', '.join(repr(n) for n in names)}.")
        return value

    return validate


def complete_from(names: Mapping[str, str]) -> Callable[[str], list[tuple[str, str]]]:
    def complete(incomplete: str) -> list[tuple[str, str]]:
        return [(n, h) for n, h in names.items() if n.startswith(incomplete)]

    return complete


def choice(
    names: Mapping[str, str], *flags: str, help: str, metavar: str = "FORMAT", default: str | None = None
) -> Any:
    """An option taking one of ``names`` (a registry's choices with their help): validated, completed,
    and listed in its help with the default."""
    listed = ", ".join(names)
    tail = f" Default: {default}." if default else ""
    return typer.Option(
        *flags,
        metavar=metavar,
        help=f"{help}: {listed}.{tail}",
        callback=check_choice(names),
        autocompletion=complete_from(names),
    )


def a_path(value: Any) -> Any:
    """Reject a file name no system accepts (a NUL character) as a usage error, before any I/O."""
    if value is not None and "\x00" in str(value):
        raise typer.BadParameter("a file or folder name cannot contain a NUL character.")
    return value


def _listing_formats() -> dict[str, str]:
    from chron.render import FORMATS

    return helps(FORMATS)


LISTING_DEFAULT = "table on a terminal, plain in a pipe"
FormatOpt = Annotated[
    str | None,
    choice(
        _listing_formats(),
        "--format",
        "-f",
        help="Output format (csv-bom is CSV that LibreOffice and Excel open with its accents intact)",
        default=LISTING_DEFAULT,
    ),
]


def _card_formats() -> dict[str, str]:
    from chron.cards import CARD_FORMATS

    return helps(CARD_FORMATS)


# The --format of a command that shows one record in full.
CardFormatOpt = Annotated[str | None, choice(_card_formats(), "--format", "-f", help="Output format", default="text")]


def emit_card(card: Any, fmt: str | None) -> None:
    """Print one record in full in the chosen card format."""
    from chron.cards import CARD_FORMATS

    out_lines([CARD_FORMATS[fmt or "text"].render(card)])


def use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stdout_is_terminal() and os.environ.get("TERM") != "dumb"


def terminal_width() -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        return max(int(columns), 20)
    if stdout_is_terminal():
        return max(shutil.get_terminal_size((100, 24)).columns, 20)
    return 100


def render_options() -> Options:
    from chron.render import Options

    return Options(width=terminal_width(), color=use_color())


def emit(listing: Listing, fmt: str | None) -> None:
    """Print a listing in the chosen format as its records are read; an empty result is a success,
    noted on a terminal."""
    from chron.render import render

    chosen = fmt or ("table" if stdout_is_terminal() else "plain")
    seen = [0]

    def counted(items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            seen[0] += 1
            yield item

    keys = listing.keys
    counted_keys = (lambda: counted(keys())) if keys is not None else None
    out_lines(render(replace(listing, records=counted(listing.records), keys=counted_keys), chosen, render_options()))
    if not seen[0] and stdout_is_terminal():
        say(f"no {listing.noun} match")


# ------------------------------------------------------------------ completion of names from the data


def _completer(
    values: Callable[[Dataset], list[tuple[str, str]]],
) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """A completion of values from the data that start with what is typed, case and accents ignored."""
    return _typed_completer(lambda ds, _typed: values(ds))


def _typed_completer(
    values: Callable[[Dataset, str], list[tuple[str, str]]],
) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """As ``_completer``, for values that depend on what is typed so far."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        # A completion runs no callbacks, so `--data` on the line being completed is read here.
        data = ctx.find_root().params.get("data")
        if isinstance(data, str) and data:
            STATE.data = data
        try:
            ds = load()
            offered = values(ds, incomplete)
        except Exception:  # completion must never print a traceback into the shell
            return []
        from chron.escape import one_line
        from chron.query import fold

        key = fold(incomplete)
        return [(one_line(v), _description(h)) for v, h in offered if fold(v).startswith(key)]

    return complete


def _description(text: str) -> str:
    """A completion's description as zsh and fish show it: one short line, controls shown, never
    obeyed, and "[" escaped, since typer renders descriptions as rich markup (and wraps long ones)."""
    from chron.escape import one_line

    line = " ".join(one_line(text).split())
    line = line if len(line) <= 60 else line[:59].rstrip() + "…"
    return line.replace("[", "\\[")


def _works(ds: Dataset) -> list[tuple[str, str]]:
    return [(w.id, w.title or w.container_title or w.id) for w in ds.works.values()]


def _cite_items(ds: Dataset, typed: str) -> list[tuple[str, str]]:
    """What `cite` takes: note numbers, then work ids; after "12-", the ranges 12-13 to 12-57."""
    first, dash, _ = typed.partition("-")
    if dash and first.isascii() and first.isdigit() and int(first) in ds.notes:
        lo = int(first)
        return [(f"{lo}-{n}", f"notes {lo} to {n}") for n in sorted(ds.notes) if n > lo]
    notes = [(str(n), ds.notes[n].display()[:60]) for n in sorted(ds.notes)]
    return notes + _works(ds) + [(ds.article.id, "the text itself")]


complete_phase = _completer(lambda ds: [(str(p.n), p.name) for p in ds.phases] + [(p.id, p.name) for p in ds.phases])
complete_event = _completer(lambda ds: list(ds.event_titles()))
complete_note = _completer(lambda ds: [(str(n), ds.notes[n].display()[:60]) for n in ds.notes])
complete_person = _completer(lambda ds: [(p.id, p.name) for p in ds.people.values()])
complete_place = _completer(lambda ds: [(p.id, p.name) for p in ds.places.values()])
complete_name = _completer(
    lambda ds: [(p.id, p.name) for p in ds.people.values()] + [(p.id, p.name) for p in ds.places.values()]
)
complete_tag = _completer(lambda ds: [(t.id, t.description) for t in ds.tags.values()])
complete_work = _completer(_works)
complete_cite = _typed_completer(_cite_items)

# ------------------------------------------------------------------ the event filters of show, search, timeline

PhaseOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--phase",
        "-p",
        metavar="N|NAME",
        help="Only this phase (number, id or name); repeat to add phases.",
        autocompletion=complete_phase,
    ),
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Events on or after DATE (1956, 1956-11 or 1956-11-04; "
        "a partial date starts at the beginning of its period).",
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="DATE", help="Events on or before DATE (a partial date ends at the end of its period)."
    ),
]
OnOpt = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help="Events during DATE: --on 1956-11 means all of November 1956."),
]


def _matches() -> dict[str, str]:
    from chron.query import MATCHES

    return MATCHES


MatchOpt = Annotated[
    str | None,
    choice(
        _matches(),
        "--match",
        metavar="RULE",
        help="How an event's dates must meet --on/--from/--to (default: inside the range, or overlapping it "
        "and at most 7 times as long; see docs/usage.md)",
    ),
]
WithinOpt = Annotated[bool, typer.Option("--within", help="The same as --match within.")]
PersonOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--person",
        metavar="NAME",
        help="Events naming this person (id, name or alias); repeatable.",
        autocompletion=complete_person,
    ),
]
PlaceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--place",
        metavar="NAME",
        help="Events at this place (id, name or alias); repeatable.",
        autocompletion=complete_place,
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", metavar="TAG", help="Events with this tag; repeatable.", autocompletion=complete_tag),
]
NoteOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--note", "-n", metavar="N", help="Events resting on footnote N; repeatable.", autocompletion=complete_note
    ),
]


@dataclass(frozen=True)
class Filters:
    """The values of show's filter options, as one argument for the commands that take them."""

    phase: list[str] | None = None
    start: str | None = None
    end: str | None = None
    on: str | None = None
    match: str | None = None
    within: bool = False
    person: list[str] | None = None
    place: list[str] | None = None
    tag: list[str] | None = None
    note: list[str] | None = None

    def resolve(self, ds: Dataset) -> EventFilter:
        """Names resolved against the data (unknown ones raise with a suggestion)."""
        from chron.errors import UsageError
        from chron.query import EventFilter

        if self.within and self.match not in (None, "within"):
            raise UsageError(f"--within is --match within; it cannot be combined with --match {self.match}.")
        return EventFilter.from_options(
            ds,
            phase=self.phase or (),
            start=self.start,
            end=self.end,
            on=self.on,
            match="within" if self.within else self.match or "default",
            person=self.person or (),
            place=self.place or (),
            tag=self.tag or (),
            note=self.note or (),
        )


FILTER_OPTIONS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
    for name, annotation, default in (
        ("phase", PhaseOpt, None),
        ("start", FromOpt, None),
        ("end", ToOpt, None),
        ("on", OnOpt, None),
        ("match", MatchOpt, None),
        ("within", WithinOpt, False),
        ("person", PersonOpt, None),
        ("place", PlaceOpt, None),
        ("tag", TagOpt, None),
        ("note", NoteOpt, None),
    )
]


def with_filters(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command show's filter options; it receives their values as ``filters: Filters``.

    typer reads a command's options from its signature, so the wrapper's signature lists the
    command's own parameters with the filter options inserted after its arguments.
    """
    own = [p for p in inspect.signature(func, eval_str=True).parameters.values() if p.name != "filters"]
    arguments = [p.replace(kind=inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in own if p.default is p.empty]
    options = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own if p.default is not p.empty]

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        filters = Filters(**{p.name: kwargs.pop(p.name, p.default) for p in FILTER_OPTIONS})
        return func(*args, filters=filters, **kwargs)

    # typer reads options from the signature (inspect finds __signature__ among a function's attributes)
    vars(command)["__signature__"] = inspect.Signature([*arguments, *FILTER_OPTIONS, *options])
    return command

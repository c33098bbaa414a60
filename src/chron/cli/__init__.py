"""The command line: the only package that imports typer. One module per command, listed below.

Each command body loads, queries and emits; expected failures are ``ChronError`` and end here as
one ``Error: ...`` line on stderr with exit code 1 (usage errors: 2). Nothing escapes as a traceback.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from chron import __version__
from chron.cli.context import STATE, PipeClosed, error, silence_stdout
from chron.cli.options import a_path
from chron.errors import ChronError

# Every command, in the order `chron --help` lists them. A new command is a module
# `chron.cli.<name>` holding a function of the same name, plus a line here. Modules are imported
# only when their command is built, so a run pays for the one command it runs.
COMMANDS: list[str] = [
    "show",
    "phases",
    "event",
    "timeline",
    "search",
    "note",
    "cite",
    "sources",
    "export",
    "people",
    "places",
    "tags",
    "check",
    "schema",
]
NAMES = frozenset(COMMANDS)


def command(name: str) -> Callable[..., Any]:
    """The function behind command ``name`` (its module imported on first use)."""
    func: Callable[..., Any] = getattr(importlib.import_module(f"chron.cli.{name}"), name)
    return func


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a command's ChronError into ``Error: ...`` and its exit code; end quietly on a closed pipe."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ChronError as err:
            raise typer.Exit(error(err)) from None
        except PipeClosed:
            raise typer.Exit(0) from None

    return run


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chron {__version__}")
        raise typer.Exit()


def _global(
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="DIR",
            help="Folder holding chronology.toml and sources.toml; overrides $CHRON_DATA "
            "(default: the shipped dataset).",
            callback=a_path,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    STATE.data = data


def build_app(only: str | None = None) -> typer.Typer:
    """The typer app with every command, or with just ``only`` (typer inspects each command it
    holds on every run, so the console script gives it only the one being run)."""
    new = typer.Typer(
        name="chron",
        help="Browse, search and cite a dated, footnoted text: by default Mike Haynes, "
        "'Hungary: workers' councils against Russian tanks' (International Socialism 112, 2006).",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    new.callback()(_global)
    for name in COMMANDS:
        if only is None or name == only:
            new.command(name=name)(guarded(command(name)))
    return new


def __getattr__(name: str) -> typer.Typer:
    """``app``, the whole typer app (for tests and ``python -m chron``), built on first use."""
    if name == "app":
        whole = build_app()
        globals()["app"] = whole
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def command_named(argv: list[str]) -> str | None:
    """The command a command line runs, when it is certain (global options skipped), else None."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--data":
            i += 2
            continue
        if arg.startswith("--data="):
            i += 1
            continue
        return arg if arg in NAMES else None
    return None


def main() -> None:
    """The ``chron`` console script."""
    import gc
    import os

    # A run lives for a moment and makes no reference cycles worth collecting, but at 100,000
    # events it makes millions of objects, and the cyclic collector's passes over them cost 15-20%
    # of a broad search. Reference counting still frees what a run drops.
    gc.disable()
    STATE.write_behind = True
    only = None if "_CHRON_COMPLETE" in os.environ else command_named(sys.argv[1:])
    try:
        build_app(only)(prog_name="chron")
    except BrokenPipeError:
        silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)

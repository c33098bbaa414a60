"""The typer app: the global options and every command, each wrapped so that a ``ChronError``
ends as one ``Error: ...`` line. Imported only when typer has to answer (see ``main``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any

import typer

from chron.cli import COMMANDS, command
from chron.cli.context import STATE, PipeClosed, error
from chron.cli.options import a_path
from chron.errors import ChronError


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
        from chron import __version__

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
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page output. On a terminal, output longer than the screen goes through "
            "$PAGER (default: less -R); in a pipe it never does.",
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    STATE.data = data
    STATE.pager = not no_pager


def build_app(only: str | None = None) -> typer.Typer:
    """The typer app with every command, or with just ``only`` (typer inspects each command it
    holds on every run, so the console script gives it only the one being run)."""
    new = typer.Typer(
        name="chron",
        help="Browse, search and cite a dated, footnoted text: the dataset shipped with chron by default, "
        "or your own (start one with `chron new`, fill it with `chron extract`).",
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

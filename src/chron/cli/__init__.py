"""The command line: the only package that imports typer. One module per command, listed below.

Each command body loads, queries and emits; expected failures are ``ChronError`` and end here as
one ``Error: ...`` line on stderr with exit code 1 (usage errors: 2). Nothing escapes as a traceback.
"""

from __future__ import annotations

import sys

# Not `from typing import TYPE_CHECKING`: replaying --help (replay.py) must not pay for importing
# typing, and type checkers treat a constant of this name the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    import typer

# Every command, in the order `chron --help` lists them. A new command is a module
# `chron.cli.<name>` holding a function of the same name, plus a line here (a Python keyword,
# `import`, is spelt with a trailing underscore in both). Modules are imported
# only when their command is built, so a run pays for the one command it runs.
COMMANDS: list[str] = [
    "show",
    "browse",
    "phases",
    "event",
    "timeline",
    "search",
    "note",
    "notes",
    "cite",
    "sources",
    "export",
    "people",
    "places",
    "spellings",
    "tags",
    "check",
    "schema",
    "new",
    "extract",
    "import",
    "link",
]
NAMES = frozenset(COMMANDS)


def command(name: str) -> Callable[..., Any]:
    """The function behind command ``name`` (its module imported on first use)."""
    import importlib
    import keyword

    spelt = f"{name}_" if keyword.iskeyword(name) else name
    func: Callable[..., Any] = getattr(importlib.import_module(f"chron.cli.{spelt}"), spelt)
    return func


def __getattr__(name: str) -> typer.Typer:
    """``app``, the whole typer app (for tests), built on first use."""
    if name == "app":
        from chron.cli.application import build_app

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
        if arg.startswith("--data=") or arg == "--no-pager":
            i += 1
            continue
        return arg if arg in NAMES else None
    return None


def main() -> None:
    """The ``chron`` console script."""
    import gc
    import os

    from chron.cli import streams

    # A run lives for a moment and makes no reference cycles worth collecting, but at 100,000
    # events it makes millions of objects, and the cyclic collector's passes over them cost 15-20%
    # of a broad search. Reference counting still frees what a run drops.
    gc.disable()
    streams.prepare()
    argv = sys.argv[1:]
    code = 0
    try:
        bad = streams.undecodable(argv)
        if bad is not None:
            _fail(bad, 2)
        from chron.cli import replay

        # Help or a completion: typer's answer may be kept, or be kept from this run.
        kept = replay.path_for(argv) if replay.wanted(argv, NAMES) else None
        if kept is not None and replay.replay(kept):
            return
        only = None if "_CHRON_COMPLETE" in os.environ else command_named(argv)
        if kept is not None:
            replay.record(kept, lambda: _run(only))
        else:
            _run(only)
    except SystemExit as done:
        if not isinstance(done.code, (int, type(None))):
            raise  # a message for sys.exit to print
        code = done.code or 0
    except BrokenPipeError:
        from chron.cli.context import silence_stdout

        silence_stdout()
    except KeyboardInterrupt:
        code = 130
    except OSError as err:
        message = streams.stdout_failed(err)
        if message is None:
            raise
        _fail(message, 1, exit=False)
        code = 1
    finally:
        note = streams.replacement_note()
        if note is not None:
            _say(note)
    sys.exit(code)


def _say(text: str) -> None:
    from chron.cli.context import say

    say(text)


def _fail(message: str, code: int, *, exit: bool = True) -> None:
    """``Error: message`` on stderr (and stdout silenced, so the interpreter's last flush of a
    failed stream says nothing); with ``exit``, end with ``code``."""
    from chron.cli.context import error, silence_stdout
    from chron.errors import ChronError

    silence_stdout()
    err = ChronError(message)
    err.exit_code = code
    error(err)
    if exit:
        sys.exit(code)


def _run(only: str | None) -> None:
    from chron.cli.application import build_app

    build_app(only)(prog_name="chron")

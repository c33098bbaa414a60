"""Errors meant for a person: a finished sentence and an exit code.

Everything chron expects to go wrong is a ``ChronError``. The CLI prints its message once, as
``Error: ...`` on stderr, and exits with its code. Nothing here imports typer or rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class ChronError(Exception):
    """An error the user can fix; ``str(err)`` says what went wrong and what to do next."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(ChronError):
    """A malformed command line: exit code 2, like click's usage errors."""

    exit_code = EXIT_USAGE


class DateError(ChronError, ValueError):
    """A date string outside chron's EDTF subset (also a ValueError, so pydantic reports it)."""


class QueryError(ChronError):
    """A search query that cannot be parsed."""


class NotFoundError(ChronError):
    """An id, number or name that the dataset does not have."""


Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a data file, located as precisely as the file allows.

    An ``error`` stops the dataset from loading; a ``warning`` is something a person should look
    at (overlapping phases, a spelling two people share) that ``chron check`` lists but accepts.
    """

    file: str
    where: str
    message: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        message = f"warning: {self.message}" if self.severity == "warning" else self.message
        return f"{place}: {self.where}: {message}" if self.where else f"{place}: {message}"

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "file": self.file,
            "line": self.line,
            "where": self.where,
            "severity": self.severity,
            "message": self.message,
        }


class DataError(ChronError):
    """A dataset that does not load: carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        files = sorted({p.file for p in problems})
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"{count} {noun} in {', '.join(files)}:\n"
            + "\n".join(f"  {p}" for p in problems)
            + "\nFix the data and run `chron check` again."
        )

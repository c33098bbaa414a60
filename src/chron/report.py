"""What ``chron check`` prints: every problem of a dataset, as text lines or one JSON object (pure).

Errors and warnings share one list; a warning's line says ``warning:`` and its JSON ``severity``.

``REPORT_FORMATS`` is the registry behind ``check --format``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from chron.errors import Problem
from chron.escape import one_line, to_json
from chron.registry import Format
from chron.shapes import check_record


@dataclass(frozen=True)
class Report:
    """The outcome of checking one data folder: its problems, and what it holds when it loaded."""

    folder: str
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def report_text(report: Report) -> str:
    return "\n".join(one_line(str(p)) for p in report.problems)


def report_json(report: Report) -> str:
    return to_json(check_record(report.folder, report.problems, report.counts))


REPORT_FORMATS: dict[str, Format[Callable[[Report], str]]] = {
    "text": Format(report_text, "one line per problem, warnings marked (the default)"),
    "json": Format(report_json, "one JSON object: the folder, ok, every problem with its severity, the counts"),
}

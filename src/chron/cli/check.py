"""``chron check``: validate a dataset and list every problem (exit 0 when it has no errors, 1
otherwise; warnings are listed and do not fail)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chron.cli.context import data_dir, load, out, say
from chron.cli.options import a_path, choice, helps
from chron.errors import ChronError, DataError


def _formats() -> dict[str, str]:
    from chron.report import REPORT_FORMATS

    return helps(REPORT_FORMATS)


def check(
    fmt: Annotated[str | None, choice(_formats(), "--format", "-f", help="Report format", default="text")] = None,
    article: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Also check that every quote, date wording and note text is verbatim in this text file.",
            callback=a_path,
        ),
    ] = None,
) -> None:
    """Validate the dataset and print every problem found."""
    from chron.load import check_text, check_warnings
    from chron.report import REPORT_FORMATS, Report

    folder = data_dir()
    article_text = _read_article(article) if article is not None else None
    report = Report(str(folder))
    try:
        ds = load()
        report.counts.update(
            phases=len(ds.phases),
            events=ds.event_count(),
            notes=len(ds.notes),
            works=len(ds.works),
            people=len(ds.people),
            places=len(ds.places),
        )
        if article_text is not None:
            report.problems.extend(check_text(ds, folder, article_text))
        report.problems.extend(check_warnings(ds, folder))
    except DataError as err:
        report.problems.extend(err.problems)
    text = REPORT_FORMATS[fmt or "text"].render(report)
    if text:
        out(text)
    warned = _count(len(report.warnings), "warning")
    if report.errors:
        also = f" and {warned}" if report.warnings else ""
        raise ChronError(
            f"{_count(len(report.errors), 'problem')}{also} in {folder}; fix them and run `chron check` again."
        )
    summary = ", ".join(f"{v} {k}" for k, v in report.counts.items())
    verbatim = " and verbatim in the article" if article_text else ""
    say(f"{folder}: OK ({summary}){verbatim}{f', with {warned}' if report.warnings else ''}.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _read_article(article: str) -> str:
    from chron.load import decode, read_bytes

    try:
        return decode(read_bytes(Path(article), article, what="text file"), article)
    except DataError as err:
        raise ChronError(f"cannot read the article: {err.problems[0]}. Give the path of a UTF-8 text file.") from None

"""``chron check``: validate a dataset and list every problem (exit 0 when it has no errors, 1
otherwise; warnings are listed and do not fail), and check it against its text when there is one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chron.cli.context import data_dir, load, out, say
from chron.cli.options import a_path, choice, helps
from chron.errors import ChronError, DataError, UsageError


def _formats() -> dict[str, str]:
    from chron.report import REPORT_FORMATS

    return helps(REPORT_FORMATS)


# The options that name a text's convention, shared with `chron extract` (they live here rather
# than in options.py so that only these two commands load the extractor's registries).
def layouts() -> dict[str, str]:
    """The notes layouts a plain text may be read in (``--layout`` of check and extract)."""
    from chron.extract.model import LAYOUTS

    return {name: text for name, text in LAYOUTS.items() if name != "pandoc"}


def marker_styles() -> dict[str, str]:
    """The marker styles (``--markers`` of check and extract)."""
    from chron.extract.model import MARKER_STYLES

    return dict(MARKER_STYLES)


LayoutOpt = Annotated[
    str | None,
    choice(layouts(), "--layout", help="How the text lays out its notes", metavar="LAYOUT", default="detected"),
]
MarkersOpt = Annotated[
    str | None,
    choice(marker_styles(), "--markers", help="How the text marks its notes", metavar="STYLE", default="detected"),
]


def check(
    fmt: Annotated[str | None, choice(_formats(), "--format", "-f", help="Report format", default="text")] = None,
    article: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Also check that the dataset is verbatim in this text: every quote and date wording, each "
            "note's text and the words before its marker. Default: the text kept beside the data "
            "(article.txt), when there is one.",
            callback=a_path,
        ),
    ] = None,
    layout: LayoutOpt = None,
    markers: MarkersOpt = None,
) -> None:
    """Validate the dataset and print every problem found."""
    from chron.load import KEPT_TEXT, check_text, check_warnings, kept_text_path
    from chron.report import REPORT_FORMATS, Report

    folder = data_dir()
    text_path = Path(article) if article is not None else kept_text_path(folder)
    if text_path is None and (layout or markers):
        raise UsageError(
            f"--layout and --markers say how to read the text; give it with --article FILE (or keep it as {KEPT_TEXT})."
        )
    text = _read_text(text_path) if text_path is not None else None
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
        if text is not None:
            report.problems.extend(check_text(ds, folder, text, layout=layout, markers=markers))
        report.problems.extend(check_warnings(ds, folder))
    except DataError as err:
        report.problems.extend(err.problems)
    rendered = REPORT_FORMATS[fmt or "text"].render(report)
    if rendered:
        out(rendered)
    warned = _count(len(report.warnings), "warning")
    if report.errors:
        also = f" and {warned}" if report.warnings else ""
        raise ChronError(
            f"{_count(len(report.errors), 'problem')}{also} in {folder}; fix them and run `chron check` again."
        )
    summary = ", ".join(f"{v} {k}" for k, v in report.counts.items())
    verbatim = f" and verbatim in {text_path}" if text_path is not None else ""
    say(f"{folder}: OK ({summary}){verbatim}{f', with {warned}' if report.warnings else ''}.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _read_text(path: Path) -> str:
    from chron.load import read_text_file

    try:
        return read_text_file(path, str(path))
    except DataError as err:
        raise ChronError(f"cannot read the text to check against: {err.problems[0]}.") from None

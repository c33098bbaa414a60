"""Property-based hardening: generated argument vectors and mutated data files never crash chron.

Each property runs twice: briefly in the default run (a few dozen examples: a crash on a common
path shows in seconds) and at length in the slow run, which CI does; the opt-in run does the large counts:

    python -m pytest -m slow tests/test_fuzz.py                    # 300 argv vectors, 60 mutated files
    CHRON_FUZZ=full python -m pytest -m slow tests/test_fuzz.py    # 10,000 argv vectors, 1,000 mutated files
"""

from __future__ import annotations

import os
import shutil
import tempfile
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chron.cli import COMMANDS, app
from tests.conftest import MINI, SHIPPED
from tests.test_broken import LOCATED

FULL = os.environ.get("CHRON_FUZZ") == "full"
ARGV_EXAMPLES = 10_000 if FULL else 300  # the slow run's counts
FILE_EXAMPLES = 1_000 if FULL else 60
SHORT = 25  # the default run's count for each

WORKDIR = Path(tempfile.mkdtemp(prefix="chron-fuzz-"))  # exports land here, never in the repository

OPTIONS = [
    "--format",
    "-f",
    "--phase",
    "-p",
    "--from",
    "--to",
    "--on",
    "--within",
    "--person",
    "--place",
    "--tag",
    "-t",
    "--note",
    "-n",
    "--limit",
    "--reverse",
    "-r",
    "--in",
    "--style",
    "-s",
    "--short",
    "--full",
    "--csl",
    "--by",
    "--width",
    "-w",
    "--ascii",
    "--output",
    "-o",
    "--force",
    "--article",
    "--data",
    "--help",
    "--version",
    "--",
]
VALUES = [
    "",
    " ",
    "0",
    "1",
    "2",
    "23",
    "57",
    "58",
    "-1",
    "-3",
    "99999999999999999999",
    "1e9",
    "x",
    "NaN",
    "1956",
    "1956-11",
    "1956-11-04",
    "1956-02-30",
    "1956-13",
    "56-10-23",
    "1956-10-31/1956-10-01",
    "../1956-10-22",
    "table",
    "plain",
    "json",
    "jsonl",
    "csv",
    "tsv",
    "markdown",
    "ids",
    "text",
    "html",
    "timelinejs",
    "markwhen",
    "xml",
    "apa",
    "mla",
    "harvard",
    "isj",
    "chicago-note",
    "turabian",
    "csl-json",
    "bibtex",
    "biblatex",
    "ris",
    "racz",
    "Rácz",
    "csepel",
    "strike",
    "councils",
    '"',
    '"unbalanced',
    "a OR",
    "OR",
    "-",
    "person:",
    "colour:red",
    "place:csepel strike -year:1957",
    "phase:9",
    "note:0",
    "year:1956-13",
    "events,notes",
    "people",
    "day",
    "week",
    "month",
    "year",
    "hour",
    "1-57",
    "57-1",
    "fryer1986",
    "miskolc-massacre",
    "[red]x[/red]",
    "<script>",
    "\x1b[31m",
    "\n",
    "\t",
    "ű",
    "out.json",
    "sub/out.json",
    "/nonexistent/x.csl",
    "\x00",
    "a\x00b",
    "²",  # isdigit() is true for it, int() fails
    "١٢",
    "1-²",
    "note:²",
    "\u202e",
    "\x9b31m",
]
NAMES = [*COMMANDS, "bogus", "", "--help"]

token = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES), st.text(max_size=12))
argv = st.tuples(st.sampled_from(NAMES), st.lists(token, max_size=6)).map(lambda t: [t[0], *t[1]])


def invoke(args: list[str], data: Path) -> tuple[int, str]:
    runner = CliRunner()
    env = {"COLUMNS": "60", "NO_COLOR": "1", "CHRON_DATA": ""}
    result = runner.invoke(app, ["--data", str(data), *args], env=env, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"chron {args!r} raised:\n{trace}")
    return result.exit_code, result.output


def run_argument_vector(args: list[str]) -> None:
    cwd = os.getcwd()
    os.chdir(WORKDIR)
    try:
        code, output = invoke(args, SHIPPED)
    finally:
        os.chdir(cwd)
    assert code in (0, 1, 2), (args, code, output)
    assert "Traceback" not in output


@settings(max_examples=SHORT, deadline=None, suppress_health_check=list(HealthCheck))
@given(argv)
def test_any_argument_vector(args: list[str]) -> None:
    """No argument vector makes chron crash or exit with anything but 0, 1 or 2."""
    run_argument_vector(args)


@pytest.mark.slow
@settings(max_examples=ARGV_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(argv)
def test_any_argument_vector_at_length(args: list[str]) -> None:
    """No argument vector of hundreds (thousands with CHRON_FUZZ=full) makes chron crash."""
    run_argument_vector(args)


def mutate(text: str, data: st.DataObject) -> str:
    """One of several damages: drop, duplicate, swap or truncate lines; insert junk; change a value."""
    lines = text.split("\n")
    kind = data.draw(st.sampled_from(["drop", "dup", "swap", "junk", "value", "truncate", "quote", "bytes"]))
    i = data.draw(st.integers(0, max(len(lines) - 1, 0)))
    if kind == "drop":
        del lines[i]
    elif kind == "dup":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "junk":
        lines.insert(i, data.draw(st.text(max_size=30)))
    elif kind == "value" and "=" in lines[i]:
        key = lines[i].split("=", 1)[0]
        new = data.draw(
            st.sampled_from(
                [
                    '""',
                    "0",
                    "-1",
                    "[]",
                    "{}",
                    "true",
                    '"1956-02-30"',
                    '"x y"',
                    "[1, 2]",
                    '"[red]<script>\\u001b[31m"',
                    "1e400",
                    '"' + "a" * 500 + '"',
                ]
            )
        )
        lines[i] = f"{key}= {new}"
    elif kind == "truncate":
        return "\n".join(lines)[: data.draw(st.integers(0, len(text)))]
    elif kind == "quote":
        lines[i] = lines[i].replace('"', "", 1)
    else:
        cut = data.draw(st.integers(0, len(text)))
        return text[:cut] + data.draw(st.sampled_from(["\x00", "\ufeff", "\r", "\udcff", "é\u0301", "\\"])) + text[cut:]
    return "\n".join(lines)


def run_mutated_data_file(data: st.DataObject) -> None:
    base = SHIPPED if FULL and data.draw(st.booleans()) else MINI
    folder = Path(tempfile.mkdtemp(prefix="chron-mutant-"))
    try:
        for name in ("chronology.toml", "sources.toml"):
            text = (base / name).read_text(encoding="utf-8")
            if data.draw(st.booleans()):
                text = mutate(text, data)
            (folder / name).write_text(text, encoding="utf-8", errors="surrogateescape")
        for args in (["check"], ["show", "-f", "json"], ["cite", "1-3"]):
            code, output = invoke(args, folder)
            assert code in (0, 1), (args, code, output)
            if code == 1 and args == ["check"] and "problem" in output:
                problems = [line for line in output.splitlines() if not line.startswith(("Error: ", "chron: "))]
                assert problems, output
                for line in problems:  # each names its file, then a line or a record
                    assert line.startswith(f"{folder}/"), (line, output)
                    assert LOCATED.match(line.removeprefix(f"{folder}/")), (line, output)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=SHORT, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_any_mutated_data_file(data: st.DataObject) -> None:
    """Damaged data files end in exit 0 or 1 with located messages, never a traceback."""
    run_mutated_data_file(data)


@pytest.mark.slow
@settings(max_examples=FILE_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_any_mutated_data_file_at_length(data: st.DataObject) -> None:
    """The same for dozens of damaged files (a thousand with CHRON_FUZZ=full)."""
    run_mutated_data_file(data)

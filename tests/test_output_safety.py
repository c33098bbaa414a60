"""Hostile values in the data come out intact and escaped in every format; the data files are never
written; odd terminals and environments are handled."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from tests.conftest import FORMATS, Run, edit

NASTY = 'Évent [red]red[/red] <script>alert("x")</script> | a,b "q" \x1b[31mESC\x1b[0m\nline2\ttab \\ *em* _u_'
NASTY_TOML = json.dumps(NASTY)  # a JSON string is a valid TOML basic string


@pytest.fixture
def nasty(mini: Path) -> Path:
    edit(mini / "chronology.toml", 'title = "Demonstration in Budapest"', f"title = {NASTY_TOML}")
    return mini


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_lets_an_escape_sequence_through(run: Run, nasty: Path, fmt: str) -> None:
    """No raw ESC (or other control character) reaches stdout in any format; markup stays literal."""
    result = run("show", "-f", fmt, data=nasty)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert not any(ord(c) < 32 and c not in "\n\r\t" for c in result.stdout)
    if fmt in ("table", "plain", "markdown", "csv", "tsv"):
        assert "[red]red[/red]" in result.stdout.replace("\\", "") or fmt == "table"


def test_json_round_trips_exactly(run: Run, nasty: Path) -> None:
    """JSON and JSON lines carry the value exactly."""
    records = json.loads(run("show", "-f", "json", data=nasty).stdout)
    assert records[0]["title"] == NASTY
    first = run("show", "-f", "jsonl", data=nasty).stdout.splitlines()[0]
    assert json.loads(first)["title"] == NASTY


def test_csv_and_tsv_keep_commas_quotes_and_newlines(run: Run, nasty: Path) -> None:
    """CSV quotes what it must; TSV escapes tabs and newlines; only control characters are made visible."""
    visible = NASTY.replace("\x1b", "\\x1b")
    rows = list(csv.DictReader(io.StringIO(run("show", "-f", "csv", data=nasty).stdout)))
    assert rows[0]["title"] == visible
    tsv = run("show", "-f", "tsv", data=nasty).stdout.splitlines()
    header, first = tsv[0].split("\t"), tsv[1].split("\t")
    assert len(first) == len(header)
    escaped = NASTY.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\x1b", "\\x1b")
    assert first[header.index("title")] == escaped


def test_markdown_escapes_pipes_and_html(run: Run, nasty: Path) -> None:
    """A Markdown table cell cannot break its row or inject HTML."""
    lines = run("show", "-f", "markdown", data=nasty).stdout.splitlines()
    row = lines[2]
    assert row.count(" | ") == lines[0].count(" | ")
    assert "<script>" not in row and "\\<script\\>" in row


def test_plain_and_table_stay_on_one_line_per_record(run: Run, nasty: Path) -> None:
    """A newline inside a value does not split a plain record."""
    plain = run("show", "-f", "plain", data=nasty).stdout.splitlines()
    assert len(plain) == 6
    table = run("show", "-f", "table", data=nasty, env={"COLUMNS": "200"}).stdout
    assert "[red]red[/red]" in table


def test_event_and_timeline_views_are_safe(run: Run, nasty: Path) -> None:
    """Single-record views and the timeline show control characters, never obey them."""
    for args in (
        ["event", "budapest-demonstration"],
        ["event", "budapest-demonstration", "-f", "markdown"],
        ["timeline"],
        ["timeline", "-f", "markwhen"],
        ["search", "red"],
    ):
        result = run(*args, data=nasty)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout, args


@pytest.mark.parametrize("columns", ["20", "1", "abc"])
def test_tiny_or_odd_terminal_width(run: Run, columns: str) -> None:
    """A 20-column (or nonsense) terminal width still draws every listing and the timeline."""
    from tests.conftest import SHIPPED

    for args in (
        ["show", "-p", "2", "-f", "table"],
        ["phases", "-f", "table"],
        ["search", "racz", "-f", "table"],
        ["sources", "-f", "table"],
        ["timeline", "-p", "2"],
    ):
        result = run(*args, data=SHIPPED, env={"COLUMNS": columns, "TERM": "dumb"})
        assert result.exit_code == 0, (args, result.output)


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_data_files_are_never_written(run: Run, mini: Path, tmp_path: Path) -> None:
    """No command changes the data files, not even their times."""
    before = fingerprint(mini)
    for args in (
        ["check"],
        ["show"],
        ["phases"],
        ["search", "x"],
        ["note", "1"],
        ["cite", "1-5"],
        ["sources"],
        ["export", "bibtex", "-o", str(tmp_path / "out.bib")],
        ["timeline", "-f", "html"],
        ["people"],
        ["event", "izzo-council"],
        ["places"],
        ["tags"],
    ):
        assert run(*args, data=mini).exit_code == 0, args
    assert fingerprint(mini) == before

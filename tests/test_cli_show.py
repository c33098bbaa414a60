"""`chron show` through CliRunner: every format, filters, empty results, bad input, pipes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import FORMATS, MINI, SHIPPED, Run, golden


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_matches_its_golden_file(run: Run, fmt: str) -> None:
    """Each format of a filtered listing is exactly as reviewed."""
    result = run("show", "--place", "ujpest", "--place", "miskolc", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    golden(f"show.{fmt}", result.stdout)


def test_table_at_80_columns(run: Run) -> None:
    """A table fits the terminal's width."""
    result = run("show", "-f", "table", data=MINI, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    golden("show.table80", result.stdout)


def test_default_format_in_a_pipe_is_plain(run: Run) -> None:
    """Without --format, output to a pipe is one plain line per event."""
    result = run("show", data=MINI)
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[0]
        == "budapest-demonstration  23 October 1956  1  Demonstration in Budapest  Budapest  -  -"
    )
    assert len(result.stdout.splitlines()) == 6


def test_json_shape(run: Run) -> None:
    """JSON records carry schema_version, the date string and its earliest/latest days."""
    result = run("show", "--on", "1956-10-29", "-f", "json", data=MINI)
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    assert record["schema_version"] == 1 and record["record"] == "event"
    assert (record["date"], record["earliest"], record["latest"]) == (
        "1956-10-29/1956-10-30",
        "1956-10-29",
        "1956-10-30",
    )
    assert record["places"] == [{"id": "ujpest", "name": "Újpest"}, {"id": "csepel", "name": "Csepel"}]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("json", "[]\n"), ("jsonl", ""), ("plain", ""), ("ids", ""), ("csv", None), ("tsv", None), ("table", "")],
)
def test_empty_result_succeeds(run: Run, fmt: str, expected: str | None) -> None:
    """No match: exit 0; [] for json, a header for csv/tsv, nothing for plain and ids."""
    result = run("show", "--from", "1990", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    if expected is None:
        assert result.stdout.startswith("id") and len(result.stdout.splitlines()) == 1
    else:
        assert result.stdout == expected


def test_reverse_limit_and_match(run: Run) -> None:
    """--reverse, --limit, --match and its alias --within shape the list."""
    result = run("show", "--reverse", "--limit", "2", "-f", "ids", data=MINI)
    assert result.stdout.split() == ["racz-president", "second-intervention"], result.output
    result = run("show", "--on", "1956-11", "--within", "-f", "ids", data=MINI)
    assert result.stdout.split() == ["second-intervention", "racz-president"], result.output
    result = run("show", "--on", "1956-11", "--match", "within", "-f", "ids", data=MINI)
    assert result.stdout.split() == ["second-intervention", "racz-president"], result.output
    result = run("show", "--on", "1956-11-14", "--match", "overlap", "-f", "ids", data=MINI)
    assert result.stdout.split() == ["racz-president"], result.output  # overlap: 14–30 November
    result = run("show", "--on", "1956-11-14", "-f", "ids", data=MINI)
    assert result.stdout.split() == [], result.output  # 17 days is more than a week for a day
    result = run("show", "--on", "1956-11-14", "--within", "--match", "overlap", data=MINI)
    assert result.exit_code == 2 and "--within is --match within" in result.stderr, result.output


@pytest.mark.parametrize(
    ("day", "listed"),
    [
        ("1956-10-23", ["budapest-demonstration-23-october", "stage-one-disorder", "budapest-leadership-panic"]),
        ("1956-11-23", ["budapest-general-strike-22-23-november", "nagy-tricked-out-of-embassy"]),
        ("1956-12-11", ["general-strike-11-12-december"]),
    ],
)
def test_a_day_lists_its_events_not_the_background(run: Run, day: str, listed: list[str]) -> None:
    """`show --on DAY` lists the day's events and the short spans that include it (the 22–23
    November and 11–12 December strikes), but nothing dated only to a month, a year or longer."""
    result = run("show", "--on", day, "-f", "json", data=SHIPPED)
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert set(listed) <= {e["id"] for e in events}
    for e in events:
        days = (date.fromisoformat(e["latest"]) - date.fromisoformat(e["earliest"])).days + 1
        assert days <= 7, e["id"]


def test_a_month_does_not_start_with_the_background(run: Run) -> None:
    """`show --from 1956-11 --to 1956-11` starts in autumn 1956, not with 1949–1956 or the year 1956."""
    result = run("show", "--from", "1956-11", "--to", "1956-11", "-f", "json", data=SHIPPED)
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert events and all(e["earliest"] >= "1956-10-01" for e in events)
    wide = run("show", "--from", "1956-11", "--to", "1956-11", "--match", "overlap", "-f", "ids", data=SHIPPED)
    assert "borsod-industrialisation" in wide.stdout.split()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--phase", "9"], 1, "No phase '9'"),
        (["--person", "racs"], 1, "Did you mean 'Sándor Rácz'"),
        (["--place", ""], 1, "No place ''"),
        (["--tag", "riot"], 1, "No tag 'riot'"),
        (["--note", "58"], 1, "notes run from 1 to 5"),
        (["--from", "1956-02-30"], 2, "February 1956 has no day 30"),
        (["--from", "1957", "--to", "1956"], 2, "later than --to"),
        (["--on", "1956", "--from", "1956"], 2, "--on cannot be combined"),
        (["--format", "xml"], 2, "'xml' is not one of"),
        (["--limit", "-1"], 2, "-1"),
        (["--bogus"], 2, "No such option"),
    ],
)
def test_bad_input(run: Run, args: list[str], code: int, message: str) -> None:
    """Unknown names exit 1 with a suggestion; malformed options exit 2; one Error line."""
    result = run("show", *args, data=MINI)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.count("Error") == 1


def test_no_ansi_when_piped_and_force_color(run: Run) -> None:
    """No escape codes when not a terminal; FORCE_COLOR turns colour on, NO_COLOR wins."""
    plain = run("show", "-f", "table", data=MINI, env={"NO_COLOR": ""})
    assert "\x1b" not in plain.stdout
    forced = run("show", "-f", "table", data=MINI, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    both = run("show", "-f", "table", data=MINI, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b" not in both.stdout


def test_csv_opens_in_a_spreadsheet(run: Run) -> None:
    """`show --on 1956-11-04 --format csv` on the shipped data is valid CSV with a header."""
    result = run("show", "--on", "1956-11-04", "--format", "csv", data=SHIPPED)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["earliest"] <= "1956-11-04" <= (r["latest"] or "9999") for r in rows)


def test_phase_2_is_29_october_to_3_november(run: Run) -> None:
    """`show --phase 2` lists events of 29 October – 3 November 1956, the Pécs elections of 28–29
    October among them, which are listed under phase 1 and belong to phase 2 too."""
    result = run("show", "--phase", "2", "-f", "json", data=SHIPPED)
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert events and all(2 in e["phases"] and e["phase"] == e["phases"][0] for e in events)
    pecs = next(e for e in events if e["id"] == "pecs-councils-elected")
    assert (pecs["phase"], pecs["phases"]) == (1, [1, 2])
    assert all((e["latest"] or "") >= "1956-10-29" and (e["earliest"] or "") <= "1956-11-03" for e in events)


def test_json_range_parses(run: Run) -> None:
    """`show --from 1956-11-04 --to 1956-11-11 --format json` lists, in order, exactly the events of
    the whole listing whose days may fall in that week and that last at most 7 x 8 days; with
    `--match overlap`, every event whose days may fall in it."""
    every = json.loads(run("show", "--format", "json", data=SHIPPED).stdout)

    def days(e: dict[str, str]) -> int:
        return (
            date.fromisoformat(e["latest"] or "9999-12-31") - date.fromisoformat(e["earliest"] or "0001-01-01")
        ).days + 1

    week = [e for e in every if (e["earliest"] or "") <= "1956-11-11" and (e["latest"] or "9999") >= "1956-11-04"]
    assert week and len(week) < len(every)
    for match, expected in (("overlap", week), ("default", [e for e in week if days(e) <= 56])):
        result = run("show", "--from", "1956-11-04", "--to", "1956-11-11", "--match", match, "-f", "json", data=SHIPPED)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == expected
    assert len(expected) < len(week)


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`chron show | head -1` prints one line and no BrokenPipeError."""
    cmd = f"{sys.executable} -m chron --data {SHIPPED} show | head -1"
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {cmd}"], capture_output=True, text=True, timeout=60)
    assert len(done.stdout.splitlines()) == 1
    assert "Error" not in done.stderr and "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("chron show --phase ", 3, ["0", "1", "2", "3", "4", "prelude", "disorder"]),
        ("chron show --person rac", 3, ["racz-sandor"]),
        ("chron event miskolc-", 2, ["miskolc-demonstration-shooting"]),
        ("chron note 5", 2, ["5", "50", "57"]),
        ("chron show --format js", 3, ["json", "jsonl"]),
        ("chron cite 23 --style ch", 4, ["chicago-note", "chicago-bibliography", "chicago-author-date"]),
        ("chron cite 5", 2, ["5", "50", "57"]),
        ("chron cite 12-", 2, ["12-13", "12-40", "12-57"]),
        ("chron cite 23 fry", 3, ["fryer1986", "fryer1957"]),
        ("chron sources lom", 2, ["lomax1976", "lomax1990", "lomax1980", "lomax1979"]),
        ("chron notes --cites gran", 3, ["granville1996", "granville2003"]),
    ],
)
def test_shell_completion(words: str, cword: int, expected: list[str]) -> None:
    """typer's completion offers phases, people, event ids, note numbers and ranges, work ids, formats
    and styles."""
    env = {
        **os.environ,
        "_CHRON_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "CHRON_DATA": str(SHIPPED),
    }
    done = subprocess.run([sys.executable, "-m", "chron"], env=env, capture_output=True, text=True, timeout=60)
    offered = done.stdout.split()
    for item in expected:
        assert item in offered, (words, offered, done.stderr)


@pytest.mark.parametrize("fmt", ["plain", "markdown", "table"])
def test_human_formats_show_readable_dates(run: Run, fmt: str) -> None:
    """Plain, Markdown and table output say "spring 1950" and "the 1950s", never the codes 1950-21 or 195X."""
    result = run("show", "--to", "1956-01", "--match", "overlap", "-f", fmt, data=SHIPPED, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "spring 1950" in result.stdout and "the 1950s" in result.stdout
    assert "1950-21" not in result.stdout and "195X" not in result.stdout


def test_machine_formats_keep_the_edtf_date(run: Run) -> None:
    """JSON, CSV and ids keep the data's own date string; JSON adds the English beside it."""
    result = run("show", "--to", "1956-01", "--match", "overlap", "-f", "json", data=SHIPPED)
    spring = next(e for e in json.loads(result.stdout) if e["id"] == "stalin-iron-steel-works-begun")
    assert (spring["date"], spring["date_english"]) == ("1950-21", "spring 1950")
    assert "1950-21" in run("show", "--to", "1956-01", "--match", "overlap", "-f", "csv", data=SHIPPED).stdout


def test_the_repression_is_in_phases_3_and_4(run: Run) -> None:
    """The repression of November 1956 to the end of 1959 is listed under phase 3 and belongs to
    phase 4 too, whose description claims it."""
    result = run("show", "--phase", "4", "-f", "json", data=SHIPPED)
    assert result.exit_code == 0, result.output
    found = {e["id"]: e for e in json.loads(result.stdout)}
    repression = found["repression-arrests-and-sentences"]
    assert (repression["phase"], repression["phases"]) == (3, [3, 4])
    phases = json.loads(run("phases", "-f", "json", data=SHIPPED).stdout)
    assert "repression" in phases[4]["description"]


def test_the_phase_column_names_every_phase_an_event_spans(run: Run) -> None:
    """`show --phase 2` lists the Pécs elections of 28–29 October, and its phase column says why
    (phases 1 and 2), in plain as in the table; CSV keeps the one-number `phase` beside `phases`."""
    plain = run("show", "--phase", "2", data=SHIPPED).stdout.splitlines()
    [pecs] = [line.split("  ") for line in plain if line.startswith("pecs-councils-elected  ")]
    assert pecs[2] == "1; 2"
    table = run("show", "--phase", "2", "-f", "table", data=SHIPPED, env={"COLUMNS": "200"}).stdout
    assert re.search(r"28–29 October 1956\s+1; 2\s", table), table
    header = run("show", "-f", "csv", data=SHIPPED).stdout.splitlines()[0].split(",")
    assert header[header.index("phase") + 1] == "phases"

"""`chron timeline`: the terminal picture (golden files at 80 and 120 columns), TimelineJS3, markwhen, HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import MINI, SHIPPED, Run, golden


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("name", "args"), [("phase2", ["--phase", "2"]), ("all", [])])
def test_terminal_golden(run: Run, width: int, name: str, args: list[str]) -> None:
    """A phase and the whole dataset at 80 and 120 columns are as reviewed, and fit the width."""
    result = run("timeline", *args, "--width", str(width), data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    golden(f"timeline.{name}.{width}", result.stdout)


def test_unicode_and_ascii(run: Run) -> None:
    """Not a terminal means ASCII; exact dates, spans and gaps look different."""
    result = run("timeline", "--width", "80", data=MINI)
    assert result.stdout.isascii() is False  # titles keep their accents
    drawing = re.sub(r"[^\x00-\x7f]", "", result.stdout)
    assert "| * " in drawing and re.search(r"\| \[-*\] ", drawing)  # a point and a span
    assert "━" not in result.stdout and "●" not in result.stdout


@pytest.mark.parametrize("unit", ["day", "week", "month", "year"])
def test_by_unit(run: Run, unit: str) -> None:
    """--by groups the events by day, week, month or year."""
    result = run("timeline", "--by", unit, "--width", "80", data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"timeline.mini.{unit}", result.stdout)


def test_bad_options(run: Run) -> None:
    """A bad unit, width or format is a usage error."""
    assert run("timeline", "--by", "hour", data=MINI).exit_code == 2
    assert run("timeline", "--width", "5", data=MINI).exit_code == 2
    assert run("timeline", "-f", "svg", data=MINI).exit_code == 2


def test_empty(run: Run) -> None:
    """No events: the title line only, exit 0."""
    result = run("timeline", "--from", "2020", data=MINI)
    assert result.exit_code == 0, result.output
    assert "0 events" in result.stdout


def date_ok(parts: dict[str, int]) -> bool:
    return (
        all(isinstance(v, int) for v in parts.values()) and set(parts) <= {"year", "month", "day"} and "year" in parts
    )


def test_timelinejs_follows_the_format(run: Run) -> None:
    """TimelineJS3 JSON: integer date parts, unique ids, a date label with its year, eras in bounds."""
    result = run("timeline", "-f", "timelinejs", data=SHIPPED)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["title"]["text"]["headline"]
    ids = [e["unique_id"] for e in doc["events"]]
    assert len(ids) == len(set(ids)) == len(json.loads(run("show", "-f", "json", data=SHIPPED).stdout))
    events = {e["id"]: e for e in json.loads(run("show", "-f", "json", data=SHIPPED).stdout)}
    for slide in doc["events"]:
        assert date_ok(slide["start_date"]), slide
        if "end_date" in slide:
            assert date_ok(slide["end_date"]), slide
            assert tuple(slide["start_date"].values()) <= tuple(slide["end_date"].values())
        event = events[slide["unique_id"]]
        assert slide["display_date"] == event["date_english"].replace("&", "&amp;")
        assert re.search(r"\d{4}", slide["display_date"]), slide["display_date"]  # a label always has its year
        assert f"The text dates it: “{event['date_text']}”" in slide["text"]["text"].replace("&amp;", "&")
        assert slide["group"] and slide["text"]["headline"]
    assert len(doc["eras"]) == 5
    for era in doc["eras"]:
        assert date_ok(era["start_date"]) and date_ok(era["end_date"])
        start = tuple(era["start_date"].values())
        assert start <= tuple(era["end_date"].values())
        assert start[:1] >= (1849,) and tuple(era["end_date"].values())[:1] <= (2006,)


def test_markwhen(run: Run) -> None:
    """markwhen text: a title, one section per phase, one dated line per event."""
    result = run("timeline", "-f", "markwhen", data=MINI)
    assert result.exit_code == 0, result.output
    golden("timeline.markwhen", result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("title: ")
    assert sum(line.startswith("# ") for line in lines) == 3
    assert not any(line.startswith("group ") or line == "endGroup" for line in lines)
    assert sum(bool(re.match(r"^\d{4}(-\d\d){0,2}(/\d{4}(-\d\d){0,2})?: ", line)) for line in lines) == 6


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("src", "href") and value and not value.startswith("#"):
                self.urls.append(value)


def test_html_page(run: Run, tmp_path: Path) -> None:
    """The page parses, holds every event id, loads nothing from outside, and escapes values."""
    target = tmp_path / "t.html"
    result = run("timeline", "-f", "html", "-o", str(target), data=SHIPPED)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    parser = Collector()
    parser.feed(text)
    parser.close()
    ids = run("show", "-f", "ids", data=SHIPPED).stdout.split()
    assert ids and set(ids) <= parser.ids
    assert parser.urls == []
    assert "http://" not in text and "https://" not in text
    assert parser.tags.count("script") == 1  # the constant script the page's policy allows (test_timeline_readers)
    assert "details" in parser.tags and "style" in parser.tags


def test_html_escapes_markup(run: Run, mini: Path) -> None:
    """A title holding <script> comes out escaped."""
    path = mini / "chronology.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'title = "Soviet forces attack Budapest"', 'title = "<script>alert(1)</script> & [red]x"'
        ),
        encoding="utf-8",
    )
    result = run("timeline", "-f", "html", data=mini)
    assert "<script>alert" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; [red]x" in result.stdout

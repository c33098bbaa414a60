"""The pictures and exports as the readers' tools read them: the Python side of tests/readers/check.py
(which runs TimelineJS3, markwhen's parser and Chromium printing, outside CI)."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from pathlib import Path

from chron.timeline.page import POLICY, SCRIPT
from tests.conftest import MINI, SHIPPED, Run, dataset, edit

# markwhen's parser (@markwhen/parser 1.x): what a line that is not an event's first line may not
# look like, or the parser reads it as a property, a section heading, a list item or a date.
PROPERTY = re.compile(r"^\s*[\w\-.]+:(?:\s|$)")
HEADING = re.compile(r"^\s*#{1,6}\s")
EVENT_LINE = re.compile(r"^(\d{4}(?:-\d\d){0,2})(?:/(\d{4}(?:-\d\d){0,2}))?: (.+?)((?: #\w+)*)$")


def test_every_timelinejs_date_label_has_its_year(run: Run) -> None:
    """TimelineJS shows display_date as the date: it must carry the year (153 slides had none)."""
    doc = json.loads(run("timeline", "-f", "timelinejs", data=SHIPPED).stdout)
    labels = [slide["display_date"] for slide in doc["events"]]
    assert labels and all(re.search(r"\d{4}", label) for label in labels)
    assert not any(label in ("already", "Meanwhile", "now") for label in labels)


def test_markwhen_follows_the_parsers_grammar(run: Run) -> None:
    """The header is YAML, each phase a section heading, each event a dated line with word tags, and
    no description line reads as a property, heading or group ending."""
    ds = dataset(SHIPPED)
    lines = run("timeline", "-f", "markwhen", data=SHIPPED).stdout.splitlines()
    head = lines[0].removeprefix("title: ")
    assert lines[0].startswith("title: ") and json.loads(head) == ds.title  # the colon needs quotes
    headings = [line[2:] for line in lines if line.startswith("# ")]
    assert headings == [f"{p.n} · {p.name}" for p in ds.phases]
    events = [i for i, line in enumerate(lines) if EVENT_LINE.match(line)]
    assert len(events) == ds.event_count()
    for i in events:
        tags = EVENT_LINE.match(lines[i])
        assert tags is not None and "-" not in tags.group(4)
        description = lines[i + 1]
        assert not (PROPERTY.match(description) or HEADING.match(description) or EVENT_LINE.match(description))
    assert "endGroup" not in lines


def test_markwhen_keeps_a_tricky_summary_as_text(run: Run, mini: Path) -> None:
    """A summary that looks like a property or a heading is marked as text with a leading ". "."""
    edit(mini / "chronology.toml", 'summary = "A student demonstration', 'summary = "Note: a student demonstration')
    edit(mini / "chronology.toml", 'summary = "Security forces fired', 'summary = "# Security forces fired')
    lines = run("timeline", "-f", "markwhen", data=mini).stdout.splitlines()
    assert ". Note: a student demonstration in support of Poland brought tens of thousands on to the streets." in lines
    assert ". # Security forces fired on a mass demonstration in Miskolc." in lines


def test_html_page_prints_every_event_open(run: Run) -> None:
    """A print stylesheet opens every event; Expand all and Collapse all are there; one constant
    script, allowed by its hash in the page's policy, and nothing loaded."""
    page = run("timeline", "-f", "html", data=SHIPPED).stdout
    assert "@media print" in page and "details::details-content" in page
    assert 'data-open="all">Expand all<' in page and 'data-open="none">Collapse all<' in page
    assert re.findall(r"<script>(.*?)</script>", page, flags=re.S) == [SCRIPT]
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert f'content="{POLICY}"' in page and f"'sha256-{digest}'" in POLICY and "default-src 'none'" in POLICY


def test_csv_bom_opens_with_accents(run: Run) -> None:
    """csv-bom is CSV with a UTF-8 byte-order mark, which spreadsheets need to read accents."""
    plain = run("places", "-f", "csv", data=MINI).stdout_bytes
    marked = run("places", "-f", "csv-bom", data=MINI).stdout_bytes
    assert marked == b"\xef\xbb\xbf" + plain
    rows = list(csv.reader(io.StringIO(marked.decode("utf-8-sig"))))
    assert rows[0][0] == "id" and any("Újpest" in row for row in rows)
    assert "csv-bom is CSV that LibreOffice and Excel open" in " ".join(run("show", "--help").stdout.split())


def test_csv_bom_of_an_empty_listing_is_a_marked_header(run: Run) -> None:
    """No rows: the byte-order mark and the header row, as csv gives the header row."""
    out = run("show", "--from", "1990", "-f", "csv-bom", data=MINI).stdout_bytes
    assert out.startswith(b"\xef\xbb\xbfid,") and out.count(b"\n") == 1

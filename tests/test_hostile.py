"""Hostile data (tests/hostile) through every command and every format: nothing that a terminal, a
browser, a spreadsheet or a bibliography reader would obey comes out raw, and each markup output
parses with the structure chron meant."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
import rispy
from markdown_it import MarkdownIt

from chron.cards import CARD_FORMATS
from chron.citation import STYLES
from chron.cite_formats import CITE_FORMATS
from chron.cli import COMMANDS
from chron.escape import BIDI
from chron.export import EXPORTS
from chron.render import FORMATS
from chron.report import REPORT_FORMATS
from chron.timeline import FORMATS as TIMELINES
from tests.conftest import MINI, also_slow, invoke
from tests.hostile import ESC_CLEAR, KEPT_EXACTLY, OSC52, make, write_inputs

# What no output may hold raw: C0 controls but tab, newline and CR (CR only as the line end of
# CSV and RIS), DEL, C1, and the bidi controls.
RAW = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}]")
LISTINGS = ("show", "phases", "people", "places", "spellings", "tags", "sources")
QUERY = "hungary OR evil OR fake OR endgroup OR budapest OR heading OR soon"
EVENTS = [
    "budapest-demonstration",
    "izzo-council",
    "miskolc-massacre",
    "district-councils",
    "second-intervention",
    "racz-president",
]
WORKS = ["molnar1971", "romsics1999", "pecsi1964", "litvan1996", "granville1996", "haynes2006conf"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(MINI, folder)
    return make(folder)


def command_lines() -> Iterator[tuple[str, ...]]:
    """Every command with every format its registry offers (and every citation style)."""
    for cmd in LISTINGS:
        for fmt in FORMATS:
            yield (cmd, "-f", fmt)
    for fmt in FORMATS:
        yield ("search", QUERY, "-f", fmt)
        yield ("notes", "-f", fmt)
    for fmt in CARD_FORMATS:
        yield from (("event", e, "-f", fmt) for e in EVENTS)
        yield from (("note", str(n), "-f", fmt) for n in range(1, 6))
        yield from (("sources", w, "-f", fmt) for w in WORKS)
    for style in STYLES:
        for fmt in CITE_FORMATS:
            yield ("cite", "1-5", *WORKS, "--style", style, "-f", fmt)
    for fmt in TIMELINES:
        yield ("timeline", "-f", fmt)
    yield ("timeline", "--ascii", "--by", "day")
    for kind in EXPORTS:
        yield ("export", kind)
    for fmt in REPORT_FORMATS:
        yield ("check", "-f", fmt)
    yield ("schema", "chronology")
    for fmt in FORMATS:  # the commands that read a text or bibliography: their inputs are hostile too
        yield ("extract", "{text}", "-f", fmt)
        yield ("import", "{bib}", "{ris}", "--dry-run", "-f", fmt)
        yield ("link", "-f", fmt)
    yield ("new", "{new}", "--title", "T" + ESC_CLEAR + "\u202e\nx = 1", "--author", "Smith" + OSC52 + ", J")


LINES = list(command_lines())


def test_every_command_is_in_the_hostile_run() -> None:
    """A new command joins the hostile run (add it to command_lines) before it ships."""
    # browse needs a terminal: test_cli_browse draws this same hostile data in the browser.
    assert {argv[0] for argv in LINES} | {"browse"} == set(COMMANDS)


def no_raw(text: str, crlf: bool = False) -> None:
    found = RAW.search(text.replace("\r\n", "\n") if crlf else text.replace("\r", "\x0e"))
    assert found is None, f"raw {found.group()!r} at {found.start()}: {text[max(found.start() - 40, 0) :][:80]!r}"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_inputs(tmp_path_factory.mktemp("inputs"))


@pytest.mark.parametrize("argv", LINES, ids=lambda argv: " ".join(a.replace("\n", " ") for a in argv))
def test_no_raw_control_or_bidi_character(
    hostile: Path, inputs: dict[str, Path], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    """Nothing a terminal would obey reaches stdout or stderr, in any command or format; what `new`
    writes is a dataset that loads."""
    places = {**{k: str(v) for k, v in inputs.items()}, "{new}": str(tmp_path / "new")}
    argv = tuple(places.get(a, a) for a in argv)
    result = invoke(*argv, data=hostile)
    assert result.exit_code == 0, result.output
    crlf = argv[-1] in ("csv", "ris")
    no_raw(result.stdout, crlf=crlf)
    no_raw(result.stderr)
    if argv[0] == "new":
        assert invoke("check", data=tmp_path / "new").exit_code == 0
        for name in ("chronology.toml", "sources.toml"):
            no_raw((tmp_path / "new" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_lines_of_a_hostile_kept_text_show_controls(hostile: Path, tmp_path: Path, fmt: str) -> None:
    """`search --in text` prints lines of the text kept beside the data: their controls are shown, never obeyed."""
    folder = tmp_path / "data"
    shutil.copytree(hostile, folder)
    kept = f"Budapest{ESC_CLEAR} in 1956.\n\nThe evil{OSC52} \u202ehungary\u202c fake\x9b31m news.\n"
    (folder / "article.txt").write_text(kept, encoding="utf-8")
    result = invoke("search", QUERY, "--in", "text", "-f", fmt, data=folder)
    assert result.exit_code == 0, result.output
    assert result.stdout
    no_raw(result.stdout, crlf=fmt == "csv")
    no_raw(result.stderr)


def test_error_messages_and_arguments_show_controls(hostile: Path) -> None:
    """An error that repeats a hostile argument or value shows its controls, never obeys them."""
    for argv in (
        ("event", "x" + ESC_CLEAR + "\u202e"),
        ("search", "person:" + OSC52),
        ("cite", "x\x9b1m"),
        ("show", "--phase", "\u2066x"),
        ("show", "-f", "\x1b[2J"),
        ("\x1b[2Jnot-a-command",),
    ):
        result = invoke(*argv, data=hostile)
        assert result.exit_code in (1, 2), result.output
        no_raw(result.stdout)
        no_raw(result.stderr)


def run_ok(*argv: str, data: Path) -> str:
    result = invoke(*argv, data=data)
    assert result.exit_code == 0, result.output
    return result.stdout


# ------------------------------------------------------------------ JSON keeps every value exactly


def test_json_outputs_are_exact(hostile: Path) -> None:
    """JSON escapes controls as \\u escapes: parsed, the values are the data's, byte for byte."""
    shown = json.loads(run_ok("show", "-f", "json", data=hostile))
    assert any(r["title"].startswith('=HYPERLINK("') for r in shown)
    assert any("\x9b31m\x85\x90\x7f" in r["summary"] for r in shown if r.get("summary"))
    items = json.loads(run_ok("export", "csl-json", data=hostile))
    molnar = next(i for i in items if i["id"] == "molnar1971")
    assert OSC52 in molnar["title"] and "Győr–Szőny “ű” ‘ő’ — Ünnep" in molnar["title"]
    out = run_ok("export", "csl-json", data=hostile)
    assert all(word in out for word in KEPT_EXACTLY)


# ------------------------------------------------------------------ spreadsheets


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("cmd", LISTINGS)
def test_csv_and_tsv_start_no_formula(hostile: Path, cmd: str, fmt: str) -> None:
    """Every row has the header's cells, and no cell starts a formula (OWASP: = + - @ tab CR)."""
    text = run_ok(cmd, "-f", fmt, data=hostile)
    rows = list(csv.reader(io.StringIO(text))) if fmt == "csv" else [r.split("\t") for r in text.splitlines()]
    ids = run_ok(cmd, "-f", "ids", data=hostile).splitlines()
    assert len(rows) == len(ids) + 1 and all(len(r) == len(rows[0]) for r in rows)
    for cell in (c for r in rows[1:] for c in r):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(r"[+-]?[\d.]+", cell), cell


# ------------------------------------------------------------------ Markdown

MD = MarkdownIt("commonmark").enable("table")
TABLE_TOKENS = {f"{t}_{e}" for t in ("table", "thead", "tbody", "tr", "th", "td") for e in ("open", "close")} | {
    "inline"
}


def markdown_tokens(text: str) -> list[str]:
    """The block tokens of ``text``, after checking that no inline token is a link, image or HTML."""
    tokens = MD.parse(text)
    for tok in tokens:
        assert tok.type not in ("html_block", "html_inline"), tok
        for child in tok.children or []:
            assert child.type not in ("link_open", "image", "html_inline", "html_block"), (child, text)
    return [t.type for t in tokens]


@pytest.mark.parametrize("cmd", LISTINGS)
def test_markdown_tables_keep_their_shape(hostile: Path, cmd: str) -> None:
    """A Markdown table is one table with a row per record: no link, no HTML, no new block."""
    kinds = markdown_tokens(run_ok(cmd, "-f", "markdown", data=hostile))
    ids = run_ok(cmd, "-f", "ids", data=hostile).splitlines()
    assert kinds.count("table_open") == 1 and kinds.count("tr_open") == len(ids) + 1
    assert set(kinds) <= TABLE_TOKENS


def test_markdown_cards_are_one_heading_and_a_list(hostile: Path) -> None:
    """An event, note or work card in Markdown is a heading and one list, whatever its values say."""
    for argv in (
        [("event", e) for e in EVENTS] + [("note", str(n)) for n in range(1, 6)] + [("sources", w) for w in WORKS]
    ):
        kinds = markdown_tokens(run_ok(*argv, "-f", "markdown", data=hostile))
        assert kinds.count("heading_open") == 1 and kinds.count("bullet_list_open") >= 1, argv
        assert "paragraph_open" not in kinds[: kinds.index("bullet_list_open")], argv
        assert not {"blockquote_open", "fence", "code_block", "hr", "ordered_list_open"} & set(kinds), argv


@pytest.mark.parametrize("style", STYLES)
def test_markdown_citations_keep_one_line_each(hostile: Path, style: str) -> None:
    """Notes in Markdown are footnote definitions, a line each ([^1]: ...) that opens no other block;
    works one paragraph, a line each; one citation alone is one paragraph."""
    notes = run_ok("cite", "1-5", "--style", style, "-f", "markdown", data=hostile)
    assert [line.split(":", 1)[0] for line in notes.splitlines()] == [f"[^{n}]" for n in range(1, 6)], notes
    assert markdown_tokens(notes) == ["paragraph_open", "inline", "paragraph_close"]
    works = run_ok("cite", *WORKS, "--style", style, "-f", "markdown", data=hostile)
    assert markdown_tokens(works) == ["paragraph_open", "inline", "paragraph_close"]
    assert len(works.splitlines()) == len(WORKS)
    one = markdown_tokens(run_ok("cite", "3", "--style", style, "-f", "markdown", data=hostile))
    assert one == ["paragraph_open", "inline", "paragraph_close"]


# ------------------------------------------------------------------ HTML


# The tags of chron's HTML timeline page (the legend's <b> included): the data adds none.
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "nav", "a", "span", "main"}
PAGE_TAGS |= {"section", "h2", "div", "ol", "li", "details", "summary", "blockquote", "ul", "br", "footer", "b"}
PAGE_TAGS |= {"button"}  # Expand all, Collapse all


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def html_tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(text)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "object", "embed", "img"), tag
        assert not any(k.startswith("on") for k in attrs), attrs
        href = attrs.get("href")
        assert href is None or href.startswith(("#", "http://", "https://", "mailto:")), href
    return parser.tags


def test_html_timeline_has_one_item_per_event(hostile: Path) -> None:
    """The HTML page holds one list item per event and only chron's own tags and links; its one
    script is chron's constant (page.SCRIPT), which no data reaches."""
    from chron.timeline.page import SCRIPT

    page = run_ok("timeline", "-f", "html", data=hostile)
    assert page.count("<script") == page.count(f"<script>{SCRIPT}</script>") == 1
    tags = html_tags(page.replace(f"<script>{SCRIPT}</script>", ""))
    assert sum(1 for t, a in tags if t == "li" and a.get("id") in EVENTS) == len(EVENTS)
    assert sum(1 for t, _ in tags if t == "b") == 3  # the legend's own, none from the data
    assert {t for t, _ in tags} <= PAGE_TAGS


@pytest.mark.parametrize("style", STYLES)
def test_html_citations_hold_only_emphasis(hostile: Path, style: str) -> None:
    """HTML citations are text and <em> in chron's list (<dl> when works are among the items), one
    line per item."""
    text = run_ok("cite", "1-5", *WORKS, "--style", style, "-f", "html", data=hostile)
    assert {t for t, _ in html_tags(text)} <= {"em", "dl", "dt", "dd"} and len(text.splitlines()) == 5 + len(WORKS) + 2


def test_timelinejs_is_escaped_html_in_json(hostile: Path) -> None:
    """TimelineJS3 JSON has a slide per event, and its HTML fields hold no markup from the data."""
    doc = json.loads(run_ok("timeline", "-f", "timelinejs", data=hostile))
    assert len(doc["events"]) == len(EVENTS)
    for slide in doc["events"]:
        tags = {t for t, _ in html_tags(slide["text"]["headline"] + slide["text"]["text"])}
        assert tags <= {"p", "blockquote"}, tags


# ------------------------------------------------------------------ bibliographies


@pytest.mark.parametrize("kind", ["bibtex", "biblatex"])
def test_bibtex_has_one_entry_per_work_and_no_extra_field(hostile: Path, kind: str) -> None:
    """Braces, "@" and "author = {" in values stay inside their field; names with "and" stay one name."""
    text = run_ok("export", kind, data=hostile)
    lib = bibtexparser.parse_string(text)  # type: ignore[attr-defined]  # re-exported, not in __all__
    assert not lib.failed_blocks and [e.key for e in lib.entries] == ["haynes2006", *WORKS]
    molnar = lib.entries[1].fields_dict
    fields = {"author", "title", "shorttitle", "publisher", "year" if kind == "bibtex" else "date"}
    assert set(molnar) == fields
    assert "Evil" in molnar["publisher"].value and "Evil" not in molnar["author"].value
    assert text.count("{") == text.count("}")
    unbraced = text.replace("{", "").replace("}", "")  # capitals are protected as {Győr–Szőny}
    assert all(word in unbraced for word in KEPT_EXACTLY)  # Unicode stays Unicode, byte for byte
    granville = next(e for e in lib.entries if e.key == "granville1996").fields_dict
    assert granville["author"].value == "{Granville and Smith, Jr}, J"


def test_ris_has_one_record_per_work(hostile: Path) -> None:
    """A value holding "TY  - " and line breaks stays on its own tag's line."""
    text = run_ok("export", "ris", data=hostile)
    records = rispy.loads(text)
    assert [r["id"] for r in records] == ["haynes2006", *WORKS]
    assert "TY - JOUR ER -" in next(r for r in records if r["id"] == "romsics1999")["publisher"]
    assert all(word in text for word in KEPT_EXACTLY)


def test_check_shows_hostile_ids_and_folder_names(tmp_path: Path) -> None:
    """`check` on a broken dataset in a folder whose name holds C1 and bidi controls, with an id
    holding ESC: the text report shows them, the JSON report escapes them and parses back exactly."""
    folder = tmp_path / "data\x9b\u202e"
    shutil.copytree(MINI, folder)
    bad_id = "izzo\x1b[2Jcouncil"
    path = folder / "chronology.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('id = "izzo-council"', f"id = {json.dumps(bad_id)}"))
    text = invoke("check", data=folder)
    assert text.exit_code == 1
    no_raw(text.stdout)
    no_raw(text.stderr)
    report = invoke("check", "-f", "json", data=folder)
    assert report.exit_code == 1
    no_raw(report.stdout)
    parsed = json.loads(report.stdout)
    assert parsed["data"] == str(folder) and any(bad_id in p["where"] + p["message"] for p in parsed["problems"])


# ------------------------------------------------------------------ markwhen


EVENT_LINE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?: ")
# What markwhen reads as syntax at the start of a line (docs: events, groups and sections, markdown
# headings, comments, tag colours, properties after an event), beyond chron's own event lines.
SYNTAX = re.compile(r"(?i)\s*(\S[^:]*:|#|//|end\s*(group|section)|group\b|section\b|\[|---)")


def test_markwhen_text_cannot_become_syntax(hostile: Path) -> None:
    """Each event is one event line and one text line; no text line reads as markwhen syntax."""
    lines = run_ok("timeline", "-f", "markwhen", data=hostile).splitlines()
    assert lines[0].startswith("title: Mini \\x1b[2J")
    events = [i for i, line in enumerate(lines) if EVENT_LINE.match(line)]
    assert len(events) == len(EVENTS)
    assert sum(line.startswith("# ") for line in lines) == 3 and "endGroup" not in lines  # a section per phase
    for i in events:
        text = lines[i + 1]
        assert not SYNTAX.match(text) or text.startswith(". "), text


# ------------------------------------------------------------------ cite --csl (any CSL style file)

STYLE = Path(__file__).parent / "hostile" / "note.csl"


@pytest.mark.parametrize("fmt", CITE_FORMATS)
def test_csl_file_takes_prefixes_and_locators_as_words(hostile: Path, fmt: str) -> None:
    """A prefix holding "@work", "[@work]" or HTML and a locator holding "}" add no citation and no
    markup (chron's data is plain text, not CSL-JSON's markup): each note is one line, its words
    printed as written."""
    text = run_ok("cite", "1-5", "pecsi1964", "--csl", str(STYLE), "-f", fmt, data=hostile)
    no_raw(text)
    if fmt == "json":
        lines = [r["text"] for r in json.loads(text)]
    else:
        lines = [line for line in text.splitlines() if line not in ("<dl>", "</dl>")]
    assert len(lines) == 6
    note3 = lines[2]
    assert "Molnár" not in note3 and "Romsics" not in note3  # the prefix's @molnar1971 is words
    if fmt == "html":
        assert {t for t, _ in html_tags(text)} <= {"em", "strong", "span", "a", "dl", "dt", "dd"}
        assert "&lt;b&gt;raw&lt;/b&gt;" in note3
    elif fmt == "markdown":
        markdown_tokens(text)
        assert "\\<b\\>raw\\</b\\> \\[@romsics1999\\]" in note3
    else:
        assert "@molnar1971; <b>raw</b> [@romsics1999] *em*" in note3
    assert "and @pecsi1964" in lines[0] and "Pécsi" not in lines[0]  # the locator's "@pecsi1964" is words


# ------------------------------------------------------------------ shell completion


@pytest.mark.parametrize("shell", also_slow(["zsh", "fish"]))
def test_completion_descriptions_are_one_safe_line(hostile: Path, tmp_path: Path, shell: str) -> None:
    """What a shell shows for a completion holds no raw control, and each value stays on its line."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    for words, count in (("show --person ", 1), ("show --tag ", 4), ("show --place ", 4), ("event ", 6), ("note ", 5)):
        line = f"chron --data {hostile} {words}"
        env = {
            **os.environ,
            "_CHRON_COMPLETE": f"complete_{shell}",
            "CHRON_CACHE_DIR": str(tmp_path / "cache"),
            "PYTHONPATH": str(ROOT / "src"),
            "_TYPER_COMPLETE_ARGS": line,
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(line.split())),
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
        done = subprocess.run([sys.executable, "-m", "chron"], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        no_raw(done.stdout)
        assert len(done.stdout.strip().splitlines()) == count, (words, done.stdout)

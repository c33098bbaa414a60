"""`chron search` through CliRunner."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FORMATS, MINI, SHIPPED, Run, golden


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats(run: Run, fmt: str) -> None:
    """Search results in each format match their golden files."""
    result = run("search", "councils OR miskolc", "-f", fmt, data=MINI)
    assert result.exit_code == 0, result.output
    golden(f"search.{fmt}", result.stdout)


def test_result_says_what_matched(run: Run) -> None:
    """JSON results carry the field and a snippet with match spans."""
    result = run("search", "united lamp", "-f", "json", data=MINI)
    [hit] = json.loads(result.stdout)
    match = hit["matches"][0]
    a, b = match["spans"][0]
    assert match["field"] == "quote" and match["snippet"][a:b] == "United"


def test_highlight_on_a_terminal_only(run: Run) -> None:
    """The match is highlighted in a coloured table and nowhere else."""
    forced = run("search", "miskolc", "-f", "table", data=MINI, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    plain = run("search", "miskolc", "-f", "table", data=MINI)
    assert "\x1b" not in plain.stdout


def test_filters_and_in(run: Run) -> None:
    """Filters of show narrow to events; --in picks the kinds."""
    result = run("search", "council", "--phase", "2", "-f", "ids", data=MINI)
    assert result.stdout.split() == ["district-councils"], result.output
    result = run("search", "molnar", "--in", "works", "-f", "ids", data=MINI)
    assert result.stdout.split() == ["molnar1971"], result.output


@pytest.mark.parametrize(
    ("query", "message"),
    [('"councils', "Unbalanced quote"), ("colour:red", "Unknown field 'colour:'"), ("tag:riot", "no such tag")],
)
def test_malformed_queries(run: Run, query: str, message: str) -> None:
    """A malformed query exits 1 with a clear message, never a traceback."""
    result = run("search", query, data=MINI)
    assert result.exit_code == 1, result.output
    assert message in result.stderr


def test_bad_in(run: Run) -> None:
    """--in with an unknown kind is a usage error."""
    result = run("search", "x", "--in", "events,people", data=MINI)
    assert result.exit_code == 2, result.output
    assert "--in takes" in result.stderr


def test_shipped_examples(run: Run) -> None:
    """`search racz` and `search 'place:csepel strike -year:1957'` work on the real data."""
    result = run("search", "racz", "-f", "jsonl", data=SHIPPED)
    assert result.exit_code == 0 and result.stdout, result.output
    result = run("search", "place:csepel strike -year:1957", "-f", "ids", data=SHIPPED)
    assert result.exit_code == 0 and result.stdout.split(), result.output


def test_unquoted_words_are_the_query(run: Run) -> None:
    """`chron search general strike` searches for both words, as `search 'general strike'` does."""
    words = run("search", "general", "strike", "-f", "ids", data=SHIPPED)
    assert words.exit_code == 0, words.output
    assert words.stdout and words.stdout == run("search", "general strike", "-f", "ids", data=SHIPPED).stdout


def test_every_matching_field_in_json_the_texts_own_first(run: Run) -> None:
    """JSON `matches` holds every field that matched, the quote first; plain shows that first one."""
    result = run("search", "miskolc", "-f", "json", data=MINI)
    [hit] = json.loads(result.stdout)
    assert [m["field"] for m in hit["matches"]] == ["quote", "title", "summary", "places"]
    plain = run("search", "miskolc", "-f", "plain", data=MINI).stdout.rstrip("\n").split("  ")
    assert plain[3] == "quote"  # kind, id, title, the first matching field, its snippet


def test_exact_and_the_text(run: Run) -> None:
    """`--exact --in text` says whether a spelling occurs in the kept text: "Pecs" does, "Pécs" does not."""
    printed = run("search", "Pecs", "--exact", "--in", "text", "-f", "json", data=SHIPPED)
    assert printed.exit_code == 0, printed.output
    lines = json.loads(printed.stdout)
    assert lines and all(h["kind"] == "text" and h["title"] == f"Line {h['id']}" for h in lines)
    assert all("Pecs" in h["matches"][0]["snippet"] for h in lines)
    never = run("search", "Pécs", "--exact", "--in", "text", "-f", "ids", data=SHIPPED)
    assert never.exit_code == 0 and never.stdout == "", never.output


def test_the_text_is_needed_for_in_text(run: Run) -> None:
    """--in text on data with no kept text says where to put it."""
    result = run("search", "councils", "--in", "text", data=MINI)
    assert result.exit_code == 1, result.output
    assert "No text is kept beside this data" in result.stderr and "article.txt" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["councils"],
        ["workers -councils"],
        ["strike OR miskolc", "--in", "events,notes,works"],
        ['"workers councils"', "--limit", "5"],
        ["Nagy", "--exact", "--in", "events,notes,works"],
        ["budapest", "tag:strike"],
        ["kopacsi", "--in", "notes"],
        ["tag:strike"],  # field filters alone: the store's answer is exact, no event is decoded
        ["year:1956 -tag:strike", "--in", "events,notes", "--limit", "40"],
    ],
)
def test_ids_are_the_keys_of_the_full_results(run: Run, args: list[str]) -> None:
    """`-f ids` confirms matches without placing them; it lists exactly the results JSON lists."""
    full = run("search", *args, "-f", "json", data=SHIPPED)
    ids = run("search", *args, "-f", "ids", data=SHIPPED)
    assert full.exit_code == ids.exit_code == 0, full.output + ids.output
    assert ids.stdout.split("\n")[:-1] == [hit["id"] for hit in json.loads(full.stdout)]


def test_ids_place_no_match(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding spans and snippets is most of a search's work; `-f ids` does none of it."""
    from chron import matching

    def refuse(*_args: object) -> None:
        raise AssertionError("spans were computed for -f ids")

    monkeypatch.setattr(matching.Fields, "spans", refuse)
    result = run("search", "councils", "-f", "ids", data=SHIPPED)
    assert result.exit_code == 0 and len(result.stdout.split()) > 20, result.output

"""Piecewise TOML parsing: the same result as one tomli parse of the whole file, or None."""

from __future__ import annotations

from typing import Any

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from chron import pieces
from tests.conftest import SHIPPED


def whole(text: str) -> dict[str, Any] | None:
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError:
        return None


@pytest.mark.parametrize("name", ["chronology.toml", "sources.toml"])
def test_the_shipped_files_parse_as_one_parse_does(name: str) -> None:
    """Both shipped files, cut into pieces, join to exactly tomli's parse."""
    text = (SHIPPED / name).read_text(encoding="utf-8")
    joined = pieces.parse(text, {})
    assert joined is not None
    assert joined[0] == tomli.loads(text)
    assert len(joined[1]) > 50


def test_an_edit_parses_only_the_pieces_it_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit to one event, one piece is parsed again and the result is still exact."""
    text = (SHIPPED / "chronology.toml").read_text(encoding="utf-8")
    joined = pieces.parse(text, {})
    assert joined is not None
    at = text.index("[[events]]")
    edited = text[:at] + text[at:].replace('title = "', 'title = "Edited: ', 1) + "\n"
    parsed: list[str] = []
    real = tomli.loads

    def counting(piece: str) -> dict[str, Any]:
        parsed.append(piece)
        return real(piece)

    monkeypatch.setattr(tomli, "loads", counting)
    again = pieces.parse(edited, joined[1])
    assert again is not None
    assert again[0] == real(edited)
    assert len(parsed) == 2  # the edited event and the last piece, which gained a newline
    assert set(again[1]) - set(joined[1]) == {pieces.digest(p) for p in parsed}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[a]\nx = 1\n[a]\ny = 2\n", id="table-twice"),
        pytest.param("[a]\nx = 1\n[[a]]\ny = 2\n", id="array-after-table"),
        pytest.param("[[a]]\nx = 1\n[a]\ny = 2\n", id="table-after-array"),
        pytest.param("a = 1\n[[a]]\nx = 1\n", id="key-then-header"),
        pytest.param("a.b = 1\n[a]\nx = 1\n", id="dotted-key-then-table"),
        pytest.param('[[a]]\nx = """\n[[a]]\n"""\n', id="header-inside-string"),
        pytest.param("[[a]]\nx = '''\n[b]\n'''\n[[a]]\ny = 2\n", id="literal-string"),
        pytest.param("x = [\n[1]\n]\n", id="header-like-array-line"),
        pytest.param("[[a]]\nx = 1\n[[b]]\ny = 1\n[a.c]\nz = 1\n", id="dotted-table-after-other"),
        pytest.param("[[a]]\nx = 1\n[[a]]\nx = \n", id="syntax-error"),
    ],
)
def test_what_cannot_be_joined_with_certainty_is_left_to_a_whole_parse(text: str) -> None:
    """Layouts whose pieces do not join plainly give None, never a different result."""
    assert pieces.parse(text, {}) is None


def test_pieces_known_before_are_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A piece found by its digest is taken as it is, and the result is the same."""
    text = "title = 'T'\n[[a]]\nx = 1\n[[a]]\nx = 2\n[b]\ny = 3\n"
    joined = pieces.parse(text, {})
    assert joined is not None
    assert joined[0] == {"title": "T", "a": [{"x": 1}, {"x": 2}], "b": {"y": 3}}
    # one key per element of an array of tables: equal text, equal key; other text, another key
    assert list(joined[2]) == ["a"] and len(set(joined[2]["a"])) == 2

    def refuse(piece: str) -> dict[str, Any]:
        raise AssertionError(f"parsed again: {piece!r}")

    monkeypatch.setattr(tomli, "loads", refuse)
    assert joined is not None
    again = pieces.parse(text, joined[1])
    assert again is not None and again[0] == joined[0]


# Lines a TOML file may hold, header lines inside strings and arrays among them.
LINES = st.sampled_from(
    [
        "[[events]]",
        "[[notes]]",
        "[meta]",
        "[[events.figures]]",
        "[events.extra]",
        "  [[events]]",
        "[[events]] # a comment",
        "[ meta ]",
        "x = 1",
        'y = "two"',
        "z = [1, 2]",
        "w = [",
        "[1]",
        "]",
        'q = """',
        "'''",
        "r = '''",
        '"""',
        "# [[events]]",
        "",
        "a.b = 3",
        "title = 'x'",
        "x = 1e3",
        "d = 1956-10-23",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=30), st.lists(LINES, max_size=30))
def test_pieces_join_to_the_whole_parse_or_to_none(before: list[str], after: list[str]) -> None:
    """For any file, the joined pieces equal tomli's parse, or the file is left to a whole parse
    (always so when tomli rejects it), also when reusing the pieces of a different file."""
    previous = pieces.parse("\n".join(before) + "\n", {})
    known = previous[1] if previous else {}
    text = "\n".join(after) + "\n"
    joined = pieces.parse(text, known)
    expected = whole(text)
    if joined is not None:
        assert joined[0] == expected
    if expected is None:
        assert joined is None

"""Property tests: generated texts with known notes and markers come back as they were written."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chron.extract import check_text, extract_text
from chron.extract.lines import to_superscript
from chron.extract.markers import _ABBREVIATIONS, Candidate, choose_chain
from tests.conftest import LENGTHS, at_length

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9).filter(lambda w: w not in _ABBREVIATIONS)
# numbers that stand alone in the body: years, counts, amounts
loose_numbers = st.one_of(st.integers(1, 2100).map(str), st.integers(1, 99).map(lambda n: f"{n},000"))
sentence_words = st.lists(st.one_of(words, words, words, loose_numbers), min_size=2, max_size=10)

MARKERS: dict[str, Callable[[int], str]] = {
    "glued": lambda n: str(n),
    "bracket": lambda n: f" [{n}]",
    "superscript": to_superscript,
    "caret": lambda n: f"^{n}",
    "markdown": lambda n: f"[^{n}]",
}
ITEMS = {
    "colon": lambda n: f"{n}: ",
    "dot": lambda n: f"{n}. ",
    "paren": lambda n: f"{n}) ",
    "bracket": lambda n: f"[{n}] ",
    "space": lambda n: f"{n} ",
    "superscript": lambda n: f"{to_superscript(n)} ",
}


def sentence(parts: list[str]) -> str:
    first, *rest = parts
    return " ".join([first.capitalize(), *rest]) + "."


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, str, str]], str, str | None]:
    """A body whose sentences carry markers 1..N in order, and its notes in a drawn convention."""
    style = draw(st.sampled_from(sorted(MARKERS)))
    items = None if style == "markdown" else draw(st.sampled_from(sorted(ITEMS)))
    count = draw(st.integers(1, 12))
    heading = draw(st.sampled_from(["Notes", "References", "Endnotes", ""]))
    body: list[str] = []
    expected: list[tuple[int, str, str]] = []
    for n in range(1, count + 1):
        for _ in range(draw(st.integers(0, 2))):
            body.append(sentence(draw(sentence_words)))
        words_before = sentence(draw(sentence_words))
        note = sentence(draw(sentence_words))
        body.append(words_before + MARKERS[style](n))
        expected.append((n, note, words_before))
        if draw(st.booleans()):
            body.append("\n\n")
    text = " ".join(body).replace(" \n\n ", "\n\n").strip() + "\n\n"
    if style == "markdown":
        text += "\n".join(f"[^{n}]: {note}" for n, note, _ in expected) + "\n"
    else:
        assert items is not None  # drawn for every style but markdown
        text += (heading + "\n\n" if heading else "") + "\n".join(ITEMS[items](n) + note for n, note, _ in expected)
    return text, expected, style, items


@given(texts())
def _generated_texts_round_trip(case: tuple[str, list[tuple[int, str, str]], str, str | None]) -> None:
    """Every note comes back with its number, verbatim text and the sentence its marker ends."""
    text, expected, style, items = case
    ex = extract_text(text)
    assert [(n.n, n.text, n.attached_to) for n in ex.notes] == expected
    assert ex.convention.markers == style
    if items is not None:
        assert ex.convention.items == items
    assert ex.anomalies == ()
    assert check_text(text, expected) == []


@given(texts(), st.data())
def _a_dropped_note_is_reported_as_missing_text(
    case: tuple[str, list[tuple[int, str, str]], str, str | None], data: st.DataObject
) -> None:
    """Removing a note (not the first: a list with no heading starts at 1) leaves its marker, reported."""
    text, expected, _, items = case
    if len(expected) < 2:
        return
    n, _, _ = data.draw(st.sampled_from(expected[1:]))
    prefix = f"[^{n}]: " if items is None else ITEMS[items](n)
    lines = text.split("\n")
    drop = max(i for i, ln in enumerate(lines) if ln.startswith(prefix))
    kept = lines[:drop] + lines[drop + 1 :]
    ex = extract_text("\n".join(kept))
    assert [(a.kind, a.n) for a in ex.anomalies] == [("missing-text", n)]
    got = ex.note(n)
    assert got is not None and got.text is None and got.attached_to == expected[n - 1][2]


@given(
    st.integers(1, 30),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 30), st.floats(0.05, 0.95)), max_size=40),
)
def _the_chain_keeps_the_true_markers_among_weaker_distractors(
    count: int, distractors: list[tuple[int, int, float]]
) -> None:
    """Markers 1..N in reading order survive any weaker candidates whose numbers fall in 1..N."""
    true = [Candidate(n, n * 300, n * 300 + 2, str(n), 1.0) for n in range(1, count + 1)]
    noise = [Candidate(min(k, count), pos, pos + 1, "x", w) for pos, k, w in distractors if pos % 300]
    cands = sorted(true + noise, key=lambda c: (c.start, c.n))
    assert choose_chain(cands, set(range(1, count + 1))) == true


@pytest.mark.parametrize("long", LENGTHS)
def test_generated_texts_round_trip(long: bool) -> None:
    """Every note comes back with its number, verbatim text and the sentence its marker ends."""
    at_length(_generated_texts_round_trip, long, 60)


@pytest.mark.parametrize("long", LENGTHS)
def test_a_dropped_note_is_reported_as_missing_text(long: bool) -> None:
    """Removing a note (not the first: a list with no heading starts at 1) leaves its marker, reported."""
    at_length(_a_dropped_note_is_reported_as_missing_text, long, 60)


@pytest.mark.parametrize("long", LENGTHS)
def test_the_chain_keeps_the_true_markers_among_weaker_distractors(long: bool) -> None:
    """Markers 1..N in reading order survive any weaker candidates whose numbers fall in 1..N."""
    at_length(_the_chain_keeps_the_true_markers_among_weaker_distractors, long, 60)

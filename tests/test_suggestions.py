"""Suggestions for an event id guessed from its words, which a near-typo match alone cannot give."""

from __future__ import annotations

import pytest

from chron.query import did_you_mean_words

IDS = [
    "miskolc-demonstration-shooting",
    "miskolc-labour-council",
    "salgotarjan-massacre",
    "gyor-discontent-before-23-october",
    "gyor-demonstration",
]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("gyor-discontent", " Did you mean 'gyor-discontent-before-23-october'?"),  # the most words shared
        ("miskolc-demonstration-shootin", " Did you mean 'miskolc-demonstration-shooting'?"),  # a word misspelt
        ("nothing-like-it", ""),
        ("a-b", ""),  # words of three letters or fewer say nothing
    ],
)
def test_the_ids_sharing_most_words(typed: str, expected: str) -> None:
    """The ids that share the most words with the guess, only those."""
    assert did_you_mean_words(typed, IDS) == expected


def test_a_tie_lists_the_closest_first() -> None:
    """Ids sharing as many words are all offered, at most five, the closest spelling first."""
    hint = did_you_mean_words("miskolc-masacre", IDS)
    assert hint.startswith(" Did you mean ") and "'salgotarjan-massacre'" in hint and "'miskolc-labour-council'" in hint
    assert "gyor" not in hint

"""The shipped data says what its quotes say: the slips found in review stay fixed, and date notes
never seem to contradict the date wording they explain."""

from __future__ import annotations

import re
from datetime import date

import pytest

from chron.models import Event
from tests.conftest import SHIPPED, dataset


def event(key: str) -> Event:
    found = dataset(SHIPPED).event(key)
    assert found is not None, key
    return found


def test_csepel_removed_the_moderates() -> None:
    """The leaders Csepel removed found the position too radical: they were the moderates."""
    ev = event("csepel-leadership-change")
    assert "leaders who saw this position as too radical were removed" in ev.quote
    assert "moderate leaders" in ev.title and "too radical" not in ev.title


def test_peasants_left_during_the_revolution() -> None:
    """The leaving is dated from the collapse of the state's power, not by its result in 1957."""
    left = event("peasants-leave-cooperatives")
    assert left.when.earliest == date(1956, 10, 27)
    assert left.date_text in left.quote
    result = event("cooperatives-shrunk-by-early-1957")
    assert result.date == "1957-01/1957-04" and result.notes == (30,)
    assert sorted(f.value for f in result.figures) == [6, 10, 12]


@pytest.mark.parametrize(
    ("key", "field", "words"),
    [
        ("miskolc-demonstration-shooting", "title", "thought dead"),  # the article hedges the 38
        ("miskolc-demonstration-shooting", "summary", "are thought to have died"),
        ("nagy-ceasefire-soviet-withdrawal", "title", "announces Soviet withdrawal"),  # not secured
        ("budapest-housing-damage", "summary", "Property was destroyed largely in the second phase; the regime"),
        ("deaths-first-and-second-round", "date_note", "the article’s own reckoning"),
    ],
)
def test_fixed_wordings(key: str, field: str, words: str) -> None:
    """Titles, summaries and notes that overstated or misattributed the article now follow it."""
    assert words in (getattr(event(key), field) or "")


_UNDATED = re.compile(r"no (?:separate )?(?:date|year)|not (?:separately )?dated", re.IGNORECASE)


def test_a_borrowed_date_wording_is_named_before_undated() -> None:
    """A note that says an event has no date of its own names its borrowed wording first."""
    for ev in dataset(SHIPPED).events():
        note = ev.date_note or ""
        found = _UNDATED.search(note)
        if found:
            at = note.lower().find(ev.date_text.lower())
            assert 0 <= at < found.start(), f"{ev.id}: {note}"

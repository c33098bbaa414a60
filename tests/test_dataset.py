"""The shipped dataset: clean, complete and verbatim against the article (when its text is present)."""

from __future__ import annotations

import pytest

from tests.conftest import ARTICLE, SHIPPED, Run, dataset


def test_notes_run_1_to_57() -> None:
    """The article's 57 notes are all there, in order."""
    assert sorted(dataset(SHIPPED).notes) == list(range(1, 58))


def test_check_is_clean(run: Run) -> None:
    """`chron check` passes on the shipped data."""
    result = run("check", data=SHIPPED)
    assert result.exit_code == 0, result.output


def test_everything_is_verbatim_in_the_article(run: Run) -> None:
    """Every quote, date wording, note text and marker position is found verbatim in the article."""
    if not ARTICLE.is_file():
        pytest.skip(f"the article text is not at {ARTICLE}; the verbatim check needs it (see docs/dataset.md)")
    result = run("check", "--article", str(ARTICLE), data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert f"verbatim in {ARTICLE}." in result.stderr
    assert result.stdout == ""


def test_every_work_is_cited_and_every_event_in_its_phase() -> None:
    """Each work is cited by a note; each event's date lies in (or overlaps) each of its phases."""
    ds = dataset(SHIPPED)
    cited = {c.work for n in ds.notes.values() for c in n.cites}
    assert set(ds.works) == cited
    for ev in ds.events():
        assert ev.phases, ev.id
        for n in ev.phases:
            phase = ds.phase(n)
            assert phase is not None and ev.when.overlaps(phase.when.earliest, phase.when.latest), ev.id


def test_markers_3_and_4_are_absent_from_the_body() -> None:
    """Notes 3 and 4 belong to tables missing from the text, and say so."""
    ds = dataset(SHIPPED)
    assert ds.notes[3].marker_absent and ds.notes[4].marker_absent
    assert all(ds.notes[n].attached_to for n in ds.notes if n not in (3, 4))


@pytest.mark.parametrize(
    ("person", "spellings"),
    [("racz-sandor", ["Racz", "Rácz", "Rasz"]), ("kadar-janos", ["Kádár", "Kadar"])],
)
def test_people_know_every_printed_spelling(person: str, spellings: list[str]) -> None:
    """The article's inconsistent spellings are aliases of one person."""
    ds = dataset(SHIPPED)
    names = " / ".join([ds.people[person].name, *ds.people[person].aliases])
    for spelling in spellings:
        assert spelling in names


@pytest.mark.parametrize(
    ("place", "spellings"),
    [
        ("salgotarjan", ["Salgotarjan", "Salgótarján"]),
        ("csepel", ["Csepel", "Cespel"]),
        ("tatabanya", ["Tatabánya", "Tantabánya"]),
        ("pecs", ["Pecs", "Pécs"]),
        ("gyor", ["Györ", "Győr"]),
    ],
)
def test_places_know_every_printed_spelling(place: str, spellings: list[str]) -> None:
    """Place aliases cover the printed and the standard spellings."""
    ds = dataset(SHIPPED)
    names = " / ".join([ds.places[place].name, *ds.places[place].aliases])
    for spelling in spellings:
        assert spelling in names


def test_the_figures_the_article_gives() -> None:
    """Key numbers are recorded on their events."""
    ds = dataset(SHIPPED)
    values = {f.value for e in ds.events() for f in e.figures}
    for number in (38, 39, 71.1, 17.6, 30.5, 52, 100_000, 229, 350):
        assert number in values, number

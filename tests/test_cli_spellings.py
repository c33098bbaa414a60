"""`chron spellings` and the `printed` marks: which spellings the text prints, how often, where."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chron.models import Person, Place
from chron.spellings import Tally, problems
from tests.conftest import ARTICLE, FORMATS, MINI, SHIPPED, Run, dataset, edit, golden

KEPT = SHIPPED / "article.txt"


def _person(id: str, name: str, *aliases: str, printed: tuple[str, ...] = ()) -> Person:
    return Person(id=id, name=name, aliases=aliases, printed=printed)


def _counts(items: list[Person | Place], text: str) -> dict[tuple[str, str], int]:
    tally = Tally(items)
    found = tally.count(text)
    return {(items[i].id, s): n for (i, s), n in found.items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sándor Kopásci spoke; Kopásci left.", {("k", "Sándor Kopásci"): 1, ("k", "Kopásci"): 2}),
        ("B Nagy wrote of Nagy.", {("b", "B Nagy"): 1, ("i", "Nagy"): 1}),  # B Nagy is not Imre's
        ("Imre Nagy and Nagy", {("i", "Imre Nagy"): 1, ("i", "Nagy"): 2}),
        ("Kopácsi, Kopásciék, kopásci", {}),  # exact: accents and case matter, whole words only
        ("Sándor\nKopásci", {("k", "Sándor Kopásci"): 1, ("k", "Kopásci"): 1}),  # a line break is a space
    ],
)
def test_tally_counts_exact_whole_words_by_name(text: str, expected: dict[tuple[str, str], int]) -> None:
    """A mention counts for its own name's spellings, never for someone else's shorter name."""
    items: list[Person | Place] = [
        _person("k", "Sándor Kopácsi", "Sándor Kopásci", "Kopásci"),
        _person("b", "Balázs Nagy", "B Nagy"),
        _person("i", "Imre Nagy", "Nagy"),
    ]
    assert _counts(items, text) == expected


def test_marks_that_disagree_with_the_text_are_problems() -> None:
    """A spelling marked printed but absent, and one printed but unmarked, are both reported."""
    person = _person("r", "Sándor Rácz", "Racz", "Rasz", printed=("Racz", "Rácz"))
    found = problems([person], [], "Racz spoke, then Rasz.", "chronology.toml")
    messages = sorted(p.message for p in found)
    assert messages == [
        "'Rácz' is marked printed but the text never prints it",
        "the text prints 'Rasz' once; add it to `printed`",
    ]
    assert all(p.where == "people[id=r].printed" for p in found)
    assert problems([_person("x", "X", "Y")], [], "Y", "f") == []  # no marks: nothing to disagree with


def test_the_shipped_marks_agree_with_the_kept_text() -> None:
    """Every shipped person and place marks exactly the spellings the kept text prints."""
    ds = dataset(SHIPPED)
    text = KEPT.read_text(encoding="utf-8")
    assert problems(ds.people.values(), ds.places.values(), text, "chronology.toml") == []
    named: list[Person | Place] = [*ds.people.values(), *ds.places.values()]
    assert all(item.printed for item in named)


@pytest.mark.skipif(not ARTICLE.is_file(), reason=f"the article text is not at {ARTICLE}")
def test_the_kept_text_is_the_article() -> None:
    """data/article.txt is the article, byte for byte."""
    assert KEPT.read_bytes() == ARTICLE.read_bytes()


def test_a_printed_spelling_must_be_a_name_or_alias(run: Run, mini: Path) -> None:
    """`printed` may only hold the name or an alias; anything else is a located data error."""
    edit(
        mini / "chronology.toml",
        'aliases = ["Sándor Racz", "Racz", "Rasz", "Rácz"]',
        'aliases = ["Racz"]\nprinted = ["Rasz"]',
    )
    result = run("check", data=mini)
    assert result.exit_code == 1, result.output
    assert "people[id=racz-sandor].printed: 'Rasz' is neither the name nor an alias" in result.stdout


def test_kopacsi_is_printed_kopasci_throughout(run: Run) -> None:
    """The article prints Kopásci (in three forms) and never the standard Kopácsi."""
    [record] = json.loads(run("spellings", "kopacsi", "-f", "json", data=SHIPPED).stdout)
    counts = {s["spelling"]: (s["count"], s["marked_printed"], s["standard"]) for s in record["spellings"]}
    assert counts["Sándor Kopácsi"] == (0, False, True)
    assert counts["Kopácsi"][:2] == (0, False)
    assert counts["Kopásci"] == (4, True, False)
    assert counts["S Kopásci"][:2] == (1, True)
    assert record["counted_in"] == "text"
    assert 15 in next(s for s in record["spellings"] if s["spelling"] == "S Kopásci")["notes"]


def test_racz_standard_form_is_marked_unprinted(run: Run) -> None:
    """ "Sándor Rácz" is the standard form, never printed; Racz, Rasz and Rácz are printed."""
    result = run("spellings", "racz", data=SHIPPED)
    assert result.exit_code == 0, result.output
    fields = result.stdout.rstrip("\n").split("  ")
    assert fields[:3] == ["person", "racz-sandor", "Sándor Rácz"]
    assert fields[3] == "Sándor Racz ×2; Racz ×4; Rasz ×1; Rácz ×1"
    assert fields[4] == "Sándor Rácz"
    people = json.loads(run("people", "-f", "json", data=SHIPPED).stdout)
    racz = next(p for p in people if p["id"] == "racz-sandor")
    assert "Sándor Rácz" not in racz["printed"] and "Rasz" in racz["printed"]


def test_diosgyor_as_printed_is_confirmed_from_the_text(run: Run) -> None:
    """chron confirms from the text that it prints Diósgyör and Diosgyör, never Diósgyőr."""
    [record] = json.loads(run("spellings", "Diósgyőr", "-f", "json", data=SHIPPED).stdout)
    assert {s["spelling"]: s["count"] for s in record["spellings"]} == {"Diósgyőr": 0, "Diósgyör": 1, "Diosgyör": 1}


def test_hegedus_is_found_by_either_spelling(run: Run) -> None:
    """The article's Hegedüs stays the standard form; the modern Hegedűs finds him too."""
    for name in ("Hegedüs", "Hegedűs"):
        result = run("show", "--person", name, "-f", "ids", data=SHIPPED)
        assert result.exit_code == 0 and result.stdout.strip(), result.output


def test_without_a_kept_text_the_quotes_are_counted_and_it_says_so(run: Run) -> None:
    """With no article.txt, the counts come from quotes and notes, and stderr says so."""
    result = run("spellings", "-f", "json", data=MINI)
    assert result.exit_code == 0, result.output
    assert "no article.txt beside the data" in result.stderr
    assert {r["counted_in"] for r in json.loads(result.stdout)} == {"quotes and notes"}


def test_the_kept_text_is_read_from_the_data_folder(run: Run, mini: Path) -> None:
    """An article.txt beside another dataset is the text its spellings are counted in."""
    (mini / "article.txt").write_text("Rasz and Rasz and Racz.", encoding="utf-8")
    [record] = json.loads(run("spellings", "racz", "-f", "json", data=mini).stdout)
    assert record["counted_in"] == "text"
    assert {s["spelling"]: s["count"] for s in record["spellings"]}["Rasz"] == 2


def test_unknown_name(run: Run) -> None:
    """An unknown name is an error with the listings to look in."""
    result = run("spellings", "nobody", data=SHIPPED)
    assert result.exit_code == 1
    assert "Error: No person or place 'nobody'." in result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats(run: Run, fmt: str, tmp_path: Path) -> None:
    """Each format matches its golden file."""
    data = tmp_path / "mini"
    shutil.copytree(MINI, data)
    (data / "article.txt").write_text("Sándor Racz met Rasz in Cespel and Csepel.\n", encoding="utf-8")
    result = run("spellings", "-f", fmt, data=data)
    assert result.exit_code == 0, result.output
    golden(f"spellings.{fmt}", result.stdout)

"""The oracle: extracting the shipped dataset's own text gives back its curated notes."""

from __future__ import annotations

import time
from typing import Any

import pytest
import tomli

from chron.extract import check_text, extract_text
from tests.conftest import ARTICLE, SHIPPED


def article_text() -> str:
    if ARTICLE.is_file():
        return ARTICLE.read_text(encoding="utf-8")
    pytest.skip(f"the article text is not at {ARTICLE}; the oracle needs it (see docs/dataset.md)")


def curated_notes() -> list[dict[str, Any]]:
    with (SHIPPED / "sources.toml").open("rb") as f:
        notes: list[dict[str, Any]] = tomli.load(f)["notes"]
    return notes


def test_extract_finds_the_curated_notes() -> None:
    """57/57 numbers, note texts verbatim ≥ 56/57, attached_to equal to the curated value ≥ 95%.

    The curated ``attached_to`` is the sentence the marker ends (from the sentence's start to the
    marker), and the extractor uses the same convention, so the values are compared for equality.
    The two notes whose marker belongs to a table the text lacks (``marker_absent``) must come
    back as notes with no marker, each reported.
    """
    text = article_text()
    start = time.perf_counter()
    ex = extract_text(text)
    elapsed = time.perf_counter() - start
    curated = curated_notes()

    assert [n.n for n in ex.notes] == [c["n"] for c in curated]
    assert (ex.convention.layout, ex.convention.items, ex.convention.markers) == ("endnotes", "colon", "glued")
    by_n = {n.n: n for n in ex.notes}
    verbatim = sum(by_n[c["n"]].text == c["text"] for c in curated)
    assert verbatim >= len(curated) - 1, f"{verbatim}/{len(curated)} note texts verbatim"

    with_words = [c for c in curated if c.get("attached_to")]
    same = sum(by_n[c["n"]].attached_to == c["attached_to"] for c in with_words)
    assert same >= 0.95 * len(with_words), f"{same}/{len(with_words)} attached_to equal"
    absent = [c["n"] for c in curated if c.get("marker_absent")]
    assert [n for n in absent if by_n[n].marker is None] == absent
    assert sorted(a.n for a in ex.anomalies if a.kind == "no-marker" and a.n is not None) == absent
    assert elapsed < 2.0, f"extraction took {elapsed:.2f} s"


def test_check_text_accepts_the_curated_dataset() -> None:
    """check_text finds every curated note text, attached_to, quote and date wording: no false failure."""
    text = article_text()
    notes = [(c["n"], c["text"], c.get("attached_to")) for c in curated_notes()]
    with (SHIPPED / "chronology.toml").open("rb") as f:
        chronology = tomli.load(f)
    verbatim = [
        (f"events[id={e['id']}].{field}", e[field])
        for e in chronology["events"]
        for field in ("quote", "date_text")
        if e.get(field)
    ]
    verbatim += [(f"phases[n={p['n']}].quote", p["quote"]) for p in chronology["phases"] if p.get("quote")]
    assert check_text(text, notes, verbatim) == []


def test_check_text_catches_a_curated_value_changed_by_one_character() -> None:
    """One changed character in a note text or its attached words is reported; spacing is not."""
    text = article_text()
    c = next(c for c in curated_notes() if c.get("attached_to"))
    notes = [(c["n"], c["text"][:-1] + "!", c["attached_to"].replace("e", "é", 1))]
    assert [f.where for f in check_text(text, notes)] == [f"notes[n={c['n']}].text", f"notes[n={c['n']}].attached_to"]
    assert check_text(text, [(c["n"], c["text"].replace(" ", "\n  ", 3), c["attached_to"])]) == []

"""chron.link on a second text in another convention: bracketed notes, 'ibid.', 'op. cit.', 'idem',
'loc. cit.', a reference list imported from BibLaTeX (tests/fixtures/bib/mills, all invented)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from chron.bibimport import import_works
from chron.link import Linking, NoteText, link
from tests.test_link import score

MILLS = Path(__file__).parent / "fixtures" / "bib" / "mills"

# What each note cites, read by hand from mills.txt (work, locator); 9 cites nothing, 18's "Ibid."
# follows a work that is not in the reference list.
EXPECTED: dict[int, list[tuple[str, str | None]]] = {
    1: [("smith1952", "45")],
    2: [("smith1952", "50–52")],
    3: [("brown1960", "40")],
    4: [("brown1960", "40")],
    5: [("brown1975", "3")],
    6: [("smith1952", "101")],
    7: [("smith1958", "12–14")],
    8: [("brown1960", "47")],
    10: [("guardian19310504", "9"), ("guardian19310511", "7")],
    11: [("burnley1931", None)],
    12: [("leveque1983", "115")],
    13: [("smith1958", "88")],
    14: [("jones1983", "7")],
    15: [("brown1960", "47")],
    16: [("hall1968", "2:690")],
    17: [("szabo1999", "212")],
    19: [("szabo1999", "215")],
    20: [("leveque1983", "120")],
    21: [("jones1983", "9")],
    22: [("smith1952", "60 n. 4")],
}


def notes() -> list[NoteText]:
    """The numbered notes of mills.txt (between its 'Notes' and 'References' headings)."""
    text = (MILLS / "mills.txt").read_text(encoding="utf-8")
    block = text.split("\nNotes\n")[1].split("\nReferences\n")[0]
    return [NoteText(int(m[1]), m[2]) for m in re.finditer(r"^\[(\d+)\] (.+)$", block, re.MULTILINE)]


@cache
def linking() -> Linking:
    works = import_works((MILLS / "mills.bib").read_text(encoding="utf-8"), filename="mills.bib").works
    return link(notes(), list(works))


def test_the_reference_list_imports_with_the_ids_the_expected_table_uses() -> None:
    """The BibLaTeX reference list imports whole, Zotero-style keys rebuilt as author-year ids."""
    works = import_works((MILLS / "mills.bib").read_text(encoding="utf-8"), filename="mills.bib").works
    assert {w for cites in EXPECTED.values() for w, _ in cites} <= {w.id for w in works}


def test_precision_and_recall() -> None:
    """Proposed (work, locator) pairs against the hand-read table: precision ≥ 95%, recall ≥ 90%."""
    precision, recall, diffs = score(EXPECTED, linking())
    assert precision >= 0.95 and recall >= 0.90, diffs


def test_every_back_reference_resolves_to_the_expected_work() -> None:
    """Each note with ibid., op. cit., idem or loc. cit. cites exactly the expected works."""
    by_note = linking().by_note()
    checked = 0
    for note in notes():
        if re.search(r"\b(?:ibid|op\. cit|idem|loc\. cit)\b", note.text, re.IGNORECASE) and note.n in EXPECTED:
            assert [c.work for c in by_note[note.n].cites] == [w for w, _ in EXPECTED[note.n]], note.text
            checked += 1
    assert checked == 9


def test_what_cannot_be_resolved_is_listed() -> None:
    """A work missing from the reference list, and the 'Ibid.' after it, are unresolved; note 9 cites nothing."""
    result = linking()
    assert [(u.n, u.text.split(",")[0]) for u in result.unresolved] == [(17, "see also E. P. Morton"), (18, "Ibid.")]
    assert result.uncited == (9,)


def test_prefixes_and_labels() -> None:
    """'See' and 'Cf.' become prefixes; 'ch. 3' is a chapter; 'vol. 2, p. 690' keeps its volume."""
    by_note = linking().by_note()
    assert by_note[12].cites[0].prefix == "See"
    assert by_note[14].cites[0].prefix == "Cf."
    assert by_note[5].cites[0].label == "chapter"
    assert "volume 2" in by_note[16].cites[0].reason

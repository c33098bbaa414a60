"""chron.extract on plain texts: each convention, each anomaly kind, and check_text."""

from __future__ import annotations

from pathlib import Path

import pytest

from chron.errors import ChronError, UsageError
from chron.extract import (
    ANOMALY_KINDS,
    ITEM_STYLES,
    LAYOUTS,
    MARKER_STYLES,
    Extraction,
    check_text,
    extract_text,
    kept_text,
)
from chron.extract.documents import extract_file

TEXTS = Path(__file__).parent / "fixtures" / "texts"


def table(ex: Extraction) -> list[tuple[int, str | None, str | None]]:
    return [(note.n, note.text, note.attached_to) for note in ex.notes]


def kinds(ex: Extraction) -> list[tuple[str, int | None]]:
    return [(a.kind, a.n) for a in ex.anomalies]


# --------------------------------------------------------------------------- one test text per convention


def test_bracket_markers_with_a_reference_list() -> None:
    """Bracketed markers, a group [2, 3], a reference cited again, items [1] under References."""
    ex = extract_file(TEXTS / "bracket-references.txt")
    assert (ex.convention.layout, ex.convention.items, ex.convention.markers) == ("endnotes", "bracket", "bracket")
    assert ex.convention.heading == "References"
    said = ex.convention.describe()
    assert said == "endnotes, numbered \"[1] text\", under the heading 'References', markers bracket"
    week = (
        "When wages were cut by 12 per cent in March 1921 the weavers walked out, and the spinners "
        "followed them within the week"
    )
    assert table(ex) == [
        (
            1,
            "J. Smith, A History of Ashby (Ashby Press, 1962), p. 41.",
            "The mill at Ashby employed some 1,200 hands in 1920, most of them women",
        ),
        (2, "Ashby Weavers' Union, Minutes, 14 March 1921.", week),
        (3, "Ibid., 21 March 1921.", week),
        (
            4,
            "Ashby Courier, 18 March 1921, p. 3.",
            'The local paper called it "the largest dispute in the valley since 1878"',
        ),
        (5, "Ashby Weavers' Union, Minutes, 2 May 1921.", "The union's minutes record a vote of 214 to 9 to stay out"),
    ]
    assert kinds(ex) == [("duplicate-marker", 1)]


def test_bracket_markers_with_a_page() -> None:
    """[2, p. 12] and [3, pp. 4-5] are markers 2 and 3; the page is part of the marker."""
    text = "It began [1]. It spread [2, p. 12]. It ended [3, pp. 4-5].\n\nReferences\n\n[1] A.\n[2] B.\n[3] C.\n"
    ex = extract_text(text)
    assert [(n.n, n.marker.printed if n.marker else None, n.attached_to) for n in ex.notes] == [
        (1, "[1]", "It began"),
        (2, "[2, p. 12]", "It spread"),
        (3, "[3, pp. 4-5]", "It ended"),
    ]
    assert ex.anomalies == ()


def test_superscript_markers_with_dot_items() -> None:
    """Superscript digits are markers; a unit such as m² is not."""
    ex = extract_file(TEXTS / "superscript-notes.txt")
    assert (ex.convention.items, ex.convention.markers, ex.convention.heading) == ("dot", "superscript", "Notes")
    assert [n.marker.printed if n.marker else None for n in ex.notes] == ["¹", "²", "³", "⁴"]
    assert ex.notes[2].attached_to == "The lamp burned colza oil until 1873, when paraffin replaced it;"
    assert ex.notes[3].attached_to == "A second tower of 24 m² was added in 1902."
    assert ex.notes[1].text == "County Record Office, MS 1123/4."
    assert ex.anomalies == ()


def test_caret_markers_in_every_spelling() -> None:
    """^1, ^{3} and ^4^ are all caret markers; items are numbered 1) under Endnotes."""
    ex = extract_file(TEXTS / "caret-endnotes.txt")
    assert (ex.convention.items, ex.convention.markers, ex.convention.heading) == ("paren", "caret", "Endnotes")
    assert [n.marker.printed if n.marker else None for n in ex.notes] == ["^1", "^2", "^{3}", "^4^"]
    assert ex.notes[1].attached_to == "Its first cutting reached the river in 1797,"
    assert ex.notes[3].text == "Interview with E. Hale, 1978."
    assert ex.anomalies == ()


def test_glued_markers_in_a_wrapped_text_with_bare_numbered_items() -> None:
    """Numbers glued after words or quotes are markers; years, counts and 1914-18 are not."""
    ex = extract_file(TEXTS / "glued-wrapped.txt")
    assert (ex.convention.items, ex.convention.markers) == ("space", "glued")
    assert table(ex) == [
        (
            1,
            "Log book, 1871, p. 1.",
            "The school opened in 1871 with 43 pupils and one teacher, who was paid £40 a year.",
        ),
        (2, "Managers' minutes, 12 June 1890.", "By 1890 the roll had reached 112, and a second room was built."),
        (3, "Log book, 11 November 1919.", "The log book for 1914-18 records 17 former pupils killed in the war;"),
        (4, "Log book, September 1944.", "In 1944 the school took in 30 evacuees from London.”"),
    ]


def test_markdown_numbered_footnotes_with_continuations() -> None:
    """[^n] markers; a definition's indented lines and paragraphs belong to it."""
    ex = extract_file(TEXTS / "markdown-numbered.md")
    assert (ex.convention.layout, ex.convention.markers) == ("markdown", "markdown")
    assert ex.notes[1].text == "Town council minutes, 3 March 1914.\n\nThe fairs were revived briefly in 1920."
    assert ex.notes[1].attached_to == "Cattle fairs were held twice a year until 1914,"
    assert ex.notes[2].attached_to == "and the corn exchange opened in 1864."
    assert ex.anomalies == ()


def test_markdown_labels_are_numbered_by_first_reference() -> None:
    """[^label] notes take their numbers from the order of first reference, as pandoc numbers them."""
    ex = extract_file(TEXTS / "markdown-labels.md")
    assert [(n.n, n.label, n.text) for n in ex.notes] == [
        (1, "rebuild", "Quarter Sessions order book, Easter 1760."),
        (2, "toll", "Turnpike trust accounts, 1761-1878."),
    ]
    assert ex.notes[0].attached_to == "The bridge was rebuilt in stone in 1760."
    assert kinds(ex) == [("duplicate-marker", 1)]


def test_page_footnotes_with_rules_page_numbers_and_a_note_across_pages() -> None:
    """Form-fed pages: blocks after a rule or at the foot, page numbers dropped, a note run on."""
    ex = extract_file(TEXTS / "page-footnotes.txt")
    assert (ex.convention.layout, ex.convention.items, ex.convention.markers) == ("page-footnotes", "space", "glued")
    assert table(ex) == [
        (1, "Hollins Colliery Inquest, 1910, p. 3.", "The explosion at the Hollins pit killed 64 men on 12 May 1910."),
        (2, "Mines Inspectorate, Report for 1910, p. 14.", "Rescue teams worked for three days."),
        (
            3,
            "Coroner's notes, 20 May 1910.",
            "The inquest opened a week later, and the coroner heard evidence from 23 witnesses.",
        ),
        (4, "Hollins Colliery Inquest, 1910, p. 88.", "The owners were not blamed."),
        (5, "Relief Fund, Accounts, 1911.", "A relief fund raised £9,000 by 1911."),
        (6, "Parish magazine, June 1912.", "A memorial was unveiled in 1912."),
    ]
    assert ex.anomalies == ()


@pytest.mark.parametrize(
    ("item", "style"),
    [("1: ", "colon"), ("1. ", "dot"), ("1) ", "paren"), ("[1] ", "bracket"), ("¹ ", "superscript"), ("1 ", "space")],
)
def test_every_item_numbering_is_read(item: str, style: str) -> None:
    """Each way of numbering the list's items is detected and named."""
    items = "\n".join(item.replace("1", str(n)).replace("¹", "¹²"[n - 1]) + f"Source {n}." for n in (1, 2))
    ex = extract_text(f"It began.1 It ended.2\n\nNotes\n\n{items}\n")
    assert ex.convention.items == style
    assert table(ex) == [(1, "Source 1.", "It began."), (2, "Source 2.", "It ended.")]


def test_a_list_without_heading_runs_to_the_end() -> None:
    """An end list needs no heading; a body line starting with a number is not its start."""
    text = "1 January was cold.1 The mill shut.2\n\n1: First.\n2: Second.\n"
    ex = extract_text(text)
    assert ex.convention.heading is None
    assert table(ex) == [(1, "First.", "1 January was cold."), (2, "Second.", "The mill shut.")]


def test_the_list_ends_at_the_next_section() -> None:
    """A bibliography or a second heading after the notes is not part of the last note."""
    for heading in ("Bibliography", "References", "## Sources"):
        text = f"It began.1 It ended.2\n\nNotes\n\n1: A.\n2: B.\n\n{heading}\n\nSmith, J. A Book (1962).\n"
        assert table(extract_text(text)) == [(1, "A.", "It began."), (2, "B.", "It ended.")], heading


def test_a_paragraph_after_the_list_is_not_a_note() -> None:
    """After a list of single lines, a blank line and an unindented paragraph end the notes."""
    text = "It began.1 It ended.2\n\nNotes\n\n1: A.\n2: B.\n\nThe author teaches history.\n"
    ex = extract_text(text)
    assert table(ex) == [(1, "A.", "It began."), (2, "B.", "It ended.")]
    assert "The author teaches" in ex.body


def test_a_note_may_have_paragraphs_when_its_list_is_spaced() -> None:
    """In a list whose items are apart by blank lines, an unindented paragraph continues a note."""
    text = "It began.1 It ended.2\n\nNotes\n\n1: A.\n\nMore on A.\n\n2: B.\n\n3 continued.\n"
    assert table(extract_text(text))[0] == (1, "A.\n\nMore on A.", "It began.")


def test_a_sentence_ends_at_a_full_stop_but_not_after_an_abbreviation_or_initial() -> None:
    """attached_to starts at its sentence: Dr. and J. do not end one."""
    text = "It rained. Dr. J. Smith said so.1\n\nNotes\n\n1: A.\n"
    assert extract_text(text).notes[0].attached_to == "Dr. J. Smith said so."


def test_a_decimal_point_does_not_end_a_sentence_but_a_marker_after_a_stop_does() -> None:
    """The full stop of 3.5 ends nothing; the one before marker 1 ends its sentence."""
    text = "Output fell.1 Prices rose 3.5 per cent in 1921.2\n\nNotes\n\n1: A.\n2: B.\n"
    assert [n.attached_to for n in extract_text(text).notes] == ["Output fell.", "Prices rose 3.5 per cent in 1921."]


def test_words_since_the_previous_marker_in_the_same_sentence() -> None:
    """A second marker in one sentence follows only the words after the first."""
    text = "The mill,1 which was old, shut in 1921.2\n\nNotes\n\n1: A.\n2: B.\n"
    assert [n.attached_to for n in extract_text(text).notes] == ["The mill,", "which was old, shut in 1921."]


def test_a_named_convention_overrides_detection() -> None:
    """Naming the marker style reads only that style."""
    text = "It began.[1] It went on.2\n\nNotes\n\n1: A.\n2: B.\n"
    ex = extract_text(text, markers="bracket")
    assert ex.convention.markers == "bracket"
    assert [n.marker.printed if n.marker else None for n in ex.notes] == ["[1]", None]


def test_an_unknown_convention_is_a_usage_error() -> None:
    """A misspelt layout or marker style names the choices."""
    with pytest.raises(UsageError, match="glued"):
        extract_text("x", markers="glue")
    with pytest.raises(UsageError, match="endnotes"):
        extract_text("x", layout="pandoc")


def test_line_ends_are_normalised_and_kept_text_is_the_text() -> None:
    """CRLF becomes LF; the kept text is the text itself, ending with a line end."""
    ex = extract_text("It began.1\r\n\r\nNotes\r\n\r\n1: A.")
    assert ex.text == "It began.1\n\nNotes\n\n1: A."
    assert kept_text(ex) == ex.text + "\n"
    assert len(ex.body) == len(ex.text)
    assert table(ex) == [(1, "A.", "It began.")]


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    """A Latin-1 file is refused with what to do."""
    path = tmp_path / "latin.txt"
    path.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(ChronError, match="UTF-8"):
        extract_file(path)


def test_the_registries_name_every_choice() -> None:
    """Layouts, marker styles and anomaly kinds are listed with a description each."""
    assert set(LAYOUTS) == {"endnotes", "page-footnotes", "markdown", "pandoc"}
    assert set(MARKER_STYLES) == {"glued", "bracket", "superscript", "caret", "markdown"}
    assert all(ANOMALY_KINDS.values())


# --------------------------------------------------------------------------- one test per anomaly kind

NOTES_123 = "\n\nNotes\n\n1: A.\n2: B.\n3: C.\n"


def test_anomaly_duplicate_marker() -> None:
    """A marker printed twice in a row is reported; the first gives the words."""
    ex = extract_text("It began.1 It spread.2 Nobody knew why.2 It ended.3" + NOTES_123)
    assert kinds(ex) == [("duplicate-marker", 2)]
    assert ex.notes[1].attached_to == "It spread."
    assert ex.anomalies[0].line == 1 and "column 40" in ex.anomalies[0].where


def test_anomaly_duplicate_note() -> None:
    """A number used twice in the list: the first note is kept, the second reported."""
    ex = extract_text("It began.1 It spread.2 It ended.3\n\nNotes\n\n1: A.\n2: B.\n2: B again.\n3: C.\n")
    assert kinds(ex) == [("duplicate-note", 2)]
    assert ex.notes[1].text == "B." and "B again." in ex.anomalies[0].message
    assert ex.anomalies[0].line == 7


def test_anomaly_gap() -> None:
    """A number missing from both markers and notes is a gap."""
    ex = extract_text("It began.1 It spread.2 It ended.4\n\nNotes\n\n1: A.\n2: B.\n4: D.\n")
    assert kinds(ex) == [("gap", 3)]
    assert [n.n for n in ex.notes] == [1, 2, 4]


def test_anomaly_missing_text() -> None:
    """A marker with no note text is kept as a note with no text and a remark."""
    ex = extract_text("It began.1 It spread.2 It grew.3 It ended.4\n\nNotes\n\n1: A.\n2: B.\n4: D.\n")
    assert kinds(ex) == [("missing-text", 3)]
    note = ex.notes[2]
    assert (note.n, note.text, note.attached_to) == (3, None, "It grew.")
    assert note.remark == "The text has marker 3 but no text for note 3."


def test_anomaly_missing_text_after_the_last_note() -> None:
    """Markers that run past the list's last note are notes whose text is missing."""
    ex = extract_text("It began.1 It spread.2 It grew.3 It ended.4\n\nNotes\n\n1: A.\n2: B.\n")
    assert kinds(ex) == [("missing-text", 3), ("missing-text", 4)]
    assert [(n.n, n.text, n.attached_to) for n in ex.notes[2:]] == [(3, None, "It grew."), (4, None, "It ended.")]


def test_anomaly_missing_text_for_an_empty_item() -> None:
    """An item printed with a number and nothing after it is a note whose text is missing."""
    ex = extract_text("It began.1 It spread.2 It grew.3\n\nNotes\n\n1: A.\n2: B.\n3:\n")
    assert kinds(ex) == [("missing-text", 3)]
    assert ex.notes[2].text is None and ex.notes[2].attached_to == "It grew."


def test_anomaly_no_marker() -> None:
    """A note whose marker is not in the body is reported and has no attached words."""
    ex = extract_text("It began.1 It spread. It ended.3" + NOTES_123)
    assert kinds(ex) == [("no-marker", 2)]
    assert ex.notes[1].attached_to is None and ex.notes[1].remark == "No marker 2 was found in the body."


def test_anomaly_garbled_marker() -> None:
    """[161 between [15] and [17] is read as marker 16 and reported."""
    refs = "".join(f"[{i}] Source {i}.\n" for i in (15, 16, 17))
    ex = extract_text("Wages fell [15]. The mills closed [161. The men marched [17].\n\nReferences\n\n" + refs)
    assert ("garbled-marker", 16) in kinds(ex)
    note = ex.note(16)
    assert note is not None and note.marker is not None
    assert (note.marker.printed, note.marker.garbled, note.attached_to) == ("[161", True, "The mills closed")


@pytest.mark.parametrize("printed", ["[l6]", "16]"])
def test_other_garbled_brackets(printed: str) -> None:
    """A 1 read as l, or a lost opening bracket, is still marker 16."""
    refs = "".join(f"[{i}] Source {i}.\n" for i in (15, 16, 17))
    ex = extract_text(f"A [15]. B {printed}. C [17].\n\nReferences\n\n" + refs)
    assert [a.kind for a in ex.anomalies if a.n == 16] == ["garbled-marker"]


def test_an_editorial_bracket_is_not_a_garbled_marker() -> None:
    """[I]t, an editor's capital in a quotation, is not marker 1 read through a slip."""
    ex = extract_text("He wrote, ‘[I]t was cold’ [2]. Then [1]... no.\n\nReferences\n\n[1] A.\n[2] B.\n")
    assert "garbled-marker" not in [a.kind for a in ex.anomalies]


def test_anomaly_out_of_order() -> None:
    """A bracketed marker standing before a lower number is reported, not dropped."""
    ex = extract_text("First [2]. Then [1]. Last [3].\n\nReferences\n\n[1] A.\n[2] B.\n[3] C.\n")
    assert [k for k, _ in kinds(ex)] == ["out-of-order"]
    assert all(note.marker is not None for note in ex.notes)


def test_anomaly_no_notes() -> None:
    """A text with no notes says so."""
    ex = extract_text("Just a text of 1956 with 12 numbers.\n")
    assert ex.notes == () and kinds(ex) == [("no-notes", None)]


def test_false_markers_do_not_break_the_sequence() -> None:
    """Years, counts, decimals and ’56 next to real markers are not taken for markers."""
    text = (
        "In 1956 some 1,200 men struck.1 Output fell 3.5 per cent.2 In Hungary ’56 was remembered;3 "
        "the 1950s were hard, and 2nd shifts stopped.4\n\nNotes\n\n1: A.\n2: B.\n3: C.\n4: D.\n"
    )
    ex = extract_text(text)
    assert [n.marker.printed if n.marker else None for n in ex.notes] == ["1", "2", "3", "4"]
    assert ex.anomalies == ()


# --------------------------------------------------------------------------- check_text


def test_check_text_accepts_faithful_values_in_every_convention() -> None:
    """The extracted notes, fed back, are all found: no false failure in any fixture."""
    for path in sorted(TEXTS.iterdir()):
        ex = extract_file(path)
        values = [(n.n, n.text, n.attached_to) for n in ex.notes]
        assert check_text(ex.text, values) == [], path.name


def test_check_text_reports_what_the_text_does_not_say() -> None:
    """A changed note text, wrong attached words and a missing quote are each reported."""
    text = (TEXTS / "bracket-references.txt").read_text(encoding="utf-8")
    findings = check_text(
        text,
        [
            (1, "J. Smith, A History of Ashby (1962).", None),
            (2, None, "the weavers walked out"),
            (9, "Nowhere.", "Nothing"),
        ],
        [("events[id=strike].quote", "could not hold the line"), ("events[id=x].quote", "never printed")],
    )
    assert [f.where for f in findings] == [
        "events[id=x].quote",
        "notes[n=1].text",
        "notes[n=2].attached_to",
        "notes[n=9].text",
        "notes[n=9].attached_to",
    ]
    assert [f.kind for f in findings] == ["verbatim", "text", "attached_to", "text", "attached_to"]
    assert "A History of Ashby (" in findings[1].message
    assert "line 5" in findings[2].message


def test_check_text_compares_whitespace_as_one_space() -> None:
    """A note text wrapped differently in the data still matches."""
    text = (TEXTS / "bracket-references.txt").read_text(encoding="utf-8")
    assert check_text(text, [(4, "Ashby Courier,\n18 March 1921,   p. 3.", None)]) == []


def test_check_text_with_a_named_convention() -> None:
    """Naming the convention reads the text that way."""
    text = "It began.[1] It went on.2\n\nNotes\n\n1: A.\n2: B.\n"
    assert check_text(text, [(1, "A.", "It began.")], markers="bracket") == []
    assert [f.where for f in check_text(text, [(2, "B.", "It went on.")], markers="bracket")] == [
        "notes[n=2].attached_to"
    ]


def test_every_convention_and_anomaly_is_documented() -> None:
    """docs/own-text.md names every layout, item numbering, marker style and anomaly kind."""
    doc = (Path(__file__).parents[1] / "docs" / "own-text.md").read_text(encoding="utf-8")
    for name in [*LAYOUTS, *ITEM_STYLES, *MARKER_STYLES, *ANOMALY_KINDS]:
        assert f"`{name}`" in doc, name

"""A hostile dataset: tests/fixtures/mini with values that try to command whatever reads chron's
output. ``make(folder)`` applies the edits below to a copy of mini, ``write_inputs`` writes a text
and bibliographies with the same values for extract and import; test_hostile.py runs every command
and format over them.

Each value is a realistic way in: terminal escapes (CSI, OSC 52 clipboard writes, OSC 8 links),
C1 controls and DEL, bidi overrides and isolates, javascript: links and raw HTML, spreadsheet
formulas, markwhen lines (a date, ``endGroup``, a heading, a property), BibTeX braces and ``@``,
RIS tag lines, and pandoc citation syntax in a prefix and a locator. Legitimate Unicode (Hungarian
ő and ű, dashes, typographic quotes) sits beside them and must come out byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

ESC_CLEAR = "\x1b[2J\x1b[H"
OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # writes "echo pwned" to the clipboard
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
C1 = "\x9b31m\x85\x90"  # CSI and NEL as C1 controls, and DCS
DEL = "\x7f"
BIDI = "\u202eevil\u202c \u2066iso\u2069 \u200f\u061c"
LINK = "[click](javascript:alert(1)) <javascript:alert(2)> <a href='javascript:x'>y</a> <script>z</script>"
LEGIT = "Győr–Szőny “ű” ‘ő’ — Ünnep"


def toml(value: str) -> str:
    """A TOML basic string (a JSON string is one)."""
    return json.dumps(value)


# Where each goes: (file, an exact snippet of mini, its replacement). Values are written as JSON
# strings, which are valid TOML basic strings.
EDITS: list[tuple[str, str, str]] = [
    ("chronology.toml", 'title = "Mini"', "title = " + toml("Mini " + ESC_CLEAR + BIDI)),
    (
        "chronology.toml",
        'name = "Disorder"',
        "name = " + toml("Disorder" + OSC52),
    ),
    (
        "chronology.toml",
        'title = "Demonstration in Budapest"',
        "title = " + toml('=HYPERLINK("https://evil.example","x") ' + OSC8 + " " + LEGIT),
    ),
    (
        "chronology.toml",
        'summary = "A student demonstration in support of Poland brought tens of thousands on to the streets."',
        "summary = " + toml("1956-10-24: a fake event" + C1 + DEL),
    ),
    (
        "chronology.toml",
        'summary = "Security forces fired on a mass demonstration in Miskolc."',
        "summary = " + toml("endGroup"),
    ),
    (
        "chronology.toml",
        'summary = "Soviet forces attacked Budapest and other centres."',
        "summary = " + toml("# A heading\nid: evil\n// a comment\ngroup Evil\n" + LINK),
    ),
    (
        "chronology.toml",
        'title = "Soviet forces attack Budapest"',
        "title = " + toml("+cmd|' /C calc'!A0 [x] @SUM(1+1) " + BIDI),
    ),
    ("chronology.toml", 'date_text = "soon"', "date_text = " + toml("soon" + ESC_CLEAR)),
    ("chronology.toml", 'name = "Sándor Rácz"', "name = " + toml("-Sándor Rácz" + OSC52 + LINK)),
    ("chronology.toml", 'name = "Csepel"', "name = " + toml("@Csepel " + BIDI)),
    ("chronology.toml", 'description = "Shootings."', "description = " + toml("Shootings " + C1 + LINK)),
    (
        "sources.toml",
        'title = "Budapest 1956: A History of the Hungarian Revolution"',
        "title = " + toml("Budapest } 1956 @misc{evil, title={x}} {: A History" + OSC52 + " " + LEGIT),
    ),
    (
        "sources.toml",
        'publisher = "Allen & Unwin"',
        "publisher = " + toml("Allen & Unwin}, author = {Evil"),
    ),
    (
        "sources.toml",
        'publisher = "Corvina"',
        "publisher = " + toml("Corvina\r\nTY  - JOUR\r\nER  - \r\n" + DEL),
    ),
    (
        "sources.toml",
        'title = "The Geography of Hungary"',
        "title = " + toml("The Geography <b>of</b> Hungary " + LINK) + "\nURL = " + toml("javascript:alert(3)"),
    ),
    (
        "sources.toml",
        'family = "Granville"',
        "family = " + toml("Granville and Smith, Jr"),
    ),
    (
        "sources.toml",
        'text = "Data from M Pécsi and B Sárfalvi, The Geography of Hungary (Collets, 1964)."',
        "text = " + toml("Data from " + LINK + ESC_CLEAR + " =1+1 " + BIDI),
    ),
    (
        "sources.toml",
        'prefix = "Data from"',
        "prefix = " + toml("Data from @molnar1971; <b>raw</b> [@romsics1999] *em* " + BIDI),
    ),
    (
        "sources.toml",
        'locator = "174"',
        "locator = " + toml("174}, and @pecsi1964 {5"),
    ),
]

# Strings that must come out exactly as they are, in every export and JSON output.
KEPT_EXACTLY = ("Győr–Szőny", "“ű”", "‘ő’", "— Ünnep")


# Inputs of the commands that read a text or a bibliography (extract, import), with the same
# values raw in them, as a hostile file would have them.
TEXT = (
    "A Title\n\nThe workers met in the hall.1 They voted"
    + ESC_CLEAR
    + " for a strike.2 The police came"
    + BIDI
    + " later.3\n\nNotes\n\n1 See M Smith, The Strike"
    + OSC52
    + " (Verso, 1990), p12.\n2 "
    + LINK
    + ' =HYPERLINK("x") '
    + C1
    + "\n3 endGroup "
    + BIDI
    + ".\n"
)
BIB = (
    "@book{smith1990,\n  author = {Smith"
    + OSC52
    + ", John and \u202eEvil},\n  title = {The "
    + LINK
    + " Strike"
    + ESC_CLEAR
    + ' =HYPERLINK("x")},\n  publisher = {Verso '
    + C1
    + "},\n  year = {1990}\n}\n"
)
RIS = (
    "TY  - BOOK\r\nAU  - Jones"
    + ESC_CLEAR
    + ", Ann\r\nTI  - A "
    + BIDI
    + " <script>x</script>\r\nPY  - 1991\r\nER  - \r\n"
)


def write_inputs(folder: Path) -> dict[str, Path]:
    """TEXT, BIB and RIS as files in ``folder``, by the name of their placeholder in an argv."""
    files = {"{text}": folder / "text.txt", "{bib}": folder / "works.bib", "{ris}": folder / "works.ris"}
    for path, content in zip(files.values(), (TEXT, BIB, RIS), strict=True):
        path.write_text(content, encoding="utf-8", newline="")
    return files


def make(folder: Path) -> Path:
    """Apply EDITS to ``folder`` (a copy of tests/fixtures/mini); returns the folder."""
    for name, old, new in EDITS:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"snippet not found in {name}: {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder

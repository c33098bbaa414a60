"""chron.bibimport: BibTeX, BibLaTeX, CSL-JSON and RIS into works, on export-style fixtures and round trips."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from chron import export
from chron.bibimport import detect_format, import_works
from chron.bibimport.dates import from_csl, from_text
from chron.dataset import Dataset
from chron.errors import ChronError
from chron.load import load_dataset
from chron.models import NAME_ROLES, Name, Work, alias
from chron.tomlwrite import work_table
from tests.conftest import SHIPPED

BIB = Path(__file__).parent / "fixtures" / "bib"


@cache
def shipped() -> Dataset:
    return load_dataset(SHIPPED, use_cache=False)


def read(name: str) -> dict[str, dict[str, Any]]:
    text = (BIB / name).read_text(encoding="utf-8")
    return {w.id: work_table(w) for w in import_works(text, filename=name).works}


# ---------------------------------------------------------------- the round trip


def comparable(work: Work) -> dict[str, Any]:
    """A work's exportable fields: without chron's own `container` id, `editorial` and printed names."""
    table = work_table(work)
    table.pop("container", None)
    table.pop("editorial", None)
    for role in NAME_ROLES:
        role = alias(role)
        if role in table:
            table[role] = [{k: v for k, v in n.items() if k != "printed"} for n in table[role]]
    return table


# What a format cannot hold, per format: (work, field) -> why (docs/citations.md has the whole table).
# The import reads back everything else field for field, and every listed loss still happens.
KNOWN_LOSSES: dict[str, dict[tuple[str, str], str]] = {
    "csl-json": {},
    "biblatex": {},
    "ris": {
        ("haynes2006conf", "status"): "RIS has no publication status",
    },
    "bibtex": {},
}


@pytest.mark.parametrize("fmt", sorted(export.EXPORTS))
def test_export_then_import_gives_the_same_works(fmt: str) -> None:
    """Every shipped work, exported and imported into an empty set, comes back field for field,
    except the listed losses of the current exporter."""
    works = list(shipped().works.values())
    imported = import_works(export.EXPORTS[fmt].render(works), fmt)
    assert imported.duplicates == () and imported.warnings == ()
    got = {w.id: comparable(w) for w in imported.works}
    assert list(got) == [w.id for w in works]
    lost = {}
    for work in works:
        want = comparable(work)
        for field in set(want) | set(got[work.id]):
            if want.get(field) != got[work.id].get(field):
                lost[(work.id, field)] = (want.get(field), got[work.id].get(field))
    unexpected = {k: v for k, v in lost.items() if k not in KNOWN_LOSSES[fmt]}
    assert unexpected == {}
    assert set(lost) == set(KNOWN_LOSSES[fmt]), "a listed loss no longer happens: take its line out"


def test_importing_the_same_export_twice_finds_only_duplicates() -> None:
    """Imported next to the works it came from, an export adds nothing: each entry is a duplicate."""
    works = list(shipped().works.values())
    again = import_works(export.biblatex(works), "biblatex", existing=works)
    assert again.works == ()
    assert [d.existing for d in again.duplicates] == [w.id for w in works]


# ---------------------------------------------------------------- exports in the style of real tools


def test_zotero_bibtex_decodes_latex_and_keeps_corporate_names() -> None:
    """{\\'a}, {\\H{o}}, -- and \\& decode; {1956 Institute} stays one name; 'and others' is dropped with a warning."""
    works = read("zotero.bib")
    assert works["molnar1971"]["author"] == [{"family": "Molnár", "given": "Miklós"}]
    assert works["molnar1971"]["publisher"] == "Allen & Unwin"
    assert works["fontosabb1956"]["title"] == "Fontosabb adatok az 1956. Október-Decemberi időszakról"
    assert works["fontosabb1956"]["issued"] == "1956-11"  # month = nov
    assert works["granville1996"]["title"] == "In the Line of Fire: the Soviet Crackdown on Hungary, 1956–57"
    assert works["granville1996"]["editor"] == [{"family": "Cox", "given": "Terry"}]
    assert works["granville1996"]["container-title"] == "Hungary 1956: Forty Years On"
    assert works["granville1996"]["page"] == "23–49"
    assert works["1956institute"]["author"] == [{"literal": "1956 Institute"}]
    assert [n["family"] for n in works["hegedus1989"]["author"]] == ["Hegedüs", "Szabó"]
    warnings = import_works((BIB / "zotero.bib").read_text(encoding="utf-8"), "bibtex").warnings
    assert any("and others" in w for w in warnings)


def test_better_biblatex_keeps_edtf_seasons_ranges_and_types() -> None:
    """date = {1979-23/1979-24} and {1979-09/1980-02} stay as written; @online, @collection, newspapers."""
    works = read("betterbiblatex.bib")
    assert works["lomax1979"]["issued"] == "1979-23/1979-24"
    assert works["lomax1979b"]["issued"] == "1979-09/1980-02"
    assert works["horvath2005"]["issued"] == "2005-23"
    assert works["litvan1996"]["editor"] == [{"family": "Litván", "given": "György"}]
    assert works["kende1996"]["container-title"].startswith("The Hungarian Revolution of 1956")
    assert works["haynes2006conf"]["type"] == "paper-conference"
    assert works["haynes2006conf"]["event-title"] == "London Socialist Historians Conference on 1956"
    assert works["haynes2006conf"]["status"] == "forthcoming"  # pubstate
    assert works["observer1956"]["type"] == "article-newspaper"
    assert works["anderson"]["type"] == "webpage"
    assert works["gyurko1996"]["language"] == "hu" and works["gyurko1996"]["volume"] == "2"


def test_jabref_string_macros_and_concatenation() -> None:
    """@String macros and '#' concatenation resolve; keys that are not chron ids are rebuilt."""
    works = read("jabref.bib")
    assert works["kramer1998"]["container-title"] == "Journal of Contemporary History"
    assert works["kramer1998"]["issued"] == "1998-04"
    assert works["pecsi1964"]["publisher-place"] == "London and Budapest"
    assert works["lomax1990"]["collection-title"] == "East European Monographs"
    assert works["haynes2006"]["type"] == "paper-conference"


def test_ris_from_zotero_endnote_and_mendeley() -> None:
    """Editors from A2 and EDBOOK, T2 as container, SP/EP pages, RIS dates and dates in words."""
    zotero, endnote, mendeley = read("zotero.ris"), read("endnote.ris"), read("mendeley.ris")
    assert zotero["granville1996"]["editor"] == [{"family": "Cox", "given": "Terry"}]
    assert zotero["horvath2005"]["issued"] == "2005-10"
    assert zotero["observer19561125"]["container-title"] == "The Observer"
    assert endnote["litvan1996"]["editor"] == [{"family": "Litván", "given": "György"}]
    assert "author" not in endnote["litvan1996"]
    assert endnote["kende1996"]["page"] == "177–182"
    assert endnote["lomax1979"]["issued"] == "1979-23/1979-24"  # DA - Autumn-Winter 1979-1980
    assert endnote["kramer1998"]["note"] == "A note from EndNote"
    assert mendeley["granville2003"]["page"] == "261–290"


def test_csl_json_seasons_raw_literal_dates_and_particles() -> None:
    """season "3" is autumn; raw and literal dates are read; a particle stays with the family name."""
    works = read("zotero.json")
    assert works["horvath2005"]["issued"] == "2005-23"
    assert works["horvath2005"]["page"] == "24–46"
    assert works["lomax1979"]["issued"] == "1979-23/1979-24"
    assert works["szemle1956"]["issued"] == "1956-11/1956-12"
    assert works["kende1996"]["author"] == [{"family": "Kende", "given": "Péter"}]  # id ITEM-5 rebuilt
    assert works["vanderberg"]["author"] == [{"family": "van der Berg", "given": "Jan"}]
    assert works["vanderberg"]["issued"] == "1957-23"


def test_fields_chron_cannot_store_are_listed() -> None:
    """Fields chron has no place for (a file path) are reported per work, not dropped in silence;
    the ones it stores (DOI, ISSN, urldate as `accessed`) are kept."""
    imported = import_works((BIB / "zotero.bib").read_text(encoding="utf-8"), "bibtex")
    ignored = dict(imported.ignored)
    assert "file" in ignored["horvath2005"] and "urldate" not in ignored["horvath2005"]
    [work] = [w for w in imported.works if w.id == "horvath2005"]
    assert work.DOI and work.ISSN and work.accessed and not {"DOI", "ISSN"} & set(ignored["horvath2005"])


# ---------------------------------------------------------------- ids and duplicates


def test_ids_follow_the_rule_and_are_disambiguated() -> None:
    """author-year, ASCII, lowercase; a taken id gets a, b…; a free chron-style key is kept."""
    bib = """
@book{Smith_cotton_1952, author = {Sm{\\'i}th, John}, title = {Cotton}, year = 1952}
@book{other, author = {Smith, John}, title = {Weaving}, year = 1952}
@book{third, author = {Smith, Ann}, title = {Spinning}, year = 1952}
@book{nodate, author = {Smith, Ann}, title = {The Looms of Lancashire}}
@article{x, journal = {The Times}, date = {1931-05-04}}
"""
    imported = import_works(bib, "biblatex", existing=[Work(id="smith1952a", type="book", title="Old")])
    assert [w.id for w in imported.works] == ["smith1952", "other", "third", "nodate", "x"]
    rebuilt = import_works(bib.replace("{other,", "{Other_1,").replace("{third,", "{T h,"), "bibtex")
    assert [w.id for w in rebuilt.works][:3] == ["smith1952", "smith1952a", "smith1952b"]
    ris = "TY  - BOOK\nAU  - Smith, Ann\nTI  - The Looms\nER  - \n\n"
    ris += "TY  - NEWS\nT2  - The Times\nDA  - 1931/05/04/\nER  - \n"
    no_keys = import_works(ris, "ris")
    assert [w.id for w in no_keys.works] == ["smith-looms", "times19310504"]


def test_duplicates_by_doi_and_by_title_year_and_author() -> None:
    """The same DOI, or the same folded title, year and first author, is a duplicate, not a new work."""
    bib = """
@article{a, author = {Horv{\\'a}th, S.}, title = {Everyday Life}, year = 2005, doi = {10.1017/X1}}
@article{b, author = {Horvath, Sandor}, title = {Another title}, year = 2005, doi = {https://doi.org/10.1017/x1}}
@article{c, author = {Horváth, S}, title = {EVERYDAY life!}, year = 2005}
@book{d, author = {Fryer, Peter}, title = {Hungarian Tragedy}, year = 1986}
"""
    existing = [
        Work(id="fryer1986", type="book", author=(Name(family="Fryer"),), title="Hungarian Tragedy", issued="1986")
    ]
    imported = import_works(bib, "bibtex", existing=existing)
    assert [w.id for w in imported.works] == ["a"]
    assert [(d.entry, d.existing) for d in imported.duplicates] == [("b", "a"), ("c", "a"), ("d", "fryer1986")]
    assert "DOI" in imported.duplicates[0].why


def test_broken_input_is_reported() -> None:
    """A broken BibTeX entry and a RIS file without its last ER line are reported, the rest is read."""
    bib = "@book{a, title = {Fine}, year = 2000}\n@book{b, title = {unclosed\n"
    bib += "@book{c, title = {Also fine}, year = 2001}\n"
    imported = import_works(bib, "bibtex")
    assert "a" in [w.id for w in imported.works] and imported.warnings
    ris = import_works("TY  - BOOK\nTI  - Last\nPY  - 1999\n", "ris")
    assert [w.title for w in ris.works] == ["Last"] and "ER" in ris.warnings[0]
    assert "not JSON" in import_works("[{", "csl-json").warnings[0]


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("refs.bib", "", "bibtex"),
        ("refs.RIS", "", "ris"),
        ("refs.json", "", "csl-json"),
        ("", '[{"id": "a"}]', "csl-json"),
        ("", "TY  - BOOK\nER  - \n", "ris"),
        ("", "% comment\n@book{a, title={T}}", "bibtex"),
    ],
)
def test_detect_format(name: str, text: str, fmt: str) -> None:
    """The format comes from the file name's ending, else from the text's first characters."""
    assert detect_format(text, name) == fmt


def test_an_unknown_format_is_a_clear_error() -> None:
    """Text that is none of the four formats raises a ChronError that names them."""
    with pytest.raises(ChronError, match="bibtex, biblatex, csl-json, ris"):
        detect_format("just words", "notes.txt")


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("1979-09/1980-02", "1979-09/1980-02"),
        ("Fall 2005", "2005-23"),
        ("Autumn–Winter 1979–1980", "1979-23/1979-24"),
        ("Winter 1979-80", "1979-24"),
        ("November-December 1956", "1956-11/1956-12"),
        ("Nov. 25, 1956", "1956-11-25"),
        ("25 November 1956", "1956-11-25"),
        ("1998/04//", "1998-04"),
        ("c. 1956", "1956~"),
        ("1953–1963", "1953/1963"),
        ("forthcoming", None),
        ("n.d.", None),
    ],
)
def test_dates_in_words(text: str, edtf: str | None) -> None:
    """Dates as people type them become chron's EDTF, or nothing; never a guess."""
    assert from_text(text) == edtf


def test_csl_dates() -> None:
    """CSL date objects: date-parts as strings or numbers, two parts for a range, season, circa, literal."""
    assert from_csl({"date-parts": [["2005"]], "season": 3}) == "2005-23"
    assert from_csl({"date-parts": [[1956, 11], [1956, 12]]}) == "1956-11/1956-12"
    assert from_csl({"date-parts": [[1956]], "circa": True}) == "1956~"
    assert from_csl({"literal": "Autumn–Winter 1979–1980"}) == "1979-23/1979-24"
    assert from_csl({"date-parts": [["x"]]}) is None


# ---------------------------------------------------------------- the corpus round trip

CORPUS = Path(__file__).parent / "corpus" / "items.json"
NO_ARCHIVE = "biblatex has no archive fields: archive and archive_location share `library`, read back as archive"
ONLINE = "@online has no container: a web page's site is its `organization`, read back as publisher"
NO_ROLE = "no biblatex field for this role"
NOT_IN_TYPE = "the entry type biblatex gives this work has no such field"
BIB_LOSSES = {
    "archive": NO_ARCHIVE,
    "archive_location": NO_ARCHIVE,
    "container-title": ONLINE + "; an interview's or broadcast's programme: @misc has no container",
    "publisher": ONLINE,
    "interviewer": NO_ROLE,
    "recipient": NO_ROLE,
    "director": NO_ROLE,
    "collection-title": NOT_IN_TYPE + " (@report, @booklet: no series)",
    "collection-number": NOT_IN_TYPE + " (@report, @booklet: no series number)",
    "edition": NOT_IN_TYPE + " (@article, @booklet: no edition)",
    "section": "no biblatex field for a newspaper's section",
    "genre": NOT_IN_TYPE + " (@article: no type)",
    "issue": NOT_IN_TYPE + " (@misc: no issue)",
    "page": NOT_IN_TYPE + " (@misc: no pages)",
    "number": NOT_IN_TYPE + " (@misc: no number)",
}
CORPUS_LOSSES: dict[str, dict[str, str]] = {
    "csl-json": {},
    "biblatex": BIB_LOSSES,
    "bibtex": BIB_LOSSES
    | {
        "issued": "BibTeX's year cannot say 'circa': 1790~ comes back 1790",
        "container-author": "BibTeX's @incollection has no book author (BibLaTeX's @inbook does)",
    },
    "ris": {
        "status": "RIS has no publication status",
        "original-date": "RIS has no tag for the original's date",
        "original-publisher": "RIS has no tag for the original's publisher",
        "original-publisher-place": "RIS has no tag for the original's place",
        "volume-title": "RIS has no volume title",
        "interviewer": "RIS has no interviewer",
        "medium": "RIS's M3 is the genre for most types (the medium only for MPCT, MUSIC, EBOOK)",
        "genre": "RIS's M3 is the medium for MPCT (broadcasts)",
        "author": "a broadcast's AU is its director (Zotero, citation.js)",
        "type": "RIS has no interview, archival collection or book-review type (GEN, JOUR)",
        "collection-number": "RIS has no series number for a report or a pamphlet",
    },
}


@pytest.mark.parametrize("fmt", sorted(export.EXPORTS))
def test_the_corpus_round_trip_loses_only_what_the_format_cannot_hold(fmt: str) -> None:
    """The corpus, exported and imported, gives back every field except the listed ones that the
    format has no place for (docs/citations.md has the same table); every listed loss still happens."""
    works = list(import_works(CORPUS.read_text(encoding="utf-8"), "csl-json").works)
    got = {w.id: comparable(w) for w in import_works(export.EXPORTS[fmt].render(works), fmt).works}
    lost = set()
    for work in works:
        want = comparable(work)
        lost |= {f for f in set(want) | set(got[work.id]) if want.get(f) != got[work.id].get(f)}
    assert lost == set(CORPUS_LOSSES[fmt])

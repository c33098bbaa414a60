"""chron.tomlwrite: works and cites added to a hand-edited sources.toml keep its comments and layout."""

from __future__ import annotations

import tomli

from chron.bibimport import import_works
from chron.link import NoteText, link
from chron.models import Cite, Name, Work
from chron.tomlwrite import add_works, fill_cites, work_toml

HAND_EDITED = """\
#:schema ../docs/schema/sources.schema.json
# My reading notes on the mills — edited by hand, keep this comment.
schema_version = 1

[article]
id = "me2024"    # the text itself
type = "article-journal"
title = "Looms and Lockouts"

[[works]]
id = "smith1952"   # bought in Leeds
type = "book"
author = [{family="Smith", given="John"}]
title = 'The Cotton Mills'
issued = "1952"

# ---- notes from here on ----
[[notes]]
n = 1
text = "J. Smith, The Cotton Mills, p. 4."   # checked against the scan

[[notes]]
n = 2
text = "Ibid., p. 9."
attached_to = "the strike"
[[notes.cites]]
work = "smith1952"
locator = "9"   # curated: do not touch
label = "page"

[[notes]]
n = 3
text = "A. Brown, Strikes and Lockouts (Oxford, 1960), ch. 2."
"""

BROWN = Work(id="brown1960", type="book", author=(Name(family="Brown", given="Alice"),), title="Strikes and Lockouts",
             publisher_place="Oxford", issued="1960")  # fmt: skip


def test_adding_works_keeps_every_comment_and_line_of_the_file() -> None:
    """Every line of the original is still there, in order; the new work sits after the last work."""
    out = add_works(HAND_EDITED, [BROWN])
    original = HAND_EDITED.splitlines()
    lines = out.splitlines()
    it = iter(lines)
    assert all(any(line == seen for seen in it) for line in original), out
    assert out.index('id = "brown1960"') < out.index("# ---- notes from here on ----") < out.index("[[notes]]")
    data = tomli.loads(out)
    assert [w["id"] for w in data["works"]] == ["smith1952", "brown1960"]
    assert data["works"][1] == {
        "id": "brown1960",
        "type": "book",
        "author": [{"family": "Brown", "given": "Alice"}],
        "title": "Strikes and Lockouts",
        "publisher-place": "Oxford",
        "issued": "1960",
    }


def test_filling_cites_never_touches_a_note_that_has_them() -> None:
    """Notes 1 and 3 get [[notes.cites]]; curated note 2 is byte-for-byte the same; comments stay."""
    with_brown = add_works(HAND_EDITED, [BROWN])
    proposal = {
        1: [Cite(work="smith1952", locator="4", label="page")],
        2: [Cite(work="brown1960")],  # note 2 has cites: must be ignored
        3: [Cite(work="brown1960", locator="2", label="chapter")],
    }
    out, filled = fill_cites(with_brown, proposal)
    assert filled == (1, 3)
    curated = 'text = "Ibid., p. 9."\nattached_to = "the strike"\n[[notes.cites]]\nwork = "smith1952"\n'
    curated += 'locator = "9"   # curated: do not touch\nlabel = "page"\n'
    assert curated in out
    for comment in (
        "# My reading notes",
        "# the text itself",
        "# bought in Leeds",
        "# ---- notes",
        "# checked against",
    ):
        assert comment in out
    data = tomli.loads(out)
    assert [n.get("cites") for n in data["notes"]] == [
        [{"work": "smith1952", "locator": "4", "label": "page"}],
        [{"work": "smith1952", "locator": "9", "label": "page"}],
        [{"work": "brown1960", "locator": "2", "label": "chapter"}],
    ]


def test_import_then_link_then_write_round_trips_through_tomli() -> None:
    """A .bib imported into the file and the notes linked and written give the data one expects."""
    bib = (
        "@book{brown1960, author = {Brown, Alice}, title = {Strikes and Lockouts}, location = {Oxford}, date = {1960}}"
    )
    smith = Work(id="smith1952", type="book", author=(Name(family="Smith", given="John"),), title="The Cotton Mills",
                 issued="1952")  # fmt: skip
    imported = import_works(bib, "biblatex", existing=[smith])
    text = add_works(HAND_EDITED, imported.works)
    notes = tomli.loads(text)["notes"]
    linking = link(
        [NoteText(n["n"], n["text"], tuple(Cite(**c) for c in n.get("cites", []))) for n in notes],
        [smith, *imported.works],
    )
    out, filled = fill_cites(text, {p.n: [c.cite() for c in p.cites] for p in linking.proposals})
    assert filled == (1, 3)
    data = tomli.loads(out)
    assert data["notes"][0]["cites"] == [{"work": "smith1952", "locator": "4", "label": "page"}]
    assert data["notes"][2]["cites"] == [{"work": "brown1960", "locator": "2", "label": "chapter"}]
    assert data["notes"][1]["cites"] == [{"work": "smith1952", "locator": "9", "label": "page"}]


def test_a_file_without_works_gets_them_above_the_notes_and_their_comment() -> None:
    """With no [[works]] yet, new works go before the first [[notes]] and the comment lines above it."""
    text = HAND_EDITED.replace(HAND_EDITED[HAND_EDITED.index("[[works]]") : HAND_EDITED.index("# ----")], "")
    out = add_works(text, [BROWN])
    assert out.index("[[works]]") < out.index("# ---- notes from here on ----")
    assert tomli.loads(out)["works"][0]["id"] == "brown1960"


def test_new_works_are_written_in_the_shipped_style() -> None:
    """Names are inline tables with spaces, keys hyphenated, unset fields left out."""
    assert work_toml(BROWN) == (
        '[[works]]\nid = "brown1960"\ntype = "book"\nauthor = [{ family = "Brown", given = "Alice" }]\n'
        'title = "Strikes and Lockouts"\npublisher-place = "Oxford"\nissued = "1960"\n'
    )
